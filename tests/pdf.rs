//! The PDF writer on the reference convention and on hostile input: text
//! and reading order through pdftotext, structure through qpdf, fonts
//! through pdffonts, metadata through pdfinfo, byte-for-byte determinism.
//!
//! The poppler and qpdf tools are optional here (CI installs them): a test
//! that needs a missing tool prints a note and passes.

mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use convention::document::{
    self, Align, Block, Cell, Document, Inline, Meta, Paragraph, RenderOptions, Revision, Row,
    Style, Table,
};
use convention::export::pdf::write_pdf;
use proptest::prelude::*;

fn reference() -> Document {
    document::render(&convention::model::example(), &RenderOptions::default())
        .expect("the reference renders")
}

fn marked() -> Document {
    let options = RenderOptions {
        non_compliant: true,
        ..RenderOptions::default()
    };
    document::render(&convention::model::example(), &options).expect("the reference renders")
}

/// Writes bytes under the test's scratch folder and returns the path.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write the PDF");
    path
}

/// Runs a tool; `None` (after a note) when it is not installed.
fn tool(program: &str, args: &[&str], file: &Path) -> Option<(bool, String)> {
    match Command::new(program).args(args).arg(file).output() {
        Ok(output) => Some((
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            // Notes the skip, or fails where the tools are required.
            assert!(!tools::available(program));
            None
        }
        Err(error) => panic!("{program}: {error}"),
    }
}

/// pdftotext's output for a file (to stdout), if the tool is there.
fn pdftotext(file: &Path, raw: bool) -> Option<String> {
    let mut args = vec!["-enc", "UTF-8"];
    if raw {
        args.push("-raw");
    }
    let output = match Command::new("pdftotext")
        .args(&args)
        .arg(file)
        .arg("-")
        .output()
    {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            assert!(!tools::available("pdftotext"));
            return None;
        }
        Err(error) => panic!("pdftotext: {error}"),
    };
    assert!(output.status.success(), "pdftotext failed");
    Some(String::from_utf8(output.stdout).expect("UTF-8 text"))
}

/// Every run of whitespace (no-break spaces included) as one space, and
/// curly apostrophes as typed (the typography is checked in
/// `tests/typography.rs`).
fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
}

fn page_count(text: &str) -> usize {
    text.trim_end_matches('\u{c}').split('\u{c}').count()
}

#[test]
fn the_reference_reads_with_every_key_fact() {
    let bytes = write_pdf(&reference()).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let path = scratch("reference.pdf", &bytes);
    let Some(text) = pdftotext(&path, false) else {
        return;
    };
    let flat = normalise(&text);
    let draft = convention::model::example();
    let mut facts: Vec<String> = vec![
        draft.delegant.name.clone(),
        draft.delegant.address.clone(),
        draft.delegant.representative.name.clone(),
        draft.delegant.representative.title.clone(),
        draft.delegataire.name.clone(),
        draft.delegataire.address.clone(),
        draft.delegataire.representative.name.clone(),
        draft.delegataire.representative.title.clone(),
    ];
    facts.extend(
        [
            "0105-CRES-DNUM",
            "0105-06-08",
            "010501A61404",
            "AECDSI4092",
            "30 000",
            "trente mille euros",
            "19 mai 2022",
            "31 décembre 2022",
            "trois mois",
            "Préambule",
            "Annexe 1",
        ]
        .map(String::from),
    );
    facts.extend((1..=8).map(|n| format!("Article {n} :")));
    facts.extend(draft.rgpd_matrix.iter().map(|row| row.topic.clone()));
    for fact in &facts {
        let fact = normalise(fact);
        assert!(flat.contains(&fact), "missing {fact:?} in:\n{text}");
    }
    // The footnotes' addresses, wherever a line was broken in them.
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let urls: Vec<&str> = draft
        .commitments
        .iter()
        .map(|c| c.note.as_str())
        .filter(|note| note.starts_with("http"))
        .collect();
    assert_eq!(urls.len(), 3, "{urls:?}");
    for url in urls {
        // An encoded address is shown decoded.
        let shown: String = percent_encoding::percent_decode_str(url)
            .decode_utf8_lossy()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(squeezed.contains(&shown), "missing footnote {shown}");
    }
    let pages = page_count(&text);
    assert!(pages >= 4, "{pages} pages");
    // pdftotext's layout analysis glues "1 / 7"; its raw mode does not.
    let raw = pdftotext(&path, true).expect("pdftotext is there");
    for number in [1, pages] {
        assert!(
            raw.contains(&format!("\nPage {number} / {pages}\n")),
            "no page number {number}"
        );
    }
    assert!(flat.contains("Modèle 2022.3 · brouillon"));
    assert!(flat.contains("MEAE – DINUM"));
    assert!(!flat.contains("PROJET"));
}

