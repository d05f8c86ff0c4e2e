//! What a render may cost: a budget of steps (minijinja's fuel) and a cap
//! on the markup written, both a fixed part plus a part that grows with
//! the data handed to the template, so a template that loops without end
//! or writes without end is stopped, while a long draft still renders.
//!
//! Measured on the built-in template (`limits_leave_a_wide_margin` below):
//! the reference draft takes about 2 400 steps and writes 22 Kio; each row
//! of a list some 20 to 60 steps; each byte of a text printed once a
//! quarter of a step, one printed in every article (a party's short name)
//! two and a half steps and ten bytes of markup.

use std::fmt;
use std::io;

use minijinja::Value;
use minijinja::value::ValueKind;

use super::context::Text;

/// The steps any render may take, whatever its data: about 400 times what
/// the built-in template takes for the reference draft.
pub const BASE_FUEL: u64 = 1_000_000;

/// The markup any render may write, whatever its data: 4 Mio, about 190
/// times the reference's.
pub const BASE_OUTPUT: u64 = 4 * 1024 * 1024;

/// The bytes of values a template may make per step: minijinja charges
/// one step per 64 bytes of strings and lists it makes or works on.
pub const BYTES_PER_STEP: u64 = 64;

/// What a value of the data counts for, besides its text: a row of a list
/// is a few values and takes the built-in template 20 to 60 steps.
const VALUE_SIZE: u64 = 256;

/// The bytes of markup a render may write per unit of its data's size.
const OUTPUT_PER_SIZE: u64 = 4;

/// A render's budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Steps (minijinja's fuel: one per instruction, one per 64 bytes of
    /// data made).
    pub fuel: u64,
    /// Bytes of markup written.
    pub output: u64,
}

impl Limits {
    /// The budget of a render with these variables: the fixed part, plus
    /// one step and four bytes of markup per unit of their size (the bytes
    /// of their texts, and [`VALUE_SIZE`] for each value).
    pub fn for_data(variables: &Value) -> Self {
        let size = size(variables, 0);
        Self {
            fuel: BASE_FUEL.saturating_add(size),
            output: BASE_OUTPUT.saturating_add(size.saturating_mul(OUTPUT_PER_SIZE)),
        }
    }
}

/// The size of a template's data: its texts' bytes, and [`VALUE_SIZE`] for
/// each value. The data is the program's own (a draft's context), a few
/// levels deep; deeper than 32 levels is not counted.
fn size(value: &Value, depth: usize) -> u64 {
    let own = VALUE_SIZE;
    if depth > 32 {
        return own;
    }
    if let Some(text) = value.downcast_object_ref::<Text>() {
        return own.saturating_add(text.as_str().len() as u64);
    }
    match value.kind() {
        ValueKind::String | ValueKind::Bytes => {
            own.saturating_add(value.as_str().map_or(0, |s| s.len() as u64))
        }
        ValueKind::Seq | ValueKind::Map => {
            let Ok(items) = value.try_iter() else {
                return own;
            };
            let is_map = value.kind() == ValueKind::Map;
            items.fold(own, |total, item| {
                let item = if is_map {
                    value.get_item(&item).unwrap_or_default()
                } else {
                    item
                };
                total.saturating_add(size(&item, depth + 1))
            })
        }
        _ => own,
    }
}

/// A value's text, refused past `cap` bytes before it is all made: a list
/// repeated lazily (`[s] * 100000000`) costs minijinja nothing to make
/// but would be hundreds of Mio as a text.
pub fn bounded_text(value: &Value, cap: u64) -> Result<String, minijinja::Error> {
    /// A text that refuses to grow past its cap.
    struct Capped {
        text: String,
        cap: u64,
    }
    impl fmt::Write for Capped {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            if self.text.len() as u64 + s.len() as u64 > self.cap {
                return Err(fmt::Error);
            }
            self.text.push_str(s);
            Ok(())
        }
    }
    let mut capped = Capped {
        text: String::new(),
        cap,
    };
    fmt::Write::write_fmt(&mut capped, format_args!("{value}")).map_err(|_| {
        // Said by the template's error as « valeur trop grande ».
        minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            "value too large to be made a text",
        )
    })?;
    Ok(capped.text)
}

