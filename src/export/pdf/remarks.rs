//! The « Remarques » section that ends a PDF exported with the draft's open
//! comments: each remark with what it is about, the page where that is
//! printed (a link to it), its author, date and text, and its replies.

use super::draw::Spot;
use crate::document::typography::{styled, typeset};
use crate::document::{Align, Block, Document, Inline, Paragraph, Remark, Style};
use crate::model::date::{french_long, local_day};

/// The sentence under the heading, in the singular for one remark.
fn intro(count: usize) -> String {
    let remarks = crate::rules::open_remarks(count);
    if count == 1 {
        format!(
            "{remarks} du brouillon au moment de l'export ; la page est celle où figure ce dont elle parle."
        )
    } else {
        format!(
            "{remarks} du brouillon au moment de l'export, dans l'ordre où elles ont été faites ; la page est celle où figure ce dont elles parlent."
        )
    }
}

/// The section's blocks, on a page of its own. `spots` say where the
/// document's paragraphs were laid out. Its sentences and the remarks'
/// texts are typeset as the document's own (’, no-break spaces).
pub(crate) fn blocks(document: &Document, remarks: &[Remark], spots: &[Spot]) -> Vec<Block> {
    let mut blocks = vec![
        Block::PageBreak,
        Block::Heading {
            level: 1,
            text: left(vec![Inline::text("Remarques")]),
        },
        Block::Paragraph(Paragraph::new(styled(
            &intro(remarks.len()),
            Style::default(),
        ))),
    ];
    for remark in remarks {
        let mut heading = vec![Inline::bold(typeset(&remark.label))];
        if let Some(page) = document
            .place_of(remark.about)
            .and_then(|place| page_of(place, spots))
        {
            // A link to the page, as readers understand `#page=N`.
            heading.push(Inline::bold(" — "));
            heading.push(Inline::Link {
                text: format!("page {page}"),
                url: format!("#page={page}"),
            });
        }
        blocks.push(Block::Paragraph(left(heading)));
        blocks.push(Block::Paragraph(Paragraph::new(said(
            &format!(
                "{}, le {} : ",
                name(&remark.author),
                french_long(local_day(remark.date))
            ),
            &remark.text,
        ))));
        if !remark.replies.is_empty() {
            blocks.push(Block::List(
                remark
                    .replies
                    .iter()
                    .map(|reply| {
                        Paragraph::new(said(
                            &format!(
                                "Réponse de {}, le {} : ",
                                name(&reply.author),
                                french_long(local_day(reply.date))
                            ),
                            &reply.text,
                        ))
                    })
                    .collect(),
            ));
        }
    }
    blocks
}

/// The page (from 1) where paragraph `place` starts; for a paragraph that
/// took no room (empty), the page of the next one that did.
fn page_of(place: usize, spots: &[Spot]) -> Option<usize> {
    spots
        .iter()
        .filter(|spot| spot.paragraph >= place)
        .min_by_key(|spot| spot.paragraph)
        .map(|spot| spot.page + 1)
}

/// The author's name, or « Anonyme ».
fn name(author: &str) -> &str {
    match author.trim() {
        "" => "Anonyme",
        name => name,
    }
}

fn left(content: Vec<Inline>) -> Paragraph {
    Paragraph {
        align: Align::Left,
        ..Paragraph::new(content)
    }
}

/// Who said it and when, in italics, then what was said; both typeset.
fn said(who: &str, text: &str) -> Vec<Inline> {
    let italic = Style {
        italic: true,
        ..Style::default()
    };
    let mut inlines = styled(who, italic);
    inlines.extend(styled(text.trim(), Style::default()));
    inlines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_without_room_takes_the_next_page() {
        let spot = |paragraph, page| Spot {
            paragraph,
            page,
            y: 0.0,
        };
        let spots = [spot(0, 0), spot(1, 0), spot(3, 2), spot(4, 2)];
        assert_eq!(page_of(1, &spots), Some(1));
        assert_eq!(page_of(2, &spots), Some(3));
        assert_eq!(page_of(9, &spots), None);
    }

    #[test]
    fn the_introduction_agrees_with_the_count() {
        assert_eq!(
            intro(1),
            "1 remarque ouverte du brouillon au moment de l'export ; la page est celle où figure ce dont elle parle."
        );
        assert!(intro(3).starts_with("3 remarques ouvertes du brouillon"));
        assert!(intro(3).ends_with("ce dont elles parlent."));
    }

    #[test]
    fn the_section_is_typeset_as_the_document() {
        let remark = Remark {
            about: crate::model::review::Subject::Document,
            label: "Convention".to_owned(),
            author: "Zoé".to_owned(),
            date: chrono::DateTime::UNIX_EPOCH,
            text: "L'article 5 : d'accord ?".to_owned(),
            replies: Vec::new(),
        };
        let text: String = blocks(&Document::default(), &[remark], &[])
            .iter()
            .filter_map(|block| match block {
                Block::Paragraph(paragraph) => Some(&paragraph.content),
                _ => None,
            })
            .flatten()
            .filter_map(|inline| match inline {
                Inline::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(text.contains("au moment de l’export\u{202f};"), "{text}");
        assert!(
            text.contains("\u{a0}: L’article\u{a0}5\u{a0}: d’accord\u{202f}?"),
            "{text}"
        );
        assert!(!text.contains('\''), "{text}");
    }
}
