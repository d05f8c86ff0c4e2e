//! French typography, applied to every text the markup parser puts in the
//! document tree (template text and the draft's typed text alike), so that
//! both writers and the preview show the same: no-break spaces where a line
//! must not break (« n° 2004-1085 », « article 6 », « 19 mai 2022 »,
//! « 30 000,00 € », before « : ; ! ? » and inside « »), curly apostrophes
//! (« l’État ») except inside addresses, e-mails and codes, and ordinals
//! (« 1er », « 2e ») raised as superscripts.
//!
//! Written by hand: the rules are a handful of French conventions on words
//! next to a space, which no typography crate covers in French.

use super::tree::{Inline, Style};
use crate::model::date::MONTHS;

/// A no-break space (before « : », inside dates and after « n° »).
const NBSP: char = '\u{a0}';
/// A narrow no-break space (before « ; ! ? », between thousands).
const NNBSP: char = '\u{202f}';

/// Words a number is tied to: « article 6 », « annexe 1 », « page 2 ».
const NUMBERED: [&str; 7] = [
    "article", "articles", "annexe", "annexes", "page", "pages", "art.",
];

/// Text in one style as inlines, typeset: [`typeset`], then each ordinal's
/// letters (« 1er », « 2e ») in a superscript run of their own.
pub fn styled(text: &str, style: Style) -> Vec<Inline> {
    let chars = typeset_chars(text);
    let mut out = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < chars.len() {
        match ordinal_at(&chars, index) {
            Some((digits, suffix)) => {
                let letters = index + digits;
                let end = letters + suffix;
                if letters > start {
                    out.push(run(&chars[start..letters], style));
                }
                out.push(run(
                    &chars[letters..end],
                    Style {
                        superscript: true,
                        ..style
                    },
                ));
                start = end;
                index = end;
            }
            None => index += 1,
        }
    }
    if start < chars.len() || out.is_empty() {
        out.push(run(&chars[start..], style));
    }
    out
}

fn run(chars: &[char], style: Style) -> Inline {
    Inline::Text {
        text: chars.iter().collect(),
        style,
    }
}

/// The text with French spaces and apostrophes: see the module's note.
pub fn typeset(text: &str) -> String {
    typeset_chars(text).into_iter().collect()
}

/// [`typeset`], as characters.
fn typeset_chars(text: &str) -> Vec<char> {
    let source: Vec<char> = text.chars().collect();
    let mut chars = Vec::with_capacity(source.len() + 4);
    space_the_french_way(&source, &mut chars);
    // « n°2004-1085 » → « n° 2004-1085 », the space unbreakable.
    let mut index = 0;
    while index < chars.len() {
        if chars[index] == '°'
            && is_number_sign(&chars, index)
            && chars.get(index + 1).is_some_and(char::is_ascii_digit)
        {
            chars.insert(index + 1, NBSP);
        }
        index += 1;
    }
    tie_spaces(&mut chars);
    curl_apostrophes(&mut chars);
    chars
}

/// Puts no-break spaces where French typography wants them: a narrow one
/// before `; ! ?`, a plain one after `«`, before `»` and before `:`.
pub fn french_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    space_the_french_way(&chars, &mut out);
    out.into_iter().collect()
}

/// [`french_spacing`] of `chars`, pushed to `out`.
fn space_the_french_way(chars: &[char], out: &mut Vec<char>) {
    for (index, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next = chars.get(index + 1).copied();
            let previous = index.checked_sub(1).map(|i| chars[i]);
            let at_end = |c: Option<char>| c.is_none_or(char::is_whitespace);
            match (previous, next) {
                (Some('«'), _) => out.push(NBSP),
                (_, Some('»')) => out.push(NBSP),
                (_, Some(':')) if at_end(chars.get(index + 2).copied()) => out.push(NBSP),
                (_, Some(';' | '!' | '?')) if at_end(chars.get(index + 2).copied()) => {
                    out.push(NNBSP)
                }
                _ => out.push(' '),
            }
        } else {
            out.push(c);
        }
    }
}

/// Whether the `°` at `index` ends « n° » (or « N° ») standing as a word.
fn is_number_sign(chars: &[char], index: usize) -> bool {
    index >= 1
        && matches!(chars[index - 1], 'n' | 'N')
        && (index == 1 || !chars[index - 2].is_alphanumeric())
}

