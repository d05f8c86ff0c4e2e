//! One export: check the draft, render it once (or, for a redline, render
//! it and the version it is compared with), write the DOCX and the PDF all
//! or nothing. Shared by the command line and the app.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::document::{self, Remark, RenderOptions, TemplateSource};
use crate::model::io::{Durability, Staging};
use crate::model::staging::{check_target, same_file};
use crate::model::{Draft, SaveError};
use crate::review::{self, Attribution};
use crate::rules::{self, Finding};

use super::parallel::at_once;
use super::{docx, pdf};

/// What to export, and where.
#[derive(Clone, Debug, Default)]
pub struct ExportRequest {
    /// Where to write the DOCX, if wanted.
    pub docx: Option<PathBuf>,
    /// Where to write the PDF, if wanted.
    pub pdf: Option<PathBuf>,
    /// The template to render with.
    pub template: TemplateSource,
    /// Export even if the draft has errors; pages are then marked
    /// « PROJET — non conforme ».
    pub allow_errors: bool,
    /// The draft's own file, if it has one: an export never replaces it.
    pub draft_file: Option<PathBuf>,
    /// For a redline: the version the draft is compared with.
    pub against: Option<Against>,
    /// Whether the draft's open comments go with the document: as Word
    /// comments around what they are about in the DOCX, as a last section
    /// « Remarques » with their pages in the PDF.
    pub comments: bool,
}

/// The earlier version a redline shows the draft against.
#[derive(Clone, Debug)]
pub struct Against {
    /// That version.
    pub draft: Draft,
    /// Its file, if it has one: an export never replaces it.
    pub file: Option<PathBuf>,
    /// Its name in the list of changes (« v1.json »).
    pub name: String,
    /// The name the tracked changes carry; « Convention » when empty.
    pub author: String,
    /// When the changes were made (`YYYY-MM-DDTHH:MM:SSZ`): when the draft
    /// was saved; `None` for changes not saved yet.
    pub date: Option<String>,
}

/// What an export did.
#[derive(Clone, Debug)]
pub struct ExportReport {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// The draft's findings at the time of export.
    pub findings: Vec<Finding>,
    /// Whether the pages carry the non-compliance marking.
    pub marked: bool,
    /// For a redline: how many changes it shows.
    pub changes: Option<usize>,
    /// For an avenant: the changes it writes from no article (a visa, the
    /// title), said for people.
    pub unplaced: Vec<String>,
    /// How many open comments went with the document.
    pub remarks: usize,
}

