//! The fiche as one A4 page: a small document tree for the export's PDF
//! writer, shortened step by step (fewer years shown one by one, fewer
//! error messages, shorter texts) until the PDF has a single page.

use super::{Fiche, SummaryError, YearLine};
use crate::document::{Align, Block, Cell, Document, Inline, Meta, Paragraph, Row, Table};
use crate::model::Money;
use crate::rules::count_of;

/// How much of a long draft the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Schedule rows shown; beyond, the last row sums up the later years.
    pub years: usize,
    /// Error messages listed; beyond, « … et N autres erreurs ».
    pub errors: usize,
    /// Characters of a text from the draft; beyond, cut with « … ».
    pub chars: usize,
    /// Chorus activités listed; beyond, « … et N autres activités ».
    pub activites: usize,
}

impl Limits {
    /// From the fullest page to the shortest, tried in this order.
    pub const LADDER: [Limits; 12] = [
        Limits {
            years: 12,
            errors: 8,
            chars: 400,
            activites: 6,
        },
        Limits {
            years: 10,
            errors: 6,
            chars: 300,
            activites: 5,
        },
        Limits {
            years: 8,
            errors: 5,
            chars: 240,
            activites: 4,
        },
        Limits {
            years: 7,
            errors: 4,
            chars: 200,
            activites: 4,
        },
        Limits {
            years: 6,
            errors: 3,
            chars: 160,
            activites: 3,
        },
        Limits {
            years: 6,
            errors: 3,
            chars: 120,
            activites: 3,
        },
        Limits {
            years: 5,
            errors: 2,
            chars: 120,
            activites: 2,
        },
        Limits {
            years: 5,
            errors: 2,
            chars: 100,
            activites: 2,
        },
        Limits {
            years: 4,
            errors: 2,
            chars: 80,
            activites: 2,
        },
        Limits {
            years: 4,
            errors: 1,
            chars: 80,
            activites: 1,
        },
        Limits {
            years: 3,
            errors: 1,
            chars: 60,
            activites: 1,
        },
        Limits {
            years: 2,
            errors: 0,
            chars: 40,
            activites: 1,
        },
    ];
}

impl Fiche {
    /// The fiche as a one-page PDF: the fullest form that fits.
    pub fn pdf(&self) -> Result<Vec<u8>, SummaryError> {
        for limits in Limits::LADDER {
            let bytes = crate::export::pdf::write_pdf(&self.document(limits))?;
            let pages = lopdf::Document::load_mem(&bytes)
                .map_err(|error| SummaryError::Reread(error.to_string()))?
                .get_pages()
                .len();
            if pages == 1 {
                return Ok(bytes);
            }
        }
        Err(SummaryError::TooLong)
    }

    /// The schedule within `max` rows: the first years one by one, the
    /// others summed up in the last row (« 2032–2044 »).
    pub fn years_within(&self, max: usize) -> Vec<YearLine> {
        let max = max.max(2);
        if self.years.len() <= max {
            return self.years.clone();
        }
        let (shown, rest) = self.years.split_at(max - 1);
        let mut lines = shown.to_vec();
        let first = rest
            .first()
            .map(|line| line.years.as_str())
            .unwrap_or_default();
        let last = rest
            .last()
            .map(|line| line.years.as_str())
            .unwrap_or_default();
        lines.push(YearLine {
            years: format!(
                "{first}–{last} ({})",
                count_of(rest.len(), "année", "années")
            ),
            ae: Money::sum(rest.iter().map(|line| &line.ae)),
            cp: Money::sum(rest.iter().map(|line| &line.cp)),
        });
        lines
    }

