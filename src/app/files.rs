//! What touches files: opening, importing a signed DOCX, saving,
//! exporting, restoring a recovery copy, and the names offered in the save
//! dialogs.

use std::path::{Path, PathBuf};

use super::chooser::Purpose;
use super::dialogs::with_extension;
use super::modals::Modal;
use super::session::Base;
use super::{ConventionApp, FileKind, Notice, Session, recovery};
use crate::export::job::{Against, ExportRequest, export};
use crate::model::{self, Draft};
use crate::review;
use crate::ui::ExportState;

impl ConventionApp {
    /// Opens a draft file, replacing the current one.
    pub(super) fn open(&mut self, path: &Path) {
        match model::load(path) {
            Ok(draft) => {
                self.prefs.carnet.collect(&draft.delegant);
                let mut session = Session::new(draft, Some(path.to_owned()));
                session.template = self.prefs.template_for(path);
                self.start(session);
                self.prefs.remember(path);
                self.say(format!("Ouvert : {}", path.display()));
            }
            Err(error) => {
                if matches!(error, model::LoadError::Read { .. }) {
                    self.prefs.forget(path);
                }
                // The error names the file.
                self.fail(format!("Ce brouillon ne peut pas être ouvert.\n{error}"));
            }
        }
    }

    /// Starts an untitled copy of the draft at `path` (its template with
    /// it).
    pub(super) fn copy_from(&mut self, path: &Path) {
        match model::load(path) {
            Ok(draft) => {
                let mut session = Session::new(draft, None);
                session.template = self.prefs.template_for(path);
                self.start(session);
                self.say(format!(
                    "Copie de {} : enregistrez-la sous un nouveau nom.",
                    path.display()
                ));
            }
            Err(error) => self.fail(format!("Ce brouillon ne peut pas être copié.\n{error}")),
        }
    }

    pub(super) fn start(&mut self, session: Session) {
        self.discard_own_recovery();
        self.session = Some(session);
        self.export = ExportState::default();
        self.portfolio_shown = false;
        // A draft opens on the top of its first step, whatever the window
        // showed before (or remembered from the last run).
        self.fresh = true;
        self.preview_step = None;
        self.preview_offset = None;
    }

    pub(super) fn discard_own_recovery(&mut self) {
        if let Some(file) = self.recovery_file() {
            recovery::remove(&file);
        }
    }

    /// The folder of the current draft, or of the latest recent file.
    pub(super) fn folder(&self) -> Option<PathBuf> {
        self.session
            .as_ref()
            .and_then(|s| s.path.as_deref())
            .or_else(|| self.prefs.recent.first().map(PathBuf::as_path))
            .and_then(folder_of_file)
    }

    /// Saves the draft; asks for a file when it has none or `choose` is
    /// set. Returns whether it was saved now; when the built-in chooser
    /// asks, or the user is asked whether to replace a file, it saves once
    /// answered, then goes on with `then`.
    pub(super) fn save(&mut self, choose: bool, then: Option<crate::ui::Command>) -> bool {
        let folder = self.folder();
        let Some(session) = &self.session else {
            return false;
        };
        if let (Some(path), false) = (&session.path, choose) {
            let path = path.clone();
            return self.save_to(path);
        }
        let name = suggested_name(&session.draft, session.path.as_deref(), FileKind::Draft, "");
        let purpose = Purpose::Save { then };
        let Some(answered) =
            self.ask_save(FileKind::Draft, folder.as_deref(), &name, purpose.clone())
        else {
            return false;
        };
        let path = with_extension(answered.clone(), FileKind::Draft);
        // Replacing another file is asked first; the save then waits.
        self.may_write(&purpose, &path, Some(&answered)) && self.save_to(path)
    }