#[test]
fn the_reference_reads_in_order() {
    let bytes = write_pdf(&reference()).expect("the PDF is written");
    let path = scratch("order.pdf", &bytes);
    // Raw mode: the order of the content, which is the reading order.
    let Some(text) = pdftotext(&path, true) else {
        return;
    };
    let flat = normalise(&text);
    let position = |needle: &str| {
        flat.find(needle)
            .unwrap_or_else(|| panic!("missing {needle:?}"))
    };
    let mut last = 0;
    for needle in [
        "Convention de délégation de gestion",
        "Entre",
        "Il a été convenu ce qui suit",
        "Préambule",
        "Article 1 :",
        "Article 2 :",
        "Manifeste beta.gouv",
        "Autres engagements",
        "Article 3 :",
        "Article 4 :",
        "Article 5 :",
        "Année AE CP",
        "2022 30 000 € 30 000 €",
        "2023 0 € 0 €",
        "Total 30 000 € 30 000 €",
        "Références Chorus",
        "Domaine fonctionnel : 0105-06-08",
        "Centre de coût : AECDSI4092",
        "Article 6 :",
        "Article 7 :",
        "Article 8 :",
        "Fait à Paris",
        "Annexe 1",
        "Territorialité",
        "RH",
    ] {
        let at = position(needle);
        assert!(at >= last, "{needle:?} out of order");
        last = at;
    }
    // The footnotes come after the body of their page, before its footer.
    let page = text
        .split('\u{c}')
        .map(normalise)
        .find(|page| page.contains("https://www.ssi.gouv.fr"))
        .expect("the page with the notes");
    let calls = page.find("l'ANSSI1 ;").expect("the call, as a raised 1");
    let body_end = page
        .find("règles budgétaires et comptables.")
        .expect("the end of Article 3");
    let notes = page.find("1 https://www.ssi.gouv.fr").expect("note 1");
    let note3 = page
        .find("3 https://observatoire.numerique.gouv.fr/Aide")
        .expect("note 3");
    let footer = page.rfind("Page ").expect("page number");
    assert!(
        calls < body_end && body_end < notes && notes < note3 && note3 < footer,
        "{page}"
    );
}

