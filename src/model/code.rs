//! Chorus codes: their formats, and the programme each one belongs to.
//!
//! The draft keeps codes as the user typed them; these parsers say whether a
//! code is well formed and, if not, what is wrong with it in plain French.

/// A programme number on four digits, e.g. `0105`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Programme([u8; 4]);

impl Programme {
    /// The four digits as text.
    pub fn as_str(&self) -> &str {
        // Built only from ASCII digits.
        std::str::from_utf8(&self.0).unwrap_or("????")
    }

    /// Reads exactly four ASCII digits, e.g. `0105`.
    pub fn from_digits(text: &str) -> Option<Self> {
        let bytes: [u8; 4] = text.as_bytes().try_into().ok()?;
        bytes.iter().all(u8::is_ascii_digit).then_some(Self(bytes))
    }
}

impl std::fmt::Display for Programme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A well-formed UO or centre financier: `PPPP-BBBB-UUUU`, possibly
/// written with an `XX00/` prefix as Chorus exports do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UoCode {
    /// The programme.
    pub programme: Programme,
    /// The code without any prefix, e.g. `0105-CRES-DNUM`.
    pub canonical: String,
}

/// A well-formed domaine fonctionnel: `PPPP-AA` or `PPPP-AA-SS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DomaineFonctionnel {
    /// The programme.
    pub programme: Programme,
}

/// A well-formed activité code: the programme on 4 digits, then 8 letters or
/// digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiviteCode {
    /// The programme.
    pub programme: Programme,
}

/// Reads a UO or centre financier.
pub fn parse_uo(text: &str) -> Result<UoCode, String> {
    const EXPECTED: &str = "format attendu PPPP-BBBB-UUUU, par exemple 0105-CRES-DNUM";
    common_faults(text, EXPECTED)?;
    let code = match text.split_once('/') {
        Some((prefix, rest)) => {
            if prefix.len() != 4 || !prefix.bytes().all(is_upper_alnum) {
                return Err(format!(
                    "le préfixe « {prefix}/ » n'est pas de la forme XX00/ ({EXPECTED})"
                ));
            }
            rest
        }
        None => text,
    };
    let parts: Vec<&str> = code.split('-').collect();
    let [programme, bop, uo] = parts[..] else {
        return Err(format!(
            "« {text} » doit avoir trois parties séparées par des tirets ({EXPECTED})"
        ));
    };
    let programme = Programme::from_digits(programme).ok_or_else(|| {
        format!("le programme « {programme} » doit tenir en 4 chiffres, avec ses zéros en tête ({EXPECTED})")
    })?;
    for (name, part) in [("BOP", bop), ("UO", uo)] {
        if part.len() != 4 || !part.bytes().all(is_upper_alnum) {
            return Err(format!(
                "la partie {name} « {part} » doit compter 4 lettres ou chiffres ({EXPECTED})"
            ));
        }
    }
    Ok(UoCode {
        programme,
        canonical: code.to_owned(),
    })
}

/// Reads a domaine fonctionnel.
pub fn parse_domaine_fonctionnel(text: &str) -> Result<DomaineFonctionnel, String> {
    const EXPECTED: &str = "format attendu PPPP-AA ou PPPP-AA-SS, par exemple 0105-06-08";
    common_faults(text, EXPECTED)?;
    let parts: Vec<&str> = text.split('-').collect();
    if !(2..=3).contains(&parts.len()) {
        return Err(format!(
            "« {text} » doit avoir deux ou trois parties séparées par des tirets ({EXPECTED})"
        ));
    }
    let programme = Programme::from_digits(parts[0]).ok_or_else(|| {
        format!(
            "le programme « {} » doit tenir en 4 chiffres ({EXPECTED})",
            parts[0]
        )
    })?;
    for (name, part) in ["action", "sous-action"].iter().zip(&parts[1..]) {
        if part.len() != 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "l'{name} « {part} » doit tenir en 2 chiffres ({EXPECTED})"
            ));
        }
    }
    Ok(DomaineFonctionnel { programme })
}

