//! The state of an import while the finders go through the document: the
//! draft being filled, what was found where, what is doubtful, which
//! lines were understood.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::{Found, ImportReport, Missing, Unmatched, Unsure};
use crate::model::review::Subject;
use crate::model::{Draft, Field, FieldPath, Party, Signature};

/// An import under way.
pub(super) struct Reading<'a> {
    /// The document.
    pub doc: &'a Doc,
    /// The draft being filled.
    pub draft: Draft,
    /// The fields found, each with the line it came from.
    found: Vec<(usize, Found)>,
    /// The doubtful values.
    unsure: Vec<Unsure>,
    /// Which lines a finder understood.
    used: Vec<bool>,
}

/// The fields an import looks for, and whether a convention must have
/// them. Lists count as found when one row is.
const EXPECTED: &[(Field, bool)] = &[
    (Field::DelegantName, true),
    (Field::DelegantShortName, true),
    (Field::DelegantAddress, true),
    (Field::DelegantRepresentativeName, true),
    (Field::DelegantRepresentativeTitle, true),
    (Field::DelegataireName, true),
    (Field::DelegataireShortName, true),
    (Field::DelegataireAddress, true),
    (Field::DelegataireRepresentativeName, true),
    (Field::DelegataireRepresentativeTitle, true),
    (Field::Visas, true),
    (Field::Beneficiary, true),
    (Field::Purpose, true),
    (Field::Phase, true),
    (Field::Commitments, false),
    (Field::Uo, true),
    (Field::HorsTitre2, false),
    (Field::Schedule, true),
    (Field::AxeMinisteriel1, false),
    (Field::DomaineFonctionnel, true),
    (Field::CentreFinancier, true),
    (Field::Activites, true),
    (Field::CentreDeCout, true),
    (Field::SignaturePlace, true),
    (Field::SignatureDate, true),
    (Field::EndDate, true),
    (Field::NoticeMonths, true),
    (Field::RgpdMatrix, true),
];

impl<'a> Reading<'a> {
    /// A reading of `doc` into an empty draft: no party, no visa, no
    /// commitment, no RGPD row; the standard title, notice and hors
    /// titre 2 until the document says otherwise.
    pub fn new(doc: &'a Doc) -> Self {
        let draft = Draft {
            delegataire: Party::default(),
            visas: Vec::new(),
            commitments: Vec::new(),
            rgpd_matrix: Vec::new(),
            signature: Signature::default(),
            ..Draft::blank()
        };
        Reading {
            doc,
            draft,
            found: Vec::new(),
            unsure: Vec::new(),
            // Headings are the text's structure, not clauses.
            used: doc.lines.iter().map(|line| line.heading).collect(),
        }
    }

    /// The text of line `index`.
    pub fn text(&self, index: usize) -> &'a str {
        self.doc
            .lines
            .get(index)
            .map_or("", |line| line.text.as_str())
    }

    /// Notes that `path` was found on line `line`, with the value as
    /// written for people.
    pub fn found(&mut self, line: usize, path: FieldPath, value: impl Into<String>) {
        let sentence = self.text(line).replace('\n', " ");
        self.found_in(line, path, value, sentence);
    }

    /// Notes that `path` was found at line `line`, in `sentence` (a
    /// table's whole row, when the line is one of its cells).
    pub fn found_in(
        &mut self,
        line: usize,
        path: FieldPath,
        value: impl Into<String>,
        sentence: String,
    ) {
        self.use_line(line);
        self.found.push((
            line,
            Found {
                path,
                value: value.into(),
                sentence,
            },
        ));
    }

    /// Notes a doubt on `path`.
    pub fn unsure(&mut self, path: FieldPath, reason: impl Into<String>) {
        let reason = reason.into();
        if !self
            .unsure
            .iter()
            .any(|u| u.path == path && u.reason == reason)
        {
            self.unsure.push(Unsure { path, reason });
        }
    }

    /// Marks a line as understood (a clause known to carry no field, or
    /// one a finder read).
    pub fn use_line(&mut self, line: usize) {
        if let Some(used) = self.used.get_mut(line) {
            *used = true;
        }
    }

    /// Whether a line was understood.
    pub fn is_used(&self, line: usize) -> bool {
        self.used.get(line).copied().unwrap_or(true)
    }

    /// Whether `field` (or a row of it) was found.
    pub fn has(&self, field: Field) -> bool {
        let path = field.path();
        self.found
            .iter()
            .any(|(_, found)| path.contains(found.path) || found.path.list() == Some(path))
    }

    /// How many fields were found.
    pub fn found_count(&self) -> usize {
        self.found.len()
    }

    /// The field found nearest to line `line`: the last one found above
    /// it, else the first below, else the title.
    pub fn nearest(&self, line: usize) -> FieldPath {
        let above = self
            .found
            .iter()
            .filter(|(at, _)| *at <= line)
            .max_by_key(|(at, _)| *at)
            .map(|(_, found)| found.path);
        let below = || {
            self.found
                .iter()
                .filter(|(at, _)| *at > line)
                .min_by_key(|(at, _)| *at)
                .map(|(_, found)| found.path)
        };
        above.or_else(below).unwrap_or(Field::Title.path())
    }

    /// The draft and its report; every missing field, doubtful value and
    /// unmatched passage becomes a comment by « Import » on its field.
    pub fn finish(
        self,
        source: &str,
        unmatched: Vec<Unmatched>,
        now: DateTime<Utc>,
    ) -> (Draft, ImportReport) {
        let missing: Vec<Missing> = EXPECTED
            .iter()
            .filter(|(field, _)| !self.has(*field))
            .map(|(field, required)| Missing {
                path: field.path(),
                required: *required,
            })
            .collect();
        // In the order of the document.
        let mut found = self.found;
        found.sort_by_key(|(line, _)| *line);
        let found: Vec<Found> = found.into_iter().map(|(_, found)| found).collect();
        let report = ImportReport {
            source: source.to_owned(),
            found,
            missing,
            unsure: self.unsure,
            unmatched,
        };
        let mut draft = self.draft;
        let review = &mut draft.review;
        let author = super::AUTHOR;
        review.add_comment(
            Subject::Document,
            author,
            now,
            &format!("Brouillon importé de « {source} » : {}.", report.summary()),
        );
        for item in &report.missing {
            let text = if item.required {
                format!("Non trouvé dans « {source} » : à compléter.")
            } else {
                format!("Non trouvé dans « {source} » (facultatif).")
            };
            review.add_comment(Subject::Field(item.path), author, now, &text);
        }
        for item in &report.unsure {
            review.add_comment(
                Subject::Field(item.path),
                author,
                now,
                &format!("À vérifier : {}.", item.reason),
            );
        }
        for item in &report.unmatched {
            review.add_comment(
                Subject::Field(item.near),
                author,
                now,
                &format!(
                    "Passage de « {source} » non reconnu, gardé ici : « {} »",
                    item.text
                ),
            );
        }
        (draft, report)
    }
}
