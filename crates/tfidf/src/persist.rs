//! Saving and loading fitted vectorizers (JSON), and exporting the vocabulary.
//!
//! A model file is one JSON object:
//!
//! ```text
//! {"format": "gist-tfidf-model", "version": 1, "options": {...TfidfOptions...},
//!  "n_docs": 3, "terms": ["cat", ...], "df": [2, ...], "tf": [2, ...]}
//! ```
//!
//! `terms` holds every term seen while fitting, pruned or not (in byte order; for a fixed
//! vocabulary, the vocabulary in its order), with its document frequency `df` and total count
//! `tf`. The vocabulary, pruning and idf are recomputed from them on load, so a loaded model
//! transforms exactly as the saved one did, and [`partial_fit`](TfidfVectorizer::partial_fit)
//! after loading still equals a fit on all the documents. Loading checks everything: a file that
//! is not JSON, lacks a field, or holds inconsistent statistics is a
//! [`CorruptModel`](TfidfErrorKind::CorruptModel) error naming the problem; a file of another
//! format version is an [`IncompatibleModel`](TfidfErrorKind::IncompatibleModel) error.

use crate::error::{TfidfError, TfidfErrorKind};
use crate::intern::{TermList, Terms as TermSet};
use crate::options::TfidfOptions;
use crate::vectorizer::TfidfVectorizer;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};
use std::io::{Read, Write};
use std::path::Path;

/// The `format` field of a model file.
pub const MODEL_FORMAT: &str = "gist-tfidf-model";
/// The format version this build writes and reads.
pub const MODEL_VERSION: u32 = 1;

/// The strings of `terms` at `order`.
struct Terms<'a>(&'a TermSet, &'a [u32]);

impl Serialize for Terms<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for &t in self.1 {
            seq.serialize_element(self.0.resolve(t))?;
        }
        seq.end()
    }
}

/// The values of `values` at `order`.
struct Ordered<'a>(&'a [u64], &'a [u32]);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for &t in self.1 {
            seq.serialize_element(&self.0[t as usize])?;
        }
        seq.end()
    }
}

struct SavedRef<'a> {
    options: &'a TfidfOptions,
    n_docs: u64,
    terms: &'a TermSet,
    order: &'a [u32],
    df: &'a [u64],
    tf: &'a [u64],
}

impl Serialize for SavedRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Model", 7)?;
        st.serialize_field("format", MODEL_FORMAT)?;
        st.serialize_field("version", &MODEL_VERSION)?;
        st.serialize_field("options", self.options)?;
        st.serialize_field("n_docs", &self.n_docs)?;
        st.serialize_field("terms", &Terms(self.terms, self.order))?;
        st.serialize_field("df", &Ordered(self.df, self.order))?;
        st.serialize_field("tf", &Ordered(self.tf, self.order))?;
        st.end()
    }
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved {
    format: String,
    version: u32,
    options: TfidfOptions,
    n_docs: u64,
    terms: SavedTerms,
    df: Vec<u64>,
    tf: Vec<u64>,
}

/// A model's terms, read straight into one [`TermList`] (no string of its own per term: a
/// model with bigrams holds millions).
struct SavedTerms(TermList);

impl<'de> Deserialize<'de> for SavedTerms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SavedTerms, D::Error> {
        struct Strings;
        impl<'de> serde::de::Visitor<'de> for Strings {
            type Value = TermList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<TermList, A::Error> {
                let n = seq.size_hint().unwrap_or(0);
                let mut list = TermList::with_capacity(n, n * 12);
                while seq.next_element_seed(Push(&mut list))?.is_some() {}
                Ok(list)
            }
        }
        /// Pushes one string onto the list.
        struct Push<'l>(&'l mut TermList);
        impl<'de> serde::de::DeserializeSeed<'de> for Push<'_> {
            type Value = ();
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_str(self)
            }
        }
        impl<'de> serde::de::Visitor<'de> for Push<'_> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<(), E> {
                self.0.push(s);
                Ok(())
            }
        }
        d.deserialize_seq(Strings).map(SavedTerms)
    }
}

