//! Which row of a list in the old draft is which row in the new one: by a
//! key where the list has one (the year of a schedule row, the topic of an
//! RGPD row), else by content, so that a row inserted in the middle is one
//! insertion and not a cascade of changes.

use std::collections::HashMap;

use similar::{Algorithm, DiffTag, capture_diff_slices};

/// Below this likeness (0 to 1, by words), two rows are not the same row
/// changed but one row removed and another added.
pub const SAME_ROW: f32 = 0.5;

/// How one row fares from the old list to the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowPair {
    /// In both lists; `moved` when it changed place among the rows kept.
    Both {
        /// Its index in the old list.
        old: usize,
        /// Its index in the new list.
        new: usize,
        /// Whether its place changed.
        moved: bool,
    },
    /// Only in the old list.
    Removed(usize),
    /// Only in the new list.
    Added(usize),
}

/// A row as matching sees it: its key, if the list has keys and the row a
/// non-empty one, and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowText {
    /// The key, normalised.
    pub key: Option<String>,
    /// The whole row's text, normalised.
    pub text: String,
}

/// How the rows of a list are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Matching {
    /// Whether the order of the rows means something (a schedule is shown
    /// by year whatever its order in the file: it does not).
    pub ordered: bool,
    /// Whether rows with different keys are always different rows (two
    /// years), or may be one row whose key was reworded (a topic).
    pub strict_keys: bool,
}

/// Matches the rows of two versions of a list. The pairs come in the new
/// list's order, each removed row where it stood among the old rows.
pub fn match_rows(old: &[RowText], new: &[RowText], how: Matching) -> Vec<RowPair> {
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];

    // By key: the first old row with the key goes with the first new one.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, row) in old.iter().enumerate().rev() {
        if let Some(key) = &row.key {
            by_key.entry(key).or_default().push(index);
        }
    }
    for (index, row) in new.iter().enumerate() {
        if let Some(key) = &row.key
            && let Some(found) = by_key.get_mut(key.as_str()).and_then(Vec::pop)
        {
            old_of_new[index] = Some(found);
            taken[found] = true;
        }
    }

    // By identical text, in order, then by likeness: among the rows left,
    // those keyed and changed in their key (a topic reworded) too.
    let open = |row: &RowText| !how.strict_keys || row.key.is_none();
    let left_old: Vec<usize> = (0..old.len())
        .filter(|&i| !taken[i] && open(&old[i]))
        .collect();
    let left_new: Vec<usize> = (0..new.len())
        .filter(|&i| old_of_new[i].is_none() && open(&new[i]))
        .collect();
    let texts_old: Vec<&str> = left_old.iter().map(|&i| old[i].text.as_str()).collect();
    let texts_new: Vec<&str> = left_new.iter().map(|&i| new[i].text.as_str()).collect();
    let mut still_old = Vec::new();
    let mut still_new = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &texts_old, &texts_new) {
        let (tag, olds, news) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (o, n) in olds.zip(news) {
                    old_of_new[left_new[n]] = Some(left_old[o]);
                    taken[left_old[o]] = true;
                }
            }
            _ => {
                still_old.extend(olds.map(|o| left_old[o]));
                still_new.extend(news.map(|n| left_new[n]));
            }
        }
    }
    pair_by_likeness(old, new, &still_old, &still_new, &mut old_of_new);

    let moved = if how.ordered {
        moved_rows(&old_of_new)
    } else {
        vec![false; new.len()]
    };
    let kept: Vec<bool> = {
        let mut kept = vec![false; old.len()];
        for found in old_of_new.iter().flatten() {
            kept[*found] = true;
        }
        kept
    };
    let mut pairs = Vec::with_capacity(old.len().max(new.len()));
    let mut next_removed = 0;
    let mut flush_removed = |up_to: usize, pairs: &mut Vec<RowPair>| {
        while next_removed < up_to.min(old.len()) {
            if !kept[next_removed] {
                pairs.push(RowPair::Removed(next_removed));
            }
            next_removed += 1;
        }
    };
    // Where the next row kept in place stood: removals come before the
    // additions that replace them.
    let mut next_anchor = vec![old.len(); new.len() + 1];
    for index in (0..new.len()).rev() {
        next_anchor[index] = match old_of_new[index] {
            Some(old_index) if !moved[index] => old_index,
            _ => next_anchor[index + 1],
        };
    }
    for (index, found) in old_of_new.iter().enumerate() {
        match found {
            Some(old_index) => {
                if !moved[index] {
                    flush_removed(*old_index, &mut pairs);
                }
                pairs.push(RowPair::Both {
                    old: *old_index,
                    new: index,
                    moved: moved[index],
                });
            }
            None => {
                flush_removed(next_anchor[index], &mut pairs);
                pairs.push(RowPair::Added(index));
            }
        }
    }
    flush_removed(old.len(), &mut pairs);
    pairs
}

