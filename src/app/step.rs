//! The wizard's steps, and which step each field of a draft belongs to.

/// A step of the wizard, in order.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Step {
    /// The two parties and their representatives.
    #[default]
    Parties,
    /// Title, visas, beneficiary, purpose and phase.
    Objet,
    /// The UO and the AE/CP schedule.
    Budget,
    /// The Chorus imputation.
    Chorus,
    /// The délégant's commitments.
    Engagements,
    /// Annexe 1, the RGPD matrix.
    Rgpd,
    /// End date, notice, place and date of signature.
    Signature,
    /// Every finding, to review.
    Relecture,
    /// DOCX and PDF.
    Export,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 9] = [
        Step::Parties,
        Step::Objet,
        Step::Budget,
        Step::Chorus,
        Step::Engagements,
        Step::Rgpd,
        Step::Signature,
        Step::Relecture,
        Step::Export,
    ];

    /// The step's title, as the side panel shows it.
    pub fn title(self) -> &'static str {
        match self {
            Step::Parties => "Parties",
            Step::Objet => "Objet et visas",
            Step::Budget => "Budget (UO, AE/CP)",
            Step::Chorus => "Imputation Chorus",
            Step::Engagements => "Engagements",
            Step::Rgpd => "Annexe RGPD",
            Step::Signature => "Durée et signature",
            Step::Relecture => "Relecture",
            Step::Export => "Export",
        }
    }

    /// The step's name on the command line (`--step budget`).
    pub fn id(self) -> &'static str {
        match self {
            Step::Parties => "parties",
            Step::Objet => "objet",
            Step::Budget => "budget",
            Step::Chorus => "chorus",
            Step::Engagements => "engagements",
            Step::Rgpd => "rgpd",
            Step::Signature => "signature",
            Step::Relecture => "relecture",
            Step::Export => "export",
        }
    }

    /// The step named on the command line.
    pub fn from_id(id: &str) -> Option<Step> {
        Step::ALL
            .into_iter()
            .find(|step| step.id() == id.trim().to_lowercase())
    }

    /// Position in the wizard, from 0.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The next step, if any.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.index() + 1).copied()
    }

    /// The previous step, if any.
    pub fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Step::ALL[i])
    }

    /// Whether this step edits fields (the last two only show).
    pub fn is_form(self) -> bool {
        !matches!(self, Step::Relecture | Step::Export)
    }

    /// Where the preview shows this step's part of the default template: the
    /// start of a heading, or "" for the title.
    pub fn preview_anchor(self) -> Option<&'static str> {
        match self {
            Step::Parties => Some(""),
            Step::Objet => Some("Préambule"),
            Step::Budget | Step::Chorus => Some("Article 5"),
            Step::Engagements => Some("Article 2"),
            Step::Rgpd => Some("Annexe 1"),
            Step::Signature => Some("Article 7"),
            Step::Relecture | Step::Export => None,
        }
    }

    /// The step where the field at `path` is edited.
    pub fn for_path(path: &str) -> Step {
        let head = path.split(['.', '[']).next().unwrap_or_default();
        match head {
            "delegant" | "delegataire" => Step::Parties,
            "title" | "visas" | "object" => Step::Objet,
            "budget" => Step::Budget,
            "chorus" => Step::Chorus,
            "commitments" => Step::Engagements,
            "rgpd_matrix" => Step::Rgpd,
            "signature" | "end_date" | "notice_months" => Step::Signature,
            _ => Step::Relecture,
        }
    }
}

