//! What a comment is about: one field, one article, or the whole draft.

use std::fmt;
use std::str::FromStr;

use crate::model::field::FIELDS;
use crate::model::{Article, Field, FieldPath, Step};

/// What a comment is about. In a draft file it is one string: a field
/// path (`budget.schedule[0].cp`), an article's name (`Article 5`,
/// `Annexe 1`, `Préambule`, `Visas`, `Parties`, `Titre`, `Signatures`), or
/// `document` for the whole draft. Field paths are lower case and have no
/// space, so the three never clash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// The whole draft.
    Document,
    /// A part of the text: an article, an annex, the préambule…
    Article(Article),
    /// One field (or one row) of the draft.
    Field(FieldPath),
}

/// The word that names the whole draft.
const DOCUMENT: &str = "document";

/// Every article a comment can name, for parsing.
fn articles() -> impl Iterator<Item = Article> {
    [
        Article::Title,
        Article::Parties,
        Article::Visas,
        Article::Preamble,
        Article::Signatures,
    ]
    .into_iter()
    .chain((1..=99).map(Article::Numbered))
    .chain((1..=9).map(Article::Annex))
}

impl Subject {
    /// The article it is in: its own, or its field's main article; `None`
    /// for the whole draft.
    pub fn article(self) -> Option<Article> {
        match self {
            Subject::Document => None,
            Subject::Article(article) => Some(article),
            Subject::Field(path) => Some(path.article()),
        }
    }

    /// The field that stands for it where a field is needed (a finding, a
    /// click that opens a step): the field itself, else the first field
    /// shown in the article, else the title.
    pub fn path(self) -> FieldPath {
        match self {
            Subject::Field(path) => path,
            Subject::Article(article) => {
                let outside_rows = || FIELDS.iter().filter(|info| !info.field.in_row());
                outside_rows()
                    .find(|info| info.articles.first() == Some(&article))
                    .or_else(|| outside_rows().find(|info| info.articles.contains(&article)))
                    .map_or(Field::Title.path(), |info| info.field.path())
            }
            Subject::Document => Field::Title.path(),
        }
    }

    /// The step of the app where it is shown.
    pub fn step(self) -> Step {
        match self {
            Subject::Document => Step::Relecture,
            _ => self.path().step(),
        }
    }

    /// Its name for people: the field's label (with its row), the
    /// article's heading, « l'ensemble du brouillon ».
    pub fn label_in(self, draft: &crate::model::Draft) -> String {
        match self {
            Subject::Document => "Ensemble du brouillon".to_owned(),
            Subject::Article(article) => article.heading(),
            Subject::Field(path) => path.label_in(draft),
        }
    }
}

impl From<FieldPath> for Subject {
    fn from(path: FieldPath) -> Self {
        Subject::Field(path)
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Document => f.write_str(DOCUMENT),
            Subject::Article(article) => f.write_str(&article.name()),
            Subject::Field(path) => write!(f, "{path}"),
        }
    }
}

/// A subject that names nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "« {0} » ne désigne ni un champ, ni un article (« Article 5 », « Annexe 1 », « Préambule »…), ni « document »"
)]
pub struct UnknownSubject(pub String);

impl FromStr for Subject {
    type Err = UnknownSubject;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text == DOCUMENT {
            return Ok(Subject::Document);
        }
        if let Some(article) = articles().find(|article| article.name() == text) {
            return Ok(Subject::Article(article));
        }
        text.parse::<FieldPath>()
            .map(Subject::Field)
            .map_err(|_| UnknownSubject(text.to_owned()))
    }
}

impl serde::Serialize for Subject {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Subject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(crate::model::json_error::french)
    }
}

impl schemars::JsonSchema for Subject {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Subject".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Ce dont parle la remarque : un chemin de champ (« budget.schedule[0].cp »), un article (« Article 5 », « Annexe 1 », « Préambule », « Visas », « Parties », « Titre », « Signatures ») ou « document » pour l'ensemble du brouillon.",
            "examples": ["budget.schedule[0].cp", "Article 5", "document"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_read_and_write_as_one_string() {
        for text in [
            "document",
            "Article 5",
            "Annexe 1",
            "Préambule",
            "Visas",
            "visas",
            "visas[2]",
            "budget.schedule[0].cp",
            "rgpd_matrix[3].delegant",
        ] {
            let subject: Subject = text.parse().expect(text);
            assert_eq!(subject.to_string(), text);
        }
        assert_eq!(
            "Visas".parse::<Subject>(),
            Ok(Subject::Article(Article::Visas))
        );
        assert!(matches!("visas".parse::<Subject>(), Ok(Subject::Field(_))));
        assert!("Article".parse::<Subject>().is_err());
        assert!("budget.nope".parse::<Subject>().is_err());
    }

    #[test]
    fn every_subject_has_a_field_to_open() {
        let article_five = Subject::Article(Article::Numbered(5));
        assert_eq!(article_five.path().article(), Article::Numbered(5));
        assert_eq!(Subject::Document.path(), Field::Title.path());
        assert_eq!(Subject::Document.step(), Step::Relecture);
        // An article no field names still opens somewhere.
        let _ = Subject::Article(Article::Numbered(42)).path();
    }
}
