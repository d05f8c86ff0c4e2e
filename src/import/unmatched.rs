//! The passages of a document that match no known clause: every line no
//! finder read is compared with the text our template gives for the
//! imported draft; a line that reads like none of it is kept, beside the
//! nearest field, so that nothing is dropped silently.

use std::collections::HashSet;

use super::Unmatched;
use super::parse::fold;
use super::reading::Reading;
use crate::document::TemplateSource;

/// The words of a text, folded, of two letters or more.
fn words(text: &str) -> HashSet<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() >= 2)
        .map(str::to_owned)
        .collect()
}

/// The lines of the template's text for the draft, without markup.
fn known_lines(reading: &Reading<'_>) -> Vec<HashSet<String>> {
    let markup =
        crate::document::template::render_markup(&reading.draft, &TemplateSource::default())
            .unwrap_or_default();
    markup
        .lines()
        .flat_map(|line| line.split('|'))
        .flat_map(|piece| piece.split("<br>"))
        .map(|piece| {
            piece
                .replace("**", "")
                .replace('\\', "")
                .trim_start_matches(['#', '-', ' ', ':'])
                .to_owned()
        })
        .map(|piece| words(&piece))
        .filter(|set| !set.is_empty())
        .collect()
}

/// Whether a line reads like one the template writes: most of its words
/// are in one of the template's lines.
fn is_known(line: &HashSet<String>, known: &[HashSet<String>]) -> bool {
    known.iter().any(|other| {
        let common = line.intersection(other).count();
        let union = line.union(other).count();
        common * 2 >= union || common * 5 >= line.len() * 4
    })
}

/// The lines of the document no finder read and the template does not
/// write, each with the nearest field.
pub(super) fn find(reading: &Reading<'_>) -> Vec<Unmatched> {
    let known = known_lines(reading);
    let doc = reading.doc;
    (0..doc.lines.len())
        .filter(|&i| !reading.is_used(i))
        .filter_map(|i| {
            let text = reading.text(i).trim();
            let set = words(text);
            if set.is_empty() || is_known(&set, &known) {
                return None;
            }
            Some(Unmatched {
                near: reading.nearest(i),
                text: text.replace('\n', " "),
            })
        })
        .collect()
}
