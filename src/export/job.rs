//! One export: check the draft, render it once (or, for a redline, render
//! it and the version it is compared with), write the DOCX and the PDF all
//! or nothing. Shared by the command line and the app.

use std::path::{Path, PathBuf};

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
) -> Result<(document::Document, Option<Vec<review::Change>>), ExportError> {
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
    let comments = request.comments;
    if request.docx.is_none() && request.pdf.is_none() {
        return Err(ExportError::NothingToDo);
    }
    check_destinations(
        request.docx.as_deref(),
        request.pdf.as_deref(),
        &read_drafts(request),
    )?;
    // The draft is checked on a thread of its own while it is rendered as
    // compliant, the usual case; with errors (allowed), it is rendered
    // again, marked.
    let (checked, rendered) = at_once(
        || {
            let _phase = crate::timing::phase("vérifications");
            rules::check(draft)
        },
        || render_for_export(draft, request, false),
    );
    let (findings, errors) = allowed(checked, request.allow_errors)?;
    let (document, changes) = if errors > 0 {
        render_for_export(draft, request, true)?
    } else {
        rendered?
    };
    let remarks = if comments {
        Remark::open_in(draft)
    } else {
        Vec::new()
    };
    let make_pdf = || -> Result<Vec<u8>, pdf::PdfError> {
        Ok(match (&changes, &request.against) {
            // The PDF of a redline opens on the list of its changes.
            (Some(changes), Some(against)) => {
                let mut with_summary = document.clone();
                let new_name = request
                    .draft_file
                    .as_deref()
                    .and_then(Path::file_name)
                    .map_or_else(
                        || "ce brouillon".to_owned(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                let mut summary =
                    review::redline::summary_blocks(changes, &against.name, &new_name);
                // The summary's lines name their fields for the app; in the
                // file, the anchors and remarks belong to the text itself.
                for block in &mut summary {
                    if let document::Block::List(items) = block {
                        for item in items {
                            item.source.clear();
                        }
                    }
                }
                with_summary.blocks.splice(0..0, summary);
                pdf::write_pdf_with(&with_summary, &remarks)?
            }
            _ => pdf::write_pdf_with(&document, &remarks)?,
        })
    };
    let staging = make_and_stage(
        request
            .docx
            .as_deref()
            .map(|path| (path, || docx::write_docx_with(&document, &remarks))),
        request.pdf.as_deref().map(|path| (path, make_pdf)),
    )?;
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
