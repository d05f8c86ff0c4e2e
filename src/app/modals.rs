//! The dialogs over the window: unsaved changes, drafts to recover, the
//! user's name, leaving « Signé », a reviewed DOCX from another draft,
//! the report of a DOCX imported, a file to replace, errors.

use eframe::egui::{self, RichText};

use super::chooser::Answer;
use super::{Command, ConventionApp, Session, Step};
use crate::import::ImportReport;
use crate::model::Status;
use crate::ui::theme;

/// A dialog over the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Modal {
    /// The draft has unsaved changes; `then` waits for the answer.
    Unsaved { then: Command },
    /// Drafts left by a crash, offered for restoring.
    Recovery,
    /// The user's name, asked the first time a remark or a status needs
    /// it (and from Fichier › Votre nom…); `then` waits for it.
    Author { then: Option<Command> },
    /// A signed draft is to go back to `to`: asked, since it then can be
    /// edited again.
    Unsign { to: Status },
    /// A reviewed DOCX that was not exported from this draft: imported
    /// only if the user says so.
    ForeignDocx {
        /// The DOCX.
        path: std::path::PathBuf,
        /// Why it was refused.
        reason: String,
    },
    /// A signed DOCX was imported as a new draft: what was found, missed
    /// and doubted.
    Imported {
        /// The DOCX.
        path: std::path::PathBuf,
        /// What the import says of it.
        report: ImportReport,
    },
    /// Writing where the user chose would replace these files: done
    /// only if they say so.
    Replace {
        /// The files there already.
        files: Vec<std::path::PathBuf>,
        /// Where to write, what for and for which draft.
        answer: Answer,
    },
    /// Something went wrong.
    Error(String),
}

impl ConventionApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let mut dropped: Option<Command> = None;
        let id = egui::Id::unique("fenetre-modale");
        let response = egui::Modal::new(id).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &modal {
                Modal::Unsaved { then } => {
                    let name = self.session.as_ref().map(Session::name).unwrap_or_default();
                    let untitled = self.session.as_ref().is_some_and(|s| s.path.is_none());
                    let pending = self.session.as_ref().map(Session::pending_texts).unwrap_or_default();
                    ui.heading("Modifications non enregistrées");
                    if untitled {
                        ui.label("Ce brouillon n'a jamais été enregistré. L'enregistrer avant de continuer ?");
                    } else {
                        ui.label(format!("Enregistrer les modifications de « {name} » avant de continuer ?"));
                    }
                    if !pending.is_empty() {
                        ui.add_space(4.0);
                        ui.label(RichText::new("Ce qui a été tapé mais n'est pas pris en compte sera perdu ; « Annuler » permet de le corriger :").color(theme::WARNING));
                        for text in &pending {
                            ui.label(format!("• {text}"));
                        }
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.add(theme::primary_button("Enregistrer")).clicked() {
                            close = true;
                            // Through the built-in chooser, `then` waits
                            // for the file to be saved.
                            if self.save(false, Some(then.clone())) {
                                self.continue_with(ctx, then.clone());
                            }
                        }
                        if ui.button("Ne pas enregistrer").clicked() {
                            close = true;
                            if let Some(session) = &mut self.session {
                                session.saved = session.draft.clone();
                            }
                            self.continue_with(ctx, then.clone());
                        }
                        if ui.button("Annuler").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Recovery => {
                    ui.heading("Brouillon récupéré");
                    ui.label("Convention s'est arrêté sans que ces modifications soient enregistrées. Voulez-vous les restaurer ?");
                    ui.add_space(6.0);
                    for found in &self.recoveries {
                        let name = found
                            .recovery
                            .path
                            .as_deref()
                            .map_or_else(|| "Sans titre".to_owned(), |p| p.display().to_string());
                        ui.label(RichText::new(format!("{name} — copie du {}", found.recovery.saved_at)).strong());
                        ui.horizontal(|ui| {
                            if ui.button("Restaurer").accessible_name(format!("Restaurer {name}")).clicked() {
                                commands.push(Command::RestoreRecovery(found.file.clone()));
                            }
                            if ui.button("Supprimer la copie").accessible_name(format!("Supprimer la copie de {name}")).clicked() {
                                commands.push(Command::DiscardRecovery(found.file.clone()));
                            }
                        });
                    }
                    ui.add_space(6.0);
                    if ui.button("Plus tard").clicked() {
                        close = true;
                    }
                }
                Modal::Author { then } => {
                    ui.heading("Votre nom");
                    ui.label("Il signe vos remarques, vos réponses et vos changements de statut, dans le brouillon et dans les exports. Il n'est demandé qu'une fois ; Fichier › Votre nom… le change.");
                    ui.add_space(6.0);
                    let label = ui.label("Prénom et nom");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.author_input)
                                .id(egui::Id::unique("nom-auteur"))
                                .hint_text(RichText::new("ex. : Claire Martin").italics().color(theme::MUTED))
                                .desired_width(320.0),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(&mut self.author_focus) {
                        edit.request_focus();
                    }
                    let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let name = self.author_input.trim().to_owned();
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let ok = ui.add_enabled(!name.is_empty(), theme::primary_button("Valider"));
                        if (ok.clicked() || entered) && !name.is_empty() {
                            close = true;
                            self.prefs.author = name.clone();
                            self.say(format!("Vos remarques seront signées « {name} »."));
                            if let Some(then) = then.clone() {
                                self.review(then);
                            }
                        }
                        if ui.button("Annuler").clicked() {
                            close = true;
                            dropped = then.clone();
                        }
                    });
                }
                Modal::Unsign { to } => {
                    ui.heading("Convention signée");
                    ui.label(format!(
                        "Cette convention est signée : elle ne change normalement que par avenant. La repasser au statut « {} » rend ses champs de nouveau modifiables.",
                        to.label()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(format!("Repasser en « {} »", to.label())).clicked() {
                            close = true;
                            self.review(Command::SetStatus(*to));
                        }
                        if ui.add(theme::primary_button("Garder « Signé »")).clicked() {
                            close = true;
                        }
                    });
                }
                Modal::ForeignDocx { path, reason } => {
                    ui.heading("Ce DOCX vient d'un autre brouillon");
                    ui.label(format!("{} : {reason}", path.display()));
                    ui.label("Ses remarques peuvent ne pas tomber sur les bons champs. Les importer quand même ?");
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Importer quand même").clicked() {
                            close = true;
                            commands.push(Command::ImportReview {
                                path: Some(path.clone()),
                                force: true,
                            });
                        }
                        if ui.add(theme::primary_button("Ne pas importer")).clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Imported { path, report } => {
                    imported_ui(ui, path, report, &mut close, commands);
                }
                Modal::Replace { files, answer } => {
                    let names = files
                        .iter()
                        .map(|file| {
                            let name = file.file_name().map_or_else(
                                || file.display().to_string(),
                                |n| n.to_string_lossy().into_owned(),
                            );
                            format!("« {name} »")
                        })
                        .collect::<Vec<_>>()
                        .join(" et ");
                    ui.heading("Fichier existant");
                    ui.label(format!("Remplacer {names} ?"));
                    let folder = files.first().and_then(|f| f.parent()).map(|f| f.display().to_string()).unwrap_or_default();
                    let what = if files.len() == 1 {
                        format!("Ce fichier existe déjà dans {folder} : son contenu actuel sera perdu.")
                    } else {
                        format!("Ces fichiers existent déjà dans {folder} : leur contenu actuel sera perdu.")
                    };
                    ui.label(RichText::new(what).color(theme::MUTED));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Remplacer").clicked() {
                            close = true;
                            if self.still_for(answer) {
                                self.resume(ctx, answer.purpose.clone(), answer.path.clone());
                            }
                        }
                        if ui.add(theme::primary_button("Annuler")).clicked() {
                            close = true;
                            self.say(format!("Rien n'a été écrit : {names} inchangé{}.", if files.len() == 1 { "" } else { "s" }));
                        }
                    });
                }
                Modal::Error(message) => {
                    ui.heading("Opération impossible");
                    for line in message.lines() {
                        ui.label(line);
                    }
                    ui.add_space(6.0);
                    if ui.button("Fermer").clicked() {
                        close = true;
                    }
                }
            }
        });
        if response.should_close() {
            close = true;
            if let Modal::Author { then } = &modal {
                dropped = then.clone();
            }
        }
        // A remark waiting for a name that was not given goes back to its
        // editor.
        if let (Some(command), Some(session)) = (&dropped, &mut self.session) {
            session.remarks.restore(command);
        }
        if close && self.modal.as_ref() == Some(&modal) {
            self.modal = None;
        }
    }

    pub(super) fn continue_with(&mut self, ctx: &egui::Context, then: Command) {
        if then == Command::Quit {
            self.quit(ctx);
        } else {
            self.perform(then);
        }
    }
}

