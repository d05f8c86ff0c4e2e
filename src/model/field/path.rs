//! A field of one draft: the field and, for the rows of a list, the row.

use std::fmt;
use std::str::FromStr;

use super::{Article, Field, Kind};
use crate::model::{Draft, Step};

/// One field of a draft, written in the draft's own field names:
/// `delegant.representative.title`, `budget.schedule[0].cp`, `visas[2]`,
/// `rgpd_matrix` (the whole list). Cheap to copy and to compare; ordered
/// as the draft format is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath {
    field: Field,
    row: Option<usize>,
}

/// A path that names no field of a draft.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("« {0} » ne désigne aucun champ d'un brouillon")]
pub struct UnknownField(pub String);

impl FieldPath {
    /// A path; `row` is kept only for fields in a row.
    pub(super) fn new(field: Field, row: Option<usize>) -> Self {
        let row = if field.in_row() {
            Some(row.unwrap_or(0))
        } else {
            None
        };
        Self { field, row }
    }

    /// The field.
    pub fn field(self) -> Field {
        self.field
    }

    /// The row, for a field of a list's row.
    pub fn row(self) -> Option<usize> {
        self.row
    }

    /// The step that edits it.
    pub fn step(self) -> Step {
        self.field.step()
    }

    /// The main article it appears in.
    pub fn article(self) -> Article {
        self.field.article()
    }

    /// The list it belongs to (for a row or a column), as a path.
    pub fn list(self) -> Option<FieldPath> {
        self.field.list().map(Field::path)
    }

    /// The whole row it belongs to (for a row or a column).
    pub fn row_path(self) -> Option<FieldPath> {
        match self.field.kind() {
            Kind::Row => Some(self),
            Kind::Column => self.field.parent().map(|row| FieldPath::new(row, self.row)),
            Kind::Value | Kind::List => None,
        }
    }

    /// The same field in another row of its list.
    pub fn in_row(self, index: usize) -> FieldPath {
        FieldPath::new(self.field, self.row.map(|_| index))
    }

    /// Whether `other` is this field or lies within it: a list holds its
    /// rows and their columns, a row its columns.
    pub fn contains(self, other: FieldPath) -> bool {
        if self == other {
            return true;
        }
        match self.field.kind() {
            Kind::List => other.field.list() == Some(self.field),
            Kind::Row => other.row_path() == Some(self),
            Kind::Value | Kind::Column => false,
        }
    }

    /// Its name for people, without looking at a draft: « Qualité du
    /// représentant du délégant », « Échéancier, ligne 2 — CP ».
    pub fn label(self) -> String {
        self.label_with(None)
    }

    /// Its name for people, the rows named as the draft lets: « Exercice
    /// 2023 — CP », « Annexe RGPD, « Territorialité » — délégant ».
    pub fn label_in(self, draft: &Draft) -> String {
        self.label_with(Some(draft))
    }

    fn label_with(self, draft: Option<&Draft>) -> String {
        let info = self.field.info();
        match info.kind {
            Kind::Value | Kind::List => info.label.to_owned(),
            Kind::Row => row_name(self.field, self.row.unwrap_or(0), draft),
            Kind::Column => {
                let row = info.parent.unwrap_or(self.field);
                format!(
                    "{} — {}",
                    row_name(row, self.row.unwrap_or(0), draft),
                    info.label
                )
            }
        }
    }
}

/// The name of row `index` of a list, by its identity when the draft gives
/// one.
fn row_name(row: Field, index: usize, draft: Option<&Draft>) -> String {
    let number = index + 1;
    match row {
        Field::ScheduleRow => match draft.and_then(|d| d.budget.schedule.get(index)) {
            Some(line) => format!("Exercice {}", line.year),
            None => format!("Échéancier, ligne {number}"),
        },
        Field::RgpdRow => match draft
            .and_then(|d| d.rgpd_matrix.get(index))
            .map(|line| line.topic.trim())
            .filter(|topic| !topic.is_empty())
        {
            Some(topic) => format!("Annexe RGPD, « {topic} »"),
            None => format!("Annexe RGPD, ligne {number}"),
        },
        other => format!("{} {number}", other.info().label),
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pattern = self.field.info().pattern;
        match (self.row, pattern.split_once("[]")) {
            (Some(row), Some((list, rest))) => write!(f, "{list}[{row}]{rest}"),
            _ => f.write_str(pattern),
        }
    }
}

