//! The programmes of the State's general budget, shipped in
//! `assets/programmes/programmes-lfi-2013.json` (number, label, mission,
//! ministry, and the text they come from), and how a programme's ministry
//! is recognised in a party's free-text name.
//!
//! The match is by words: a name and every alias of a ministry are lowered,
//! stripped of accents and cut into words (`l'État` gives `l`, `etat`), and
//! the ministry is named when one alias's words appear in a row in the name.
//! `culture` is thus found in « Ministère de la culture » but not in
//! « Ministère de l'agriculture ».

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::code::Programme;

/// The data file, built into the binary.
const DATA: &str = include_str!("../../assets/programmes/programmes-lfi-2013.json");

static BUILT_IN: LazyLock<Catalogue> = LazyLock::new(|| {
    // The file is part of the source tree and a unit test parses it: a
    // failure here is a broken build, not a user's error.
    Catalogue::parse(DATA)
        .unwrap_or_else(|error| panic!("assets/programmes/programmes-lfi-2013.json : {error}"))
});

/// Where the list comes from, as the data file names it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The text, e.g. « Décret n° 2012-1553 du 29 décembre 2012 … ».
    pub texte: String,
    /// Its NOR number.
    pub nor: String,
    /// The part of the text the list is taken from.
    pub partie: String,
    /// The loi de finances the text distributes.
    pub loi_de_finances: String,
    /// The budget year.
    pub annee: u16,
    /// Where the text can be read.
    pub url: String,
    /// Who published it.
    pub publication: String,
    /// How the file was transcribed from the text.
    pub transcription: String,
}

/// A ministry as the text names its minister, with the words that
/// recognise it in a party's name.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ministry {
    /// Stable key, e.g. `affaires-etrangeres`.
    #[serde(rename = "cle")]
    pub key: String,
    /// The minister as the text names them, e.g. « Ministre des affaires
    /// étrangères ».
    #[serde(rename = "ministre")]
    pub minister: String,
    /// Words that name the ministry in a party's name, e.g. « affaires
    /// étrangères », « MEAE ».
    #[serde(rename = "alias")]
    pub aliases: Vec<String>,
}

/// One programme of the general budget.
#[derive(Clone, Debug)]
pub struct ProgrammeInfo {
    /// Its number, e.g. `0105`.
    pub number: Programme,
    /// Its label, e.g. « Action de la France en Europe et dans le monde ».
    pub label: String,
    /// Its mission, e.g. « Action extérieure de l'État ».
    pub mission: String,
    /// The key of the ministry whose minister holds its credits.
    pub ministry: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    numero: String,
    libelle: String,
    mission: String,
    ministere: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    source: Source,
    ministeres: Vec<Ministry>,
    programmes: Vec<RawProgramme>,
}

/// Why a programmes file was refused.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// Not the expected JSON.
    #[error("fichier de programmes illisible : {0}")]
    Json(#[from] serde_json::Error),
    /// A programme number that is not four digits.
    #[error("le numéro de programme « {0} » n'a pas 4 chiffres")]
    Number(String),
    /// A programme listed twice.
    #[error("le programme {0} est listé deux fois")]
    Duplicate(Programme),
    /// A programme whose ministry key is not in the ministries.
    #[error("le programme {0} renvoie au ministère « {1} », absent de la liste des ministères")]
    UnknownMinistry(Programme, String),
}

/// The list of programmes and ministries.
#[derive(Clone, Debug)]
pub struct Catalogue {
    /// Where the list comes from.
    pub source: Source,
    ministries: Vec<Ministry>,
    programmes: BTreeMap<Programme, ProgrammeInfo>,
}

impl Catalogue {
    /// The list built into the binary.
    pub fn built_in() -> &'static Catalogue {
        &BUILT_IN
    }

    /// Reads a programmes file.
    pub fn parse(text: &str) -> Result<Self, CatalogueError> {
        let raw: RawFile = serde_json::from_str(text)?;
        let mut programmes = BTreeMap::new();
        for entry in raw.programmes {
            let number = Programme::from_digits(&entry.numero)
                .ok_or_else(|| CatalogueError::Number(entry.numero.clone()))?;
            if !raw.ministeres.iter().any(|m| m.key == entry.ministere) {
                return Err(CatalogueError::UnknownMinistry(number, entry.ministere));
            }
            let info = ProgrammeInfo {
                number,
                label: entry.libelle,
                mission: entry.mission,
                ministry: entry.ministere,
            };
            if programmes.insert(number, info).is_some() {
                return Err(CatalogueError::Duplicate(number));
            }
        }
        Ok(Self {
            source: raw.source,
            ministries: raw.ministeres,
            programmes,
        })
    }

    /// The programme of that number, if listed.
    pub fn programme(&self, number: Programme) -> Option<&ProgrammeInfo> {
        self.programmes.get(&number)
    }

    /// Every programme, by number.
    pub fn programmes(&self) -> impl Iterator<Item = &ProgrammeInfo> {
        self.programmes.values()
    }

    /// The ministry of that key.
    pub fn ministry(&self, key: &str) -> Option<&Ministry> {
        self.ministries.iter().find(|m| m.key == key)
    }

    /// The ministry whose minister holds the programme's credits.
    pub fn ministry_of(&self, programme: &ProgrammeInfo) -> Option<&Ministry> {
        self.ministry(&programme.ministry)
    }

    /// The ministries that `names` (a party's name, short name…) name.
    pub fn ministries_named_in<'a>(
        &'a self,
        names: &[&str],
    ) -> impl Iterator<Item = &'a Ministry> + 'a {
        let names: Vec<Vec<String>> = names.iter().map(|name| words(name)).collect();
        self.ministries.iter().filter(move |ministry| {
            ministry.aliases.iter().any(|alias| {
                let alias = words(alias);
                !alias.is_empty()
                    && names
                        .iter()
                        .any(|name| name.windows(alias.len()).any(|w| w == alias.as_slice()))
            })
        })
    }

    /// The source in one line, e.g. « décret n° 2012-1553 … (loi de
    /// finances pour 2013) ».
    pub fn source_line(&self) -> String {
        format!("{}, {}", self.source.texte, self.source.partie)
    }
}

