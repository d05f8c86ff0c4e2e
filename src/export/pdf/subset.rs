//! TrueType subsets of the embedded faces: the glyphs a document shows,
//! renumbered from 1 (.notdef stays 0), with the tables a PDF reader needs
//! (`glyf`, `loca`, `hmtx`, `hhea`, `maxp`, `head`, a Unicode `cmap`, a
//! version 3 `post`, and `name`, `cvt `, `fpgm`, `prep` as they are).
//!
//! Written here rather than with allsorts' `subset`, which the writer used
//! before: allsorts reads every glyph of a face into memory to keep a few
//! dozen of them, and that was the largest single cost of an export (about
//! a seventh of its processor time; see the README, Performance). Here only
//! the glyphs kept are read, by their offsets in `loca`, and copied as they
//! are; composite glyphs bring their components, renumbered. The faces are
//! our own (Liberation Sans, DejaVu Sans: TrueType outlines); anything else
//! is refused, not guessed at.

use std::collections::{BTreeMap, BTreeSet};

/// Why a subset could not be made (a broken or unexpected face).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SubsetError(&'static str);

impl std::fmt::Display for SubsetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// The tables copied as they are, when the face has them.
const COPIED: [&[u8; 4]; 4] = [b"cvt ", b"fpgm", b"name", b"prep"];

/// The subset of the TrueType face `font` holding the glyphs of `chars`
/// (each character with its glyph in `font`, glyph 0 for none). Its
/// `cmap` maps each character to its glyph in the subset.
pub(crate) fn subset(font: &[u8], chars: &[(char, u16)]) -> Result<Vec<u8>, SubsetError> {
    let face = Face::read(font)?;
    let head = face.table(b"head")?;
    let maxp = face.table(b"maxp")?;
    let hhea = face.table(b"hhea")?;
    let hmtx = face.table(b"hmtx")?;
    let glyph_count = usize::from(u16_at(maxp, 4)?);
    let long_offsets = u16_at(head, 50)? == 1;
    let metrics = usize::from(u16_at(hhea, 34)?);
    if metrics == 0 || metrics > glyph_count {
        return Err(SubsetError("hhea ou maxp incohérents"));
    }
    let glyphs = Glyphs {
        loca: face.table(b"loca")?,
        glyf: face.table(b"glyf")?,
        long_offsets,
        count: glyph_count,
    };

    // The glyphs kept: .notdef, those of the characters, and the
    // components of composite ones, in their order in the face.
    let mut kept: BTreeSet<u16> = BTreeSet::from([0]);
    kept.extend(chars.iter().map(|&(_, gid)| gid));
    let mut pending: Vec<u16> = kept.iter().copied().collect();
    while let Some(gid) = pending.pop() {
        for component in components(glyphs.data(gid)?)? {
            if kept.insert(component.gid) {
                pending.push(component.gid);
            }
        }
    }
    let new_id: BTreeMap<u16, u16> = kept
        .iter()
        .enumerate()
        .map(|(index, &gid)| Ok((gid, u16::try_from(index).map_err(|_| too_many())?)))
        .collect::<Result<_, SubsetError>>()?;
    let count = u16::try_from(kept.len()).map_err(|_| too_many())?;

    let mut glyf = Vec::new();
    let mut loca = Vec::with_capacity(4 * (kept.len() + 1));
    let mut new_hmtx = Vec::with_capacity(4 * kept.len());
    for &gid in &kept {
        loca.extend_from_slice(&offset32(glyf.len())?.to_be_bytes());
        let data = glyphs.data(gid)?;
        let start = glyf.len();
        glyf.extend_from_slice(data);
        for component in components(data)? {
            let renumbered = new_id.get(&component.gid).copied().unwrap_or(0);
            glyf[start + component.at..start + component.at + 2]
                .copy_from_slice(&renumbered.to_be_bytes());
        }
        while glyf.len() % 4 != 0 {
            glyf.push(0);
        }
        // Glyphs past the last full metric share its advance.
        let index = usize::from(gid);
        let advance = u16_at(hmtx, 4 * index.min(metrics - 1))?;
        let side_bearing = if index < metrics {
            u16_at(hmtx, 4 * index + 2)?
        } else {
            u16_at(hmtx, 4 * metrics + 2 * (index - metrics))?
        };
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&side_bearing.to_be_bytes());
    }
    loca.extend_from_slice(&offset32(glyf.len())?.to_be_bytes());

    let mut new_head = head.to_vec();
    new_head[8..12].fill(0); // checkSumAdjustment, set last.
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // long offsets
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&count.to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&count.to_be_bytes());
    let post = match face.table(b"post") {
        Ok(post) if post.len() >= 32 => {
            let mut post = post[..32].to_vec();
            post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
            post
        }
        _ => return Err(SubsetError("table post absente")),
    };
    let mapped: Vec<(char, u16)> = chars
        .iter()
        .filter(|&&(_, gid)| gid != 0)
        .map(|&(c, gid)| (c, new_id.get(&gid).copied().unwrap_or(0)))
        .collect();

    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"cmap", cmap(&mapped)),
        (*b"glyf", glyf),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", new_hmtx),
        (*b"loca", loca),
        (*b"maxp", new_maxp),
        (*b"post", post),
    ];
    for tag in COPIED {
        if let Ok(data) = face.table(tag) {
            tables.push((*tag, data.to_vec()));
        }
    }
    Ok(assemble(tables))
}

