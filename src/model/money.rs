//! An exact amount of euros, counted in cents.

use std::fmt;
use std::str::FromStr;

/// The largest amount a draft may hold, in cents, plus one: amounts of
/// 10^12 € or more are refused (no convention comes near that, and it keeps
/// every sum of a schedule far inside `i64`).
const LIMIT_CENTS: i64 = 100_000_000_000_000;

/// An amount of euros, exact to the cent. May be negative: a negative amount
/// is a fault the rules report, not a parse error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why a text is not an amount.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing was given.
    #[error("montant vide")]
    Empty,
    /// Exponent notation such as `3e4`.
    #[error(
        "montant « {0} » refusé : la notation exponentielle n'est pas admise, écrivez le nombre en entier"
    )]
    Exponent(String),
    /// More than two digits after the decimal separator.
    #[error("montant « {0} » refusé : pas plus de deux décimales (centimes)")]
    TooManyDecimals(String),
    /// 10^12 € or more.
    #[error("montant « {0} » refusé : il doit rester sous 1 000 milliards d'euros")]
    TooLarge(String),
    /// Anything else that is not a number, in a draft file.
    #[error("« {0} » n'est pas un montant (exemple attendu : 30000.00)")]
    NotANumber(String),
    /// Anything else that is not a number, typed by a person: the example
    /// is in the form a field takes.
    #[error("« {0} » n'est pas un montant (exemple attendu : 30\u{202f}000,00)")]
    NotTyped(String),
}

impl Money {
    /// Zero euros.
    pub const ZERO: Self = Self(0);

    /// The amount with this many cents.
    pub fn from_cents(cents: i64) -> Option<Self> {
        (cents.abs() < LIMIT_CENTS).then_some(Self(cents))
    }

    /// The amount of this many whole euros.
    pub fn from_euros(euros: i64) -> Option<Self> {
        euros.checked_mul(100).and_then(Self::from_cents)
    }

    /// The number of cents.
    pub fn cents(self) -> i64 {
        self.0
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Whether the amount is exactly zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Whether French agrees a word with this amount in the plural: from
    /// 2 € on (« 1,50 € engagé », « 2 € engagés »).
    pub fn takes_plural(self) -> bool {
        self.0.abs() >= 200
    }

    /// The whole euros, rounded toward zero.
    pub fn whole_euros(self) -> i64 {
        self.0 / 100
    }

    /// The cents beyond the whole euros (0 to 99, sign dropped).
    pub fn cents_part(self) -> i64 {
        (self.0 % 100).abs()
    }

    /// Sums amounts. Sums of valid amounts cannot overflow `i64` in any
    /// schedule a draft can hold, but the sum saturates rather than wrap.
    pub fn sum<'a>(amounts: impl IntoIterator<Item = &'a Money>) -> Money {
        Money(
            amounts
                .into_iter()
                .fold(0i64, |acc, m| acc.saturating_add(m.0)),
        )
    }

    /// Reads the strict form used in draft files: an optional minus sign,
    /// digits, and at most two decimals after a point (`30000`, `30000.5`,
    /// `-12.30`). Refuses exponents, more decimals and amounts of 10^12 € or
    /// more.
    pub fn parse_plain(text: &str) -> Result<Self, MoneyError> {
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        if text.contains(['e', 'E']) && text.chars().all(|c| "0123456789.-+eE".contains(c)) {
            return Err(MoneyError::Exponent(text.to_owned()));
        }
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        Self::from_parts(text, negative, whole, fraction)
    }

