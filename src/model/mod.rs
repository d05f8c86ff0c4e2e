//! The convention as data: parties, object, budget, Chorus codes, RGPD
//! matrix, money and dates, and the one table of its fields. No user
//! interface here.

/// Makes a struct deserialize from a JSON object only. serde's derive also
/// accepts an array of the fields in order (`["M. X", "Directeur"]`), which a
/// draft must never rely on: such input is refused as a wrong type. The
/// struct derives with `#[serde(remote = "Self")]`, which turns the derived
/// code into inherent functions that these impls call.
macro_rules! json_object {
    ($($name:ident),+ $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("un objet")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$name, A::Error> {
                        $name::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, serializer)
            }
        }
    )+};
}

mod budget;
pub mod carnet;
mod chorus;
pub mod code;
mod commitment;
mod contact;
pub mod date;
mod draft;
pub mod field;
pub mod io;
mod json_error;
pub mod limits;
mod money;
mod object;
mod party;
pub mod programmes;
pub mod read;
pub mod review;
mod rgpd;
pub mod staging;
pub mod standard;
mod startup;
mod step;
mod successor;

pub use budget::{Budget, Cumulative, YearRow};
pub use carnet::Carnet;
pub use chorus::{Activite, Chorus};
pub use commitment::Commitment;
pub use contact::Contact;
pub use draft::{Draft, FORMAT_VERSION, OLDEST_FORMAT_VERSION, Signature};
pub use field::{Article, Field, FieldPath};
pub use io::{LoadError, SaveError, load, save};
pub use money::{Money, MoneyError};
pub use object::{Object, Phase};
pub use party::{Gender, Party, Representative, guess_gender};
pub use read::MAX_FILE_BYTES;
pub use review::{Comment, Reply, Review, Status, StatusChange, Subject};
pub use rgpd::RgpdRow;
pub use startup::Startup;
pub use step::Step;
pub use successor::Successor;

/// The reference convention (MEAE–DINUM, 2022) as a draft file, bundled as
/// the example.
pub const EXAMPLE_JSON: &str = include_str!("../../examples/convention-meae-dinum-2022.json");

/// The bundled example, parsed.
pub fn example() -> Draft {
    // The example is checked by the tests; should it ever fail to parse, a
    // blank draft is a safe answer.
    io::parse(std::path::Path::new("exemple"), EXAMPLE_JSON.as_bytes()).unwrap_or_default()
}

/// The JSON Schema of the draft format, pretty printed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Draft);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
