//! Rules on the review: open comments are said, a draft approved or
//! signed while comments are still open is a warning, and so is a remark
//! about a row or an article the draft does not have.

use super::Emitter;

use crate::model::{Article, Draft, Field, Status, Subject, date};

/// How much of a comment's text a finding quotes.
const QUOTED_CHARS: usize = 120;

/// Each open comment, as an information on its field.
pub fn open_comment(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for comment in draft.review.open_comments() {
        let day = date::french_short(date::local_day(comment.date));
        let author = match comment.author.trim() {
            "" => "auteur inconnu".to_owned(),
            name => name.to_owned(),
        };
        out.info(
            comment.about.path(),
            format!(
                "Remarque ouverte ({}) de {author}, le {day} : « {} »",
                comment.id,
                quoted(&comment.text)
            ),
        );
    }
}

/// A draft marked approved or signed whose comments are not all resolved.
pub fn settled_with_open_comments(draft: &Draft, out: &mut Emitter<'_, '_>) {
    let status = draft.review.status;
    if !matches!(status, Status::Valide | Status::Signe) {
        return;
    }
    let open = draft.review.open_comments().count();
    if open == 0 {
        return;
    }
    let remarks = super::count_of(open, "remarque reste ouverte", "remarques restent ouvertes");
    let them = if open == 1 {
        "résolvez-la"
    } else {
        "résolvez-les"
    };
    out.warning(
        Field::Title.path(),
        format!(
            "Le brouillon est marqué « {} » alors que {remarks} : {them}, ou remettez-le en relecture.",
            status.label()
        ),
    );
}

/// How many numbered articles and annexes the built-in template has.
const BUILT_IN_ARTICLES: u8 = 8;
const BUILT_IN_ANNEXES: u8 = 1;

/// A remark about a row beyond its list (`rgpd_matrix[500].delegant` in a
/// matrix of 12 rows) or an article the built-in template does not have
/// (`Article 99`): shown nowhere, so said. A warning, not a refusal: rows
/// are removed and templates have their own articles.
pub fn subject_not_found(draft: &Draft, out: &mut Emitter<'_, '_>) {
    for comment in &draft.review.comments {
        let missing = match comment.about {
            Subject::Field(path) => match (path.field().list(), path.row()) {
                (Some(list), Some(row)) if row >= draft.row_count(list) => Some((
                    list.path(),
                    format!(
                        "la ligne {} de la liste, qui en a {}",
                        row + 1,
                        draft.row_count(list)
                    ),
                )),
                _ => None,
            },
            Subject::Article(Article::Numbered(n)) if n > BUILT_IN_ARTICLES => Some((
                Field::Title.path(),
                format!(
                    "un article que le modèle intégré n'a pas (il a les articles 1 à {BUILT_IN_ARTICLES})"
                ),
            )),
            Subject::Article(Article::Annex(n)) if n > BUILT_IN_ANNEXES => Some((
                Field::Title.path(),
                format!(
                    "une annexe que le modèle intégré n'a pas (il n'a que l'annexe {BUILT_IN_ANNEXES})"
                ),
            )),
            _ => None,
        };
        if let Some((path, what)) = missing {
            out.warning(
                path,
                format!(
                    "La remarque {} (« {} ») porte sur {what} : elle ne s'affiche nulle part ; rattachez-la à un champ qui existe ou supprimez-la.",
                    comment.id,
                    quoted(&comment.about.to_string())
                ),
            );
        }
    }
}

