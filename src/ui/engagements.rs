//! Step « Engagements »: the délégant's commitments toward beta.gouv
//! practice (Article 2, « Autres engagements »).

use eframe::egui::{self, RichText, Ui};

use super::list::{apply, row_controls};
use super::{FocusRequest, Form, theme};
use crate::model::{Commitment, Draft, Field, standard};

/// Edits the commitments.
pub fn engagements_ui(ui: &mut Ui, draft: &mut Draft, form: &mut Form<'_>) {
    ui.label("Article 2 : le délégant s'engage aussi à suivre ces bonnes pratiques. Chaque engagement commence par un verbe à l'infinitif ; la note, facultative, figure en bas de page (souvent l'adresse d'un guide).");
    ui.add_space(6.0);
    form.messages(ui, Field::Commitments.path());
    let count = draft.commitments.len();
    let mut action = None;
    for (index, commitment) in draft.commitments.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let group = format!("engagement {}", index + 1);
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("Engagement {}", index + 1)).strong());
                form.comment_button(ui, Field::Commitment.at(index));
            });
            form.multiline(
                ui,
                "Texte",
                &group,
                Field::CommitmentText.at(index),
                &mut commitment.text,
                2,
            );
            form.text(
                ui,
                "Note de bas de page",
                &group,
                Field::CommitmentNote.at(index),
                &mut commitment.note,
                "https://…",
            );
            form.threads(ui, Field::Commitment.at(index));
            if let Some(a) = row_controls(ui, index, count, &format!("l'engagement {}", index + 1))
            {
                action = Some(a);
            }
        });
    }
    if let Some(action) = action {
        apply(&mut draft.commitments, action);
    }
    ui.horizontal(|ui| {
        let add = ui.button("Ajouter un engagement");
        form.claim_focus(&add, Field::Commitments.path());
        // A remark on the list as a whole (it shows above the list).
        form.comment_button(ui, Field::Commitments.path());
        if add.clicked() {
            draft.commitments.push(Commitment::default());
            // The keys typed next go into the new commitment's first field.
            *form.focus = Some(FocusRequest::new(
                Field::Commitment.at(draft.commitments.len() - 1),
            ));
        }
        if draft.commitments != standard::commitments()
            && ui.button("Rétablir les engagements types").clicked()
        {
            draft.commitments = standard::commitments();
        }
    });
    if draft.commitments.is_empty() {
        ui.label(
            RichText::new(
                "Sans engagement, la section « Autres engagements » disparaît de l'article 2.",
            )
            .color(theme::MUTED),
        );
    }
}
