//! The parts of the convention's text a field can appear in.

use serde::Serialize;

/// A part of the convention as the built-in template writes it: the title,
/// the parties, the visas, the préambule, a numbered article, the signatures
/// or an annex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Article {
    /// The document's title.
    Title,
    /// The head of the document: who the parties are and who represents
    /// them.
    Parties,
    /// The texts cited, « Vu … ».
    Visas,
    /// The préambule.
    Preamble,
    /// Article 1 to 8.
    Numbered(u8),
    /// « Fait à …, le … » and the signature blocks.
    Signatures,
    /// Annexe 1 (the RGPD matrix).
    Annex(u8),
}

/// The titles of the built-in template's articles, from Article 1.
const TITLES: [&str; 8] = [
    "Objet de la délégation",
    "Obligations du délégant",
    "Obligations de la DINUM",
    "Respect des règles de protection des données à caractère personnel",
    "Exécution financière de la délégation",
    "Modification du document",
    "Durée et résiliation de la convention",
    "Publication de la délégation",
];

impl Article {
    /// Its short name: « Article 5 », « Annexe 1 », « Préambule ».
    pub fn name(self) -> String {
        match self {
            Article::Title => "Titre".to_owned(),
            Article::Parties => "Parties".to_owned(),
            Article::Visas => "Visas".to_owned(),
            Article::Preamble => "Préambule".to_owned(),
            Article::Numbered(n) => format!("Article {n}"),
            Article::Signatures => "Signatures".to_owned(),
            Article::Annex(n) => format!("Annexe {n}"),
        }
    }

    /// Its name and, for a numbered article of the built-in template, its
    /// title: « Article 5 : Exécution financière de la délégation ».
    pub fn heading(self) -> String {
        match self {
            Article::Numbered(n) => match TITLES.get(usize::from(n).wrapping_sub(1)) {
                Some(title) => format!("Article {n} : {title}"),
                None => self.name(),
            },
            Article::Annex(1) => {
                "Annexe 1 : tableau de répartition des responsabilités RGPD".to_owned()
            }
            _ => self.name(),
        }
    }

    /// The article a heading of the document opens: « Article 5 : … » is
    /// article 5, « Préambule » the préambule, « Annexe 1 : … » annex 1.
    /// `None` for any other heading.
    pub fn of_heading(heading: &str) -> Option<Article> {
        // The document ties the number with a no-break space.
        let text = heading.trim().replace(['\u{a0}', '\u{202f}'], " ");
        let text = text.as_str();
        let number_after = |prefix: &str| -> Option<u8> {
            let rest = text.strip_prefix(prefix)?;
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = rest[digits.len()..].chars().next();
            // « Article 1er », « Article 5 : », « Article 5 ».
            let ends = after.is_none_or(|c| !c.is_alphanumeric() || c == 'e');
            if ends { digits.parse().ok() } else { None }
        };
        if let Some(n) = number_after("Article ") {
            return Some(Article::Numbered(n));
        }
        if let Some(n) = number_after("Annexe ") {
            return Some(Article::Annex(n));
        }
        text.to_lowercase()
            .starts_with("préambule")
            .then_some(Article::Preamble)
    }
}

impl Serialize for Article {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_their_article() {
        assert_eq!(
            Article::of_heading("Article\u{a0}5\u{a0}: Exécution financière"),
            Some(Article::Numbered(5))
        );
        assert_eq!(
            Article::of_heading("Article 1er – Objet"),
            Some(Article::Numbered(1))
        );
        assert_eq!(
            Article::of_heading("Annexe 1 : tableau"),
            Some(Article::Annex(1))
        );
        assert_eq!(Article::of_heading("Préambule"), Some(Article::Preamble));
        assert_eq!(Article::of_heading("Articles divers"), None);
        assert_eq!(Article::of_heading("Article 12b"), None);
    }

    #[test]
    fn names_and_headings() {
        assert_eq!(Article::Numbered(7).name(), "Article 7");
        assert_eq!(
            Article::Numbered(7).heading(),
            "Article 7 : Durée et résiliation de la convention"
        );
        assert_eq!(Article::Numbered(9).heading(), "Article 9");
        assert_eq!(Article::Preamble.heading(), "Préambule");
    }
}
