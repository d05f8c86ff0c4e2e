//! Text for the XML the writers build themselves (DOCX properties and
//! fields, the PDF's XMP metadata).

/// Drops the characters XML 1.0 does not allow: control characters other
/// than tab, line feed and carriage return, and U+FFFE and U+FFFF. (A Rust
/// `char` is never a surrogate.)
pub(crate) fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(c)
                || ('\u{E000}'..='\u{FFFD}').contains(c)
                || *c >= '\u{10000}'
        })
        .collect()
}

/// Text for XML we write ourselves: forbidden characters dropped, specials
/// escaped.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_safe(text).chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// Appends `c`, escaped if XML gives it a meaning.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped_and_specials_escaped() {
        assert_eq!(
            xml_safe("a\u{0}b\u{1}c\u{b}d\u{FFFE}e\u{FFFF}f\tg"),
            "abcdef\tg"
        );
        assert_eq!(
            xml_escape("<a href=\"x\">&'\u{7}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
        assert_eq!(xml_safe("é — 😀"), "é — 😀");
    }
}
