//! Document frequencies: how many documents of a corpus contain each term.
//!
//! [`DocFreqs`] is the one statistic inverse document frequency needs. It is built in parallel
//! (a rayon map-reduce whose integer sums give the same result for any number of threads),
//! merges incrementally, serializes deterministically (terms sorted), and prunes rare terms to
//! stay small (the bundled background models in [`crate::background`] are pruned `DocFreqs`).

use gist_core::{Document, map_ordered};
use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A `HashMap` with gist-core's fast deterministic hasher, for the string and word-id keys of
/// document frequencies and keyword candidates (results never depend on iteration order).
pub(crate) type FastMap<K, V> = gist_core::hash::FastHashMap<K, V>;

/// The number of documents of a corpus and, per term, the number of documents containing it.
///
/// Terms are opaque strings: the keyword extractor stores stems, and word n-grams as stems
/// joined by single spaces (`"child exploit"`). Iteration ([`DocFreqs::sorted`]) and
/// serialization are in term order, so saved files are reproducible.
///
/// The inverse document frequency is scikit-learn's smoothed formula,
/// `idf(t) = ln((1 + n) / (1 + df(t))) + 1`, where `n` is the number of documents: as if one
/// extra document contained every term once, so unseen terms get a finite, maximal idf.
///
/// ```
/// use gist_tfidf::docfreq::DocFreqs;
///
/// let mut df = DocFreqs::new();
/// df.add_document(["cat", "sat", "cat"]); // a term counts once per document
/// df.add_document(["dog", "sat"]);
/// assert_eq!((df.n_docs(), df.df("sat"), df.df("cat"), df.df("emu")), (2, 2, 1, 0));
/// assert_eq!(df.idf("sat"), 1.0); // ln(3/3) + 1
/// assert!((df.idf("emu") - (3.0f64.ln() + 1.0)).abs() < 1e-12);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocFreqs {
    n_docs: u64,
    df: FastMap<Term, u64>,
}

/// Longest term kept in place in a [`Term`].
const INLINE: usize = 22;

/// A term as a key of [`DocFreqs`]: its bytes in place when they fit (nearly every term: stems
/// and short phrases of them), else a string of its own. A lookup then compares the term in the
/// map's own memory instead of following a pointer to a separate allocation for each key it
/// meets (a cache miss for each, in a corpus' map of hundreds of thousands of terms). Hashed and
/// compared as its bytes, so that a map of terms is searched by `&[u8]`.
#[derive(Clone)]
enum Term {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl Term {
    fn new(s: &str) -> Term {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Term::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            Term::Heap(s.into())
        }
    }

    fn from_string(s: String) -> Term {
        if s.len() <= INLINE {
            Term::new(&s)
        } else {
            Term::Heap(s.into_boxed_str())
        }
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        match self {
            Term::Inline { len, bytes } => &bytes[..usize::from(*len)],
            Term::Heap(s) => s.as_bytes(),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // The bytes of a `&str`, never changed since.
            Term::Inline { .. } => std::str::from_utf8(self.as_bytes()).unwrap_or_default(),
            Term::Heap(s) => s,
        }
    }
}

impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Term {}

impl std::hash::Hash for Term {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As `[u8]` hashes, for lookups by `&[u8]` (see `Borrow`).
        self.as_bytes().hash(state);
    }
}

impl std::borrow::Borrow<[u8]> for Term {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl fmt::Debug for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl DocFreqs {
    /// Empty: no documents, no terms.
    pub fn new() -> DocFreqs {
        DocFreqs::default()
    }

    /// Counts one document made of `terms` (each distinct term counts once, repeats are ignored).
    pub fn add_document<I, S>(&mut self, terms: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut terms: Vec<S> = terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
        terms.dedup_by(|a, b| a.as_ref() == b.as_ref());
        for t in terms {
            let t = t.as_ref();
            match self.df.get_mut(t.as_bytes()) {
                Some(c) => *c += 1,
                None => {
                    self.df.insert(Term::new(t), 1);
                }
            }
        }
        self.n_docs += 1;
    }

    /// Document frequencies of `docs`, where `terms(doc)` lists the terms of one document (in
    /// any order, with repeats). Runs in parallel; the result does not depend on the number of
    /// threads.
    ///
    /// ```
    /// use gist_core::Document;
    /// use gist_tfidf::docfreq::DocFreqs;
    ///
    /// let docs = [Document::new("a", "red fish"), Document::new("b", "blue fish fish")];
    /// let df = DocFreqs::from_documents(&docs, |d| {
    ///     d.text().split(' ').map(str::to_string).collect()
    /// });
    /// assert_eq!((df.n_docs(), df.df("fish"), df.df("blue")), (2, 2, 1));
    /// ```
    pub fn from_documents<F>(docs: &[Document], terms: F) -> DocFreqs
    where
        F: Fn(&Document) -> Vec<String> + Sync + Send,
    {
        DocFreqs::from_items(docs, terms)
    }

