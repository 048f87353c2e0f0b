//! Applying read ICE lists to the registry (lands with the import).
