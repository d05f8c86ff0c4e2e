//! The fiche as plain text, for the terminal: every year and every error,
//! as nothing limits a text to one page. Every typed text is on one line
//! and cannot drive the terminal (see [`one_line`]).

use std::fmt::Write as _;

use super::Fiche;
use crate::escape::one_line;

impl Fiche {
    /// The fiche as lines of text, sections apart.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut title = format!("Fiche de synthèse — {}", one_line(&self.title));
        if !self.parties_short.is_empty() {
            let _ = write!(title, " — {}", one_line(&self.parties_short));
        }
        let _ = writeln!(out, "{title}");

        section(&mut out, "Parties");
        fact(&mut out, "Délégant", &self.delegant);
        fact(&mut out, "Signataire", &self.delegant_signatory);
        fact(&mut out, "Adresse", &self.delegant_address);
        fact(&mut out, "Délégataire", &self.delegataire);
        fact(&mut out, "Signataire", &self.delegataire_signatory);
        fact(&mut out, "Adresse", &self.delegataire_address);

        section(&mut out, "Objet et période");
        fact(&mut out, "Bénéficiaire", &self.beneficiary);
        fact(&mut out, "Objet", &self.purpose);
        fact(&mut out, "Phase", &self.phase);
        fact(&mut out, "Période", &self.period);
        fact(&mut out, "Signature", &self.signature);
        fact(&mut out, "Préavis", &self.notice);

        section(&mut out, "Budget");
        fact(&mut out, "UO", &format!("{} ({})", self.uo, self.titre_2));
        if !self.programme.is_empty() {
            fact(&mut out, "Programme", &self.programme);
        }
        let amounts: Vec<(String, String, String)> = self
            .years
            .iter()
            .map(|line| {
                (
                    line.years.clone(),
                    self.amount(line.ae),
                    self.amount(line.cp),
                )
            })
            .chain([(
                "Total".to_owned(),
                self.amount(self.total_ae),
                self.amount(self.total_cp),
            )])
            .collect();
        let ae_width = amounts
            .iter()
            .map(|(_, ae, _)| ae.chars().count())
            .max()
            .unwrap_or(0)
            .max(2);
        let cp_width = amounts
            .iter()
            .map(|(_, _, cp)| cp.chars().count())
            .max()
            .unwrap_or(0)
            .max(2);
        let _ = writeln!(
            out,
            "  {:<6}  {:>ae_width$}  {:>cp_width$}",
            "Année", "AE", "CP"
        );
        for (years, ae, cp) in &amounts {
            let _ = writeln!(out, "  {years:<6}  {ae:>ae_width$}  {cp:>cp_width$}");
        }

        if !self.chorus.is_empty() {
            section(&mut out, "Imputation Chorus");
            for (label, value) in &self.chorus {
                fact(&mut out, label, value);
            }
        }

        section(&mut out, "Constats");
        let _ = writeln!(out, "  {}", self.tally.french());
        for message in &self.errors {
            let _ = writeln!(out, "  - {}", one_line(message));
        }

        section(&mut out, "Relecture");
        let _ = writeln!(out, "  Statut : {}", one_line(&self.status));
        if !self.remarks.is_empty() {
            let _ = writeln!(out, "  {}", one_line(&self.remarks));
        }
        out
    }
}

/// A blank line and the section's name.
fn section(out: &mut String, name: &str) {
    let _ = writeln!(out, "\n{name}");
}

/// « Délégant : … », « — » for nothing.
fn fact(out: &mut String, label: &str, value: &str) {
    let value = if value.trim().is_empty() {
        "—"
    } else {
        value
    };
    let _ = writeln!(out, "  {} : {}", one_line(label), one_line(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_holds_the_facts() {
        let text = Fiche::of(&crate::model::example()).text();
        assert!(text.starts_with(
            "Fiche de synthèse — Convention de délégation de gestion — MEAE – DINUM\n"
        ));
        assert!(
            text.contains("  Période : du 19/05/2022 au 31/12/2022\n"),
            "{text}"
        );
        assert!(text.contains("Total"), "{text}");
        let total = crate::model::Money::from_euros(30_000)
            .expect("small")
            .to_french();
        assert!(text.contains(&format!("Total   {total}")), "{text}");
        assert!(text.contains("  Centre de coût : AECDSI4092\n"), "{text}");
        assert!(text.contains("  Statut : Brouillon\n"), "{text}");
    }
}
