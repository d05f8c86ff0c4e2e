//! Step « Objet et visas »: the texts cited, what the delegation pays for,
//! and the Startup d'État phase.

use eframe::egui::{self, RichText, Ui};

use super::list::{apply, row_controls};
use super::{FocusRequest, Form, theme};
use crate::document::context;
use crate::model::{Draft, Field, Phase, standard};

/// Edits the object and the visas.
pub fn objet_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.label(
        RichText::new("Objet de la délégation")
            .heading()
            .color(theme::ACCENT),
    );
    form.text(
        ui,
        "Bénéficiaire (équipe ou service, avec son article)",
        "",
        Field::Beneficiary.path(),
        &mut draft.object.beneficiary,
        "l'atelier numérique",
    );
    form.text(
        ui,
        "Startup d'État accompagnée (vide pour un service qui en héberge plusieurs)",
        "",
        Field::StartupName.path(),
        &mut draft.object.startup.name,
        "Rétro-Archives",
    );
    form.text(
        ui,
        "Page beta.gouv.fr de la Startup d'État",
        "",
        Field::StartupUrl.path(),
        &mut draft.object.startup.url,
        "https://beta.gouv.fr/startups/retro-archives.html",
    );
    form.multiline(
        ui,
        "Objet : ce que les crédits permettront (commence par un verbe)",
        "",
        Field::Purpose.path(),
        &mut draft.object.purpose,
        2,
    );
    // No-break spaces inside the guillemets; no full stop after « … ».
    let beneficiary = context::beneficiary(&draft.object);
    let sentence = format!(
        "«\u{a0}Cette convention est établie pour permettre {} {}.\u{a0}»",
        context::a(or_dots(beneficiary.as_str())),
        context::de(or_dots(&draft.object.purpose))
    )
    .replace("….", "…");
    ui.label(RichText::new(sentence).italics().color(theme::MUTED));
    // Article 1, as the built-in template words it: one Startup d'État,
    // or the Startups d'État of a service.
    let article = format!(
        "Article 1 : «\u{a0}… afin d'accompagner {}…\u{a0}»",
        context::accompanied(&draft.object).replace(context::BLANK, "…")
    );
    ui.label(RichText::new(article).italics().color(theme::MUTED));
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("Phase de la Startup d'État");
        form.comment_button(ui, Field::Phase.path());
    });
    ui.horizontal_wrapped(|ui| {
        for phase in Phase::ALL {
            let response = ui
                .radio_value(&mut draft.object.phase, Some(phase), phase.label())
                .accessible_name(format!("Phase : {}", phase.label()));
            if phase == Phase::Investigation {
                form.claim_focus(&response, Field::Phase.path());
            }
        }
    });
    form.messages(ui, Field::Phase.path());

    ui.add_space(12.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Visas").heading().color(theme::ACCENT));
        form.comment_button(ui, Field::Visas.path());
    });
    ui.label("Textes cités en tête de la convention, chacun précédé de « Vu » dans le document.");
    form.messages(ui, Field::Visas.path());
    let count = draft.visas.len();
    let mut action = None;
    for (index, visa) in draft.visas.iter_mut().enumerate() {
        let name = format!("Visa {}", index + 1);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            form.multiline(ui, &name, "", Field::Visa.at(index), visa, 2);
            if let Some(a) = row_controls(ui, index, count, &format!("le visa {}", index + 1)) {
                action = Some(a);
            }
        });
    }
    if let Some(action) = action {
        apply(&mut draft.visas, action);
    }
    ui.horizontal(|ui| {
        let add = ui.button("Ajouter un visa");
        form.claim_focus(&add, Field::Visas.path());
        if add.clicked() {
            draft.visas.push(String::new());
            // The keys typed next go into the new visa.
            *form.focus = Some(FocusRequest::new(Field::Visa.at(draft.visas.len() - 1)));
        }
        if draft.visas != standard::visas() && ui.button("Rétablir les visas types").clicked() {
            draft.visas = standard::visas();
        }
    });

    ui.add_space(12.0);
    ui.label(RichText::new("Titre").heading().color(theme::ACCENT));
    form.text(
        ui,
        "Titre du document",
        "",
        Field::Title.path(),
        &mut draft.title,
        "Convention de délégation de gestion",
    );
}

fn or_dots(text: &str) -> &str {
    if text.trim().is_empty() { "…" } else { text }
}
