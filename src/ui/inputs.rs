//! The text typed in fields whose value is parsed (amounts, dates): kept as
//! typed, even while it does not read, so nothing typed is lost.

use std::collections::BTreeMap;

use crate::model::FieldPath;
use crate::rules::{Finding, Severity};

/// The rule id of a finding about text that could not be read (an amount,
/// a date) and so was not put into the draft.
pub const INPUT_RULE: &str = "saisie.illisible";

/// The text of a field whose value is parsed: what the user typed, kept
/// even when it does not read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Buffer {
    /// What the field shows.
    pub text: String,
    /// The draft's value (formatted) when `text` was last in step with it.
    pub synced: String,
    /// Why `text` does not read, if it does not.
    pub error: Option<String>,
}

/// The parsed fields' buffers, by field.
#[derive(Clone, Debug, Default)]
pub struct Inputs {
    buffers: BTreeMap<FieldPath, Buffer>,
}

impl Inputs {
    /// The buffer of a field, brought in step with the draft's value: if the
    /// draft changed under it (undo, another field), the text follows.
    pub fn buffer(&mut self, path: FieldPath, model: String) -> &mut Buffer {
        let buffer = self.buffers.entry(path).or_default();
        if buffer.synced != model || (buffer.text.is_empty() && buffer.error.is_none()) {
            buffer.text.clone_from(&model);
            buffer.synced = model;
            buffer.error = None;
        }
        buffer
    }

    /// What the findings say of the field at `path` when its text does not
    /// read.
    pub fn unreadable(&self, path: FieldPath) -> Option<String> {
        let buffer = self.buffers.get(&path)?;
        buffer
            .error
            .as_ref()
            .map(|error| unreadable_message(&buffer.text, error))
    }

    /// Forgets the buffers within a field: a list whose rows were removed
    /// or reordered.
    pub fn forget(&mut self, within: FieldPath) {
        self.buffers.retain(|path, _| !within.contains(*path));
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        self.buffers.clear();
    }

    /// The fields whose text does not read, as findings.
    pub fn findings(&self) -> Vec<Finding> {
        self.buffers
            .iter()
            .filter_map(|(path, buffer)| {
                buffer.error.as_ref().map(|error| Finding {
                    rule: INPUT_RULE,
                    severity: Severity::Error,
                    path: *path,
                    message: unreadable_message(&buffer.text, error),
                    legal_basis: None,
                })
            })
            .collect()
    }
}

fn unreadable_message(text: &str, error: &str) -> String {
    format!("« {} » n'a pas été pris en compte : {error}.", text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    #[test]
    fn buffers_keep_unreadable_text_until_the_draft_changes() {
        let ae = Field::ScheduleAe.at(0);
        let mut inputs = Inputs::default();
        let buffer = inputs.buffer(ae, "30 000".into());
        assert_eq!(buffer.text, "30 000");
        buffer.text = "30 000,5,5".into();
        buffer.error = Some("illisible".into());
        let buffer = inputs.buffer(ae, "30 000".into());
        assert_eq!(buffer.text, "30 000,5,5");
        assert_eq!(inputs.findings().len(), 1);
        let buffer = inputs.buffer(ae, "10".into());
        assert_eq!((buffer.text.as_str(), buffer.error.is_none()), ("10", true));
    }

    #[test]
    fn forgetting_a_list_forgets_its_rows_only() {
        let mut inputs = Inputs::default();
        for path in [
            Field::ScheduleAe.at(0),
            Field::ScheduleCp.at(3),
            Field::SignatureDate.path(),
        ] {
            inputs.buffer(path, String::new()).error = Some("x".into());
        }
        inputs.forget(Field::Schedule.path());
        let left: Vec<FieldPath> = inputs.findings().iter().map(|f| f.path).collect();
        assert_eq!(left, [Field::SignatureDate.path()]);
    }
}
