//! CSV and text files as a spreadsheet user saves them: UTF-8 with or without a byte-order
//! mark, UTF-16 ("Unicode Text"), or Windows-1252 (Excel's "CSV" on U.S. Windows); comma,
//! semicolon or tab between fields; CRLF or LF line ends; blank lines; rows of any length.

use encoding_rs::{Encoding, WINDOWS_1252};

use super::cells::{Cell, RawCell, RawRow};

/// How many lines are searched for the header line when choosing the delimiter.
const SNIFF_LINES: usize = 20;

/// Reads a CSV or tab-separated text file's bytes into rows of text cells, numbered as Excel
/// would number them once opened (blank lines count as rows). Errors with the reason in words.
pub(crate) fn read_text(bytes: &[u8]) -> Result<Vec<RawRow>, String> {
    let decoded = decode(bytes)?;
    let (bytes, lenient): (&[u8], bool) = match &decoded {
        Decoded::Text(text) => (text.as_bytes(), false),
        Decoded::Utf8WithBadBytes => (bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes), true),
    };
    let delimiter = sniff_delimiter(&String::from_utf8_lossy(bytes));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut rows = Vec::new();
    // The csv crate skips blank lines, which Excel shows as empty rows, and its positions point
    // just past the previous record; so the row number is counted here: the line breaks before
    // the record's first byte, less those inside quoted fields (a record spanning three lines
    // is still one Excel row).
    let (mut cursor, mut breaks, mut inner_breaks) = (0usize, 0usize, 0usize);
    for record in reader.byte_records() {
        let record = record.map_err(|e| format!("not a readable CSV file: {e}"))?;
        let scanned_from = record
            .position()
            .map_or(cursor, |p| (p.byte() as usize).clamp(cursor, bytes.len()));
        let start = scanned_from
            + bytes[scanned_from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        breaks += count_breaks(&bytes[cursor..start]);
        cursor = start;
        rows.push(RawRow {
            row: breaks - inner_breaks + 1,
            cells: record
                .iter()
                .map(|field| text_cell(field, lenient))
                .collect(),
        });
        inner_breaks += record.iter().map(count_breaks).sum::<usize>();
    }
    Ok(rows)
}

/// One field as a cell. Fields are valid UTF-8 unless the file is UTF-8 with a few bad bytes
/// (`lenient`): such a field keeps U+FFFD in their place and says which bytes they were.
fn text_cell(field: &[u8], lenient: bool) -> RawCell {
    let (text, bad_bytes) = match std::str::from_utf8(field) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            debug_assert!(lenient, "a decoded text is valid UTF-8");
            let mut shown = String::new();
            for chunk in field.utf8_chunks() {
                shown.push_str(chunk.valid());
                for byte in chunk.invalid() {
                    shown.push_str(&format!("\\x{byte:02X}"));
                }
            }
            (String::from_utf8_lossy(field).into_owned(), Some(shown))
        }
    };
    RawCell {
        value: if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        },
        link: None,
        bad_bytes,
    }
}

/// Line breaks in `bytes`: CRLF, LF and a lone CR each count once.
fn count_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// What [`decode`] made of a file.
enum Decoded {
    /// The whole text, decoded.
    Text(String),
    /// UTF-8 but for a few invalid bytes: read field by field from the bytes themselves, the
    /// fields holding invalid bytes flagged (never re-decoded in another encoding).
    Utf8WithBadBytes,
}

/// The file's text. A byte-order mark names the encoding (UTF-8, UTF-16); without one, valid
/// UTF-8 is UTF-8; a file whose non-ASCII characters are mostly valid UTF-8 is UTF-8 with bad
/// bytes; anything else is Windows-1252, which every byte decodes in. Binary content (NUL
/// bytes) is refused.
fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors && encoding == encoding_rs::UTF_8 {
            // Marked as UTF-8: never read as anything else.
            return Ok(Decoded::Utf8WithBadBytes);
        }
        if had_errors {
            return Err(format!(
                "the text is marked as {} but is not valid {}",
                encoding.name(),
                encoding.name()
            ));
        }
        return Ok(Decoded::Text(text.into_owned()));
    }
    if bytes.contains(&0) {
        let hint = if bytes.starts_with(b"PK\x03\x04") {
            " (it looks like an Excel .xlsx workbook: give it the .xlsx extension)"
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            " (it looks like an old Excel .xls workbook: give it the .xls extension)"
        } else {
            ""
        };
        return Err(format!("not a text file: it holds binary data{hint}"));
    }
    read_utf8(bytes)
}

/// Text without a byte-order mark: UTF-8 when it is, or when its valid multi-byte characters
/// are at least as many as its invalid bytes (a UTF-8 file with a few bad bytes); else
/// Windows-1252, where a stray valid UTF-8 sequence is all but unknown.
fn read_utf8(bytes: &[u8]) -> Result<Decoded, String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded::Text(text.to_string()));
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if valid > 0 && valid >= invalid {
        return Ok(Decoded::Utf8WithBadBytes);
    }
    Ok(Decoded::Text(
        WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    ))
}