/// Pairs the rows left on each side whose text is alike enough, the most
/// alike first.
fn pair_by_likeness(
    old: &[RowText],
    new: &[RowText],
    still_old: &[usize],
    still_new: &[usize],
    old_of_new: &mut [Option<usize>],
) {
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for &n in still_new {
        for &o in still_old {
            let likeness = likeness(&old[o].text, &new[n].text);
            if likeness >= SAME_ROW {
                candidates.push((likeness, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_old = vec![false; old.len()];
    for (_, o, n) in candidates {
        if !used_old[o] && old_of_new[n].is_none() {
            used_old[o] = true;
            old_of_new[n] = Some(o);
        }
    }
}

/// The rows that changed place: those off the longest run of rows kept in
/// their old order.
fn moved_rows(old_of_new: &[Option<usize>]) -> Vec<bool> {
    let order: Vec<usize> = old_of_new.iter().flatten().copied().collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    let mut in_place = vec![false; order.len()];
    for op in capture_diff_slices(Algorithm::Myers, &sorted, &order) {
        let (tag, _, news) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for n in news {
                in_place[n] = true;
            }
        }
    }
    let mut moved = vec![false; old_of_new.len()];
    let mut position = 0;
    for (index, found) in old_of_new.iter().enumerate() {
        if found.is_some() {
            moved[index] = !in_place[position];
            position += 1;
        }
    }
    moved
}

/// How alike two texts are, from 0 to 1: the share of their words (spaces
/// and punctuation aside) that the longest common run of words keeps.
pub fn likeness(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let kept: usize = capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .filter_map(|op| match op.as_tag_tuple() {
            (DiffTag::Equal, olds, _) => Some(olds.len()),
            _ => None,
        })
        .sum();
    (2 * kept) as f32 / (a.len() + b.len()) as f32
}

/// Text as compared: line ends unified, spaces at the ends of lines and
/// runs of spaces inside them reduced, so that formatting alone is no
/// change.
pub fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    lines.join("\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDERED: Matching = Matching {
        ordered: true,
        strict_keys: false,
    };

    fn rows(texts: &[&str]) -> Vec<RowText> {
        texts
            .iter()
            .map(|text| RowText {
                key: None,
                text: (*text).to_owned(),
            })
            .collect()
    }

    fn keyed(rows: &[(&str, &str)]) -> Vec<RowText> {
        rows.iter()
            .map(|(key, text)| RowText {
                key: Some((*key).to_owned()),
                text: (*text).to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_row_inserted_in_the_middle_is_one_insertion() {
        let old = rows(&["un visa", "deux visas", "trois visas"]);
        let new = rows(&["un visa", "nouveau texte cité", "deux visas", "trois visas"]);
        assert_eq!(
            match_rows(&old, &new, ORDERED),
            [
                RowPair::Both {
                    old: 0,
                    new: 0,
                    moved: false
                },
                RowPair::Added(1),
                RowPair::Both {
                    old: 1,
                    new: 2,
                    moved: false
                },
                RowPair::Both {
                    old: 2,
                    new: 3,
                    moved: false
                },
            ]
        );
    }

    #[test]
    fn removed_rows_stand_where_they_were() {
        let old = rows(&["a b c", "d e f", "g h i"]);
        let new = rows(&["a b c", "g h i"]);
        assert_eq!(
            match_rows(&old, &new, ORDERED),
            [
                RowPair::Both {
                    old: 0,
                    new: 0,
                    moved: false
                },
                RowPair::Removed(1),
                RowPair::Both {
                    old: 2,
                    new: 1,
                    moved: false
                },
            ]
        );
    }

    #[test]
    fn a_reworded_row_is_the_same_row_and_a_swap_is_a_move() {
        let old = rows(&[
            "recueillir le consentement des usagers",
            "publier le code source",
            "mesurer l'impact",
        ]);
        let new = rows(&[
            "mesurer l'impact",
            "recueillir le consentement exprès des usagers",
            "publier le code source",
        ]);
        assert_eq!(
            match_rows(&old, &new, ORDERED),
            [
                RowPair::Both {
                    old: 2,
                    new: 0,
                    moved: true
                },
                RowPair::Both {
                    old: 0,
                    new: 1,
                    moved: false
                },
                RowPair::Both {
                    old: 1,
                    new: 2,
                    moved: false
                },
            ]
        );
    }

    #[test]
    fn keys_decide_before_content_and_unordered_lists_never_move() {
        let old = keyed(&[("2022", "30 000"), ("2023", "0")]);
        let new = keyed(&[("2023", "15 000"), ("2022", "30 000"), ("2024", "10 000")]);
        let by_year = Matching {
            ordered: false,
            strict_keys: true,
        };
        assert_eq!(
            match_rows(&old, &new, by_year),
            [
                RowPair::Both {
                    old: 1,
                    new: 0,
                    moved: false
                },
                RowPair::Both {
                    old: 0,
                    new: 1,
                    moved: false
                },
                RowPair::Added(2),
            ]
        );
        // Another year is another row, however alike its amounts.
        let old = keyed(&[("2023", "10 000 10 000")]);
        let new = keyed(&[("2024", "10 000 10 000")]);
        assert_eq!(
            match_rows(&old, &new, by_year),
            [RowPair::Removed(0), RowPair::Added(0)]
        );
        // A reworded topic is the same row.
        let old = keyed(&[("territorialité", "territorialité des données : en France")]);
        let new = keyed(&[(
            "territorialité des données",
            "territorialité des données : en France",
        )]);
        assert_eq!(
            match_rows(&old, &new, ORDERED),
            [RowPair::Both {
                old: 0,
                new: 0,
                moved: false
            }]
        );
    }

    #[test]
    fn unlike_rows_are_a_removal_and_an_addition() {
        let old = rows(&["Violation de données"]);
        let new = rows(&["Territorialité des serveurs"]);
        assert_eq!(
            match_rows(&old, &new, ORDERED),
            [RowPair::Removed(0), RowPair::Added(0)]
        );
    }

    #[test]
    fn formatting_is_not_content() {
        assert_eq!(normalize("  a \t b \r\n c  "), "a b\nc");
        assert_eq!(likeness("a b", "a b"), 1.0);
        assert_eq!(likeness("", "a"), 0.0);
        assert_eq!(
            likeness("Un texte sans rapport.", "Tout autre chose ici."),
            0.0
        );
        assert!((likeness("a b c d", "a b x d") - 0.75).abs() < 1e-6);
    }
}