    /// Like [`DocFreqs::from_documents`], over any items (texts, paths, pre-tokenized documents).
    pub fn from_items<T, F>(items: &[T], terms: F) -> DocFreqs
    where
        T: Sync,
        F: Fn(&T) -> Vec<String> + Sync + Send,
    {
        // Map: each chunk of documents counts into its own table; reduce: sum the tables.
        // Chunks are fixed-size (not thread-dependent) and sums of integers commute, so the
        // result is the same for any number of threads.
        const CHUNK: usize = 16;
        let chunks: Vec<&[T]> = items.chunks(CHUNK).collect();
        let partial = map_ordered(&chunks, |chunk| {
            let mut df = DocFreqs::new();
            for item in chunk.iter() {
                let mut t = terms(item);
                t.sort_unstable();
                t.dedup();
                for term in t {
                    *df.df.entry(Term::from_string(term)).or_insert(0) += 1;
                }
                df.n_docs += 1;
            }
            df
        });
        let mut total = DocFreqs::new();
        for p in partial {
            total.merge_owned(p);
        }
        total
    }

    /// Document frequencies from counts made elsewhere (a fitted vectorizer's vocabulary, a
    /// saved table): `n_docs` documents and `(term, df)` pairs. A repeated term's counts are
    /// added. Fails when a count exceeds `n_docs`.
    ///
    /// ```
    /// use gist_tfidf::docfreq::DocFreqs;
    /// let df = DocFreqs::from_counts(10, [("cat", 3), ("dog", 10)]).unwrap();
    /// assert_eq!((df.n_docs(), df.df("cat"), df.idf("dog")), (10, 3, 1.0));
    /// assert!(DocFreqs::from_counts(2, [("emu", 3)]).is_err());
    /// ```
    pub fn from_counts<I, S>(n_docs: u64, counts: I) -> Result<DocFreqs, DocFreqsError>
    where
        I: IntoIterator<Item = (S, u64)>,
        S: Into<String>,
    {
        let mut df = DocFreqs {
            n_docs,
            df: FastMap::default(),
        };
        for (i, (term, c)) in counts.into_iter().enumerate() {
            let entry = df.df.entry(Term::from_string(term.into())).or_insert(0);
            *entry += c;
            if *entry > n_docs {
                return Err(DocFreqsError {
                    line: i + 1,
                    message: format!(
                        "document frequency {} exceeds the {n_docs} documents",
                        *entry
                    ),
                });
            }
        }
        Ok(df)
    }

    /// Adds the counts of `other` (as if its documents were added to this corpus).
    pub fn merge(&mut self, other: &DocFreqs) {
        self.n_docs += other.n_docs;
        for (t, &c) in &other.df {
            *self.df.entry(t.clone()).or_insert(0) += c;
        }
    }

    /// [`DocFreqs::merge`], consuming `other` (no term is copied).
    pub fn merge_owned(&mut self, other: DocFreqs) {
        if self.df.is_empty() && self.n_docs == 0 {
            *self = other;
            return;
        }
        self.n_docs += other.n_docs;
        for (t, c) in other.df {
            *self.df.entry(t).or_insert(0) += c;
        }
    }

    /// Number of documents counted.
    pub fn n_docs(&self) -> u64 {
        self.n_docs
    }

    /// Number of documents containing `term` (0 if unseen).
    pub fn df(&self, term: &str) -> u64 {
        self.df.get(term.as_bytes()).copied().unwrap_or(0)
    }

    /// Smoothed inverse document frequency, `ln((1 + n) / (1 + df)) + 1` (scikit-learn's
    /// `smooth_idf=True`). At least 1 for every term (equal to 1 for a term in every document);
    /// `ln(1 + n) + 1` for an unseen term. Higher means rarer.
    pub fn idf(&self, term: &str) -> f64 {
        idf_from(self.n_docs, self.df(term))
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.df.len()
    }

    /// True when no term has been counted.
    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }

    /// The terms and their document frequencies, sorted by term.
    pub fn sorted(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.df.iter().map(|(t, &c)| (t.as_str(), c)).collect();
        v.sort_unstable_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// Drops the terms found in fewer than `min_df` documents (the number of documents is
    /// kept, so the idf of the remaining terms is unchanged; dropped terms get the idf of an
    /// unseen term).
    pub fn prune(&mut self, min_df: u64) {
        self.df.retain(|_, c| *c >= min_df);
    }

    /// Keeps only the terms for which `keep(term, df)` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, u64) -> bool) {
        self.df.retain(|t, c| keep(t.as_str(), *c));
    }

