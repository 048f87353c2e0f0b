//! The matching rules of [`link`](super::link) and the search, on small hand-made lists.