/// The fields of a model in JSON, its format and version checked. The text is read once: only
/// when it is not a model of this version is it read again, for its format and version alone,
/// so that the error says which.
fn parse_saved(json: &str) -> Result<Saved, TfidfError> {
    let saved = serde_json::from_str::<Saved>(json);
    let (format, version) = match &saved {
        Ok(s) => (
            Some(s.format.clone()),
            Some(serde_json::Value::from(s.version)),
        ),
        Err(_) => {
            let header: Header = serde_json::from_str(json)
                .map_err(|e| corrupt(format!("not a gist-tfidf model (invalid JSON: {e})")))?;
            (header.format, header.version)
        }
    };
    if format.as_deref() != Some(MODEL_FORMAT) {
        return Err(corrupt(format!(
            "not a gist-tfidf model: \"format\" is {format:?}, expected {MODEL_FORMAT:?}"
        )));
    }
    match version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(MODEL_VERSION) => {}
        v => {
            return Err(TfidfError::new(
                TfidfErrorKind::IncompatibleModel,
                format!(
                    "model format version {}: this build of gist-tfidf reads version {MODEL_VERSION}",
                    v.map_or_else(|| format!("{version:?}"), |v| v.to_string())
                ),
            ));
        }
    }
    saved.map_err(|e| corrupt(format!("invalid model: {e}")))
}

fn corrupt(message: impl Into<String>) -> TfidfError {
    TfidfError::new(TfidfErrorKind::CorruptModel, message)
}

impl TfidfVectorizer {
    /// Writes the fitted model as JSON. Errors if the vectorizer is not fitted, or kept only
    /// its vocabulary ([`keep_vocabulary_only`](TfidfVectorizer::keep_vocabulary_only)).
    pub fn save(&self, w: impl Write) -> Result<(), TfidfError> {
        if self.is_vocabulary_only() {
            return Err(crate::vectorizer::vocabulary_only("save"));
        }
        let (n_docs, terms, df, tf) = self.stats().ok_or_else(|| {
            TfidfError::new(
                TfidfErrorKind::NotFitted,
                "cannot save an unfitted vectorizer",
            )
        })?;
        // Learned terms are written in byte order (reproducible files); a fixed vocabulary in
        // its own order.
        let order: Vec<u32> = if self.options().vocabulary.is_none() {
            crate::vectorizer::byte_order(terms.len(), |t| terms.resolve(t))
        } else {
            (0..terms.len() as u32).collect()
        };
        let saved = SavedRef {
            options: self.options(),
            n_docs,
            terms,
            order: &order,
            df: &df,
            tf: &tf,
        };
        let mut w = std::io::BufWriter::new(w);
        serde_json::to_writer(&mut w, &saved)
            .map_err(|e| TfidfError::io("writing model", &std::io::Error::from(e)))?;
        w.flush().map_err(|e| TfidfError::io("writing model", &e))
    }

    /// The fitted model as a JSON string.
    pub fn to_json(&self) -> Result<String, TfidfError> {
        let mut out = Vec::new();
        self.save(&mut out)?;
        String::from_utf8(out).map_err(|e| TfidfError::new(TfidfErrorKind::Io, e.to_string()))
    }

    /// Saves the fitted model to a file.
    pub fn save_file(&self, path: impl AsRef<Path>) -> Result<(), TfidfError> {
        let path = path.as_ref();
        let f = std::fs::File::create(path)
            .map_err(|e| TfidfError::io(format!("creating {}", path.display()), &e))?;
        self.save(f).map_err(|e| e.context(path.display()))
    }

    /// Reads a model written by [`save`](Self::save).
    pub fn load(mut r: impl Read) -> Result<TfidfVectorizer, TfidfError> {
        let mut text = String::new();
        r.read_to_string(&mut text)
            .map_err(|e| TfidfError::io("reading model", &e))?;
        // The text is freed before the model is built from what was read.
        let saved = parse_saved(&text)?;
        drop(text);
        TfidfVectorizer::from_saved(saved)
    }