/// The tables of a face, found in its table directory.
struct Face<'a> {
    data: &'a [u8],
    tables: Vec<([u8; 4], std::ops::Range<usize>)>,
}

impl<'a> Face<'a> {
    fn read(data: &'a [u8]) -> Result<Self, SubsetError> {
        let version = u32_at(data, 0)?;
        if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
            return Err(SubsetError("police TrueType attendue"));
        }
        let count = usize::from(u16_at(data, 4)?);
        let mut tables = Vec::with_capacity(count);
        for index in 0..count {
            let record = 12 + 16 * index;
            let tag = data
                .get(record..record + 4)
                .ok_or(SubsetError("répertoire des tables tronqué"))?;
            let offset = u32_at(data, record + 8)? as usize;
            let length = u32_at(data, record + 12)? as usize;
            let end = offset
                .checked_add(length)
                .filter(|&end| end <= data.len())
                .ok_or(SubsetError("table hors du fichier"))?;
            let mut name = [0; 4];
            name.copy_from_slice(tag);
            tables.push((name, offset..end));
        }
        Ok(Face { data, tables })
    }

    fn table(&self, tag: &[u8; 4]) -> Result<&'a [u8], SubsetError> {
        self.tables
            .iter()
            .find(|(name, _)| name == tag)
            .map(|(_, range)| &self.data[range.clone()])
            .ok_or(SubsetError("table manquante"))
    }
}

/// The outlines of a face: `loca` gives where each glyph's bytes are in
/// `glyf`.
struct Glyphs<'a> {
    loca: &'a [u8],
    glyf: &'a [u8],
    long_offsets: bool,
    count: usize,
}

impl<'a> Glyphs<'a> {
    /// The bytes of glyph `gid` (empty for a glyph without outline).
    fn data(&self, gid: u16) -> Result<&'a [u8], SubsetError> {
        let index = usize::from(gid);
        if index >= self.count {
            return Err(SubsetError("glyphe hors de la police"));
        }
        let (start, end) = if self.long_offsets {
            (
                u32_at(self.loca, 4 * index)? as usize,
                u32_at(self.loca, 4 * index + 4)? as usize,
            )
        } else {
            (
                2 * usize::from(u16_at(self.loca, 2 * index)?),
                2 * usize::from(u16_at(self.loca, 2 * index + 2)?),
            )
        };
        self.glyf
            .get(start..end)
            .ok_or(SubsetError("glyphe hors de la table glyf"))
    }
}

/// A component of a composite glyph: its glyph, and where that number is
/// in the glyph's bytes.
struct Component {
    gid: u16,
    at: usize,
}

/// The components of a glyph: none for a simple one.
fn components(data: &[u8]) -> Result<Vec<Component>, SubsetError> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const X_AND_Y_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    if data.is_empty() || (u16_at(data, 0)? as i16) >= 0 {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let mut at = 10;
    loop {
        let flags = u16_at(data, at)?;
        found.push(Component {
            gid: u16_at(data, at + 2)?,
            at: at + 2,
        });
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 {
            2
        } else if flags & X_AND_Y_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 {
            return Ok(found);
        }
    }
}

