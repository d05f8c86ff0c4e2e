//! The template a draft renders with, chosen in the export step: the
//! built-in one or a folder, checked when chosen, remembered in the
//! preferences by the draft's file (never in the draft).

use std::path::PathBuf;

use super::ConventionApp;
use super::chooser::Purpose;
use crate::document::{self, RenderOptions, TemplateSource};

impl ConventionApp {
    /// Renders the draft with the template of `folder` (or of a folder
    /// chosen), if it is one that renders this draft; says why not
    /// otherwise, and keeps the template it had.
    pub(super) fn choose_template(&mut self, folder: Option<PathBuf>) {
        if self.session.is_none() {
            return;
        }
        let start = match self.session.as_ref().map(|s| &s.template) {
            Some(TemplateSource::Folder(current)) => current.parent().map(|p| p.to_owned()),
            _ => self.folder(),
        };
        let Some(folder) = folder.or_else(|| self.ask_folder(start.as_deref(), Purpose::Template))
        else {
            return;
        };
        let Some(session) = &mut self.session else {
            return;
        };
        if !document::template::is_template_folder(&folder) {
            self.fail(format!(
                "{} n'est pas un dossier de modèle : il n'a pas de fichier {}.",
                folder.display(),
                document::template::MAIN
            ));
            return;
        }
        let template = TemplateSource::Folder(folder.clone());
        let options = RenderOptions {
            template: template.clone(),
            non_compliant: false,
        };
        if let Err(error) = document::render(&session.draft, &options) {
            self.fail(format!(
                "Le modèle de {} ne peut pas servir : {error}",
                folder.display()
            ));
            return;
        }
        session.set_template(template.clone());
        if let Some(path) = session.path.clone() {
            self.prefs.set_template(&path, &template);
        }
        self.say(format!("Modèle : {}", folder.display()));
    }

    /// Renders the draft with the built-in template again.
    pub(super) fn use_builtin_template(&mut self) {
        let Some(session) = &mut self.session else {
            return;
        };
        session.set_template(TemplateSource::Builtin);
        if let Some(path) = session.path.clone() {
            self.prefs.set_template(&path, &TemplateSource::Builtin);
        }
        self.say("Modèle intégré.");
    }
}
