//! The « Portefeuille » view: the conventions of a folder in one table
//! (sortable, filtered by délégant, year, status and « se termine dans »),
//! their totals, and a chart of AE and CP per year stacked by délégant. A
//! click on a row opens its draft.

mod chart;
mod view;

use eframe::egui::{self, RichText, ScrollArea, Ui};

pub use view::{Column, PortfolioView};

use super::{Command, theme};
use crate::model::Status;
use crate::portfolio::{Entry, Totals};

/// The height of a table row, for the scrolled table that draws only the
/// rows in sight.
const ROW_HEIGHT: f32 = 22.0;

/// Widths of the table's columns, in the order of [`Column::ALL`].
const WIDTHS: [f32; 9] = [170.0, 100.0, 140.0, 230.0, 170.0, 90.0, 110.0, 110.0, 80.0];

/// Draws the portfolio; returns what the user chose (open a draft, reload,
/// leave).
pub fn portfolio_ui(ui: &mut Ui, view: &mut PortfolioView) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Portefeuille").heading().color(theme::ACCENT));
        ui.label(RichText::new(view.folder.display().to_string()).color(theme::MUTED));
    });
    ui.horizontal(|ui| {
        if ui.button("Recharger le dossier").clicked() {
            command = Some(Command::OpenPortfolio(Some(view.folder.clone())));
        }
        if ui.button("Choisir un autre dossier…").clicked() {
            command = Some(Command::OpenPortfolio(None));
        }
        if ui.button("Fermer le portefeuille").clicked() {
            command = Some(Command::ShowPortfolio(false));
        }
    });
    summary_ui(ui, view);
    ui.add_space(6.0);
    filters_ui(ui, view);
    let rows = view.rows();
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "{} sur {} — cliquez sur un fichier pour ouvrir le brouillon.",
            crate::rules::count_of(rows.len(), "convention affichée", "conventions affichées"),
            view.portfolio.entries.len()
        ))
        .color(theme::MUTED),
    );
    let mut sort = None;
    // A narrow window scrolls the table sideways rather than cutting it.
    ScrollArea::horizontal()
        .id_salt("portefeuille-colonnes")
        .show(ui, |ui| {
            table_ui(
                ui,
                &rows,
                view.portfolio.at,
                view.sort,
                &mut sort,
                &mut command,
            );
        });
    ui.add_space(10.0);
    ui.columns(2, |columns| {
        totals_ui(&mut columns[0], &rows);
        columns[1].label(
            RichText::new("AE et CP par année, par délégant")
                .heading()
                .color(theme::ACCENT),
        );
        let delegants = view.delegants();
        chart::chart_ui(&mut columns[1], &rows, &delegants);
    });
    if let Some(column) = sort {
        view.sort_by(column);
    }
    command
}

/// What was read: conventions, unreadable files, skipped ones.
fn summary_ui(ui: &mut Ui, view: &PortfolioView) {
    let portfolio = &view.portfolio;
    ui.label(format!(
        "{} au {} ; {} avec des erreurs.",
        crate::rules::count_of(
            portfolio.entries.len(),
            "convention lue",
            "conventions lues"
        ),
        portfolio.at.format("%d/%m/%Y"),
        portfolio.with_errors()
    ));
    if !portfolio.unreadable.is_empty() {
        ui.collapsing(
            RichText::new(crate::rules::count_of(
                portfolio.unreadable.len(),
                "fichier illisible",
                "fichiers illisibles",
            ))
            .color(theme::ERROR),
            |ui| {
                for unreadable in &portfolio.unreadable {
                    ui.label(format!(
                        "{} : {}",
                        unreadable.path().display(),
                        unreadable.reason()
                    ));
                }
            },
        );
    }
    if !portfolio.skipped.is_empty() {
        ui.collapsing(
            crate::rules::count_of(
                portfolio.skipped.len(),
                "fichier ignoré",
                "fichiers ignorés",
            ),
            |ui| {
                for skipped in &portfolio.skipped {
                    ui.label(skipped.path.display().to_string());
                }
            },
        );
    }
}

