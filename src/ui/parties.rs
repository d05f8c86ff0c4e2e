//! Step « Parties »: the délégant and the délégataire, and who signs for
//! each.

use eframe::egui::{self, RichText, Ui};

use super::{Form, theme};
use crate::model::field::{DELEGANT, DELEGATAIRE, PartyFields};
use crate::model::{Draft, Field, Gender, Party, standard};

/// Edits the two parties.
pub fn parties_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.label(
        "Le délégant est le ministère qui confie ses crédits ; le délégataire, la DINUM, les consomme pour son compte.",
    );
    ui.add_space(8.0);
    party_ui(
        ui,
        form,
        "Le délégant",
        "délégant",
        DELEGANT,
        &mut draft.delegant,
    );
    ui.add_space(12.0);
    party_ui(
        ui,
        form,
        "Le délégataire",
        "délégataire",
        DELEGATAIRE,
        &mut draft.delegataire,
    );
    let dinum = standard::dinum();
    let differs = draft.delegataire.name != dinum.name
        || draft.delegataire.short_name != dinum.short_name
        || draft.delegataire.address != dinum.address;
    if differs
        && ui
            .button("Reprendre le nom et l'adresse de la DINUM")
            .clicked()
    {
        draft.delegataire.name = dinum.name;
        draft.delegataire.short_name = dinum.short_name;
        draft.delegataire.address = dinum.address;
    }
}

fn party_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    title: &str,
    group: &str,
    fields: PartyFields,
    party: &mut Party,
) {
    let [name, short_name, gender, address, representative, position] = fields.map(Field::path);
    egui::Frame::group(ui.style())
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(title).heading().color(theme::ACCENT));
            let typed = form.text(
                ui,
                "Nom complet",
                group,
                name,
                &mut party.name,
                "Ministère de …",
            );
            if fields == DELEGANT
                && let Some(carnet) = form.carnet
            {
                super::carnet::suggestions_ui(ui, &typed, carnet, party);
            }
            form.text(
                ui,
                "Nom court (sigle employé dans le texte)",
                group,
                short_name,
                &mut party.short_name,
                "MEAE",
            );
            gender_ui(ui, form, group, gender, party);
            form.multiline(ui, "Adresse", group, address, &mut party.address, 2);
            form.text(
                ui,
                "Représentant (civilité, prénom, nom)",
                group,
                representative,
                &mut party.representative.name,
                "M. Prénom NOM",
            );
            form.text(
                ui,
                "Qualité du représentant",
                group,
                position,
                &mut party.representative.title,
                "Directeur du numérique",
            );
        });
}

/// « le MEAE » or « la DINUM »: the article the text uses.
fn gender_ui(
    ui: &mut Ui,
    form: &mut Form<'_>,
    group: &str,
    path: crate::model::FieldPath,
    party: &mut Party,
) {
    let short = match party.short_name.trim() {
        "" => "…",
        short => short,
    };
    let guessed = match crate::model::guess_gender(&party.name) {
        Gender::Masculin => "le",
        Gender::Feminin => "la",
    };
    ui.horizontal(|ui| {
        ui.label("Article devant le nom court");
        form.comment_button(ui, path);
    });
    ui.horizontal_wrapped(|ui| {
        let choices = [
            (
                None,
                format!("automatique ({guessed} {short})"),
                "automatique",
            ),
            (
                Some(Gender::Masculin),
                format!("masculin (le {short})"),
                "masculin",
            ),
            (
                Some(Gender::Feminin),
                format!("féminin (la {short})"),
                "féminin",
            ),
        ];
        for (value, text, name) in choices {
            let response = ui
                .radio_value(&mut party.gender, value, text)
                .accessible_name(format!("Article {name} ({group})"));
            if value.is_none() {
                form.claim_focus(&response, path);
            }
        }
    });
    form.messages(ui, path);
}