/// The text on one line, cut at a word past [`QUOTED_CHARS`] characters.
fn quoted(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= QUOTED_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(QUOTED_CHARS).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push_str(" …");
    cut
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{fired, reference, warning};
    use super::super::{Severity, check};
    use crate::model::{Field, Status, Subject};
    use chrono::TimeZone as _;

    fn noon() -> chrono::DateTime<chrono::Utc> {
        chrono::Utc
            .with_ymd_and_hms(2022, 5, 2, 12, 0, 0)
            .single()
            .expect("a time")
    }

    #[test]
    fn open_comments_are_informations_on_their_field() {
        let mut draft = reference();
        let about = Subject::Field(Field::ScheduleCp.at(0));
        draft
            .review
            .add_comment(about, "Claire Martin", noon(), "CP 2022 à revoir");
        draft
            .review
            .add_comment(Subject::Document, "", noon(), &"mot ".repeat(100));
        draft.review.comments[1].resolved = true;
        let found = fired(&draft, "review.open-comment");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Info);
        assert_eq!(found[0].1, "budget.schedule[0].cp");
        let finding = check(&draft)
            .into_iter()
            .find(|f| f.rule == "review.open-comment")
            .expect("said");
        assert!(
            finding
                .message
                .contains("de Claire Martin, le 02/05/2022 : « CP 2022 à revoir »"),
            "{}",
            finding.message
        );
        // Counted apart from the other informations, as the app shows them.
        let tally = super::super::Tally::of(&check(&draft));
        assert_eq!(tally.remarks, 1);
        assert!(
            tally.french().ends_with(", 1 remarque ouverte"),
            "{}",
            tally.french()
        );
    }

    #[test]
    fn approved_with_open_comments_is_a_warning() {
        let mut draft = reference();
        draft
            .review
            .add_comment(Subject::Document, "A", noon(), "Relire l'article 5");
        draft.review.set_status(Status::EnRelecture, "A", noon());
        assert!(fired(&draft, "review.settled-with-open-comments").is_empty());
        draft.review.set_status(Status::Valide, "A", noon());
        let found = fired(&draft, "review.settled-with-open-comments");
        assert_eq!(found, vec![(Severity::Warning, "title".to_owned())]);
        let message = |draft: &crate::model::Draft| {
            check(draft)
                .into_iter()
                .find(|f| f.rule == "review.settled-with-open-comments")
                .expect("said")
                .message
        };
        assert_eq!(
            message(&draft),
            "Le brouillon est marqué « Validé » alors que 1 remarque reste ouverte : résolvez-la, ou remettez-le en relecture."
        );
        draft
            .review
            .add_comment(Subject::Document, "A", noon(), "Et l'annexe");
        assert!(message(&draft).contains("2 remarques restent ouvertes : résolvez-les,"));
        draft.review.comments[1].resolved = true;
        draft.review.comments[0].resolved = true;
        assert!(fired(&draft, "review.settled-with-open-comments").is_empty());
    }

    #[test]
    fn remarks_about_missing_rows_and_articles_are_warned() {
        let mut draft = reference();
        let rows = draft.rgpd_matrix.len();
        for (id, about) in [
            ("c1", format!("rgpd_matrix[{rows}].delegant")),
            ("c2", "Article 99".to_owned()),
            ("c3", "Annexe 2".to_owned()),
            ("c4", format!("rgpd_matrix[{}].delegant", rows - 1)),
            ("c5", "Article 8".to_owned()),
        ] {
            draft.review.comments.push(crate::model::Comment {
                id: id.to_owned(),
                about: about.parse().expect("subject"),
                author: "A".to_owned(),
                date: noon(),
                text: "t".to_owned(),
                resolved: false,
                replies: Vec::new(),
            });
        }
        let found = fired(&draft, "review.subject-not-found");
        assert_eq!(
            found,
            [warning("rgpd_matrix"), warning("title"), warning("title")]
        );
        let messages: Vec<String> = crate::rules::check(&draft)
            .into_iter()
            .filter(|f| f.rule == "review.subject-not-found")
            .map(|f| f.message)
            .collect();
        assert!(
            messages[0].contains(&format!(
                "la ligne {} de la liste, qui en a {rows}",
                rows + 1
            )),
            "{messages:?}"
        );
        assert!(
            messages[1]
                .contains("(« Article 99 ») porte sur un article que le modèle intégré n'a pas"),
            "{messages:?}"
        );
    }

    #[test]
    fn long_texts_are_cut_at_a_word() {
        let cut = super::quoted(&"abcdefghi ".repeat(30));
        assert!(cut.ends_with(" …"));
        assert!(cut.chars().count() <= super::QUOTED_CHARS + 2);
    }
}
