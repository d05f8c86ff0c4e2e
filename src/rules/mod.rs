//! The checks a convention must pass, one small function per rule, each
//! with a stable id. They read the model and return every finding, never
//! stopping at the first.

mod budget;
mod chorus;
mod content;
mod dates;
mod finding;
mod glyphs;
mod length;
mod parties;
mod review;
mod rgpd;
mod startup;
mod texts;
mod wording;

pub use finding::{Finding, Severity, Tally, count_of, open_remarks};
pub use length::LONG_FIELD;

use std::cell::OnceCell;

use crate::model::{Draft, FieldPath};

/// One rule: an id, what it checks, where it comes from, and the check.
pub struct Rule {
    /// Stable identifier, e.g. `budget.cp-exceeds-ae`.
    pub id: &'static str,
    /// What the rule checks, in French.
    pub summary: &'static str,
    /// The text it applies, if any.
    pub legal_basis: Option<&'static str>,
    /// The check itself.
    check: fn(&Draft, &mut Emitter<'_, '_>),
}

/// Collects the findings of one rule, stamping each with the rule's id and
/// legal basis.
pub struct Emitter<'a, 's> {
    rule: &'a Rule,
    findings: &'a mut Vec<Finding>,
    /// The draft as saved, made once for the rules that read every text;
    /// `None` inside if it cannot be.
    saved: &'s OnceCell<Option<serde_json::Value>>,
    /// Its texts with their places, made once from it.
    texts: &'s OnceCell<Vec<texts::Text<'s>>>,
}

impl<'s> Emitter<'_, 's> {
    /// The texts of the draft as it is saved, each under the place that
    /// [`FieldPath`] reads (`rgpd_matrix[3].delegant`): made the first
    /// time a rule asks, then shared by the rules of the same check.
    fn texts(&self, draft: &Draft) -> &'s [texts::Text<'s>] {
        let saved: &'s OnceCell<_> = self.saved;
        let texts: &'s OnceCell<_> = self.texts;
        texts.get_or_init(|| {
            saved
                .get_or_init(|| serde_json::to_value(draft).ok())
                .as_ref()
                .map(texts::collect)
                .unwrap_or_default()
        })
    }

    fn emit(&mut self, severity: Severity, path: FieldPath, message: impl Into<String>) {
        self.findings.push(Finding {
            rule: self.rule.id,
            severity,
            path,
            message: message.into(),
            legal_basis: self.rule.legal_basis,
        });
    }

    /// Reports an error at `path`.
    pub fn error(&mut self, path: FieldPath, message: impl Into<String>) {
        self.emit(Severity::Error, path, message);
    }

    /// Reports a warning at `path`.
    pub fn warning(&mut self, path: FieldPath, message: impl Into<String>) {
        self.emit(Severity::Warning, path, message);
    }

    /// Reports an information at `path`.
    pub fn info(&mut self, path: FieldPath, message: impl Into<String>) {
        self.emit(Severity::Info, path, message);
    }
}

macro_rules! rule {
    ($id:literal, $summary:literal, $basis:expr, $check:path) => {
        Rule {
            id: $id,
            summary: $summary,
            legal_basis: $basis,
            check: $check,
        }
    };
}

