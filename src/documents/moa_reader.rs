//! What a signed 287(g) Memorandum of Agreement's PDF says: the model (its title), the agency
//! and state (page 1: the words between "and [the]" and "hereinafter"), and the typed names,
//! titles and dates of the signers (the signature page). Nothing is guessed: a value that is not
//! clearly in the text layer is `None`, and a document without usable text says why and reads
//! nothing.
//!
//! Layouts (see `shared/moa-terms.md`, "Reading the signature page"):
//! - 2025: "For the LEA:" on the left, "For ICE:" on the right; labels "Date:", "Name:",
//!   "Title:"; a typed value on the label's line, or one line above it (or just under it, on
//!   the underline); digital-signature timestamps ("Date: 2025.03.18 09:52:57") in the box;
//! - 2019-2020: ICE on the left, the agency on the right, each signer's name and title printed
//!   under the signature, above ICE's "Enforcement and Removal Operations"; "Date:" before.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::pdf_text::{self, Line, Page, PdfText, TextError};
use crate::domain::{Model, State};

/// What an MOA's text says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct MoaReading {
    /// The model named by the title ("287(g) Jail Enforcement Model", "287(g) Task Force
    /// Model", "Warrant Service Officer Program").
    pub model: Option<Model>,
    /// The agency as page 1 writes it (state suffix included, e.g. "Crenshaw County Sheriffs
    /// Office, AL").
    pub agency: Option<String>,
    /// The state the agency's name on page 1 states ("…, AL", "(FL)", "Alaska Department…").
    #[serde(with = "opt_state_code", default)]
    pub state: Option<State>,
    /// The signers whose typed name was read, agency first.
    pub signers: Vec<Signer>,
    /// Why nothing could be read: "no text layer (a scan)", "fonts without a Unicode map",
    /// "not a PDF: …"; `None` when the text was read (even if some values were not found).
    pub unreadable: Option<String>,
}

/// Who signed for whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerParty {
    /// The law enforcement agency.
    Agency,
    /// U.S. Immigration and Customs Enforcement.
    Ice,
}

/// A signer as typed on the signature page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    /// For whom they signed.
    pub party: SignerParty,
    /// The typed name.
    pub name: String,
    /// The typed title, when readable.
    pub title: Option<String>,
    /// The date of signing, when typed or stamped (digital-signature timestamp) readably.
    pub date: Option<NaiveDate>,
}

/// `Option<State>` as its postal code (or null), read back from a code or a name.
mod opt_state_code {
    use crate::domain::State;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes the postal code, or null.
    pub fn serialize<S: Serializer>(state: &Option<State>, s: S) -> Result<S::Ok, S::Error> {
        match state {
            Some(state) => crate::domain::agency::state_code::serialize(state, s),
            None => s.serialize_none(),
        }
    }

    /// Reads a postal code or full name, or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<State>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(raw) => State::parse(&raw)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("unknown state {raw:?}"))),
        }
    }
}

/// Reads an MOA's PDF. Never panics; time is bounded (see [`pdf_text::extract`]).
pub fn read_moa(bytes: &[u8]) -> MoaReading {
    let text = match pdf_text::extract(bytes) {
        Ok(text) => text,
        Err(error) => return unreadable(describe(&error)),
    };
    if let Some(why) = why_unreadable(&text) {
        return unreadable(why);
    }
    let first = &text.pages[0];
    let (agency, state) = match read_agency(first) {
        Some(agency) => {
            let state = state_of(&agency);
            (Some(agency), state)
        }
        None => (None, None),
    };
    MoaReading {
        model: read_model(first),
        agency,
        state,
        signers: read_signers(&text),
        unreadable: None,
    }
}

/// The file name of an MOA link: its last path part, percent-decoded, after unwrapping an
/// Outlook safelink. `None` when the link has no file name.
pub fn moa_file_name(url: &str) -> Option<String> {
    let url = crate::import::unwrap_safelink(url);
    let path = url.split(['?', '#']).next().unwrap_or("");
    // Past the host, if the link has one ("https://www.ice.gov" names no file).
    let path = match path.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => path,
    };
    let last = path.rsplit('/').next().unwrap_or("");
    let decoded = crate::import::percent_decode(last);
    let decoded = decoded.trim();
    if decoded.is_empty() {
        None
    } else {
        Some(decoded.to_string())
    }
}

