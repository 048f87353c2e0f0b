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
    let text = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv crate skips blank lines, which Excel shows as empty rows, and its positions point
    // just past the previous record; so the row number is counted here: the line breaks before
    // the record's first byte, less those inside quoted fields (a record spanning three lines
    // is still one Excel row).
    let bytes = text.as_bytes();
    let (mut cursor, mut breaks, mut inner_breaks) = (0usize, 0usize, 0usize);
    for record in reader.records() {
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
                .map(|field| {
                    RawCell::plain(if field.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(field.to_string())
                    })
                })
                .collect(),
        });
        inner_breaks += record
            .iter()
            .map(|f| count_breaks(f.as_bytes()))
            .sum::<usize>();
    }
    Ok(rows)
}

/// Line breaks in `bytes`: CRLF, LF and a lone CR each count once.
fn count_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The file's text. A byte-order mark names the encoding (UTF-8, UTF-16); without one, valid
/// UTF-8 is UTF-8 and anything else is Windows-1252, which every byte decodes in. Binary
/// content (NUL bytes) is refused.
fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors && encoding != encoding_rs::UTF_8 {
            return Err(format!(
                "the text is marked as {} but is not valid {}",
                encoding.name(),
                encoding.name()
            ));
        }
        return Ok(text.into_owned());
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
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => Ok(WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()),
    }
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
