//! The document preview: the same document tree the exports write, drawn
//! as a page beside the form.

use std::sync::Arc;

use eframe::egui::{
    self, Align, Color32, FontId, Galley, RichText, Sense, Stroke, StrokeKind, TextFormat, Ui,
    text::LayoutJob, vec2,
};

use super::theme::{self, document_family};
use crate::document::{Align as DocAlign, Block, Document, Inline, Paragraph, Revision, Table};

/// Body text size of the preview, in points.
const BODY: f32 = 12.5;

/// Draws a document as a sheet of paper. `find`, when given, names a
/// heading by its start (or the title, for an empty text): its distance from
/// the top of the sheet is returned, for the caller to scroll there.
pub fn preview_ui(ui: &mut Ui, document: &Document, find: Option<&str>) -> Option<f32> {
    let mut notes: Vec<Vec<Inline>> = Vec::new();
    let top = ui.cursor().top();
    let mut found = None;
    egui::Frame::new()
        .fill(Color32::WHITE)
        .stroke(Stroke::new(1.0, Color32::from_gray(190)))
        .inner_margin(egui::Margin::symmetric(28, 24))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(mark) = &document.meta.watermark {
                ui.label(RichText::new(mark).color(theme::ERROR).strong().size(15.0));
            }
            if !document.meta.header.is_empty() {
                ui.with_layout(egui::Layout::right_to_left(Align::Min), |ui| {
                    ui.label(
                        RichText::new(&document.meta.header)
                            .color(theme::MUTED)
                            .size(10.5),
                    );
                });
            }
            for block in &document.blocks {
                let response = block_ui(ui, block, &mut notes);
                let target = match (block, find) {
                    (Block::Title(_), Some("")) => true,
                    // The typography ties « Article 5 » with a no-break space.
                    (Block::Heading { text, .. }, Some(anchor)) if !anchor.is_empty() => text
                        .text()
                        .replace(['\u{a0}', '\u{202f}'], " ")
                        .starts_with(anchor),
                    _ => false,
                };
                if target
                    && found.is_none()
                    && let Some(response) = response
                {
                    found = Some((response.rect.top() - top - 12.0).max(0.0));
                }
            }
            if !notes.is_empty() {
                ui.add_space(10.0);
                ui.separator();
                for (index, note) in notes.iter().enumerate() {
                    let mut job = LayoutJob::default();
                    let look = Look {
                        size: 10.5,
                        bold: false,
                        italic: false,
                        color: theme::TEXT,
                        revision: None,
                    };
                    append(&mut job, &format!("{} ", index + 1), look);
                    inlines_job(&mut job, note, 10.5, false, None, &mut Vec::new());
                    job.wrap.max_width = ui.available_width();
                    job.wrap.break_anywhere = true;
                    ui.label(job);
                }
            }
            ui.add_space(10.0);
            ui.label(
                RichText::new(document.meta.provenance())
                    .color(theme::MUTED)
                    .size(10.0),
            );
        });
    found
}