/// Why an export did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The draft has errors and the export was not forced.
    #[error(
        "export refusé : le brouillon a {} ; corrigez-les, ou exportez un projet marqué « PROJET — non conforme » (--allow-errors)",
        rules::count_of(*.count, "erreur", "erreurs")
    )]
    HasErrors {
        /// How many errors.
        count: usize,
        /// All findings, to show them.
        findings: Vec<Finding>,
    },
    /// The template failed.
    #[error(transparent)]
    Render(#[from] document::RenderError),
    /// The DOCX writer failed.
    #[error("DOCX : {0}")]
    Docx(#[from] docx::DocxError),
    /// The PDF writer failed.
    #[error("PDF : {0}")]
    Pdf(#[from] pdf::PdfError),
    /// A file could not be written: none was (each destination is as it
    /// was).
    #[error("{0} ; aucun fichier n'a été écrit")]
    Write(#[from] SaveError),
    /// Nothing was asked for.
    #[error("rien à exporter : indiquez un fichier DOCX ou PDF")]
    NothingToDo,
    /// No avenant can be written from these drafts.
    #[error(transparent)]
    Avenant(#[from] review::AvenantError),
    /// A destination would replace the wrong file.
    #[error("{}: {reason}", .path.display())]
    Destination {
        /// The destination refused.
        path: PathBuf,
        /// Why, in French.
        reason: &'static str,
    },
}

/// Refuses destinations that would overwrite a draft or each other, or
/// whose name says another format: a slip of the keyboard must not replace
/// the work it exports. `drafts` are the drafts read, with what each is
/// called in a refusal.
fn check_destinations(
    docx: Option<&Path>,
    pdf: Option<&Path>,
    drafts: &[(&Path, &'static str)],
) -> Result<(), ExportError> {
    let refuse = |path: &Path, reason| {
        Err(ExportError::Destination {
            path: path.to_owned(),
            reason,
        })
    };
    for (path, extension, reason) in [
        (docx, "docx", "le fichier DOCX doit avoir l'extension .docx"),
        (pdf, "pdf", "le fichier PDF doit avoir l'extension .pdf"),
    ] {
        let Some(path) = path else { continue };
        let matches = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(extension));
        if !matches {
            return refuse(path, reason);
        }
        for (draft, what) in drafts {
            if same_file(path, draft) {
                return refuse(path, what);
            }
        }
        // The folder, the kind of file and its rights: before anything is
        // made, so a bad destination costs no wait and writes nothing.
        check_target(path)?;
    }
    if let (Some(docx), Some(pdf)) = (docx, pdf)
        && same_file(docx, pdf)
    {
        return refuse(
            pdf,
            "le DOCX et le PDF ne peuvent pas aller dans le même fichier",
        );
    }
    Ok(())
}

/// What a refusal calls the draft exported.
const THE_DRAFT: &str = "c'est le brouillon lui-même : l'export le remplacerait";
/// What a refusal calls the version a draft is compared with.
const THE_OLD_VERSION: &str = "c'est la version comparée : l'export la remplacerait";

/// The drafts an export reads, which it must never replace.
fn read_drafts(request: &ExportRequest) -> Vec<(&Path, &'static str)> {
    let mut drafts = Vec::new();
    if let Some(file) = &request.draft_file {
        drafts.push((file.as_path(), THE_DRAFT));
    }
    if let Some(file) = request.against.as_ref().and_then(|a| a.file.as_ref()) {
        drafts.push((file.as_path(), THE_OLD_VERSION));
    }
    drafts
}

/// The findings and their count of errors, unless errors refuse the export
/// (`allow_errors` not set).
fn allowed(
    findings: Vec<Finding>,
    allow_errors: bool,
) -> Result<(Vec<Finding>, usize), ExportError> {
    let errors = findings
        .iter()
        .filter(|f| f.severity == rules::Severity::Error)
        .count();
    if errors > 0 && !allow_errors {
        return Err(ExportError::HasErrors {
            count: errors,
            findings,
        });
    }
    Ok((findings, errors))
}

/// Makes the DOCX and the PDF asked for, each staged beside its
/// destination (see [`Staging`]) as soon as it is made: the DOCX on a
/// thread of its own (see [`side_by_side`]), the PDF on the caller's.
/// Nothing replaces a destination before the caller commits the staging;
/// on failure the temporary files are removed and every destination is as
/// it was.
fn make_and_stage<D, P>(
    docx: Option<(&Path, D)>,
    pdf: Option<(&Path, P)>,
) -> Result<Staging, ExportError>
where
    D: Fn() -> Result<Vec<u8>, docx::DocxError> + Sync,
    P: FnOnce() -> Result<Vec<u8>, pdf::PdfError>,
{
    let (docx, pdf) = side_by_side(
        docx.map(|(path, make)| move || stage(path, &make()?)),
        pdf.map(|(path, make)| move || stage(path, &make()?)),
    );
    let mut staging = Staging::new();
    for made in [docx, pdf].into_iter().flatten() {
        staging.absorb(made?);
    }
    Ok(staging)
}

/// Writes `bytes` to a temporary file beside `path`, to be renamed over it
/// on commit.
fn stage(path: &Path, bytes: &[u8]) -> Result<Staging, ExportError> {
    let mut staging = Staging::new();
    staging.stage(path, bytes, Durability::Deferred)?;
    Ok(staging)
}

/// Runs `first` and `second` at the same time when both are given, `first`
/// on a thread of its own (see [`at_once`]); else the one given.
fn side_by_side<F, S, A, B>(first: Option<F>, second: Option<S>) -> (Option<A>, Option<B>)
where
    F: Fn() -> A + Sync,
    S: FnOnce() -> B,
    A: Send,
{
    match (first, second) {
        (Some(first), Some(second)) => {
            let (a, b) = at_once(first, second);
            (Some(a), Some(b))
        }
        (first, second) => (first.map(|run| run()), second.map(|run| run())),
    }
}

/// The document an export writes, and for a redline the changes it
/// shows: the draft rendered with the request's template, its pages
/// marked « PROJET — non conforme » when `non_compliant`.
fn render_for_export(
    draft: &Draft,
    request: &ExportRequest,
    non_compliant: bool,
) -> Result<Rendered, ExportError> {
    let _phase = crate::timing::phase("rendu");
    let options = RenderOptions {
        template: request.template.clone(),
        non_compliant,
    };
    Ok(match &request.against {
        None => (document::render(draft, &options)?, None),
        Some(against) => {
            let attribution = Attribution::new(Some(&against.author), against.date.clone());
            let redline = review::redline_drafts(&against.draft, draft, &options, &attribution)?;
            (redline, Some(review::diff(&against.draft, draft)))
        }
    })
}

/// Checks, renders and writes. Every destination is checked first; every
/// file is produced in memory, so a template or writer failure writes
/// nothing; then all are written together, all or nothing.
pub fn export(draft: &Draft, request: &ExportRequest) -> Result<ExportReport, ExportError> {
    if request.docx.is_none() && request.pdf.is_none() {
        return Err(ExportError::NothingToDo);
    }
    check_destinations(
        request.docx.as_deref(),
        request.pdf.as_deref(),
        &read_drafts(request),
    )?;
    let remarks = if request.comments {
        Remark::open_in(draft)
    } else {
        Vec::new()
    };
    let first = compliant_attempt(draft, request, &remarks);
    let (findings, errors) = allowed(first.findings, request.allow_errors)?;
    let (staging, changes) = if errors > 0 {
        // What was made from the compliant rendering is thrown away (its
        // temporary files removed): the pages must be marked.
        drop(first.made);
        let (document, changes) = render_for_export(draft, request, true)?;
        let staging = make_and_stage(
            request
                .docx
                .as_deref()
                .map(|path| (path, || docx::write_docx_with(&document, &remarks))),
            request.pdf.as_deref().map(|path| {
                (path, || {
                    make_pdf(&document, changes.as_deref(), request, &remarks)
                })
            }),
        )?;
        (staging, changes)
    } else {
        first.made?
    };
    let written = {
        let _phase = crate::timing::phase("remplacement des fichiers");
        staging.commit()?
    };
    Ok(ExportReport {
        written,
        findings,
        marked: errors > 0,
        changes: changes.map(|changes| changes.len()),
        unplaced: Vec::new(),
        remarks: remarks.len(),
    })
}

/// The rendering an export writes from: the document, and for a redline
/// the changes it shows.
type Rendered = (document::Document, Option<Vec<review::Change>>);

/// What an export makes before it knows whether the draft has errors.
struct Attempt {
    /// The draft's findings.
    findings: Vec<Finding>,
    /// Without errors: the files asked for, staged, made from the draft
    /// rendered as compliant, and the changes of a redline.
    made: Result<(Staging, Option<Vec<review::Change>>), ExportError>,
}

/// Makes the export for the usual case, a draft without errors, while it
/// is checked. This thread renders the draft as compliant; a thread of its
/// own, started first, checks it; then each takes what is left among the
/// check, the DOCX and the PDF (the PDF first here, the DOCX first there),
/// the files once the rendering is there. A thread that starts late (a
/// new thread can wait milliseconds for a core on a busy machine) thus
/// finds its work done instead of holding the export up, and no core waits
/// for the check. When the check finds errors, no file is made from then
/// on, and what was is for the caller to throw away.
fn compliant_attempt(draft: &Draft, request: &ExportRequest, remarks: &[Remark]) -> Attempt {
    let work = Work {
        draft,
        request,
        remarks,
        rendered: OnceLock::new(),
        has_errors: AtomicBool::new(false),
        claimed: Default::default(),
        findings: OnceLock::new(),
        docx: OnceLock::new(),
        pdf: OnceLock::new(),
    };
    at_once(
        || work.take_part(&[Task::Check, Task::Docx, Task::Pdf]),
        || {
            work.render();
            work.take_part(&[Task::Check, Task::Pdf, Task::Docx]);
        },
    );
    work.into_attempt()
}

/// A piece of an export's work beside the rendering.
#[derive(Clone, Copy)]
enum Task {
    Check,
    Docx,
    Pdf,
}

/// The work of [`compliant_attempt`], shared by its two threads: each
/// piece is claimed once, by the thread free first, and leaves its result.
struct Work<'a> {
    draft: &'a Draft,
    request: &'a ExportRequest,
    remarks: &'a [Remark],
    /// The rendering, handed over when done; `None` if it panicked.
    rendered: OnceLock<Option<Result<Rendered, ExportError>>>,
    /// Whether the check found errors: no file is made then.
    has_errors: AtomicBool,
    /// Which tasks a thread has taken, in the order of [`Task`].
    claimed: [AtomicBool; 3],
    findings: OnceLock<Vec<Finding>>,
    docx: OnceLock<Result<Staging, ExportError>>,
    pdf: OnceLock<Result<Staging, ExportError>>,
}

impl Work<'_> {
    /// Renders the draft as compliant and hands the rendering over; should
    /// the rendering panic, the other thread is told there is nothing to
    /// wait for.
    fn render(&self) {
        let _hand_over = HandOver(&self.rendered);
        self.rendered
            .get_or_init(|| Some(render_for_export(self.draft, self.request, false)));
    }

    /// Does, in this order, each of `tasks` that no thread has taken yet.
    fn take_part(&self, tasks: &[Task]) {
        for &task in tasks {
            if !self.claimed[task as usize].swap(true, Ordering::AcqRel) {
                self.run(task);
            }
        }
    }

    fn run(&self, task: Task) {
        match task {
            Task::Check => self.check(),
            Task::Docx => self.make(self.request.docx.as_deref(), &self.docx, |document, _| {
                docx::write_docx_with(document, self.remarks).map_err(ExportError::from)
            }),
            Task::Pdf => self.make(
                self.request.pdf.as_deref(),
                &self.pdf,
                |document, changes| {
                    make_pdf(document, changes, self.request, self.remarks)
                        .map_err(ExportError::from)
                },
            ),
        }
    }

    fn check(&self) {
        let findings = {
            let _phase = crate::timing::phase("vérifications");
            rules::check(self.draft)
        };
        if rules::has_errors(&findings) {
            self.has_errors.store(true, Ordering::Release);
        }
        let _ = self.findings.set(findings);
    }

    /// Makes the file asked for at `path` with `write`, once the draft is
    /// rendered, and stages it into `made`; nothing when no file is asked
    /// for, when the rendering failed (its failure is what the export
    /// says) or when the check found errors.
    fn make(
        &self,
        path: Option<&Path>,
        made: &OnceLock<Result<Staging, ExportError>>,
        write: impl FnOnce(
            &document::Document,
            Option<&[review::Change]>,
        ) -> Result<Vec<u8>, ExportError>,
    ) {
        let Some(path) = path else { return };
        let Some(Ok((document, changes))) = self.rendered.wait() else {
            return;
        };
        if self.has_errors.load(Ordering::Acquire) {
            return;
        }
        let _ = made.set(write(document, changes.as_deref()).and_then(|bytes| stage(path, &bytes)));
    }

    /// The findings and, without errors, the files staged.
    fn into_attempt(self) -> Attempt {
        let findings = self
            .findings
            .into_inner()
            .expect("the check is done before the threads are joined");
        let made = match self.rendered.into_inner().flatten() {
            None => unreachable!("the rendering is done before the threads are joined"),
            Some(Err(error)) => Err(error),
            Some(Ok((_, changes))) => (|| {
                let mut staging = Staging::new();
                for made in [self.docx.into_inner(), self.pdf.into_inner()]
                    .into_iter()
                    .flatten()
                {
                    staging.absorb(made?);
                }
                Ok((staging, changes))
            })(),
        };
        Attempt { findings, made }
    }
}

/// Sets a hand-over left empty (a panic on the way) to « nothing », so
/// that no thread waits for it forever.
struct HandOver<'a, T>(&'a OnceLock<Option<T>>);

impl<T> Drop for HandOver<'_, T> {
    fn drop(&mut self) {
        // Already set in the normal course: nothing to do then.
        let _ = self.0.set(None);
    }
}

/// The PDF of `document`; for a redline (`changes`), it opens on the list
/// of its changes.
fn make_pdf(
    document: &document::Document,
    changes: Option<&[review::Change]>,
    request: &ExportRequest,
    remarks: &[Remark],
) -> Result<Vec<u8>, pdf::PdfError> {
    let (Some(changes), Some(against)) = (changes, &request.against) else {
        return pdf::write_pdf_with(document, remarks);
    };
    let mut with_summary = document.clone();
    let new_name = request
        .draft_file
        .as_deref()
        .and_then(Path::file_name)
        .map_or_else(
            || "ce brouillon".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
    let mut summary = review::redline::summary_blocks(changes, &against.name, &new_name);
    // The summary's lines name their fields for the app; in the file, the
    // anchors and remarks belong to the text itself.
    for block in &mut summary {
        if let document::Block::List(items) = block {
            for item in items {
                item.source.clear();
            }
        }
    }
    with_summary.blocks.splice(0..0, summary);
    pdf::write_pdf_with(&with_summary, remarks)
}

/// An avenant to write, and where.
#[derive(Clone, Debug, Default)]
pub struct AvenantRequest {
    /// Where to write the DOCX, if wanted.
    pub docx: Option<PathBuf>,
    /// Where to write the PDF, if wanted.
    pub pdf: Option<PathBuf>,
    /// Its number, date of effect and templates.
    pub options: review::AvenantOptions,
    /// Write it even if the new version has errors; pages are then marked.
    pub allow_errors: bool,
    /// The two drafts' files: an export never replaces them.
    pub drafts: Vec<PathBuf>,
}

/// Checks the new version over the amended convention's period, writes the
/// avenant that turns `signed` into it, or says why not.
pub fn export_avenant(
    signed: &Draft,
    new: &Draft,
    request: &AvenantRequest,
) -> Result<ExportReport, ExportError> {
    if request.docx.is_none() && request.pdf.is_none() {
        return Err(ExportError::NothingToDo);
    }
    let drafts: Vec<(&Path, &'static str)> = request
        .drafts
        .iter()
        .map(|file| {
            (
                file.as_path(),
                "c'est l'un des brouillons : l'export le remplacerait",
            )
        })
        .collect();
    check_destinations(request.docx.as_deref(), request.pdf.as_deref(), &drafts)?;
    if let Some(refusal) = review::avenant::refusal(signed, new) {
        return Err(refusal.into());
    }
    let (findings, errors) = allowed(review::avenant::check(signed, new), request.allow_errors)?;
    let options = review::AvenantOptions {
        non_compliant: errors > 0,
        ..request.options.clone()
    };
    let written = review::avenant(signed, new, &options)?;
    let unplaced = written
        .unplaced
        .iter()
        .map(review::Change::sentence)
        .collect();
    let document = &written.document;
    let staging = make_and_stage(
        request
            .docx
            .as_deref()
            .map(|path| (path, || docx::write_docx(document))),
        request
            .pdf
            .as_deref()
            .map(|path| (path, || pdf::write_pdf(document))),
    )?;
    Ok(ExportReport {
        written: staging.commit()?,
        findings,
        marked: errors > 0,
        changes: None,
        unplaced,
        remarks: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_over_left_by_a_panic_releases_its_waiter() {
        let handed: OnceLock<Option<u32>> = OnceLock::new();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            at_once(
                || handed.wait().is_none(),
                || {
                    let _hand_over = HandOver(&handed);
                    panic!("le rendu a échoué");
                },
            )
        }));
        // Without the hand-over, the waiting thread would never end and
        // the panic would never get here.
        assert!(outcome.is_err());
        assert_eq!(handed.get(), Some(&None));
    }

    #[test]
    fn a_hand_over_made_stays() {
        let handed: OnceLock<Option<u32>> = OnceLock::new();
        let (waited, ()) = at_once(
            || *handed.wait(),
            || {
                let _hand_over = HandOver(&handed);
                handed.get_or_init(|| Some(7));
            },
        );
        assert_eq!(waited, Some(7));
    }
}