/// The filters, each named for screen readers.
fn filters_ui(ui: &mut Ui, view: &mut PortfolioView) {
    let delegants = view.delegants();
    let years = view.portfolio.years();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Délégant (ministère)");
        egui::ComboBox::from_id_salt("filtre-delegant")
            .selected_text(view.delegant.clone().unwrap_or_else(|| "Tous".to_owned()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.delegant, None, "Tous")
                    .accessible_name("Délégant : tous");
                for key in &delegants {
                    ui.selectable_value(&mut view.delegant, Some(key.clone()), key)
                        .accessible_name(format!("Délégant : {key}"));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Année");
        egui::ComboBox::from_id_salt("filtre-annee")
            .selected_text(
                view.year
                    .map_or_else(|| "Toutes".to_owned(), |y| y.to_string()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.year, None, "Toutes")
                    .accessible_name("Année : toutes");
                for year in &years {
                    ui.selectable_value(&mut view.year, Some(*year), year.to_string())
                        .accessible_name(format!("Année : {year}"));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Statut");
        egui::ComboBox::from_id_salt("filtre-statut")
            .selected_text(view.status.map_or("Tous", Status::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.status, None, "Tous")
                    .accessible_name("Statut : tous");
                for status in Status::ALL {
                    ui.selectable_value(&mut view.status, Some(status), status.label())
                        .accessible_name(format!("Statut : {}", status.label()));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Se termine dans");
        ui.add(
            egui::TextEdit::singleline(&mut view.ending_within)
                .hint_text("6m, 90j, 1a")
                .desired_width(90.0),
        )
        .labelled_by(label.id);
        if let Err(error) = view.window() {
            ui.label(RichText::new(error).color(theme::ERROR));
        }
        if ui.button("Effacer les filtres").clicked() {
            view.delegant = None;
            view.year = None;
            view.status = None;
            view.ending_within.clear();
        }
    });
}

/// The table: a heading of sort buttons, then the rows in sight.
fn table_ui(
    ui: &mut Ui,
    rows: &[&Entry],
    at: chrono::NaiveDate,
    sort: (Column, bool),
    clicked_column: &mut Option<Column>,
    command: &mut Option<Command>,
) {
    ui.horizontal(|ui| {
        for (column, width) in Column::ALL.into_iter().zip(WIDTHS) {
            let arrow = match sort {
                (c, true) if c == column => " ▲",
                (c, false) if c == column => " ▼",
                _ => "",
            };
            let button =
                egui::Button::new(RichText::new(format!("{}{arrow}", column.title())).strong())
                    .frame(false);
            if ui
                .add_sized([width, ROW_HEIGHT], button)
                .accessible_name(format!("Trier par {}", column.spoken()))
                .clicked()
            {
                *clicked_column = Some(column);
            }
        }
    });
    ui.separator();
    ScrollArea::vertical()
        .id_salt("portefeuille-table")
        .max_height(360.0)
        .auto_shrink([false, true])
        .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for entry in &rows[range] {
                ui.horizontal(|ui| row_ui(ui, entry, at, command));
            }
        });
}

fn row_ui(ui: &mut Ui, entry: &Entry, at: chrono::NaiveDate, command: &mut Option<Command>) {
    let name = entry.file.file_name().map_or_else(
        || entry.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let open = ui
        .add_sized(
            [WIDTHS[0], ROW_HEIGHT],
            egui::Button::new(name.clone()).truncate(),
        )
        .on_hover_text(entry.file.display().to_string())
        .accessible_name(format!("Ouvrir {name}"));
    if open.clicked() {
        *command = Some(Command::Open(Some(entry.file.clone())));
    }
    let end = match (entry.end, entry.days_to_end(at)) {
        (Some(end), Some(days)) if days >= 0 => format!("{} (J-{days})", end.format("%d/%m/%Y")),
        (Some(end), _) => format!("{} (terminée)", end.format("%d/%m/%Y")),
        (None, _) => "—".to_owned(),
    };
    let findings = if entry.errors + entry.warnings == 0 {
        RichText::new("aucun").color(theme::SUCCESS)
    } else if entry.errors > 0 {
        RichText::new(format!("{} E, {} A", entry.errors, entry.warnings)).color(theme::ERROR)
    } else {
        RichText::new(format!("{} A", entry.warnings)).color(theme::WARNING)
    };
    let cells = [
        RichText::new(entry.delegant_key()),
        RichText::new(&entry.beneficiary),
        RichText::new(view::programme_text(entry)),
        RichText::new(end),
        RichText::new(entry.status.label()),
        RichText::new(entry.total_ae.to_french()),
        RichText::new(entry.total_cp.to_french()),
        findings,
    ];
    for (text, width) in cells.into_iter().zip(&WIDTHS[1..]) {
        ui.add_sized([*width, ROW_HEIGHT], egui::Label::new(text).truncate());
    }
}

/// Totals of the rows shown: all, per year, per délégant, per programme.
fn totals_ui(ui: &mut Ui, rows: &[&Entry]) {
    ui.label(RichText::new("Totaux").heading().color(theme::ACCENT));
    let all = Totals::of(rows.iter().copied());
    egui::Grid::new("totaux")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.label(RichText::new("").strong());
            ui.label(RichText::new("Conventions").strong());
            ui.label(RichText::new("AE").strong());
            ui.label(RichText::new("CP").strong());
            ui.end_row();
            let line = |ui: &mut Ui, name: String, totals: &Totals| {
                ui.label(name);
                ui.label(totals.conventions.to_string());
                ui.label(totals.ae.to_french());
                ui.label(totals.cp.to_french());
                ui.end_row();
            };
            line(ui, "Total".to_owned(), &all);
            for (year, totals) in Totals::by_year(rows.iter().copied()) {
                line(ui, format!("Année {year}"), &totals);
            }
            for (delegant, totals) in Totals::by_delegant(rows.iter().copied()) {
                line(ui, delegant, &totals);
            }
            for (programme, totals) in Totals::by_programme(rows.iter().copied()) {
                let name = match programme {
                    Some(number) => format!("Programme {number}"),
                    None => "UO illisible".to_owned(),
                };
                line(ui, name, &totals);
            }
        });
}