    /// Loads a model file written by [`save_file`](Self::save_file); errors name the file.
    pub fn load_file(path: impl AsRef<Path>) -> Result<TfidfVectorizer, TfidfError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| TfidfError::io(format!("reading {}", path.display()), &e))?;
        // The text is freed before the model is built from what was read.
        let built = parse_saved(&text).and_then(|saved| {
            drop(text);
            TfidfVectorizer::from_saved(saved)
        });
        built.map_err(|e| e.context(path.display()))
    }

    /// Parses a model from JSON, checking its format, version and consistency.
    pub fn from_json(json: &str) -> Result<TfidfVectorizer, TfidfError> {
        TfidfVectorizer::from_saved(parse_saved(json)?)
    }

    /// The model read by [`parse_saved`], checked for consistency.
    fn from_saved(saved: Saved) -> Result<TfidfVectorizer, TfidfError> {
        let list = &saved.terms.0;
        let n = list.len();
        if saved.df.len() != n || saved.tf.len() != n {
            return Err(corrupt(format!(
                "invalid model: {n} terms but {} document frequencies and {} counts",
                saved.df.len(),
                saved.tf.len()
            )));
        }
        for (i, (&d, &t)) in saved.df.iter().zip(&saved.tf).enumerate() {
            if d > saved.n_docs || t < d {
                return Err(corrupt(format!(
                    "invalid model: term {:?} has document frequency {d} and count {t} for {} documents",
                    list.resolve(i as u32),
                    saved.n_docs
                )));
            }
        }
        match &saved.options.vocabulary {
            Some(v) if v.len() != n || v.iter().zip(0..).any(|(s, i)| list.resolve(i) != s) => {
                return Err(corrupt(
                    "invalid model: \"terms\" differ from the fixed vocabulary of the options",
                ));
            }
            Some(_) => {}
            None => {
                // Strictly increasing: no term twice.
                if let Some(k) = (1..n as u32).find(|&k| list.resolve(k - 1) >= list.resolve(k)) {
                    return Err(corrupt(format!(
                        "invalid model: terms {:?} and {:?} (positions {} and {k}) are not in increasing byte order",
                        list.resolve(k - 1),
                        list.resolve(k),
                        k - 1
                    )));
                }
            }
        }
        // (A fixed vocabulary with a term twice is refused by `TfidfVectorizer::new`.)
        let terms = TermSet::new(vec![saved.terms.0]);
        TfidfVectorizer::from_stats(saved.options, saved.n_docs, terms, saved.df, saved.tf).map_err(
            |e| match e.kind() {
                TfidfErrorKind::InvalidOption | TfidfErrorKind::EmptyVocabulary => {
                    corrupt(format!("invalid model: {e}"))
                }
                _ => e,
            },
        )
    }

    /// Writes the vocabulary as tab-separated values: a header line `column term df idf`, then
    /// one line per column. In terms, a backslash, tab, newline and carriage return are written
    /// `\\`, `\t`, `\n`, `\r`. `idf` is empty when `use_idf` is false.
    pub fn write_vocabulary_tsv(&self, w: impl Write) -> Result<(), TfidfError> {
        let err = |e: std::io::Error| TfidfError::io("writing vocabulary", &e);
        let mut w = std::io::BufWriter::new(w);
        writeln!(w, "column\tterm\tdf\tidf").map_err(err)?;
        let df = self.document_frequencies();
        let idf = self.idf();
        for (c, term) in self.vocabulary().enumerate() {
            let mut escaped = String::with_capacity(term.len());
            for ch in term.chars() {
                match ch {
                    '\\' => escaped.push_str("\\\\"),
                    '\t' => escaped.push_str("\\t"),
                    '\n' => escaped.push_str("\\n"),
                    '\r' => escaped.push_str("\\r"),
                    _ => escaped.push(ch),
                }
            }
            match idf {
                Some(idf) => writeln!(w, "{c}\t{escaped}\t{}\t{}", df[c], idf[c]),
                None => writeln!(w, "{c}\t{escaped}\t{}\t", df[c]),
            }
            .map_err(err)?;
        }
        w.flush().map_err(err)
    }

    /// The vocabulary as a JSON object mapping each term to its column, like scikit-learn's
    /// `vocabulary_`.
    pub fn vocabulary_json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .vocabulary()
            .enumerate()
            .map(|(c, t)| (t.to_string(), serde_json::Value::from(c)))
            .collect();
        serde_json::Value::Object(map).to_string()
    }
}
