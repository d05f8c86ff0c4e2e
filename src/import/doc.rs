//! The document as the finders see it: every paragraph, in or out of a
//! table, as one line of text, with its block, its cell and the article
//! it stands in.

use super::blocks::{Block, Paragraph};
use crate::model::Article;

/// A paragraph of the document, in reading order.
#[derive(Clone, Debug)]
pub(super) struct Line {
    /// Its text (tidied; `\n` for a line break).
    pub text: String,
    /// The block it belongs to.
    pub block: usize,
    /// For a paragraph in a table: its row and column.
    pub cell: Option<(usize, usize)>,
    /// Whether it is a heading of an article, an annex or the préambule.
    pub heading: bool,
    /// The footnotes it calls.
    pub notes: Vec<String>,
    /// The article it stands in (after its heading); `None` before the
    /// first one.
    pub article: Option<Article>,
}

/// The document: its blocks and its lines.
#[derive(Clone, Debug, Default)]
pub(super) struct Doc {
    /// The blocks, as read.
    pub blocks: Vec<Block>,
    /// Every paragraph, tables' cells row by row.
    pub lines: Vec<Line>,
}

impl Doc {
    /// A document of plain paragraphs, for the finders' tests.
    #[cfg(test)]
    pub fn of_paragraphs(texts: &[&str]) -> Doc {
        Doc::new(
            texts
                .iter()
                .map(|text| {
                    Block::Paragraph(Paragraph {
                        text: (*text).to_owned(),
                        ..Paragraph::default()
                    })
                })
                .collect(),
        )
    }

    /// The lines of `blocks`, each placed in its article.
    pub fn new(blocks: Vec<Block>) -> Doc {
        let mut lines = Vec::new();
        let mut article = None;
        for (index, block) in blocks.iter().enumerate() {
            match block {
                Block::Paragraph(paragraph) => {
                    let heading = heading_article(paragraph);
                    if let Some(found) = heading {
                        article = Some(found);
                    } else if is_title(paragraph) {
                        // The convention's own head, after an annex put
                        // first.
                        article = None;
                    }
                    lines.push(line(paragraph, index, None, heading.is_some(), article));
                }
                Block::Table(table) => {
                    let mut cells: Vec<(usize, usize)> = table
                        .rows
                        .iter()
                        .enumerate()
                        .flat_map(|(r, row)| (0..row.len()).map(move |c| (r, c)))
                        .collect();
                    if is_side_by_side(table) {
                        // The two parties side by side: one column, then
                        // the other.
                        cells.sort_by_key(|&(r, c)| (c, r));
                    }
                    for (r, c) in cells {
                        for paragraph in &table.rows[r][c] {
                            lines.push(line(paragraph, index, Some((r, c)), false, article));
                        }
                    }
                }
            }
        }
        Doc { blocks, lines }
    }

    /// The whole text, lines joined.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(|line| line.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The indices of the lines of block `block`.
    pub fn lines_of(&self, block: usize) -> impl Iterator<Item = usize> + '_ {
        self.lines
            .iter()
            .enumerate()
            .filter(move |(_, line)| line.block == block)
            .map(|(index, _)| index)
    }

    /// The first line of a cell.
    pub fn cell_line(&self, block: usize, row: usize, column: usize) -> Option<usize> {
        self.lines
            .iter()
            .position(|line| line.block == block && line.cell == Some((row, column)))
    }
}

/// Whether a table sets the two parties side by side over several rows:
/// two columns, each with its « ci-après ».
fn is_side_by_side(table: &super::blocks::Table) -> bool {
    let column_says = |column: usize| {
        table.rows.iter().any(|row| {
            row.get(column).is_some_and(|cell| {
                cell.iter()
                    .any(|p| super::parse::fold(&p.text).contains("ci-apres"))
            })
        })
    };
    table.rows.len() > 1
        && table.rows.iter().all(|row| row.len() == 2)
        && column_says(0)
        && column_says(1)
}

