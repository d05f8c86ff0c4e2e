//! The « Portefeuille »: a folder of drafts read for the view, its filters
//! kept when the same folder is read again.

use std::path::PathBuf;

use super::ConventionApp;
use crate::portfolio::Portfolio;
use crate::rules::count_of;
use crate::ui::portfolio::PortfolioView;

impl ConventionApp {
    /// Reads the drafts of `folder` (or of a folder chosen in a dialog) and
    /// shows them.
    pub(super) fn open_portfolio(&mut self, folder: Option<PathBuf>) {
        let folder = match folder {
            Some(folder) => folder,
            None => {
                let start = self
                    .portfolio
                    .as_ref()
                    .map(|view| view.folder.clone())
                    .or_else(|| self.folder());
                match self.ask_folder(start.as_deref(), super::chooser::Purpose::Portfolio) {
                    Some(folder) => folder,
                    None => return,
                }
            }
        };
        if !folder.is_dir() {
            self.fail(format!(
                "Le portefeuille ne peut pas être ouvert : « {} » n'est pas un dossier.",
                folder.display()
            ));
            return;
        }
        let at = chrono::Local::now().date_naive();
        let portfolio = Portfolio::load(&[&folder], at);
        self.collect_parties(portfolio.entries.iter().map(|entry| entry.file.as_path()));
        let read = count_of(portfolio.entries.len(), "convention", "conventions");
        let unreadable = portfolio.unreadable.len();
        let mut view = PortfolioView::new(folder.clone(), portfolio);
        if let Some(old) = self.portfolio.take()
            && old.folder == folder
        {
            view.delegant = old.delegant;
            view.year = old.year;
            view.status = old.status;
            view.ending_within = old.ending_within;
            view.sort = old.sort;
        }
        self.portfolio = Some(view);
        self.portfolio_shown = true;
        if unreadable > 0 {
            self.say(format!(
                "Portefeuille : {read} dans {}, {}.",
                folder.display(),
                count_of(unreadable, "fichier illisible", "fichiers illisibles")
            ));
        } else {
            self.say(format!("Portefeuille : {read} dans {}.", folder.display()));
        }
    }
}
