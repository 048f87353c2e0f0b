//! Documents kept with the record: what a file is before it is kept ([`kind`]: its kind,
//! fingerprint and the size limit), the reader of a signed Memorandum of Agreement's PDF
//! ([`moa_reader`]: what its text layer says, or why nothing could be read), and the rules that
//! match an MOA to its agreement and compare the two ([`moa_check`]). No SQL, no window.

pub mod kind;
pub mod moa_check;
pub mod moa_reader;
pub mod pdf_text;
pub mod words;

pub use kind::{MAX_DOCUMENT_BYTES, Subject, sha256_hex, size_in_words, sniff_kind};
pub use moa_check::{Finding, FindingKind, MoaMatch, MoaTarget, compare, match_moa};
pub use moa_reader::{MoaReading, Signer, SignerParty, moa_file_name, read_moa};
pub use words::reading_in_words;
