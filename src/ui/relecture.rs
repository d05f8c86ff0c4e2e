//! Step « Relecture »: every finding, by step, the open remarks, those on
//! the whole draft and its articles, and in compare mode every change; a
//! click opens the field.

use eframe::egui::{self, RichText, Ui};

use super::field::{severity_color, severity_sign};
use super::remarks::{self, Remarks};
use super::{Command, Comparison, theme};
use crate::model::{Draft, Step, Subject};
use crate::review::ChangeKind;
use crate::rules::{Finding, Tally};

/// Lists the findings, the remarks, and the changes in compare mode; pushes
/// the field to go to when one is clicked, and what is done to a remark.
pub fn relecture_ui(
    ui: &mut Ui,
    draft: &Draft,
    findings: &[Finding],
    total: Tally,
    comparison: Option<&Comparison<'_>>,
    remarks: &mut Remarks,
    commands: &mut Vec<Command>,
) {
    commands.extend(findings_ui(ui, draft, findings, total));
    remarks_ui(ui, draft, remarks, commands);
    if let Some(comparison) = comparison {
        commands.extend(changes_ui(ui, comparison));
    }
}

/// The open remarks on fields, by step, each with a link to its field;
/// then the remarks on articles and on the whole draft, open or resolved,
/// and the button for a new remark on the whole draft.
fn remarks_ui(ui: &mut Ui, draft: &Draft, remarks: &mut Remarks, commands: &mut Vec<Command>) {
    let review = &draft.review;
    let open = review.open_comments().count();
    ui.add_space(14.0);
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Remarques").heading().color(theme::ACCENT));
        let whole = Subject::Document.label_in(draft);
        if ui
            .button("Remarque sur l'ensemble du brouillon…")
            .accessible_name(format!("Commenter : {whole}"))
            .clicked()
        {
            remarks.open(Subject::Document);
        }
    });
    ui.label(
        RichText::new(match open {
            0 => "Aucune remarque ouverte.".to_owned(),
            n => format!(
                "{}. Cliquez sur le nom d'un champ pour y aller.",
                crate::rules::open_remarks(n)
            ),
        })
        .color(theme::MUTED),
    );
    for step in Step::ALL.into_iter().filter(|s| s.is_form()) {
        let here: Vec<_> = review
            .open_comments()
            .filter(|c| matches!(c.about, Subject::Field(_)) && c.about.step() == step)
            .collect();
        if here.is_empty() {
            continue;
        }
        ui.add_space(6.0);
        ui.label(RichText::new(step.title()).strong().color(theme::ACCENT));
        for comment in here {
            let label = comment.about.label_in(draft);
            let response = ui
                .add(
                    egui::Button::new(RichText::new(format!("→ {label}")).color(theme::ACCENT))
                        .frame(false),
                )
                .on_hover_text(format!("Aller au champ « {label} »"))
                .accessible_name(format!("Aller au champ « {label} »"));
            if response.clicked() {
                commands.push(Command::Focus(comment.about.path()));
            }
            remarks::thread_ui(ui, comment, remarks, commands);
        }
    }
    // Articles and the whole draft have no field of their own: their
    // remarks, resolved ones included, are answered here.
    let mut subjects: Vec<Subject> = review
        .comments
        .iter()
        .map(|c| c.about)
        .filter(|about| !matches!(about, Subject::Field(_)))
        .collect();
    subjects.push(Subject::Document);
    subjects.sort();
    subjects.dedup();
    for about in subjects {
        let label = about.label_in(draft);
        if review.comments.iter().any(|c| c.about == about) {
            ui.add_space(6.0);
            ui.label(RichText::new(&label).strong().color(theme::ACCENT));
        }
        remarks::threads_ui(
            ui,
            &review.comments,
            about,
            &label,
            remarks::Placement::UnderField,
            remarks,
            commands,
        );
    }
}

/// The changes from the draft compared with, by step.
fn changes_ui(ui: &mut Ui, comparison: &Comparison<'_>) -> Option<Command> {
    let mut command = None;
    ui.add_space(14.0);
    ui.separator();
    ui.label(
        RichText::new(format!("Modifications depuis « {} »", comparison.name))
            .heading()
            .color(theme::INSERTED),
    );
    if comparison.changes.is_empty() {
        ui.label("Aucune modification : les deux brouillons disent la même chose.");
        return None;
    }
    ui.label(
        RichText::new("Cliquez sur une modification pour aller au champ.").color(theme::MUTED),
    );
    for step in Step::ALL.into_iter().filter(|s| s.is_form()) {
        let here: Vec<_> = comparison
            .changes
            .iter()
            .filter(|c| c.step() == step)
            .collect();
        if here.is_empty() {
            continue;
        }
        ui.add_space(6.0);
        ui.label(RichText::new(step.title()).strong().color(theme::ACCENT));
        for change in here {
            // A removed row is no longer there: its list is.
            let target = match change.kind {
                ChangeKind::Removed => change.path.list().unwrap_or(change.path),
                _ => change.path,
            };
            let text = RichText::new(format!(
                "Δ {}",
                crate::document::markup::french_spacing(&change.sentence())
            ))
            .color(theme::INSERTED);
            let response = ui
                .add(egui::Button::new(text).frame(false).wrap())
                .on_hover_text(format!("Aller au champ « {} »", change.label));
            if response.clicked() {
                command = Some(Command::Focus(target));
            }
        }
    }
    command
}

/// The findings, by step.
fn findings_ui(ui: &mut Ui, draft: &Draft, findings: &[Finding], total: Tally) -> Option<Command> {
    let mut command = None;
    if findings.is_empty() {
        ui.label(
            RichText::new("● Aucun constat : la convention est prête à être exportée.")
                .color(theme::SUCCESS)
                .strong(),
        );
        return None;
    }
    let summary = if total.errors == 0 {
        RichText::new(format!(
            "● Aucune erreur ; {} à examiner.",
            total.french_remarks()
        ))
        .color(theme::SUCCESS)
    } else {
        let others = total.french_remarks();
        let errors = crate::rules::count_of(total.errors, "erreur", "erreurs");
        let text = if total.warnings + total.infos == 0 {
            format!("{errors} à corriger avant l'export.")
        } else {
            format!("{errors} à corriger avant l'export ; et {others} à examiner.")
        };
        RichText::new(text).color(theme::ERROR)
    };
    ui.label(summary.strong());
    ui.label(
        RichText::new("Cliquez sur un constat pour aller au champ concerné.").color(theme::MUTED),
    );
    for step in Step::ALL.into_iter().filter(|s| s.is_form()) {
        let mut here: Vec<&Finding> = findings.iter().filter(|f| f.path.step() == step).collect();
        if here.is_empty() {
            continue;
        }
        here.sort_by_key(|f| f.severity);
        ui.add_space(8.0);
        ui.label(RichText::new(step.title()).heading().color(theme::ACCENT));
        for finding in here {
            let text = RichText::new(format!(
                "{} {}",
                severity_sign(finding.severity),
                finding.message
            ))
            .color(severity_color(finding.severity));
            let field = finding.path.label_in(draft);
            let response = ui
                .add(egui::Button::new(text).frame(false).wrap())
                .on_hover_text(format!("Aller au champ « {field} »"));
            if response.clicked() {
                command = Some(Command::Focus(finding.path));
            }
            let mut detail = format!("→ {field}");
            if let Some(basis) = finding.legal_basis {
                detail.push_str(&format!(" · {basis}"));
            }
            ui.label(RichText::new(detail).small().color(theme::MUTED));
        }
    }
    command
}
