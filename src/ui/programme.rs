//! The programme of the UO, as the built-in list knows it: label, mission,
//! ministry. Shown under the UO and atop the Chorus step.

use eframe::egui::{RichText, Ui};

use super::theme;
use crate::model::code;
use crate::model::programmes::Catalogue;

/// The line that describes the programme of `uo`, or `None` when the UO is
/// not well formed (its format hint says why).
pub fn programme_line(uo: &str) -> Option<String> {
    let uo = code::parse_uo(uo).ok()?;
    let catalogue = Catalogue::built_in();
    Some(match catalogue.programme(uo.programme) {
        Some(programme) => {
            let ministry = catalogue
                .ministry_of(programme)
                .map_or("", |m| m.minister.as_str());
            format!(
                "Programme {} « {} » — mission « {} » — {}",
                programme.number, programme.label, programme.mission, ministry
            )
        }
        None => format!(
            "Programme {} : absent de la liste des programmes du budget général (loi de finances pour {}).",
            uo.programme, catalogue.source.annee
        ),
    })
}

/// Shows the programme of `uo` in a muted line; nothing when the UO is not
/// well formed.
pub fn programme_ui(ui: &mut Ui, uo: &str) {
    if let Some(line) = programme_line(uo) {
        ui.label(RichText::new(line).color(theme::MUTED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_names_label_mission_and_ministry() {
        assert_eq!(
            programme_line("0105-CRES-DNUM").unwrap(),
            "Programme 0105 « Action de la France en Europe et dans le monde » — mission « Action extérieure de l'État » — Ministre des affaires étrangères"
        );
        assert!(
            programme_line("0999-CRES-DNUM")
                .unwrap()
                .starts_with("Programme 0999 : absent")
        );
        assert_eq!(programme_line("105-CRES"), None);
    }
}