/// A text lowered, without accents, cut into words of letters and digits.
fn words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' => folded.push('a'),
            'ç' => folded.push('c'),
            'é' | 'è' | 'ê' | 'ë' => folded.push('e'),
            'î' | 'ï' => folded.push('i'),
            'ô' | 'ö' => folded.push('o'),
            'ù' | 'û' | 'ü' => folded.push('u'),
            'ÿ' => folded.push('y'),
            'œ' => folded.push_str("oe"),
            'æ' => folded.push_str("ae"),
            c if c.is_alphanumeric() => folded.push(c),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme(digits: &str) -> &'static ProgrammeInfo {
        let number = Programme::from_digits(digits).unwrap();
        Catalogue::built_in().programme(number).unwrap()
    }

    fn keys(names: &[&str]) -> Vec<String> {
        Catalogue::built_in()
            .ministries_named_in(names)
            .map(|m| m.key.clone())
            .collect()
    }

    #[test]
    fn the_built_in_list_parses_and_names_its_source() {
        let catalogue = Catalogue::built_in();
        assert_eq!(catalogue.programmes().count(), 115);
        assert_eq!(catalogue.source.annee, 2013);
        assert!(catalogue.source.texte.contains("n° 2012-1553"));
        assert!(catalogue.source.loi_de_finances.contains("n° 2012-1509"));
        for p in catalogue.programmes() {
            assert!(catalogue.ministry_of(p).is_some(), "{}", p.number);
            assert!(!p.label.is_empty() && !p.mission.is_empty());
        }
    }

    #[test]
    fn sourced_programmes() {
        // Décret n° 2012-1553, état A, as printed.
        let p = programme("0105");
        assert_eq!(p.label, "Action de la France en Europe et dans le monde");
        assert_eq!(p.mission, "Action extérieure de l'État");
        assert_eq!(p.ministry, "affaires-etrangeres");
        let p = programme("0224");
        assert_eq!(
            p.label,
            "Transmission des savoirs et démocratisation de la culture"
        );
        assert_eq!(p.mission, "Culture");
        assert_eq!(p.ministry, "culture");
        assert_eq!(
            programme("0129").label,
            "Coordination du travail gouvernemental"
        );
        assert_eq!(programme("0129").ministry, "premier-ministre");
        assert_eq!(programme("0176").label, "Police nationale");
        assert_eq!(programme("0176").ministry, "interieur");
        assert_eq!(programme("0209").ministry, "affaires-etrangeres");
        assert_eq!(programme("0110").ministry, "economie-finances");
        assert_eq!(programme("0166").ministry, "justice");
        // Dotations of « Pouvoirs publics » are not programmes.
        assert!(
            Catalogue::built_in()
                .programme(Programme::from_digits("0501").unwrap())
                .is_none()
        );
        assert!(
            Catalogue::built_in()
                .programme(Programme::from_digits("0999").unwrap())
                .is_none()
        );
    }

    #[test]
    fn ministries_are_recognised_by_whole_words() {
        assert_eq!(
            keys(&["Ministère de l'Europe et des Affaires étrangères"]),
            ["affaires-etrangeres"]
        );
        assert_eq!(keys(&["", "MEAE"]), ["affaires-etrangeres"]);
        assert_eq!(keys(&["Ministère de la Culture"]), ["culture"]);
        assert_eq!(
            keys(&["Ministère de l'Agriculture et de la Souveraineté alimentaire"]),
            ["agriculture"]
        );
        assert_eq!(keys(&["Ministère des Armées"]), ["defense"]);
        assert_eq!(
            keys(&["Ministère de l'Intérieur et des Outre-mer"]),
            ["interieur", "outre-mer"]
        );
        assert!(keys(&["Direction interministérielle du numérique", "DINUM"]).is_empty());
    }

    #[test]
    fn a_broken_file_is_refused_with_its_reason() {
        let text = DATA.replace("\"0105\"", "\"105\"");
        assert!(matches!(
            Catalogue::parse(&text),
            Err(CatalogueError::Number(n)) if n == "105"
        ));
        let text = DATA.replace("\"0185\"", "\"0105\"");
        assert!(matches!(
            Catalogue::parse(&text),
            Err(CatalogueError::Duplicate(_))
        ));
    }
}
