//! The avenant: what a signed convention becomes by agreement, written from
//! the signed draft and its new version. The convention is rendered from
//! both; the parts whose text changed (the préambule, an article, an annex)
//! are the avenant's object, each rewritten whole with its new wording (a
//! budget change gives the whole new AE/CP table; a new end date rewrites
//! Article 7). The avenant's own text is a template
//! (`templates/avenant.md.j2`), which writes the new wording where it says
//! `{{ article.wording }}`.

use chrono::NaiveDate;
use minijinja::Value;
use serde::Serialize;

use super::diff::{Change, diff};
use crate::document::context::{BLANK, Context, Text};
use crate::document::markup::{include_key, include_mark};
use crate::document::template::{AVENANT, meta, render_with};
use crate::document::{
    Block, Document, Inline, Paragraph, RenderError, RenderOptions, TemplateSource, render,
};
use crate::model::code::parse_uo;
use crate::model::{Article, Draft, Field, date};
use crate::rules::{self, Finding};

/// What the avenant needs besides the two drafts.
#[derive(Clone, Debug, Default)]
pub struct AvenantOptions {
    /// Its number: « Avenant n° 2 ». 0 is taken as 1.
    pub number: u32,
    /// When it takes effect; `None`: at its signature.
    pub effect: Option<NaiveDate>,
    /// The templates: the convention's (to compare the articles) and the
    /// avenant's (the folder's `avenant.md.j2`, else the built-in one).
    pub template: TemplateSource,
    /// Mark every page « PROJET — non conforme ».
    pub non_compliant: bool,
}

/// Why there is no avenant to write.
#[derive(Debug, thiserror::Error)]
pub enum AvenantError {
    /// The two drafts say the same.
    #[error("les deux brouillons disent la même chose : un avenant n'aurait rien à modifier")]
    Unchanged,
    /// The délégant is another one: not the same convention.
    #[error(
        "ce n'est pas la même convention : le délégant diffère (« {signed} » dans la convention signée, « {new} » dans la nouvelle version) ; une autre partie demande une nouvelle convention"
    )]
    OtherDelegant {
        /// In the signed convention.
        signed: String,
        /// In the new version.
        new: String,
    },
    /// The UO is another one: not the same convention.
    #[error(
        "ce n'est pas la même convention : l'UO diffère ({signed} dans la convention signée, {new} dans la nouvelle version) ; des crédits d'une autre UO demandent une nouvelle convention"
    )]
    OtherUo {
        /// In the signed convention.
        signed: String,
        /// In the new version.
        new: String,
    },
    /// The signed convention has no signature date to cite.
    #[error(
        "la convention signée n'a pas de date de signature : indiquez-la (étape « Durée et signature ») pour que l'avenant puisse la viser"
    )]
    Unsigned,
    /// Things changed, but no article of the convention.
    #[error(
        "aucun article de la convention ne change ({changes}) : un avenant n'aurait pas d'objet"
    )]
    NoArticle {
        /// What changed, in a few words.
        changes: String,
    },
    /// The date of effect is outside the convention's life.
    #[error(
        "la date d'effet ({effect}) doit venir après la signature de la convention ({signed}) et au plus tard à sa nouvelle fin ({end})"
    )]
    EffectOutside {
        /// The date of effect.
        effect: String,
        /// The convention's signature.
        signed: String,
        /// The new end date.
        end: String,
    },
    /// The signed convention has ended before the date of effect: it can
    /// no longer be amended.
    #[error(
        "la convention signée prend fin le {end} : un avenant ne peut pas prendre effet après (le {effect}) ; il faut une nouvelle convention"
    )]
    AfterEnd {
        /// The date of effect.
        effect: String,
        /// The signed convention's end.
        end: String,
    },
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// A part of the convention the avenant rewrites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewritten {
    /// Which part.
    pub article: Article,
    /// Its title in the new version (« Exécution financière de la
    /// délégation »), empty for the préambule.
    pub title: String,
    /// Its new wording; empty when the new version has no such part.
    pub wording: Vec<Block>,
}