/// The field at `path` as the form names it, for people: « Délégant —
/// nom du représentant », « Échéancier, ligne 2 — CP ».
pub fn field_name(path: &str) -> String {
    // Splits `rgpd_matrix[10].delegant` into `rgpd_matrix`, `10`, `delegant`.
    let mut parts = path.split(['.', '[', ']']).filter(|p| !p.is_empty());
    let head = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let row = |index: &str| {
        index
            .parse::<usize>()
            .map_or_else(|_| index.to_owned(), |i| (i + 1).to_string())
    };
    let party_field = |field: &[&str]| match field {
        ["name"] => "nom",
        ["short_name"] => "nom court",
        ["address"] => "adresse",
        ["gender"] => "genre du nom court",
        ["representative", "name"] => "nom du représentant",
        ["representative", "title"] => "qualité du représentant",
        ["representative", ..] => "représentant",
        _ => "",
    };
    let with = |whole: &str, part: &str| {
        if part.is_empty() {
            whole.to_owned()
        } else {
            format!("{whole} — {part}")
        }
    };
    match (head, rest.as_slice()) {
        ("delegant", field) => with("Délégant", party_field(field)),
        ("delegataire", field) => with("Délégataire", party_field(field)),
        ("title", _) => "Titre".to_owned(),
        ("visas", []) => "Visas".to_owned(),
        ("visas", [index, ..]) => format!("Visa {}", row(index)),
        ("object", ["beneficiary"]) => "Objet — bénéficiaire".to_owned(),
        ("object", ["purpose"]) => "Objet — finalité".to_owned(),
        ("object", ["phase"]) => "Objet — phase".to_owned(),
        ("object", _) => "Objet".to_owned(),
        ("commitments", []) => "Engagements".to_owned(),
        ("commitments", [index, ..]) => format!("Engagement {}", row(index)),
        ("budget", ["uo"]) => "Unité opérationnelle (UO)".to_owned(),
        ("budget", ["hors_titre_2"]) => "Crédits hors titre 2".to_owned(),
        ("budget", ["schedule"]) => "Échéancier".to_owned(),
        ("budget", ["schedule", index, field]) => {
            let column = match *field {
                "year" => "année",
                "ae" => "AE",
                "cp" => "CP",
                other => other,
            };
            format!("Échéancier, ligne {} — {column}", row(index))
        }
        ("chorus", ["domaine_fonctionnel"]) => "Domaine fonctionnel".to_owned(),
        ("chorus", ["centre_financier"]) => "Centre financier".to_owned(),
        ("chorus", ["centre_de_cout"]) => "Centre de coût".to_owned(),
        ("chorus", ["axe_ministeriel_1"]) => "Axe ministériel 1".to_owned(),
        ("chorus", ["activites"]) => "Activités".to_owned(),
        ("chorus", ["activites", index, "label"]) => format!("Activité {} — libellé", row(index)),
        ("chorus", ["activites", index, ..]) => format!("Activité {} — code", row(index)),
        ("chorus", _) => "Imputation Chorus".to_owned(),
        ("signature", ["date"]) => "Date de signature".to_owned(),
        ("signature", ["place"]) => "Lieu de signature".to_owned(),
        ("end_date", _) => "Date de fin".to_owned(),
        ("notice_months", _) => "Préavis".to_owned(),
        ("rgpd_matrix", []) => "Annexe RGPD".to_owned(),
        ("rgpd_matrix", [index, field]) => {
            let column = match *field {
                "topic" => "sujet",
                "delegataire" => "colonne du délégataire",
                "delegant" => "colonne du délégant",
                other => other,
            };
            format!("Annexe RGPD, ligne {} — {column}", row(index))
        }
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_path_has_a_form_step() {
        let mut draft = crate::model::Draft::blank();
        draft.visas.push(String::new());
        for finding in crate::rules::check(&draft) {
            assert!(Step::for_path(&finding.path).is_form(), "{}", finding.path);
        }
        assert_eq!(Step::for_path("budget.schedule[3].cp"), Step::Budget);
        assert_eq!(Step::for_path("rgpd_matrix"), Step::Rgpd);
        assert_eq!(Step::for_path("end_date"), Step::Signature);
    }

    #[test]
    fn every_rule_path_has_a_name_for_people() {
        let mut draft = crate::model::Draft::blank();
        draft.visas.push(String::new());
        for finding in crate::rules::check(&draft) {
            let name = field_name(&finding.path);
            assert!(!name.contains('_') && !name.contains('['), "{name}");
        }
        assert_eq!(
            field_name("budget.schedule[1].cp"),
            "Échéancier, ligne 2 — CP"
        );
        assert_eq!(
            field_name("delegant.representative.name"),
            "Délégant — nom du représentant"
        );
        assert_eq!(
            field_name("rgpd_matrix[10].delegant"),
            "Annexe RGPD, ligne 11 — colonne du délégant"
        );
        assert_eq!(field_name("quelque.chose"), "quelque.chose");
    }

    #[test]
    fn ids_round_trip_and_steps_chain() {
        for step in Step::ALL {
            assert_eq!(Step::from_id(step.id()), Some(step));
        }
        assert_eq!(Step::Parties.previous(), None);
        assert_eq!(Step::Parties.next(), Some(Step::Objet));
        assert_eq!(Step::Export.next(), None);
    }
}