/// Draws a block; a title or a heading gives its response, to scroll to.
fn block_ui(ui: &mut Ui, block: &Block, notes: &mut Vec<Vec<Inline>>) -> Option<egui::Response> {
    match block {
        Block::Title(paragraph) => {
            ui.add_space(6.0);
            let mut job = LayoutJob::default();
            inlines_job(&mut job, &paragraph.content, 19.0, true, None, notes);
            job.halign = Align::Center;
            job.wrap.max_width = ui.available_width();
            let response = ui.vertical_centered(|ui| ui.label(job)).inner;
            ui.add_space(8.0);
            return Some(response);
        }
        Block::Heading { level, text } => {
            ui.add_space(if *level == 1 { 12.0 } else { 6.0 });
            let size = if *level == 1 { 15.0 } else { 13.5 };
            let mut job = LayoutJob::default();
            inlines_job(&mut job, &text.content, size, true, None, notes);
            job.wrap.max_width = ui.available_width();
            let response = ui.label(job);
            ui.add_space(2.0);
            return Some(response);
        }
        Block::Paragraph(paragraph) => paragraph_ui(ui, paragraph, notes),
        Block::List(items) => {
            for item in items {
                ui.horizontal_top(|ui| {
                    ui.add_space(10.0);
                    ui.label(
                        RichText::new("•")
                            .family(document_family(false, false))
                            .size(BODY),
                    );
                    let mut job = LayoutJob::default();
                    inlines_job(&mut job, &item.content, BODY, false, None, notes);
                    job.wrap.max_width = ui.available_width();
                    // In a row a label extends unless told to wrap, and
                    // would widen the whole sheet.
                    ui.add(egui::Label::new(job).wrap());
                });
            }
            ui.add_space(4.0);
        }
        Block::Table(table) => {
            // Rows touch, as ruled tables do.
            ui.scope(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                table_ui(ui, table, notes);
            });
            ui.add_space(6.0);
        }
        Block::Signatures(columns) => {
            ui.add_space(8.0);
            let count = columns.len().max(1);
            ui.columns(count, |uis| {
                for (ui, column) in uis.iter_mut().zip(columns) {
                    for (number, paragraph) in column.iter().enumerate() {
                        // Room to sign under « Pour le … », as in the exports.
                        if number == 1 {
                            ui.add_space(40.0);
                        }
                        paragraph_ui(ui, paragraph, notes);
                    }
                    ui.add_space(12.0);
                }
            });
        }
        Block::PageBreak => {
            ui.add_space(6.0);
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new("— saut de page —")
                        .color(theme::MUTED)
                        .size(10.0),
                );
            });
            ui.separator();
        }
    }
    None
}

fn paragraph_ui(ui: &mut Ui, paragraph: &Paragraph, notes: &mut Vec<Vec<Inline>>) {
    let mut job = LayoutJob::default();
    inlines_job(&mut job, &paragraph.content, BODY, false, None, notes);
    job.wrap.max_width = ui.available_width();
    // A label takes its alignment from its ui's layout, whatever the job
    // says: the layout is set to the paragraph's. Justified text is shown
    // ragged: egui justifies by spreading letters, not words, which reads
    // worse than the exports' word spacing.
    let layout = match paragraph.align {
        DocAlign::Justify | DocAlign::Left => egui::Layout::top_down(Align::Min),
        DocAlign::Center => egui::Layout::top_down(Align::Center),
        DocAlign::Right => egui::Layout::top_down(Align::Max),
    };
    ui.with_layout(layout, |ui| ui.add(egui::Label::new(job).wrap()));
    ui.add_space(4.0);
}

/// Appends inlines to a layout job; notes get a number and are collected.
/// In a redline, `revision` marks inserted or deleted text.
fn inlines_job(
    job: &mut LayoutJob,
    inlines: &[Inline],
    size: f32,
    bold: bool,
    revision: Option<Revision>,
    notes: &mut Vec<Vec<Inline>>,
) {
    let text_color = |normal: Color32| match revision {
        Some(Revision::Inserted) => theme::INSERTED,
        Some(Revision::Deleted) => theme::DELETED,
        None => normal,
    };
    for inline in inlines {
        match inline {
            Inline::Text { text, style } if style.superscript => {
                // « 1er »: raised and smaller, as a note's call.
                let format = TextFormat {
                    font_id: FontId::new(size * 0.7, document_family(bold || style.bold, false)),
                    color: text_color(theme::TEXT),
                    valign: Align::TOP,
                    ..TextFormat::default()
                };
                job.append(text, 0.0, format);
            }
            Inline::Text { text, style } => {
                let look = Look {
                    size,
                    bold: bold || style.bold,
                    italic: style.italic,
                    color: text_color(theme::TEXT),
                    revision,
                };
                append(job, text, look);
            }
            Inline::Link { text, .. } => {
                let look = Look {
                    size,
                    bold,
                    italic: false,
                    color: text_color(theme::ACCENT),
                    revision,
                };
                append(job, text, look);
            }
            Inline::Note(content) => {
                notes.push(content.clone());
                let format = TextFormat {
                    font_id: FontId::new(size * 0.7, document_family(false, false)),
                    color: text_color(theme::TEXT),
                    valign: Align::TOP,
                    ..TextFormat::default()
                };
                job.append(&notes.len().to_string(), 0.0, format);
            }
            Inline::LineBreak => {
                let look = Look {
                    size,
                    bold,
                    italic: false,
                    color: theme::TEXT,
                    revision: None,
                };
                append(job, "\n", look);
            }
            Inline::Revised {
                revision: inner,
                content,
            } => inlines_job(job, content, size, bold, Some(*inner), notes),
        }
    }
}

