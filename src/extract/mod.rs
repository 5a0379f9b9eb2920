//! The built-in extractor: reads an article and proposes candidate events
//! with the evidence for every field it fills.

pub mod dates;
pub mod language;
pub mod numbers;

pub use language::{Language, detect_language};
