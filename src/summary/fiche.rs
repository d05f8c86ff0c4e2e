//! The facts a fiche de synthèse shows, gathered once from a draft and its
//! findings, so the text and the PDF say the same.

use crate::model::programmes::Catalogue;
use crate::model::{Draft, Money, Party, code, date};
use crate::rules::{self, Severity, Tally};

/// What the fiche says about a draft, in words ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fiche {
    /// The document's title, e.g. « Convention de délégation de gestion ».
    pub title: String,
    /// « MEAE – DINUM », or empty when neither short name is given.
    pub parties_short: String,
    /// The délégant: « Ministère … (MEAE) ».
    pub delegant: String,
    /// Who signs for the délégant: « M. Fabien FIESCHI, Directeur du numérique ».
    pub delegant_signatory: String,
    /// The délégant's address.
    pub delegant_address: String,
    /// The délégataire: « Direction … (DINUM) ».
    pub delegataire: String,
    /// Who signs for the délégataire.
    pub delegataire_signatory: String,
    /// The délégataire's address.
    pub delegataire_address: String,
    /// The beneficiary, e.g. « l'atelier numérique ».
    pub beneficiary: String,
    /// What the credits pay for.
    pub purpose: String,
    /// The Startup d'État phase, e.g. « Accélération », or empty.
    pub phase: String,
    /// « du 19/05/2022 au 31/12/2022 », with « date de signature à
    /// venir » or « fin non renseignée » for what is missing.
    pub period: String,
    /// « Paris, le 19/05/2022 » or « Paris, date à venir ».
    pub signature: String,
    /// « 3 mois ».
    pub notice: String,
    /// The UO, as typed.
    pub uo: String,
    /// « 0105 — Action de la France en Europe et dans le monde », or the
    /// number alone, or empty when the UO does not read.
    pub programme: String,
    /// « hors titre 2 » or « titre 2 ».
    pub titre_2: String,
    /// The schedule in year order.
    pub years: Vec<YearLine>,
    /// The sum of the AE.
    pub total_ae: Money,
    /// The sum of the CP.
    pub total_cp: Money,
    /// The Chorus references: label and value, the empty ones left out.
    pub chorus: Vec<(String, String)>,
    /// The counts of findings.
    pub tally: Tally,
    /// The errors' messages, in the order the rules give them.
    pub errors: Vec<String>,
    /// « En relecture » and, when it changed, by whom and when.
    pub status: String,
    /// « 2 remarques ouvertes », or empty without any.
    pub remarks: String,
    /// The short hash of the draft's content, as its exports print it.
    pub draft_hash: String,
    /// The day the draft was last reviewed, `YYYY-MM-DD`, or empty: the
    /// PDF's creation date, as for the document.
    pub provenance_date: String,
    /// The signature date as `YYYY-MM-DD` (empty without one): the PDF's
    /// date, so the same draft gives the same file.
    pub date: String,
}

/// One year of the schedule, or several summed up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearLine {
    /// « 2025 », or « 2032–2044 » for years summed up.
    pub years: String,
    /// Autorisations d'engagement.
    pub ae: Money,
    /// Crédits de paiement.
    pub cp: Money,
}