fn unreadable(why: String) -> MoaReading {
    MoaReading {
        unreadable: Some(why),
        ..MoaReading::default()
    }
}

fn describe(error: &TextError) -> String {
    match error {
        TextError::NotPdf(why) => format!("not a PDF: {why}"),
        TextError::TooLarge(size) => format!("too large to read ({size} bytes)"),
        TextError::Failed(why) => format!("the PDF could not be read: {why}"),
    }
}

/// A scan carries no text on its first page (some carry a few typed lines elsewhere, such as
/// ICE's signer in a form field: not enough to read an MOA); a document whose glyphs mostly
/// have no Unicode map says nothing readable.
fn why_unreadable(text: &PdfText) -> Option<String> {
    let words = |page: &Page| {
        page.lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .map(|s| s.text.split_whitespace().count())
            .sum::<usize>()
    };
    if text.pages.is_empty() {
        return Some("no pages".into());
    }
    if text.mapped_glyphs == 0 && text.unmapped_glyphs > 0
        || text.unmapped_glyphs > text.mapped_glyphs
    {
        return Some("fonts without a Unicode map".into());
    }
    if words(&text.pages[0]) < 20 {
        return Some("no text layer (a scan)".into());
    }
    None
}

/// The model from the title, above the first paragraph of page 1.
fn read_model(first: &Page) -> Option<Model> {
    let mut found = None;
    for line in &first.lines {
        let text = squash(&line.text());
        if text.contains("constitutes") || text.contains("This Memorandum") {
            break;
        }
        let model = if text.contains("Jail Enforcement Model") {
            Some(Model::Jem)
        } else if text.contains("Task Force Model") {
            Some(Model::Tfm)
        } else if text.contains("Warrant Service Officer") {
            Some(Model::Wso)
        } else {
            None
        };
        if model.is_some() {
            found = model;
            break;
        }
    }
    found
}

/// Collapses runs of spaces.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The agency on page 1: after "Security (DHS), and [the]", up to "hereinafter" or ", pursuant
/// to which" (2025 Task Force layout) or, failing that, between "employees of the" and
/// "(hereinafter".
fn read_agency(first: &Page) -> Option<String> {
    let text = squash(
        &first
            .lines
            .iter()
            .take(30)
            .map(Line::text)
            .collect::<Vec<_>>()
            .join(" "),
    );
    // OCR may glue words ("constitutes anagreement"): the verb alone anchors.
    let start = text.find("constitutes")?;
    let text = &text[start..];
    let after_dhs = ["(DHS), and ", "(OHS), and ", "(DHS) and ", "(OHS) and "]
        .iter()
        .find_map(|m| text.find(m).map(|i| &text[i + m.len()..]))?;
    let after_dhs = after_dhs
        .strip_prefix("the")
        .map(|rest| rest.trim_start_matches('_'))
        .unwrap_or(after_dhs);
    let ends = [
        " hereinafter",
        "' hereinafter",
        " pursuant to which",
        ", pursuant to which",
    ];
    let end = ends.iter().filter_map(|e| after_dhs.find(e)).min()?;
    let candidate = clean_agency(&after_dhs[..end]);
    if let Some(agency) = candidate.filter(|a| plausible_agency(a)) {
        return Some(agency);
    }
    // The 2025 Task Force form repeats the name after "employees of the".
    let i = text.find("employees of the ")?;
    let rest = &text[i + "employees of the ".len()..];
    let end = rest.find("(hereinafter")?;
    clean_agency(&rest[..end]).filter(|a| plausible_agency(a))
}

fn clean_agency(raw: &str) -> Option<String> {
    let cleaned = squash(raw.trim_matches(|c: char| {
        c.is_whitespace() || c == ',' || c == '_' || c == '\'' || c == '\u{2019}'
    }));
    (!cleaned.is_empty()).then_some(cleaned)
}

