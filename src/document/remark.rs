//! A reviewer's open comment as an export shows it (`convention export
//! --comments`): what it says, who wrote it, and the paragraph of the
//! document it sits on.

use chrono::{DateTime, Utc};

use super::{Block, Document, Paragraph};
use crate::model::{Article, Draft, FieldPath, Reply, Subject};

/// An open comment of the draft, ready to go with the document: a DOCX
/// comment on the paragraph it is about, a line of the PDF's « Remarques ».
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remark {
    /// What it is about.
    pub about: Subject,
    /// That subject's name for people (« Échéancier, exercice 2023 — CP »).
    pub label: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub date: DateTime<Utc>,
    /// What it says.
    pub text: String,
    /// The answers to it, oldest first.
    pub replies: Vec<Reply>,
}

impl Remark {
    /// The draft's open comments, in the draft's order.
    pub fn open_in(draft: &Draft) -> Vec<Remark> {
        draft
            .review
            .open_comments()
            .map(|comment| Remark {
                about: comment.about,
                label: comment.about.label_in(draft),
                author: comment.author.clone(),
                date: comment.date,
                text: comment.text.clone(),
                replies: comment.replies.clone(),
            })
            .collect()
    }
}

/// An author's initials, as Word shows them beside a comment: « Jeanne
/// Martin-Dupont » is « JMD », « Claire Martin (MEAE) » « CM »; at most
/// four letters.
pub fn initials(author: &str) -> String {
    // « Claire Martin (MEAE) » is CM: the service in brackets is not a name.
    let name = match author.split('(').next().map(str::trim) {
        Some(name) if !name.is_empty() => name,
        _ => author,
    };
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .take(4)
        .collect()
}

/// What kind of block a paragraph is in, for placing remarks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Title,
    Heading,
    Other,
}

impl Document {
    /// The paragraph a remark about `subject` sits on, as its index in
    /// [`Document::paragraphs`]: for a field, the first paragraph (or table
    /// cell) shown from it, else from a field it holds or that holds it (a
    /// row, a list: its first cell); for an article, its heading; for the
    /// whole draft, the title. What cannot be found falls back on the
    /// article's heading, then on the title. `None` only for a document
    /// without paragraphs.
    pub fn place_of(&self, subject: Subject) -> Option<usize> {
        let paragraphs = self.kinds();
        let first = |test: &dyn Fn(Kind, &Paragraph) -> bool| {
            paragraphs
                .iter()
                .position(|(kind, paragraph)| test(*kind, paragraph))
        };
        let title = || {
            first(&|kind, _| kind == Kind::Title).or(if paragraphs.is_empty() {
                None
            } else {
                Some(0)
            })
        };
        let article = |article: Article| {
            if article == Article::Title {
                return title();
            }
            first(&|kind, paragraph| {
                kind == Kind::Heading && Article::of_heading(&paragraph.text()) == Some(article)
            })
            .or_else(|| {
                first(&|_, paragraph| {
                    paragraph
                        .source
                        .iter()
                        .any(|path| path.article() == article)
                })
            })
            .or_else(title)
        };
        match subject {
            Subject::Document => title(),
            Subject::Article(a) => article(a),
            Subject::Field(path) => first(&|_, paragraph| paragraph.source.contains(&path))
                .or_else(|| {
                    first(&|_, paragraph| {
                        paragraph
                            .source
                            .iter()
                            .any(|shown: &FieldPath| path.contains(*shown) || shown.contains(path))
                    })
                })
                .or_else(|| article(path.article())),
        }
    }

    /// Every paragraph, in the order of [`Document::paragraphs`], with the
    /// kind of block it is in.
    fn kinds(&self) -> Vec<(Kind, &Paragraph)> {
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Title(paragraph) => out.push((Kind::Title, paragraph)),
                Block::Heading { text, .. } => out.push((Kind::Heading, text)),
                Block::Paragraph(paragraph) => out.push((Kind::Other, paragraph)),
                Block::List(items) => out.extend(items.iter().map(|p| (Kind::Other, p))),
                Block::Table(table) => out.extend(
                    table
                        .rows
                        .iter()
                        .flat_map(|row| &row.cells)
                        .flat_map(|cell| &cell.paragraphs)
                        .map(|p| (Kind::Other, p)),
                ),
                Block::Signatures(columns) => {
                    out.extend(columns.iter().flatten().map(|p| (Kind::Other, p)));
                }
                Block::PageBreak => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    fn reference() -> Document {
        crate::document::render(
            &crate::model::example(),
            &crate::document::RenderOptions::default(),
        )
        .expect("renders")
    }

    #[test]
    fn kinds_follow_the_order_of_paragraphs() {
        let document = reference();
        let kinds: Vec<*const Paragraph> = document
            .kinds()
            .into_iter()
            .map(|(_, p)| std::ptr::from_ref(p))
            .collect();
        let paragraphs: Vec<*const Paragraph> =
            document.paragraphs().map(std::ptr::from_ref).collect();
        assert_eq!(kinds, paragraphs);
    }

    #[test]
    fn remarks_sit_on_their_field_their_article_or_the_title() {
        let document = reference();
        let paragraphs: Vec<&Paragraph> = document.paragraphs().collect();
        let at = |subject: Subject| paragraphs[document.place_of(subject).expect("a place")];

        let cp = Field::ScheduleCp.at(0);
        assert!(at(Subject::Field(cp)).source.contains(&cp));
        // A row: its first cell.
        let row = cp.row_path().expect("a row");
        let first_cell = at(Subject::Field(row));
        assert!(first_cell.source.iter().any(|p| row.contains(*p)));
        // An article: its heading.
        let five = at(Subject::Article(Article::Numbered(5)));
        assert!(five.text().starts_with("Article\u{a0}5"), "{}", five.text());
        // The whole draft: the title.
        assert_eq!(
            document.place_of(Subject::Document),
            document.place_of(Subject::Article(Article::Title))
        );
        assert_eq!(document.place_of(Subject::Document), Some(0));
        assert_eq!(Document::default().place_of(Subject::Document), None);
    }

    #[test]
    fn initials_take_each_name_s_first_letter() {
        assert_eq!(initials("Jeanne Martin-Dupont"), "JMD");
        assert_eq!(initials("  élise  "), "É");
        assert_eq!(initials(""), "");
        assert_eq!(initials("a b c d e f"), "ABCD");
        assert_eq!(initials("Camille Martin (DINUM)"), "CM");
        assert_eq!(initials("(DINUM)"), "D");
    }
}