    /// The document tree of the fiche within `limits`.
    pub fn document(&self, limits: Limits) -> Document {
        let clip = |text: &str| clipped(text, limits.chars);
        let mut blocks = vec![Block::Title(Paragraph {
            align: Align::Center,
            ..Paragraph::new(vec![Inline::text("Fiche de synthèse")])
        })];
        let mut subtitle = clip(&self.title);
        if !self.parties_short.is_empty() {
            subtitle = format!("{subtitle} — {}", clip(&self.parties_short));
        }
        blocks.push(Block::Paragraph(Paragraph {
            align: Align::Center,
            ..Paragraph::new(vec![Inline::text(subtitle)])
        }));

        blocks.push(heading("Parties"));
        blocks.push(Block::Table(self.parties(&clip)));

        blocks.push(heading("Objet et période"));
        let mut beneficiary = clip(&self.beneficiary);
        if !self.phase.is_empty() {
            beneficiary = format!("{} (phase : {})", or_dash(beneficiary), self.phase);
        }
        blocks.push(facts(&[
            ("Bénéficiaire", beneficiary),
            ("Objet", clip(&self.purpose)),
            (
                "Période",
                format!(
                    "{} ; signature : {} ; préavis de {}",
                    self.period,
                    clip(&self.signature),
                    self.notice
                ),
            ),
        ]));

        blocks.push(heading("Budget"));
        let mut uo = format!("{} ({})", clip(&self.uo), self.titre_2);
        if !self.programme.is_empty() {
            uo = format!("{uo}, programme {}", clip(&self.programme));
        }
        blocks.push(facts(&[("UO", uo)]));
        blocks.push(Block::Table(self.schedule(limits)));

        if !self.chorus.is_empty() {
            blocks.push(heading("Imputation Chorus"));
            blocks.push(pairs(&self.chorus_within(limits, &clip)));
        }

        blocks.push(heading("Constats et relecture"));
        let mut status = format!("Statut : {}", self.status);
        if !self.remarks.is_empty() {
            status = format!("{status} ; {}", self.remarks);
        }
        status = format!("{status}. {}.", capitalized(&self.tally.french()));
        blocks.push(Block::Paragraph(Paragraph::new(vec![Inline::text(status)])));
        if !self.errors.is_empty() {
            let mut items: Vec<Paragraph> = self
                .errors
                .iter()
                .take(limits.errors)
                .map(|message| {
                    let message = clipped(message, limits.chars.max(ERROR_CHARS));
                    Paragraph::new(vec![Inline::text(message)])
                })
                .collect();
            let more = self.errors.len().saturating_sub(limits.errors);
            if more > 0 {
                let others = if more == self.errors.len() {
                    count_of(more, "erreur", "erreurs")
                } else {
                    count_of(more, "autre erreur", "autres erreurs")
                };
                items.push(Paragraph::new(vec![Inline::text(format!(
                    "… {others} : voir « convention check »."
                ))]));
            }
            blocks.push(Block::List(items));
        }

        Document {
            meta: self.meta(),
            blocks,
        }
    }

    /// The délégant and the délégataire side by side.
    fn parties(&self, clip: &dyn Fn(&str) -> String) -> Table {
        let row = |label: &str, delegant: &str, delegataire: &str| {
            Row::new(vec![
                cell(Inline::bold(label)),
                cell(Inline::text(or_dash(clip(delegant)))),
                cell(Inline::text(or_dash(clip(delegataire)))),
            ])
        };
        Table {
            widths: vec![2, 5, 5],
            aligns: vec![Align::Left; 3],
            header_rows: 1,
            rows: vec![
                Row::new(vec![
                    cell(Inline::bold("")),
                    cell(Inline::bold("Délégant")),
                    cell(Inline::bold("Délégataire")),
                ]),
                row("Nom", &self.delegant, &self.delegataire),
                row(
                    "Signataire",
                    &self.delegant_signatory,
                    &self.delegataire_signatory,
                ),
                row("Adresse", &self.delegant_address, &self.delegataire_address),
            ],
        }
    }

    /// The Chorus references, the activités beyond `limits.activites`
    /// counted in one row.
    fn chorus_within(&self, limits: Limits, clip: &dyn Fn(&str) -> String) -> Vec<(&str, String)> {
        let activites = self
            .chorus
            .iter()
            .filter(|(label, _)| label == ACTIVITE)
            .count();
        let mut shown = 0;
        let mut rows = Vec::new();
        for (label, value) in &self.chorus {
            if label == ACTIVITE {
                shown += 1;
                if shown > limits.activites {
                    if shown == limits.activites + 1 {
                        let more = activites - limits.activites;
                        rows.push((
                            ACTIVITE,
                            format!(
                                "… et {}",
                                count_of(more, "autre activité", "autres activités")
                            ),
                        ));
                    }
                    continue;
                }
            }
            rows.push((label.as_str(), clip(value)));
        }
        rows
    }

    /// Year, AE, CP, one row a year and the totals.
    fn schedule(&self, limits: Limits) -> Table {
        let mut rows = vec![Row::new(vec![
            cell(Inline::bold("Année")),
            cell(Inline::bold("AE")),
            cell(Inline::bold("CP")),
        ])];
        for line in self.years_within(limits.years) {
            rows.push(Row::new(vec![
                cell(Inline::text(line.years)),
                cell(Inline::text(self.amount(line.ae))),
                cell(Inline::text(self.amount(line.cp))),
            ]));
        }
        rows.push(Row::new(vec![
            cell(Inline::bold("Total")),
            cell(Inline::bold(self.amount(self.total_ae))),
            cell(Inline::bold(self.amount(self.total_cp))),
        ]));
        Table {
            widths: vec![2, 3, 3],
            aligns: vec![Align::Left, Align::Right, Align::Right],
            header_rows: 1,
            rows,
        }
    }

    /// The file's properties: dated by the draft, not the clock.
    fn meta(&self) -> Meta {
        let subject = if self.parties_short.is_empty() {
            "Délégation de gestion".to_owned()
        } else {
            format!("Délégation de gestion {}", self.parties_short)
        };
        Meta {
            title: format!("Fiche de synthèse — {}", self.title),
            subject,
            author: self.delegataire.clone(),
            keywords: vec![
                "fiche de synthèse".to_owned(),
                "délégation de gestion".to_owned(),
            ],
            header: clipped(&self.parties_short, HEADER_CHARS),
            template_version: format!("fiche de synthèse {}", env!("CARGO_PKG_VERSION")),
            draft_hash: self.draft_hash.clone(),
            provenance_date: self.provenance_date.clone(),
            watermark: None,
            date: self.date.clone(),
            revision_author: String::new(),
            revision_date: String::new(),
        }
    }
}

