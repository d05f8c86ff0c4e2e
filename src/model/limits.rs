//! The cap on every list of a draft, applied while the file is read.
//!
//! A 4 Mio draft may hold a million one-letter visas, and its export a
//! few kilobytes of memory for each: the reader refuses a list longer than
//! [`MAX_LIST`] at its place, before the rest is even read, so that no
//! draft under the size cap asks for gigabytes. Far smaller lengths are
//! already implausible, and warned about by the rules
//! (`content.long-list`). The RGPD matrix, whose rows are paragraphs, has a
//! lower cap ([`MAX_RGPD_ROWS`]).

use serde::Deserialize;
use serde::de::{SeqAccess, Visitor};

/// The longest list a draft may hold: visas, years, activités, engagements,
/// remarks, their replies, changes of status (the RGPD matrix has its own,
/// lower, cap). The reference convention has 2 visas, 12 RGPD rows and 1
/// or 2 years.
pub const MAX_LIST: usize = 10_000;

/// The longest RGPD matrix a draft may hold: a row is a few paragraphs of
/// text, and 10 000 rows of the reference's took 870 Mio to lay out (2 000,
/// 255 pages, about 180 Mio). A long annex of 2 000 rows still imports.
pub const MAX_RGPD_ROWS: usize = 2_000;

/// The most replies a draft's remarks may hold in all: each remark's list
/// is capped at [`MAX_LIST`], but 2 500 remarks of 100 replies each would
/// still ask gigabytes of an export with its remarks.
pub const MAX_REPLIES: usize = MAX_LIST;

/// How many replies the remarks of `draft` hold in all.
pub fn replies_in_all(draft: &super::Draft) -> usize {
    draft
        .review
        .comments
        .iter()
        .map(|comment| comment.replies.len())
        .sum()
}

/// The message of a list over its cap.
pub fn too_long_message(cap: usize) -> String {
    format!(
        "liste trop longue : plus de {} éléments ; Convention en lit {} au plus dans cette liste (une convention en a quelques dizaines : le fichier est sans doute fabriqué ou abîmé)",
        french_count(cap),
        french_count(cap)
    )
}

/// Whether a loader's message is that of a list over its cap.
pub(crate) fn is_too_long_message(message: &str) -> bool {
    message.starts_with("liste trop longue : ")
}

/// A count the French way: « 1 234 567 », with narrow no-break spaces.
pub fn french_count(count: usize) -> String {
    let mut out = String::new();
    super::money::push_grouped(&count.to_string(), &mut out);
    out
}

/// The first list of `draft` over its cap, with its length and cap: a
/// draft the reader would refuse. Checked before a draft is saved, so that
/// nothing the program writes fails to open again.
pub fn list_over_cap(draft: &super::Draft) -> Option<(String, usize, usize)> {
    let review = &draft.review;
    let lists = [
        ("visas".to_owned(), draft.visas.len(), MAX_LIST),
        ("commitments".to_owned(), draft.commitments.len(), MAX_LIST),
        (
            "budget.schedule".to_owned(),
            draft.budget.schedule.len(),
            MAX_LIST,
        ),
        (
            "chorus.activites".to_owned(),
            draft.chorus.activites.len(),
            MAX_LIST,
        ),
        (
            "rgpd_matrix".to_owned(),
            draft.rgpd_matrix.len(),
            MAX_RGPD_ROWS,
        ),
        ("review.history".to_owned(), review.history.len(), MAX_LIST),
        (
            "review.comments".to_owned(),
            review.comments.len(),
            MAX_LIST,
        ),
    ];
    let replies = review.comments.iter().enumerate().map(|(index, comment)| {
        (
            format!("review.comments[{index}].replies"),
            comment.replies.len(),
            MAX_LIST,
        )
    });
    let all_replies = (
        "review.comments[].replies (en tout)".to_owned(),
        replies_in_all(draft),
        MAX_REPLIES,
    );
    lists
        .into_iter()
        .chain(replies)
        .chain(std::iter::once(all_replies))
        .find(|(_, length, cap)| length > cap)
}

/// Deserializes a list of at most [`MAX_LIST`] items; a longer one is
/// refused at its `MAX_LIST + 1`-th item, without reading further.
pub(crate) fn capped<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    capped_to::<D, T, MAX_LIST>(deserializer)
}

/// [`capped`] for the RGPD matrix: at most [`MAX_RGPD_ROWS`] rows.
pub(crate) fn capped_rgpd<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    capped_to::<D, T, MAX_RGPD_ROWS>(deserializer)
}

/// Deserializes a list of at most `CAP` items.
fn capped_to<'de, D, T, const CAP: usize>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Capped<T, const CAP: usize>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>, const CAP: usize> Visitor<'de> for Capped<T, CAP> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("une liste")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // The hint comes from the file: trusted only up to the cap.
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element()? {
                if items.len() == CAP {
                    return Err(super::json_error::french(too_long_message(CAP)));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(Capped::<T, CAP>(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_over_its_cap_is_found() {
        let mut draft = crate::model::example();
        assert_eq!(list_over_cap(&draft), None);
        draft.rgpd_matrix = vec![draft.rgpd_matrix[0].clone(); MAX_RGPD_ROWS + 1];
        assert_eq!(
            list_over_cap(&draft),
            Some(("rgpd_matrix".to_owned(), MAX_RGPD_ROWS + 1, MAX_RGPD_ROWS))
        );
    }

    #[test]
    fn replies_are_capped_in_all_not_only_per_remark() {
        let mut draft = crate::model::example();
        let at = chrono::DateTime::from_timestamp(1_650_000_000, 0).expect("date");
        for _ in 0..101 {
            draft
                .review
                .add_comment(crate::model::Subject::Document, "A", at, "?");
        }
        let reply = super::super::review::Reply {
            author: "B".to_owned(),
            date: at,
            text: "ok".to_owned(),
        };
        for comment in &mut draft.review.comments {
            comment.replies = vec![reply.clone(); 100];
        }
        // Each list is under its cap, the replies in all are not.
        assert_eq!(replies_in_all(&draft), 10_100);
        let found = list_over_cap(&draft).expect("over");
        assert_eq!(found.1, 10_100);
        let json = crate::model::io::to_json(&draft);
        let error = crate::model::io::parse(std::path::Path::new("d.json"), json.as_bytes())
            .expect_err("refused");
        let said = error.to_string();
        assert!(said.contains("review.comments (ligne"), "{said}");
        assert!(
            said.contains("trop de réponses : 10\u{202f}100 en tout"),
            "{said}"
        );
    }

    #[derive(Debug, Deserialize)]
    struct Lists {
        #[serde(deserialize_with = "capped")]
        items: Vec<u8>,
    }

    #[test]
    fn a_list_up_to_the_cap_reads_and_one_more_is_refused() {
        let list = |n: usize| format!("{{\"items\": [{}]}}", vec!["1"; n].join(","));
        let read: Lists = serde_json::from_str(&list(MAX_LIST)).expect("reads");
        assert_eq!(read.items.len(), MAX_LIST);
        let error = serde_json::from_str::<Lists>(&list(MAX_LIST + 1)).unwrap_err();
        assert!(
            error.to_string().starts_with(&too_long_message(MAX_LIST)),
            "{error}"
        );
        let error = serde_json::from_str::<Lists>("{\"items\": 3}").unwrap_err();
        assert!(error.to_string().contains("une liste"), "{error}");
    }
}
