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
use crate::intern::{TermList, Terms as TermSet, WordOrder};
use crate::options::TfidfOptions;
use crate::vectorizer::{SortedStrings, TfidfVectorizer};
use rayon::prelude::*;
use serde::Deserialize;
use std::io::{Read, Write};
use std::path::Path;

/// The `format` field of a model file.
pub const MODEL_FORMAT: &str = "gist-tfidf-model";
/// The format version this build writes and reads.
pub const MODEL_VERSION: u32 = 1;

/// Terms (or counts) formatted per task when a model is written: the pieces of a round are
/// formatted in parallel, then written in order. (A few in tests, so that they cross pieces
/// and rounds.)
const PIECE: usize = if cfg!(test) { 3 } else { 1 << 14 };
/// Pieces per round: the formatted text held at once, about 20 bytes a term, 5 MB.
const ROUND: usize = if cfg!(test) { 2 } else { 16 };

/// Writes `[item,item,...]`, items `0..n` formatted by `item(k, out, scratch)` (`scratch` a
/// string of the task's to build a term in), as serde_json's compact formatter writes a
/// sequence; piece by piece, in parallel.
fn write_seq<W: Write>(
    w: &mut W,
    n: usize,
    item: impl Fn(usize, &mut Vec<u8>, &mut String) -> serde_json::Result<()> + Sync,
) -> std::io::Result<()> {
    w.write_all(b"[")?;
    for round in (0..n).step_by(PIECE * ROUND) {
        let pieces: Vec<Vec<u8>> = (round..n.min(round + PIECE * ROUND))
            .into_par_iter()
            .step_by(PIECE)
            .map(|start| {
                let end = n.min(start + PIECE);
                let mut out = Vec::with_capacity((end - start) * 16);
                let mut scratch = String::new();
                for k in start..end {
                    if k > 0 {
                        out.push(b',');
                    }
                    item(k, &mut out, &mut scratch)?;
                }
                Ok(out)
            })
            .collect::<serde_json::Result<_>>()?;
        for piece in &pieces {
            w.write_all(piece)?;
        }
    }
    w.write_all(b"]")
}

/// The terms of a model being written, in the file's order.
enum Ordered<'a> {
    /// Terms of a word-analyzer fit, written from their words.
    Words(WordOrder),
    /// Terms sorted by their strings, written from their sort keys when short.
    Strings(&'a TermSet, SortedStrings),
    /// A fixed vocabulary, in its order.
    Fixed(&'a TermSet),
}

impl Ordered<'_> {
    /// The terms' ids in order.
    fn ids(&self) -> Vec<u32> {
        match self {
            Ordered::Words(o) => o.ids(),
            Ordered::Strings(_, sorted) => sorted.ids(),
            Ordered::Fixed(terms) => (0..terms.len() as u32).collect(),
        }
    }

    /// Appends the string of the `k`-th term to `out`.
    fn write_term(&self, k: usize, out: &mut String) {
        match self {
            Ordered::Words(o) => o.write_term(k, out),
            Ordered::Strings(terms, sorted) => sorted.write(k, |t| terms.resolve(t), out),
            Ordered::Fixed(terms) => terms.write_to(k as u32, out),
        }
    }
}

/// Writes a model: the JSON object serde_json writes for [`Saved`] (compact), its terms
/// `terms` in their order, `df` and `tf` (by term id) in the same order.
fn write_model<W: Write>(
    w: &mut W,
    options: &TfidfOptions,
    n_docs: u64,
    terms: &Ordered,
    df: &[u64],
    tf: &[u64],
) -> std::io::Result<()> {
    let ids = terms.ids();
    w.write_all(b"{\"format\":")?;
    serde_json::to_writer(&mut *w, MODEL_FORMAT)?;
    write!(w, ",\"version\":{MODEL_VERSION},\"options\":")?;
    serde_json::to_writer(&mut *w, options)?;
    write!(w, ",\"n_docs\":{n_docs},\"terms\":")?;
    write_seq(w, ids.len(), |k, out, term| {
        term.clear();
        terms.write_term(k, term);
        serde_json::to_writer(out, term.as_str())
    })?;
    for (name, values) in [("df", df), ("tf", tf)] {
        write!(w, ",\"{name}\":")?;
        write_seq(w, ids.len(), |k, out, _| {
            serde_json::to_writer(out, &values[ids[k] as usize])
        })?;
    }
    w.write_all(b"}")
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<serde_json::Value>,
}

