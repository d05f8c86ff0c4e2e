//! The line breaker: a paragraph's styled text, measured glyph by glyph,
//! cut into lines that fit a width, and how each line is spread out.
//!
//! Lines break at spaces (U+0020), and after a hyphen before a letter, as
//! LibreOffice breaks them; no-break spaces (U+00A0, U+202F) hold their
//! neighbours together. A
//! word that overflows a line is cut at the last of its soft hyphens
//! (U+00AD, see [`crate::document::hyphenation`]) that leaves room for the
//! hyphen, as LibreOffice cuts the DOCX's; a word longer than the whole
//! width, and without such a cut, is cut where it must. Justified lines
//! keep their real space glyphs (so text extraction sees the spaces) and
//! widen each one with a TJ offset.

use printpdf::TextItem;

/// The room a line keeps unfilled, in points. LibreOffice (7.4) measures
/// glyphs a little wider than their exact advances add up to (they are
/// rounded on its reference device): on the reference it left a line with
/// 0.07 pt to spare unfilled (« … stratégique à | toutes ») and filled
/// every line with 0.68 pt or more to spare. A word goes on the line only
/// with this much room left, so both break the same lines.
const FIT_MARGIN: f32 = 0.3;

use super::fonts::{Face, Measure};
use crate::document::hyphenation::SOFT_HYPHEN;
use crate::document::{Align, Revision};

/// The colour of a run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ink {
    /// Running text.
    Text,
    /// A link.
    Link,
    /// Header and footer.
    Grey,
    /// The non-compliance marking.
    Red,
}

/// How a run of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RunStyle {
    /// The face.
    pub face: Face,
    /// The size in points.
    pub size: f32,
    /// The colour.
    pub ink: Ink,
    /// How far the baseline is raised, in points (footnote calls).
    pub rise: f32,
    /// In a redline: inserted (underlined) or deleted (struck through)
    /// text, in its colour.
    pub revision: Option<Revision>,
}

impl RunStyle {
    /// Plain text in `face` at `size`.
    pub(crate) fn new(face: Face, size: f32) -> Self {
        Self {
            face,
            size,
            ink: Ink::Text,
            rise: 0.0,
            revision: None,
        }
    }
}

/// Text in one style, its characters already cleaned for the face.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    /// The characters; U+0020 are the only breaking spaces.
    pub text: String,
    /// The style.
    pub style: RunStyle,
    /// The address, for a link.
    pub link: Option<String>,
    /// The footnote this span calls (its number).
    pub note: Option<usize>,
}

/// A paragraph's content, for the line breaker.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Piece {
    /// Styled text.
    Span(Span),
    /// A forced line break.
    Break,
}

/// A measured piece of a line, in one style.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Frag {
    /// The characters, spaces included.
    pub text: String,
    /// The style.
    pub style: RunStyle,
    /// The address, for a link.
    pub link: Option<String>,
    /// The footnote called, if any.
    pub note: Option<usize>,
    /// Where it starts, from the line's start, before justification.
    pub x: f32,
    /// Its natural width.
    pub width: f32,
    /// How many stretchable spaces come before it on the line.
    pub gaps_before: usize,
}

impl Frag {
    /// How many stretchable spaces it holds.
    pub(crate) fn gaps(&self) -> usize {
        self.text.matches(' ').count()
    }

    /// The text items that draw it, each space widened by `extra` points.
    pub(crate) fn text_items(&self, extra: f32) -> Vec<TextItem> {
        if extra <= 0.0 || self.style.size <= 0.0 || !self.text.contains(' ') {
            return vec![TextItem::Text(self.text.clone())];
        }
        // A TJ number moves the pen by -n/1000 of the font size.
        let offset = -extra * 1000.0 / self.style.size;
        let mut items = Vec::new();
        let mut parts = self.text.split_inclusive(' ').peekable();
        while let Some(part) = parts.next() {
            items.push(TextItem::Text(part.to_owned()));
            if part.ends_with(' ') && parts.peek().is_some() {
                items.push(TextItem::Offset(offset));
            }
        }
        items
    }
}

