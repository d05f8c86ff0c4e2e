//! Step « Annexe RGPD »: the responsibility matrix, row by row.

use eframe::egui::{self, RichText, Ui};

use super::Form;
use super::list::{apply, row_controls};
use crate::app::theme;
use crate::model::{Draft, RgpdRow, standard};

/// Edits the RGPD matrix.
pub fn rgpd_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.label("Annexe 1 : pour chaque sujet, ce dont répondent la DINUM (sous-traitant) et le délégant (responsable du traitement). Un retour à la ligne sépare les paragraphes d'une case.");
    form.messages(ui, "rgpd_matrix");
    ui.add_space(6.0);
    let count = draft.rgpd_matrix.len();
    let mut action = None;
    let delegataire = match draft.delegataire.short_name.trim() {
        "" => "Délégataire".to_owned(),
        name => name.to_owned(),
    };
    for (index, row) in draft.rgpd_matrix.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let group = format!("ligne {}", index + 1);
            form.text(
                ui,
                "Sujet",
                &group,
                &format!("rgpd_matrix[{index}].topic"),
                &mut row.topic,
                "",
            );
            ui.columns(2, |columns| {
                form.multiline(
                    &mut columns[0],
                    &delegataire,
                    &group,
                    &format!("rgpd_matrix[{index}].delegataire"),
                    &mut row.delegataire,
                    3,
                );
                form.multiline(
                    &mut columns[1],
                    "Délégant",
                    &group,
                    &format!("rgpd_matrix[{index}].delegant"),
                    &mut row.delegant,
                    3,
                );
            });
            if let Some(a) = row_controls(ui, index, count, &format!("la ligne {}", index + 1)) {
                action = Some(a);
            }
        });
    }
    if let Some(action) = action {
        apply(&mut draft.rgpd_matrix, action);
    }
    ui.horizontal(|ui| {
        let add = ui.button("Ajouter une ligne");
        form.claim_focus(&add, "rgpd_matrix");
        if add.clicked() {
            draft.rgpd_matrix.push(RgpdRow::default());
        }
        if draft.rgpd_matrix != standard::rgpd_matrix()
            && ui.button("Rétablir la matrice type").clicked()
        {
            draft.rgpd_matrix = standard::rgpd_matrix();
        }
    });
    ui.label(
        RichText::new("Une modification se défait avec Ctrl+Z.")
            .color(theme::MUTED)
            .small(),
    );
}
