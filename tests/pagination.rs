//! One pagination: the PDF and LibreOffice's rendering of the DOCX break
//! pages at the same places, for the reference convention and for long
//! drafts built from it (twenty years of schedule, a hundred RGPD rows,
//! more visas that move page ends onto footnotes and lists).
//! Both files are read back with pdftotext: the same page count, and each
//! page starting with the same words.
//!
//! LibreOffice and poppler are optional here (CI installs them): without
//! them the test prints a note and passes, and fails where tools are
//! required (`CONVENTION_REQUIRE_TOOLS`).

mod tools;

use std::path::{Path, PathBuf};

use convention::document::{self, RenderOptions};
use convention::export::docx::write_docx;
use convention::export::pdf::write_pdf;
use convention::model::{Draft, Money, RgpdRow, YearRow, example};

/// How many words of each page are compared.
const WORDS: usize = 6;

/// The reference convention.
fn reference() -> Draft {
    example()
}

/// The reference with a schedule of twenty years.
fn twenty_years() -> Draft {
    let mut draft = example();
    let first = draft.budget.schedule.first().map_or(2022, |row| row.year);
    draft.budget.schedule = (0..20)
        .map(|offset| YearRow {
            year: first + offset,
            ae: Money::from_euros(30_000 + 1_250 * i64::from(offset)).expect("an amount"),
            cp: Money::from_cents(2_999_950 + 100_001 * i64::from(offset)).expect("an amount"),
        })
        .collect();
    draft
}

/// The reference with a hundred rows in its RGPD matrix: its own rows
/// again and again, numbered, some of them longer.
fn hundred_rows() -> Draft {
    let mut draft = example();
    let rows = draft.rgpd_matrix.clone();
    draft.rgpd_matrix = (0..100)
        .map(|index| {
            let row = &rows[index % rows.len()];
            let delegant = if index % 7 == 3 {
                format!("{} {}", row.delegant, row.delegataire)
            } else {
                row.delegant.clone()
            };
            RgpdRow::new(
                &format!("{} ({})", row.topic, index + 1),
                &row.delegataire,
                &delegant,
            )
        })
        .collect();
    draft
}

/// The reference with six years of schedule and `more` visas repeated
/// from its own: the text moves down, so pages end elsewhere. With 4, a
/// page ends just above its footnotes; with 8, on the list item that
/// introduces the schedule (both once differed from LibreOffice).
fn more_visas(more: usize) -> Draft {
    let mut draft = example();
    draft.budget.schedule = (0..6)
        .map(|offset| YearRow {
            year: 2022 + offset,
            ae: Money::from_euros(30_000 + 1_111 * i64::from(offset)).expect("an amount"),
            cp: Money::from_cents(3_000_050 + 111_100 * i64::from(offset)).expect("an amount"),
        })
        .collect();
    let visas = draft.visas.clone();
    draft
        .visas
        .extend((0..more).map(|index| visas[index % visas.len()].clone()));
    draft
}

/// A scratch folder for one draft.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("pagination")
        .join(name);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Each page's text, as pdftotext reads it.
fn pages(pdf: &Path) -> Option<Vec<String>> {
    let text = tools::pdftotext(pdf, false)?;
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // pdftotext ends every page, the last one included, with a form feed.
    if pages.last().is_some_and(|page| page.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// The first words of a page's body: after the running header.
fn first_words(page: &str, header: &str) -> String {
    let header: Vec<&str> = header.split_whitespace().collect();
    let words: Vec<&str> = page.split_whitespace().collect();
    let body = words.strip_prefix(header.as_slice()).unwrap_or(&words);
    body.iter()
        .take(WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Exports a draft both ways, has LibreOffice render the DOCX, and
/// returns what differs between the two paginations (nothing when they
/// agree); `None` when a tool is missing.
fn differences(name: &str, draft: &Draft) -> Option<Vec<String>> {
    let document = document::render(draft, &RenderOptions::default()).expect("renders");
    let dir = scratch(name);
    let docx = dir.join(format!("{name}.docx"));
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&docx, write_docx(&document).expect("a DOCX")).expect("writes");
    std::fs::write(&pdf, write_pdf(&document).expect("a PDF")).expect("writes");
    let rendered = tools::libreoffice_pdf(&docx, &dir)?;
    let ours = pages(&pdf)?;
    let theirs = pages(&rendered)?;
    let header = &document.meta.header;
    let mut differences = Vec::new();
    if ours.len() != theirs.len() {
        differences.push(format!(
            "{name}: {} pages in the PDF, {} in LibreOffice's rendering",
            ours.len(),
            theirs.len()
        ));
    }
    for (number, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        let (a, b) = (first_words(a, header), first_words(b, header));
        if a != b {
            differences.push(format!(
                "{name}, page {}: the PDF starts « {a} », LibreOffice « {b} »",
                number + 1
            ));
        }
    }
    assert!(ours.len() >= 2, "{name}: {} page", ours.len());
    Some(differences)
}

#[test]
fn the_pdf_and_libreoffice_break_pages_at_the_same_places() {
    let mut all = Vec::new();
    for (name, draft) in [
        ("reference", reference()),
        ("vingt-ans", twenty_years()),
        ("cent-lignes", hundred_rows()),
        ("visas-4", more_visas(4)),
        ("visas-8", more_visas(8)),
    ] {
        match differences(name, &draft) {
            Some(found) => all.extend(found),
            None => return,
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn first_words_skip_the_running_header() {
    assert_eq!(
        first_words(
            "MEAE – DINUM\n\nArticle 8 : Publication de la délégation",
            "MEAE – DINUM"
        ),
        "Article 8 : Publication de la"
    );
    assert_eq!(
        first_words("Autre chose ici", "MEAE – DINUM"),
        "Autre chose ici"
    );
}