/// Every rule, in the order of the convention's parts.
pub static RULES: &[Rule] = &[
    rule!(
        "parties.required",
        "Chaque partie a un nom, un nom court, une adresse, un représentant et sa qualité.",
        None,
        parties::required
    ),
    rule!(
        "parties.distinct",
        "Le délégant et le délégataire sont deux services différents.",
        Some("décret n° 2004-1085, art. 1er"),
        parties::distinct
    ),
    rule!(
        "content.visa-decret-2004-1085",
        "Les visas citent le décret n° 2004-1085 relatif à la délégation de gestion.",
        Some("décret n° 2004-1085"),
        content::visa_2004_1085
    ),
    rule!(
        "content.decree-year",
        "L'année du numéro d'un texte cité correspond à l'année de sa date.",
        None,
        content::decree_year
    ),
    rule!(
        "content.empty-visa",
        "Aucun visa n'est vide.",
        None,
        content::empty_visa
    ),
    rule!(
        "content.purpose",
        "L'objet de la délégation (sa finalité) est indiqué.",
        Some("décret n° 2004-1085, art. 2"),
        content::purpose
    ),
    rule!(
        "content.beneficiary",
        "Le bénéficiaire (équipe ou service accompagné, ou la Startup d'État) est indiqué.",
        Some("décret n° 2004-1085, art. 2"),
        content::beneficiary
    ),
    rule!(
        "content.startup-page",
        "La page de la Startup d'État est une adresse web, et son nom est indiqué.",
        None,
        startup::page
    ),
    rule!(
        "content.phase",
        "La phase de la Startup d'État est indiquée.",
        None,
        content::phase
    ),
    rule!(
        "content.commitments",
        "Chaque engagement du délégant a un texte.",
        Some("décret n° 2004-1085, art. 2"),
        content::commitments
    ),
    rule!(
        "budget.negative-amount",
        "Aucun montant n'est négatif.",
        None,
        budget::negative_amount
    ),
    rule!(
        "budget.duplicate-year",
        "Une seule ligne par année.",
        None,
        budget::duplicate_year
    ),
    rule!(
        "budget.total-ae",
        "Le total des AE est positif.",
        Some("décret n° 2004-1085, art. 2"),
        budget::total_ae_positive
    ),
    rule!(
        "budget.total-cap",
        "Les totaux des AE et des CP ne dépassent pas 10 milliards d'euros (10¹⁰ €, au-delà : erreur de saisie).",
        None,
        budget::plausible_total
    ),
    rule!(
        "budget.cp-exceeds-ae",
        "Année après année, les CP cumulés ne dépassent pas les AE cumulées.",
        Some("LOLF, art. 8"),
        budget::cp_within_ae
    ),
    rule!(
        "budget.cp-below-ae",
        "Le total des CP atteint le total des AE (sinon des paiements restent dus après la fin).",
        Some("LOLF, art. 8"),
        budget::cp_below_ae
    ),
    rule!(
        "budget.year-outside-period",
        "Aucun montant n'est prévu hors de la période de la convention (année de signature à année de fin).",
        Some("LOLF, art. 15"),
        budget::year_outside_period
    ),
    rule!(
        "budget.titre-2",
        "Pour des crédits de titre 2 (personnel), AE = CP chaque année.",
        Some("LOLF, art. 8"),
        budget::titre_2
    ),
    rule!(
        "budget.small-total",
        "Le total est d'au moins 50 000 € (seuil usuel de la DINUM).",
        None,
        budget::small_total
    ),
    rule!(
        "chorus.uo-format",
        "L'UO suit le format PPPP-BBBB-UUUU.",
        None,
        chorus::uo_format
    ),
    rule!(
        "chorus.programme-known",
        "Le programme de l'UO figure parmi les programmes du budget général.",
        Some("décret n° 2012-1553, état A"),
        chorus::programme_known
    ),
    rule!(
        "chorus.programme-ministry",
        "Le programme de l'UO relève du ministère du délégant.",
        Some("décret n° 2012-1553, état A"),
        chorus::programme_ministry
    ),
    rule!(
        "chorus.centre-financier-format",
        "Le centre financier suit le format PPPP-BBBB-UUUU.",
        None,
        chorus::centre_financier_format
    ),
    rule!(
        "chorus.centre-financier-uo",
        "Le centre financier est l'UO de la délégation.",
        None,
        chorus::centre_financier_is_uo
    ),
    rule!(
        "chorus.domaine-fonctionnel-format",
        "Le domaine fonctionnel suit le format PPPP-AA ou PPPP-AA-SS.",
        None,
        chorus::domaine_fonctionnel_format
    ),
    rule!(
        "chorus.activite-required",
        "Au moins une activité est indiquée.",
        None,
        chorus::activite_required
    ),
    rule!(
        "chorus.activite-format",
        "Chaque activité compte 12 caractères, dont le programme en tête.",
        None,
        chorus::activite_format
    ),
    rule!(
        "chorus.activite-duplicate",
        "Une activité n'est citée qu'une fois.",
        None,
        chorus::activite_duplicate
    ),
    rule!(
        "chorus.centre-de-cout-format",
        "Le centre de coût compte 10 lettres ou chiffres.",
        None,
        chorus::centre_de_cout_format
    ),
    rule!(
        "chorus.one-programme",
        "L'UO, le centre financier, le domaine fonctionnel et les activités relèvent du même programme.",
        None,
        chorus::one_programme
    ),
    rule!(
        "dates.signature-required",
        "La date de signature est indiquée.",
        None,
        dates::signature_required
    ),
    rule!(
        "dates.place-required",
        "Le lieu de signature est indiqué.",
        None,
        dates::place_required
    ),
    rule!(
        "dates.end-required",
        "La date de fin est indiquée.",
        None,
        dates::end_required
    ),
    rule!(
        "dates.plausible-year",
        "Les dates de signature et de fin sont entre 2000 et 2100.",
        None,
        dates::plausible_years
    ),
    rule!(
        "dates.end-after-signature",
        "La convention se termine après sa signature.",
        None,
        dates::end_after_signature
    ),
    rule!(
        "dates.late-signature",
        "Une signature après le 30 novembre laisse peu de temps pour payer dans l'année.",
        None,
        dates::late_signature
    ),
    rule!(
        "dates.notice",
        "Le préavis de résiliation est compris entre 1 et 12 mois.",
        Some("décret n° 2004-1085, art. 5"),
        dates::notice
    ),
    rule!(
        "rgpd.matrix-required",
        "L'annexe RGPD a au moins une ligne.",
        Some("RGPD, art. 28"),
        rgpd::matrix_required
    ),
    rule!(
        "rgpd.topic-required",
        "Chaque ligne de l'annexe RGPD a un sujet.",
        None,
        rgpd::topic_required
    ),
    rule!(
        "rgpd.empty-cell",
        "Chaque responsabilité de l'annexe RGPD est renseignée.",
        Some("RGPD, art. 28"),
        rgpd::empty_cell
    ),
    rule!(
        "wording.visa-number",
        "Un visa cite chaque texte avec « n° » avant son numéro (« décret n° 2004-1085 »).",
        None,
        wording::visa_number
    ),
    rule!(
        "wording.etat",
        "« État » garde son accent (jamais « Etat »).",
        None,
        wording::etat
    ),
    rule!(
        "wording.interim",
        "« intérim » garde son accent (jamais « interim »).",
        None,
        wording::interim
    ),
    rule!(
        "wording.name-two-ways",
        "Le nom et le nom court de chaque partie s'écrivent d'une seule façon dans tout le projet.",
        None,
        wording::name_two_ways
    ),
    rule!(
        "wording.cedex",
        "« CEDEX » s'écrit d'une seule façon dans les adresses.",
        None,
        wording::cedex
    ),
    rule!(
        "content.long-field",
        "Aucun champ ne dépasse 100 000 caractères.",
        None,
        length::long_field
    ),
    rule!(
        "content.long-list",
        "Aucune liste n'est d'une longueur invraisemblable (plus de 100 visas, de 500 lignes RGPD…).",
        None,
        length::long_list
    ),
    rule!(
        "content.unshown-characters",
        "Le PDF peut afficher chaque caractère des champs (sinon il montre « ? »).",
        None,
        glyphs::unshown_characters
    ),
    rule!(
        "review.subject-not-found",
        "Chaque remarque porte sur un champ, une ligne ou un article que le brouillon a.",
        None,
        review::subject_not_found
    ),
    rule!(
        "review.open-comment",
        "Chaque remarque encore ouverte est signalée sur son champ.",
        None,
        review::open_comment
    ),
    rule!(
        "review.settled-with-open-comments",
        "Un brouillon validé ou signé n'a plus de remarque ouverte.",
        None,
        review::settled_with_open_comments
    ),
];

