//! Small helpers over roxmltree for WordprocessingML: elements and
//! attributes by their local name, dates as Word and LibreOffice write
//! them.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use roxmltree::Node;

/// WordprocessingML's namespace (transitional, as Word and LibreOffice
/// write it).
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The same, in strict Office Open XML.
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// Whether `node` is the WordprocessingML element `w:name`.
pub(crate) fn is_w(node: Node<'_, '_>, name: &str) -> bool {
    in_w(node) && node.tag_name().name() == name
}

/// Whether `node` is a WordprocessingML element (`w:…`).
pub(crate) fn in_w(node: Node<'_, '_>) -> bool {
    node.is_element() && matches!(node.tag_name().namespace(), Some(W | W_STRICT))
}

/// Whether `node` is an element of local name `name`, whatever its
/// namespace (`w15:commentEx`, `w16cid:commentId`…).
pub(super) fn is_named(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// The attribute of local name `name` (`w:id`, `w14:paraId`…), whatever
/// its namespace.
pub(crate) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|attribute| attribute.name() == name)
        .map(|attribute| attribute.value())
}

/// The child elements of local name `name`.
pub(super) fn children<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |child| is_named(*child, name))
}

/// A date of a comment, a revision or a file, read as UTC: Word writes
/// the local time, often with a `Z` it does not mean, LibreOffice writes
/// it without a zone; neither says the offset, so the time is kept as
/// written. An offset that is given is applied.
pub(super) fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date.with_timezone(&Utc));
    }
    naive_date(text).map(|time| time.and_utc())
}

/// The `w:date` of a comment or a tracked change. Word and LibreOffice
/// write the author's wall-clock time there, with a `Z` that does not mean
/// UTC, and show it again as it is: it is read as a time of this computer's
/// time zone. An explicit offset (`+02:00`) is taken as it says.
pub(super) fn parse_wall_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let offset = text.get(19..).is_some_and(|zone| zone.contains(['+', '-']));
    if offset && let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Some(date.with_timezone(&Utc));
    }
    naive_date(text).and_then(crate::model::date::from_wall_clock)
}

/// `2024-05-19T14:30:00`, with or without seconds, fractions or a `Z`, or
/// a day alone (at midnight).
fn naive_date(text: &str) -> Option<NaiveDateTime> {
    let naive = text.strip_suffix('Z').unwrap_or(text);
    NaiveDateTime::parse_from_str(naive, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(naive, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(naive, "%Y-%m-%d")
                .ok()
                .and_then(|day| day.and_hms_opt(0, 0, 0))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_dates_are_wall_clock_times_unless_they_say_their_offset() {
        let wall = NaiveDate::from_ymd_opt(2024, 5, 19)
            .and_then(|day| day.and_hms_opt(14, 30, 0))
            .expect("a time");
        let here = crate::model::date::from_wall_clock(wall);
        assert!(here.is_some());
        for text in [
            "2024-05-19T14:30:00Z",
            "2024-05-19T14:30:00",
            "2024-05-19T14:30",
        ] {
            assert_eq!(parse_wall_date(text), here, "{text}");
        }
        assert_eq!(
            parse_wall_date("2024-05-19T16:30:00+02:00").map(|d| d.to_rfc3339()),
            Some("2024-05-19T14:30:00+00:00".to_owned())
        );
        assert_eq!(
            parse_wall_date("2024-05-19T10:30:00-04:00").map(|d| d.to_rfc3339()),
            Some("2024-05-19T14:30:00+00:00".to_owned())
        );
        assert_eq!(parse_wall_date("hier"), None);
        // What the export writes comes back as the same moment.
        let moment = parse_date("2024-12-06T18:45:00Z").expect("a date");
        let written = crate::model::date::to_wall_clock(moment)
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string();
        assert_eq!(parse_wall_date(&written), Some(moment));
    }

    #[test]
    fn dates_read_as_word_and_libreoffice_write_them() {
        let at = |text: &str| parse_date(text).map(|d| d.to_rfc3339());
        let expected = Some("2024-05-19T14:30:00+00:00".to_owned());
        assert_eq!(at("2024-05-19T14:30:00Z"), expected);
        assert_eq!(at("2024-05-19T14:30:00"), expected);
        assert_eq!(at("2024-05-19T14:30:00.000000000"), expected);
        assert_eq!(at("2024-05-19T16:30:00+02:00"), expected);
        assert_eq!(at("2024-05-19T14:30"), expected);
        assert_eq!(
            at("2024-05-19"),
            Some("2024-05-19T00:00:00+00:00".to_owned())
        );
        assert_eq!(at("hier"), None);
        assert_eq!(at(""), None);
    }
}