impl Fiche {
    /// The fiche of a draft, its findings run now.
    pub fn of(draft: &Draft) -> Self {
        let findings = rules::check(draft);
        let tally = Tally::of(&findings);
        let errors = findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .map(|finding| finding.message.clone())
            .collect();
        let budget = &draft.budget;
        let years = budget
            .indices_by_year()
            .into_iter()
            .map(|index| {
                let row = &budget.schedule[index];
                YearLine {
                    years: row.year.to_string(),
                    ae: row.ae,
                    cp: row.cp,
                }
            })
            .collect();
        Self {
            title: draft.title.trim().to_owned(),
            parties_short: parties_short(draft),
            delegant: party_name(&draft.delegant),
            delegant_signatory: signatory(&draft.delegant),
            delegant_address: draft.delegant.address.trim().to_owned(),
            delegataire: party_name(&draft.delegataire),
            delegataire_signatory: signatory(&draft.delegataire),
            delegataire_address: draft.delegataire.address.trim().to_owned(),
            beneficiary: beneficiary(&draft.object),
            purpose: draft.object.purpose.trim().to_owned(),
            phase: draft
                .object
                .phase
                .map(|phase| phase.label().to_owned())
                .unwrap_or_default(),
            period: period(draft),
            signature: signature(draft),
            notice: format!("{} mois", draft.notice_months),
            uo: budget.uo.trim().to_owned(),
            programme: programme(&budget.uo),
            titre_2: if budget.hors_titre_2 {
                "hors titre 2".to_owned()
            } else {
                "titre 2".to_owned()
            },
            years,
            total_ae: budget.total_ae(),
            total_cp: budget.total_cp(),
            chorus: chorus(draft),
            tally,
            errors,
            status: status(draft),
            remarks: if tally.remarks > 0 {
                rules::open_remarks(tally.remarks)
            } else {
                String::new()
            },
            draft_hash: crate::document::draft_hash(draft),
            provenance_date: crate::document::provenance_date(draft),
            date: draft
                .signature
                .date
                .map(|day| day.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        }
    }
}

/// « MEAE – DINUM ».
fn parties_short(draft: &Draft) -> String {
    let names: Vec<&str> = [&draft.delegant, &draft.delegataire]
        .iter()
        .map(|party| party.short_name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    names.join(" – ")
}

/// « Ministère … (MEAE) », or « non renseigné ».
fn party_name(party: &Party) -> String {
    let (name, short) = (party.name.trim(), party.short_name.trim());
    match (name.is_empty(), short.is_empty()) {
        (true, true) => "non renseigné".to_owned(),
        (false, true) => name.to_owned(),
        (true, false) => short.to_owned(),
        (false, false) => format!("{name} ({short})"),
    }
}

/// « M. Fabien FIESCHI, Directeur du numérique ».
fn signatory(party: &Party) -> String {
    let (name, title) = (
        party.representative.name.trim(),
        party.representative.title.trim(),
    );
    match (name.is_empty(), title.is_empty()) {
        (true, true) => "non renseigné".to_owned(),
        (false, true) => name.to_owned(),
        (true, false) => title.to_owned(),
        (false, false) => format!("{name}, {title}"),
    }
}

/// « du 19/05/2022 au 31/12/2022 ».
fn period(draft: &Draft) -> String {
    let start = draft.signature.date.map_or_else(
        || "de la signature (date à venir)".to_owned(),
        |day| format!("du {}", date::french_short(day)),
    );
    let end = draft.end_date.map_or_else(
        || "à une fin non renseignée".to_owned(),
        |day| format!("au {}", date::french_short(day)),
    );
    format!("{start} {end}")
}

/// « Paris, le 19/05/2022 ».
fn signature(draft: &Draft) -> String {
    let place = draft.signature.place.trim();
    let day = draft.signature.date.map_or_else(
        || "date à venir".to_owned(),
        |day| format!("le {}", date::french_short(day)),
    );
    if place.is_empty() {
        day
    } else {
        format!("{place}, {day}")
    }
}

/// « 0105 — Action de la France en Europe et dans le monde ».
fn programme(uo: &str) -> String {
    let Ok(uo) = code::parse_uo(uo.trim()) else {
        return String::new();
    };
    match Catalogue::built_in().programme(uo.programme) {
        Some(info) => format!("{} — {}", uo.programme, info.label),
        None => uo.programme.to_string(),
    }
}

/// The Chorus references that are filled in.
fn chorus(draft: &Draft) -> Vec<(String, String)> {
    let chorus = &draft.chorus;
    let mut lines = vec![
        (
            "Domaine fonctionnel",
            chorus.domaine_fonctionnel.trim().to_owned(),
        ),
        (
            "Centre financier",
            chorus.centre_financier.trim().to_owned(),
        ),
    ];
    for activite in &chorus.activites {
        let (code, label) = (activite.code.trim(), activite.label.trim());
        let value = if label.is_empty() {
            code.to_owned()
        } else {
            format!("{code} ({label})")
        };
        lines.push(("Activité", value));
    }
    lines.push(("Centre de coût", chorus.centre_de_cout.trim().to_owned()));
    lines.push((
        "Axe ministériel 1",
        chorus.axe_ministeriel_1.trim().to_owned(),
    ));
    lines
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| (label.to_owned(), value))
        .collect()
}

/// « Validé, par Claire Martin le 19/05/2022 ».
fn status(draft: &Draft) -> String {
    let review = &draft.review;
    let label = review.status.label();
    match review.history.last() {
        Some(change) if change.status == review.status => format!(
            "{label}, par {} le {}",
            change.author.trim(),
            date::french_short(date::local_day(change.date))
        ),
        _ => label.to_owned(),
    }
}

/// Whom the delegation serves: the beneficiary as typed, or the Startup
/// d'État (with its page) when one is named, as Article 1 names it.
fn beneficiary(object: &crate::model::Object) -> String {
    let typed = object.beneficiary.trim();
    let name = object.startup.name.trim();
    if name.is_empty() {
        return typed.to_owned();
    }
    let mut out = format!("Startup d'État « {name} »");
    let url = object.startup.url.trim();
    if !url.is_empty() {
        out.push_str(&format!(" ({url})"));
    }
    if !typed.is_empty() && !typed.contains(name) {
        out.push_str(&format!(", {typed}"));
    }
    out
}

impl Fiche {
    /// An amount as the fiche shows it: with cents in every cell once one
    /// amount has cents (« 0,00 € » beside « 125 000,50 € »), as the
    /// convention's own table does.
    pub fn amount(&self, amount: Money) -> String {
        let cents = self
            .years
            .iter()
            .flat_map(|line| [line.ae, line.cp])
            .chain([self.total_ae, self.total_cp])
            .any(|amount| amount.cents_part() != 0);
        crate::document::context::amount_in_french(amount, cents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_gives_its_facts() {
        let fiche = Fiche::of(&crate::model::example());
        assert_eq!(fiche.parties_short, "MEAE – DINUM");
        assert_eq!(
            fiche.delegant,
            "Ministère de l'Europe et des Affaires étrangères (MEAE)"
        );
        assert_eq!(
            fiche.delegant_signatory,
            "M. Fabien FIESCHI, Directeur du numérique"
        );
        assert_eq!(fiche.period, "du 19/05/2022 au 31/12/2022");
        assert_eq!(fiche.signature, "Paris, le 19/05/2022");
        assert!(
            fiche.programme.starts_with("0105 — "),
            "{}",
            fiche.programme
        );
        assert_eq!(fiche.years.len(), 2);
        assert_eq!(fiche.total_ae, Money::from_euros(30_000).expect("small"));
        assert!(
            fiche
                .chorus
                .contains(&("Centre de coût".to_owned(), "AECDSI4092".to_owned()))
        );
        assert!(
            !fiche
                .chorus
                .iter()
                .any(|(label, _)| label == "Axe ministériel 1")
        );
        assert_eq!(fiche.tally.errors, 0);
        assert_eq!(fiche.status, "Brouillon");
    }

    #[test]
    fn a_blank_draft_says_what_is_missing() {
        let fiche = Fiche::of(&Draft::blank());
        assert_eq!(fiche.delegant, "non renseigné");
        assert_eq!(
            fiche.period,
            "de la signature (date à venir) à une fin non renseignée"
        );
        assert!(fiche.tally.errors > 0);
        assert_eq!(fiche.errors.len(), fiche.tally.errors);
    }
}
