//! The outside programs some tests read the exports with (poppler's
//! pdftotext, qpdf, LibreOffice Writer and Calc, libxml2's xmllint), and the reading of a DOCX's parts. On a developer's machine a missing one
//! skips its check with a note; where `CONVENTION_REQUIRE_TOOLS` is set (CI,
//! whose `.ci/run` installs them all), a missing one fails the test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Whether `program` can be run. When it cannot: a note, or, where tools
/// are required, a failure.
pub fn available(program: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()));
    if !found {
        if std::env::var_os("CONVENTION_REQUIRE_TOOLS").is_some() {
            panic!("{program} is required here (CONVENTION_REQUIRE_TOOLS) but not installed");
        }
        println!("note: {program} is not installed; check skipped");
    }
    found
}

/// Runs a command, killing it after `limit`.
pub fn run(command: &mut Command, limit: Duration) -> ExitStatus {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the command starts");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("the command runs") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{command:?} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A DOCX converted to PDF by LibreOffice, in a profile of its own under
/// `folder`; `None` when LibreOffice is not installed.
pub fn libreoffice_pdf(docx: &Path, folder: &Path) -> Option<PathBuf> {
    libreoffice_convert(docx, folder, "pdf", "pdf")
}

/// A file converted by LibreOffice (`to` as `--convert-to` takes it:
/// `fodt`, `docx:"MS Word 2007 XML"`), written under `folder` with the
/// extension `extension`, in a profile of its own; `None` when LibreOffice
/// is not installed.
pub fn libreoffice_convert(
    input: &Path,
    folder: &Path,
    to: &str,
    extension: &str,
) -> Option<PathBuf> {
    soffice(
        input,
        folder,
        None,
        to,
        extension,
        &format!("LibreOffice wrote no {extension}"),
    )
}

/// A CSV opened by LibreOffice Calc as a French user's Calc opens it
/// (`;` between fields, `"` around text, UTF-8, from the first line,
/// French conventions: decimal comma, dates as 19/05/2022) and saved as a
/// flat OpenDocument spreadsheet (`.fods`, XML that says each cell's
/// type), under `folder`; `None` when LibreOffice is not installed.
pub fn libreoffice_calc(csv: &Path, folder: &Path) -> Option<String> {
    let converted = soffice(
        csv,
        folder,
        // 59 is `;`, 34 `"`, 76 UTF-8, 1 the first line; 1036 is French.
        Some("CSV:59,34,76,1,,1036"),
        "fods",
        "fods",
        "LibreOffice Calc did not open the CSV (is libreoffice-calc installed?)",
    )?;
    Some(std::fs::read_to_string(converted).expect("the spreadsheet is text"))
}

/// One LibreOffice conversion, read with `filter` when given, in a profile
/// of its own under `folder`; `missing` is said when no file comes out.
fn soffice(
    input: &Path,
    folder: &Path,
    filter: Option<&str>,
    to: &str,
    extension: &str,
    missing: &str,
) -> Option<PathBuf> {
    if !available("soffice") {
        return None;
    }
    let profile = folder.join("profil-libreoffice");
    let out = folder.join("libreoffice");
    let mut command = Command::new("soffice");
    command.arg("--headless").arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ));
    if let Some(filter) = filter {
        command.arg(format!("--infilter={filter}"));
    }
    command
        .args(["--convert-to", to, "--outdir"])
        .arg(&out)
        .arg(input);
    let status = run(&mut command, Duration::from_secs(240));
    assert!(status.success(), "soffice failed: {status}");
    let stem = input.file_stem().expect("a file name");
    let converted = out.join(stem).with_extension(extension);
    assert!(converted.is_file(), "{missing}");
    Some(converted)
}

/// The text pdftotext reads in a PDF (`-raw` when asked); `None` when
/// poppler is not installed.
pub fn pdftotext(pdf: &Path, raw: bool) -> Option<String> {
    if !available("pdftotext") {
        return None;
    }
    let mut command = Command::new("pdftotext");
    command.args(["-enc", "UTF-8"]);
    if raw {
        command.arg("-raw");
    }
    let output = command.arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(String::from_utf8(output.stdout).expect("UTF-8 text"))
}

/// What xmllint (libxml2) says when it validates `files` against the XML
/// schema `schema`, offline: one line a violation, empty when every file
/// is valid; `None` when xmllint is not installed.
pub fn xmllint_schema(schema: &Path, files: &[PathBuf]) -> Option<Vec<String>> {
    if !available("xmllint") {
        return None;
    }
    let output = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .args(files)
        .output()
        .expect("xmllint runs");
    let report = String::from_utf8_lossy(&output.stderr);
    let violations: Vec<String> = report
        .lines()
        .filter(|line| line.contains(" error"))
        .map(str::to_owned)
        .collect();
    // A failure xmllint did not explain (a schema it could not read) is
    // one too.
    if !output.status.success() && violations.is_empty() {
        return Some(vec![format!("xmllint failed: {report}")]);
    }
    Some(violations)
}

/// The parts of a DOCX (a ZIP archive), by name, as text.
pub fn docx_parts(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut parts = std::collections::BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("an entry");
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8 text");
        parts.insert(entry.name().to_owned(), text);
    }
    parts
}