/// An agency name: a few words, with letters, no form underscores or OCR debris.
fn plausible_agency(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (2..=14).contains(&words)
        && name.chars().next().is_some_and(|c| c.is_uppercase())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || " ,.'’()&-/".contains(c))
}

/// The state an agency's name states: a trailing ", AL" / ", Alabama" / "(FL)", or a leading
/// state name before "Department" ("Alaska Department of Corrections").
fn state_of(agency: &str) -> Option<State> {
    let trimmed = agency.trim_end_matches(['.', ' ']);
    if let Some(inner) = trimmed
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .map(|(_, inner)| inner)
        && inner.len() == 2
        && inner.chars().all(|c| c.is_ascii_uppercase())
    {
        return State::parse(inner);
    }
    if let Some((_, tail)) = trimmed.rsplit_once(',') {
        let tail = tail.trim();
        let is_code = tail.len() == 2 && tail.chars().all(|c| c.is_ascii_uppercase());
        let is_name = tail.len() > 2 && tail.chars().all(|c| c.is_alphabetic() || c == ' ');
        if is_code || is_name {
            return State::parse(tail);
        }
    }
    // "Arizona Department of …", "New Mexico Department of …".
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    for n in [1, 2, 3] {
        if words.len() > n + 1
            && words[n] == "Department"
            && let Some(state) = State::parse(&words[..n].join(" "))
            && words[..n].iter().all(|w| w.len() > 2)
        {
            return Some(state);
        }
    }
    None
}

/// The signers, from the page with the signature block.
fn read_signers(text: &PdfText) -> Vec<Signer> {
    for page in &text.pages {
        let Some(start) = page
            .lines
            .iter()
            .position(|l| squash(&l.text()).contains("By signing this MOA"))
        else {
            continue;
        };
        let block = &page.lines[start + 1..];
        let mid = page.width / 2.0;
        let headers = block.iter().find(|l| {
            let t = l.text();
            t.contains("For the LEA") && t.contains("For ICE")
        });
        return match headers {
            Some(headers) => read_2025(block, headers, mid),
            None => read_2020(block, mid),
        };
    }
    Vec::new()
}