/// The new version as the rules check it for an avenant: over the period
/// of the amended convention, from its signature to the new end date, so
/// that the credits of past years stay in its period.
pub fn checked_draft(signed: &Draft, new: &Draft) -> Draft {
    let mut draft = new.clone();
    draft.signature.date = signed.signature.date;
    draft
}

/// The findings of the new version, as an avenant to `signed`.
pub fn check(signed: &Draft, new: &Draft) -> Vec<Finding> {
    rules::check(&checked_draft(signed, new))
}

/// Refuses two drafts that cannot make an avenant: identical, or not the
/// same convention (another délégant, another UO), or a signed one with no
/// date.
pub fn refusal(signed: &Draft, new: &Draft) -> Option<AvenantError> {
    let same = |a: &str, b: &str| {
        super::rows::normalize(a).to_lowercase() == super::rows::normalize(b).to_lowercase()
    };
    if !same(&signed.delegant.name, &new.delegant.name) {
        return Some(AvenantError::OtherDelegant {
            signed: signed.delegant.name.trim().to_owned(),
            new: new.delegant.name.trim().to_owned(),
        });
    }
    let uo = |text: &str| parse_uo(text).map_or_else(|_| text.trim().to_owned(), |uo| uo.canonical);
    if uo(&signed.budget.uo) != uo(&new.budget.uo) {
        return Some(AvenantError::OtherUo {
            signed: uo(&signed.budget.uo),
            new: uo(&new.budget.uo),
        });
    }
    if signed.signature.date.is_none() {
        return Some(AvenantError::Unsigned);
    }
    diff(signed, new)
        .is_empty()
        .then_some(AvenantError::Unchanged)
}

/// The parts an avenant rewrites, or why there would be no avenant: the
/// refusals of [`refusal`], and changes that touch no article.
pub fn articles_to_rewrite(
    signed: &Draft,
    new: &Draft,
    template: &TemplateSource,
) -> Result<Vec<Rewritten>, AvenantError> {
    if let Some(refusal) = refusal(signed, new) {
        return Err(refusal);
    }
    some_articles(signed, new, template)
}

/// The parts rewritten, none being a refusal: the drafts differ, but in no
/// article.
fn some_articles(
    signed: &Draft,
    new: &Draft,
    template: &TemplateSource,
) -> Result<Vec<Rewritten>, AvenantError> {
    let parts = rewritten(signed, new, template)?;
    if parts.is_empty() {
        let changes: Vec<String> = diff(signed, new)
            .iter()
            .take(3)
            .map(|change: &Change| change.label.clone())
            .collect();
        return Err(AvenantError::NoArticle {
            changes: format!("seuls changent : {}", changes.join(", ")),
        });
    }
    Ok(parts)
}

