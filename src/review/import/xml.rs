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
pub(super) fn is_w(node: Node<'_, '_>, name: &str) -> bool {
    in_w(node) && node.tag_name().name() == name
}

/// Whether `node` is a WordprocessingML element (`w:…`).
pub(super) fn in_w(node: Node<'_, '_>) -> bool {
    node.is_element() && matches!(node.tag_name().namespace(), Some(W | W_STRICT))
}

/// Whether `node` is an element of local name `name`, whatever its
/// namespace (`w15:commentEx`, `w16cid:commentId`…).
pub(super) fn is_named(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// The attribute of local name `name` (`w:id`, `w14:paraId`…), whatever
/// its namespace.
pub(super) fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
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
    let naive = text.strip_suffix('Z').unwrap_or(text);
    if let Ok(time) = NaiveDateTime::parse_from_str(naive, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(time.and_utc());
    }
    if let Ok(time) = NaiveDateTime::parse_from_str(naive, "%Y-%m-%dT%H:%M") {
        return Some(time.and_utc());
    }
    NaiveDate::parse_from_str(naive, "%Y-%m-%d")
        .ok()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

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
