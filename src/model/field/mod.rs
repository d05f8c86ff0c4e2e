//! One notion of a field. Every field of a draft is a [`Field`], listed once
//! in [`FIELDS`] with its path pattern, its label for people, the step that
//! edits it and the articles it appears in; a [`FieldPath`] is one field of
//! one draft (with its row, for the rows of a list). Rules, forms, review
//! lists, the document tree, diffs and comments all speak `FieldPath`.

mod anchor;
mod article;
mod path;

pub use anchor::{ANCHOR_MAX_LEN, ANCHOR_PREFIX};
pub use article::Article;
pub use path::{FieldPath, UnknownField};

use super::Step;

/// Every field a draft has, in the order of the draft format. A field of a
/// list's row (`budget.schedule[].cp`) is one `Field` for all rows; its
/// [`FieldPath`] says which row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Field {
    Title,
    DelegantName,
    DelegantShortName,
    DelegantAddress,
    DelegantGender,
    DelegantRepresentativeName,
    DelegantRepresentativeTitle,
    DelegataireName,
    DelegataireShortName,
    DelegataireAddress,
    DelegataireGender,
    DelegataireRepresentativeName,
    DelegataireRepresentativeTitle,
    Visas,
    Visa,
    Beneficiary,
    StartupName,
    StartupUrl,
    Purpose,
    Phase,
    Commitments,
    Commitment,
    CommitmentText,
    CommitmentNote,
    Uo,
    ProgrammeLabel,
    HorsTitre2,
    Schedule,
    ScheduleRow,
    ScheduleYear,
    ScheduleAe,
    ScheduleCp,
    AxeMinisteriel1,
    DomaineFonctionnel,
    CentreFinancier,
    Activites,
    Activite,
    ActiviteCode,
    ActiviteLabel,
    CentreDeCout,
    SignaturePlace,
    SignatureDate,
    EndDate,
    NoticeMonths,
    RgpdMatrix,
    RgpdRow,
    RgpdTopic,
    RgpdDelegataire,
    RgpdDelegant,
}

/// What kind of value a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A single value: a text, a date, an amount, a choice.
    Value,
    /// A list of rows.
    List,
    /// One row of a list (a visa is a row and its own value).
    Row,
    /// A value in a row: a column of the list.
    Column,
}

/// How the rows of a list are told apart when two drafts are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// By the value of one column: the year of a schedule row, the topic of
    /// an RGPD row. Two rows with the same key are the same row, changed or
    /// not.
    Key(Field),
    /// By content: the rows that read alike are the same row.
    Content,
}

/// What the table says of a field.
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    /// The field.
    pub field: Field,
    /// Its path in a draft file, `[]` standing for a row's index:
    /// `budget.schedule[].cp`.
    pub pattern: &'static str,
    /// What kind of value it holds.
    pub kind: Kind,
    /// Its name for people. For a column, the column's name, which follows
    /// the row's name (« Exercice 2023 — CP »).
    pub label: &'static str,
    /// The step of the wizard that edits it.
    pub step: Step,
    /// The parts of the built-in template it appears in, the main one
    /// first.
    pub articles: &'static [Article],
    /// The row of a column, the list of a row.
    pub parent: Option<Field>,
    /// For a list, how its rows are told apart.
    pub identity: Option<Identity>,
}

const fn value(
    field: Field,
    pattern: &'static str,
    label: &'static str,
    step: Step,
    articles: &'static [Article],
) -> FieldInfo {
    FieldInfo {
        field,
        pattern,
        kind: Kind::Value,
        label,
        step,
        articles,
        parent: None,
        identity: None,
    }
}

const fn list(
    field: Field,
    pattern: &'static str,
    label: &'static str,
    step: Step,
    articles: &'static [Article],
    identity: Identity,
) -> FieldInfo {
    FieldInfo {
        field,
        pattern,
        kind: Kind::List,
        label,
        step,
        articles,
        parent: None,
        identity: Some(identity),
    }
}

const fn row(
    field: Field,
    pattern: &'static str,
    label: &'static str,
    list: Field,
    step: Step,
    articles: &'static [Article],
) -> FieldInfo {
    FieldInfo {
        field,
        pattern,
        kind: Kind::Row,
        label,
        step,
        articles,
        parent: Some(list),
        identity: None,
    }
}