/// Runs every rule on a draft and returns all findings, in the order of the
/// convention's parts.
pub fn check(draft: &Draft) -> Vec<Finding> {
    let mut findings = Vec::new();
    let saved = OnceCell::new();
    let texts = OnceCell::new();
    for rule in RULES {
        let mut emitter = Emitter {
            rule,
            findings: &mut findings,
            saved: &saved,
            texts: &texts,
        };
        (rule.check)(draft, &mut emitter);
    }
    findings
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// Whether a text is empty once spaces are removed.
fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// The reference convention.
    pub fn reference() -> Draft {
        crate::model::example()
    }

    /// The findings of one rule, as (severity, path) pairs.
    pub fn fired(draft: &Draft, id: &str) -> Vec<(Severity, String)> {
        check(draft)
            .into_iter()
            .filter(|f| f.rule == id)
            .map(|f| (f.severity, f.path.to_string()))
            .collect()
    }

    /// An error at `path`, as `fired` returns it.
    pub fn error(path: &str) -> (Severity, String) {
        (Severity::Error, path.to_owned())
    }

    /// A warning at `path`, as `fired` returns it.
    pub fn warning(path: &str) -> (Severity, String) {
        (Severity::Warning, path.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::model::Field;

    #[test]
    fn rule_ids_are_unique() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }

    #[test]
    fn the_reference_has_no_error_and_the_expected_warnings() {
        let findings = check(&reference());
        let summary: Vec<(&str, Severity, String)> = findings
            .iter()
            .map(|f| (f.rule, f.severity, f.path.to_string()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "budget.year-outside-period",
                    Severity::Warning,
                    "budget.schedule[1].year".to_owned()
                ),
                (
                    "budget.small-total",
                    Severity::Info,
                    "budget.schedule".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_blank_draft_is_full_of_errors_but_checks_without_panic() {
        let findings = check(&Draft::blank());
        assert!(has_errors(&findings));
        assert!(
            findings
                .iter()
                .any(|f| f.path == Field::DelegantName.path())
        );
        assert!(
            findings
                .iter()
                .any(|f| f.path == Field::SignatureDate.path())
        );
    }

    #[test]
    fn every_message_is_french_and_non_empty() {
        for finding in check(&Draft::blank()) {
            assert!(!finding.message.trim().is_empty(), "{finding:?}");
        }
    }
}