/// The report of an import: the counts, then each required field missing,
/// each value to check and each passage not recognised; where to find them
/// again.
fn imported_ui(
    ui: &mut egui::Ui,
    path: &std::path::Path,
    report: &ImportReport,
    close: &mut bool,
    commands: &mut Vec<Command>,
) {
    ui.heading("Convention importée");
    ui.label(RichText::new(path.display().to_string()).color(theme::MUTED));
    ui.label(RichText::new(report.summary()).strong());
    if !report.is_complete() {
        ui.label(
            RichText::new(
                "Des champs obligatoires n'ont pas été trouvés : complétez-les avant d'exporter.",
            )
            .color(theme::ERROR),
        );
    }
    let sections: [(&str, Vec<String>); 3] = [
        (
            "Champs non trouvés",
            report.missing.iter().map(ToString::to_string).collect(),
        ),
        (
            "Valeurs à vérifier",
            report.unsure.iter().map(ToString::to_string).collect(),
        ),
        (
            "Passages non reconnus (gardés en remarque)",
            report.unmatched.iter().map(ToString::to_string).collect(),
        ),
    ];
    egui::ScrollArea::vertical()
        .id_salt("rapport-import")
        .max_height(320.0)
        .show(ui, |ui| {
            for (title, lines) in &sections {
                if lines.is_empty() {
                    continue;
                }
                ui.add_space(6.0);
                ui.label(RichText::new(*title).strong().color(theme::ACCENT));
                for line in lines {
                    ui.label(format!("• {line}"));
                }
            }
        });
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            "Chacun de ces points est une remarque « Import » à côté de son champ, et la liste est à l'étape Relecture. Le brouillon n'est pas encore enregistré : « Enregistrer » demandera où.",
        )
        .color(theme::MUTED),
    );
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .add(theme::primary_button("Voir à l'étape Relecture"))
            .clicked()
        {
            *close = true;
            commands.push(Command::GoTo(Step::Relecture));
        }
        if ui.button("Fermer").clicked() {
            *close = true;
        }
    });
}
