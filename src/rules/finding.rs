//! A finding: what a rule says about one field of a draft.

use serde::Serialize;

use crate::model::FieldPath;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The convention cannot be signed as it is.
    Error,
    /// Probably a mistake; worth a second look.
    Warning,
    /// Worth knowing; nothing to fix.
    Info,
}

impl Severity {
    /// The identifier used in reports: `error`, `warning`, `info`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The French word for it, for people.
    pub fn french(self) -> &'static str {
        match self {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
            Severity::Info => "information",
        }
    }
}

/// One thing a rule found, tied to the field at fault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable identifier, e.g. `budget.cp-exceeds-ae`.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The field at fault, e.g. `budget.schedule[0].cp`.
    pub path: FieldPath,
    /// What to change, in plain French.
    pub message: String,
    /// The text the rule comes from, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<&'static str>,
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of informations, open remarks apart.
    pub infos: usize,
    /// Number of open remarks (the informations of `review.open-comment`),
    /// counted apart as the app shows them apart.
    pub remarks: usize,
}

/// The rule that says each open remark.
const OPEN_REMARK: &str = "review.open-comment";

/// « 1 erreur », « 3 erreurs »: a count and its noun, agreed.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    if n <= 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// « 1 remarque ouverte », « 3 remarques ouvertes ».
pub fn open_remarks(n: usize) -> String {
    count_of(n, "remarque ouverte", "remarques ouvertes")
}

/// Like [`count_of`], but « aucun(e) … » for none.
fn none_or_count(n: usize, one: &str, many: &str) -> String {
    if n > 0 {
        return count_of(n, one, many);
    }
    let feminine = one.starts_with("erreur") || one.starts_with("information");
    format!("aucun{} {one}", if feminine { "e" } else { "" })
}

impl Tally {
    /// Counts the findings.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut tally = Self::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info if finding.rule == OPEN_REMARK => tally.remarks += 1,
                Severity::Info => tally.infos += 1,
            }
        }
        tally
    }

    /// « 2 erreurs, 1 avertissement, aucune information » style summary.
    pub fn french(&self) -> String {
        format!(
            "{}, {}",
            none_or_count(self.errors, "erreur", "erreurs"),
            self.french_remarks()
        )
    }

    /// The warnings and informations alone: « 1 avertissement, aucune
    /// information », for what is to be examined rather than corrected;
    /// the open remarks follow when there are some (« …, 2 remarques
    /// ouvertes »).
    pub fn french_remarks(&self) -> String {
        let mut text = format!(
            "{}, {}",
            none_or_count(self.warnings, "avertissement", "avertissements"),
            none_or_count(self.infos, "information", "informations"),
        );
        if self.remarks > 0 {
            text.push_str(", ");
            text.push_str(&open_remarks(self.remarks));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_reads_in_french() {
        let tally = Tally {
            errors: 0,
            warnings: 1,
            infos: 2,
            remarks: 0,
        };
        assert_eq!(
            tally.french(),
            "aucune erreur, 1 avertissement, 2 informations"
        );
        let tally = Tally {
            errors: 3,
            warnings: 0,
            infos: 0,
            remarks: 0,
        };
        assert_eq!(
            tally.french(),
            "3 erreurs, aucun avertissement, aucune information"
        );
        let tally = Tally {
            errors: 0,
            warnings: 3,
            infos: 1,
            remarks: 2,
        };
        assert_eq!(
            tally.french(),
            "aucune erreur, 3 avertissements, 1 information, 2 remarques ouvertes"
        );
    }
}
