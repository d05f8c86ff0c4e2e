//! What a template sees of a draft: its fields, plus the forms the French
//! text needs (« le MEAE », « du MEAE », amounts and dates written out).

use serde::Serialize;

use crate::model::{Draft, Gender, Party, date};

/// The variables of a template.
#[derive(Debug, Serialize)]
pub struct Context {
    /// Title of the document.
    pub title: String,
    /// The délégant.
    pub delegant: PartyContext,
    /// The délégataire.
    pub delegataire: PartyContext,
    /// The visas, without « Vu ».
    pub visas: Vec<String>,
    /// The object.
    pub object: ObjectContext,
    /// The « autres engagements ».
    pub commitments: Vec<CommitmentContext>,
    /// The budget, amounts already in French.
    pub budget: BudgetContext,
    /// The Chorus references.
    pub chorus: ChorusContext,
    /// Where and when it is signed.
    pub signature: SignatureContext,
    /// The end date: « 31 décembre 2022 » (empty when missing).
    pub end_date: String,
    /// The end date: « 31/12/2022 » (empty when missing).
    pub end_date_short: String,
    /// The notice in months.
    pub notice_months: u32,
    /// The notice in words: « trois mois ».
    pub notice: String,
    /// Annexe 1.
    pub rgpd_matrix: Vec<RgpdContext>,
}

/// A party and the ways the text refers to it.
#[derive(Debug, Serialize)]
pub struct PartyContext {
    /// Full name.
    pub name: String,
    /// Short name: « MEAE ».
    pub short_name: String,
    /// Postal address.
    pub address: String,
    /// The representative's name.
    pub representative: String,
    /// The representative's position.
    pub representative_title: String,
    /// « le MEAE », « la DINUM », « l'ANCT ».
    pub the: String,
    /// « Le MEAE », « La DINUM ».
    pub the_capitalized: String,
    /// « du MEAE », « de la DINUM », « de l'ANCT ».
    pub of_the: String,
    /// « Représenté » or « Représentée ».
    pub represented: String,
    /// « dénommé » or « dénommée ».
    pub named: String,
}

/// The object of the delegation.
#[derive(Debug, Serialize)]
pub struct ObjectContext {
    /// « l'atelier numérique » (a dotted line when missing, as for the
    /// other texts a document cannot do without).
    pub beneficiary: String,
    /// « recourir à des prestations de coaching ».
    pub purpose: String,
    /// « phase d'accélération » (empty when not chosen).
    pub phase: String,
    /// `acceleration` (empty when not chosen).
    pub phase_id: String,
}

/// One commitment.
#[derive(Debug, Serialize)]
pub struct CommitmentContext {
    /// Its text.
    pub text: String,
    /// Its footnote, maybe empty.
    pub note: String,
}

/// The budget.
#[derive(Debug, Serialize)]
pub struct BudgetContext {
    /// The UO.
    pub uo: String,
    /// Whether the credits are hors titre 2.
    pub hors_titre_2: bool,
    /// The rows in year order.
    pub rows: Vec<YearContext>,
    /// Total AE: « 30 000 € ».
    pub total_ae: String,
    /// Total CP: « 30 000 € ».
    pub total_cp: String,
    /// Total AE in words: « trente mille euros ».
    pub total_ae_words: String,
    /// Total CP in words.
    pub total_cp_words: String,
}

/// One year of the schedule.
#[derive(Debug, Serialize)]
pub struct YearContext {
    /// The year.
    pub year: i32,
    /// AE: « 30 000 € ».
    pub ae: String,
    /// CP: « 30 000 € ».
    pub cp: String,
}

/// The Chorus references.
#[derive(Debug, Serialize)]
pub struct ChorusContext {
    /// Axe ministériel 1.
    pub axe_ministeriel_1: String,
    /// Domaine fonctionnel.
    pub domaine_fonctionnel: String,
    /// Centre financier.
    pub centre_financier: String,
    /// Activités.
    pub activites: Vec<ActiviteContext>,
    /// Centre de coût.
    pub centre_de_cout: String,
}

