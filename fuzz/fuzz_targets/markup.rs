//! Any text through the template markup parser: a document or an error,
//! never a panic; escaped text reads back without markup.
#![no_main]

use convention::document::{Inline, markup};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = markup::parse(text);
    for inline in markup::inlines(&markup::escape(text)) {
        assert!(
            matches!(inline, Inline::Text { .. } | Inline::LineBreak),
            "escaped text gave {inline:?}"
        );
    }
});