/// A model's fields as read.
struct Saved {
    format: String,
    version: u32,
    options: TfidfOptions,
    n_docs: u64,
    terms: TermList,
    df: Vec<u64>,
    tf: Vec<u64>,
}

/// The names of [`Saved`]'s fields, in the order they are written.
const FIELDS: &[&str] = &[
    "format", "version", "options", "n_docs", "terms", "df", "tf",
];

/// Reads a [`Saved`] from a JSON object as serde's derived code would (every field once, no
/// other), with room made ahead for what is large: the terms' text and list from the length of
/// the JSON text `json_len` (which bounds them; room left unused is never touched), the
/// counts from the number of terms read before them (as a saved model writes them). Grown as
/// they are read instead, the vectors of a model with millions of terms were copied and their
/// fresh pages zeroed at each doubling.
struct SavedSeed {
    json_len: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for SavedSeed {
    type Value = Saved;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Saved, D::Error> {
        d.deserialize_struct("Saved", FIELDS, self)
    }
}

impl<'de> serde::de::Visitor<'de> for SavedSeed {
    type Value = Saved;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("struct Saved")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Saved, A::Error> {
        use serde::de::Error;
        /// Stores a field's value, once.
        fn once<T, E: Error>(slot: &mut Option<T>, value: T, name: &'static str) -> Result<(), E> {
            match slot.replace(value) {
                Some(_) => Err(E::duplicate_field(name)),
                None => Ok(()),
            }
        }
        let mut format = None;
        let mut version = None;
        let mut options = None;
        let mut n_docs = None;
        let mut terms: Option<TermList> = None;
        let mut df = None;
        let mut tf = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let counts = CountsSeed {
                n: terms.as_ref().map_or(0, TermList::len),
            };
            match key.as_ref() {
                "format" => once(&mut format, map.next_value()?, "format")?,
                "version" => once(&mut version, map.next_value()?, "version")?,
                "options" => once(&mut options, map.next_value()?, "options")?,
                "n_docs" => once(&mut n_docs, map.next_value()?, "n_docs")?,
                "terms" => {
                    let seed = TermsSeed {
                        json_len: self.json_len,
                    };
                    once(&mut terms, map.next_value_seed(seed)?, "terms")?
                }
                "df" => once(&mut df, map.next_value_seed(counts)?, "df")?,
                "tf" => once(&mut tf, map.next_value_seed(counts)?, "tf")?,
                other => return Err(A::Error::unknown_field(other, FIELDS)),
            }
        }
        Ok(Saved {
            format: format.ok_or_else(|| A::Error::missing_field("format"))?,
            version: version.ok_or_else(|| A::Error::missing_field("version"))?,
            options: options.ok_or_else(|| A::Error::missing_field("options"))?,
            n_docs: n_docs.ok_or_else(|| A::Error::missing_field("n_docs"))?,
            terms: terms.ok_or_else(|| A::Error::missing_field("terms"))?,
            df: df.ok_or_else(|| A::Error::missing_field("df"))?,
            tf: tf.ok_or_else(|| A::Error::missing_field("tf"))?,
        })
    }
}