#[test]
fn the_file_is_sound_for_qpdf_pdffonts_and_pdfinfo() {
    // Reviewed once after its signature: the file is dated by that last
    // event of the draft (its provenance), not by the signature.
    let mut draft = convention::model::example();
    let reviewed = chrono::DateTime::from_timestamp(1_655_287_200, 0).expect("a date");
    draft.review.add_comment(
        convention::model::Subject::Document,
        "Claire",
        reviewed,
        "Relu.",
    );
    let document = document::render(&draft, &RenderOptions::default()).expect("renders");
    let bytes = write_pdf(&document).expect("the PDF is written");
    let path = scratch("sound.pdf", &bytes);
    if let Some((ok, output)) = tool("qpdf", &["--check"], &path) {
        assert!(
            ok && output.contains("No syntax or stream encoding errors"),
            "{output}"
        );
    }
    if let Some((ok, output)) = tool("pdffonts", &[], &path) {
        assert!(ok, "{output}");
        let fonts: Vec<&str> = output
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(fonts.len() >= 3, "{output}");
        for font in fonts {
            let columns: Vec<&str> = font.split_whitespace().collect();
            assert!(
                font.contains("+LiberationSans"),
                "not a subset of Liberation Sans: {font}"
            );
            // name, type (2 words), encoding, then emb sub uni.
            assert_eq!(&columns[4..7], ["yes", "yes", "yes"], "{font}");
        }
    }
    if let Some((ok, info)) = tool("pdfinfo", &[], &path) {
        let (_, meta) = tool("pdfinfo", &["-meta"], &path).expect("pdfinfo is there");
        let output = info + &meta;
        assert!(ok, "{output}");
        for expected in [
            "Title:           Convention de délégation de gestion",
            "Author:          Direction Interministérielle du Numérique",
            "Subject:         Délégation de gestion MEAE – DINUM",
            "Creator:         Convention",
            "CreationDate:    Wed Jun 15 00:00:00 2022 UTC",
            "Page size:       595.276 x 841.89 pts (A4)",
            "PDF version:     1.7",
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<xmp:CreateDate>2022-06-15T00:00:00Z</xmp:CreateDate>",
        ] {
            assert!(
                output.contains(expected),
                "missing {expected:?} in:\n{output}"
            );
        }
    }
    let raw = String::from_utf8_lossy(&bytes);
    for expected in [
        "/GTS_PDFA1",
        "/DestOutputProfile",
        "/Lang(fr-FR)",
        "/Outlines",
    ] {
        assert!(raw.contains(expected), "missing {expected}");
    }
}

#[test]
fn a_marked_draft_says_so_on_every_page() {
    let bytes = write_pdf(&marked()).expect("the PDF is written");
    let path = scratch("marked.pdf", &bytes);
    let Some(text) = pdftotext(&path, false) else {
        return;
    };
    let pages = page_count(&text);
    for page in text.split('\u{c}').take(pages) {
        assert!(
            normalise(page).contains("PROJET — non conforme"),
            "page without the marking:\n{page}"
        );
    }
}

/// Writes the reference for `the_same_document_gives_the_same_bytes`, which
/// runs this test in a process of its own.
#[test]
fn reference_bytes_for_another_process() {
    if let Some(path) = std::env::var_os("CONVENTION_PDF_OUT") {
        let bytes = write_pdf(&reference()).expect("the PDF is written");
        std::fs::write(path, bytes).expect("write");
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let document = reference();
    let first = write_pdf(&document).expect("first");
    let second = write_pdf(&document).expect("second");
    assert!(first == second, "two calls in one process differ");
    let marked_first = write_pdf(&marked()).expect("marked");
    assert!(marked_first == write_pdf(&marked()).expect("marked again"));
    assert!(first != marked_first);

    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("pdf")
        .join("other-process.pdf");
    std::fs::create_dir_all(out.parent().expect("parent")).expect("folder");
    let _ = std::fs::remove_file(&out);
    let run = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "reference_bytes_for_another_process",
            "--test-threads=1",
        ])
        .env("CONVENTION_PDF_OUT", &out)
        .output()
        .expect("run the test binary again");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    let other = std::fs::read(&out).expect("the other process wrote the PDF");
    assert!(first == other, "another process wrote different bytes");
}

fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.to_owned(),
        style: Style::default(),
    }
}

fn cell(s: &str) -> Cell {
    Cell {
        paragraphs: vec![Paragraph::new(vec![text(s)])],
        ..Cell::default()
    }
}

