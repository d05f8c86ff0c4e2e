//! The Startup d'État a convention serves, when it serves one: its name and
//! its page on beta.gouv.fr.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One Startup d'État, as Article 1 names it. Empty when the convention
/// serves a service that hosts several (the reference's « atelier
/// numérique »).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Startup {
    /// Its name, without quotes or article, e.g. « Rétro-Archives ».
    #[serde(default)]
    pub name: String,
    /// Its page on beta.gouv.fr, e.g.
    /// `https://beta.gouv.fr/startups/retro-archives.html`.
    #[serde(default)]
    pub url: String,
}

impl Startup {
    /// Whether both fields are empty (then a draft file leaves the block
    /// out).
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.url.is_empty()
    }

    /// The name read from a beneficiary typed as one Startup d'État, as
    /// drafts before format version 3 had to: « la Startup d'État
    /// « Rétro-Archives » » gives « Rétro-Archives ». `None` for any other
    /// beneficiary (« l'atelier numérique »).
    pub fn named_in(beneficiary: &str) -> Option<String> {
        let text = beneficiary.trim().replace('’', "'");
        let lower = text.to_lowercase();
        let rest = [
            "la startup d'état",
            "la startup d'etat",
            "la start-up d'état",
            "la start-up d'etat",
        ]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .and_then(|prefix| text.get(prefix.len()..))?;
        let name = rest
            .trim()
            .trim_start_matches(['«', '"', '“'])
            .trim_end_matches(['»', '"', '”'])
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}');
        (!name.is_empty()).then(|| name.to_owned())
    }
}

json_object!(Startup);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_beneficiary_naming_one_startup_gives_its_name() {
        assert_eq!(
            Startup::named_in("la Startup d'État « Rétro-Archives »").as_deref(),
            Some("Rétro-Archives")
        );
        assert_eq!(
            Startup::named_in(" La startup d’État \"Rétro-Archives\"").as_deref(),
            Some("Rétro-Archives")
        );
        assert_eq!(Startup::named_in("l'atelier numérique"), None);
        assert_eq!(Startup::named_in("la Startup d'État"), None);
        assert_eq!(Startup::named_in("les Startups d'État du ministère"), None);
    }
}