/// One line of a paragraph.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Line {
    /// Its pieces, left to right.
    pub frags: Vec<Frag>,
    /// Its natural width.
    pub width: f32,
    /// How many stretchable spaces it holds.
    pub gaps: usize,
    /// Whether it ends the paragraph or a forced break: never justified.
    pub last: bool,
}

impl Line {
    /// Where the line starts within `available` points, and how much each
    /// stretchable space widens, for an alignment.
    pub(crate) fn spread(&self, available: f32, align: Align) -> (f32, f32) {
        let slack = available - self.width;
        match align {
            Align::Justify if !self.last && self.gaps > 0 && slack > 0.0 => {
                (0.0, slack / self.gaps as f32)
            }
            Align::Center => ((slack / 2.0).max(0.0), 0.0),
            Align::Right => (slack.max(0.0), 0.0),
            _ => (0.0, 0.0),
        }
    }

    /// The largest size of its text on the baseline, or `default` for an
    /// empty line.
    pub(crate) fn size(&self, default: f32) -> f32 {
        self.frags
            .iter()
            .filter(|frag| frag.style.rise == 0.0)
            .map(|frag| frag.style.size)
            .fold(None, |max: Option<f32>, size| {
                Some(max.map_or(size, |m| m.max(size)))
            })
            .unwrap_or(default)
    }
}

/// Breaks a paragraph into lines no wider than `max_width` points (bar a
/// single character wider than that). Always at least one line.
pub(crate) fn break_lines(pieces: &[Piece], max_width: f32, measure: &impl Measure) -> Vec<Line> {
    let max_width = if max_width.is_finite() {
        max_width.max(1.0)
    } else {
        1.0
    };
    let words = words(pieces, measure);
    let mut lines = Vec::new();
    let mut builder = Builder::default();
    for mut word in words {
        // A word that overflows the line is cut at its last soft hyphen
        // that fits, else goes to the next line (where it may be cut again).
        while !builder.is_empty() && !builder.fits(&word, max_width) {
            if let Some((head, tail)) = hyphenate(&word, builder.room(max_width), measure) {
                builder.push(&head);
                word = tail;
            }
            lines.push(builder.finish(false));
        }
        while word.width() > max_width
            && let Some((head, tail)) = hyphenate(&word, max_width, measure)
        {
            builder.push(&head);
            lines.push(builder.finish(false));
            word = tail;
        }
        let word = &word;
        if word.width() > max_width {
            if !builder.is_empty() {
                lines.push(builder.finish(false));
            }
            let mut parts = split_word(word, max_width, measure);
            let last = parts.pop();
            for part in &parts {
                builder.push(part);
                lines.push(builder.finish(false));
            }
            if let Some(last) = last {
                builder.push(&last);
            }
        } else {
            builder.push(word);
        }
        if word.hard_break {
            lines.push(builder.finish(true));
        }
    }
    if !builder.is_empty() || lines.is_empty() {
        lines.push(builder.finish(true));
    } else if let Some(line) = lines.last_mut() {
        line.last = true;
    }
    lines
}

/// A run of characters in one style, measured in 1/1000 em.
#[derive(Clone, Debug)]
struct Seg {
    text: String,
    style: RunStyle,
    link: Option<String>,
    note: Option<usize>,
    units: u32,
    /// The same width not rounded, in 1/1000 em: what fitting weighs.
    exact: f32,
}

impl Seg {
    fn width(&self) -> f32 {
        self.units as f32 * self.style.size / 1000.0
    }

    /// The width in points as fitting weighs it (see [`FIT_MARGIN`]).
    fn fit_width(&self) -> f32 {
        self.exact * self.style.size / 1000.0
    }

    fn same_look(&self, style: &RunStyle, link: &Option<String>, note: Option<usize>) -> bool {
        self.style == *style && self.link == *link && self.note == note
    }
}

