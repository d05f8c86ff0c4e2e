//! Why a reviewed DOCX cannot be read, or is refused for a draft.

/// Why a reviewed DOCX cannot be read, or is refused for a draft. The
/// messages do not name the files: the caller, who knows them, does.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The bytes are not a DOCX package.
    #[error("ce n'est pas un fichier DOCX : {0}")]
    NotDocx(String),
    /// A part of the package is not well-formed XML.
    #[error("la partie {part} du DOCX est illisible : {reason}")]
    Part {
        /// The part's name in the package (`word/comments.xml`).
        part: String,
        /// What is wrong, with the line and the column.
        reason: String,
    },
    /// The DOCX holds more comments and tracked changes than a review
    /// makes: refused rather than compared one by one with the draft's.
    #[error(
        "ce DOCX a plus de {limit} remarques (commentaires et modifications suivies) : ce n'est pas une relecture, rien n'est importé"
    )]
    TooMany {
        /// The most a DOCX may have.
        limit: usize,
    },
    /// The DOCX says nothing of the draft it came from.
    #[error(
        "ce DOCX n'a pas d'empreinte de brouillon (propriété « Empreinte du brouillon ») : ce n'est pas un export de Convention ; ajoutez --force pour importer ses remarques quand même"
    )]
    NoHash {
        /// The hash of the draft.
        expected: String,
    },
    /// The DOCX was exported from another draft.
    #[error(
        "ce DOCX a été exporté d'un autre brouillon (empreinte {found}, celle du brouillon est {expected}) ; ajoutez --force pour importer ses remarques quand même"
    )]
    OtherDraft {
        /// The hash in the DOCX.
        found: String,
        /// The hash of the draft.
        expected: String,
    },
}

impl ImportError {
    /// Whether the file was read but refused for this draft (the caller
    /// may then insist), rather than unreadable.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            ImportError::NoHash { .. } | ImportError::OtherDraft { .. }
        )
    }
}
