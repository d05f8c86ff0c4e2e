//! Any bytes as a draft file: a draft that saves and reads back the same,
//! or an error naming the file — never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("fuzz.json");
    match convention::model::io::parse(path, bytes) {
        Ok(draft) => {
            let saved = convention::model::io::to_json(&draft);
            let again =
                convention::model::io::parse(path, saved.as_bytes()).expect("a saved draft reads");
            assert_eq!(again, draft);
            let _ = convention::rules::check(&draft);
        }
        Err(error) => assert!(error.to_string().starts_with("fuzz.json: ")),
    }
});
