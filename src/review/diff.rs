//! The changes from one draft to another, field by field, in the words of
//! the field table: « Exercice 2023 — CP : 0 € → 15 000 € ». Drafts are
//! compared as read, so the file's formatting (key order, spaces,
//! `"30000"` or `"30000.00"`) is never a change; nor are spaces at the ends
//! of a text or doubled inside it, which no document shows.

use chrono::NaiveDate;

use super::rows::{Matching, RowPair, RowText, match_rows, normalize};
use crate::model::field::{FIELDS, Kind};
use crate::model::{Article, Draft, Field, FieldPath, Gender, Step, date};

/// What happened to a field or a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Its value changed.
    Changed,
    /// The row is new.
    Added,
    /// The row is gone.
    Removed,
    /// The row changed place in its list.
    Moved,
}

impl ChangeKind {
    /// The identifier in JSON output: `changed`, `added`, `removed`, `moved`.
    pub fn id(self) -> &'static str {
        match self {
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Moved => "moved",
        }
    }
}

/// One change from the old draft to the new.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The field in the new draft; for a removed row, in the old one.
    pub path: FieldPath,
    /// Where it stood in the old draft, when that differs from `path`.
    pub old_path: Option<FieldPath>,
    /// What happened.
    pub kind: ChangeKind,
    /// The field's name for people, its row named by its identity.
    pub label: String,
    /// The old value, as a person reads it (`None` for an added row).
    pub old: Option<String>,
    /// The new value (`None` for a removed row).
    pub new: Option<String>,
}

impl Change {
    /// The step that edits the field.
    pub fn step(&self) -> Step {
        self.path.step()
    }

    /// The article the field appears in.
    pub fn article(&self) -> Article {
        self.path.article()
    }

    /// Every article the field appears in, the main one first.
    pub fn articles(&self) -> &'static [Article] {
        self.path.field().info().articles
    }

    /// The other articles the field appears in, said: « (aussi à l'article
    /// 3) », or nothing.
    pub fn also(&self) -> String {
        let others: Vec<String> = self
            .articles()
            .iter()
            .skip(1)
            .filter(|a| !matches!(a, Article::Signatures | Article::Parties))
            .map(|article| match article {
                Article::Numbered(n) => format!("à l'article {n}"),
                Article::Preamble => "au préambule".to_owned(),
                Article::Annex(n) => format!("à l'annexe {n}"),
                other => other.name().to_lowercase(),
            })
            .collect();
        if others.is_empty() {
            String::new()
        } else {
            format!(" (aussi {})", others.join(", "))
        }
    }

    /// One line for people: « Exercice 2023 — CP : 0 € → 15 000 € »,
    /// « Exercice 2024 : ajouté (AE 10 000 €, CP 10 000 €) ».
    pub fn sentence(&self) -> String {
        let shown = |value: &Option<String>| shown(value.as_deref());
        match self.kind {
            ChangeKind::Changed => {
                let (old, new) = excerpts(
                    self.old.as_deref().unwrap_or_default(),
                    self.new.as_deref().unwrap_or_default(),
                );
                format!("{} : {old} → {new}", self.label)
            }
            ChangeKind::Added => format!("{} : ajouté ({})", self.label, shown(&self.new)),
            ChangeKind::Removed => format!("{} : supprimé ({})", self.label, shown(&self.old)),
            ChangeKind::Moved => format!(
                "{} : déplacé ({} → {})",
                self.label,
                shown(&self.old),
                shown(&self.new)
            ),
        }
    }
}

/// The longest text a change line shows whole.
const LONGEST: usize = 160;
/// The words kept on each side of what changed in a long text.
const CONTEXT: usize = 60;

/// Text on one line: its line breaks become « / ».
fn joined(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" / ")
}

/// A value as a change line shows it: on one line, « (vide) » for none.
pub fn shown(value: Option<&str>) -> String {
    match value.map(str::trim) {
        None | Some("") => "(vide)".to_owned(),
        Some(text) => one_line(text),
    }
}

/// Text on one line, a long one cut after about 160 characters, at a word.
fn one_line(text: &str) -> String {
    let text = joined(text);
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= LONGEST {
        return text;
    }
    format!("{}…", cut_at_word(&chars[..LONGEST], false))
}

