//! RGPD rules: the responsibility matrix of Annexe 1.

use super::{Emitter, blank};
use crate::model::{Draft, Field};

pub(super) fn matrix_required(draft: &Draft, out: &mut Emitter<'_, '_>) {
    if draft.rgpd_matrix.is_empty() {
        out.error(
            Field::RgpdMatrix.path(),
            "L'annexe 1 est vide : la répartition des responsabilités RGPD doit figurer dans la convention (reprenez la matrice type).",
        );
    }
}

pub(super) fn topic_required(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, row) in draft.rgpd_matrix.iter().enumerate() {
        if blank(&row.topic) {
            out.error(
                Field::RgpdTopic.at(index),
                format!("La ligne {} de l'annexe RGPD n'a pas de sujet.", index + 1),
            );
        }
    }
}

pub(super) fn empty_cell(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for (index, row) in draft.rgpd_matrix.iter().enumerate() {
        let topic = if blank(&row.topic) {
            format!("ligne {}", index + 1)
        } else {
            format!("« {} »", row.topic.trim())
        };
        for (field, party, text) in [
            (Field::RgpdDelegataire, "de la DINUM", &row.delegataire),
            (Field::RgpdDelegant, "du délégant", &row.delegant),
        ] {
            if blank(text) {
                out.warning(
                    field.at(index),
                    format!(
                        "Annexe RGPD, {topic} : la responsabilité {party} n'est pas renseignée. Précisez-la ou écrivez « Sans objet »."
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn the_matrix_is_required() {
        let mut draft = reference();
        draft.rgpd_matrix.clear();
        assert_eq!(
            fired(&draft, "rgpd.matrix-required"),
            [error("rgpd_matrix")]
        );
        assert!(fired(&reference(), "rgpd.matrix-required").is_empty());
    }

    #[test]
    fn each_row_has_a_topic() {
        let mut draft = reference();
        draft.rgpd_matrix[3].topic = " ".into();
        assert_eq!(
            fired(&draft, "rgpd.topic-required"),
            [error("rgpd_matrix[3].topic")]
        );
        assert!(fired(&reference(), "rgpd.topic-required").is_empty());
    }

    #[test]
    fn empty_cells_are_warnings() {
        let mut draft = reference();
        draft.rgpd_matrix[0].delegataire.clear();
        assert_eq!(
            fired(&draft, "rgpd.empty-cell"),
            [warning("rgpd_matrix[0].delegataire")]
        );
    }
}