/// What the line breaker never cuts (except at a soft hyphen, or when it
/// is wider than a line).
#[derive(Clone, Debug, Default)]
struct Word {
    segs: Vec<Seg>,
    /// Where it may be cut with a hyphen: a segment and a byte offset in
    /// its text, in order.
    points: Vec<(usize, usize)>,
    /// The space after it, if any.
    space: Option<Seg>,
    /// Whether a forced break follows it.
    hard_break: bool,
}

impl Word {
    fn width(&self) -> f32 {
        self.segs.iter().map(Seg::width).sum()
    }

    fn fit_width(&self) -> f32 {
        self.segs.iter().map(Seg::fit_width).sum()
    }

    /// The word cut at its soft hyphen `index`: the head, with its hyphen,
    /// and the rest (with the word's space and break).
    fn cut(&self, index: usize, measure: &impl Measure) -> (Word, Word) {
        let (seg, at) = self.points[index];
        let units = |seg: &Seg, text: &str| -> u32 {
            text.chars()
                .map(|c| measure.advance(seg.style.face, c))
                .fold(0, u32::saturating_add)
        };
        let part = |from: &Seg, text: &str| Seg {
            text: text.to_owned(),
            style: from.style,
            link: from.link.clone(),
            note: from.note,
            units: units(from, text),
            exact: text
                .chars()
                .map(|c| measure.exact_advance(from.style.face, c))
                .sum(),
        };
        let mut head = Word::default();
        let mut tail = Word {
            space: self.space.clone(),
            hard_break: self.hard_break,
            ..Word::default()
        };
        let mut tail_starts_inside = false;
        for (i, s) in self.segs.iter().enumerate() {
            if i < seg {
                head.segs.push(s.clone());
            } else if i > seg {
                tail.segs.push(s.clone());
            } else {
                let (before, after) = s.text.split_at(at.min(s.text.len()));
                if !before.is_empty() {
                    head.segs.push(part(s, before));
                }
                if !after.is_empty() {
                    tail.segs.push(part(s, after));
                    tail_starts_inside = true;
                }
            }
        }
        if let Some(last) = head.segs.last_mut() {
            last.text.push('-');
            last.units = last
                .units
                .saturating_add(measure.advance(last.style.face, '-'));
            last.exact += measure.exact_advance(last.style.face, '-');
        }
        tail.points = self.points[index + 1..]
            .iter()
            .filter(|&&(s, a)| s > seg || a > at)
            .map(|&(s, a)| {
                if s == seg {
                    (0, a - at)
                } else {
                    (s - seg - usize::from(!tail_starts_inside), a)
                }
            })
            .collect();
        (head, tail)
    }

    fn is_empty(&self) -> bool {
        self.segs.is_empty()
    }

    fn push(&mut self, c: char, span: &Span, measure: &impl Measure) {
        let units = measure.advance(span.style.face, c);
        let exact = measure.exact_advance(span.style.face, c);
        match self.segs.last_mut() {
            Some(seg) if seg.same_look(&span.style, &span.link, span.note) => {
                seg.text.push(c);
                seg.units = seg.units.saturating_add(units);
                seg.exact += exact;
            }
            _ => self.segs.push(Seg {
                text: c.to_string(),
                style: span.style,
                link: span.link.clone(),
                note: span.note,
                units,
                exact,
            }),
        }
    }
}