/// One activité.
#[derive(Debug, Serialize)]
pub struct ActiviteContext {
    /// The code.
    pub code: String,
    /// Its label, maybe empty.
    pub label: String,
}

/// Signature place and date.
#[derive(Debug, Serialize)]
pub struct SignatureContext {
    /// « Paris ».
    pub place: String,
    /// « 19 mai 2022 » (empty when missing).
    pub date: String,
}

/// One row of Annexe 1.
#[derive(Debug, Serialize)]
pub struct RgpdContext {
    /// The topic.
    pub topic: String,
    /// The délégataire's part.
    pub delegataire: String,
    /// The délégant's part.
    pub delegant: String,
}

impl Context {
    /// The variables for a draft.
    pub fn new(draft: &Draft) -> Self {
        let rows = draft
            .budget
            .indices_by_year()
            .into_iter()
            .map(|index| {
                let row = &draft.budget.schedule[index];
                YearContext {
                    year: row.year,
                    ae: row.ae.to_french(),
                    cp: row.cp.to_french(),
                }
            })
            .collect();
        let (total_ae, total_cp) = (draft.budget.total_ae(), draft.budget.total_cp());
        Self {
            title: draft.title.clone(),
            delegant: PartyContext::new(&draft.delegant),
            delegataire: PartyContext::new(&draft.delegataire),
            visas: draft
                .visas
                .iter()
                .filter(|visa| !visa.trim().is_empty())
                .map(|visa| visa.trim().to_owned())
                .collect(),
            object: ObjectContext {
                beneficiary: or_blank(&draft.object.beneficiary),
                purpose: or_blank(&draft.object.purpose),
                phase: draft
                    .object
                    .phase
                    .map_or_else(|| format!("phase {BLANK}"), |p| p.french().to_owned()),
                phase_id: draft
                    .object
                    .phase
                    .map(|p| p.id().to_owned())
                    .unwrap_or_default(),
            },
            commitments: draft
                .commitments
                .iter()
                .filter(|c| !c.text.trim().is_empty())
                .map(|c| CommitmentContext {
                    text: c.text.trim().to_owned(),
                    note: c.note.trim().to_owned(),
                })
                .collect(),
            budget: BudgetContext {
                uo: or_blank(&draft.budget.uo),
                hors_titre_2: draft.budget.hors_titre_2,
                rows,
                total_ae: total_ae.to_french(),
                total_cp: total_cp.to_french(),
                total_ae_words: total_ae.to_french_words(),
                total_cp_words: total_cp.to_french_words(),
            },
            chorus: ChorusContext {
                axe_ministeriel_1: draft.chorus.axe_ministeriel_1.clone(),
                domaine_fonctionnel: draft.chorus.domaine_fonctionnel.clone(),
                centre_financier: draft.chorus.centre_financier.clone(),
                activites: draft
                    .chorus
                    .activites
                    .iter()
                    .map(|a| ActiviteContext {
                        code: a.code.clone(),
                        label: a.label.trim().to_owned(),
                    })
                    .collect(),
                centre_de_cout: draft.chorus.centre_de_cout.clone(),
            },
            signature: SignatureContext {
                place: or_blank(&draft.signature.place),
                date: draft
                    .signature
                    .date
                    .map_or_else(|| BLANK.to_owned(), date::french_long),
            },
            end_date: draft
                .end_date
                .map_or_else(|| BLANK.to_owned(), date::french_long),
            end_date_short: draft.end_date.map(date::french_short).unwrap_or_default(),
            notice_months: draft.notice_months,
            notice: months_in_words(draft.notice_months),
            rgpd_matrix: draft
                .rgpd_matrix
                .iter()
                .map(|row| RgpdContext {
                    topic: row.topic.clone(),
                    delegataire: row.delegataire.clone(),
                    delegant: row.delegant.clone(),
                })
                .collect(),
        }
    }
}

