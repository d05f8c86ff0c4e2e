//! Step « Imputation Chorus »: domaine fonctionnel, centre financier,
//! activités, centre de coût.

use eframe::egui::{self, RichText, Ui};

use super::list::{apply, row_controls};
use super::{FocusRequest, Form, theme};
use crate::model::{Activite, Draft, Field, code};

/// Edits the Chorus references.
pub fn chorus_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.label("Les références d'imputation budgétaire et analytique que la DINUM saisira dans Chorus. Tous les codes relèvent du programme de l'UO.");
    if let Ok(uo) = code::parse_uo(&draft.budget.uo) {
        ui.label(RichText::new(format!("UO : {}", uo.canonical)).color(theme::MUTED));
        super::programme::programme_ui(ui, &uo.canonical);
    }
    ui.add_space(6.0);
    let chorus = &mut draft.chorus;
    form.text(
        ui,
        "Domaine fonctionnel",
        "",
        Field::DomaineFonctionnel.path(),
        &mut chorus.domaine_fonctionnel,
        "0105-06-08",
    );
    format_hint(
        ui,
        code::parse_domaine_fonctionnel(&chorus.domaine_fonctionnel).is_ok(),
        "PPPP-AA ou PPPP-AA-SS (programme, action, sous-action).",
    );
    form.text(
        ui,
        "Centre financier",
        "",
        Field::CentreFinancier.path(),
        &mut chorus.centre_financier,
        "0105-CRES-DNUM",
    );
    let uo = draft.budget.uo.trim().to_owned();
    if !uo.is_empty()
        && chorus.centre_financier.trim() != uo
        && ui.button("Reprendre l'UO").clicked()
    {
        chorus.centre_financier = uo;
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Activités").strong());
        form.comment_button(ui, Field::Activites.path());
    });
    form.messages(ui, Field::Activites.path());
    let count = chorus.activites.len();
    let mut action = None;
    for (index, activite) in chorus.activites.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let group = format!("activité {}", index + 1);
            form.text(
                ui,
                "Code",
                &group,
                Field::ActiviteCode.at(index),
                &mut activite.code,
                "010501A61404",
            );
            format_hint(
                ui,
                code::parse_activite(&activite.code).is_ok(),
                "12 caractères : le programme sur 4 chiffres puis 8 lettres ou chiffres.",
            );
            form.text(
                ui,
                "Libellé",
                &group,
                Field::ActiviteLabel.at(index),
                &mut activite.label,
                "domaine action diplomatique",
            );
            ui.horizontal(|ui| {
                let what = format!("l'activité {}", index + 1);
                if let Some(a) = row_controls(ui, index, count, &what) {
                    action = Some(a);
                }
                form.comment_button(ui, Field::Activite.at(index));
            });
            form.threads(ui, Field::Activite.at(index));
        });
    }
    if let Some(action) = action {
        apply(&mut chorus.activites, action);
    }
    let add = ui.button("Ajouter une activité");
    form.claim_focus(&add, Field::Activites.path());
    if add.clicked() {
        chorus.activites.push(Activite::default());
        // The keys typed next go into the new activité's code.
        *form.focus = Some(FocusRequest::new(
            Field::Activite.at(chorus.activites.len() - 1),
        ));
    }
    ui.add_space(6.0);
    form.text(
        ui,
        "Centre de coût",
        "",
        Field::CentreDeCout.path(),
        &mut chorus.centre_de_cout,
        "AECDSI4092",
    );
    format_hint(
        ui,
        code::parse_centre_de_cout(&chorus.centre_de_cout).is_ok(),
        "10 lettres ou chiffres.",
    );
    form.text(
        ui,
        "Axe ministériel 1 (facultatif)",
        "",
        Field::AxeMinisteriel1.path(),
        &mut chorus.axe_ministeriel_1,
        "",
    );
}

fn format_hint(ui: &mut Ui, valid: bool, text: &str) {
    if !valid {
        ui.label(RichText::new(format!("Format : {text}")).color(theme::MUTED));
    }
}
