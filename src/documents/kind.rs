//! What a document is, before it is kept: its kind (from its first bytes, else its name), its
//! fingerprint, the size limit, and the records it can be attached to. Pure: no file system,
//! no database.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// The largest document g287 keeps: 64 MiB. A signed MOA is 0.2–5 MB and a phone's photo a few
/// MB; a file beyond this is more likely a mistake (a video, a disk image) than evidence, and
/// it would be copied whole into every backup.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The record a document is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// An agreement (its MOA, letters, notices).
    Agreement,
    /// A nominee (certificates, background checks).
    Nominee,
    /// A decision of ICE or CBP (the letter).
    Decision,
    /// A complaint (the report, the results).
    Complaint,
    /// A steering meeting (minutes).
    Meeting,
}

impl Subject {
    /// Every subject, in the order the window lists them.
    pub const ALL: [Subject; 5] = [
        Subject::Agreement,
        Subject::Nominee,
        Subject::Decision,
        Subject::Complaint,
        Subject::Meeting,
    ];

    /// The code kept in the registry and used on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Subject::Agreement => "agreement",
            Subject::Nominee => "nominee",
            Subject::Decision => "decision",
            Subject::Complaint => "complaint",
            Subject::Meeting => "meeting",
        }
    }

    /// The subject of a code, if it is one.
    pub fn parse(code: &str) -> Option<Subject> {
        Subject::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What kind of file a document is, by its first bytes (its name only when they say nothing
/// known): a file named `.pdf` that is a JPEG is a JPEG.
pub fn sniff_kind(name: &str, bytes: &[u8]) -> &'static str {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF") {
        return "pdf";
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return "png";
    }
    if starts(b"\xFF\xD8\xFF") {
        return "jpeg";
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return "gif";
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return "tiff";
    }
    if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        // An OLE compound file: Word 97-2003 or Excel 97-2003, told apart by the name only.
        return match extension(name).as_deref() {
            Some("xls") => "xls",
            _ => "doc",
        };
    }
    if starts(b"PK\x03\x04") {
        // Office Open XML is a zip whose parts name the application: the first entry names
        // are near the start of the file.
        let head = &bytes[..bytes.len().min(64 * 1024)];
        if contains(head, b"word/") {
            return "docx";
        }
        if contains(head, b"xl/") {
            return "xlsx";
        }
        return "zip";
    }
    match extension(name).as_deref() {
        Some("pdf") => "pdf",
        Some("png") => "png",
        Some("jpg" | "jpeg") => "jpeg",
        Some("gif") => "gif",
        Some("tif" | "tiff") => "tiff",
        Some("doc") => "doc",
        Some("docx") => "docx",
        Some("xls") => "xls",
        Some("xlsx") => "xlsx",
        Some("txt") => "text",
        _ => "other",
    }
}

fn extension(name: &str) -> Option<String> {
    let (_, ext) = name.rsplit_once('.')?;
    Some(ext.to_ascii_lowercase())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The SHA-256 of a document's bytes, as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// A size in words: "3.2 MB", "812 KB", "96 bytes".
pub fn size_in_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_kinds_come_from_their_bytes_before_their_names() {
        assert_eq!(sniff_kind("a.jpg", b"%PDF-1.7\n"), "pdf");
        assert_eq!(sniff_kind("scan.pdf", b"\xFF\xD8\xFF\xE0rest"), "jpeg");
        assert_eq!(sniff_kind("x", b"\x89PNG\r\n\x1a\n...."), "png");
        assert_eq!(sniff_kind("x", b"GIF89a.."), "gif");
        assert_eq!(sniff_kind("x", b"II*\0...."), "tiff");
        assert_eq!(
            sniff_kind("a.docx", b"PK\x03\x04....word/document.xml"),
            "docx"
        );
        assert_eq!(
            sniff_kind("a.zip", b"PK\x03\x04....xl/workbook.xml"),
            "xlsx"
        );
        assert_eq!(
            sniff_kind("old.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."),
            "xls"
        );
        assert_eq!(sniff_kind("notes.TXT", b"hello"), "text");
        assert_eq!(sniff_kind("mystery", b"hello"), "other");
    }

    #[test]
    fn documents_fingerprints_and_sizes_in_words() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(size_in_words(96), "96 bytes");
        assert_eq!(size_in_words(2048), "2 KB");
        assert_eq!(size_in_words(3 * 1024 * 1024 + 200_000), "3.2 MB");
        assert_eq!(Subject::parse("meeting"), Some(Subject::Meeting));
        assert_eq!(Subject::parse("agency"), None);
    }
}