impl PartyContext {
    fn new(party: &Party) -> Self {
        let short = match party.short_name.trim() {
            "" => BLANK,
            short => short,
        };
        let feminine = party.effective_gender() == Gender::Feminin;
        let (the, of_the) = if starts_with_vowel(short) {
            (format!("l'{short}"), format!("de l'{short}"))
        } else if feminine {
            (format!("la {short}"), format!("de la {short}"))
        } else {
            (format!("le {short}"), format!("du {short}"))
        };
        Self {
            name: or_blank(&party.name),
            short_name: short.to_owned(),
            address: or_blank(&party.address),
            representative: or_blank(&party.representative.name),
            representative_title: or_blank(&party.representative.title),
            the_capitalized: capitalize_first(&the),
            the,
            of_the,
            represented: if feminine {
                "Représentée"
            } else {
                "Représenté"
            }
            .to_owned(),
            named: if feminine { "dénommée" } else { "dénommé" }.to_owned(),
        }
    }
}

/// « trois mois », « un mois ».
pub fn months_in_words(months: u32) -> String {
    let number =
        french_numbers::french_number_options(&months, &french_numbers::PRE_REFORM_MASCULINE);
    format!("{number} mois")
}

/// Whether French elides an article before this word (« l'ANCT »).
pub fn starts_with_vowel(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| "aeiouyhàâäéèêëîïôöùûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜ".contains(c))
}

/// Upper-cases the first letter only.
pub fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// « de » before a phrase: « de recourir », « d'accompagner », « du service
/// », « des équipes », « de la mission », « de l'atelier ».
pub fn de(phrase: &str) -> String {
    let phrase = phrase.trim();
    if let Some(rest) = phrase.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = phrase.strip_prefix("les ") {
        format!("des {rest}")
    } else if phrase.starts_with("la ") || phrase.starts_with("l'") || phrase.starts_with("l’") {
        format!("de {phrase}")
    } else if starts_with_vowel(phrase) {
        format!("d'{phrase}")
    } else {
        format!("de {phrase}")
    }
}

/// « à » before a phrase: « à l'atelier », « au service », « aux équipes ».
pub fn a(phrase: &str) -> String {
    let phrase = phrase.trim();
    if let Some(rest) = phrase.strip_prefix("le ") {
        format!("au {rest}")
    } else if let Some(rest) = phrase.strip_prefix("les ") {
        format!("aux {rest}")
    } else {
        format!("à {phrase}")
    }
}

/// What a document shows where the draft has nothing yet: a dotted line to
/// fill in, as on a paper form.
pub const BLANK: &str = "………………";

/// The text, or the dotted line when there is none.
fn or_blank(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        BLANK.to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_gender_and_elision() {
        let draft = crate::model::example();
        let context = Context::new(&draft);
        assert_eq!(context.delegant.the, "le MEAE");
        assert_eq!(context.delegant.of_the, "du MEAE");
        assert_eq!(context.delegataire.the_capitalized, "La DINUM");
        assert_eq!(context.delegataire.of_the, "de la DINUM");
        assert_eq!(context.delegataire.represented, "Représentée");
        let anct = Party {
            name: "Agence nationale de la cohésion des territoires".into(),
            short_name: "ANCT".into(),
            ..Party::default()
        };
        assert_eq!(PartyContext::new(&anct).the, "l'ANCT");
    }

    #[test]
    fn contractions() {
        assert_eq!(
            de("recourir à des prestations"),
            "de recourir à des prestations"
        );
        assert_eq!(de("accompagner"), "d'accompagner");
        assert_eq!(de("le service"), "du service");
        assert_eq!(de("les équipes"), "des équipes");
        assert_eq!(de("l'atelier numérique"), "de l'atelier numérique");
        assert_eq!(a("l'atelier numérique"), "à l'atelier numérique");
        assert_eq!(a("le service"), "au service");
        assert_eq!(a("les équipes"), "aux équipes");
    }

    #[test]
    fn amounts_dates_and_notice() {
        let context = Context::new(&crate::model::example());
        assert_eq!(context.budget.total_ae_words, "trente mille euros");
        assert_eq!(context.budget.rows[0].ae, "30\u{202f}000\u{a0}€");
        assert_eq!(context.signature.date, "19\u{a0}mai 2022");
        assert_eq!(context.end_date, "31\u{a0}décembre 2022");
        assert_eq!(context.notice, "trois mois");
        assert_eq!(months_in_words(1), "un mois");
    }
}