/// Cuts the content into words: at spaces, at forced breaks and at the
/// places a link may break.
fn words(pieces: &[Piece], measure: &impl Measure) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current = Word::default();
    for piece in pieces {
        let span = match piece {
            Piece::Break => {
                if !current.is_empty() {
                    current.hard_break = true;
                    words.push(std::mem::take(&mut current));
                } else if let Some(last) = words.last_mut().filter(|w| !w.hard_break) {
                    last.hard_break = true;
                    last.space = None;
                } else {
                    words.push(Word {
                        hard_break: true,
                        ..Word::default()
                    });
                }
                continue;
            }
            Piece::Span(span) => span,
        };
        let chars: Vec<char> = span.text.chars().collect();
        for (index, &c) in chars.iter().enumerate() {
            if c == SOFT_HYPHEN {
                if let Some(seg) = current.segs.len().checked_sub(1) {
                    let at = current.segs[seg].text.len();
                    current.points.push((seg, at));
                }
                continue;
            }
            if c == ' ' {
                let space = Seg {
                    text: " ".to_owned(),
                    style: span.style,
                    link: span.link.clone(),
                    note: span.note,
                    units: measure.advance(span.style.face, ' '),
                    exact: measure.exact_advance(span.style.face, ' '),
                };
                if !current.is_empty() {
                    current.space = Some(space);
                    words.push(std::mem::take(&mut current));
                } else if let Some(last) = words
                    .last_mut()
                    .filter(|w| w.space.is_none() && !w.hard_break && !w.is_empty())
                {
                    last.space = Some(space);
                }
                continue;
            }
            current.push(c, span, measure);
            let before = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
            let after = chars.get(index + 1).copied();
            if may_break_after(before, c, after) {
                words.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Whether a line may break after `c`: after a hyphen between a letter or
/// digit and a letter (« sous-|traitant », « 0105-|CRES »), as LibreOffice
/// breaks the DOCX's lines (never before a digit: « 2004-1085 » stays
/// whole). Not after a `/`, not even in an address: LibreOffice does not
/// (an address wider than the line is still cut, see [`split_word`]).
fn may_break_after(before: Option<char>, c: char, after: Option<char>) -> bool {
    c == '-' && before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphabetic)
}

/// The word cut at its last soft hyphen where the head, hyphen included,
/// fits in `room` points; `None` when no cut fits.
fn hyphenate(word: &Word, room: f32, measure: &impl Measure) -> Option<(Word, Word)> {
    (0..word.points.len()).rev().find_map(|index| {
        let (head, tail) = word.cut(index, measure);
        (!head.is_empty() && !tail.is_empty() && head.fit_width() <= room - FIT_MARGIN)
            .then_some((head, tail))
    })
}

/// Cuts a word wider than a line into parts that fit, preferring to cut
/// after a `/` or a `-`. Every part holds at least one character.
fn split_word(word: &Word, max_width: f32, measure: &impl Measure) -> Vec<Word> {
    // Each character with its segment and its advance in 1/1000 em.
    let chars: Vec<(&Seg, char, u32)> = word
        .segs
        .iter()
        .flat_map(|seg| {
            seg.text
                .chars()
                .map(move |c| (seg, c, measure.advance(seg.style.face, c)))
        })
        .collect();
    let mut parts = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut width = 0.0;
        let mut end = start;
        let mut good_cut = None;
        while let Some(&(seg, c, units)) = chars.get(end) {
            let advance = units as f32 * seg.style.size / 1000.0;
            if end > start && width + advance > max_width {
                break;
            }
            width += advance;
            end += 1;
            if matches!(c, '/' | '-') && width >= max_width * 0.5 {
                good_cut = Some(end);
            }
        }
        if end < chars.len()
            && let Some(cut) = good_cut
        {
            end = cut;
        }
        let mut part = Word::default();
        for &(seg, c, units) in &chars[start..end] {
            match part.segs.last_mut() {
                Some(last) if last.same_look(&seg.style, &seg.link, seg.note) => {
                    last.text.push(c);
                    last.units = last.units.saturating_add(units);
                    last.exact += units as f32;
                }
                // Field by field: cloning the whole segment would copy all
                // its text for every part, which is quadratic in a word of
                // megabytes.
                _ => part.segs.push(Seg {
                    text: c.to_string(),
                    style: seg.style,
                    link: seg.link.clone(),
                    note: seg.note,
                    units,
                    exact: units as f32,
                }),
            }
        }
        parts.push(part);
        start = end;
    }
    if let Some(last) = parts.last_mut() {
        last.space = word.space.clone();
        last.hard_break = word.hard_break;
    }
    parts
}

/// Accumulates words into a line.
#[derive(Default)]
struct Builder {
    line: Line,
    /// The line's width as fitting weighs it.
    fit_width: f32,
    /// The space after the last word, placed only if another word follows.
    pending: Option<Seg>,
}

impl Builder {
    fn is_empty(&self) -> bool {
        self.line.frags.is_empty()
    }

    fn fits(&self, word: &Word, max_width: f32) -> bool {
        word.fit_width() <= self.room(max_width) - FIT_MARGIN
    }

    /// The width left on the line for another word, after its space, as
    /// fitting weighs it.
    fn room(&self, max_width: f32) -> f32 {
        let space = if self.is_empty() {
            0.0
        } else {
            self.pending.as_ref().map_or(0.0, Seg::fit_width)
        };
        max_width - self.fit_width - space
    }

    fn push(&mut self, word: &Word) {
        if let Some(space) = self.pending.take()
            && !self.is_empty()
            && !word.is_empty()
        {
            self.append(&space);
        }
        for seg in &word.segs {
            self.append(seg);
        }
        self.pending = word.space.clone();
    }

    fn append(&mut self, seg: &Seg) {
        let line = &mut self.line;
        match line.frags.last_mut() {
            Some(frag)
                if frag.style == seg.style && frag.link == seg.link && frag.note == seg.note =>
            {
                frag.text.push_str(&seg.text);
                frag.width += seg.width();
            }
            _ => line.frags.push(Frag {
                text: seg.text.clone(),
                style: seg.style,
                link: seg.link.clone(),
                note: seg.note,
                x: line.width,
                width: seg.width(),
                gaps_before: line.gaps,
            }),
        }
        line.width += seg.width();
        self.fit_width += seg.fit_width();
        line.gaps += seg.text.matches(' ').count();
    }

    fn finish(&mut self, last: bool) -> Line {
        self.pending = None;
        self.fit_width = 0.0;
        let mut line = std::mem::take(&mut self.line);
        line.last = last;
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 500/1000 em, spaces 250, the narrow no-break space 125.
    pub(super) struct Mono;

    impl Measure for Mono {
        fn advance(&self, _face: Face, c: char) -> u32 {
            match c {
                ' ' | '\u{a0}' => 250,
                '\u{202f}' => 125,
                _ => 500,
            }
        }
    }

    pub(super) fn span(text: &str) -> Piece {
        Piece::Span(Span {
            text: text.to_owned(),
            style: RunStyle::new(Face::Regular, 10.0),
            link: None,
            note: None,
        })
    }

    fn link(text: &str) -> Piece {
        Piece::Span(Span {
            link: Some(text.to_owned()),
            ..match span(text) {
                Piece::Span(s) => s,
                Piece::Break => unreachable!(),
            }
        })
    }

    pub(super) fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.frags.iter().map(|f| f.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn lines_fill_up_to_the_width_and_no_further() {
        // "aaaa" is 20 pt, a space 2.5 pt: two words take 42.5 pt.
        let lines = break_lines(&[span("aaaa bbbb cccc dddd")], 45.0, &Mono);
        assert_eq!(texts(&lines), ["aaaa bbbb", "cccc dddd"]);
        assert!((lines[0].width - 42.5).abs() < 1e-4);
        assert_eq!(lines[0].gaps, 1);
        assert!(!lines[0].last && lines[1].last);
        // A line fills up to the fitting margin, no further.
        let lines = break_lines(&[span("aaaa bbbb cccc")], 42.5 + FIT_MARGIN, &Mono);
        assert_eq!(texts(&lines), ["aaaa bbbb", "cccc"]);
        let lines = break_lines(&[span("aaaa bbbb cccc")], 42.5 + FIT_MARGIN / 2.0, &Mono);
        assert_eq!(texts(&lines), ["aaaa", "bbbb", "cccc"]);
    }

    #[test]
    fn spaces_collapse_and_never_start_or_end_a_line() {
        let lines = break_lines(&[span("  aaaa    bbbb  ")], 100.0, &Mono);
        assert_eq!(texts(&lines), ["aaaa bbbb"]);
        let lines = break_lines(&[span("aaaa bbbb")], 25.0, &Mono);
        assert_eq!(texts(&lines), ["aaaa", "bbbb"]);
        assert_eq!(lines[0].gaps, 0);
    }

    #[test]
    fn no_break_spaces_hold_words_together() {
        let text = "prix 30\u{202f}000\u{a0}€ «\u{202f}x\u{202f}»";
        let lines = break_lines(&[span(text)], 40.0, &Mono);
        assert_eq!(
            texts(&lines),
            ["prix", "30\u{202f}000\u{a0}€", "«\u{202f}x\u{202f}»"]
        );
        // Only U+0020 stretches.
        assert!(lines.iter().all(|l| l.gaps == 0));
    }

    #[test]
    fn styles_mix_within_a_word_and_a_line() {
        let bold = Piece::Span(Span {
            text: "gras".into(),
            style: RunStyle::new(Face::Bold, 10.0),
            link: None,
            note: None,
        });
        let lines = break_lines(
            &[span("un «\u{202f}"), bold, span("\u{202f}» fin")],
            200.0,
            &Mono,
        );
        assert_eq!(lines.len(), 1);
        let faces: Vec<Face> = lines[0].frags.iter().map(|f| f.style.face).collect();
        assert_eq!(faces, [Face::Regular, Face::Bold, Face::Regular]);
        assert_eq!(lines[0].frags[1].x, lines[0].frags[0].width);
        assert_eq!(lines[0].frags[2].gaps_before, 1);
        assert_eq!(lines[0].gaps, 2);
    }

    #[test]
    fn long_words_are_cut_to_fit() {
        let lines = break_lines(&[span("x aaaaaaaaaaaaaaaaaaaa y")], 30.0, &Mono);
        assert_eq!(texts(&lines), ["x", "aaaaaa", "aaaaaa", "aaaaaa", "aa y"]);
        for line in &lines {
            assert!(line.width <= 30.0 + 1e-3, "{line:?}");
        }
        // A width narrower than one character still makes progress.
        let lines = break_lines(&[span("abc")], 0.0, &Mono);
        assert_eq!(texts(&lines), ["a", "b", "c"]);
    }

    #[test]
    fn lines_break_after_hyphens_before_letters_not_after_slashes() {
        // An address goes whole to the next line, as LibreOffice puts it.
        let lines = break_lines(
            &[
                span("voir"),
                span(" "),
                link("https://beta.gouv.fr/approche/manifeste"),
            ],
            200.0,
            &Mono,
        );
        assert_eq!(
            texts(&lines),
            ["voir", "https://beta.gouv.fr/approche/manifeste"]
        );
        let lines = break_lines(&[span("xxxx "), link("aaaa/bb")], 50.0, &Mono);
        assert_eq!(texts(&lines), ["xxxx", "aaaa/bb"]);
        // A hyphen before a letter is a break, before a digit not.
        let lines = break_lines(&[span("xxxx sous-traitant")], 50.0, &Mono);
        assert_eq!(texts(&lines), ["xxxx sous-", "traitant"]);
        let lines = break_lines(&[span("xxxx 2004-1085")], 50.0, &Mono);
        assert_eq!(texts(&lines), ["xxxx", "2004-1085"]);
        // A word longer than the line is cut, after a slash when it can.
        let lines = break_lines(&[span("aaaa/bbbb/cccc")], 50.0, &Mono);
        assert_eq!(texts(&lines), ["aaaa/bbbb/", "cccc"]);
    }

    #[test]
    fn forced_breaks_end_lines_that_are_not_justified() {
        let lines = break_lines(
            &[span("aa bb"), Piece::Break, Piece::Break, span("cc")],
            200.0,
            &Mono,
        );
        assert_eq!(texts(&lines), ["aa bb", "", "cc"]);
        assert!(lines.iter().all(|l| l.last));
        assert_eq!(lines[0].spread(200.0, Align::Justify), (0.0, 0.0));
        // An empty paragraph is one empty line.
        let lines = break_lines(&[], 100.0, &Mono);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].frags.is_empty());
    }

    #[test]
    fn justification_spreads_the_slack_over_the_spaces() {
        let lines = break_lines(&[span("aa bb cc dd ee ff")], 45.0, &Mono);
        // "aa bb cc" = 30 + 2 × 2.5 = 35 pt; 10 pt of slack over 2 spaces.
        assert_eq!(texts(&lines)[0], "aa bb cc");
        let (x, extra) = lines[0].spread(45.0, Align::Justify);
        assert_eq!(x, 0.0);
        assert!((extra - 5.0).abs() < 1e-4);
        let items = lines[0].frags[0].text_items(extra);
        // -5 pt at 10 pt = -500 thousandths of an em, after each inner space.
        assert_eq!(
            items,
            [
                TextItem::Text("aa ".into()),
                TextItem::Offset(-500.0),
                TextItem::Text("bb ".into()),
                TextItem::Offset(-500.0),
                TextItem::Text("cc".into()),
            ]
        );
        // The last line stays flush left; centring and right alignment move it.
        let last = lines.last().expect("lines");
        assert_eq!(last.spread(45.0, Align::Justify), (0.0, 0.0));
        assert_eq!(
            last.spread(45.0, Align::Center).0,
            (45.0 - last.width) / 2.0
        );
        assert_eq!(last.spread(45.0, Align::Right).0, 45.0 - last.width);
    }

    #[test]
    fn notes_are_reported_by_the_lines_that_call_them() {
        let call = Piece::Span(Span {
            text: "1".into(),
            style: RunStyle {
                rise: 3.0,
                ..RunStyle::new(Face::Regular, 6.0)
            },
            link: None,
            note: Some(0),
        });
        let lines = break_lines(&[span("aaaa"), call, span(" bbbb")], 30.0, &Mono);
        assert_eq!(texts(&lines), ["aaaa1", "bbbb"]);
        let notes = |line: &Line| line.frags.iter().filter_map(|f| f.note).collect::<Vec<_>>();
        assert_eq!(notes(&lines[0]), [0]);
        assert!(notes(&lines[1]).is_empty());
        assert_eq!(lines[0].size(9.0), 10.0);
        assert_eq!(Line::default().size(9.0), 9.0);
    }
}

#[cfg(test)]
mod hyphen_tests {
    use super::tests::{Mono, span, texts};
    use super::*;

    #[test]
    fn an_overflowing_word_is_cut_at_its_last_soft_hyphen_that_fits() {
        // "aaaa " is 22.5 pt; "bb-" 15 pt fits in 40, "bbcc-" 25 pt does not.
        let lines = break_lines(&[span("aaaa bb\u{ad}cc\u{ad}dd")], 40.0, &Mono);
        assert_eq!(texts(&lines), ["aaaa bb-", "ccdd"]);
        assert!((lines[0].width - 37.5).abs() < 1e-4);
        // A word that fits is not cut, and its soft hyphens are not drawn.
        let lines = break_lines(&[span("aa bb\u{ad}cc")], 100.0, &Mono);
        assert_eq!(texts(&lines), ["aa bbcc"]);
        // No cut fits: the word goes whole to the next line.
        let lines = break_lines(&[span("aaaaaa bbb\u{ad}cc")], 40.0, &Mono);
        assert_eq!(texts(&lines), ["aaaaaa", "bbbcc"]);
        // A word wider than a line is cut at soft hyphens first.
        let lines = break_lines(&[span("aaa\u{ad}bbb\u{ad}ccc\u{ad}ddd")], 40.0, &Mono);
        assert_eq!(texts(&lines), ["aaabbb-", "cccddd"]);
    }
}
