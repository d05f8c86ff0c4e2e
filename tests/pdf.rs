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

/// Every run of whitespace (no-break spaces included) as one space.
fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
        assert!(squeezed.contains(url), "missing footnote {url}");
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
    assert!(flat.contains("Modèle 2022.1 · brouillon"));
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
        "Domaine fonctionnel 0105-06-08",
        "Centre de coût AECDSI4092",
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
    let bytes = write_pdf(&reference()).expect("the PDF is written");
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
            "CreationDate:    Thu May 19 00:00:00 2022 UTC",
            "Page size:       595.276 x 841.89 pts (A4)",
            "PDF version:     1.7",
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>B</pdfaid:conformance>",
            "<xmp:CreateDate>2022-05-19T00:00:00Z</xmp:CreateDate>",
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