/// Characters cut back to the last whole word (or, `from_start`, forward to
/// the first).
fn cut_at_word(chars: &[char], from_start: bool) -> String {
    let text: String = chars.iter().collect();
    let cut = if from_start {
        text.find(' ').map_or(text.as_str(), |at| &text[at + 1..])
    } else {
        text.rfind(' ').map_or(text.as_str(), |at| &text[..at])
    };
    cut.trim().to_owned()
}

/// The old and new values as a change line shows them: whole when short;
/// when long, what differs with a few words around it, so that two long
/// texts never read alike where they differ.
fn excerpts(old: &str, new: &str) -> (String, String) {
    let (old, new) = (joined(old), joined(new));
    let empty = |text: String| {
        if text.is_empty() {
            "(vide)".to_owned()
        } else {
            text
        }
    };
    let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    if a.len() <= LONGEST && b.len() <= LONGEST {
        return (empty(old), empty(new));
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
        .min(a.len() - prefix)
        .min(b.len() - prefix);
    let excerpt = |chars: &[char]| -> String {
        let length = chars.len();
        let end = length - suffix;
        let blank = |at: usize| chars[at].is_whitespace();
        // The words the change falls in, whole.
        let mut from = prefix;
        while from > 0 && !blank(from - 1) {
            from -= 1;
        }
        let mut to = end;
        while to < length && !blank(to) {
            to += 1;
        }
        // A few words on each side.
        let mut before = from.saturating_sub(CONTEXT);
        while before > 0 && before < from && !blank(before - 1) {
            before += 1;
        }
        let mut after = (to + CONTEXT).min(length);
        while after < length && !blank(after) {
            after += 1;
        }
        let mut out = String::new();
        if before > 0 {
            out.push('…');
        }
        out.extend(&chars[before..from]);
        let middle = &chars[from..to];
        if middle.len() > LONGEST {
            out.push_str(&cut_at_word(&middle[..LONGEST], false));
            out.push_str(" …");
        } else {
            out.extend(middle);
        }
        out.extend(&chars[to..after]);
        if after < length {
            out.push('…');
        }
        out.trim().to_owned()
    };
    (empty(excerpt(&a)), empty(excerpt(&b)))
}

/// Every change from `old` to `new`, in the order of the draft format.
pub fn diff(old: &Draft, new: &Draft) -> Vec<Change> {
    let mut changes = Vec::new();
    for info in &FIELDS {
        match info.kind {
            Kind::Value => {
                let path = info.field.path();
                let (before, after) = (value(old, path), value(new, path));
                if before != after {
                    changes.push(Change {
                        path,
                        old_path: None,
                        kind: ChangeKind::Changed,
                        label: path.label_in(new),
                        old: Some(before),
                        new: Some(after),
                    });
                }
            }
            Kind::List => diff_list(old, new, info.field, &mut changes),
            Kind::Row | Kind::Column => {}
        }
    }
    changes
}

/// The changes of a list: rows added, removed, moved, and changed column by
/// column.
fn diff_list(old: &Draft, new: &Draft, list: Field, changes: &mut Vec<Change>) {
    let Some(row) = list.row() else {
        return;
    };
    for pair in pairs(old, new, list) {
        match pair {
            RowPair::Added(index) => {
                let path = row.at(index);
                changes.push(Change {
                    path,
                    old_path: None,
                    kind: ChangeKind::Added,
                    label: path.label_in(new),
                    old: None,
                    new: Some(summary(new, list, index)),
                });
            }
            RowPair::Removed(index) => {
                let path = row.at(index);
                changes.push(Change {
                    path,
                    old_path: None,
                    kind: ChangeKind::Removed,
                    label: path.label_in(old),
                    old: Some(summary(old, list, index)),
                    new: None,
                });
            }
            RowPair::Both {
                old: before,
                new: after,
                moved,
            } => {
                let moved_from = (before != after).then(|| row.at(before));
                if moved {
                    let path = row.at(after);
                    // A row known by its place is named by its text too.
                    let label = match list {
                        Field::Schedule | Field::RgpdMatrix => path.label_in(new),
                        _ => format!(
                            "{} (« {} »)",
                            path.label_in(new),
                            start_of(&summary(new, list, after))
                        ),
                    };
                    changes.push(Change {
                        path,
                        old_path: moved_from,
                        kind: ChangeKind::Moved,
                        label,
                        old: Some(format!("ligne {}", before + 1)),
                        new: Some(format!("ligne {}", after + 1)),
                    });
                }
                for field in row.values_of_row() {
                    let (old_path, new_path) = (field.at(before), field.at(after));
                    let (was, is) = (value(old, old_path), value(new, new_path));
                    if was != is {
                        changes.push(Change {
                            path: new_path,
                            old_path: (before != after).then_some(old_path),
                            kind: ChangeKind::Changed,
                            label: new_path.label_in(new),
                            old: Some(was),
                            new: Some(is),
                        });
                    }
                }
            }
        }
    }
}

/// How the rows of a list in `old` match those in `new`.
pub fn pairs(old: &Draft, new: &Draft, list: Field) -> Vec<RowPair> {
    let how = Matching {
        ordered: list != Field::Schedule,
        strict_keys: list == Field::Schedule,
    };
    match_rows(&row_texts(old, list), &row_texts(new, list), how)
}

/// The rows of a list as matching sees them.
fn row_texts(draft: &Draft, list: Field) -> Vec<RowText> {
    let key_field = match list.info().identity {
        Some(crate::model::field::Identity::Key(key)) => Some(key),
        _ => None,
    };
    let Some(row) = list.row() else {
        return Vec::new();
    };
    let fields = row.values_of_row();
    (0..draft.row_count(list))
        .map(|index| {
            let text = fields
                .iter()
                .map(|field| value(draft, field.at(index)))
                .collect::<Vec<_>>()
                .join("\n");
            let key = key_field
                .map(|key| value(draft, key.at(index)).to_lowercase())
                .filter(|key| !key.is_empty());
            RowText { key, text }
        })
        .collect()
}

/// A row in a few words, for a row added or removed.
fn summary(draft: &Draft, list: Field, index: usize) -> String {
    match list {
        Field::Schedule => format!(
            "AE {}, CP {}",
            value(draft, Field::ScheduleAe.at(index)),
            value(draft, Field::ScheduleCp.at(index))
        ),
        Field::Commitments => {
            let text = value(draft, Field::CommitmentText.at(index));
            let note = value(draft, Field::CommitmentNote.at(index));
            if note.is_empty() {
                text
            } else {
                format!("{text} — note : {note}")
            }
        }
        Field::Activites => {
            let code = value(draft, Field::ActiviteCode.at(index));
            let label = value(draft, Field::ActiviteLabel.at(index));
            if label.is_empty() {
                code
            } else {
                format!("{code} ({label})")
            }
        }
        Field::RgpdMatrix => {
            let cell = |field: Field| match value(draft, field.at(index)) {
                text if text.is_empty() => "(vide)".to_owned(),
                text => text,
            };
            format!(
                "{} : {} ; délégant : {}",
                short_name(draft),
                cell(Field::RgpdDelegataire),
                cell(Field::RgpdDelegant)
            )
        }
        _ => value(draft, Field::Visa.at(index)),
    }
}

/// The first words of a text, about forty characters.
fn start_of(text: &str) -> String {
    let chars: Vec<char> = joined(text).chars().collect();
    if chars.len() <= 48 {
        return chars.iter().collect();
    }
    format!("{}…", cut_at_word(&chars[..40], false))
}

/// The délégataire's short name, or « délégataire ».
fn short_name(draft: &Draft) -> String {
    match draft.delegataire.short_name.trim() {
        "" => "délégataire".to_owned(),
        short => short.to_owned(),
    }
}

/// The value of a field as a person reads it; formatting that no document
/// shows is left out, so that equal values read alike.
pub fn value(draft: &Draft, path: FieldPath) -> String {
    let text = |text: &str| normalize(text);
    let day = |day: Option<NaiveDate>| day.map(date::french_long).unwrap_or_default();
    let gender = |party: &crate::model::Party| match party.effective_gender() {
        Gender::Masculin => "masculin (le)".to_owned(),
        Gender::Feminin => "féminin (la)".to_owned(),
    };
    let row = path.row().unwrap_or(0);
    let schedule = draft.budget.schedule.get(row);
    let commitment = draft.commitments.get(row);
    let activite = draft.chorus.activites.get(row);
    let rgpd = draft.rgpd_matrix.get(row);
    let (delegant, delegataire) = (&draft.delegant, &draft.delegataire);
    match path.field() {
        Field::Title => text(&draft.title),
        Field::DelegantName => text(&delegant.name),
        Field::DelegantShortName => text(&delegant.short_name),
        Field::DelegantAddress => text(&delegant.address),
        Field::DelegantGender => gender(delegant),
        Field::DelegantRepresentativeName => text(&delegant.representative.name),
        Field::DelegantRepresentativeTitle => text(&delegant.representative.title),
        Field::DelegataireName => text(&delegataire.name),
        Field::DelegataireShortName => text(&delegataire.short_name),
        Field::DelegataireAddress => text(&delegataire.address),
        Field::DelegataireGender => gender(delegataire),
        Field::DelegataireRepresentativeName => text(&delegataire.representative.name),
        Field::DelegataireRepresentativeTitle => text(&delegataire.representative.title),
        Field::Visa => draft.visas.get(row).map(|v| text(v)).unwrap_or_default(),
        Field::Beneficiary => text(&draft.object.beneficiary),
        Field::StartupName => text(&draft.object.startup.name),
        Field::StartupUrl => text(&draft.object.startup.url),
        Field::Purpose => text(&draft.object.purpose),
        Field::Phase => draft
            .object
            .phase
            .map(|phase| phase.label().to_owned())
            .unwrap_or_default(),
        Field::CommitmentText => commitment.map(|c| text(&c.text)).unwrap_or_default(),
        Field::CommitmentNote => commitment.map(|c| text(&c.note)).unwrap_or_default(),
        Field::Uo => text(&draft.budget.uo),
        Field::ProgrammeLabel => text(&draft.budget.programme_label),
        Field::HorsTitre2 => if draft.budget.hors_titre_2 {
            "oui"
        } else {
            "non"
        }
        .to_owned(),
        Field::ScheduleYear => schedule.map(|r| r.year.to_string()).unwrap_or_default(),
        Field::ScheduleAe => schedule.map(|r| r.ae.to_french()).unwrap_or_default(),
        Field::ScheduleCp => schedule.map(|r| r.cp.to_french()).unwrap_or_default(),
        Field::AxeMinisteriel1 => text(&draft.chorus.axe_ministeriel_1),
        Field::DomaineFonctionnel => text(&draft.chorus.domaine_fonctionnel),
        Field::CentreFinancier => text(&draft.chorus.centre_financier),
        Field::ActiviteCode => activite.map(|a| text(&a.code)).unwrap_or_default(),
        Field::ActiviteLabel => activite.map(|a| text(&a.label)).unwrap_or_default(),
        Field::CentreDeCout => text(&draft.chorus.centre_de_cout),
        Field::SignaturePlace => text(&draft.signature.place),
        Field::SignatureDate => day(draft.signature.date),
        Field::EndDate => day(draft.end_date),
        Field::NoticeMonths => crate::rules::count_of(draft.notice_months as usize, "mois", "mois"),
        Field::RgpdTopic => rgpd.map(|r| text(&r.topic)).unwrap_or_default(),
        Field::RgpdDelegataire => rgpd.map(|r| text(&r.delegataire)).unwrap_or_default(),
        Field::RgpdDelegant => rgpd.map(|r| text(&r.delegant)).unwrap_or_default(),
        Field::Visas
        | Field::Commitments
        | Field::Commitment
        | Field::Schedule
        | Field::ScheduleRow
        | Field::Activites
        | Field::Activite
        | Field::RgpdMatrix
        | Field::RgpdRow => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, YearRow};

    fn reference() -> Draft {
        crate::model::example()
    }

    fn sentences(changes: &[Change]) -> Vec<String> {
        changes.iter().map(Change::sentence).collect()
    }

    #[test]
    fn a_draft_does_not_differ_from_itself_nor_from_its_reformatting() {
        let draft = reference();
        assert!(diff(&draft, &draft).is_empty());
        let mut spaced = draft.clone();
        spaced.delegant.name = format!("  {}  ", spaced.delegant.name.replace(' ', "  "));
        spaced.rgpd_matrix[0].delegataire =
            spaced.rgpd_matrix[0].delegataire.replace('\n', " \r\n");
        spaced.budget.schedule.reverse();
        assert_eq!(sentences(&diff(&draft, &spaced)), Vec::<String>::new());
    }

    #[test]
    fn each_change_is_said_with_its_label() {
        let old = reference();
        let mut new = old.clone();
        new.budget.schedule[1].cp = Money::from_euros(15_000).expect("small");
        new.delegant.representative.title = "Directeur général de l'administration".into();
        new.end_date = chrono::NaiveDate::from_ymd_opt(2024, 12, 31);
        new.budget.schedule.push(YearRow {
            year: 2024,
            ae: Money::from_euros(10_000).expect("small"),
            cp: Money::from_euros(10_000).expect("small"),
        });
        new.rgpd_matrix[10].delegant = "Sans objet".into();
        let changes = diff(&old, &new);
        assert_eq!(
            sentences(&changes),
            [
                "Qualité du représentant du délégant : Directeur du numérique → Directeur général de l'administration",
                "Exercice 2023 — CP : 0\u{a0}€ → 15\u{202f}000\u{a0}€",
                "Exercice 2024 : ajouté (AE 10\u{202f}000\u{a0}€, CP 10\u{202f}000\u{a0}€)",
                "Date de fin : 31\u{a0}décembre 2022 → 31\u{a0}décembre 2024",
                "Annexe RGPD, « Territorialité » — délégant : Sans objet. → Sans objet",
            ]
        );
        assert_eq!(changes[1].path.to_string(), "budget.schedule[1].cp");
        assert_eq!(changes[1].article(), Article::Numbered(5));
        assert_eq!(changes[2].kind, ChangeKind::Added);
        assert_eq!(changes[0].step(), Step::Parties);
    }

    #[test]
    fn a_row_inserted_in_the_middle_is_one_addition() {
        let old = reference();
        let mut new = old.clone();
        new.visas
            .insert(1, "la loi organique n° 2001-692 du 1er août 2001".into());
        new.rgpd_matrix.insert(
            3,
            crate::model::RgpdRow::new("Sous-traitance ultérieure", "Informe", "Autorise"),
        );
        new.rgpd_matrix.swap(0, 1);
        let changes = diff(&old, &new);
        let kinds: Vec<(ChangeKind, String)> = changes
            .iter()
            .map(|c| (c.kind, c.path.to_string()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ChangeKind::Added, "visas[1]".to_owned()),
                (ChangeKind::Moved, "rgpd_matrix[0]".to_owned()),
                (ChangeKind::Added, "rgpd_matrix[3]".to_owned()),
            ]
        );
        assert_eq!(
            changes[1].old_path.map(|p| p.to_string()).as_deref(),
            Some("rgpd_matrix[1]")
        );
        assert!(
            changes[2]
                .sentence()
                .starts_with("Annexe RGPD, « Sous-traitance ultérieure » : ajouté")
        );
    }

    #[test]
    fn removed_rows_are_named_as_they_were() {
        let old = reference();
        let mut new = old.clone();
        new.budget.schedule.remove(1);
        new.chorus.activites[0].label = "action diplomatique".into();
        let changes = diff(&old, &new);
        assert_eq!(
            sentences(&changes),
            [
                "Exercice 2023 : supprimé (AE 0\u{a0}€, CP 0\u{a0}€)",
                "Activité 1 — libellé : domaine action diplomatique → action diplomatique",
            ]
        );
        assert_eq!(changes[0].kind, ChangeKind::Removed);
    }

    #[test]
    fn long_values_show_where_they_differ() {
        let start = "Analyse de risque et homologation RGS. ".repeat(6);
        let old = format!("{start}Participation à l'analyse de risque et homologation RGS.");
        let new = format!("{start}Participation à l'analyse de risque et homologation RGAA.");
        let (a, b) = excerpts(&old, &new);
        assert_ne!(a, b);
        assert!(
            a.starts_with('…') && a.ends_with("homologation RGS."),
            "{a}"
        );
        assert!(b.ends_with("homologation RGAA."), "{b}");
        assert!(a.chars().count() < 100, "{a}");
        let (a, b) = excerpts("court", "bref");
        assert_eq!((a.as_str(), b.as_str()), ("court", "bref"));
    }

    #[test]
    fn long_values_stay_on_one_line() {
        assert_eq!(one_line("a\n\n b "), "a / b");
        let long = "mot ".repeat(100);
        let cut = one_line(&long);
        assert!(cut.ends_with('…') && cut.chars().count() <= 161);
    }
}
