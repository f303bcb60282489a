//! The analyzer trait and pipelines of analyzers.

use crate::{Document, Error};
use std::fmt;
use std::sync::Arc;

/// The one way anything annotates a [`Document`]: tokenizers, sentence splitters, normalizers,
/// stemmers, stopword filters, and your own.
///
/// An analyzer reads what earlier analyzers left and adds to it. It must be deterministic (the
/// same document in, the same annotations out) and `Send + Sync`, so a [`Corpus`](crate::Corpus)
/// can run it on many documents at once.
///
/// A user-written analyzer that marks tokens of three letters or fewer as stopwords:
///
/// ```
/// use gist_core::{Analyzer, Document, Error, Pipeline, Span, Token, TokenKind};
///
/// struct ShortWordsAreStopwords;
///
/// impl Analyzer for ShortWordsAreStopwords {
///     fn name(&self) -> &str {
///         "short-words"
///     }
///
///     fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
///         let t = doc.tokens_mut();
///         for i in 0..t.tokens.len() {
///             let short = t.norm(&t.tokens[i]).chars().count() <= 3;
///             t.tokens[i].stopword |= short;
///         }
///         Ok(())
///     }
/// }
///
/// // A stand-in tokenizer, so this example needs nothing but the core crate.
/// struct Whitespace;
/// impl Analyzer for Whitespace {
///     fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
///         let mut tokens = Vec::new();
///         let mut start = None;
///         for (i, c) in doc.text().char_indices().chain([(doc.text().len(), ' ')]) {
///             match (c.is_whitespace(), start) {
///                 (false, None) => start = Some(i),
///                 (true, Some(s)) => {
///                     let span = Span::from_range(s..i).expect("short text");
///                     tokens.push(Token::new(span, TokenKind::Word));
///                     start = None;
///                 }
///                 _ => {}
///             }
///         }
///         doc.set_tokens(tokens)
///     }
/// }
///
/// let pipeline = Pipeline::new().then(Whitespace).then(ShortWordsAreStopwords);
/// let mut doc = Document::new("d", "the cat sat quietly");
/// pipeline.analyze(&mut doc).unwrap();
/// let stop: Vec<bool> = doc.tokens().iter().map(|t| t.stopword).collect();
/// assert_eq!(stop, [true, true, true, false]);
/// ```
pub trait Analyzer: Send + Sync {
    /// Annotates `doc`. On error the document may be partly annotated; the error names the
    /// offending input.
    fn analyze(&self, doc: &mut Document) -> Result<(), Error>;

    /// A short name for error messages and debugging.
    fn name(&self) -> &str {
        std::any::type_name::<Self>()
    }
}

impl<A: Analyzer + ?Sized> Analyzer for Arc<A> {
    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        (**self).analyze(doc)
    }

    fn name(&self) -> &str {
        (**self).name()
    }
}

impl<A: Analyzer + ?Sized> Analyzer for Box<A> {
    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        (**self).analyze(doc)
    }

    fn name(&self) -> &str {
        (**self).name()
    }
}

impl<A: Analyzer + ?Sized> Analyzer for &A {
    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        (**self).analyze(doc)
    }

    fn name(&self) -> &str {
        (**self).name()
    }
}

/// Analyzers run one after another; itself an [`Analyzer`]. Cheap to clone (stages are shared).
#[derive(Clone, Default)]
pub struct Pipeline {
    stages: Vec<Arc<dyn Analyzer>>,
}

impl Pipeline {
    /// An empty pipeline (which leaves documents unchanged).
    pub fn new() -> Pipeline {
        Pipeline::default()
    }

    /// The pipeline with `analyzer` appended.
    pub fn then(mut self, analyzer: impl Analyzer + 'static) -> Pipeline {
        self.stages.push(Arc::new(analyzer));
        self
    }

    /// Appends an analyzer chosen at run time.
    pub fn push(&mut self, analyzer: Arc<dyn Analyzer>) {
        self.stages.push(analyzer);
    }

    /// The number of stages.
    pub fn len(&self) -> usize {
        self.stages.len()
    }

    /// True when the pipeline has no stages.
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty()
    }
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

impl Analyzer for Pipeline {
    /// Runs every stage in order, stopping at the first error, which is prefixed with the
    /// failing stage's name.
    fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
        for stage in &self.stages {
            stage.analyze(doc).map_err(|e| e.context(stage.name()))?;
        }
        Ok(())
    }

    fn name(&self) -> &str {
        "pipeline"
    }
}
