//! The registry's row ids, one type per table, so that an agency's id can never be passed where
//! an agreement's is expected: the compiler catches the mix-up that an `i64` would let through.
//!
//! Each id is a bare number in every output (JSON through `#[serde(transparent)]`, text through
//! [`Display`](std::fmt::Display)), so exports, CLI output and messages read as before; the
//! store converts them to and from SQL columns in its SQLite backend.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

/// Defines a row id newtype with the traits every id shares: copied and compared like the
/// number it wraps, serialized and displayed as that number, parsed from it (CLI arguments).
macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // The bare number, with the caller's width and alignment, as `i64` prints it.
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    };
}

row_id!(
    /// Row id of an agency in the store.
    AgencyId
);
row_id!(
    /// Row id of an agreement (one agency, one model, one component) in the store.
    AgreementId
);
row_id!(
    /// Row id of a nominee (an officer nominated under an agreement) in the store.
    NomineeId
);
row_id!(
    /// Row id of a decision of ICE or CBP on an agreement in the store.
    DecisionId
);
row_id!(
    /// Row id of a complaint against officers working under an agreement in the store.
    ComplaintId
);
row_id!(
    /// Row id of a claim of U.S. citizenship recorded under an agreement in the store.
    ClaimId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_serialize_as_the_bare_number() {
        assert_eq!(AgencyId(5).to_string(), "5");
        assert_eq!(format!("{:>4}", AgreementId(12)), "  12");
        assert_eq!(serde_json::to_string(&NomineeId(7)).unwrap(), "7");
        assert_eq!(serde_json::from_str::<ClaimId>("9").unwrap(), ClaimId(9));
        assert_eq!("42".parse::<ComplaintId>(), Ok(ComplaintId(42)));
        assert!("x".parse::<DecisionId>().is_err());
    }
}
