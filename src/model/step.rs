//! The steps of the wizard: the parts a draft is edited in, then review and
//! export. Every field belongs to one (see [`super::field`]).

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
}

#[cfg(test)]
mod tests {
    use super::*;

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