#[test]
fn hostile_documents_are_written_without_fuss() {
    let nasty = "( ) \\ (( \\) <</Type>> %PDF %%EOF \u{0} \u{7} \u{1b}[31m \u{fffe} \u{ffff} \u{2011} 😀🇫🇷 中文 \
                 العربية \u{202e}x \u{200b}\u{feff} e\u{301} 𝔘 \r\n\t";
    let long_word = "x".repeat(5000);
    let documents = [
        Document::default(),
        Document {
            meta: Meta {
                title: nasty.into(),
                author: nasty.into(),
                subject: nasty.into(),
                keywords: vec![nasty.into(), String::new()],
                header: nasty.repeat(20),
                template_version: nasty.into(),
                draft_hash: long_word.clone(),
                watermark: Some(nasty.repeat(10)),
                date: "2023-02-30".into(),
                provenance_date: "2023-02-30".into(),
                revision_author: nasty.into(),
                revision_date: "2023-02-30".into(),
            },
            blocks: vec![
                Block::Title(Paragraph::new(vec![text(nasty)])),
                Block::Heading {
                    level: 7,
                    text: Paragraph::new(vec![text(&long_word)]),
                },
                Block::Paragraph(Paragraph::new(vec![
                    text(nasty),
                    Inline::Link {
                        text: String::new(),
                        url: format!("https://x.fr/{long_word}"),
                    },
                    Inline::Note(vec![text(nasty), Inline::Note(vec![text("imbriquée")])]),
                    Inline::LineBreak,
                    Inline::LineBreak,
                    Inline::Link {
                        text: "lien".into(),
                        url: "javascript:alert(1)".into(),
                    },
                ])),
                Block::Paragraph(Paragraph {
                    align: Align::Right,
                    ..Paragraph::default()
                }),
                Block::Paragraph(Paragraph {
                    content: vec![
                        Inline::Revised {
                            revision: Revision::Inserted,
                            content: vec![text(nasty), Inline::Note(vec![text(nasty)])],
                        },
                        Inline::Revised {
                            revision: Revision::Deleted,
                            content: vec![text(&long_word)],
                        },
                    ],
                    revision: Some(Revision::Inserted),
                    ..Paragraph::default()
                }),
                Block::List(vec![
                    Paragraph::default(),
                    Paragraph::new(vec![text(&long_word)]),
                ]),
                Block::Table(Table::default()),
                Block::Table(Table {
                    widths: vec![1, 2, 3],
                    aligns: Vec::new(),
                    header_rows: 9,
                    rows: vec![Row::new(vec![cell(nasty)]), Row::default()],
                }),
                Block::Table(Table {
                    widths: vec![0, u32::MAX, 1],
                    aligns: vec![Align::Center],
                    header_rows: 1,
                    rows: vec![
                        Row::new(vec![cell("a"), cell("b"), cell("c"), cell("d")]),
                        Row {
                            cells: vec![cell(&long_word)],
                            revision: Some(Revision::Deleted),
                        },
                    ],
                }),
                Block::Signatures(Vec::new()),
                Block::Signatures(vec![vec![Paragraph::new(vec![text(&long_word)])]; 7]),
                Block::PageBreak,
                Block::PageBreak,
            ],
        },
    ];
    for (index, document) in documents.iter().enumerate() {
        let bytes = write_pdf(document).expect("written");
        assert!(bytes.starts_with(b"%PDF-"));
        let path = scratch(&format!("hostile-{index}.pdf"), &bytes);
        if let Some((ok, output)) = tool("qpdf", &["--check"], &path) {
            assert!(ok, "{output}");
        }
    }
}