    /// Saves the draft to `path`. Returns whether it was saved; a failure
    /// is said, naming the file.
    pub(super) fn save_to(&mut self, path: PathBuf) -> bool {
        let Some(session) = &mut self.session else {
            return false;
        };
        match model::save(&path, &session.draft) {
            Ok(()) => {
                let unreadable = session.inputs.findings().len();
                session.mark_saved(path.clone());
                session.recovery_done();
                self.prefs.carnet.collect(&session.draft.delegant);
                let template = session.template.clone();
                self.prefs.remember(&path);
                self.prefs.set_template(&path, &template);
                self.discard_own_recovery();
                if unreadable > 0 {
                    let what = if unreadable == 1 {
                        "1 saisie illisible n'a pas été prise en compte".to_owned()
                    } else {
                        format!("{unreadable} saisies illisibles n'ont pas été prises en compte")
                    };
                    self.say(format!(
                        "Enregistré : {} — attention, {what}.",
                        path.display()
                    ));
                } else {
                    self.say(format!("Enregistré : {}", path.display()));
                }
                true
            }
            Err(error) => {
                // The error names the file.
                self.fail(format!(
                    "L'enregistrement a échoué ; le fichier précédent, s'il existait, est intact.\n{error}"
                ));
                false
            }
        }
    }