/// How a piece of preview text looks.
#[derive(Clone, Copy)]
struct Look {
    size: f32,
    bold: bool,
    italic: bool,
    color: Color32,
    revision: Option<Revision>,
}

fn append(job: &mut LayoutJob, text: &str, look: Look) {
    let line = Stroke::new(1.0, look.color);
    let (underline, strikethrough) = match look.revision {
        Some(Revision::Inserted) => (line, Stroke::NONE),
        Some(Revision::Deleted) => (Stroke::NONE, line),
        None => (Stroke::NONE, Stroke::NONE),
    };
    job.append(
        text,
        0.0,
        TextFormat {
            font_id: FontId::new(look.size, document_family(look.bold, look.italic)),
            color: look.color,
            underline,
            strikethrough,
            ..TextFormat::default()
        },
    );
}

/// A table with borders, columns in proportion, header rows shaded.
fn table_ui(ui: &mut Ui, table: &Table, notes: &mut Vec<Vec<Inline>>) {
    let total_width = ui.available_width();
    let padding = 4.0;
    // Measured in bold, the widest a word of the table can be.
    let font = FontId::new(BODY - 1.0, document_family(true, false));
    let minima: Vec<f32> = (0..table.widths.len())
        .map(|column| {
            table
                .rows
                .iter()
                .filter_map(|row| row.cells.get(column))
                .map(|cell| widest_word(ui, &cell.text(), &font) + 2.0 * padding + 1.0)
                .fold(0.0, f32::max)
        })
        .collect();
    let widths = column_widths(total_width, &table.widths, &minima);
    for (row_index, row) in table.rows.iter().enumerate() {
        let header = row_index < table.header_rows;
        let galleys: Vec<Vec<Arc<Galley>>> = row
            .cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(column, (cell, width))| {
                cell.paragraphs
                    .iter()
                    .map(|paragraph| {
                        let mut job = LayoutJob::default();
                        inlines_job(
                            &mut job,
                            &paragraph.content,
                            BODY - 1.0,
                            header,
                            None,
                            notes,
                        );
                        job.wrap.max_width = (width - 2.0 * padding).max(10.0);
                        job.halign = match table.aligns.get(column) {
                            Some(DocAlign::Right) => Align::Max,
                            Some(DocAlign::Center) => Align::Center,
                            _ => Align::Min,
                        };
                        ui.painter().layout_job(job)
                    })
                    .collect()
            })
            .collect();
        let height = galleys
            .iter()
            .map(|cell| cell.iter().map(|g| g.size().y).sum::<f32>() + 2.0 * padding)
            .fold(18.0, f32::max);
        let (rect, _) = ui.allocate_exact_size(vec2(total_width, height), Sense::hover());
        let painter = ui.painter_at(rect.expand(1.0));
        let mut left = rect.left();
        for (column, (cell, width)) in galleys.iter().zip(&widths).enumerate() {
            let cell_rect =
                egui::Rect::from_min_size(egui::pos2(left, rect.top()), vec2(*width, height));
            if header {
                painter.rect_filled(cell_rect, 0.0, Color32::from_gray(230));
            }
            painter.rect_stroke(
                cell_rect,
                0.0,
                Stroke::new(0.8, Color32::from_gray(90)),
                StrokeKind::Inside,
            );
            let mut top = cell_rect.top() + padding;
            for galley in cell {
                let x = match table.aligns.get(column) {
                    Some(DocAlign::Right) => cell_rect.right() - padding,
                    Some(DocAlign::Center) => cell_rect.center().x,
                    _ => cell_rect.left() + padding,
                };
                painter.galley(egui::pos2(x, top), galley.clone(), theme::TEXT);
                top += galley.size().y;
            }
            left += width;
        }
    }
}

