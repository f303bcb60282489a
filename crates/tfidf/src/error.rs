//! The error type of the vectorizers.

use std::fmt;

/// What went wrong, broadly. `#[non_exhaustive]`: match with a wildcard arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TfidfErrorKind {
    /// An option is out of range or inconsistent with another (such as `min_df > max_df`, an
    /// inverted n-gram range, an unsupported token pattern).
    InvalidOption,
    /// The fitted vocabulary is empty (every document empty or made of stop words, or
    /// pruning by `min_df` / `max_df` removed every term), or an empty fixed vocabulary was
    /// given.
    EmptyVocabulary,
    /// The model has not been fitted yet.
    NotFitted,
    /// A saved model could not be parsed: not JSON, or fields missing or inconsistent.
    CorruptModel,
    /// A saved model was written by an incompatible version of the format.
    IncompatibleModel,
    /// Reading or writing a file or stream failed.
    Io,
    /// The analyzer is not available for this configuration (such as a language without a
    /// stemmer), or the model cannot do what was asked (fitting further, or saving, a model
    /// that kept only its vocabulary).
    Unsupported,
}

/// An error from a vectorizer: a kind and a message that names the offending option, term,
/// file or line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TfidfError {
    kind: TfidfErrorKind,
    message: String,
    /// For an [`Io`](TfidfErrorKind::Io) error, the kind of the I/O error.
    io_kind: Option<std::io::ErrorKind>,
}

impl TfidfError {
    /// An error of `kind` with a message naming what and where.
    pub fn new(kind: TfidfErrorKind, message: impl Into<String>) -> TfidfError {
        TfidfError {
            kind,
            message: message.into(),
            io_kind: None,
        }
    }

    /// The kind of error.
    pub fn kind(&self) -> TfidfErrorKind {
        self.kind
    }

    /// For an error reading or writing, the kind of the I/O error (so that a program can tell a
    /// closed pipe, say, from a full disk).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        self.io_kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with `context` (such as a file name) prefixed to its message.
    pub fn context(self, context: impl fmt::Display) -> TfidfError {
        TfidfError {
            message: format!("{context}: {}", self.message),
            ..self
        }
    }

    pub(crate) fn option(message: impl Into<String>) -> TfidfError {
        TfidfError::new(TfidfErrorKind::InvalidOption, message)
    }

    pub(crate) fn io(what: impl fmt::Display, err: &std::io::Error) -> TfidfError {
        TfidfError {
            io_kind: Some(err.kind()),
            ..TfidfError::new(TfidfErrorKind::Io, format!("{what}: {err}"))
        }
    }
}

impl fmt::Display for TfidfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TfidfError {}

impl From<TfidfError> for gist_core::Error {
    fn from(e: TfidfError) -> gist_core::Error {
        let kind = match e.kind {
            TfidfErrorKind::Unsupported => gist_core::ErrorKind::Unsupported,
            _ => gist_core::ErrorKind::Analyzer,
        };
        gist_core::Error::new(kind, e.message)
    }
}