    /// Exports the draft, or with `redline` its changes from the draft it
    /// is compared with, to `to` (the DOCX, or the PDF alone; files there
    /// are replaced) or where the user says (asked before replacing one).
    pub(super) fn export(&mut self, docx: bool, pdf: bool, redline: bool, to: Option<PathBuf>) {
        let folder = self.folder();
        let Some(session) = &self.session else {
            return;
        };
        let against = match (redline, session.base()) {
            (false, _) => None,
            (true, Some(base)) => Some(Against {
                draft: base.draft.clone(),
                file: Some(base.path.clone()),
                name: base.name(),
                author: String::new(),
                // Unsaved changes are undated: the clock is never used.
                date: session
                    .path
                    .as_deref()
                    .filter(|_| !session.has_changes())
                    .and_then(crate::review::redline::saved_at),
            }),
            (true, None) => return,
        };
        let kind = if docx { FileKind::Docx } else { FileKind::Pdf };
        let suffix = if against.is_some() {
            "-modifications"
        } else {
            ""
        };
        let first_name = suggested_name(&session.draft, session.path.as_deref(), kind, suffix);
        // A path given has been asked about already.
        let first = match to {
            Some(to) => to,
            None => {
                let purpose = Purpose::Export { docx, pdf, redline };
                let Some(first) =
                    self.ask_save(kind, folder.as_deref(), &first_name, purpose.clone())
                else {
                    return;
                };
                if !self.may_write(&purpose, &first, Some(&first)) {
                    return;
                }
                first
            }
        };
        let Some(session) = &self.session else {
            return;
        };
        let (docx, pdf) = outputs(first, docx, pdf);
        let targets = listed(
            &[docx.clone(), pdf.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        );
        let request = ExportRequest {
            docx,
            pdf,
            template: session.template.clone(),
            allow_errors: self.export.confirm_non_compliant,
            draft_file: session.path.clone(),
            against,
            comments: self.export.include_comments && self.export.open_comments > 0,
        };
        let outcome = match export(&session.draft, &request) {
            Ok(report) => {
                let mut message = format!("Exporté : {}", listed(&report.written));
                if let Some(count) = report.changes {
                    message.push_str(&format!(
                        " ({})",
                        crate::rules::count_of(
                            count,
                            "modification suivie",
                            "modifications suivies"
                        )
                    ));
                }
                if report.remarks > 0 {
                    message.push_str(&format!(
                        " ({} avec le document)",
                        crate::rules::count_of(report.remarks, "remarque", "remarques")
                    ));
                }
                if report.marked {
                    message.push_str(" (marqué « PROJET — non conforme »)");
                }
                Ok(message)
            }
            Err(error) => Err(format!("Export impossible vers {targets} : {error}")),
        };
        self.export_outcome(outcome);
    }

    /// Says how an export went, in the export step and the status bar.
    fn export_outcome(&mut self, outcome: Result<String, String>) {
        match &outcome {
            Ok(message) => self.say(message.clone()),
            Err(message) => {
                self.notice = Some(Notice {
                    text: message.clone(),
                    error: true,
                });
            }
        }
        self.export.outcome = Some(outcome);
    }

    /// Writes the avenant from the draft compared with to this one, to
    /// `to` or where the user says (asked before replacing a file).
    pub(super) fn avenant(&mut self, docx: bool, pdf: bool, to: Option<PathBuf>) {
        let folder = self.folder();
        let Some(session) = &self.session else {
            return;
        };
        let Some(base) = session.base() else {
            return;
        };
        let effect = match self.export.avenant_effect.trim() {
            "" => None,
            text => match crate::model::date::parse_human(text) {
                Ok(day) => Some(day),
                Err(reason) => {
                    self.export_outcome(Err(format!("Date d'effet : {reason}.")));
                    return;
                }
            },
        };
        // A refusal is said before asking where to write.
        if let Err(refusal) = crate::review::avenant::articles_to_rewrite(
            &base.draft,
            &session.draft,
            &Default::default(),
        ) {
            self.export_outcome(Err(format!("Avenant impossible : {refusal}")));
            return;
        }
        let number = self.export.avenant_number.max(1);
        let kind = if docx { FileKind::Docx } else { FileKind::Pdf };
        let suffix = format!("-avenant-{number}");
        let name = suggested_name(&session.draft, session.path.as_deref(), kind, &suffix);
        // A path given has been asked about already.
        let first = match to {
            Some(to) => to,
            None => {
                let purpose = Purpose::Avenant { docx, pdf };
                let Some(first) = self.ask_save(kind, folder.as_deref(), &name, purpose.clone())
                else {
                    return;
                };
                if !self.may_write(&purpose, &first, Some(&first)) {
                    return;
                }
                first
            }
        };
        let Some(session) = &self.session else {
            return;
        };
        let Some(base) = session.base() else {
            return;
        };
        let (docx, pdf) = outputs(first, docx, pdf);
        let targets = listed(
            &[docx.clone(), pdf.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        );
        let request = crate::export::job::AvenantRequest {
            docx,
            pdf,
            options: crate::review::AvenantOptions {
                number,
                effect,
                template: session.template.clone(),
                ..Default::default()
            },
            allow_errors: self.export.confirm_non_compliant,
            drafts: [Some(base.path.clone()), session.path.clone()]
                .into_iter()
                .flatten()
                .collect(),
        };
        let outcome = match crate::export::job::export_avenant(
            &base.draft,
            &session.draft,
            &request,
        ) {
            Ok(report) => {
                let mut message =
                    format!("Avenant n° {number} écrit : {}", listed(&report.written));
                if !report.unplaced.is_empty() {
                    message.push_str(&format!(
                        " — attention, ces modifications ne figurent dans aucun article de l'avenant : {}",
                        report.unplaced.join(" ; ")
                    ));
                }
                Ok(message)
            }
            Err(error) => Err(format!("Avenant impossible vers {targets} : {error}")),
        };
        self.export_outcome(outcome);
    }

    /// Compares the draft with another one, given or chosen.
    pub(super) fn compare_with(&mut self, path: Option<PathBuf>) {
        if self.session.is_none() {
            return;
        }
        let folder = self.folder();
        let Some(path) =
            path.or_else(|| self.ask_open(FileKind::Draft, folder.as_deref(), Purpose::Compare))
        else {
            return;
        };
        match model::load(&path) {
            Ok(draft) => {
                let Some(session) = &mut self.session else {
                    return;
                };
                session.compare_with(Base {
                    draft,
                    path: path.clone(),
                });
                let count = session.changes().len();
                let changes = match count {
                    0 => "aucune modification".to_owned(),
                    n => crate::rules::count_of(n, "modification", "modifications"),
                };
                self.say(format!("Comparaison avec {} : {changes}.", path.display()));
            }
            Err(error) => self.fail(format!(
                "Ce brouillon ne peut pas servir de comparaison.\n{error}"
            )),
        }
    }

    /// Brings the remarks of a reviewed DOCX into the draft, as one edit
    /// (undone in one step; saved with the draft). A DOCX exported from
    /// another draft is imported only once the user says so.
    pub(super) fn import_review(&mut self, path: Option<PathBuf>, force: bool) {
        if self.session.is_none() {
            return;
        }
        let folder = self.folder();
        let Some(path) = path
            .or_else(|| self.ask_open(FileKind::Docx, folder.as_deref(), Purpose::ImportReview))
        else {
            return;
        };
        let shown = path.display().to_string();
        let reviewed = match model::read::read_regular(&path, model::MAX_FILE_BYTES)
            .map_err(|error| error.to_string())
            .and_then(|bytes| review::read_review(&bytes).map_err(|error| error.to_string()))
        {
            Ok(reviewed) => reviewed,
            Err(reason) => {
                self.fail(format!(
                    "Les remarques ne peuvent pas être importées.\n{shown} : {reason}"
                ));
                return;
            }
        };
        let Some(session) = &mut self.session else {
            return;
        };
        let mut draft = session.draft.clone();
        match review::import::import(&mut draft, &reviewed, force) {
            Ok(summary) => {
                if summary.changed() {
                    session.edit_review(|review| *review = draft.review);
                }
                self.say(format!("{shown} : {}", summary.french()));
            }
            Err(error) if error.is_refusal() => {
                self.modal = Some(Modal::ForeignDocx {
                    path,
                    reason: error.to_string(),
                });
            }
            Err(error) => {
                self.fail(format!(
                    "Les remarques ne peuvent pas être importées.\n{shown} : {error}"
                ));
            }
        }
    }

    /// Reads a convention signed in Word into a new draft: untitled and
    /// unsaved (saving asks where), with what the import found, missed and
    /// doubted shown in a dialog; the items to check are already remarks
    /// beside their fields.
    pub(super) fn import_docx(&mut self, path: Option<PathBuf>) {
        let folder = self.folder();
        let Some(path) = path.or_else(|| {
            self.ask_open(FileKind::SignedDocx, folder.as_deref(), Purpose::ImportDocx)
        }) else {
            return;
        };
        let shown = path.display().to_string();
        // The remarks left in the draft name the file, not where it was on
        // this computer.
        let name = path
            .file_name()
            .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
        let imported = crate::import::read_document(&path)
            .map_err(|error| format!("{shown} : {error}"))
            .and_then(|bytes| {
                crate::import::import_document(&bytes, &name)
                    .map_err(|error| format!("{shown} : {error}"))
            });
        match imported {
            Ok(imported) => {
                let mut session = Session::new(imported.draft, None);
                // Nothing of it is on disk yet: closing asks first.
                session.saved = Draft::blank();
                self.start(session);
                self.say(format!("Importé : {shown} — {}", imported.report.summary()));
                self.modal = Some(Modal::Imported {
                    path,
                    report: imported.report,
                });
            }
            Err(reason) => self.fail(format!("Ce DOCX ne peut pas être importé.\n{reason}")),
        }
    }

    pub(super) fn restore(&mut self, file: &Path) {
        let Some(found) = self.recoveries.iter().find(|f| f.file == file).cloned() else {
            return;
        };
        let recovered = found.recovery;
        let mut session = Session::new(recovered.draft.clone(), recovered.path.clone());
        // What is on disk is what was saved; the restored text is a change.
        session.saved = recovered
            .path
            .as_deref()
            .and_then(|p| model::load(p).ok())
            .unwrap_or_else(Draft::blank);
        self.start(session);
        recovery::remove(file);
        self.recoveries.retain(|f| f.file != file);
        self.modal = None;
        self.say(format!(
            "Brouillon restauré (copie du {}) : enregistrez-le pour le garder.",
            recovered.saved_at
        ));
    }
}

/// Whether a file given or dropped is a signed convention to import
/// rather than a draft to open: its name ends in `.docx` or `.odt`,
/// whatever the case.
pub(super) fn is_to_import(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        FileKind::SignedDocx
            .accepted()
            .iter()
            .any(|accepted| e.eq_ignore_ascii_case(accepted))
    })
}