    /// A compact text form: a header line `n_docs<TAB>N`, then one `term<TAB>df` line per term,
    /// sorted by term. This is the format of the bundled background models.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("n_docs\t{}\n", self.n_docs);
        for (t, c) in self.sorted() {
            out.push_str(t);
            out.push('\t');
            out.push_str(&c.to_string());
            out.push('\n');
        }
        out
    }

    /// Parses [`DocFreqs::to_tsv`]'s format. Blank lines are ignored; a term may not contain a
    /// tab or a newline.
    pub fn from_tsv(text: &str) -> Result<DocFreqs, DocFreqsError> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let bad = |line: usize, what: &str| DocFreqsError {
            line: line + 1,
            message: what.to_string(),
        };
        let (i, header) = lines.next().ok_or_else(|| bad(0, "missing header"))?;
        let n_docs = match header.split_once('\t') {
            Some(("n_docs", n)) => n
                .trim()
                .parse::<u64>()
                .map_err(|_| bad(i, "header count is not a number"))?,
            _ => return Err(bad(i, "header is not `n_docs<TAB>N`")),
        };
        let mut df = FastMap::default();
        for (i, line) in lines {
            let (t, c) = line
                .rsplit_once('\t')
                .ok_or_else(|| bad(i, "expected `term<TAB>df`"))?;
            let c = c
                .trim()
                .parse::<u64>()
                .map_err(|_| bad(i, "document frequency is not a number"))?;
            if c > n_docs {
                return Err(bad(i, "document frequency exceeds the number of documents"));
            }
            df.insert(Term::new(t), c);
        }
        Ok(DocFreqs { n_docs, df })
    }
}

/// `ln((1 + n) / (1 + df)) + 1`, the smoothed idf of [`DocFreqs::idf`].
pub fn idf_from(n_docs: u64, df: u64) -> f64 {
    ((1.0 + n_docs as f64) / (1.0 + df as f64)).ln() + 1.0
}

/// Malformed document frequencies: the 1-based line of a text file (or position of a pair given
/// to [`DocFreqs::from_counts`]) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocFreqsError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DocFreqsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "document-frequency file, line {}: {}",
            self.line, self.message
        )
    }
}

impl std::error::Error for DocFreqsError {}

#[derive(Serialize, Deserialize)]
struct RawDocFreqs {
    n_docs: u64,
    terms: Vec<(String, u64)>,
}

impl Serialize for DocFreqs {
    /// As `{"n_docs": N, "terms": [[term, df], ...]}`, terms sorted.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let raw = RawDocFreqs {
            n_docs: self.n_docs,
            terms: self
                .sorted()
                .into_iter()
                .map(|(t, c)| (t.to_string(), c))
                .collect(),
        };
        raw.serialize(s)
    }
}

impl<'de> Deserialize<'de> for DocFreqs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DocFreqs, D::Error> {
        let raw = RawDocFreqs::deserialize(d)?;
        let mut df = FastMap::with_capacity_and_hasher(raw.terms.len(), Default::default());
        for (t, c) in raw.terms {
            if c > raw.n_docs {
                return Err(de::Error::custom(format!(
                    "document frequency {c} of term {t:?} exceeds the {} documents",
                    raw.n_docs
                )));
            }
            df.insert(Term::from_string(t), c);
        }
        Ok(DocFreqs {
            n_docs: raw.n_docs,
            df,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_in_place_and_on_the_heap_are_found_counted_and_listed_alike() {
        // 22 bytes fit in place, 23 do not; a multi-byte character across the boundary.
        let fits = "a".repeat(INLINE);
        let over = "b".repeat(INLINE + 1);
        let accented = format!("{}é", "c".repeat(INLINE - 1));
        assert!(matches!(Term::new(&fits), Term::Inline { .. }));
        assert!(matches!(Term::new(&over), Term::Heap(_)));
        assert!(matches!(Term::new(&accented), Term::Heap(_)));
        assert_eq!(Term::new(&fits), Term::from_string(fits.clone()));
        assert_eq!(Term::from_string(over.clone()).as_str(), over);
        let mut df = DocFreqs::new();
        df.add_document([fits.as_str(), over.as_str(), "", "x"]);
        df.add_document([over.as_str(), accented.as_str(), "x x"]);
        assert_eq!(df.df(&fits), 1);
        assert_eq!(df.df(&over), 2);
        assert_eq!(df.df(&accented), 1);
        assert_eq!(df.df(""), 1);
        assert_eq!(df.df("x x"), 1);
        // A prefix or an extension of a stored term is another term.
        assert_eq!(df.df(&fits[1..]), 0);
        assert_eq!(df.df(&format!("{fits}a")), 0);
        let listed: Vec<(&str, u64)> = df.sorted();
        assert_eq!(
            listed,
            [
                ("", 1),
                (fits.as_str(), 1),
                (over.as_str(), 2),
                (accented.as_str(), 1),
                ("x", 1),
                ("x x", 1)
            ]
        );
        let back = DocFreqs::from_tsv(&df.to_tsv()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.sorted(), listed);
        let json = serde_json::to_string(&df).unwrap_or_else(|e| panic!("{e}"));
        let back: DocFreqs = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, df);
        let mut kept = df.clone();
        kept.retain(|t, _| t.len() > INLINE);
        assert_eq!(kept.sorted(), [(over.as_str(), 2), (accented.as_str(), 1)]);
    }
}