/// A model's terms, read straight into one [`TermList`] (no string of its own per term: a
/// model with bigrams holds millions), with room for as many as a JSON text of `json_len`
/// bytes can hold: its length in text, and a term per seven bytes (`"",` and at least a digit
/// and a comma in each of `df` and `tf`). (Were the bound wrong, the list would only grow.)
struct TermsSeed {
    json_len: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for TermsSeed {
    type Value = TermList;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<TermList, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TermsSeed {
    type Value = TermList;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a list of strings")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<TermList, A::Error> {
        let mut list = TermList::with_capacity(self.json_len / 7, self.json_len);
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

/// A list of counts, with room for `n` (the number of terms).
#[derive(Clone, Copy)]
struct CountsSeed {
    n: usize,
}

impl<'de> serde::de::DeserializeSeed<'de> for CountsSeed {
    type Value = Vec<u64>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<u64>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for CountsSeed {
    type Value = Vec<u64>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u64>, A::Error> {
        let mut counts = Vec::with_capacity(self.n);
        while let Some(c) = seq.next_element()? {
            counts.push(c);
        }
        Ok(counts)
    }
}

/// The fields of a model in JSON, its format and version checked. The text is read once: only
/// when it is not a model of this version is it read again, for its format and version alone,
/// so that the error says which.
fn parse_saved(json: &str) -> Result<Saved, TfidfError> {
    let saved = {
        use serde::de::DeserializeSeed;
        let mut d = serde_json::Deserializer::from_str(json);
        SavedSeed {
            json_len: json.len(),
        }
        .deserialize(&mut d)
        .and_then(|saved| d.end().map(|()| saved))
    };
    let (format, version) = match &saved {
        Ok(s) => (
            Some(s.format.clone()),
            Some(serde_json::Value::from(s.version)),
        ),
        Err(error) => {
            let header: Header = serde_json::from_str(json).map_err(|e| {
                // A text that opens as a saved model does is one cut short or damaged; say
                // where its JSON breaks, not that it is something else.
                if json.starts_with(&format!("{{\"format\":\"{MODEL_FORMAT}\"")) {
                    corrupt(format!("invalid model (cut short or damaged?): {error}"))
                } else {
                    corrupt(format!("not a gist-tfidf model (invalid JSON: {e})"))
                }
            })?;
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
        let order = if self.options().vocabulary.is_some() {
            Ordered::Fixed(terms)
        } else if let Some(by_words) = terms.word_byte_order() {
            Ordered::Words(by_words)
        } else {
            Ordered::Strings(terms, SortedStrings::new(terms.len(), |t| terms.resolve(t)))
        };
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        write_model(&mut w, self.options(), n_docs, &order, &df, &tf)
            .and_then(|()| w.flush())
            .map_err(|e| TfidfError::io("writing model", &e))
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
        let list = &saved.terms;
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
        let terms = TermSet::new(vec![saved.terms]);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{AnalyzerKind, StopWords};
    use serde::Serialize;

    /// Documents of a few dozen words (some prefixes of others, some not ASCII), in sentences
    /// of varied length.
    fn docs() -> Vec<String> {
        let words = [
            "a", "ab", "abc", "able", "b", "ba", "zeta", "zebra", "the", "of", "and", "mü",
            "naïve", "ξι", "x_1", "x1", "over", "overt", "Über", "über", "étude", "e", "bee",
        ];
        (0..300)
            .map(|i: usize| {
                (0..(i % 11 + 1))
                    .map(|k| words[(i * 7 + k * k * 5 + k) % words.len()])
                    .collect::<Vec<_>>()
                    .join(if i.is_multiple_of(4) { ", " } else { " " })
            })
            .collect()
    }

    /// A model file as serde_json writes the same fields: every term counted, sorted as Rust
    /// sorts strings (a fixed vocabulary in its order), with its statistics.
    fn expected(v: &TfidfVectorizer) -> String {
        #[derive(Serialize)]
        struct Model<'a> {
            format: &'a str,
            version: u32,
            options: &'a TfidfOptions,
            n_docs: u64,
            terms: Vec<String>,
            df: Vec<u64>,
            tf: Vec<u64>,
        }
        let (n_docs, terms, df, tf) = v.stats().unwrap();
        let mut all: Vec<(String, u64, u64)> = (0..terms.len())
            .map(|t| (terms.resolve(t as u32).to_string(), df[t], tf[t]))
            .collect();
        if v.options().vocabulary.is_none() {
            all.sort();
        }
        serde_json::to_string(&Model {
            format: MODEL_FORMAT,
            version: MODEL_VERSION,
            options: v.options(),
            n_docs,
            terms: all.iter().map(|t| t.0.clone()).collect(),
            df: all.iter().map(|t| t.1).collect(),
            tf: all.iter().map(|t| t.2).collect(),
        })
        .unwrap()
    }

    #[test]
    fn model_fields_are_read_in_any_order_once_each_and_no_other() {
        let mut v = TfidfVectorizer::new(TfidfOptions::default()).unwrap();
        v.fit(&docs()).unwrap();
        let json = v.to_json().unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let fields = value.as_object().unwrap();
        let vocabulary =
            |v: &TfidfVectorizer| v.vocabulary().map(str::to_string).collect::<Vec<_>>();
        let want = vocabulary(&v);
        // The counts before the terms (no room made for them), the header last.
        let mut reordered = String::from("{");
        for name in [
            "tf", "df", "terms", "n_docs", "options", "version", "format",
        ] {
            if reordered.len() > 1 {
                reordered.push(',');
            }
            reordered.push_str(&format!("{:?}:{}", name, fields[name]));
        }
        reordered.push('}');
        let back = TfidfVectorizer::from_json(&reordered).unwrap();
        assert_eq!(vocabulary(&back), want);
        assert_eq!(back.to_json().unwrap(), json);
        // A field twice, a field missing, a field of another name; a trailing character.
        let message = |s: &str| TfidfVectorizer::from_json(s).unwrap_err().to_string();
        let twice = json.replacen(r#""n_docs":"#, r#""n_docs":1,"n_docs":"#, 1);
        assert!(
            message(&twice).contains("duplicate field `n_docs`"),
            "{}",
            message(&twice)
        );
        let without_tf = json[..json.find(r#","tf":"#).unwrap()].to_string() + "}";
        assert!(
            message(&without_tf).contains("missing field `tf`"),
            "{}",
            message(&without_tf)
        );
        let other = json.replacen(r#""n_docs":"#, r#""n_doc":"#, 1);
        assert!(
            message(&other).contains("unknown field `n_doc`, expected one of `format`"),
            "{}",
            message(&other)
        );
        assert!(message(&format!("{json}x")).contains("trailing characters"));
        assert!(TfidfVectorizer::from_json(&format!("{json} \n")).is_ok());
    }

    #[test]
    fn saved_models_are_what_serde_json_writes_of_their_terms_sorted_as_strings() {
        let docs = docs();
        let text = |analyzer, ngram_range, stop_words| {
            let mut o = TfidfOptions::default();
            o.text.analyzer = analyzer;
            o.text.ngram_range = ngram_range;
            o.text.stop_words = stop_words;
            o
        };
        let mut cases = vec![
            // Terms ordered by their words' ranks (up to two words, then up to four).
            text(AnalyzerKind::Word, (1, 1), StopWords::None),
            text(AnalyzerKind::Word, (1, 2), StopWords::English),
            text(AnalyzerKind::Word, (2, 2), StopWords::None),
            text(AnalyzerKind::Word, (1, 3), StopWords::None),
            text(AnalyzerKind::Word, (2, 4), StopWords::English),
            // Terms whose strings are sorted: n-grams of five words, characters, gist's
            // tokens, tokens with a control character (`\S+`).
            text(AnalyzerKind::Word, (1, 5), StopWords::None),
            text(AnalyzerKind::CharWb, (2, 4), StopWords::None),
            text(AnalyzerKind::Gist, (1, 2), StopWords::None),
            {
                let mut o = text(AnalyzerKind::Word, (1, 2), StopWords::None);
                o.text.token_pattern = r"\S+".into();
                o
            },
        ];
        cases.push(TfidfOptions {
            vocabulary: Some(vec!["zeta".into(), "a b".into(), "mü".into()]),
            ..text(AnalyzerKind::Word, (1, 2), StopWords::None)
        });
        let mut docs_with_control = docs.clone();
        docs_with_control.push("ab\u{1}c and ab c".into());
        for o in cases {
            for threads in [1, 2] {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                let mut fitted = TfidfVectorizer::new(o.clone()).unwrap();
                pool.install(|| fitted.fit(&docs_with_control)).unwrap();
                // And a merge's state: the same documents in three partial fits.
                let mut merged = TfidfVectorizer::new(o.clone()).unwrap();
                for part in docs_with_control.chunks(110) {
                    pool.install(|| merged.partial_fit(part)).unwrap();
                }
                for v in [&fitted, &merged] {
                    // Written before `expected` joins every n-gram's string.
                    let saved = pool.install(|| v.to_json()).unwrap();
                    assert_eq!(saved, expected(v), "{o:?}, {threads} thread(s)");
                }
            }
        }
    }
}
