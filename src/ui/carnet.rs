//! The carnet des parties on screen: the suggestions under the délégant's
//! name, and the window that lists its entries to edit or delete them.

use eframe::egui::{self, Key, Response, RichText, Ui};

use super::theme;
use crate::model::{Carnet, Contact, Party};

/// How many suggestions show under the field.
const SHOWN: usize = 5;

/// The state of the « Carnet des parties » window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CarnetWindow {
    /// Whether the window is open.
    pub open: bool,
    /// The entries whose fields are being edited, by index.
    pub editing: Option<usize>,
}

/// Under the délégant's name (`typed`, the field's response): the carnet's
/// délégants whose name the text may start, each a button that fills the
/// party's fields; Enter in the field takes the offer when it is the only
/// one (among several it would replace what was typed with a guess).
pub fn suggestions_ui(ui: &mut Ui, typed: &Response, carnet: &Carnet, party: &mut Party) {
    let found = carnet.matches(&party.name);
    let only = match found.as_slice() {
        [(_, contact)] => Some(*contact),
        _ => None,
    };
    let matches: Vec<&Contact> = found
        .iter()
        .take(SHOWN)
        .map(|(_, contact)| *contact)
        .collect();
    if matches.is_empty() {
        return;
    }
    if let Some(only) = only
        && typed.lost_focus()
        && ui.input(|i| i.key_pressed(Key::Enter))
    {
        *party = only.party();
        return;
    }
    let mut chosen = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let hint = if only.is_some() {
            "Dans le carnet des parties (Entrée : le reprendre)"
        } else {
            "Dans le carnet des parties (cliquez sur celui à reprendre)"
        };
        ui.label(RichText::new(hint).color(theme::MUTED));
        for contact in &matches {
            let mut text = contact.label();
            if !contact.representative.is_empty() {
                text.push_str(&format!(" — {}", contact.representative));
            }
            let button = egui::Button::new(text).frame(false);
            let response = ui
                .add(button)
                .on_hover_text("Reprendre le nom, le nom court, l'adresse et le représentant");
            let response =
                response.accessible_name(format!("Reprendre du carnet : {}", contact.label()));
            if response.clicked() {
                chosen = Some(contact.party());
            }
        }
    });
    if let Some(chosen) = chosen {
        *party = chosen;
    }
}

/// The « Carnet des parties » window: each entry, its fields editable,
/// with « Supprimer ».
pub fn carnet_window(ctx: &egui::Context, state: &mut CarnetWindow, carnet: &mut Carnet) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Carnet des parties")
        .open(&mut open)
        .default_width(640.0)
        .default_height(420.0)
        .vscroll(true)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| carnet_ui(ui, state, carnet));
    state.open = open;
}

/// The list of the window.
fn carnet_ui(ui: &mut Ui, state: &mut CarnetWindow, carnet: &mut Carnet) {
    ui.label("Les délégants des brouillons ouverts et enregistrés, proposés quand vous tapez le nom d'un délégant.");
    ui.add_space(6.0);
    if carnet.contacts.is_empty() {
        ui.label(
            RichText::new("Le carnet est vide : ouvrez ou enregistrez un brouillon.")
                .color(theme::MUTED),
        );
        return;
    }
    let mut removed = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (index, contact) in carnet.contacts.iter_mut().enumerate() {
                ui.push_id(("carnet", index), |ui| {
                    ui.horizontal(|ui| {
                        let editing = state.editing == Some(index);
                        let toggle = if editing { "Fermer" } else { "Modifier" };
                        if ui
                            .button(toggle)
                            .accessible_name(format!("{toggle} : {}", contact.label()))
                            .clicked()
                        {
                            state.editing = (!editing).then_some(index);
                        }
                        if ui
                            .button("Supprimer")
                            .accessible_name(format!("Supprimer : {}", contact.label()))
                            .clicked()
                        {
                            removed = Some(index);
                        }
                        ui.label(RichText::new(contact.label()).strong());
                    });
                    let signatory = [contact.representative.as_str(), contact.title.as_str()]
                        .into_iter()
                        .filter(|text| !text.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    if !signatory.is_empty() {
                        ui.label(RichText::new(signatory).color(theme::MUTED));
                    }
                    if state.editing == Some(index) {
                        contact_ui(ui, contact);
                    }
                    ui.separator();
                });
            }
        });
    if let Some(index) = removed {
        carnet.remove(index);
        state.editing = None;
    }
}

/// The fields of one entry.
fn contact_ui(ui: &mut Ui, contact: &mut Contact) {
    egui::Grid::new("fiche").num_columns(2).show(ui, |ui| {
        let fields = [
            ("Nom complet", &mut contact.name),
            ("Nom court", &mut contact.short_name),
            ("Adresse", &mut contact.address),
            ("Représentant", &mut contact.representative),
            ("Qualité", &mut contact.title),
        ];
        for (label, value) in fields {
            ui.label(label);
            ui.add(egui::TextEdit::singleline(value).desired_width(460.0))
                .accessible_name(format!("{label} (carnet)"));
            ui.end_row();
        }
    });
}
