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
    let mut text = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' | '\u{2032}' => {}
            '&' => text.push_str(" and "),
            c if c.is_alphanumeric() => text.extend(c.to_lowercase()),
            _ => text.push(' '),
        }
    }
    text.split_whitespace()
        .map(|w| fold(w).to_string())
        .collect()
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

/// The number of single-letter insertions, deletions, substitutions and swaps of two adjacent
/// letters that make `a` into `b` (optimal string alignment distance).
pub(crate) fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

/// Whether two words are the same but for a slip of one letter, in words long enough that one
/// letter cannot make another word ("departent" for "department", "constbales" for
/// "constables").
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 6 && b.chars().count() >= 6 && edits(a, b) <= 1)
}

/// Whether two counties are the same, allowing ICE's slip of up to two letters in a long name
/// ("Alleghany" for "Allegheny", "Lampass" for "Lampasas"); short names must be equal.
pub(crate) fn same_county(a: &str, b: &str) -> bool {
    a == b || (a.chars().count() >= 6 && b.chars().count() >= 6 && edits(a, b) <= 2)
}