/// The DOCX, the PDF or both to write from the file chosen (the PDF then
/// beside the DOCX, under its name).
pub(super) fn outputs(first: PathBuf, docx: bool, pdf: bool) -> (Option<PathBuf>, Option<PathBuf>) {
    let kind = if docx { FileKind::Docx } else { FileKind::Pdf };
    // Some dialogs return the name as typed, without the extension.
    let first = with_extension(first, kind);
    if docx {
        (
            Some(first.clone()),
            pdf.then(|| first.with_extension("pdf")),
        )
    } else {
        (None, Some(first))
    }
}

/// The files written, for a message.
fn listed(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

/// A name to offer for a file of `kind`: the draft's own or one made from
/// the parties, with `suffix` before the extension (« -modifications »).
pub(super) fn suggested_name(
    draft: &Draft,
    path: Option<&Path>,
    kind: FileKind,
    suffix: &str,
) -> String {
    let stem = path
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| {
            let parties: Vec<&str> = [
                draft.delegant.short_name.trim(),
                draft.delegataire.short_name.trim(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            let year = draft
                .signature
                .date
                .map(|d| chrono::Datelike::year(&d).to_string());
            let mut parts = vec!["convention".to_owned()];
            parts.extend(parties.iter().map(|p| p.to_lowercase()));
            parts.extend(year);
            parts
                .join("-")
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        });
    format!("{stem}{suffix}.{}", kind.extension())
}

/// The folder holding `file`: for a bare name (a draft opened as
/// `convention brouillon.json`), the current folder, so that a dialog
/// starts there rather than in the home folder.
fn folder_of_file(file: &Path) -> Option<PathBuf> {
    match file.parent()? {
        folder if folder.as_os_str().is_empty() => std::env::current_dir().ok(),
        folder => Some(folder.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_file_name_is_in_the_current_folder() {
        let here = std::env::current_dir().expect("current folder");
        assert_eq!(folder_of_file(Path::new("brouillon.json")), Some(here));
        assert_eq!(
            folder_of_file(Path::new("/d/brouillon.json")),
            Some(PathBuf::from("/d"))
        );
        assert_eq!(
            folder_of_file(Path::new("d/brouillon.json")),
            Some(PathBuf::from("d"))
        );
    }

    #[test]
    fn suffixes_go_before_the_extension() {
        let draft = model::example();
        let named = |path: Option<&str>, kind, suffix| {
            suggested_name(&draft, path.map(Path::new), kind, suffix)
        };
        assert_eq!(
            named(Some("/d/v1.2.json"), FileKind::Docx, "-modifications"),
            "v1.2-modifications.docx"
        );
        assert_eq!(
            named(None, FileKind::Pdf, "-avenant-2"),
            "convention-meae-dinum-2022-avenant-2.pdf"
        );
        assert_eq!(named(Some("a.json"), FileKind::Draft, ""), "a.json");
    }

    #[test]
    fn word_and_opendocument_files_are_imported_drafts_opened() {
        for name in ["signée.docx", "ANCIENNE.DOCX", "c.odt"] {
            assert!(is_to_import(Path::new(name)), "{name}");
        }
        for name in ["convention.json", "docx", "c.pdf", "c.docx.json"] {
            assert!(!is_to_import(Path::new(name)), "{name}");
        }
    }
}
