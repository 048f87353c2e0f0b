//! Reading ICE's published lists (placeholder until the reader lands).