/// Characters of the header at the head of the page.
const HEADER_CHARS: usize = 80;

/// Characters of an error's message at least, however short the texts.
const ERROR_CHARS: usize = 160;

/// The label of an activité among the Chorus references.
const ACTIVITE: &str = "Activité";

/// « — » for an empty text.
fn or_dash(text: String) -> String {
    if text.trim().is_empty() {
        "—".to_owned()
    } else {
        text
    }
}

/// A section heading.
fn heading(text: &str) -> Block {
    Block::Heading {
        level: 2,
        text: Paragraph {
            align: Align::Left,
            ..Paragraph::new(vec![Inline::text(text)])
        },
    }
}

/// Labels and values two by two, in a four-column table.
fn pairs(rows: &[(&str, String)]) -> Block {
    let rows = rows
        .chunks(2)
        .map(|pair| {
            let mut cells = Vec::new();
            for (label, value) in pair {
                cells.push(cell(Inline::bold(*label)));
                cells.push(cell(Inline::text(or_dash(value.clone()))));
            }
            while cells.len() < 4 {
                cells.push(cell(Inline::text("")));
            }
            Row::new(cells)
        })
        .collect();
    Block::Table(Table {
        widths: vec![2, 3, 2, 3],
        aligns: vec![Align::Left; 4],
        header_rows: 0,
        rows,
    })
}

/// A two-column table of labels and values; the empty values read « — ».
fn facts(rows: &[(&str, String)]) -> Block {
    let rows = rows
        .iter()
        .map(|(label, value)| {
            let value = or_dash(value.clone());
            Row::new(vec![cell(Inline::bold(*label)), cell(Inline::text(value))])
        })
        .collect();
    Block::Table(Table {
        widths: vec![1, 3],
        aligns: vec![Align::Left, Align::Left],
        header_rows: 0,
        rows,
    })
}

/// A cell of one paragraph, flush left.
fn cell(inline: Inline) -> Cell {
    Cell {
        paragraphs: vec![Paragraph {
            align: Align::Left,
            ..Paragraph::new(vec![inline])
        }],
        source: Vec::new(),
    }
}

/// The text cut to `max` characters, « … » at the cut.
fn clipped(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// « Aucune erreur, … » from « aucune erreur, … ».
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_schedules_are_summed_up_in_the_last_row() {
        let mut draft = crate::model::example();
        draft.budget.schedule = (2025..2045)
            .map(|year| crate::model::YearRow {
                year,
                ae: Money::from_euros(1_000).expect("small"),
                cp: Money::from_euros(500).expect("small"),
            })
            .collect();
        let fiche = Fiche::of(&draft);
        let lines = fiche.years_within(8);
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[6].years, "2031");
        assert_eq!(lines[7].years, "2032–2044 (13 années)");
        assert_eq!(lines[7].ae, Money::from_euros(13_000).expect("small"));
        assert_eq!(fiche.years_within(30).len(), 20);
    }

    #[test]
    fn the_shortest_form_fits_whatever_the_draft() {
        let long = "Ministère des très longues dénominations administratives ".repeat(80);
        let mut draft = crate::model::example();
        for text in [
            &mut draft.title,
            &mut draft.delegant.name,
            &mut draft.delegant.short_name,
            &mut draft.delegant.address,
            &mut draft.delegant.representative.name,
            &mut draft.delegant.representative.title,
            &mut draft.delegataire.address,
            &mut draft.object.beneficiary,
            &mut draft.object.purpose,
            &mut draft.signature.place,
            &mut draft.chorus.domaine_fonctionnel,
            &mut draft.chorus.centre_financier,
            &mut draft.chorus.centre_de_cout,
            &mut draft.chorus.axe_ministeriel_1,
            &mut draft.budget.uo,
        ] {
            *text = long.clone();
        }
        draft.budget.schedule = (1950..2100)
            .map(|year| crate::model::YearRow {
                year,
                ae: Money::from_euros(1).expect("small"),
                cp: Money::from_euros(2).expect("small"),
            })
            .collect();
        draft.chorus.activites = (0..50)
            .map(|_| crate::model::Activite {
                code: long.clone(),
                label: long.clone(),
            })
            .collect();
        let fiche = Fiche::of(&draft);
        assert!(fiche.errors.len() > 10, "{}", fiche.errors.len());
        let bytes = fiche.pdf().expect("it fits");
        let pages = lopdf::Document::load_mem(&bytes)
            .expect("reads")
            .get_pages()
            .len();
        assert_eq!(pages, 1);
    }

    #[test]
    fn texts_are_cut_with_an_ellipsis() {
        assert_eq!(clipped("  court ", 10), "court");
        assert_eq!(clipped("abcdef ghij", 8), "abcdef…");
    }
}