const fn column(
    field: Field,
    pattern: &'static str,
    label: &'static str,
    row: Field,
    step: Step,
    articles: &'static [Article],
) -> FieldInfo {
    FieldInfo {
        field,
        pattern,
        kind: Kind::Column,
        label,
        step,
        articles,
        parent: Some(row),
        identity: None,
    }
}

use Article::{Annex, Numbered, Parties, Preamble, Signatures, Visas};

const ART_1: &[Article] = &[Numbered(1)];
const ART_1_3: &[Article] = &[Numbered(1), Numbered(3)];
const ART_1_5: &[Article] = &[Numbered(1), Numbered(5)];
const ART_2: &[Article] = &[Numbered(2)];
const ART_5: &[Article] = &[Numbered(5)];
const ART_7: &[Article] = &[Numbered(7)];
const ANNEX: &[Article] = &[Annex(1)];
const HEAD: &[Article] = &[Parties];
const HEAD_SIGN: &[Article] = &[Parties, Signatures];
const SIGN: &[Article] = &[Signatures];

/// Every field, in the order of [`Field`].
pub static FIELDS: [FieldInfo; 49] = {
    use Field as F;
    use Step as S;
    [
        value(
            F::Title,
            "title",
            "Titre du document",
            S::Objet,
            &[Article::Title],
        ),
        value(
            F::DelegantName,
            "delegant.name",
            "Nom du délégant",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegantShortName,
            "delegant.short_name",
            "Nom court du délégant",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegantAddress,
            "delegant.address",
            "Adresse du délégant",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegantGender,
            "delegant.gender",
            "Article devant le nom court du délégant",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegantRepresentativeName,
            "delegant.representative.name",
            "Représentant du délégant",
            S::Parties,
            HEAD_SIGN,
        ),
        value(
            F::DelegantRepresentativeTitle,
            "delegant.representative.title",
            "Qualité du représentant du délégant",
            S::Parties,
            HEAD_SIGN,
        ),
        value(
            F::DelegataireName,
            "delegataire.name",
            "Nom du délégataire",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegataireShortName,
            "delegataire.short_name",
            "Nom court du délégataire",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegataireAddress,
            "delegataire.address",
            "Adresse du délégataire",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegataireGender,
            "delegataire.gender",
            "Article devant le nom court du délégataire",
            S::Parties,
            HEAD,
        ),
        value(
            F::DelegataireRepresentativeName,
            "delegataire.representative.name",
            "Représentant du délégataire",
            S::Parties,
            HEAD_SIGN,
        ),
        value(
            F::DelegataireRepresentativeTitle,
            "delegataire.representative.title",
            "Qualité du représentant du délégataire",
            S::Parties,
            HEAD_SIGN,
        ),
        list(
            F::Visas,
            "visas",
            "Visas",
            S::Objet,
            &[Visas],
            Identity::Content,
        ),
        row(F::Visa, "visas[]", "Visa", F::Visas, S::Objet, &[Visas]),
        value(
            F::Beneficiary,
            "object.beneficiary",
            "Bénéficiaire",
            S::Objet,
            &[Preamble, Numbered(1)],
        ),
        value(
            F::StartupName,
            "object.startup.name",
            "Nom de la Startup d'État",
            S::Objet,
            &[Numbered(1), Preamble],
        ),
        value(
            F::StartupUrl,
            "object.startup.url",
            "Page beta.gouv.fr de la Startup d'État",
            S::Objet,
            ART_1,
        ),
        value(
            F::Purpose,
            "object.purpose",
            "Finalité de la délégation",
            S::Objet,
            &[Preamble],
        ),
        value(
            F::Phase,
            "object.phase",
            "Phase de la Startup d'État",
            S::Objet,
            ART_1,
        ),
        list(
            F::Commitments,
            "commitments",
            "Engagements du délégant",
            S::Engagements,
            ART_2,
            Identity::Content,
        ),
        row(
            F::Commitment,
            "commitments[]",
            "Engagement",
            F::Commitments,
            S::Engagements,
            ART_2,
        ),
        column(
            F::CommitmentText,
            "commitments[].text",
            "texte",
            F::Commitment,
            S::Engagements,
            ART_2,
        ),
        column(
            F::CommitmentNote,
            "commitments[].note",
            "note",
            F::Commitment,
            S::Engagements,
            ART_2,
        ),
        value(
            F::Uo,
            "budget.uo",
            "Unité opérationnelle (UO)",
            S::Budget,
            ART_1_5,
        ),
        value(
            F::ProgrammeLabel,
            "budget.programme_label",
            "Libellé du programme",
            S::Budget,
            ART_1,
        ),
        value(
            F::HorsTitre2,
            "budget.hors_titre_2",
            "Crédits hors titre 2",
            S::Budget,
            ART_1_3,
        ),
        list(
            F::Schedule,
            "budget.schedule",
            "Échéancier des crédits",
            S::Budget,
            ART_5,
            Identity::Key(F::ScheduleYear),
        ),
        row(
            F::ScheduleRow,
            "budget.schedule[]",
            "Exercice",
            F::Schedule,
            S::Budget,
            ART_5,
        ),
        column(
            F::ScheduleYear,
            "budget.schedule[].year",
            "année",
            F::ScheduleRow,
            S::Budget,
            ART_5,
        ),
        column(
            F::ScheduleAe,
            "budget.schedule[].ae",
            "AE",
            F::ScheduleRow,
            S::Budget,
            ART_5,
        ),
        column(
            F::ScheduleCp,
            "budget.schedule[].cp",
            "CP",
            F::ScheduleRow,
            S::Budget,
            ART_5,
        ),
        value(
            F::AxeMinisteriel1,
            "chorus.axe_ministeriel_1",
            "Axe ministériel 1",
            S::Chorus,
            ART_5,
        ),
        value(
            F::DomaineFonctionnel,
            "chorus.domaine_fonctionnel",
            "Domaine fonctionnel",
            S::Chorus,
            ART_5,
        ),
        value(
            F::CentreFinancier,
            "chorus.centre_financier",
            "Centre financier",
            S::Chorus,
            ART_5,
        ),
        list(
            F::Activites,
            "chorus.activites",
            "Activités Chorus",
            S::Chorus,
            ART_5,
            Identity::Content,
        ),
        row(
            F::Activite,
            "chorus.activites[]",
            "Activité",
            F::Activites,
            S::Chorus,
            ART_5,
        ),
        column(
            F::ActiviteCode,
            "chorus.activites[].code",
            "code",
            F::Activite,
            S::Chorus,
            ART_5,
        ),
        column(
            F::ActiviteLabel,
            "chorus.activites[].label",
            "libellé",
            F::Activite,
            S::Chorus,
            ART_5,
        ),
        value(
            F::CentreDeCout,
            "chorus.centre_de_cout",
            "Centre de coût",
            S::Chorus,
            ART_5,
        ),
        value(
            F::SignaturePlace,
            "signature.place",
            "Lieu de signature",
            S::Signature,
            SIGN,
        ),
        value(
            F::SignatureDate,
            "signature.date",
            "Date de signature",
            S::Signature,
            SIGN,
        ),
        value(F::EndDate, "end_date", "Date de fin", S::Signature, ART_7),
        value(
            F::NoticeMonths,
            "notice_months",
            "Préavis de résiliation",
            S::Signature,
            ART_7,
        ),
        list(
            F::RgpdMatrix,
            "rgpd_matrix",
            "Annexe RGPD",
            S::Rgpd,
            ANNEX,
            Identity::Key(F::RgpdTopic),
        ),
        row(
            F::RgpdRow,
            "rgpd_matrix[]",
            "Annexe RGPD",
            F::RgpdMatrix,
            S::Rgpd,
            ANNEX,
        ),
        column(
            F::RgpdTopic,
            "rgpd_matrix[].topic",
            "sujet",
            F::RgpdRow,
            S::Rgpd,
            ANNEX,
        ),
        column(
            F::RgpdDelegataire,
            "rgpd_matrix[].delegataire",
            "délégataire",
            F::RgpdRow,
            S::Rgpd,
            ANNEX,
        ),
        column(
            F::RgpdDelegant,
            "rgpd_matrix[].delegant",
            "délégant",
            F::RgpdRow,
            S::Rgpd,
            ANNEX,
        ),
    ]
};