/// Draft text the writer must survive: anything, with a bias towards
/// characters that matter to PDF, XML and the layout.
fn draft_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,300}",
        proptest::collection::vec(
            prop_oneof![
                Just("(".to_owned()),
                Just(")".to_owned()),
                Just("\\".to_owned()),
                Just("\u{a0}".to_owned()),
                Just("\u{202f}".to_owned()),
                Just("\u{fffe}".to_owned()),
                Just("😀".to_owned()),
                Just("漢字".to_owned()),
                Just("https://exemple.fr/a/b-c".to_owned()),
                Just("x".repeat(200)),
                Just(" ".to_owned()),
                Just("\n".to_owned()),
                "[a-zéèàç]{1,12}",
            ],
            0..40
        )
        .prop_map(|parts| parts.concat()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_draft_text_gives_a_pdf(beneficiary in draft_text(), cell in draft_text(), note in draft_text(), name in draft_text()) {
        let mut draft = convention::model::example();
        draft.object.beneficiary = beneficiary;
        draft.rgpd_matrix[0].delegant = cell;
        draft.delegant.representative.name = name.clone();
        draft.delegataire.short_name = name;
        if let Some(commitment) = draft.commitments.first_mut() {
            commitment.note = note;
        }
        let document = document::render(&draft, &RenderOptions { non_compliant: true, ..RenderOptions::default() })
            .expect("renders");
        let bytes = write_pdf(&document).expect("written");
        prop_assert!(bytes.starts_with(b"%PDF"));
    }
}

#[test]
fn scripts_liberation_lacks_are_drawn_in_embedded_dejavu_sans() {
    // Liberation Sans has Greek, Cyrillic and Hebrew; DejaVu Sans brings
    // Arabic (isolated forms), Armenian, Georgian and symbols such as ✓.
    let mut draft = convention::model::example();
    draft.visas[0] =
        "le texte Ελληνικά, la loi Закон, le mot עברית, l’arabe عربي, Հայերեն, ქართული ✓"
            .to_owned();
    draft.title = "Convention Δέλτα ✓ Հայ".to_owned();
    let document = document::render(&draft, &RenderOptions::default()).expect("it renders");
    let bytes = write_pdf(&document).expect("the PDF is written");
    let path = scratch("fallback.pdf", &bytes);
    if let Some(text) = pdftotext(&path, false) {
        for word in ["Ελληνικά", "Закон", "Δέλτα", "Հայերեն", "ქართული", "✓"]
        {
            assert!(text.contains(word), "{word} not in:\n{text}");
        }
        // Right-to-left words are drawn in logical order, unshaped;
        // pdftotext may give them back reversed.
        for word in ["עברית", "عربي"] {
            let reversed: String = word.chars().rev().collect();
            assert!(
                text.contains(word) || text.contains(&reversed),
                "{word} not in:\n{text}"
            );
        }
        assert!(!text.contains('?'), "{text}");
    }
    if let Some((ok, output)) = tool("pdffonts", &[], &path) {
        assert!(ok, "{output}");
        let dejavu: Vec<&str> = output
            .lines()
            .filter(|l| l.contains("+DejaVuSans"))
            .collect();
        // The body (regular) and the title (bold).
        assert!(
            dejavu.iter().any(|l| l.contains("+DejaVuSans ")),
            "{output}"
        );
        assert!(
            dejavu.iter().any(|l| l.contains("+DejaVuSans-Bold ")),
            "{output}"
        );
        for font in dejavu {
            let columns: Vec<&str> = font.split_whitespace().collect();
            // name, type (2 words), encoding, then emb sub uni.
            assert_eq!(&columns[4..7], ["yes", "yes", "yes"], "{font}");
        }
    }
    if let Some((ok, output)) = tool("qpdf", &["--check"], &path) {
        assert!(ok, "{output}");
    }
}

/// A long draft: twenty years in the schedule and a hundred RGPD rows, so
/// that the tables run over several pages and repeat their headers.
fn long() -> Document {
    use convention::model::{Money, RgpdRow, YearRow};
    let mut draft = convention::model::example();
    let amount = Money::from_cents(1_234_500).expect("an amount");
    draft.budget.schedule = (2022..2042)
        .map(|year| YearRow {
            year,
            ae: amount,
            cp: amount,
        })
        .collect();
    for n in 0..100 {
        draft.rgpd_matrix.push(RgpdRow::new(
            &format!("Sujet n° {}", n + 1),
            &format!("Ce que fait la DINUM ({n})\nSeconde ligne"),
            "Ce que fait le délégant",
        ));
    }
    document::render(&draft, &RenderOptions::default()).expect("the long draft renders")
}