/// A `cmap` with one Unicode subtable for the Basic Multilingual Plane
/// (platform 3, encoding 1, format 4, one segment per run of characters
/// whose glyphs follow each other) and, when a character lies beyond it,
/// a full one (platform 3, encoding 10, format 12).
fn cmap(mapped: &[(char, u16)]) -> Vec<u8> {
    let mut sorted: Vec<(u32, u16)> = mapped.iter().map(|&(c, gid)| (u32::from(c), gid)).collect();
    sorted.sort_unstable();
    sorted.dedup_by_key(|(code, _)| *code);
    // Runs of consecutive characters with consecutive glyphs.
    let mut runs: Vec<(u32, u32, u16)> = Vec::new();
    for &(code, gid) in &sorted {
        match runs.last_mut() {
            Some((start, end, first))
                if *end + 1 == code && u32::from(*first) + (code - *start) == u32::from(gid) =>
            {
                *end = code;
            }
            _ => runs.push((code, code, gid)),
        }
    }
    let bmp: Vec<(u32, u32, u16)> = runs
        .iter()
        .copied()
        .filter(|&(start, end, _)| start <= 0xFFFF && end < 0xFFFF)
        .collect();
    let wide = sorted.iter().any(|&(code, _)| code > 0xFFFF);

    // Format 4, with the closing 0xFFFF segment.
    let segments = bmp.len() + 1;
    let mut format4 = Vec::new();
    let search = 2 * (1usize << segments.ilog2());
    push16(&mut format4, 4);
    push16(&mut format4, (16 + 8 * segments) as u16);
    push16(&mut format4, 0);
    push16(&mut format4, (2 * segments) as u16);
    push16(&mut format4, search as u16);
    push16(&mut format4, (search / 2).ilog2() as u16);
    push16(&mut format4, (2 * segments - search) as u16);
    for &(_, end, _) in &bmp {
        push16(&mut format4, end as u16);
    }
    push16(&mut format4, 0xFFFF);
    push16(&mut format4, 0);
    for &(start, _, _) in &bmp {
        push16(&mut format4, start as u16);
    }
    push16(&mut format4, 0xFFFF);
    for &(start, _, gid) in &bmp {
        push16(&mut format4, gid.wrapping_sub(start as u16));
    }
    push16(&mut format4, 1);
    for _ in 0..segments {
        push16(&mut format4, 0);
    }

    let mut subtables = vec![(1u16, format4)];
    if wide {
        let mut format12 = Vec::new();
        push16(&mut format12, 12);
        push16(&mut format12, 0);
        push32(&mut format12, (16 + 12 * runs.len()) as u32);
        push32(&mut format12, 0);
        push32(&mut format12, runs.len() as u32);
        for &(start, end, gid) in &runs {
            push32(&mut format12, start);
            push32(&mut format12, end);
            push32(&mut format12, u32::from(gid));
        }
        subtables.push((10, format12));
    }
    let mut out = Vec::new();
    push16(&mut out, 0);
    push16(&mut out, subtables.len() as u16);
    let mut offset = 4 + 8 * subtables.len();
    for (encoding, table) in &subtables {
        push16(&mut out, 3);
        push16(&mut out, *encoding);
        push32(&mut out, offset as u32);
        offset += table.len();
    }
    for (_, table) in subtables {
        out.extend_from_slice(&table);
    }
    out
}

/// The font file: the table directory, then each table on a four-byte
/// boundary, with its checksum, and `head`'s checkSumAdjustment set.
fn assemble(mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|(tag, _)| *tag);
    let count = tables.len();
    let power = 1usize << count.ilog2();
    let mut out = Vec::new();
    push32(&mut out, 0x0001_0000);
    push16(&mut out, count as u16);
    push16(&mut out, (16 * power) as u16);
    push16(&mut out, power.ilog2() as u16);
    push16(&mut out, (16 * count - 16 * power) as u16);
    let mut offset = 12 + 16 * count;
    let mut head_at = None;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        push32(&mut out, checksum(data));
        push32(&mut out, offset as u32);
        push32(&mut out, data.len() as u32);
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The TrueType checksum: the sum of the big-endian words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn too_many() -> SubsetError {
    SubsetError("trop de glyphes")
}

fn offset32(offset: usize) -> Result<u32, SubsetError> {
    u32::try_from(offset).map_err(|_| SubsetError("table glyf trop grande"))
}

fn u16_at(data: &[u8], at: usize) -> Result<u16, SubsetError> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or(SubsetError("table tronquée"))
}

