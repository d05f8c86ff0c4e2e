//! The Startup d'État rule: its page is a web address, as Article 1 prints
//! it as a link.

use super::{Emitter, blank};
use crate::model::{Draft, Field};

pub(super) fn page(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let url = draft.object.startup.url.trim();
    if url.is_empty() {
        return;
    }
    let is_address = (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if !is_address {
        out.warning(
            Field::StartupUrl.path(),
            format!(
                "La page de la Startup d'État « {url} » n'est pas une adresse web : donnez l'adresse de sa fiche, par exemple « https://beta.gouv.fr/startups/retro-archives.html »."
            ),
        );
    } else if blank(&draft.object.startup.name) {
        out.warning(
            Field::StartupName.path(),
            "La page d'une Startup d'État est donnée sans son nom : Article 1 ne la cite que si son nom est indiqué.",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn the_page_is_a_web_address_of_a_named_startup() {
        let mut draft = reference();
        assert!(fired(&draft, "content.startup-page").is_empty());
        draft.object.startup.name = "Rétro-Archives".into();
        draft.object.startup.url = "https://beta.gouv.fr/startups/retro-archives.html".into();
        assert!(fired(&draft, "content.startup-page").is_empty());
        draft.object.startup.url = "beta.gouv.fr/startups/retro archives".into();
        assert_eq!(
            fired(&draft, "content.startup-page"),
            [warning("object.startup.url")]
        );
        draft.object.startup.url = "https://beta.gouv.fr/startups/retro-archives.html".into();
        draft.object.startup.name = " ".into();
        assert_eq!(
            fired(&draft, "content.startup-page"),
            [warning("object.startup.name")]
        );
    }
}