/// The number of header cells of the document's tables.
fn header_cells(document: &Document) -> usize {
    document
        .blocks
        .iter()
        .map(|block| match block {
            Block::Table(table) => table
                .rows
                .iter()
                .take(table.header_rows)
                .map(|row| row.cells.len())
                .sum(),
            _ => 0,
        })
        .sum()
}

/// The headings' texts, in order.
fn headings(document: &Document) -> Vec<String> {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Title(text) | Block::Heading { text, .. } => Some(normalise(&text.text())),
            _ => None,
        })
        .collect()
}

#[test]
fn the_structure_tree_follows_the_document_without_artifacts() {
    let mut pages = Vec::new();
    for (name, document) in [("tagged.pdf", reference()), ("tagged-long.pdf", long())] {
        let bytes = write_pdf(&document).expect("the PDF is written");
        let path = scratch(name, &bytes);
        if let Some((ok, output)) = tool("qpdf", &["--check"], &path) {
            assert!(
                ok && output.contains("No syntax or stream encoding errors"),
                "{output}"
            );
        }
        let Some((ok, info)) = tool("pdfinfo", &[], &path) else {
            return;
        };
        assert!(ok && info.contains("Tagged:          yes"), "{info}");
        pages.push(info);
        let (ok, tree) = tool("pdfinfo", &["-struct-text"], &path).expect("pdfinfo is there");
        assert!(ok, "{tree}");
        let lines: Vec<&str> = tree.lines().map(str::trim).collect();
        for role in [
            "Document",
            "H1 (block)",
            "H2 (block)",
            "H3 (block)",
            "P (block)",
            "L (block):",
            "LI (block)",
            "Lbl (block)",
            "LBody (block)",
            "Table (block)",
            "TR",
            "TD",
            "Reference (inline)",
            "Link (inline)",
            "Div",
        ] {
            assert!(lines.contains(&role), "no {role} in {name}:\n{tree}");
        }
        assert!(
            lines.iter().any(|l| l.starts_with("Note <note-1>")),
            "{name}: no Note"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("Object ")),
            "{name}: no link annotation"
        );
        // Header cells: those of the document's header rows, once each
        // (the copies at the top of later pages are artifacts).
        assert_eq!(
            lines.iter().filter(|l| **l == "/Scope /Column").count(),
            header_cells(&document),
            "{name}"
        );
        // The Chorus references, a table of labels and values: its
        // labels head their rows.
        assert!(tree.contains("/Scope /Row"), "{name}");
        // Running header, page numbers and provenance line: artifacts.
        let provenance = document.meta.provenance();
        for artifact in [
            "Page 1 / ",
            "Page 2 / ",
            provenance.as_str(),
            document.meta.header.as_str(),
        ] {
            assert!(
                !tree.contains(artifact),
                "{artifact:?} in the structure of {name}"
            );
        }
        // The headings in the document's order, the annex last.
        let shown: Vec<String> = lines
            .windows(2)
            .filter(|pair| pair[0].starts_with('H') && pair[0].ends_with("(block)"))
            .map(|pair| normalise(pair[1].trim_matches('"')))
            .collect();
        let expected = headings(&document);
        assert_eq!(shown.len(), expected.len(), "{name}: {shown:?}");
        for (shown, expected) in shown.iter().zip(&expected) {
            assert!(
                expected.starts_with(shown.as_str()),
                "{shown:?} for {expected:?}"
            );
        }
        assert!(
            expected
                .last()
                .is_some_and(|last| last.starts_with("Annexe"))
        );
        // The signatures party by party: each party's lines together.
        let flat = normalise(&tree);
        let at = |text: &str| {
            flat.find(text)
                .unwrap_or_else(|| panic!("{text:?} not in the structure of {name}"))
        };
        let signatures = &flat[at("Fait à ")..];
        let at_sig = |text: &str| signatures.find(text).expect("a signature line");
        assert!(at_sig("Le MEAE,") < at_sig("M. Fabien FIESCHI"));
        assert!(at_sig("M. Fabien FIESCHI") < at_sig("La DINUM,"));
        assert!(at_sig("La DINUM,") < at_sig("Xavier Albouy"));
        assert!(at("Article 1 :") < at("Article 2 :"));
    }
    let count = |info: &String| {
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .expect("a page count")
    };
    assert!(
        count(&pages[1]) > count(&pages[0]) + 2,
        "the long draft runs over more pages"
    );
}

