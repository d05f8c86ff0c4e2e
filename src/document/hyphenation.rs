//! Hyphenation of French justified text: where a word may be cut at the
//! end of a line, given as soft hyphens (U+00AD) that both writers place
//! the same way. The DOCX carries them in its text (LibreOffice and Word
//! honour them without a hyphenation dictionary); the PDF's line breaker
//! cuts a word that does not fit at the last of them that does, as
//! LibreOffice does, and draws the hyphen.
//!
//! The points come from TeX's French patterns (the `hypher` crate). Never
//! cut: words shorter than [`MIN_WORD`] letters or longer than [`MAX_WORD`], words starting with a
//! capital (proper names, acronyms, codes), and any token holding a digit,
//! a `/`, a `@`, a `.` or `_` inside (amounts, dates, codes, addresses).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

use hypher::{Lang, hyphenate_bounded};

/// The soft hyphen.
pub const SOFT_HYPHEN: char = '\u{ad}';

/// Words shorter than this many letters are never cut.
pub const MIN_WORD: usize = 7;
/// Nor longer than this: no French word is, and cutting a run of
/// thousands of letters at every syllable would only slow the layout.
pub const MAX_WORD: usize = 40;
/// Letters kept before the first cut and after the last one.
const LEFT_MIN: usize = 3;
/// See [`LEFT_MIN`].
const RIGHT_MIN: usize = 3;

/// `text` with a soft hyphen at each place a word of it may be cut;
/// borrowed when there is none.
pub fn soft_hyphens(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut done = 0;
    for (start, token) in tokens(text) {
        if !may_cut_token(token) {
            continue;
        }
        // Letters only: apostrophes and hyphens split a token into words
        // (« l’administration », « peut-être »).
        for (offset, word) in letter_runs(token) {
            let letters = word.chars().count();
            if !(MIN_WORD..=MAX_WORD).contains(&letters) || word.starts_with(char::is_uppercase) {
                continue;
            }
            let at = start + offset;
            out.push_str(&text[done..at]);
            cut(word, &mut out);
            done = at + word.len();
        }
    }
    if done == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// How many words [`cut`] remembers; past that it forgets them all and
/// starts again (a long session of the app hyphenates many texts).
const REMEMBERED: usize = 20_000;

/// The words already cut, with their soft hyphens: the same words come
/// back all through a convention, and an export cuts every text twice
/// (once for the DOCX, once for the PDF, on two threads), while finding a
/// word's points in the patterns costs some thirty times a lookup here.
static CUTS: LazyLock<Mutex<HashMap<String, String>>> = LazyLock::new(Mutex::default);

/// Appends `word` to `out` with a soft hyphen at each of its points.
fn cut(word: &str, out: &mut String) {
    if let Some(cut) = CUTS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(word)
    {
        out.push_str(cut);
        return;
    }
    // Found without holding the lock: the other writer's thread goes on
    // meanwhile.
    let mut cut = String::with_capacity(word.len() + 8);
    let mut first = true;
    for syllable in hyphenate_bounded(word, Lang::French, LEFT_MIN, RIGHT_MIN) {
        if !first {
            cut.push(SOFT_HYPHEN);
        }
        cut.push_str(syllable);
        first = false;
    }
    out.push_str(&cut);
    let mut cuts = CUTS.lock().unwrap_or_else(PoisonError::into_inner);
    if cuts.len() >= REMEMBERED {
        cuts.clear();
    }
    cuts.insert(word.to_owned(), cut);
}

/// The tokens of `text` between whitespace, with their byte offsets.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = text.as_ptr() as usize;
    // Split at breaking spaces only: what no-break spaces tie (a date, « n° 5 »,
    // « article 6 ») is one token, kept whole when it holds a digit.
    text.split(|c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}'))
        .filter(|token| !token.is_empty())
        .map(move |token| (token.as_ptr() as usize - base, token))
}

/// Whether a token may be cut at all: not an amount, a date, a code or an
/// address.
fn may_cut_token(token: &str) -> bool {
    let inner = token.trim_end_matches(|c: char| !c.is_alphanumeric());
    !token
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '/' | '@' | '_' | SOFT_HYPHEN))
        && !inner.contains('.')
}

/// The runs of letters of a token, with their byte offsets.
fn letter_runs(token: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (index, c) in token.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(index),
            (false, Some(from)) => {
                runs.push((from, &token[from..index]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        runs.push((from, &token[from..]));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        soft_hyphens(text).replace(SOFT_HYPHEN, "|")
    }

    #[test]
    fn long_french_words_get_their_cuts() {
        let text = shown("la délégation de gestion administrative");
        assert_eq!(
            text.replace('|', ""),
            "la délégation de gestion administrative"
        );
        for part in text.split(['|', ' ']) {
            assert!(!part.is_empty(), "{text}");
        }
        // Apostrophes and hyphens split words; each part is cut on its own.
        let text = shown("l’administration publique");
        assert!(text.starts_with("l’ad"), "{text}");
        assert!(text.contains('|'), "{text}");
    }

    #[test]
    fn amounts_dates_codes_addresses_and_names_stay_whole() {
        for text in [
            "30 000,00 €",
            "19/05/2022",
            "0105-CRES-DNUM",
            "https://beta.gouv.fr/approche/manifeste",
            "beta.gouv.fr",
            "contact@beta.gouv.fr",
            "FIESCHI",
            "Interministérielle",
            "Ségur",
            "courts mots ici",
            "AECDSI4092",
            &"anticonstitutionnellement".repeat(3),
        ] {
            assert_eq!(soft_hyphens(text), text, "{text}");
            assert!(matches!(soft_hyphens(text), Cow::Borrowed(_)));
        }
        // A word ending a sentence is still cut.
        assert!(shown("la responsabilité.").contains('|'));
    }

    #[test]
    fn a_remembered_word_is_cut_as_the_patterns_cut_it() {
        let word = "subdélégation";
        let fresh: Vec<&str> = hyphenate_bounded(word, Lang::French, LEFT_MIN, RIGHT_MIN).collect();
        let expected = fresh.join("\u{ad}");
        assert!(expected.contains(SOFT_HYPHEN), "{expected}");
        // The first time from the patterns (or another test's memory), then
        // from memory: the same cuts, at the same places in the text.
        for _ in 0..2 {
            assert_eq!(
                soft_hyphens(&format!("la {word}, la {word}")),
                format!("la {expected}, la {expected}")
            );
        }
    }

    #[test]
    fn cuts_leave_three_letters_each_side() {
        let text = shown("développement");
        let parts: Vec<&str> = text.split('|').collect();
        assert!(parts.len() >= 2, "{text}");
        assert!(parts[0].chars().count() >= LEFT_MIN);
        assert!(parts[parts.len() - 1].chars().count() >= RIGHT_MIN);
    }
}
