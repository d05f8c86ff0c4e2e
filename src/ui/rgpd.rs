//! Step « Annexe RGPD »: the responsibility matrix, row by row.

use eframe::egui::{self, RichText, Ui};

use super::list::{apply, row_controls};
use super::{FocusRequest, Form, theme};
use crate::model::{Draft, Field, RgpdRow, standard};

/// Edits the RGPD matrix.
pub fn rgpd_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.label("Annexe 1 : pour chaque sujet, ce dont répondent la DINUM (sous-traitant) et le délégant (responsable du traitement). Un retour à la ligne sépare les paragraphes d'une case.");
    form.messages(ui, Field::RgpdMatrix.path());
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
                Field::RgpdTopic.at(index),
                &mut row.topic,
                "",
            );
            ui.columns(2, |columns| {
                form.multiline(
                    &mut columns[0],
                    &delegataire,
                    &group,
                    Field::RgpdDelegataire.at(index),
                    &mut row.delegataire,
                    3,
                );
                form.multiline(
                    &mut columns[1],
                    "Délégant",
                    &group,
                    Field::RgpdDelegant.at(index),
                    &mut row.delegant,
                    3,
                );
            });
            ui.horizontal(|ui| {
                let what = format!("la ligne {}", index + 1);
                if let Some(a) = row_controls(ui, index, count, &what) {
                    action = Some(a);
                }
                form.comment_button(ui, Field::RgpdRow.at(index));
            });
            form.threads(ui, Field::RgpdRow.at(index));
        });
    }
    if let Some(action) = action {
        apply(&mut draft.rgpd_matrix, action);
    }
    ui.horizontal(|ui| {
        let add = ui.button("Ajouter une ligne");
        form.claim_focus(&add, Field::RgpdMatrix.path());
        // A remark on the matrix as a whole (it shows above the matrix).
        form.comment_button(ui, Field::RgpdMatrix.path());
        if add.clicked() {
            draft.rgpd_matrix.push(RgpdRow::default());
            // The keys typed next go into the new row's subject.
            *form.focus = Some(FocusRequest::new(
                Field::RgpdRow.at(draft.rgpd_matrix.len() - 1),
            ));
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