/// A party's fields, in the order of the form: name, short name, gender,
/// address, representative, position.
pub type PartyFields = [Field; 6];

/// The délégant's fields.
pub const DELEGANT: PartyFields = [
    Field::DelegantName,
    Field::DelegantShortName,
    Field::DelegantGender,
    Field::DelegantAddress,
    Field::DelegantRepresentativeName,
    Field::DelegantRepresentativeTitle,
];

/// The délégataire's fields.
pub const DELEGATAIRE: PartyFields = [
    Field::DelegataireName,
    Field::DelegataireShortName,
    Field::DelegataireGender,
    Field::DelegataireAddress,
    Field::DelegataireRepresentativeName,
    Field::DelegataireRepresentativeTitle,
];

impl Field {
    /// What the table says of this field.
    pub fn info(self) -> &'static FieldInfo {
        &FIELDS[self as usize]
    }

    /// Its kind of value.
    pub fn kind(self) -> Kind {
        self.info().kind
    }

    /// Whether a path to it needs a row's index.
    pub fn in_row(self) -> bool {
        matches!(self.kind(), Kind::Row | Kind::Column)
    }

    /// The step that edits it.
    pub fn step(self) -> Step {
        self.info().step
    }

    /// The main article it appears in.
    pub fn article(self) -> Article {
        self.info()
            .articles
            .first()
            .copied()
            .unwrap_or(Article::Title)
    }

    /// The row of a column, the list of a row.
    pub fn parent(self) -> Option<Field> {
        self.info().parent
    }

    /// The list a row or a column belongs to.
    pub fn list(self) -> Option<Field> {
        match self.kind() {
            Kind::Row => self.parent(),
            Kind::Column => self.parent().and_then(Field::parent),
            Kind::Value | Kind::List => None,
        }
    }

    /// The path of a field that is not in a row. For a field of a row,
    /// which needs [`Field::at`], the path of its list.
    pub fn path(self) -> FieldPath {
        if self.in_row() {
            debug_assert!(false, "{self:?} needs a row");
            return self.list().unwrap_or(Field::Title).path();
        }
        FieldPath::new(self, None)
    }

    /// The path of this field in row `index` of its list. For a field not
    /// in a row, its path.
    pub fn at(self, index: usize) -> FieldPath {
        if !self.in_row() {
            debug_assert!(false, "{self:?} is not in a row");
            return self.path();
        }
        FieldPath::new(self, Some(index))
    }

    /// The field whose path pattern is `pattern`.
    pub fn from_pattern(pattern: &str) -> Option<Field> {
        FIELDS
            .iter()
            .find(|info| info.pattern == pattern)
            .map(|info| info.field)
    }

    /// The columns of a row, in order.
    pub fn columns(self) -> impl Iterator<Item = Field> {
        FIELDS
            .iter()
            .filter(move |info| info.kind == Kind::Column && info.parent == Some(self))
            .map(|info| info.field)
    }

    /// The fields that hold a row's values: its columns, or the row itself
    /// when it is its own value (a visa).
    pub fn values_of_row(self) -> Vec<Field> {
        let columns: Vec<Field> = self.columns().collect();
        if columns.is_empty() {
            vec![self]
        } else {
            columns
        }
    }

    /// The row of a list.
    pub fn row(self) -> Option<Field> {
        FIELDS
            .iter()
            .find(|info| info.kind == Kind::Row && info.parent == Some(self))
            .map(|info| info.field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_enum() {
        for (index, info) in FIELDS.iter().enumerate() {
            assert_eq!(info.field as usize, index, "{:?}", info.field);
        }
    }

    #[test]
    fn patterns_are_unique_and_shaped_by_kind() {
        for info in &FIELDS {
            assert_eq!(Field::from_pattern(info.pattern), Some(info.field));
            let in_row = info.pattern.contains("[]");
            assert_eq!(in_row, info.field.in_row(), "{}", info.pattern);
            match info.kind {
                Kind::Column => {
                    let parent = info.parent.expect("a column has a row");
                    assert_eq!(parent.kind(), Kind::Row);
                    assert!(info.pattern.starts_with(parent.info().pattern));
                }
                Kind::Row => {
                    let list = info.parent.expect("a row has a list");
                    assert_eq!(list.kind(), Kind::List);
                    assert_eq!(info.pattern, format!("{}[]", list.info().pattern));
                    assert_eq!(list.row(), Some(info.field));
                }
                Kind::List => assert!(info.identity.is_some(), "{}", info.pattern),
                Kind::Value => assert!(info.parent.is_none()),
            }
            assert!(!info.articles.is_empty());
            assert!(info.step.is_form());
        }
    }

    #[test]
    fn keyed_lists_are_keyed_by_one_of_their_columns() {
        for info in FIELDS.iter().filter(|info| info.kind == Kind::List) {
            if let Some(Identity::Key(key)) = info.identity {
                assert_eq!(key.list(), Some(info.field));
            }
        }
    }
}
