//! Documents kept with the record. For now this holds the reader of a signed Memorandum of
//! Agreement's PDF ([`moa_reader`]): what its text layer says (model, agency, state, signers),
//! or why nothing could be read.

pub mod moa_reader;
pub mod pdf_text;

pub use moa_reader::{MoaReading, Signer, SignerParty, moa_file_name, read_moa};
