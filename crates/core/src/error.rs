//! The error type analyzers and documents report.

use std::fmt;

/// What went wrong, broadly. `#[non_exhaustive]`: match with a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A span is out of bounds, not on a char boundary, inverted, or out of order.
    InvalidSpan,
    /// The text exceeds the 4 GiB a document can address with `u32` offsets.
    TextTooLong,
    /// The analyzer does not support the document's language or configuration.
    Unsupported,
    /// A stage needs an annotation an earlier stage did not provide (e.g. tokens).
    MissingAnnotation,
    /// Any other failure reported by an analyzer.
    Analyzer,
}

/// An error from a document operation or an analyzer: a kind and a message naming what and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An error of `kind` with a message that names the offending input.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with `context` (such as the analyzer's name) prefixed to its message.
    pub fn context(self, context: impl fmt::Display) -> Error {
        Error {
            kind: self.kind,
            message: format!("{context}: {}", self.message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