#[test]
fn font_descriptors_hold_the_fonts_own_cap_height_and_stem() {
    let bytes = write_pdf(&reference()).expect("the PDF is written");
    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let mut seen = 0;
    for object in pdf.objects.values() {
        let Ok(dictionary) = object.as_dict() else {
            continue;
        };
        if !dictionary.has_type(b"FontDescriptor") {
            continue;
        }
        let number = |key: &[u8]| {
            dictionary
                .get(key)
                .and_then(lopdf::Object::as_i64)
                .expect("a number")
        };
        let name = String::from_utf8_lossy(
            dictionary
                .get(b"FontName")
                .and_then(lopdf::Object::as_name)
                .expect("a name"),
        )
        .into_owned();
        // Liberation Sans: sCapHeight 1409 of 2048 units; its « l » is
        // 180 units wide.
        if name.ends_with("+LiberationSans") {
            assert_eq!(number(b"CapHeight"), 688, "{name}");
            assert_eq!(number(b"StemV"), 88, "{name}");
        }
        assert!(number(b"CapHeight") < number(b"Ascent"), "{name}");
        assert!((40..200).contains(&number(b"StemV")), "{name}");
        seen += 1;
    }
    assert!(seen >= 3);
}

#[test]
fn every_marked_content_and_link_has_its_structure_element() {
    use lopdf::Object;
    for document in [reference(), long(), marked()] {
        let bytes = write_pdf(&document).expect("the PDF is written");
        let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
        let element = |object: &Object| -> lopdf::Dictionary {
            let id = object.as_reference().expect("a reference");
            let dictionary = pdf.get_dictionary(id).expect("an element").clone();
            assert!(dictionary.has_type(b"StructElem"), "{dictionary:?}");
            dictionary
        };
        let catalog = pdf.catalog().expect("a catalog");
        let mark = catalog
            .get(b"MarkInfo")
            .and_then(Object::as_dict)
            .expect("MarkInfo");
        assert_eq!(
            mark.get(b"Marked").and_then(Object::as_bool).ok(),
            Some(true)
        );
        let root = catalog
            .get(b"StructTreeRoot")
            .and_then(Object::as_reference)
            .and_then(|id| pdf.get_dictionary(id))
            .expect("a structure tree");
        let nums = root
            .get(b"ParentTree")
            .and_then(Object::as_dict)
            .and_then(|tree| tree.get(b"Nums"))
            .and_then(Object::as_array)
            .expect("a parent tree");
        let parents: std::collections::BTreeMap<i64, &Object> = nums
            .chunks(2)
            .map(|pair| (pair[0].as_i64().expect("a key"), &pair[1]))
            .collect();
        let next = root
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .expect("a next key");
        assert!(parents.keys().all(|&key| key < next));
        let mut links = 0;
        for page_id in pdf.get_pages().into_values() {
            let content = pdf.get_page_content(page_id);
            let text = String::from_utf8_lossy(&content);
            let mcids: Vec<i64> = text
                .match_indices("/MCID")
                .map(|(at, _)| {
                    text[at + 5..]
                        .trim_start()
                        .split(|c: char| !c.is_ascii_digit())
                        .next()
                        .and_then(|n| n.parse().ok())
                        .expect("an MCID")
                })
                .collect();
            assert!(!mcids.is_empty(), "a page without content");
            assert_eq!(mcids, (0..mcids.len() as i64).collect::<Vec<_>>());
            let page = pdf.get_dictionary(page_id).expect("a page");
            let key = page
                .get(b"StructParents")
                .and_then(Object::as_i64)
                .expect("StructParents");
            let owners = parents[&key].as_array().expect("an array");
            assert_eq!(owners.len(), mcids.len());
            for owner in owners {
                element(owner);
            }
            let Ok(annotations) = page.get(b"Annots").and_then(Object::as_array) else {
                continue;
            };
            assert_eq!(
                page.get(b"Tabs").and_then(Object::as_name).ok(),
                Some(&b"S"[..])
            );
            for annotation in annotations {
                let id = annotation.as_reference().expect("an annotation object");
                let annotation = pdf.get_dictionary(id).expect("an annotation");
                assert!(annotation.get(b"Contents").is_ok(), "a description");
                let key = annotation
                    .get(b"StructParent")
                    .and_then(Object::as_i64)
                    .expect("StructParent");
                let link = element(parents[&key]);
                assert_eq!(
                    link.get(b"S").and_then(Object::as_name).ok(),
                    Some(&b"Link"[..])
                );
                links += 1;
            }
        }
        assert!(links > 5, "{links} links");
    }
}