/// The width of the widest word of a text: lines break at spaces (not at
/// no-break spaces), so a column narrower than that would cut the word.
fn widest_word(ui: &Ui, text: &str, font: &FontId) -> f32 {
    text.split(|c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}')
        .filter(|word| !word.is_empty())
        .map(|word| {
            ui.painter()
                .layout_no_wrap(word.to_owned(), font.clone(), theme::TEXT)
                .size()
                .x
        })
        .fold(0.0, f32::max)
}

/// The columns' widths: in proportion to the table's `shares`, but none
/// narrower than its widest word (`minima`), the others giving up the room
/// in proportion to what they have beyond their own. Only when the words
/// alone are wider than the table do the columns share it by their words'
/// widths, and a word then breaks.
fn column_widths(total: f32, shares: &[u32], minima: &[f32]) -> Vec<f32> {
    let units = shares.iter().sum::<u32>().max(1) as f32;
    let mut widths: Vec<f32> = shares
        .iter()
        .map(|share| total * *share as f32 / units)
        .collect();
    let needed: f32 = minima.iter().sum();
    if needed >= total {
        return minima
            .iter()
            .map(|minimum| total * minimum / needed.max(1.0))
            .collect();
    }
    let deficit: f32 = widths
        .iter()
        .zip(minima)
        .map(|(width, minimum)| (minimum - width).max(0.0))
        .sum();
    let surplus: f32 = widths
        .iter()
        .zip(minima)
        .map(|(width, minimum)| (width - minimum).max(0.0))
        .sum();
    if deficit > 0.0 && surplus > 0.0 {
        for (width, minimum) in widths.iter_mut().zip(minima) {
            if *width < *minimum {
                *width = *minimum;
            } else {
                *width -= deficit * (*width - minimum) / surplus;
            }
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_column_widens_to_its_longest_word_and_the_others_give_way() {
        let widths = column_widths(300.0, &[1, 2, 2], &[90.0, 40.0, 40.0]);
        assert!((widths[0] - 90.0).abs() < 1e-3, "{widths:?}");
        assert!((widths.iter().sum::<f32>() - 300.0).abs() < 1e-3);
        assert!(widths[1] >= 40.0 && (widths[1] - widths[2]).abs() < 1e-3);
        // Room enough: the shares stand.
        assert_eq!(column_widths(300.0, &[1, 2], &[10.0, 10.0]), [100.0, 200.0]);
        // Words wider than the table: shared by their widths.
        let tight = column_widths(100.0, &[1, 1], &[150.0, 50.0]);
        assert!((tight[0] - 75.0).abs() < 1e-3 && (tight[1] - 25.0).abs() < 1e-3);
    }

    #[test]
    fn words_are_measured_between_spaces_not_no_break_spaces() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(Default::default(), |ui| {
            let font = FontId::proportional(12.0);
            let one = widest_word(ui, "(organisationnel)", &font);
            let same = widest_word(ui, "et confidentialité (organisationnel)", &font);
            assert!(one > 0.0 && same >= one);
            let joined = widest_word(ui, "article\u{a0}5", &font);
            assert!(joined > widest_word(ui, "article 5", &font));
        });
        output.textures_delta.clear();
    }
}
