//! `convention diff`: what changed from one draft to another, grouped by
//! step and by article, as text or JSON.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::{Format, exit, json_for_terminal, load_or_say, one_line, shown, write_stdout};
use crate::model::{Article, Step};
use crate::review::{self, Change};

/// A change as `diff --format json` prints it.
#[derive(serde::Serialize)]
struct JsonChange<'a> {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_path: Option<String>,
    label: &'a str,
    kind: &'static str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    step: &'static str,
    article: String,
    articles: Vec<String>,
}

/// Compares two drafts. Exit status as `diff`'s: 0 when they say the same,
/// 1 when they differ, 2 when one cannot be read.
pub(super) fn diff(old: &Path, new: &Path, format: Format) -> anyhow::Result<u8> {
    let Some(before) = load_or_say(old) else {
        return Ok(exit::FAILURE);
    };
    let Some(after) = load_or_say(new) else {
        return Ok(exit::FAILURE);
    };
    let changes = review::diff(&before, &after);
    match format {
        Format::Text => print_text(&changes)?,
        Format::Json => print_json(&changes)?,
    }
    let summary = if changes.is_empty() {
        "aucune modification".to_owned()
    } else {
        crate::rules::count_of(changes.len(), "modification", "modifications")
    };
    eprintln!("{} → {} : {summary}", shown(old), shown(new));
    Ok(if changes.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    })
}

/// The changes grouped by step, then by article, in the wizard's order.
pub(super) fn grouped(changes: &[Change]) -> Vec<((Step, Article), Vec<&Change>)> {
    let mut groups: Vec<((Step, Article), Vec<&Change>)> = Vec::new();
    let mut keys: Vec<(usize, Article)> = changes
        .iter()
        .map(|c| (c.step().index(), c.article()))
        .collect();
    keys.sort();
    keys.dedup();
    for (step, article) in keys {
        let here: Vec<&Change> = changes
            .iter()
            .filter(|c| c.step().index() == step && c.article() == article)
            .collect();
        groups.push(((Step::ALL[step], article), here));
    }
    groups
}

fn print_text(changes: &[Change]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for ((step, article), here) in grouped(changes) {
        if article.name() == step.title() {
            writeln!(out, "{}", step.title())?;
        } else {
            writeln!(out, "{} — {}", step.title(), article.heading())?;
        }
        for change in here {
            writeln!(out, "  {}{}", one_line(&change.sentence()), change.also())?;
        }
    }
    out.flush()?;
    Ok(())
}

fn print_json(changes: &[Change]) -> anyhow::Result<()> {
    let all: Vec<JsonChange<'_>> = changes
        .iter()
        .map(|change| JsonChange {
            path: change.path.to_string(),
            old_path: change.old_path.map(|p| p.to_string()),
            label: &change.label,
            kind: change.kind.id(),
            old: change.old.as_deref(),
            new: change.new.as_deref(),
            step: change.step().id(),
            article: change.article().name(),
            articles: change.articles().iter().map(|a| a.name()).collect(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&all).context("sérialisation des modifications")?;
    text.push('\n');
    write_stdout(json_for_terminal(&text).as_bytes())
}