    /// Reads an amount as people type it: the French way (`30 000,50`,
    /// `30 000,50 €`, with ordinary, no-break or narrow no-break spaces
    /// between thousands) or plainly (`30000.5`). A single `,` or `.` is the
    /// decimal separator.
    pub fn parse_human(text: &str) -> Result<Self, MoneyError> {
        let trimmed = text.trim();
        let trimmed = trimmed
            .strip_suffix('€')
            .or_else(|| trimmed.strip_suffix("EUR"))
            .unwrap_or(trimmed)
            .trim_end();
        let compact: String = trimmed
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
            .collect();
        if compact.is_empty() {
            return Err(MoneyError::Empty);
        }
        let separators = compact.matches([',', '.']).count();
        if separators > 1 {
            return Err(MoneyError::NotTyped(text.trim().to_owned()));
        }
        Self::parse_plain(&compact.replace(',', ".")).map_err(|error| match error {
            MoneyError::Empty => MoneyError::Empty,
            MoneyError::Exponent(_) => MoneyError::Exponent(text.trim().to_owned()),
            MoneyError::TooManyDecimals(_) => MoneyError::TooManyDecimals(text.trim().to_owned()),
            MoneyError::TooLarge(_) => MoneyError::TooLarge(text.trim().to_owned()),
            MoneyError::NotANumber(_) | MoneyError::NotTyped(_) => {
                MoneyError::NotTyped(text.trim().to_owned())
            }
        })
    }

    fn from_parts(
        original: &str,
        negative: bool,
        whole: &str,
        fraction: Option<&str>,
    ) -> Result<Self, MoneyError> {
        let not_a_number = || MoneyError::NotANumber(original.to_owned());
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(not_a_number());
        }
        let fraction_cents = match fraction {
            None => 0,
            Some(digits) => {
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(not_a_number());
                }
                if digits.len() > 2 {
                    return Err(MoneyError::TooManyDecimals(original.to_owned()));
                }
                let value: i64 = digits.parse().map_err(|_| not_a_number())?;
                if digits.len() == 1 { value * 10 } else { value }
            }
        };
        let significant = whole.trim_start_matches('0');
        // 13 digits of euros is already 10^12 € or more.
        if significant.len() > 12 {
            return Err(MoneyError::TooLarge(original.to_owned()));
        }
        let euros: i64 = if significant.is_empty() {
            0
        } else {
            significant.parse().map_err(|_| not_a_number())?
        };
        let cents = euros * 100 + fraction_cents;
        let cents = if negative { -cents } else { cents };
        Self::from_cents(cents).ok_or_else(|| MoneyError::TooLarge(original.to_owned()))
    }

    /// The plain form written to draft files: `30000.00`, `-12.30`.
    pub fn to_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!(
            "{sign}{}.{:02}",
            self.whole_euros().abs(),
            self.cents_part()
        )
    }

    /// The French form for documents and screens: `30 000 €`,
    /// `1 234,50 €`, with a narrow no-break space between thousands and a
    /// no-break space before the euro sign. Cents are shown only when there
    /// are some.
    pub fn to_french(self) -> String {
        let mut text = self.to_french_number();
        text.push_str("\u{a0}€");
        text
    }

    /// The French form without the currency sign: `30 000`, `1 234,50`.
    pub fn to_french_number(self) -> String {
        let digits = self.whole_euros().abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 3 + 4);
        if self.0 < 0 {
            grouped.push('-');
        }
        push_grouped(&digits, &mut grouped);
        if self.cents_part() != 0 {
            grouped.push_str(&format!(",{:02}", self.cents_part()));
        }
        grouped
    }

    /// The amount in French words, as written in a legal text:
    /// `trente mille euros`, `mille deux cents euros et cinquante centimes`.
    pub fn to_french_words(self) -> String {
        let euros = self.whole_euros().abs();
        let cents = self.cents_part();
        let mut words = String::new();
        if self.0 < 0 {
            words.push_str("moins ");
        }
        words.push_str(&in_words(euros));
        // "un million d'euros", "deux millions d'euros": the noun takes "de".
        let takes_de = euros != 0 && euros % 1_000_000 == 0;
        words.push_str(match (euros, takes_de) {
            (0 | 1, _) => " euro",
            (_, true) => " d'euros",
            _ => " euros",
        });
        if cents != 0 {
            words.push_str(" et ");
            words.push_str(&in_words(cents));
            words.push_str(if cents == 1 { " centime" } else { " centimes" });
        }
        words
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse_plain(text)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Through `serde_json::Value` with `arbitrary_precision`, a JSON
        // number keeps its literal text, so `1e5` and `0.001` can be refused
        // exactly as written instead of after a lossy trip through f64.
        let value = serde_json::Value::deserialize(deserializer)?;
        let text = match &value {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Number(number) => number.to_string(),
            other => {
                return Err(crate::model::json_error::french(format!(
                    "un montant est attendu (texte « 30000.00 » ou nombre), pas {}",
                    json_kind(other)
                )));
            }
        };
        Money::parse_plain(&text).map_err(crate::model::json_error::french)
    }
}

impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Montant en euros, exact au centime : texte décimal (« 30000.00 ») ou nombre JSON, au plus deux décimales, sans exposant, inférieur à 10^12 €.",
            "oneOf": [
                { "type": "string", "pattern": "^-?[0-9]{1,12}(\\.[0-9]{1,2})?$" },
                { "type": "number", "multipleOf": 0.01, "exclusiveMaximum": 1e12, "exclusiveMinimum": -1e12 }
            ]
        })
    }
}

/// A whole number in French words, spelled as legal texts still do (before
/// the 1990 reform: "trente mille", "deux cent vingt et un").
fn in_words(number: i64) -> String {
    french_numbers::french_number_options(&number, &french_numbers::PRE_REFORM_MASCULINE)
}

/// Names a JSON value's kind in French, for error messages.
pub(crate) fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "un booléen",
        serde_json::Value::Number(_) => "un nombre",
        serde_json::Value::String(_) => "un texte",
        serde_json::Value::Array(_) => "une liste",
        serde_json::Value::Object(_) => "un objet",
    }
}

/// Pushes `digits` to `out` in groups of three, a narrow no-break space
/// between them, as French writes numbers: « 30 000 », « 1 234 567 ».
pub(crate) fn push_grouped(digits: &str, out: &mut String) {
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(digit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn money(text: &str) -> Money {
        Money::parse_plain(text).expect("valid amount")
    }

    #[test]
    fn plain_amounts_parse_exactly() {
        assert_eq!(money("30000").cents(), 3_000_000);
        assert_eq!(money("30000.5").cents(), 3_000_050);
        assert_eq!(money("30000.05").cents(), 3_000_005);
        assert_eq!(money("-12.30").cents(), -1230);
        assert_eq!(money("0.00").cents(), 0);
        assert_eq!(money("999999999999.99").cents(), 99_999_999_999_999);
    }

    #[test]
    fn plain_refusals_say_why() {
        assert_eq!(
            Money::parse_plain("1e5"),
            Err(MoneyError::Exponent("1e5".into()))
        );
        assert_eq!(
            Money::parse_plain("1.234"),
            Err(MoneyError::TooManyDecimals("1.234".into()))
        );
        assert_eq!(
            Money::parse_plain("1000000000000"),
            Err(MoneyError::TooLarge("1000000000000".into()))
        );
        for bad in [
            "", "abc", "1.", ".5", "1,5", "--1", "+1", " 1", "1 000", "0x10", "NaN",
        ] {
            assert!(
                Money::parse_plain(bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn human_amounts_accept_french_writing() {
        let cases = [
            ("30 000,50", 3_000_050),
            ("30\u{202f}000,50\u{a0}€", 3_000_050),
            ("30000.5", 3_000_050),
            (" 1 234 € ", 123_400),
            ("12", 1200),
            ("0,5", 50),
        ];
        for (text, cents) in cases {
            assert_eq!(
                Money::parse_human(text).map(Money::cents),
                Ok(cents),
                "{text}"
            );
        }
        assert!(Money::parse_human("1.000,50").is_err());
        // The example is in the form the field takes, not the file's.
        let said = Money::parse_human("douze").unwrap_err().to_string();
        assert_eq!(
            said,
            "« douze » n'est pas un montant (exemple attendu : 30\u{202f}000,00)"
        );
        assert!(
            Money::parse_human("1.000,50")
                .unwrap_err()
                .to_string()
                .contains("30\u{202f}000,00")
        );
        assert_eq!(Money::parse_human("  "), Err(MoneyError::Empty));
    }

    #[test]
    fn french_forms_follow_typography() {
        assert_eq!(money("30000").to_french(), "30\u{202f}000\u{a0}€");
        assert_eq!(
            money("1234567.5").to_french_number(),
            "1\u{202f}234\u{202f}567,50"
        );
        assert_eq!(money("999").to_french_number(), "999");
        assert_eq!(money("-1000").to_french_number(), "-1\u{202f}000");
    }

    #[test]
    fn amounts_in_words() {
        assert_eq!(money("30000").to_french_words(), "trente mille euros");
        assert_eq!(money("1").to_french_words(), "un euro");
        assert_eq!(money("0").to_french_words(), "zéro euro");
        assert_eq!(money("2000000").to_french_words(), "deux millions d'euros");
        assert_eq!(
            money("1200.50").to_french_words(),
            "mille deux cents euros et cinquante centimes"
        );
        assert_eq!(
            money("80.01").to_french_words(),
            "quatre-vingts euros et un centime"
        );
    }

    #[test]
    fn json_accepts_strings_and_numbers_and_refuses_the_rest() {
        let read = |json: &str| serde_json::from_str::<Money>(json).map(Money::cents);
        assert_eq!(read(r#""30000.00""#).ok(), Some(3_000_000));
        assert_eq!(read("30000").ok(), Some(3_000_000));
        assert_eq!(read("30000.5").ok(), Some(3_000_050));
        assert_eq!(read("0.1").ok(), Some(10));
        for bad in [
            "3e4",
            "1.001",
            "1e12",
            "true",
            "null",
            "[1]",
            r#""12,5""#,
            "1000000000000",
        ] {
            assert!(read(bad).is_err(), "{bad} should be refused");
        }
        assert!(
            read("3E4")
                .unwrap_err()
                .to_string()
                .contains("exponentielle")
        );
    }

    proptest! {
        #[test]
        fn plain_form_round_trips(cents in -LIMIT_CENTS + 1..LIMIT_CENTS) {
            let amount = Money::from_cents(cents).expect("in range");
            prop_assert_eq!(Money::parse_plain(&amount.to_plain()), Ok(amount));
        }

        #[test]
        fn french_form_round_trips(cents in -LIMIT_CENTS + 1..LIMIT_CENTS) {
            let amount = Money::from_cents(cents).expect("in range");
            prop_assert_eq!(Money::parse_human(&amount.to_french()), Ok(amount));
        }

        #[test]
        fn json_number_and_string_agree(euros in 0i64..1_000_000_000_000, cents in 0i64..100) {
            let literal = format!("{euros}.{cents:02}");
            let from_number: Money = serde_json::from_str(&literal).expect("number");
            let from_string: Money = serde_json::from_str(&format!("\"{literal}\"")).expect("string");
            prop_assert_eq!(from_number, from_string);
            prop_assert_eq!(from_number.cents(), euros * 100 + cents);
        }

        #[test]
        fn three_decimals_are_always_refused(euros in 0i64..1_000_000, milli in 0u32..1000) {
            let literal = format!("{euros}.{milli:03}");
            prop_assert_eq!(
                Money::parse_plain(&literal),
                Err(MoneyError::TooManyDecimals(literal.clone()))
            );
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(text in "\\PC{0,24}") {
            let _ = Money::parse_plain(&text);
            let _ = Money::parse_human(&text);
        }

        #[test]
        fn sums_match_integer_sums(list in proptest::collection::vec(0i64..LIMIT_CENTS / 100, 0..20)) {
            let amounts: Vec<Money> = list.iter().map(|c| Money::from_cents(*c).expect("in range")).collect();
            prop_assert_eq!(Money::sum(&amounts).cents(), list.iter().sum::<i64>());
        }
    }
}