impl fmt::Debug for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{self}`")
    }
}

impl FromStr for FieldPath {
    type Err = UnknownField;

    /// Reads `budget.schedule[0].cp`; spaces around it are ignored.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownField(text.to_owned());
        let trimmed = text.trim();
        let mut pattern = String::with_capacity(trimmed.len());
        let mut row = None;
        let mut rest = trimmed;
        while let Some(open) = rest.find('[') {
            let close = rest[open..].find(']').ok_or_else(unknown)? + open;
            let digits = &rest[open + 1..close];
            if row.is_some() || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(unknown());
            }
            row = Some(digits.parse::<usize>().map_err(|_| unknown())?);
            pattern.push_str(&rest[..open]);
            pattern.push_str("[]");
            rest = &rest[close + 1..];
        }
        pattern.push_str(rest);
        let field = Field::from_pattern(&pattern).ok_or_else(unknown)?;
        Ok(FieldPath::new(field, row))
    }
}

impl serde::Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for FieldPath {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(crate::model::json_error::french)
    }
}

impl schemars::JsonSchema for FieldPath {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FieldPath".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Chemin d'un champ du brouillon, par exemple budget.schedule[0].cp.",
            "examples": ["delegant.representative.title", "budget.schedule[0].cp"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::field::FIELDS;

    fn path(text: &str) -> FieldPath {
        text.parse().expect("a field")
    }

    #[test]
    fn paths_read_and_write_as_in_draft_files() {
        for text in [
            "title",
            "delegant.representative.title",
            "visas",
            "visas[2]",
            "budget.schedule",
            "budget.schedule[0].cp",
            "budget.schedule[12]",
            "chorus.activites[1].label",
            "rgpd_matrix[10].delegant",
            "end_date",
        ] {
            assert_eq!(path(text).to_string(), text);
        }
        assert_eq!(path(" budget.schedule[3].ae ").field(), Field::ScheduleAe);
        for wrong in [
            "",
            "delegant",
            "budget.schedule[].cp",
            "budget.schedule[x].cp",
            "budget.schedule[1",
            "visas[1][2]",
            "title[0]",
            "budget.schedule.cp",
        ] {
            assert!(wrong.parse::<FieldPath>().is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn every_field_round_trips() {
        for info in &FIELDS {
            let path = if info.field.in_row() {
                info.field.at(4)
            } else {
                info.field.path()
            };
            assert_eq!(path.to_string().parse::<FieldPath>(), Ok(path));
            assert!(!path.label().is_empty());
            assert!(!path.label().contains(['_', '[']), "{}", path.label());
        }
    }

    #[test]
    fn labels_name_rows_by_their_identity() {
        let draft = crate::model::example();
        assert_eq!(
            path("budget.schedule[1].cp").label_in(&draft),
            "Exercice 2023 — CP"
        );
        assert_eq!(
            path("budget.schedule[1].cp").label(),
            "Échéancier, ligne 2 — CP"
        );
        assert_eq!(
            path("rgpd_matrix[10].delegant").label_in(&draft),
            "Annexe RGPD, « Territorialité » — délégant"
        );
        assert_eq!(
            path("delegant.representative.title").label_in(&draft),
            "Qualité du représentant du délégant"
        );
        assert_eq!(path("visas[1]").label(), "Visa 2");
        assert_eq!(
            path("chorus.activites[0].code").label(),
            "Activité 1 — code"
        );
        assert_eq!(
            path("budget.schedule[7].ae").label_in(&draft),
            "Échéancier, ligne 8 — AE"
        );
    }

    #[test]
    fn lists_contain_their_rows_and_rows_their_columns() {
        let schedule = Field::Schedule.path();
        let row = Field::ScheduleRow.at(2);
        let cp = Field::ScheduleCp.at(2);
        assert!(schedule.contains(cp) && schedule.contains(row));
        assert!(row.contains(cp) && !row.contains(Field::ScheduleCp.at(1)));
        assert!(!cp.contains(row) && !schedule.contains(Field::Uo.path()));
        assert_eq!(cp.row_path(), Some(row));
        assert_eq!(cp.list(), Some(schedule));
        assert_eq!(cp.in_row(5).to_string(), "budget.schedule[5].cp");
        assert_eq!(Field::Visa.at(1).row_path(), Some(Field::Visa.at(1)));
    }

    #[test]
    fn paths_serialize_as_strings() {
        let cp = Field::ScheduleCp.at(0);
        let json = serde_json::to_string(&cp).expect("json");
        assert_eq!(json, "\"budget.schedule[0].cp\"");
        assert_eq!(serde_json::from_str::<FieldPath>(&json).expect("back"), cp);
        assert!(serde_json::from_str::<FieldPath>("\"budget.nope\"").is_err());
    }
}