/// Reads an activité code.
pub fn parse_activite(text: &str) -> Result<ActiviteCode, String> {
    const EXPECTED: &str = "12 caractères : le programme sur 4 chiffres puis 8 lettres ou chiffres, par exemple 010501A61404";
    common_faults(text, EXPECTED)?;
    if text.chars().count() != 12 {
        return Err(format!(
            "« {text} » compte {} caractères au lieu de 12 ({EXPECTED})",
            text.chars().count()
        ));
    }
    if !text.bytes().all(is_upper_alnum) {
        return Err(format!(
            "« {text} » ne doit contenir que des lettres et des chiffres ({EXPECTED})"
        ));
    }
    let programme = Programme::from_digits(&text[..4]).ok_or_else(|| {
        format!("« {text} » doit commencer par le programme sur 4 chiffres ({EXPECTED})")
    })?;
    Ok(ActiviteCode { programme })
}

/// Reads a centre de coût.
pub fn parse_centre_de_cout(text: &str) -> Result<(), String> {
    const EXPECTED: &str = "10 lettres ou chiffres, par exemple AECDSI4092";
    common_faults(text, EXPECTED)?;
    if text.chars().count() != 10 {
        return Err(format!(
            "« {text} » compte {} caractères au lieu de 10 ({EXPECTED})",
            text.chars().count()
        ));
    }
    if !text.bytes().all(is_upper_alnum) {
        return Err(format!(
            "« {text} » ne doit contenir que des lettres et des chiffres ({EXPECTED})"
        ));
    }
    Ok(())
}

fn is_upper_alnum(byte: u8) -> bool {
    byte.is_ascii_uppercase() || byte.is_ascii_digit()
}

/// Faults every code can have: empty, surrounding spaces, lower case.
fn common_faults(text: &str, expected: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("code à renseigner ({expected})"));
    }
    if text.trim() != text {
        return Err(format!(
            "« {text} » contient des espaces en trop au début ou à la fin"
        ));
    }
    if text.chars().any(char::is_whitespace) {
        return Err(format!(
            "« {text} » ne doit pas contenir d'espace ({expected})"
        ));
    }
    if text.chars().any(|c| c.is_lowercase()) {
        return Err(format!(
            "« {text} » contient des minuscules : les codes Chorus s'écrivent en majuscules ({})",
            text.to_uppercase()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uo_codes() {
        let code = parse_uo("0105-CRES-DNUM").expect("valid");
        assert_eq!(code.programme.as_str(), "0105");
        assert_eq!(
            parse_uo("AB00/0105-CRES-DNUM").expect("prefix").canonical,
            "0105-CRES-DNUM"
        );
        assert!(
            parse_uo("105-CRES-DNUM")
                .unwrap_err()
                .contains("4 chiffres")
        );
        assert!(
            parse_uo("0105-cres-dnum")
                .unwrap_err()
                .contains("majuscules")
        );
        assert!(parse_uo("0105-CRES").unwrap_err().contains("trois parties"));
        assert!(parse_uo("0105-CRESS-DNUM").unwrap_err().contains("BOP"));
        assert!(parse_uo(" 0105-CRES-DNUM").unwrap_err().contains("espaces"));
        assert!(parse_uo("").unwrap_err().contains("à renseigner"));
        assert!(parse_uo("ABC/0105-CRES-DNUM").is_err());
    }

    #[test]
    fn domaines_fonctionnels() {
        assert_eq!(
            parse_domaine_fonctionnel("0105-06-08")
                .expect("valid")
                .programme
                .as_str(),
            "0105"
        );
        assert!(parse_domaine_fonctionnel("0105-06").is_ok());
        assert!(parse_domaine_fonctionnel("0105-6-08").is_err());
        assert!(parse_domaine_fonctionnel("0105-06-08-01").is_err());
        assert!(parse_domaine_fonctionnel("0105").is_err());
        assert!(parse_domaine_fonctionnel("01A5-06").is_err());
    }

    #[test]
    fn activites() {
        assert_eq!(
            parse_activite("010501A61404")
                .expect("valid")
                .programme
                .as_str(),
            "0105"
        );
        assert!(
            parse_activite("010501A6140")
                .unwrap_err()
                .contains("11 caractères")
        );
        assert!(
            parse_activite("A10501A61404")
                .unwrap_err()
                .contains("programme")
        );
        assert!(parse_activite("0105-1A61404").is_err());
        assert!(parse_activite("010501a61404").is_err());
        assert!(parse_activite("0105é1A6140").is_err());
    }

    #[test]
    fn centres_de_cout() {
        assert!(parse_centre_de_cout("AECDSI4092").is_ok());
        assert!(parse_centre_de_cout("AECDSI409").is_err());
        assert!(parse_centre_de_cout("AECDSI-092").is_err());
        assert!(parse_centre_de_cout("aecdsi4092").is_err());
    }
}