#[test]
fn a_paragraph_cut_by_pages_stays_one_element_with_its_note() {
    let sentence = "Une phrase assez longue pour remplir la ligne de mots ordinaires. ";
    let document = Document {
        blocks: vec![
            Block::Paragraph(Paragraph::new(vec![
                text(&sentence.repeat(150)),
                Inline::Note(vec![text("La note de ce long paragraphe.")]),
                text(&sentence.repeat(150)),
            ])),
            Block::Paragraph(Paragraph::new(vec![text("La fin.")])),
        ],
        ..Document::default()
    };
    let bytes = write_pdf(&document).expect("the PDF is written");
    let path = scratch("cut.pdf", &bytes);
    let Some((_, info)) = tool("pdfinfo", &[], &path) else {
        return;
    };
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(pages >= 3, "{info}");
    let (ok, tree) = tool("pdfinfo", &["-struct-text"], &path).expect("pdfinfo is there");
    assert!(ok, "{tree}");
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    assert_eq!(
        lines.iter().filter(|l| **l == "P (block)").count(),
        2,
        "{tree}"
    );
    let position = |text: &str| {
        lines
            .iter()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text:?} not in:\n{tree}"))
    };
    // The note is read after its call, inside the paragraph, before the
    // rest of it (drawn on the same page's foot, then the next page).
    let reference = position("Reference");
    assert_eq!(position("Note <note-1>"), reference + 2);
    assert!(
        lines[reference - 1].starts_with('"'),
        "text before the call"
    );
    assert!(lines[reference + 6].starts_with('"'), "text after the note");
    assert!(position("La note de ce long") < position("La fin."));
    assert_eq!(lines.iter().filter(|l| l.contains("La fin.")).count(), 1);
}

#[test]
fn inserted_and_deleted_text_say_so_to_a_screen_reader() {
    let document = Document {
        blocks: vec![Block::Paragraph(Paragraph::new(vec![
            text("Le directeur "),
            Inline::Revised {
                revision: Revision::Deleted,
                content: vec![text("du numérique")],
            },
            Inline::Revised {
                revision: Revision::Inserted,
                content: vec![text("général")],
            },
            text(" signe."),
        ]))],
        ..Document::default()
    };
    let bytes = write_pdf(&document).expect("the PDF is written");
    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        bytes
    };
    let alts: Vec<Vec<u8>> = pdf
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(lopdf::Object::as_name).ok() == Some(&b"Span"[..]))
        .filter_map(|d| d.get(b"Alt").and_then(lopdf::Object::as_str).ok())
        .map(<[u8]>::to_vec)
        .collect();
    assert_eq!(alts.len(), 2);
    assert!(alts.contains(&utf16("texte supprimé : du numérique")));
    assert!(alts.contains(&utf16("texte ajouté : général")));
}