/// The text of a line's spans inside `[from, to)` (by their left edges), joined.
fn column_text(line: &Line, from: f64, to: f64) -> String {
    squash(
        &line
            .spans
            .iter()
            .filter(|s| s.x0 >= from && s.x0 < to)
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The 2025 layout: "For the LEA:" on the left, "For ICE:" on the right.
fn read_2025(block: &[Line], headers: &Line, mid: f64) -> Vec<Signer> {
    let ice_x = headers
        .spans
        .iter()
        .find(|s| s.text.contains("For ICE"))
        .map_or(mid, |s| s.x0 - 12.0);
    let below: Vec<&Line> = block.iter().filter(|l| l.y > headers.y).collect();
    let mut signers = Vec::new();
    for (party, from, to) in [
        (SignerParty::Agency, 0.0, ice_x),
        (SignerParty::Ice, ice_x, f64::INFINITY),
    ] {
        let column: Vec<(f64, String)> = below
            .iter()
            .map(|l| (l.y, column_text(l, from, to)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let name = labelled(&column, "Name")
            .filter(|v| is_name(v))
            .map(|v| tidy_name(&v));
        let name = name.or_else(|| digitally_signed_by(&below, from, to));
        // Without a "Name:" label (2025 Task Force form), the name typed over the signature
        // line (Arcadia: a text note "Quinn Jones").
        let name = name.or_else(|| {
            labelled(&column, "Signature")
                .filter(|v| is_name(v))
                .map(|v| tidy_name(&v))
        });
        let title = labelled(&column, "Title").filter(|v| is_title(v));
        let date = labelled(&column, "Date")
            .and_then(|v| parse_date(&v))
            .or_else(|| timestamp(&column));
        if let Some(name) = name {
            signers.push(Signer {
                party,
                name,
                title,
                date,
            });
        }
    }
    signers
}

/// Where a line starts with a label: the rest of the line after it.
fn after_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(label)?;
    let rest = rest.trim_start_matches([':', '·', '.', ';']);
    // A label must end there ("Name:", "Name·"): "Names of…" is not one.
    if rest.len() == text.len() - label.len() && !rest.starts_with([' ', '_', '-']) {
        return None;
    }
    Some(rest)
}

/// Strips form underlines and dashes around a value.
fn strip_rules(value: &str) -> String {
    squash(value.trim_matches(|c: char| c == '_' || c == '-' || c == ' ' || c == '\u{2014}'))
}

/// The value of a label in one column: on its own line after the label; else on the nearest
/// line above (within 18 points: typed over the label); else just under it (within 9 points:
/// typed on the underline). Only lines that carry no label themselves count.
fn labelled(column: &[(f64, String)], label: &str) -> Option<String> {
    let index = column
        .iter()
        .position(|(_, t)| after_label(t, label).is_some())?;
    let (y, text) = &column[index];
    let same = strip_rules(after_label(text, label).unwrap_or(""));
    if !same.is_empty() {
        return Some(same);
    }
    let is_free = |t: &str| {
        ![
            "Date",
            "Name",
            "Title",
            "Signat",
            "Agency",
            "For the LEA",
            "For ICE",
        ]
        .iter()
        .any(|l| t.starts_with(l))
    };
    let above = column[..index]
        .iter()
        .rev()
        .find(|(ly, t)| y - ly <= 18.0 && is_free(t))
        .map(|(_, t)| strip_rules(t));
    if let Some(value) = above.filter(|v| !v.is_empty()) {
        return Some(value);
    }
    column[index + 1..]
        .iter()
        .find(|(ly, t)| ly - y <= 9.0 && is_free(t))
        .map(|(_, t)| strip_rules(t))
        .filter(|v| !v.is_empty())
}

/// "Digitally signed by Shannon Oliver": the name the signature itself carries, on the same
/// line or on the next line at the same left edge.
fn digitally_signed_by(lines: &[&Line], from: f64, to: f64) -> Option<String> {
    let (index, span) = lines.iter().enumerate().find_map(|(i, l)| {
        l.spans
            .iter()
            .find(|s| s.x0 >= from && s.x0 < to && s.text.contains("Digitally signed by"))
            .map(|s| (i, s))
    })?;
    let rest = squash(span.text.split("Digitally signed by").nth(1).unwrap_or(""));
    if is_name(&rest) {
        return Some(rest);
    }
    let next = lines.get(index + 1)?;
    next.spans
        .iter()
        .find(|s| (s.x0 - span.x0).abs() < 6.0)
        .map(|s| squash(&s.text))
        .filter(|t| is_name(t))
}

/// OCR sets a space before a period ("C.M . Cronen"): never part of a name.
fn tidy_name(value: &str) -> String {
    squash(value).replace(" .", ".")
}

/// A typed person's name: two to five words, each capitalised, letters with periods,
/// apostrophes or hyphens; a generational suffix allowed.
fn is_name(value: &str) -> bool {
    let value = tidy_name(value);
    let words: Vec<&str> = value.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '\'' || c == '-')
                && letters >= 1
        })
        && words.iter().filter(|w| w.len() >= 3).count() >= 1
        && !words.iter().any(|w| {
            [
                "Date",
                "Name",
                "Title",
                "Signature",
                "Agency",
                "Department",
                "Office",
            ]
            .contains(w)
        })
}

/// A typed title: words of letters (capitalised, or small joining words), commas, periods
/// and ampersands.
fn is_title(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && words.iter().all(|w| {
            let core = w.trim_end_matches([',', '.']);
            let joining = ["of", "for", "and", "the", "&"].contains(&core);
            joining
                || (core.chars().next().is_some_and(|c| c.is_uppercase())
                    && core
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '.' || c == '-')
                    // OCR sets an underline's dashes into words ("D-irecto-r"): a real
                    // hyphen joins parts of two letters or more.
                    && core
                        .split('-')
                        .all(|part| part.chars().filter(|c| c.is_alphabetic()).count() >= 2))
        })
        && words.iter().any(|w| w.len() >= 4)
}

