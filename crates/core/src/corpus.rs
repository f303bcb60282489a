//! Many documents, analyzed in parallel.

use crate::{Analyzer, Document, Error};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Maps `f` over `items` in order, on rayon's current thread pool when the `parallel` feature is
/// on (the default), sequentially otherwise. The output order is the input order whatever the
/// number of threads; as long as `f` is deterministic, so is the result. Every batch job in gist
/// goes through this one helper.
pub fn map_ordered<T, U, F>(items: &[T], f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// Like [`map_ordered`], with mutable access to each item.
pub fn map_ordered_mut<T, U, F>(items: &mut [T], f: F) -> Vec<U>
where
    T: Send,
    U: Send,
    F: Fn(&mut T) -> U + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter_mut().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter_mut().map(f).collect()
    }
}

/// A document that an analyzer failed on, with its position in the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError {
    /// Index of the document in the corpus.
    pub index: usize,
    /// The document's id.
    pub id: String,
    /// What went wrong.
    pub error: Error,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "document {:?}: {}", self.id, self.error)
    }
}

impl std::error::Error for DocumentError {}

/// An ordered collection of documents that runs analyzers over all of them in parallel.
///
/// Each document is analyzed independently, so the result is identical for any number of
/// threads. One failing document does not stop the others: its error is returned, in corpus
/// order, and the rest are fully analyzed.
///
/// ```
/// use gist_core::{Analyzer, Corpus, Document, Error, ErrorKind};
///
/// struct RejectEmpty;
/// impl Analyzer for RejectEmpty {
///     fn analyze(&self, doc: &mut Document) -> Result<(), Error> {
///         if doc.text().is_empty() {
///             return Err(Error::new(ErrorKind::Analyzer, "empty text"));
///         }
///         doc.metadata.insert("chars".into(), doc.text().chars().count().into());
///         Ok(())
///     }
/// }
///
/// let mut corpus = Corpus::from(vec![Document::new("a", "one"), Document::new("b", ""), Document::new("c", "three")]);
/// let errors = corpus.analyze(&RejectEmpty);
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors[0].to_string(), "document \"b\": empty text");
/// assert_eq!(corpus.documents()[2].metadata["chars"], 5);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    documents: Vec<Document>,
}

impl From<Vec<Document>> for Corpus {
    fn from(documents: Vec<Document>) -> Corpus {
        Corpus { documents }
    }
}

impl FromIterator<Document> for Corpus {
    fn from_iter<I: IntoIterator<Item = Document>>(iter: I) -> Corpus {
        Corpus {
            documents: iter.into_iter().collect(),
        }
    }
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Appends a document.
    pub fn push(&mut self, doc: Document) {
        self.documents.push(doc);
    }

    /// The documents, in order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The documents, mutably.
    pub fn documents_mut(&mut self) -> &mut [Document] {
        &mut self.documents
    }

    /// The documents, by value.
    pub fn into_documents(self) -> Vec<Document> {
        self.documents
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// True when the corpus has no documents.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Runs `analyzer` on every document in parallel. Returns the failures in corpus order.
    pub fn analyze(&mut self, analyzer: &(impl Analyzer + ?Sized)) -> Vec<DocumentError> {
        let results = map_ordered_mut(&mut self.documents, |doc| analyzer.analyze(doc));
        results
            .into_iter()
            .enumerate()
            .filter_map(|(index, r)| {
                r.err().map(|error| DocumentError {
                    index,
                    id: self.documents[index].id().to_string(),
                    error,
                })
            })
            .collect()
    }

    /// Computes `f` for every document in parallel; results in corpus order.
    pub fn map<U: Send>(&self, f: impl Fn(&Document) -> U + Sync + Send) -> Vec<U> {
        map_ordered(&self.documents, f)
    }
}