/// Turns the spaces that must not break into no-break spaces. The cheap
/// tests on the neighbouring characters come first: most spaces are
/// passed over without looking at their words.
fn tie_spaces(chars: &mut [char]) {
    for index in 1..chars.len() {
        if chars[index] != ' ' {
            continue;
        }
        let previous = chars[index - 1];
        let Some(&next) = chars.get(index + 1) else {
            continue;
        };
        let tie = if previous == '°' && is_number_sign(chars, index - 1) {
            // « n° 2004-1085 ».
            Some(NBSP)
        } else if previous.is_ascii_digit() || (previous == 'r' && next.is_alphabetic()) {
            let group = chars
                .get(index + 1..index + 4)
                .is_some_and(|group| group.iter().all(char::is_ascii_digit))
                && !chars.get(index + 4).is_some_and(char::is_ascii_digit);
            if previous.is_ascii_digit() && group {
                // « 30 000 »: thousands, with a narrow space.
                Some(NNBSP)
            } else if previous.is_ascii_digit() && matches!(next, '€' | '%') {
                // « 30 000 € », « 5 % ».
                Some(NBSP)
            } else if next.is_alphabetic()
                && is_day(&word_before(chars, index))
                && is_month(&word_after(chars, index + 1))
            {
                // « 19 mai », « 1er janvier ».
                Some(NBSP)
            } else {
                None
            }
        } else if next.is_ascii_digit() && (previous.is_alphabetic() || previous == '.') {
            let before = word_before(chars, index);
            if NUMBERED.contains(&before.to_lowercase().as_str()) {
                // « article 6 », « annexe 1 », « page 2 ».
                Some(NBSP)
            } else if is_month(&before) && is_year(&word_after(chars, index + 1)) && {
                // « 19 mai 2022 »: the year stays with its day and month.
                let month_start = index - before.chars().count();
                month_start >= 1
                    && matches!(chars[month_start - 1], ' ' | NBSP)
                    && is_day(&word_before(chars, month_start - 1))
            } {
                Some(NBSP)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(tie) = tie {
            chars[index] = tie;
        }
    }
}

/// The word that ends just before `end`: letters, digits, `°` and `.`.
fn word_before(chars: &[char], end: usize) -> String {
    let start = chars[..end]
        .iter()
        .rposition(|c| !is_word_char(*c))
        .map_or(0, |p| p + 1);
    chars[start..end].iter().collect()
}

/// The word that starts at `start`: letters and digits.
fn word_after(chars: &[char], start: usize) -> String {
    let rest = chars.get(start..).unwrap_or_default();
    rest.iter().take_while(|c| c.is_alphanumeric()).collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '°' || c == '.'
}

/// « 1er », « 1 » to « 31 ».
fn is_day(word: &str) -> bool {
    word == "1er" || word.parse::<u32>().is_ok_and(|day| (1..=31).contains(&day))
}

fn is_month(word: &str) -> bool {
    MONTHS.contains(&word.to_lowercase().as_str())
}

/// Four digits.
fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// Words French elides before a vowel: « l' », « d' », « jusqu' »…
const ELIDED: [&str; 15] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu",
];

/// `'` between letters (« l'État », « d'« intrapreneur » ») becomes `’`,
/// except in a word that is an address, an e-mail or a code.
fn curl_apostrophes(chars: &mut [char]) {
    for index in 0..chars.len() {
        if chars[index] != '\'' {
            continue;
        }
        let after_letter = index >= 1 && chars[index - 1].is_alphabetic();
        // At the end of a text (« d'**x** » ends a run), only an elided
        // word (« d' », « qu' ») has an apostrophe rather than a quote.
        let before_word = match chars.get(index + 1) {
            Some(next) => next.is_alphabetic() || *next == '«',
            None => ELIDED.contains(&word_before(chars, index).to_lowercase().as_str()),
        };
        if after_letter && before_word && !in_technical_word(chars, index) {
            chars[index] = '’';
        }
    }
}

/// Whether the word around `index` (between spaces) is an address, an
/// e-mail or a code, whose characters must stay as typed.
fn in_technical_word(chars: &[char], index: usize) -> bool {
    let is_space = |c: &char| c.is_whitespace() || *c == NBSP || *c == NNBSP;
    let start = chars[..index]
        .iter()
        .rposition(is_space)
        .map_or(0, |p| p + 1);
    let end = chars[index..]
        .iter()
        .position(is_space)
        .map_or(chars.len(), |p| index + p);
    let word: String = chars[start..end].iter().collect();
    word.contains("://")
        || word.starts_with("www.")
        || word.contains(['@', '/', '\\', '_', '=', '`'])
}

/// At `index`, an ordinal standing as a word (« 1er », « 1re », « 2e »,
/// « 3es », « 2nd », « 2nde »): how many digits, how many letters.
fn ordinal_at(chars: &[char], index: usize) -> Option<(usize, usize)> {
    if !chars.get(index).is_some_and(char::is_ascii_digit) {
        return None;
    }
    if index > 0 {
        let previous = chars[index - 1];
        if previous.is_alphanumeric() || matches!(previous, '-' | '/' | '.' | ',' | '_') {
            return None;
        }
    }
    let digits = chars[index..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let number: String = chars[index..index + digits].iter().collect();
    let letters: String = chars[index + digits..]
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let fits = match letters.as_str() {
        "er" | "ers" | "re" | "res" => number == "1",
        "e" | "es" => number != "1" && number != "0",
        "nd" | "nde" | "nds" | "ndes" => number == "2",
        _ => false,
    };
    // Last, being the dearest test: most digits are no ordinal.
    (fits && !in_technical_word(chars, index)).then_some((digits, letters.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_sign_holds_its_number() {
        assert_eq!(
            typeset("le décret n° 2004-1085 et le n°2012-1246"),
            "le décret n°\u{a0}2004-1085 et le n°\u{a0}2012-1246"
        );
        assert_eq!(typeset("Un n° à la fin"), "Un n°\u{a0}à la fin");
        assert_eq!(typeset("chanson° 2"), "chanson° 2");
    }

    #[test]
    fn article_annex_and_page_hold_their_number() {
        assert_eq!(
            typeset("l'article 6 et l'Annexe 1, page 2, articles 2 et 5, art. 1er"),
            "l’article\u{a0}6 et l’Annexe\u{a0}1, page\u{a0}2, articles\u{a0}2 et 5, art.\u{a0}1er"
        );
        assert_eq!(typeset("une page de garde"), "une page de garde");
    }

    #[test]
    fn whole_dates_never_break() {
        assert_eq!(
            typeset("jusqu'au 31 décembre 2022."),
            "jusqu’au 31\u{a0}décembre\u{a0}2022."
        );
        assert_eq!(
            typeset("le 19\u{a0}mai 2022 et le 1er janvier 2023"),
            "le 19\u{a0}mai\u{a0}2022 et le 1er\u{a0}janvier\u{a0}2023"
        );
        // A month and a year alone may break; so may a number before a
        // word that is not a month.
        assert_eq!(typeset("en mai 2022"), "en mai 2022");
        assert_eq!(typeset("les 3 mois"), "les 3 mois");
    }

    #[test]
    fn amounts_hold_together() {
        assert_eq!(
            typeset("30 000,00 € et 1 234 567 € ou 5 %"),
            "30\u{202f}000,00\u{a0}€ et 1\u{202f}234\u{202f}567\u{a0}€ ou 5\u{a0}%"
        );
        assert_eq!(typeset("en 2022, 12 agents"), "en 2022, 12 agents");
    }

    #[test]
    fn apostrophes_curl_but_not_in_addresses_or_codes() {
        assert_eq!(
            typeset("l'État d'« intrapreneur » aujourd'hui"),
            "l’État d’«\u{a0}intrapreneur\u{a0}» aujourd’hui"
        );
        let technical = "voir https://x.fr/l'a, jean.d'arc@x.fr, code_l'x et 'cité'";
        assert_eq!(typeset(technical), technical);
        assert_eq!(typeset("puis d'"), "puis d’");
    }

    #[test]
    fn french_spacing_uses_no_break_spaces() {
        assert_eq!(
            french_spacing("« le MEAE » : oui ; non ? http://x"),
            "«\u{a0}le MEAE\u{a0}»\u{a0}: oui\u{202f}; non\u{202f}? http://x"
        );
    }

    #[test]
    fn ordinals_in_addresses_stay_as_typed() {
        for text in [
            "contact@2e-etage.fr",
            "https://exemple.fr/?p=2e",
            "www.1er.fr",
        ] {
            assert_eq!(styled(text, Style::default()), vec![Inline::text(text)]);
        }
    }

    #[test]
    fn ordinals_are_raised() {
        let up = |text: &str| Inline::Text {
            text: text.into(),
            style: Style {
                superscript: true,
                ..Style::default()
            },
        };
        assert_eq!(
            styled("le 1er juin, la 2e fois", Style::default()),
            vec![
                Inline::text("le 1"),
                up("er"),
                Inline::text("\u{a0}juin, la 2"),
                up("e"),
                Inline::text(" fois"),
            ]
        );
        for plain in [
            "AECDSI4092e",
            "0105-1er",
            "1ere",
            "0e",
            "1e",
            "12345e",
            "3.2e",
        ] {
            assert_eq!(styled(plain, Style::default()), vec![Inline::text(plain)]);
        }
        assert_eq!(styled("", Style::default()), vec![Inline::text("")]);
    }
}