/// The delimiter of the header line (the first line naming STATE and SUPPORT TYPE), else of
/// the first non-blank line: whichever of comma, semicolon and tab it holds most; comma when
/// none.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
        .collect();
    let header = lines.iter().find(|line| {
        let upper = line.to_uppercase();
        upper.contains("STATE") && upper.contains("SUPPORT") && upper.contains("AGENCY")
    });
    let Some(line) = header.or(lines.first()) else {
        return b',';
    };
    let count = |c: char| line.matches(c).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .fold(
            (b',', 0),
            |best, (d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[RawRow]) -> Vec<(usize, Vec<String>)> {
        rows.iter()
            .map(|r| (r.row, r.cells.iter().map(|c| c.value.raw()).collect()))
            .collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain =
            read_text("STATE,LAW ENFORCEMENT AGENCY\nFLORIDA,Sheriff’s Office\n".as_bytes())
                .unwrap();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(
            "STATE,LAW ENFORCEMENT AGENCY\nFLORIDA,Sheriff’s Office\n".as_bytes(),
        );
        let bom = read_text(&bom).unwrap();
        assert_eq!(texts(&plain), texts(&bom));
        assert_eq!(texts(&bom)[0].1[0], "STATE");
        assert_eq!(texts(&bom)[1].1[1], "Sheriff’s Office");
    }

    #[test]
    fn windows_1252_is_decoded() {
        let rows = read_text(b"A,B\r\nFLORIDA,Sheriff\x92s Office\r\n").unwrap();
        assert_eq!(texts(&rows)[1].1[1], "Sheriff\u{2019}s Office");
    }

    /// One bad byte in a UTF-8 file: only its cell is flagged, with the byte; every other
    /// cell stays UTF-8 (it was all read as Windows-1252: "CafÃ© Ok Sheriff").
    #[test]
    fn a_utf8_file_with_one_bad_byte_stays_utf8_and_names_the_byte() {
        let mut bytes = "STATE,LAW ENFORCEMENT AGENCY\nOKLAHOMA,Café Ok Sheriff\nTEXAS,Bad"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"\xE9 Police\n");
        let rows = read_text(&bytes).unwrap();
        assert_eq!(texts(&rows)[1].1[1], "Café Ok Sheriff");
        assert_eq!(rows[1].cells[1].bad_bytes, None);
        assert_eq!(
            rows[2].cells[1].bad_bytes.as_deref(),
            Some("Bad\\xE9 Police")
        );
        assert_eq!(texts(&rows)[2].1[1], "Bad\u{FFFD} Police");
        // With a byte-order mark too.
        let mut marked = b"\xEF\xBB\xBF".to_vec();
        marked.extend_from_slice(&bytes);
        assert_eq!(texts(&read_text(&marked).unwrap()), texts(&rows));
    }

    #[test]
    fn utf16_unicode_text_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "STATE\tLAW ENFORCEMENT AGENCY\tSUPPORT TYPE\r\nGUAM\tX\tY\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let rows = read_text(&bytes).unwrap();
        assert_eq!(
            texts(&rows)[1],
            (2, vec!["GUAM".into(), "X".into(), "Y".into()])
        );
    }

    #[test]
    fn delimiter_is_taken_from_the_header_line() {
        let text = "List of agencies, as of today\nSTATE;LAW ENFORCEMENT AGENCY;SUPPORT TYPE\nTEXAS;A, B and C;TFM\n";
        let rows = read_text(text.as_bytes()).unwrap();
        assert_eq!(texts(&rows)[2].1, vec!["TEXAS", "A, B and C", "TFM"]);
        assert_eq!(sniff_delimiter("a,b;c;d\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("abc\n"), b',');
        assert_eq!(sniff_delimiter(""), b',');
    }

    #[test]
    fn row_numbers_count_blank_lines_but_not_breaks_inside_quotes() {
        let text = "H1,H2\r\n\r\na,\"two\r\nlines\"\r\nb,c\r\n\r\n\r\nd,e\r\n";
        let rows = read_text(text.as_bytes()).unwrap();
        let numbers: Vec<usize> = rows.iter().map(|r| r.row).collect();
        // Excel: 1 header, 2 blank, 3 a (one cell on two lines), 4 b, 5-6 blank, 7 d.
        assert_eq!(numbers, [1, 3, 4, 7]);
    }

    #[test]
    fn binary_data_is_refused_with_a_hint() {
        let err = read_text(b"PK\x03\x04\x14\x00\x06\x00").unwrap_err();
        assert!(err.contains(".xlsx"), "{err}");
        assert!(read_text(b"\x00\x01\x02").unwrap_err().contains("binary"));
    }
}
