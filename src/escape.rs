//! Text made safe to show: control characters (C0, DEL, C1), line and
//! paragraph separators and bidirectional controls, which could clear a
//! terminal, forge a line or reorder what follows, written as visible
//! escapes. The command line prints every file name and every typed text
//! through it; the portfolio's CSV cells and the JSON outputs too.

/// Text for the terminal, on one line and unable to drive it: control
/// characters (C0, DEL, C1: escape sequences, line breaks), line and
/// paragraph separators and bidirectional controls (which reorder what
/// follows) are written as escapes, `\n`, `\t`, `\r` or `\u{1b}`. Every
/// file name and every text from a draft the CLI prints goes through it.
pub fn one_line(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if is_unsafe(c) => shown.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => shown.push(c),
        }
    }
    shown
}

/// Characters that must not reach a terminal as they are.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Line and paragraph separators.
            '\u{2028}' | '\u{2029}'
            // Bidirectional marks, embeddings, overrides and isolates.
            | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A JSON text for the terminal: serde_json escapes C0 controls in
/// strings, not C1 controls nor bidirectional ones, which are escaped here
/// (`\u202e`: the same JSON value).
pub fn json_for_terminal(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        // Line breaks outside strings are the pretty printer's.
        if is_unsafe(c) && c != '\n' {
            shown.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// A file name for people, on one line (see [`one_line`]): the bytes of a
/// name that is not UTF-8 are written `\xff`, so two names that differ
/// there are never shown alike (`x\xff.json`, `x\xfe.json`).
pub fn path(path: &std::path::Path) -> String {
    let mut shown = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        shown.push_str(&one_line(chunk.valid()));
        for byte in chunk.invalid() {
            shown.push_str(&format!("\\x{byte:02x}"));
        }
    }
    shown
}

/// A cell of a CSV file: a spreadsheet shows a cell on one line, so line
/// breaks, tabs and the other whitespace controls (CR, NEL, line and
/// paragraph separators) become spaces; every other character that
/// [`one_line`] escapes (escape sequences, C1 controls, bidirectional
/// controls) is written as the same visible escape, `\u{202e}`.
pub fn csv_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                cell.push(' ');
            }
            c if is_unsafe(c) => cell.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => cell.push(c),
        }
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_printed_can_drive_the_terminal() {
        assert_eq!(
            one_line("a\u{1b}[2Jb\nc\td\u{9b}e\u{202e}f\u{2066}g"),
            "a\\u{1b}[2Jb\\nc\\td\\u{9b}e\\u{202e}f\\u{2066}g"
        );
        assert_eq!(
            one_line("Délégation « DINUM » n° 2"),
            "Délégation « DINUM » n° 2"
        );
        let json = json_for_terminal("[\n  \"a\u{202e}b\u{85}\"\n]");
        assert_eq!(json, "[\n  \"a\\u202eb\\u0085\"\n]");
        let back: Vec<String> = serde_json::from_str(&json).expect("still JSON");
        assert_eq!(back, ["a\u{202e}b\u{85}"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_bytes_visible() {
        use std::os::unix::ffi::OsStrExt as _;
        let name = std::path::Path::new(std::ffi::OsStr::from_bytes(b"d/x\xff\n.json"));
        assert_eq!(path(name), "d/x\\xff\\n.json");
    }

    #[test]
    fn a_csv_cell_stays_on_one_line_and_shows_its_controls() {
        assert_eq!(
            csv_cell("l'atelier\r\nnumérique\u{85}x\u{2028}y"),
            "l'atelier  numérique x y"
        );
        assert_eq!(
            csv_cell("a\u{1b}[2Jb\u{9b}c\u{202e}d"),
            "a\\u{1b}[2Jb\\u{9b}c\\u{202e}d"
        );
    }
}