/// The parts of the convention whose text differs between the two drafts,
/// in the order of the convention, with their new wording.
pub fn rewritten(
    signed: &Draft,
    new: &Draft,
    template: &TemplateSource,
) -> Result<Vec<Rewritten>, RenderError> {
    let options = RenderOptions {
        template: template.clone(),
        non_compliant: false,
    };
    let before = sections(&render(signed, &options)?);
    let after = sections(&render(new, &options)?);
    let mut out = Vec::new();
    let mut articles: Vec<Article> = before.iter().chain(&after).map(|s| s.article).collect();
    articles.sort();
    articles.dedup();
    for article in articles {
        let old = before.iter().find(|s| s.article == article);
        let now = after.iter().find(|s| s.article == article);
        let text = |section: Option<&Section>| {
            section.map(|s| {
                Document {
                    blocks: s.blocks.clone(),
                    ..Document::default()
                }
                .plain_text()
            })
        };
        if text(old) != text(now) {
            out.push(Rewritten {
                article,
                title: now.or(old).map(|s| s.title.clone()).unwrap_or_default(),
                wording: now.map(|s| s.blocks.clone()).unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

/// A part of the convention's document: an article, the préambule, an
/// annex.
struct Section {
    article: Article,
    title: String,
    blocks: Vec<Block>,
}

/// The convention's parts, each with its blocks, without what belongs to
/// the signatures (« Fait à … », the signature blocks) or to the page
/// layout (page breaks).
fn sections(document: &Document) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut open = false;
    for block in &document.blocks {
        if let Block::Heading { level: 1, text } = block {
            let heading = text.text();
            open = match Article::of_heading(&heading) {
                Some(article) => {
                    let title = heading
                        .split_once(':')
                        .map(|(_, title)| title.trim().to_owned())
                        .unwrap_or_default();
                    out.push(Section {
                        article,
                        title,
                        blocks: Vec::new(),
                    });
                    true
                }
                None => false,
            };
            continue;
        }
        if !open {
            continue;
        }
        let of_signatures = match block {
            Block::Signatures(_) | Block::PageBreak => true,
            Block::Paragraph(paragraph) => {
                !paragraph.source.is_empty()
                    && paragraph
                        .source
                        .iter()
                        .all(|path| path.article() == Article::Signatures)
            }
            _ => false,
        };
        if !of_signatures && let Some(section) = out.last_mut() {
            section.blocks.push(block.clone());
        }
    }
    out
}

/// « l'article 5 », « le préambule », « l'annexe 1 ».
fn name(article: Article) -> String {
    match article {
        Article::Preamble => "le préambule".to_owned(),
        Article::Numbered(n) => format!("l'article {n}"),
        Article::Annex(n) => format!("l'annexe {n}"),
        other => other.name().to_lowercase(),
    }
}

/// The parts rewritten, as a sentence names them: « le préambule, les
/// articles 5 et 7 et l'annexe 1 ».
fn modified_phrase(articles: &[Article]) -> String {
    let numbers: Vec<String> = articles
        .iter()
        .filter_map(|a| match a {
            Article::Numbered(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    let mut parts: Vec<String> = Vec::new();
    if articles.contains(&Article::Preamble) {
        parts.push("le préambule".to_owned());
    }
    match numbers.as_slice() {
        [] => {}
        [one] => parts.push(format!("l'article {one}")),
        [init @ .., last] => parts.push(format!("les articles {} et {last}", init.join(", "))),
    }
    for article in articles {
        if let Article::Annex(_) = article {
            parts.push(name(*article));
        }
    }
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// What the avenant's template sees besides the convention's variables.
#[derive(Serialize)]
struct AvenantContext {
    number: u32,
    signed: Text,
    effect: String,
    modified: String,
    articles: Vec<ArticleContext>,
    last: usize,
    date: String,
}

#[derive(Serialize)]
struct ArticleContext {
    number: usize,
    name: String,
    title: String,
    replaced: &'static str,
    by: &'static str,
    removed: bool,
    wording: Value,
}

#[derive(Serialize)]
struct Variables {
    #[serde(flatten)]
    convention: Context,
    avenant: AvenantContext,
}

/// An avenant written, and the changes it carries in no article.
#[derive(Clone, Debug)]
pub struct Written {
    /// The avenant.
    pub document: Document,
    /// The changes from the signed draft that no article of the avenant
    /// rewrites (a visa, the title): see [`unplaced`].
    pub unplaced: Vec<Change>,
}

/// Writes the avenant that turns `signed` into `new`, or says why there is
/// none to write.
pub fn avenant(
    signed: &Draft,
    new: &Draft,
    options: &AvenantOptions,
) -> Result<Written, AvenantError> {
    if let Some(refusal) = refusal(signed, new) {
        return Err(refusal);
    }
    let signed_on = signed.signature.date.ok_or(AvenantError::Unsigned)?;
    if let (Some(effect), Some(end)) = (options.effect, signed.end_date)
        && effect > end
    {
        return Err(AvenantError::AfterEnd {
            effect: date::french_long(effect),
            end: date::french_long(end),
        });
    }
    if let Some(effect) = options.effect
        && (effect < signed_on || new.end_date.is_some_and(|end| effect > end))
    {
        return Err(AvenantError::EffectOutside {
            effect: date::french_long(effect),
            signed: date::french_long(signed_on),
            end: new.end_date.map(date::french_long).unwrap_or_default(),
        });
    }
    // Refused above already: the rest of articles_to_rewrite.
    let parts = some_articles(signed, new, &options.template)?;
    let number = options.number.max(1);
    let articles: Vec<Article> = parts.iter().map(|p| p.article).collect();
    let variables = Variables {
        convention: Context::new(new),
        avenant: AvenantContext {
            number,
            signed: Text::new(date::french_long(signed_on), Field::SignatureDate.path()),
            effect: options.effect.map(date::french_long).unwrap_or_default(),
            modified: modified_phrase(&articles),
            articles: parts
                .iter()
                .enumerate()
                .map(|(index, part)| ArticleContext {
                    number: index + 2,
                    name: name(part.article),
                    title: part.title.clone(),
                    replaced: match part.article {
                        Article::Annex(_) => "remplacée",
                        _ => "remplacé",
                    },
                    by: match part.article {
                        Article::Annex(_) => "le tableau suivant",
                        _ => "les dispositions suivantes",
                    },
                    removed: part.wording.is_empty(),
                    wording: Value::from_safe_string(include_mark(&wording_key(index))),
                })
                .collect(),
            last: parts.len() + 2,
            date: BLANK.to_owned(),
        },
    };
    let mut document = render_with(&options.template, AVENANT, &variables, |version| {
        let mut meta = meta(new, version, options.non_compliant);
        meta.subject = format!("Avenant n° {number} — {}", meta.subject);
        meta.date = options
            .effect
            .unwrap_or(signed_on)
            .format("%Y-%m-%d")
            .to_string();
        meta
    })?;
    if let Some(Block::Title(title)) = document.blocks.first() {
        document.meta.title = title.text();
    }
    document.blocks = include_wordings(document.blocks, &parts);
    Ok(Written {
        unplaced: unplaced(signed, new, &parts),
        document,
    })
}

fn wording_key(index: usize) -> String {
    format!("avenant-article-{index}")
}

/// The changes an avenant writes from no article: the title, the visas, the
/// signature's place and date. (Changes of the parties' signatories are in
/// its head, which is the new version's.)
pub fn unplaced(signed: &Draft, new: &Draft, parts: &[Rewritten]) -> Vec<Change> {
    let rewritten: Vec<Article> = parts.iter().map(|p| p.article).collect();
    diff(signed, new)
        .into_iter()
        .filter(|change| {
            let articles = change.path.field().info().articles;
            !articles.contains(&Article::Parties)
                && !articles.iter().any(|article| rewritten.contains(article))
        })
        .collect()
}

/// The new wording as the avenant quotes it: in italics, its sections'
/// headings made bold lines, so that they do not read as the avenant's own.
fn quoted(blocks: &[Block]) -> Vec<Block> {
    fn italic(inlines: &[Inline]) -> Vec<Inline> {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Text { text, style } => Inline::Text {
                    text: text.clone(),
                    style: crate::document::Style {
                        italic: true,
                        ..*style
                    },
                },
                Inline::Revised { revision, content } => Inline::Revised {
                    revision: *revision,
                    content: italic(content),
                },
                other => other.clone(),
            })
            .collect()
    }
    let paragraph = |p: &Paragraph| Paragraph {
        content: italic(&p.content),
        ..p.clone()
    };
    blocks
        .iter()
        .map(|block| match block {
            Block::Heading { text, .. } => {
                let mut line = paragraph(text);
                for inline in &mut line.content {
                    if let Inline::Text { style, .. } = inline {
                        style.bold = true;
                    }
                }
                Block::Paragraph(line)
            }
            Block::Paragraph(p) => Block::Paragraph(paragraph(p)),
            Block::List(items) => Block::List(items.iter().map(paragraph).collect()),
            Block::Table(table) => {
                let mut table = table.clone();
                for row in &mut table.rows {
                    for cell in &mut row.cells {
                        for p in &mut cell.paragraphs {
                            p.content = italic(&p.content);
                        }
                    }
                }
                Block::Table(table)
            }
            other => other.clone(),
        })
        .collect()
}

/// Puts each part's new wording where the template asked for it; a part
/// the new version has no longer is said to be removed.
fn include_wordings(blocks: Vec<Block>, parts: &[Rewritten]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let key = match &block {
            Block::Paragraph(paragraph) => include_key(&paragraph.text()).map(str::to_owned),
            _ => None,
        };
        let part = key.and_then(|key| (0..parts.len()).find(|i| wording_key(*i) == key));
        match part {
            Some(index) if parts[index].wording.is_empty() => {
                out.push(Block::Paragraph(Paragraph::new(vec![Inline::text(
                    "(Supprimé.)",
                )])));
            }
            Some(index) => out.extend(quoted(&parts[index].wording)),
            None => out.push(block),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Money, YearRow};

    fn signed() -> Draft {
        crate::model::example()
    }

    /// The reference, extended to 2024 with more credits.
    fn extended() -> Draft {
        let mut new = signed();
        new.budget.schedule[1] = YearRow {
            year: 2023,
            ae: Money::from_euros(15_000).expect("small"),
            cp: Money::from_euros(15_000).expect("small"),
        };
        new.budget.schedule.push(YearRow {
            year: 2024,
            ae: Money::from_euros(10_000).expect("small"),
            cp: Money::from_euros(10_000).expect("small"),
        });
        new.end_date = NaiveDate::from_ymd_opt(2024, 12, 31);
        new
    }

    #[test]
    fn only_the_modified_articles_are_rewritten() {
        let parts = rewritten(&signed(), &extended(), &TemplateSource::Builtin).expect("renders");
        let articles: Vec<Article> = parts.iter().map(|p| p.article).collect();
        assert_eq!(articles, [Article::Numbered(5), Article::Numbered(7)]);
        assert_eq!(parts[0].title, "Exécution financière de la délégation");
        let wording = Document {
            blocks: parts[0].wording.clone(),
            ..Document::default()
        }
        .plain_text();
        assert!(wording.contains("| 2024 | 10\u{202f}000\u{a0}€ | 10\u{202f}000\u{a0}€ |"));
        assert!(wording.contains("cinquante-cinq mille euros"));
        assert!(!wording.contains("Fait à"));
    }

    #[test]
    fn the_avenant_cites_the_signed_convention_and_names_the_articles() {
        let options = AvenantOptions {
            number: 2,
            effect: NaiveDate::from_ymd_opt(2022, 9, 1),
            ..AvenantOptions::default()
        };
        let document = avenant(&signed(), &extended(), &options)
            .expect("an avenant")
            .document;
        let text = document.plain_text();
        for expected in [
            "Avenant n° 2 à la convention de délégation de gestion signée le 19\u{a0}mai 2022",
            "Vu la convention de délégation de gestion signée le 19\u{a0}mai 2022 entre le MEAE et la DINUM",
            "Article 1\u{a0}: Objet de l'avenant",
            "modifier les articles 5 et 7 de la convention",
            "Article 2\u{a0}: Modification de l'article 5",
            "L'article 5 de la convention, «\u{a0}Exécution financière de la délégation\u{a0}», est remplacé par les dispositions suivantes\u{a0}:",
            "Article 3\u{a0}: Modification de l'article 7",
            "Elle est conclue jusqu'au 31\u{a0}décembre 2024.",
            "Article 4\u{a0}: Date d'effet et autres stipulations",
            "prend effet le 1er\u{a0}septembre 2022",
            "Les autres stipulations de la convention demeurent inchangées.",
            "Pour le MEAE,",
        ] {
            // The document is typeset the French way (see `typography`).
            let expected = crate::document::typography::typeset(expected);
            assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
        }
        assert!(
            !text.contains("Objet de la délégation"),
            "unchanged articles are not repeated"
        );
        assert!(!text.contains("Annexe\u{a0}1"));
        assert_eq!(document.meta.date, "2022-09-01");
        assert!(document.meta.title.starts_with("Avenant n°\u{a0}2"));
    }

    #[test]
    fn refusals_say_why() {
        let same = avenant(&signed(), &signed(), &AvenantOptions::default());
        assert!(matches!(same, Err(AvenantError::Unchanged)));
        let mut other = extended();
        other.delegant.name = "Ministère de la Culture".into();
        let error = avenant(&signed(), &other, &AvenantOptions::default()).expect_err("refused");
        assert!(error.to_string().contains("le délégant diffère"), "{error}");
        let mut other = extended();
        other.budget.uo = "0224-CULT-DNUM".into();
        let error = avenant(&signed(), &other, &AvenantOptions::default()).expect_err("refused");
        assert!(error.to_string().contains("l'UO diffère"), "{error}");
        let mut signer = signed();
        signer.delegant.representative.name = "Mme Claire DUPONT".into();
        let error = avenant(&signed(), &signer, &AvenantOptions::default()).expect_err("refused");
        assert!(matches!(error, AvenantError::NoArticle { .. }), "{error}");
        let late = AvenantOptions {
            effect: NaiveDate::from_ymd_opt(2023, 1, 15),
            ..AvenantOptions::default()
        };
        let error = avenant(&signed(), &extended(), &late).expect_err("refused");
        assert!(matches!(error, AvenantError::AfterEnd { .. }), "{error}");
        assert!(
            error
                .to_string()
                .contains("prend fin le 31\u{a0}décembre 2022"),
            "{error}"
        );
        let early = AvenantOptions {
            effect: NaiveDate::from_ymd_opt(2022, 1, 1),
            ..AvenantOptions::default()
        };
        let error = avenant(&signed(), &extended(), &early).expect_err("refused");
        assert!(error.to_string().contains("date d'effet"), "{error}");
    }

    #[test]
    fn an_avenant_is_checked_over_the_amended_convention() {
        // The new version dated as the avenant would put 2022's credits
        // outside its period; checked as an avenant, they are not.
        let mut dated = extended();
        dated.signature.date = NaiveDate::from_ymd_opt(2024, 3, 1);
        assert!(rules::has_errors(&rules::check(&dated)));
        assert!(!rules::has_errors(&check(&signed(), &dated)));
    }

    #[test]
    fn the_new_wording_is_quoted_and_edits_outside_articles_are_said() {
        let mut new = extended();
        new.visas.remove(1);
        let written = avenant(&signed(), &new, &AvenantOptions::default()).expect("an avenant");
        let document = &written.document;
        let quoted = document.blocks.iter().any(|block| match block {
            Block::Table(table) => table.rows.iter().all(|row| {
                row.cells
                    .iter()
                    .flat_map(|c| &c.paragraphs)
                    .flat_map(|p| &p.content)
                    .all(|inline| !matches!(inline, Inline::Text { style, .. } if !style.italic))
            }),
            _ => false,
        });
        assert!(quoted, "the new AE/CP table is in italics");
        let unplaced: Vec<String> = written.unplaced.iter().map(Change::sentence).collect();
        assert_eq!(unplaced.len(), 1);
        assert!(unplaced[0].starts_with("Visa 2 : supprimé"), "{unplaced:?}");
    }

    #[test]
    fn phrases_name_the_parts() {
        use Article::{Annex, Numbered, Preamble};
        assert_eq!(modified_phrase(&[Numbered(5)]), "l'article 5");
        assert_eq!(
            modified_phrase(&[Preamble, Numbered(2), Numbered(5), Numbered(7), Annex(1)]),
            "le préambule, les articles 2, 5 et 7 et l'annexe 1"
        );
        assert_eq!(modified_phrase(&[Annex(1)]), "l'annexe 1");
    }
}
