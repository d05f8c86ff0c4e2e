//! What a template sees of a draft: its fields, plus the forms the French
//! text needs (« le MEAE », « du MEAE », amounts and dates written out).
//!
//! Every value taken from the draft is a [`Text`]: it prints as its text,
//! and tells the document which field it comes from (see
//! `markup::source_mark`). In a condition it is true when it is not empty;
//! the filters `de`, `a`, `capfirst` and `link` keep its field. To compare
//! one with a literal, make it a string first: `{% if delegant.short_name |
//! string == "MEAE" %}`.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use minijinja::value::{DynObject, Object, ObjectRepr, Value};
use serde::Serialize;

use crate::model::field::{DELEGANT, DELEGATAIRE, PartyFields};
use crate::model::{self, Draft, Field, FieldPath, Gender, Money, Party, Startup, code, date};

/// A value from the draft: its text for the document, and its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    text: String,
    path: FieldPath,
}

impl Text {
    /// The text `text`, from the field at `path`.
    pub fn new(text: impl Into<String>, path: FieldPath) -> Self {
        Self {
            text: text.into(),
            path,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The field it comes from.
    pub fn path(&self) -> FieldPath {
        self.path
    }

    /// Another text from the same field.
    pub fn map(&self, change: impl FnOnce(&str) -> String) -> Self {
        Self::new(change(&self.text), self.path)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl Object for Text {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.text.is_empty()
    }

    fn custom_cmp(self: &Arc<Self>, other: &DynObject) -> Option<Ordering> {
        other
            .downcast_ref::<Text>()
            .map(|other| self.text.cmp(&other.text))
    }

    fn render(self: &Arc<Self>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Text {
    /// Into a template's values, as itself; anywhere else, as its text.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Value::from_object(self.clone()).serialize(serializer)
    }
}

/// The variables of a template.
#[derive(Debug, Serialize)]
pub struct Context {
    /// Title of the document.
    pub title: Text,
    /// The délégant.
    pub delegant: PartyContext,
    /// The délégataire.
    pub delegataire: PartyContext,
    /// The visas, without « Vu » (empty ones left out).
    pub visas: Vec<Text>,
    /// The object.
    pub object: ObjectContext,
    /// The « autres engagements » (empty ones left out).
    pub commitments: Vec<CommitmentContext>,
    /// The budget, amounts already in French.
    pub budget: BudgetContext,
    /// The Chorus references.
    pub chorus: ChorusContext,
    /// Where and when it is signed.
    pub signature: SignatureContext,
    /// The end date: « 31 décembre 2022 » (a dotted line when missing).
    pub end_date: Text,
    /// The end date: « 31/12/2022 » (empty when missing).
    pub end_date_short: Text,
    /// The notice in months.
    pub notice_months: u32,
    /// The notice in words: « trois mois ».
    pub notice: Text,
    /// Annexe 1.
    pub rgpd_matrix: Vec<RgpdContext>,
}

/// A party and the ways the text refers to it.
#[derive(Debug, Serialize)]
pub struct PartyContext {
    /// Full name.
    pub name: Text,
    /// Full name with its article, as the head of the convention names
    /// the party: « Le Ministère de l'Europe… », « La Direction… »,
    /// « L'Agence… » (the gender field's article, else the name's; a name
    /// that already starts with an article keeps it).
    pub the_name: Text,
    /// Short name: « MEAE ».
    pub short_name: Text,
    /// Postal address.
    pub address: Text,
    /// The representative's name.
    pub representative: Text,
    /// The representative's position.
    pub representative_title: Text,
    /// « le MEAE », « la DINUM », « l'ANCT ».
    pub the: Text,
    /// « Le MEAE », « La DINUM ».
    pub the_capitalized: Text,
    /// « du MEAE », « de la DINUM », « de l'ANCT ».
    pub of_the: Text,
    /// « Représenté » or « Représentée ».
    pub represented: Text,
    /// « dénommé » or « dénommée ».
    pub named: Text,
}

/// The object of the delegation.
#[derive(Debug, Serialize)]
pub struct ObjectContext {
    /// « l'atelier numérique » (a dotted line when missing, as for the
    /// other texts a document cannot do without).
    pub beneficiary: Text,
    /// « recourir à des prestations de coaching ».
    pub purpose: Text,
    /// « phase d'accélération » (a dotted line after « phase » when not
    /// chosen).
    pub phase: Text,
    /// `acceleration` (empty when not chosen).
    pub phase_id: String,
    /// The one Startup d'État served: « Rétro-Archives » (empty when the
    /// beneficiary hosts several).
    pub startup: Text,
    /// Its page on beta.gouv.fr (empty when not given).
    pub startup_url: Text,
    /// Whether one Startup d'État is served: named in its field, or typed
    /// as the beneficiary (« la Startup d'État « X » »). Article 1 then
    /// says « accompagner la Startup d'État … », not « les Startups d'État
    /// de … ».
    pub one_startup: bool,
    /// Whether the beneficiary already says whom Article 1 accompanies:
    /// « la Startup d'État « X » » or « les Startups d'État du … ». Article
    /// 1 then prints it as it is.
    pub beneficiary_names_startups: bool,
    /// The beneficiary when it is worth naming after the Startup d'État
    /// (« la Startup d'État « X » de l'atelier numérique »): empty when
    /// there is none, or when it is the Startup d'État itself.
    pub carrier: Text,
}

/// One commitment.
#[derive(Debug, Serialize)]
pub struct CommitmentContext {
    /// Its text.
    pub text: Text,
    /// Its footnote, maybe empty.
    pub note: Text,
}

/// The budget.
#[derive(Debug, Serialize)]
pub struct BudgetContext {
    /// The UO.
    pub uo: Text,
    /// The UO's programme as prose numbers it: « 224 » for `0224-…`
    /// (empty while the UO is not well formed).
    pub programme: Text,
    /// The programme's label: the draft's, or else the built-in list's
    /// (empty when neither has one).
    pub programme_label: Text,
    /// Whether the credits are hors titre 2.
    pub hors_titre_2: bool,
    /// « hors titre 2 » or « de titre 2 ».
    pub credits: Text,
    /// The rows in year order.
    pub rows: Vec<YearContext>,
    /// Total AE: « 30 000 € ».
    pub total_ae: Text,
    /// Total CP: « 30 000 € ».
    pub total_cp: Text,
    /// Total AE in words: « trente mille euros ».
    pub total_ae_words: Text,
    /// Total CP in words.
    pub total_cp_words: Text,
}

/// One year of the schedule.
#[derive(Debug, Serialize)]
pub struct YearContext {
    /// The year: « 2022 ».
    pub year: Text,
    /// AE: « 30 000 € ».
    pub ae: Text,
    /// CP: « 30 000 € ».
    pub cp: Text,
}

/// The Chorus references.
#[derive(Debug, Serialize)]
pub struct ChorusContext {
    /// Axe ministériel 1.
    pub axe_ministeriel_1: Text,
    /// Domaine fonctionnel.
    pub domaine_fonctionnel: Text,
    /// Centre financier.
    pub centre_financier: Text,
    /// Activités.
    pub activites: Vec<ActiviteContext>,
    /// Centre de coût.
    pub centre_de_cout: Text,
}

/// One activité.
#[derive(Debug, Serialize)]
pub struct ActiviteContext {
    /// The code.
    pub code: Text,
    /// Its label, maybe empty.
    pub label: Text,
}

/// Signature place and date.
#[derive(Debug, Serialize)]
pub struct SignatureContext {
    /// « Paris ».
    pub place: Text,
    /// « 19 mai 2022 » (a dotted line when missing).
    pub date: Text,
}

/// One row of Annexe 1.
#[derive(Debug, Serialize)]
pub struct RgpdContext {
    /// The topic.
    pub topic: Text,
    /// The délégataire's part.
    pub delegataire: Text,
    /// The délégant's part.
    pub delegant: Text,
}

impl Context {
    /// The variables for a draft.
    pub fn new(draft: &Draft) -> Self {
        let (total_ae, total_cp) = (draft.budget.total_ae(), draft.budget.total_cp());
        // Once one amount of the schedule has cents, every amount of the
        // table (and the totals the text repeats) shows them.
        let cents = draft
            .budget
            .schedule
            .iter()
            .flat_map(|row| [row.ae, row.cp])
            .chain([total_ae, total_cp])
            .any(|amount| amount.cents_part() != 0);
        let french = |amount: Money| amount_in_french(amount, cents);
        let rows = draft
            .budget
            .indices_by_year()
            .into_iter()
            .map(|index| {
                let row = &draft.budget.schedule[index];
                YearContext {
                    year: Text::new(row.year.to_string(), Field::ScheduleYear.at(index)),
                    ae: Text::new(french(row.ae), Field::ScheduleAe.at(index)),
                    cp: Text::new(french(row.cp), Field::ScheduleCp.at(index)),
                }
            })
            .collect();
        let schedule = |text: String| Text::new(text, Field::Schedule.path());
        let (programme, programme_label) = programme(draft);
        Self {
            title: Text::new(draft.title.clone(), Field::Title.path()),
            delegant: PartyContext::new(&draft.delegant, DELEGANT),
            delegataire: PartyContext::new(&draft.delegataire, DELEGATAIRE),
            visas: draft
                .visas
                .iter()
                .enumerate()
                .filter(|(_, visa)| !visa.trim().is_empty())
                .map(|(index, visa)| Text::new(visa.trim(), Field::Visa.at(index)))
                .collect(),
            object: ObjectContext {
                beneficiary: beneficiary(&draft.object),
                purpose: or_blank(&draft.object.purpose, Field::Purpose),
                phase: Text::new(
                    draft
                        .object
                        .phase
                        .map_or_else(|| format!("phase {BLANK}"), |p| p.french().to_owned()),
                    Field::Phase.path(),
                ),
                phase_id: draft
                    .object
                    .phase
                    .map(|p| p.id().to_owned())
                    .unwrap_or_default(),
                startup: Text::new(draft.object.startup.name.trim(), Field::StartupName.path()),
                startup_url: Text::new(draft.object.startup.url.trim(), Field::StartupUrl.path()),
                one_startup: !draft.object.startup.name.trim().is_empty()
                    || Startup::named_in(&draft.object.beneficiary).is_some(),
                carrier: carrier(&draft.object),
                beneficiary_names_startups: names_startups(&draft.object.beneficiary),
            },
            commitments: draft
                .commitments
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.text.trim().is_empty())
                .map(|(index, c)| CommitmentContext {
                    text: Text::new(c.text.trim(), Field::CommitmentText.at(index)),
                    note: Text::new(c.note.trim(), Field::CommitmentNote.at(index)),
                })
                .collect(),
            budget: BudgetContext {
                uo: or_blank(&draft.budget.uo, Field::Uo),
                programme,
                programme_label,
                hors_titre_2: draft.budget.hors_titre_2,
                credits: Text::new(
                    if draft.budget.hors_titre_2 {
                        "hors titre 2"
                    } else {
                        "de titre 2"
                    },
                    Field::HorsTitre2.path(),
                ),
                rows,
                total_ae: schedule(french(total_ae)),
                total_cp: schedule(french(total_cp)),
                total_ae_words: schedule(total_ae.to_french_words()),
                total_cp_words: schedule(total_cp.to_french_words()),
            },
            chorus: ChorusContext {
                axe_ministeriel_1: Text::new(
                    draft.chorus.axe_ministeriel_1.clone(),
                    Field::AxeMinisteriel1.path(),
                ),
                domaine_fonctionnel: Text::new(
                    draft.chorus.domaine_fonctionnel.clone(),
                    Field::DomaineFonctionnel.path(),
                ),
                centre_financier: Text::new(
                    draft.chorus.centre_financier.clone(),
                    Field::CentreFinancier.path(),
                ),
                activites: draft
                    .chorus
                    .activites
                    .iter()
                    .enumerate()
                    .map(|(index, a)| ActiviteContext {
                        code: Text::new(a.code.clone(), Field::ActiviteCode.at(index)),
                        label: Text::new(a.label.trim(), Field::ActiviteLabel.at(index)),
                    })
                    .collect(),
                centre_de_cout: Text::new(
                    draft.chorus.centre_de_cout.clone(),
                    Field::CentreDeCout.path(),
                ),
            },
            signature: SignatureContext {
                place: or_blank(&draft.signature.place, Field::SignaturePlace),
                date: Text::new(
                    draft
                        .signature
                        .date
                        .map_or_else(|| BLANK.to_owned(), date::french_long),
                    Field::SignatureDate.path(),
                ),
            },
            end_date: Text::new(
                draft
                    .end_date
                    .map_or_else(|| BLANK.to_owned(), date::french_long),
                Field::EndDate.path(),
            ),
            end_date_short: Text::new(
                draft.end_date.map(date::french_short).unwrap_or_default(),
                Field::EndDate.path(),
            ),
            notice_months: draft.notice_months,
            notice: Text::new(
                months_in_words(draft.notice_months),
                Field::NoticeMonths.path(),
            ),
            rgpd_matrix: draft
                .rgpd_matrix
                .iter()
                .enumerate()
                .map(|(index, row)| RgpdContext {
                    topic: Text::new(row.topic.clone(), Field::RgpdTopic.at(index)),
                    delegataire: Text::new(
                        row.delegataire.clone(),
                        Field::RgpdDelegataire.at(index),
                    ),
                    delegant: Text::new(row.delegant.clone(), Field::RgpdDelegant.at(index)),
                })
                .collect(),
        }
    }
}

impl PartyContext {
    fn new(party: &Party, fields: PartyFields) -> Self {
        let [name, short_name, gender, address, representative, position] = fields;
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
        let of_short = |text: String| Text::new(text, short_name.path());
        let of_gender = |text: &str| Text::new(text, gender.path());
        Self {
            name: or_blank(&party.name, name),
            the_name: or_blank(&party.name, name).map(|text| with_article(text, party)),
            short_name: of_short(short.to_owned()),
            address: or_blank(&party.address, address),
            representative: or_blank(&party.representative.name, representative),
            representative_title: or_blank(&party.representative.title, position),
            the_capitalized: of_short(capitalize_first(&the)),
            the: of_short(the),
            of_the: of_short(of_the),
            represented: of_gender(if feminine {
                "Représentée"
            } else {
                "Représenté"
            }),
            named: of_gender(if feminine { "dénommée" } else { "dénommé" }),
        }
    }
}

/// The beneficiary for the préambule (« permettre à … »): as typed, or
/// « la Startup d'État « X » » when only the Startup d'État is named, or the
/// dotted line.
pub fn beneficiary(object: &model::Object) -> Text {
    let name = object.startup.name.trim();
    if object.beneficiary.trim().is_empty() && !name.is_empty() {
        return Text::new(
            format!("la Startup d'État « {name} »"),
            Field::StartupName.path(),
        );
    }
    or_blank(&object.beneficiary, Field::Beneficiary)
}

/// Whom Article 1 of the built-in template says the delegation accompanies
/// (for the form's preview; the template says it with the same fields):
/// « la Startup d'État « X » », « la Startup d'État « X » de l'atelier
/// numérique », or « les Startups d'État de l'atelier numérique ».
pub fn accompanied(object: &model::Object) -> String {
    let name = object.startup.name.trim();
    let carrier = carrier(object);
    if !name.is_empty() {
        let one = format!("la Startup d'État « {name} »");
        return match carrier.as_str() {
            "" => one,
            carrier => format!("{one} {}", de(carrier)),
        };
    }
    if names_startups(&object.beneficiary) {
        return object.beneficiary.trim().to_owned();
    }
    format!(
        "les Startups d'État {}",
        de(or_blank(&object.beneficiary, Field::Beneficiary).as_str())
    )
}

/// Whether a beneficiary is typed as whom Article 1 accompanies: « la
/// Startup d'État « X » », « les Startups d'État de l'atelier ».
fn names_startups(beneficiary: &str) -> bool {
    let folded = beneficiary.trim().to_lowercase().replace(['’', '-'], "'");
    Startup::named_in(beneficiary).is_some()
        || [
            "les startups d'état",
            "les startups d'etat",
            "les start'ups d'état",
        ]
        .iter()
        .any(|prefix| folded.starts_with(prefix))
}

/// The beneficiary named after the Startup d'État in Article 1, when there
/// is a Startup d'État and the beneficiary is another thing (the service
/// that carries it).
fn carrier(object: &model::Object) -> Text {
    let (name, beneficiary) = (object.startup.name.trim(), object.beneficiary.trim());
    let worth_naming = !name.is_empty()
        && !beneficiary.is_empty()
        && !beneficiary.contains(name)
        && !names_startups(beneficiary);
    Text::new(
        if worth_naming { beneficiary } else { "" },
        Field::Beneficiary.path(),
    )
}

/// The UO's programme, « 224 », and its label as the draft gives it; both
/// empty while the UO is not well formed. The built-in list's label is
/// not printed: it is the 2013 nomenclature, and programmes have been
/// renamed since (224 is « Soutien aux politiques du ministère de la
/// culture » today), so a signed document names only what the drafter
/// typed or accepted (the form offers the list's label as an example).
fn programme(draft: &Draft) -> (Text, Text) {
    let number = |text: String| Text::new(text, Field::Uo.path());
    let label = |text: String| Text::new(text, Field::ProgrammeLabel.path());
    let Ok(uo) = code::parse_uo(draft.budget.uo.trim()) else {
        return (number(String::new()), label(String::new()));
    };
    let digits = uo.programme.as_str().trim_start_matches('0');
    (
        number(if digits.is_empty() { "0" } else { digits }.to_owned()),
        label(draft.budget.programme_label.trim().to_owned()),
    )
}

/// A party's full name with its capitalised article: « Le Ministère… »,
/// « La Direction… », « L'Agence… ». The article follows the party's
/// gender field, or when it is not set the name's first word (« Direction »
/// is feminine, see [`crate::model::guess_gender`]); a blank or a name
/// already led by an article is left as it is.
pub fn with_article(name: &str, party: &Party) -> String {
    let name = name.trim();
    let lower = name.to_lowercase();
    let has_article = ["le ", "la ", "les ", "l'", "l’"]
        .iter()
        .any(|article| lower.starts_with(article));
    if name.is_empty() || name == BLANK || has_article {
        return name.to_owned();
    }
    // « Les Archives nationales », « Les Services du Premier ministre ».
    let first = lower.split_whitespace().next().unwrap_or_default();
    let singular_in_s = [
        "corps", "cours", "secours", "palais", "pays", "temps", "campus", "fonds", "prix",
    ];
    if first.chars().count() > 3 && first.ends_with(['s', 'x']) && !singular_in_s.contains(&first) {
        return format!("Les {name}");
    }
    // An h is aspirated in the names of administrations (« la Haute
    // Autorité », « le Haut Conseil »), save a few.
    let elides = name
        .chars()
        .next()
        .is_some_and(|c| "aeiouyàâäéèêëîïôöùûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ".contains(c))
        || lower.starts_with("hôpital")
        || lower.starts_with("hôtel");
    if elides {
        format!("L'{name}")
    } else if party.effective_gender() == Gender::Feminin {
        format!("La {name}")
    } else {
        format!("Le {name}")
    }
}

/// An amount the French way (« 30 000 € »), its cents shown when it has
/// some or when `cents` asks for them (« 30 000,00 € »).
pub fn amount_in_french(amount: Money, cents: bool) -> String {
    if cents && amount.cents_part() == 0 {
        format!("{},00\u{a0}€", amount.to_french_number())
    } else {
        amount.to_french()
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

/// The text of a field, or the dotted line when there is none.
fn or_blank(text: &str, field: Field) -> Text {
    let text = text.trim();
    Text::new(if text.is_empty() { BLANK } else { text }, field.path())
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
        assert_eq!(PartyContext::new(&anct, DELEGANT).the, "l'ANCT");
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
    fn parties_are_named_with_their_article() {
        let context = Context::new(&crate::model::example());
        assert_eq!(
            context.delegant.the_name,
            "Le Ministère de l'Europe et des Affaires étrangères"
        );
        assert_eq!(
            context.delegataire.the_name,
            "La Direction Interministérielle du Numérique"
        );
        let party = |name: &str| Party {
            name: name.into(),
            ..Party::default()
        };
        for (name, expected) in [
            (
                "Agence nationale de la cohésion des territoires",
                "L'Agence nationale de la cohésion des territoires",
            ),
            ("Haute Autorité de santé", "La Haute Autorité de santé"),
            (
                "Haut Conseil des finances publiques",
                "Le Haut Conseil des finances publiques",
            ),
            ("Hôpital X", "L'Hôpital X"),
            ("Archives nationales", "Les Archives nationales"),
            (
                "Services du Premier ministre",
                "Les Services du Premier ministre",
            ),
            ("Fonds de solidarité", "Le Fonds de solidarité"),
            ("La Poste", "La Poste"),
            ("l'Office", "l'Office"),
        ] {
            assert_eq!(with_article(name, &party(name)), expected);
        }
        let feminine = Party {
            gender: Some(Gender::Feminin),
            ..party("Banque de France")
        };
        assert_eq!(
            with_article(&feminine.name, &feminine),
            "La Banque de France"
        );
        assert_eq!(with_article(BLANK, &party("")), BLANK);
    }

    #[test]
    fn a_column_with_cents_shows_them_in_every_cell() {
        let mut draft = crate::model::example();
        let context = Context::new(&draft);
        assert_eq!(context.budget.rows[0].ae, "30\u{202f}000\u{a0}€");
        draft.budget.schedule[1].cp = Money::from_cents(1_050).expect("small");
        let context = Context::new(&draft);
        let cells: Vec<&str> = context
            .budget
            .rows
            .iter()
            .flat_map(|row| [row.ae.as_str(), row.cp.as_str()])
            .chain([
                context.budget.total_ae.as_str(),
                context.budget.total_cp.as_str(),
            ])
            .collect();
        assert_eq!(
            cells,
            [
                "30\u{202f}000,00\u{a0}€",
                "30\u{202f}000,00\u{a0}€",
                "0,00\u{a0}€",
                "10,50\u{a0}€",
                "30\u{202f}000,00\u{a0}€",
                "30\u{202f}010,50\u{a0}€",
            ]
        );
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