fn u32_at(data: &[u8], at: usize) -> Result<u32, SubsetError> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or(SubsetError("table tronquée"))
}

fn push16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_be_bytes());
}

fn push32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each character of `text` with its glyph in `font`.
    fn glyphs_of(font: &[u8], text: &str) -> Vec<(char, u16)> {
        let face = ttf_parser::Face::parse(font, 0).expect("face");
        text.chars()
            .map(|c| (c, face.glyph_index(c).map_or(0, |g| g.0)))
            .collect()
    }

    #[test]
    fn the_subset_shows_each_character_as_the_face_does() {
        let font = crate::assets::SANS_REGULAR;
        // « é », « Œ », « ǅ » are composite glyphs in Liberation Sans.
        let text = "Convention n° 2022 éèàŒœǅ « ’ » €";
        let bytes = subset(font, &glyphs_of(font, text)).expect("subset");
        let whole = ttf_parser::Face::parse(font, 0).expect("face");
        let part = ttf_parser::Face::parse(&bytes, 0).expect("the subset parses");
        assert!(part.number_of_glyphs() < 60);
        for c in text.chars() {
            let old = whole.glyph_index(c).expect("in the face");
            let new = part.glyph_index(c).expect("in the subset's cmap");
            assert_eq!(
                whole.glyph_hor_advance(old),
                part.glyph_hor_advance(new),
                "{c}"
            );
            assert_eq!(
                whole.glyph_bounding_box(old),
                part.glyph_bounding_box(new),
                "{c}"
            );
        }
    }

    #[test]
    fn composite_glyphs_bring_their_components() {
        let font = crate::assets::SANS_REGULAR;
        let bytes = subset(font, &glyphs_of(font, "é")).expect("subset");
        let face = Face::read(&bytes).expect("table directory");
        let glyphs = Glyphs {
            loca: face.table(b"loca").expect("loca"),
            glyf: face.table(b"glyf").expect("glyf"),
            long_offsets: true,
            count: usize::from(u16_at(face.table(b"maxp").expect("maxp"), 4).expect("count")),
        };
        let part = ttf_parser::Face::parse(&bytes, 0).expect("parses");
        let e = part.glyph_index('é').expect("mapped").0;
        let parts = components(glyphs.data(e).expect("glyph")).expect("components");
        assert!(!parts.is_empty(), "« é » is a composite glyph");
        for component in parts {
            assert!(usize::from(component.gid) < glyphs.count);
            assert!(!glyphs.data(component.gid).expect("component").is_empty());
        }
    }

    #[test]
    fn checksums_and_the_head_adjustment_add_up() {
        let font = crate::assets::FALLBACK_REGULAR;
        let bytes = subset(font, &glyphs_of(font, "Ελληνικά Русский עברית")).expect("subset");
        // With checkSumAdjustment set, the whole file sums to 0xB1B0AFBA.
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
        let face = Face::read(&bytes).expect("directory");
        for (index, (tag, range)) in face.tables.iter().enumerate() {
            let recorded = u32_at(&bytes, 12 + 16 * index + 4).expect("checksum");
            if tag != b"head" {
                assert_eq!(recorded, checksum(&bytes[range.clone()]), "{tag:?}");
            }
        }
    }

    #[test]
    fn characters_beyond_the_basic_plane_get_a_full_cmap() {
        let table = cmap(&[('a', 1), ('b', 2), ('c', 4), ('\u{1d518}', 5)]);
        let parsed = ttf_parser::cmap::Table::parse(&table).expect("cmap");
        let find = |c: char| {
            parsed
                .subtables
                .into_iter()
                .find_map(|subtable| subtable.glyph_index(u32::from(c)))
                .map(|g| g.0)
        };
        assert_eq!(find('a'), Some(1));
        assert_eq!(find('b'), Some(2));
        assert_eq!(find('c'), Some(4));
        assert_eq!(find('\u{1d518}'), Some(5));
        assert_eq!(find('d'), None);
    }

    #[test]
    fn a_broken_face_is_refused() {
        assert!(subset(b"not a font", &[('a', 1)]).is_err());
        let font = crate::assets::SANS_REGULAR;
        assert!(subset(&font[..2000], &[('a', 1)]).is_err());
        assert!(subset(font, &[('a', u16::MAX)]).is_err());
    }
}
