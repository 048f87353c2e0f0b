//! How names are compared: ICE's free text and the FBI's terse names reduced to the same words.
//!
//! Only spelling is folded here, never meaning: case, apostrophes (straight or curly, "Sheriff's"
//! and "Sheriffs" alike), punctuation ("Miami-Dade" and "Miami Dade", the FBI's trailing colon
//! of "Highway Patrol:"), `&` for "and", and the abbreviations both lists use for the same word
//! ("St." and "Saint", "Mt." and "Mount", "Ft." and "Fort", "Twp" and "Township", "Dept" and
//! "Department").

/// The words of a name, folded: lower case, apostrophes dropped, `&` read as "and", every other
/// sign a space, abbreviations written one way.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut text = String::new();
    fold_into(name, &mut text);
    if text.is_empty() {
        return Vec::new();
    }
    text.split(' ').map(str::to_string).collect()
}

/// The words of a name folded as [`words`] does, joined by single spaces, written into `out`
/// (cleared first), so that a scan of many names reuses one buffer.
pub(crate) fn fold_into(name: &str, out: &mut String) {
    out.clear();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(fold(word));
            word.clear();
        }
    };
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' | '\u{2032}' => {}
            '&' => {
                flush(&mut word, out);
                word.push_str("and");
                flush(&mut word, out);
            }
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => flush(&mut word, out),
        }
    }
    flush(&mut word, out);
}

/// One spelling for the abbreviations both lists use.
fn fold(word: &str) -> &str {
    match word {
        "saint" => "st",
        "mount" => "mt",
        "fort" => "ft",
        "twp" => "township",
        "dept" => "department",
        other => other,
    }
}

/// The words of a county as either list writes it ("Miami-Dade County", "MIAMI-DADE",
/// "Beauregard Parish"), without the trailing "County" or "Parish".
pub(crate) fn county_words(county: &str) -> Vec<String> {
    let mut w = words(county);
    if w.len() > 1 && matches!(w.last().map(String::as_str), Some("county" | "parish")) {
        w.pop();
    }
    w
}

/// The counties of a row of the national list: the FBI writes a city in several counties as
/// "COOK, DUPAGE".
pub(crate) fn fbi_counties(county: &str) -> Vec<String> {
    county
        .split(',')
        .map(|c| county_words(c).join(" "))
        .filter(|c| !c.is_empty())
        .collect()
}

/// Whether `a` is within `max` edits of `b`: single-letter insertions, deletions, substitutions
/// and swaps of two adjacent letters (optimal string alignment distance), and how many; names
/// whose lengths differ by more are not compared letter by letter.
pub(crate) fn within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max * 4 {
        // Byte lengths: a letter is at most four bytes.
        return None;
    }
    if a.is_ascii() && b.is_ascii() {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        return distance_within(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_within(&a, &b, max)
}

/// The optimal string alignment distance of `a` and `b` (insertions, deletions,
/// substitutions and swaps of two adjacent letters), given up as soon as it must exceed `max`:
/// the rules compare a name with every row of its state, and nearly all are far off. Every cell
/// of a row comes from the row before (+1 or the diagonal), the row two before (a swap, +1) or
/// the cell to its left in the same row (+1); so once the row before holds nothing within `max`
/// and the row two before nothing within `max - 1`, no later cell can. `usize::MAX` asks for
/// the whole distance. The three rows of names up to 64 letters live on the stack.
fn distance_within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let width = b.len() + 1;
    let mut on_stack = [0usize; 3 * 65];
    let mut on_heap = Vec::new();
    let cells: &mut [usize] = if width <= 65 {
        &mut on_stack[..3 * width]
    } else {
        on_heap.resize(3 * width, 0);
        &mut on_heap
    };
    // Which third of `cells` is row i - 2, row i - 1 and row i; rotated, never copied.
    let (mut two_back, mut previous, mut current) = (0, width, 2 * width);
    for j in 0..width {
        cells[previous + j] = j;
    }
    for i in 1..=a.len() {
        cells[current] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (cells[previous + j] + 1)
                .min(cells[current + j - 1] + 1)
                .min(cells[previous + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(cells[two_back + j - 2] + 1);
            }
            cells[current + j] = best;
        }
        (two_back, previous, current) = (previous, current, two_back);
        // `previous` is row i now, `two_back` row i - 1: the rows every later cell comes from.
        let row_min = cells[previous..previous + width].iter().copied().min();
        let row_before_min = cells[two_back..two_back + width].iter().copied().min();
        if row_min.unwrap_or(0) > max && row_before_min.unwrap_or(0).saturating_add(1) > max {
            return None;
        }
    }
    Some(cells[previous + width - 1]).filter(|d| *d <= max)
}

/// Whether two words are the same but for a slip of one letter, in words long enough that one
/// letter cannot make another word ("departent" for "department", "constbales" for
/// "constables").
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 6 && b.chars().count() >= 6 && within(a, b, 1).is_some())
}

/// Whether two counties are the same, allowing ICE's slip of up to two letters in a long name
/// ("Alleghany" for "Allegheny", "Lampass" for "Lampasas"); short names must be equal.
pub(crate) fn same_county(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 6 && b.chars().count() >= 6 && within(a, b, 2).is_some())
}

/// Whether `name` holds `part` (lower-case ASCII), ignoring ASCII case: a cheap test before a
/// name is folded.
pub(crate) fn holds(name: &str, part: &str) -> bool {
    let (name, part) = (name.as_bytes(), part.as_bytes());
    part.is_empty()
        || name
            .windows(part.len())
            .any(|w| w.eq_ignore_ascii_case(part))
}

#[cfg(test)]
mod tests {
    use super::{distance_within, within};
    use proptest::prelude::*;

    proptest! {
        /// Giving up early never changes the answer: within `max` exactly when the whole
        /// distance is.
        #[test]
        fn within_agrees_with_the_whole_distance(
            a in "[a-e ]{0,12}",
            b in "[a-e ]{0,12}",
            max in 0usize..4,
        ) {
            let whole = distance_within(a.as_bytes(), b.as_bytes(), usize::MAX).unwrap();
            prop_assert_eq!(within(&a, &b, max), Some(whole).filter(|d| *d <= max));
        }
    }

    #[test]
    fn a_swap_of_two_letters_is_one_edit() {
        assert_eq!(within("berrien", "berrine", 1), Some(1));
        assert_eq!(within("lampasas", "lampass", 2), Some(1));
        assert_eq!(within("colbert", "jackson", 2), None);
        assert_eq!(distance_within(b"kitten", b"sitting", usize::MAX), Some(3));
        assert_eq!(distance_within(b"", b"abc", usize::MAX), Some(3));
        // Names longer than the rows kept on the stack.
        let long = "department of corrections office of the inspector general unit seven";
        let slip = long.replace("inspector", "inpsector");
        assert!(long.len() > 64);
        assert_eq!(within(long, &slip, 2), Some(1));
    }
}
