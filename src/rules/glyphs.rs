//! The glyph rule: a character that the PDF's fonts (Liberation Sans and
//! its fallback DejaVu Sans) cannot show becomes « ? » in the PDF while the
//! DOCX keeps it; each field holding such characters is named, with them.
//! The open comments too, which the PDF lists when they are joined
//! (`export --comments`): each one is named by its author and subject.

use std::collections::BTreeSet;

use super::Emitter;
use super::length::french_count;
use crate::model::review::Subject;
use crate::model::{Draft, Field, FieldPath};

/// How many of the characters a message lists before « … ».
const LISTED: usize = 5;

pub(super) fn unshown_characters(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let mut found: Vec<(FieldPath, BTreeSet<char>)> = Vec::new();
    for text in out.texts(draft) {
        let missing = unshown([text.text]);
        if missing.is_empty() {
            continue;
        }
        let Some(path) = text.field_or_list() else {
            continue;
        };
        // Two texts under one field (cells of one list with no field
        // of their own) make one finding.
        match found.iter_mut().find(|(p, _)| *p == path) {
            Some((_, chars)) => chars.extend(missing),
            None => found.push((path, missing)),
        }
    }
    for (path, chars) in found {
        out.warning(path, message(&path.label_in(draft), &chars, ""));
    }
    comments(draft, out);
}

/// The open comments and their replies: a finding per comment, on the
/// field it is about (the title for an article or the whole draft, as
/// the review rules do).
fn comments(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for comment in draft.review.open_comments() {
        let texts = [&comment.author, &comment.text].into_iter().chain(
            comment
                .replies
                .iter()
                .flat_map(|reply| [&reply.author, &reply.text]),
        );
        let missing = unshown(texts.map(String::as_str));
        if missing.is_empty() {
            continue;
        }
        let path = match comment.about {
            Subject::Field(path) => path,
            Subject::Article(_) | Subject::Document => Field::Title.path(),
        };
        let label = format!(
            "Remarque de {} sur « {} »",
            comment.author,
            comment.about.label_in(draft)
        );
        out.warning(path, message(&label, &missing, WHEN_JOINED));
    }
}

/// The characters of `texts` that the PDF cannot show, each once.
fn unshown<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<char> {
    let distinct: BTreeSet<char> = texts
        .into_iter()
        // Liberation Sans has every printable ASCII character.
        .filter(|text| !text.is_ascii())
        .flat_map(str::chars)
        .filter(|c| !c.is_ascii())
        .collect();
    distinct
        .into_iter()
        .filter(|&c| !crate::export::pdf::shows(c))
        .collect()
}

/// When a comment's characters are missing from the PDF.
const WHEN_JOINED: &str = " quand les remarques y sont jointes (export --comments)";

/// « Objet : 2 caractères que le PDF ne peut pas afficher : 🎉 (U+1F389),
/// 🦀 (U+1F980) ; … », `when` after « afficher ».
fn message(label: &str, chars: &BTreeSet<char>, when: &str) -> String {
    let count = chars.len();
    let (noun, replaced, kept) = if count == 1 {
        ("caractère", "il y est remplacé", "le garde")
    } else {
        ("caractères", "ils y sont remplacés", "les garde")
    };
    let mut list: Vec<String> = chars
        .iter()
        .take(LISTED)
        .map(|&c| format!("{c} (U+{:04X})", u32::from(c)))
        .collect();
    if count > LISTED {
        list.push("…".to_owned());
    }
    format!(
        "{label} : {} {noun} que le PDF ne peut pas afficher{when} : {} ; {replaced} par « ? » (le DOCX {kept}).",
        french_count(count),
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn emoji_are_named_with_their_field_and_code() {
        let mut draft = reference();
        assert!(fired(&draft, "content.unshown-characters").is_empty());
        draft.title = "Convention 🎉 et 🦀 et encore 🎉, mais 😀 (DejaVu l’a)".to_owned();
        draft.visas[0] = "中".to_owned();
        assert_eq!(
            fired(&draft, "content.unshown-characters"),
            [warning("title"), warning("visas[0]")]
        );
        let findings = crate::rules::check(&draft);
        let messages: Vec<&str> = findings
            .iter()
            .filter(|f| f.rule == "content.unshown-characters")
            .map(|f| f.message.as_str())
            .collect();
        assert!(
            messages[0].contains(
                ": 2 caractères que le PDF ne peut pas afficher : 🎉 (U+1F389), 🦀 (U+1F980) ; ils y sont remplacés par « ? »"
            ),
            "{}",
            messages[0]
        );
        assert!(
            messages[1].contains(": 1 caractère que le PDF ne peut pas afficher : 中 (U+4E2D) ; il y est remplacé par « ? » (le DOCX le garde)."),
            "{}",
            messages[1]
        );
    }

    #[test]
    fn open_comments_and_their_replies_are_named_with_their_author() {
        use crate::model::review::Subject;
        let mut draft = reference();
        let at = chrono::DateTime::UNIX_EPOCH;
        draft
            .review
            .add_comment(Field::Uo.path().into(), "Zoé", at, "UO à revoir 👍");
        let id = draft
            .review
            .add_comment(Subject::Document, "Relectrice", at, "Relu.");
        draft
            .review
            .comment_mut(&id)
            .expect("comment")
            .replies
            .push(crate::model::review::Reply {
                author: "李".to_owned(),
                date: at,
                text: "OK".to_owned(),
            });
        let done = draft
            .review
            .add_comment(Field::Title.path().into(), "A", at, "fini 🎉");
        draft.review.comment_mut(&done).expect("comment").resolved = true;
        let findings = crate::rules::check(&draft);
        let found: Vec<(String, &str)> = findings
            .iter()
            .filter(|f| f.rule == "content.unshown-characters")
            .map(|f| (f.path.to_string(), f.message.as_str()))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, Field::Uo.path().to_string());
        assert!(
            found[0].1.starts_with("Remarque de Zoé sur « ")
                && found[0].1.ends_with(
                    ": 1 caractère que le PDF ne peut pas afficher quand les remarques y sont \
                     jointes (export --comments) : 👍 (U+1F44D) ; il y est remplacé par « ? » \
                     (le DOCX le garde)."
                ),
            "{}",
            found[0].1
        );
        // A comment on the whole draft is found on the title; a resolved
        // one is not listed in the PDF, and not named.
        assert_eq!(found[1].0, Field::Title.path().to_string());
        assert!(found[1].1.contains("李 (U+674E)"), "{}", found[1].1);
        assert!(!found.iter().any(|(_, m)| m.contains("🎉")));
    }

    #[test]
    fn greek_cyrillic_hebrew_arabic_and_look_alikes_are_shown() {
        let mut draft = reference();
        draft.title = "Ελλάδα Россия עברית عربي \u{2011} \u{202f} \u{200b} ŒÆ«»€".to_owned();
        assert!(fired(&draft, "content.unshown-characters").is_empty());
    }

    #[test]
    fn a_long_list_is_cut() {
        let chars: BTreeSet<char> = ('\u{1F600}'..='\u{1F606}').collect();
        let text = message("Objet", &chars, "");
        assert!(text.starts_with("Objet : 7 caractères"), "{text}");
        assert!(text.contains("😄 (U+1F604), …"), "{text}");
        assert!(!text.contains("U+1F605"), "{text}");
    }
}