fn line(
    paragraph: &Paragraph,
    block: usize,
    cell: Option<(usize, usize)>,
    heading: bool,
    article: Option<Article>,
) -> Line {
    Line {
        text: paragraph.text.clone(),
        block,
        cell,
        heading,
        notes: paragraph.notes.clone(),
        article,
    }
}

/// Whether a paragraph is the title of a convention: « Convention de
/// délégation de gestion… », short, or a title style.
pub(super) fn is_title(paragraph: &Paragraph) -> bool {
    let text = paragraph.text.trim();
    paragraph.heading == Some(0)
        || (text.len() < 200
            && !text.contains('\n')
            && super::parse::fold(text).starts_with("convention de delegation"))
}

pattern!(
    heading_pattern,
    r"(?i)^\s*(?:(?P<article>article)\s+(?P<number>\d{1,2}|premier|1er|[IVX]{1,5}\b)(?:\s*er|\s*ᵉʳ)?\b|(?P<annex>annexe)\b\s*(?P<annex_number>\d{1,2})?|(?P<preamble>pr[ée]ambule)\b)"
);

/// The article a heading opens: « Article 1 : Objet », « ARTICLE 1er – »,
/// « Article premier », « Annexe 1 : … », « Préambule ». A paragraph
/// longer than a heading is not one.
fn heading_article(paragraph: &Paragraph) -> Option<Article> {
    let pattern = heading_pattern();
    let text = paragraph.text.trim();
    if text.len() > 160 || text.contains('\n') {
        return None;
    }
    let found = pattern.captures(text)?;
    // « Article 5 du décret… » in a sentence is not a heading: a heading
    // has a separator, a title in capitals, or a heading style.
    let rest = &text[found.get(0)?.end()..];
    let looks_like_heading = paragraph.heading.is_some()
        || rest.trim().is_empty()
        || rest
            .trim_start()
            .starts_with([':', '-', '–', '—', '.', '('])
        || rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
    if !looks_like_heading {
        return None;
    }
    if found.name("preamble").is_some() {
        return Some(Article::Preamble);
    }
    if found.name("annex").is_some() {
        let number = found
            .name("annex_number")
            .and_then(|n| n.as_str().parse().ok())
            .unwrap_or(1);
        return Some(Article::Annex(number));
    }
    let number = found.name("number")?.as_str();
    let number = match number.to_lowercase().as_str() {
        "premier" | "1er" => 1,
        other => other.parse().ok().or_else(|| roman(other))?,
    };
    found.name("article").map(|_| Article::Numbered(number))
}

/// A number in Roman figures, « i » to « xxxix »: older conventions
/// number their articles so.
fn roman(text: &str) -> Option<u8> {
    let mut total = 0;
    let mut previous = 0;
    for c in text.chars().rev() {
        let value = match c {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            _ => return None,
        };
        if value < previous {
            total -= value;
        } else {
            total += value;
            previous = value;
        }
    }
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str) -> Option<Article> {
        heading_article(&Paragraph {
            text: text.to_owned(),
            ..Paragraph::default()
        })
    }

    #[test]
    fn article_headings_read_in_their_many_forms() {
        assert_eq!(
            heading("Article 1 : Objet de la délégation"),
            Some(Article::Numbered(1))
        );
        assert_eq!(heading("ARTICLE 1 – OBJET"), Some(Article::Numbered(1)));
        assert_eq!(heading("Article 1er - Objet"), Some(Article::Numbered(1)));
        assert_eq!(
            heading("Article premier : Objet"),
            Some(Article::Numbered(1))
        );
        assert_eq!(heading("Article 7. Durée"), Some(Article::Numbered(7)));
        assert_eq!(heading("Annexe 1 : tableau RGPD"), Some(Article::Annex(1)));
        assert_eq!(heading("Préambule"), Some(Article::Preamble));
        assert_eq!(heading("ARTICLE IV – DURÉE"), Some(Article::Numbered(4)));
        assert_eq!(heading("Article IX : Litiges"), Some(Article::Numbered(9)));
        assert_eq!(heading("Article 5 du décret n° 2004-1085"), None);
    }
}