/// Where a render writes its markup: refuses to grow past its cap, and
/// remembers that it did.
#[derive(Debug)]
pub struct BoundedOutput {
    bytes: Vec<u8>,
    cap: u64,
    exceeded: bool,
}

impl BoundedOutput {
    /// An empty output that takes at most `cap` bytes.
    pub fn new(cap: u64) -> Self {
        Self {
            bytes: Vec::new(),
            cap,
            exceeded: false,
        }
    }

    /// Whether a write was refused for going past the cap.
    pub fn exceeded(&self) -> bool {
        self.exceeded
    }

    /// The markup written.
    pub fn into_text(self) -> String {
        // minijinja writes whole `str`s, and a refused write leaves nothing.
        String::from_utf8(self.bytes)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
    }
}

impl io::Write for BoundedOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let after = self.bytes.len() as u64 + buf.len() as u64;
        if after > self.cap {
            self.exceeded = true;
            return Err(io::Error::other("le texte produit dépasse sa limite"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A size in Mio, for messages: « 4 Mio », « 4,2 Mio ».
pub fn mio(bytes: u64) -> String {
    const MIO: u64 = 1024 * 1024;
    let tenths = bytes.saturating_mul(10) / MIO;
    if tenths.is_multiple_of(10) {
        format!("{} Mio", tenths / 10)
    } else {
        format!("{},{} Mio", tenths / 10, tenths % 10)
    }
}

/// A number of steps in millions, for messages: « 1 million », « 1,3
/// million », « 17 millions ».
pub fn millions(steps: u64) -> String {
    let tenths = steps / 100_000;
    let number = if tenths.is_multiple_of(10) {
        format!("{}", tenths / 10)
    } else {
        format!("{},{}", tenths / 10, tenths % 10)
    };
    if tenths < 20 {
        format!("{number} million")
    } else {
        format!("{number} millions")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn the_budget_grows_with_the_data() {
        let small = Limits::for_data(&Value::from("x"));
        assert_eq!(small.fuel, BASE_FUEL + VALUE_SIZE + 1);
        assert_eq!(small.output, BASE_OUTPUT + 4 * (VALUE_SIZE + 1));
        let list = Value::from(vec!["abc"; 10]);
        assert_eq!(
            Limits::for_data(&list).fuel,
            BASE_FUEL + VALUE_SIZE + 10 * (VALUE_SIZE + 3)
        );
        let text = Value::from_object(Text::new(
            "é".repeat(1000),
            crate::model::Field::Title.path(),
        ));
        assert_eq!(Limits::for_data(&text).fuel, BASE_FUEL + VALUE_SIZE + 2000);
    }

    #[test]
    fn the_output_refuses_to_grow_past_its_cap() {
        let mut output = BoundedOutput::new(5);
        output.write_all(b"abc").expect("fits");
        assert!(output.write_all(b"def").is_err());
        assert!(output.exceeded());
        assert_eq!(output.into_text(), "abc");
    }

    #[test]
    fn a_lazily_repeated_list_is_not_made_a_text() {
        let env = minijinja::Environment::new();
        let huge = env
            .compile_expression("['xxxxxxxxxx'] * 100000000")
            .expect("compiles")
            .eval(())
            .expect("lazy, so cheap");
        let error = bounded_text(&huge, BASE_OUTPUT).expect_err("too large");
        assert!(error.detail().is_some_and(|d| d.contains("too large")));
        assert_eq!(
            bounded_text(&Value::from(vec![1, 2]), 6).expect("fits"),
            "[1, 2]"
        );
    }

    #[test]
    fn sizes_read_in_mio() {
        assert_eq!(mio(BASE_OUTPUT), "4 Mio");
        assert_eq!(mio(BASE_OUTPUT + 300 * 1024), "4,2 Mio");
        assert_eq!(millions(BASE_FUEL), "1 million");
        assert_eq!(millions(1_340_000), "1,3 million");
        assert_eq!(millions(17_000_000), "17 millions");
    }
}