/// A date written as a whole value: "March 3, 2025", "04/16/2025", "7/16/20", "OCT 15 2019",
/// or a digital-signature timestamp "2025.03.18 09:52:57".
fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = squash(value);
    if let Some(date) = timestamp_in(&value).filter(|_| value.starts_with(char::is_numeric)) {
        return Some(date);
    }
    // Stamps write the month in capitals ("OCT 15 2019").
    let value = value
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) if w.chars().all(char::is_alphabetic) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ");
    for format in ["%B %d, %Y", "%B %d %Y", "%b %d, %Y", "%b %d %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(&value, format) {
            return Some(date);
        }
    }
    // "04/16/2025"; two-digit years ("7/16/20") are taken in this century.
    let parts: Vec<&str> = value.split('/').collect();
    if parts.len() == 3
        && (1..=2).contains(&parts[0].len())
        && (1..=2).contains(&parts[1].len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let year: i32 = parts[2].parse().ok()?;
        let year = match parts[2].len() {
            2 => 2000 + year,
            4 => year,
            _ => return None,
        };
        return NaiveDate::from_ymd_opt(year, parts[0].parse().ok()?, parts[1].parse().ok()?);
    }
    None
}

/// A digital-signature timestamp ("2025.03.18 09:52:57", OCR may drop the space) in `text`:
/// its fixed form makes it unambiguous.
fn timestamp_in(text: &str) -> Option<NaiveDate> {
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len() {
        let rest: String = chars[start..].iter().take(20).collect();
        let b = rest.as_bytes();
        let digits =
            |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
        if b.len() >= 10
            && digits(0..4)
            && b[4] == b'.'
            && digits(5..7)
            && b[7] == b'.'
            && digits(8..10)
        {
            // The time must follow (with or without the space).
            let time = rest[10..].trim_start();
            let t = time.as_bytes();
            let is_time = t.len() >= 8
                && t[..2].iter().all(u8::is_ascii_digit)
                && t[2] == b':'
                && t[3..5].iter().all(u8::is_ascii_digit)
                && t[5] == b':'
                && t[6..8].iter().all(u8::is_ascii_digit);
            if is_time {
                return NaiveDate::from_ymd_opt(
                    rest[0..4].parse().ok()?,
                    rest[5..7].parse().ok()?,
                    rest[8..10].parse().ok()?,
                );
            }
        }
    }
    None
}

/// A "Date: YYYY.MM.DD hh:mm:ss" timestamp anywhere in a column.
fn timestamp(column: &[(f64, String)]) -> Option<NaiveDate> {
    column.iter().find_map(|(_, t)| {
        t.find("Date:")
            .and_then(|i| timestamp_in(t[i + 5..].trim_start()))
    })
}

/// The 2019-2020 layout: ICE on the left, the agency on the right; names and titles printed
/// under the signatures, above "Enforcement and Removal Operations" on ICE's side.
fn read_2020(block: &[Line], mid: f64) -> Vec<Signer> {
    let split = mid - 10.0;
    let Some(anchor) = block
        .iter()
        .position(|l| column_text(l, 0.0, split).starts_with("Enforcement and Removal Operations"))
    else {
        return Vec::new();
    };
    if anchor < 2 {
        return Vec::new();
    }
    let (name_line, title_line) = (&block[anchor - 2], &block[anchor - 1]);
    let dates: Vec<&Line> = block[..anchor - 2].iter().collect();
    let mut signers = Vec::new();
    for (party, from, to) in [
        (SignerParty::Ice, 0.0, split),
        (SignerParty::Agency, split, f64::INFINITY),
    ] {
        let name = column_text(name_line, from, to);
        if !is_name(&name) {
            continue;
        }
        let name = tidy_name(&name);
        let title = Some(column_text(title_line, from, to)).filter(|t| is_title(t));
        let column: Vec<(f64, String)> = dates
            .iter()
            .map(|l| (l.y, column_text(l, from, to)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let date = column
            .iter()
            .find_map(|(_, t)| after_label(t, "Date").and_then(parse_date))
            .or_else(|| timestamp(&column));
        signers.push(Signer {
            party,
            name,
            title,
            date,
        });
    }
    signers
}

#[cfg(test)]
mod tests;
