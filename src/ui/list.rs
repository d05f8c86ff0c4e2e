//! Controls for a row of an editable list: move up, move down, remove.

use eframe::egui::{self, Ui};

/// What the user asked of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// Swap with the row above.
    Up(usize),
    /// Swap with the row below.
    Down(usize),
    /// Remove the row.
    Remove(usize),
}

/// Draws the three buttons of row `index` of `len`; `what` names the row
/// for screen readers (« le visa 2 »).
pub fn row_controls(ui: &mut Ui, index: usize, len: usize, what: &str) -> Option<RowAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        let up = ui
            .add_enabled(index > 0, egui::Button::new("↑"))
            .on_hover_text("Monter")
            .accessible_name(format!("Monter {what}"));
        if up.clicked() {
            action = Some(RowAction::Up(index));
        }
        let down = ui
            .add_enabled(index + 1 < len, egui::Button::new("↓"))
            .on_hover_text("Descendre")
            .accessible_name(format!("Descendre {what}"));
        if down.clicked() {
            action = Some(RowAction::Down(index));
        }
        let remove = ui
            .button("Supprimer")
            .accessible_name(format!("Supprimer {what}"));
        if remove.clicked() {
            action = Some(RowAction::Remove(index));
        }
    });
    action
}

/// Applies a row action to a list.
pub fn apply<T>(list: &mut Vec<T>, action: RowAction) {
    match action {
        RowAction::Up(index) if index > 0 && index < list.len() => list.swap(index, index - 1),
        RowAction::Down(index) if index + 1 < list.len() => list.swap(index, index + 1),
        RowAction::Remove(index) if index < list.len() => {
            list.remove(index);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_move_and_remove() {
        let mut list = vec![1, 2, 3];
        apply(&mut list, RowAction::Up(2));
        assert_eq!(list, [1, 3, 2]);
        apply(&mut list, RowAction::Down(0));
        assert_eq!(list, [3, 1, 2]);
        apply(&mut list, RowAction::Remove(1));
        assert_eq!(list, [3, 2]);
        apply(&mut list, RowAction::Up(0));
        apply(&mut list, RowAction::Down(1));
        apply(&mut list, RowAction::Remove(5));
        assert_eq!(list, [3, 2]);
    }
}
