//! Extractive summarizers: choose the most important sentences of an analyzed [`Document`].
//!
//! Every summarizer scores sentences (higher = more important), then one selection step turns
//! scores into a [`Summary`] under a [`Length`] budget, optionally with maximal marginal
//! relevance ([`Options::mmr_lambda`]) to avoid redundant sentences. The chosen sentences are
//! returned as spans of the original text, in text order.

// Numeric code over sentence-by-sentence matrices reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

mod analysis;
mod gist;
mod graph;
mod lsa;
mod scorers;
mod text;

use analysis::{Analysis, Keys, is_content, sparse_dot};
use gist_core::{Analyzer, Document, Error, Language, Pipeline, Span, map_ordered};
use gist_stem::StemFilter;
use gist_tokenize::{SentenceSplitter, StopwordFilter, WordTokenizer};
use scorers::Ranking;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::num::NonZeroUsize;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

/// The summarization algorithms. `#[non_exhaustive]`: match with a wildcard arm.
///
/// Parse one from its [`name`](Algorithm::name) (`"lexrank".parse()`); `"default"` names
/// [`Algorithm::default()`], which is [`Algorithm::Gist`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Algorithm {
    /// The first sentences (the "lead" baseline of news summarization).
    Lead,
    /// Sentences closest to the document's TF-IDF centroid (Radev, Jing, Styś & Tam 2004,
    /// "Centroid-based summarization of multiple documents", the centroid feature of MEAD).
    Centroid,
    /// Sentences with the densest clusters of significant words (Luhn 1958, "The automatic
    /// creation of literature abstracts").
    Luhn,
    /// LexRank with a similarity threshold (Erkan & Radev 2004, "LexRank: graph-based lexical
    /// centrality as salience in text summarization").
    LexRank,
    /// Continuous LexRank: the same graph weighted by similarity, no threshold.
    LexRankContinuous,
    /// TextRank (Mihalcea & Tarau 2004, "TextRank: bringing order into texts") with its
    /// normalized word-overlap similarity.
    TextRank,
    /// TextRank with BM25 similarity (Barrios, López, Argerich & Wachenchauzer 2016,
    /// "Variations of the similarity function of TextRank for automated summarization").
    TextRankBm25,
    /// Latent semantic analysis (Gong & Liu 2001; sentence scoring of Steinberger & Ježek 2004,
    /// "Using latent semantic analysis in text summarization and summary evaluation").
    Lsa,
    /// SumBasic (Nenkova & Vanderwende 2005, "The impact of frequency on summarization").
    SumBasic,
    /// KL-Sum (Haghighi & Vanderwende 2009, "Exploring content models for multi-document
    /// summarization").
    KlSum,
    /// Edmundson's cue, key, title and location method (Edmundson 1969, "New methods in
    /// automatic extracting").
    Edmundson,
    /// gist's own scorer and the default: TextRank centrality over unstemmed content words
    /// (see [`Options::gist_stems`], [`Options::gist_position`] and the crate documentation).
    #[default]
    Gist,
}

impl Algorithm {
    /// Every algorithm, in a stable order.
    pub const ALL: &'static [Algorithm] = &[
        Algorithm::Lead,
        Algorithm::Centroid,
        Algorithm::Luhn,
        Algorithm::LexRank,
        Algorithm::LexRankContinuous,
        Algorithm::TextRank,
        Algorithm::TextRankBm25,
        Algorithm::Lsa,
        Algorithm::SumBasic,
        Algorithm::KlSum,
        Algorithm::Edmundson,
        Algorithm::Gist,
    ];

    /// The default algorithm (the best on our evaluation): [`Algorithm::Gist`].
    pub const DEFAULT: Algorithm = Algorithm::Gist;

    /// The algorithm's name, as accepted by `FromStr` ("lead", "lexrank-continuous", ...).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Lead => "lead",
            Algorithm::Centroid => "centroid",
            Algorithm::Luhn => "luhn",
            Algorithm::LexRank => "lexrank",
            Algorithm::LexRankContinuous => "lexrank-continuous",
            Algorithm::TextRank => "textrank",
            Algorithm::TextRankBm25 => "textrank-bm25",
            Algorithm::Lsa => "lsa",
            Algorithm::SumBasic => "sumbasic",
            Algorithm::KlSum => "klsum",
            Algorithm::Edmundson => "edmundson",
            Algorithm::Gist => "gist",
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An algorithm name that [`Algorithm::from_str`] does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownAlgorithm(pub String);

impl fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown summarization algorithm {:?} (expected one of: default",
            self.0
        )?;
        for a in Algorithm::ALL {
            write!(f, ", {}", a.name())?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for UnknownAlgorithm {}

impl FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    /// Case-insensitive; `_` and `-` are interchangeable; a few aliases: "default", "tfidf"
    /// (centroid), "lead-n", "kl-sum", "sum-basic", "lexrank-cont", "bm25".
    fn from_str(s: &str) -> Result<Algorithm, UnknownAlgorithm> {
        let key = s.trim().to_lowercase().replace('_', "-");
        if let Some(&a) = Algorithm::ALL.iter().find(|a| a.name() == key) {
            return Ok(a);
        }
        match key.as_str() {
            "default" => Ok(Algorithm::DEFAULT),
            "lead-n" | "lead3" | "lead-3" => Ok(Algorithm::Lead),
            "tfidf" | "tf-idf" => Ok(Algorithm::Centroid),
            "lexrank-cont" | "continuous-lexrank" => Ok(Algorithm::LexRankContinuous),
            "bm25" | "textrank-bm" => Ok(Algorithm::TextRankBm25),
            "sum-basic" => Ok(Algorithm::SumBasic),
            "kl-sum" | "kl" => Ok(Algorithm::KlSum),
            _ => Err(UnknownAlgorithm(s.to_string())),
        }
    }
}

/// How long a summary should be.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Length {
    /// At most this many sentences.
    Sentences(NonZeroUsize),
    /// This fraction of the document's sentences, rounded to the nearest whole sentence and at
    /// least one. Clamped to `0..=1`; a NaN or non-positive ratio asks for one sentence.
    Ratio(f64),
    /// At most this many words (lexical tokens), filled greedily in score order: a sentence that
    /// would overflow the budget is skipped and later, shorter ones may still fit. If not even
    /// the shortest sentence fits, the best sentence alone is returned.
    Words(NonZeroUsize),
}

impl Length {
    /// A length of `n` sentences (`n = 0` is taken as 1).
    pub fn sentences(n: usize) -> Length {
        Length::Sentences(NonZeroUsize::new(n).unwrap_or(NonZeroUsize::MIN))
    }

    /// A budget of `n` words (`n = 0` is taken as 1).
    pub fn words(n: usize) -> Length {
        Length::Words(NonZeroUsize::new(n).unwrap_or(NonZeroUsize::MIN))
    }

    /// The number of sentences this length allows in a document of `n` sentences (for
    /// [`Length::Words`], `n`: the word budget is enforced during selection).
    pub fn max_sentences(self, n: usize) -> usize {
        match self {
            Length::Sentences(k) => k.get().min(n),
            Length::Ratio(r) => {
                let r = if r.is_nan() { 0.0 } else { r.clamp(0.0, 1.0) };
                ((r * n as f64).round() as usize).clamp(1, n.max(1)).min(n)
            }
            Length::Words(_) => n,
        }
    }
}

/// One chosen sentence.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence's index in [`Document::sentences`].
    pub index: usize,
    /// Its byte range in the original text: `&doc.text()[span]` is the sentence.
    pub span: Span,
    /// Its score under the algorithm: higher = more important. Scales differ between
    /// algorithms; compare scores within one summary only.
    pub score: f64,
}

/// An extractive summary: chosen sentences of the original text, in text order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The chosen sentences, in the order they appear in the document.
    pub sentences: Vec<SummarySentence>,
}

impl Summary {
    /// Number of chosen sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when no sentence was chosen (an empty document).
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// The chosen sentences' texts, in text order. `text` must be the summarized document's
    /// text; spans that are not valid in it yield `""`.
    pub fn texts<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.sentences
            .iter()
            .map(|s| s.span.get(text).unwrap_or(""))
            .collect()
    }

    /// The summary as one string: the chosen sentences joined by a space.
    pub fn to_text(&self, text: &str) -> String {
        self.texts(text).join(" ")
    }

    /// The chosen sentence indices, in text order.
    pub fn indices(&self) -> Vec<usize> {
        self.sentences.iter().map(|s| s.index).collect()
    }
}

/// Inverse document frequencies for terms (stems when a stemmer ran, else normalized forms),
/// looked up in a table built from a corpus, with a fixed value for unseen terms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IdfTable {
    idf: HashMap<String, f64>,
    unseen: f64,
}

impl IdfTable {
    /// Smoothed idf `ln((1 + N) / (1 + df)) + 1` over `docs` (analyzed documents, as for
    /// summarizing); terms not in the corpus get the idf of a term seen in no document.
    pub fn from_documents(docs: &[Document]) -> IdfTable {
        let sets: Vec<HashSet<&str>> = docs
            .iter()
            .map(|d| {
                d.tokens()
                    .iter()
                    .filter(|t| is_content(t))
                    .map(|t| analysis::term_key(d, t))
                    .collect()
            })
            .collect();
        let mut df: HashMap<&str, u64> = HashMap::new();
        for s in &sets {
            for &t in s {
                *df.entry(t).or_default() += 1;
            }
        }
        let n = docs.len() as f64;
        IdfTable {
            idf: df
                .into_iter()
                .map(|(t, d)| (t.to_string(), analysis::smooth_idf(n, d as f64)))
                .collect(),
            unseen: analysis::smooth_idf(n, 0.0),
        }
    }

    /// A table from explicit `(term, idf)` pairs and the idf of unseen terms. Non-finite or
    /// negative values are taken as 0.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, f64)>, unseen: f64) -> IdfTable {
        let clean = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
        IdfTable {
            idf: pairs.into_iter().map(|(t, v)| (t, clean(v))).collect(),
            unseen: clean(unseen),
        }
    }

    /// The idf of `term`.
    pub fn idf(&self, term: &str) -> f64 {
        self.idf.get(term).copied().unwrap_or(self.unseen)
    }

    /// Number of terms in the table.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// True when the table holds no term.
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }
}

/// Where inverse document frequencies come from, for the algorithms that weight terms by idf
/// (centroid, LexRank, TextRank-BM25, LSA, gist, and MMR's similarity).
#[derive(Clone, Default)]
pub enum IdfSource {
    /// The summarized document's own sentences, each taken as a document (the usual choice of
    /// single-document LexRank and TextRank-BM25): `ln((1 + N) / (1 + df)) + 1`.
    #[default]
    Sentences,
    /// Every term weighs 1 (plain term frequencies).
    Uniform,
    /// A table fitted on a corpus (for example the corpus being summarized, with
    /// [`IdfTable::from_documents`]).
    Table(Arc<IdfTable>),
    /// Any function from a term key to its idf, such as a fitted model's or a bundled background
    /// model's lookup (`IdfSource::Custom(Arc::new(move |t| doc_freqs.idf(t)))`). Keys are stems
    /// when a stemmer ran, else normalized forms — except for [`Algorithm::Gist`], which keys
    /// terms by normalized form unless [`Options::gist_stems`] is set (it uses idf only for
    /// MMR's similarity). Non-finite or negative values count as 0.
    Custom(Arc<dyn Fn(&str) -> f64 + Send + Sync>),
}

impl fmt::Debug for IdfSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdfSource::Sentences => f.write_str("Sentences"),
            IdfSource::Uniform => f.write_str("Uniform"),
            IdfSource::Table(t) => write!(f, "Table({} terms)", t.len()),
            IdfSource::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

impl From<IdfTable> for IdfSource {
    fn from(t: IdfTable) -> IdfSource {
        IdfSource::Table(Arc::new(t))
    }
}

/// The parameters of every algorithm; [`Options::default`] holds the published defaults.
#[derive(Clone, Debug)]
pub struct Options {
    /// Maximal marginal relevance (Carbonell & Goldstein 1998): `None` selects by score alone;
    /// `Some(λ)` selects greedily by `λ · relevance − (1 − λ) · max similarity to the sentences
    /// already chosen`, relevance being the score divided by the best score (rescaled min-max
    /// when some scores are negative) and similarity the
    /// TF-IDF cosine. λ = 1 is selection by score; usual values 0.5–0.8. Default `None` (the
    /// references of the BBC evaluation are not redundancy-controlled, and MMR lowered ROUGE).
    pub mmr_lambda: Option<f64>,
    /// Where idf values come from. Default [`IdfSource::Sentences`].
    pub idf: IdfSource,
    /// PageRank damping factor of LexRank and TextRank. Default 0.85.
    pub damping: f64,
    /// LexRank's cosine threshold for an edge. Default 0.1 (Erkan & Radev's best).
    pub lexrank_threshold: f64,
    /// Centroid: terms below this fraction of the largest centroid value are dropped. Default 0.
    pub centroid_threshold: f64,
    /// Luhn: a term is significant when it occurs at least this many times. Default 2.
    pub luhn_min_count: u32,
    /// Luhn: most insignificant tokens allowed between two significant words of a cluster.
    /// Default 4 (Luhn's).
    pub luhn_max_gap: usize,
    /// TextRank-BM25's k1. Default 1.2.
    pub bm25_k1: f64,
    /// TextRank-BM25's b. Default 0.75.
    pub bm25_b: f64,
    /// LSA: number of latent topics kept. Default 3. (On the BBC set one topic scored higher,
    /// R-2 44.3 vs 35.5 at 3 sentences; the default keeps the method's multi-topic reading.)
    pub lsa_dimensions: usize,
    /// KL-Sum: additive smoothing per term of the summary distribution. Default 0.01.
    pub klsum_smoothing: f64,
    /// Edmundson's weights of cue, key, title and location. Default `[1, 0, 1, 1]`
    /// (Edmundson's best combination leaves out key).
    pub edmundson_weights: [f64; 4],
    /// Edmundson's bonus words (normalized forms). Default: a short built-in English list.
    pub bonus_words: Vec<String>,
    /// Edmundson's stigma words (normalized forms). Default: a short built-in English list.
    pub stigma_words: Vec<String>,
    /// Gist: identify terms by their stems (`true`) or by their normalized forms (`false`).
    /// Default `false`: on the BBC evaluation, unstemmed terms gave clearly better ROUGE (see
    /// the crate documentation).
    pub gist_stems: bool,
    /// Gist: strength of a position prior, multiplying the score of the sentence at position `i`
    /// by `1 + gist_position / (1 + i)`. Default 0 (any positive value lowered ROUGE on the
    /// BBC evaluation, whose references favour central sentences wherever they are).
    pub gist_position: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            mmr_lambda: None,
            idf: IdfSource::Sentences,
            damping: 0.85,
            lexrank_threshold: 0.1,
            centroid_threshold: 0.0,
            luhn_min_count: 2,
            luhn_max_gap: 4,
            bm25_k1: 1.2,
            bm25_b: 0.75,
            lsa_dimensions: 3,
            klsum_smoothing: 0.01,
            edmundson_weights: [1.0, 0.0, 1.0, 1.0],
            bonus_words: scorers::BONUS_WORDS.iter().map(|s| s.to_string()).collect(),
            stigma_words: scorers::STIGMA_WORDS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            gist_stems: false,
            gist_position: 0.0,
        }
    }
}

impl Options {
    pub(crate) fn idf_is_sentences(&self) -> bool {
        matches!(self.idf, IdfSource::Sentences)
    }
}

/// A configured summarizer: an [`Algorithm`] and its [`Options`]. Cheap to clone, `Send + Sync`.
///
/// ```
/// use gist_summarize::{Algorithm, Length, Summarizer};
/// let s = Summarizer::new(Algorithm::LexRank).with_mmr(0.7);
/// assert_eq!(s.algorithm(), Algorithm::LexRank);
/// assert_eq!(s.options().mmr_lambda, Some(0.7));
/// # let _ = Length::sentences(3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Summarizer {
    algorithm: Algorithm,
    options: Options,
}

impl Summarizer {
    /// A summarizer running `algorithm` with default options.
    pub fn new(algorithm: Algorithm) -> Summarizer {
        Summarizer {
            algorithm,
            options: Options::default(),
        }
    }

    /// A summarizer running `algorithm` with `options`.
    pub fn with_options(algorithm: Algorithm, options: Options) -> Summarizer {
        Summarizer { algorithm, options }
    }

    /// The same summarizer with MMR redundancy control at `lambda` (see [`Options::mmr_lambda`]).
    pub fn with_mmr(mut self, lambda: f64) -> Summarizer {
        self.options.mmr_lambda = Some(lambda);
        self
    }

    /// The same summarizer taking idf values from `idf`.
    pub fn with_idf(mut self, idf: IdfSource) -> Summarizer {
        self.options.idf = idf;
        self
    }

    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The options, mutably.
    pub fn options_mut(&mut self) -> &mut Options {
        &mut self.options
    }

    /// Summarizes an analyzed document (sentences, tokens, stopwords and preferably stems set,
    /// as [`prepare`] does). Never fails and never panics: a document without sentences gives
    /// an empty summary; one with no more sentences than asked for gives all of them. Chosen
    /// sentences are in text order; ties in score are broken by position (earlier first), so
    /// the result is deterministic.
    pub fn summarize(&self, doc: &Document, length: Length) -> Summary {
        let n = doc.sentences().len();
        if n == 0 {
            return Summary::default();
        }
        let a = Analysis::new(doc, self.idf(), self.keys());
        self.finish(doc.sentences(), &a, length, || {
            edmundson_features(doc, &self.options)
        })
    }

    /// Summarizes raw English text: the same summary as [`summarize`](Summarizer::summarize)
    /// gives for the text as a [`Document`] in English analyzed by [`prepare`] (and without a
    /// title), computed faster. See [`summarize_text_in`](Summarizer::summarize_text_in).
    ///
    /// ```
    /// use gist_core::Document;
    /// use gist_summarize::{Length, Summarizer, prepare};
    /// let text = "The council approved the new park. The park will have a lake and a garden. \
    ///     Council members said the new park would open next spring. It rained all day.";
    /// let summary = Summarizer::default().summarize_text(text, Length::sentences(2));
    /// assert_eq!(summary.len(), 2);
    /// assert!(!summary.texts(text).contains(&"It rained all day."));
    ///
    /// // The same as through a prepared Document.
    /// let mut doc = Document::new("park", text);
    /// prepare(&mut doc)?;
    /// assert_eq!(summary, Summarizer::default().summarize(&doc, Length::sentences(2)));
    /// # Ok::<(), gist_core::Error>(())
    /// ```
    pub fn summarize_text(&self, text: &str, length: Length) -> Summary {
        self.summarize_text_in(text, Language::English, length)
    }

    /// Summarizes raw text in `language`: exactly the summary [`summarize`](Summarizer::summarize)
    /// gives for `Document::new(id, text).with_language(language)` analyzed by [`prepare`]
    /// (so Edmundson's title feature is zero), without building the document. Never fails and
    /// never panics; a text over 4 GiB gives an empty summary (where [`prepare`] fails).
    ///
    /// The speed comes from never storing per-token annotations and from a cache, per thread
    /// and language, of what the analysis gives each distinct word (its norm, whether it is a
    /// stopword, its stem): after the first few documents almost every word costs one hash
    /// lookup. The cache is emptied (and its memory freed) before a text once it holds 65,536
    /// words of a language — a few MB per thread; one very large text may fill it further
    /// until the next — and it never changes a result.
    pub fn summarize_text_in(&self, text: &str, language: Language, length: Length) -> Summary {
        let cue = (self.algorithm == Algorithm::Edmundson)
            .then(|| text::CueWords::new(&self.options.bonus_words, &self.options.stigma_words));
        let t = text::analyze(text, language, self.keys(), self.idf(), cue.as_ref());
        let summary = if t.analysis.n == 0 {
            Summary::default()
        } else {
            self.finish(&t.sentences, &t.analysis, length, || {
                (vec![0.0; t.analysis.n], t.cue.clone())
            })
        };
        text::recycle(t);
        summary
    }

    /// Ranks and selects the sentences of an analysis whose sentence spans are `spans`;
    /// `edmundson` gives the title and cue features (called only for Edmundson).
    fn finish(
        &self,
        spans: &[Span],
        a: &Analysis,
        length: Length,
        edmundson: impl FnOnce() -> (Vec<f64>, Vec<f64>),
    ) -> Summary {
        let ranking = self.rank(a, length.max_sentences(a.n), edmundson);
        let chosen = self.select(a, &ranking, length);
        let mut sentences: Vec<SummarySentence> = chosen
            .into_iter()
            .map(|i| SummarySentence {
                index: i,
                span: spans[i],
                score: ranking.scores[i],
            })
            .collect();
        sentences.sort_by_key(|s| s.index);
        Summary { sentences }
    }

    /// Scores every sentence of an analyzed document (higher = more important), without
    /// selecting: the scores [`summarize`](Summarizer::summarize) reports. For the greedy
    /// algorithms (SumBasic, KL-Sum) the scores reflect a full greedy ranking.
    pub fn scores(&self, doc: &Document) -> Vec<f64> {
        let n = doc.sentences().len();
        let a = Analysis::new(doc, self.idf(), self.keys());
        self.rank(&a, n, || edmundson_features(doc, &self.options))
            .scores
    }

    /// The idf source, when the algorithm or MMR reads idf values.
    fn idf(&self) -> Option<&IdfSource> {
        let needs = matches!(
            self.algorithm,
            Algorithm::Centroid
                | Algorithm::LexRank
                | Algorithm::LexRankContinuous
                | Algorithm::TextRankBm25
                | Algorithm::Lsa
        ) || self.options.mmr_lambda.is_some_and(f64::is_finite);
        needs.then_some(&self.options.idf)
    }

    fn keys(&self) -> Keys {
        match self.algorithm {
            Algorithm::Gist if !self.options.gist_stems => Keys::Norms,
            _ => Keys::Stems,
        }
    }

    fn rank(
        &self,
        a: &Analysis,
        wanted: usize,
        edmundson: impl FnOnce() -> (Vec<f64>, Vec<f64>),
    ) -> Ranking {
        let o = &self.options;
        let scores = match self.algorithm {
            Algorithm::Lead => scorers::lead(a),
            Algorithm::Centroid => scorers::centroid(a, o),
            Algorithm::Luhn => scorers::luhn(a, o),
            Algorithm::LexRank => scorers::lexrank(a, o, false),
            Algorithm::LexRankContinuous => scorers::lexrank(a, o, true),
            Algorithm::TextRank => scorers::textrank(a, o),
            Algorithm::TextRankBm25 => scorers::textrank_bm25(a, o),
            Algorithm::Lsa => scorers::lsa(a, o),
            Algorithm::SumBasic => return scorers::sumbasic(a, wanted),
            Algorithm::KlSum => return scorers::klsum(a, o, wanted),
            Algorithm::Edmundson => {
                let (title, cue) = edmundson();
                scorers::edmundson(a, &title, &cue, o)
            }
            Algorithm::Gist => gist::scores(a, o),
        };
        let scores = scores
            .into_iter()
            .map(|s| if s.is_finite() { s } else { 0.0 })
            .collect();
        Ranking::from_scores(scores)
    }

    fn select(&self, a: &Analysis, ranking: &Ranking, length: Length) -> Vec<usize> {
        let k = length.max_sentences(a.n);
        let budget = match length {
            Length::Words(w) => Some(w.get()),
            _ => None,
        };
        let lambda = match self.options.mmr_lambda {
            Some(l) if l.is_finite() => Some(l.clamp(0.0, 1.0)),
            _ => None,
        };
        let fits = |used: usize, i: usize| budget.is_none_or(|b| used + a.words(i) <= b);
        let mut chosen = Vec::new();
        let mut used = 0;
        match lambda {
            None | Some(1.0) => {
                for &i in &ranking.order {
                    if chosen.len() == k {
                        break;
                    }
                    if fits(used, i) {
                        chosen.push(i);
                        used += a.words(i);
                    }
                }
            }
            Some(lambda) => {
                let vectors = a.tfidf_unit_vectors();
                let (lo, hi) = ranking
                    .scores
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &s| {
                        (lo.min(s), hi.max(s))
                    });
                // Relevance in 0..=1: the score over the best score (min-max rescaled if
                // some scores are negative).
                let rel = |i: usize| {
                    let s = ranking.scores[i];
                    if lo >= 0.0 && hi > 0.0 {
                        s / hi
                    } else if hi > lo {
                        (s - lo) / (hi - lo)
                    } else {
                        1.0
                    }
                };
                let mut max_sim = vec![0.0f64; a.n];
                let mut taken = vec![false; a.n];
                // Candidates in ranking order, so ties go to the better-ranked sentence.
                let candidates: Vec<usize> = ranking.order.clone();
                while chosen.len() < k {
                    let mut best: Option<(usize, f64)> = None;
                    for &i in &candidates {
                        if taken[i] || !fits(used, i) {
                            continue;
                        }
                        let m = lambda * rel(i) - (1.0 - lambda) * max_sim[i];
                        if best.is_none_or(|(_, bm)| m > bm) {
                            best = Some((i, m));
                        }
                    }
                    let Some((i, _)) = best else { break };
                    taken[i] = true;
                    chosen.push(i);
                    used += a.words(i);
                    for j in 0..a.n {
                        if !taken[j] {
                            max_sim[j] = max_sim[j].max(sparse_dot(&vectors[i], &vectors[j]));
                        }
                    }
                }
            }
        }
        if chosen.is_empty()
            && let Some(&best) = ranking.order.first()
        {
            chosen.push(best);
        }
        chosen
    }
}

/// Per-sentence title and cue features for Edmundson's method. Words are compared by their
/// normalized forms (lowercase under the default tokenizer); title words are lowercased.
fn edmundson_features(doc: &Document, o: &Options) -> (Vec<f64>, Vec<f64>) {
    let title_words: Vec<String> = match doc.metadata.get("title").and_then(|v| v.as_str()) {
        Some(t) => {
            let mut w: Vec<String> = t
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            w.sort_unstable();
            w.dedup();
            w
        }
        None => Vec::new(),
    };
    let cue_words = text::CueWords::new(&o.bonus_words, &o.stigma_words);
    let n = doc.sentences().len();
    let mut title = vec![0.0; n];
    let mut cue = vec![0.0; n];
    let mut seen: Vec<&str> = Vec::new();
    for i in 0..n {
        seen.clear();
        for t in doc.sentence_tokens(i) {
            if !t.kind.is_lexical() {
                continue;
            }
            let norm = doc.norm(t);
            cue[i] += cue_words.value(norm);
            if !t.stopword
                && !title_words.is_empty()
                && title_words
                    .binary_search_by(|w| w.as_str().cmp(norm))
                    .is_ok()
                && !seen.contains(&norm)
            {
                seen.push(norm);
                title[i] += 1.0;
            }
        }
    }
    (title, cue)
}

/// Summarizes every document of a corpus in parallel (on rayon's current pool), with the same
/// length for each. The result is in corpus order and identical for any number of threads.
pub fn summarize_corpus(
    summarizer: &Summarizer,
    docs: &[Document],
    length: Length,
) -> Vec<Summary> {
    map_ordered(docs, |d| summarizer.summarize(d, length))
}

/// Summarizes raw texts in `language` in parallel (on rayon's current pool) with
/// [`Summarizer::summarize_text_in`], the same length for each. The result is in input order
/// and identical for any number of threads (each thread has its own word cache, which never
/// changes a result).
///
/// ```
/// use gist_core::Language;
/// use gist_summarize::{Length, Summarizer, summarize_texts};
/// let texts = ["Cats purr. Dogs bark. Cats and dogs play.", ""];
/// let s = summarize_texts(&Summarizer::default(), &texts, Language::English, Length::sentences(1));
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[0].texts(texts[0]), ["Cats and dogs play."]);
/// assert!(s[1].is_empty());
/// ```
pub fn summarize_texts<T: AsRef<str> + Sync>(
    summarizer: &Summarizer,
    texts: &[T],
    language: Language,
    length: Length,
) -> Vec<Summary> {
    map_ordered(texts, |t| {
        summarizer.summarize_text_in(t.as_ref(), language, length)
    })
}

/// The analysis every summarizer expects: sentence splitting, word tokenization (lowercased
/// norms), stopwords and Snowball stems, each in the document's own language
/// ([`SentenceSplitter`], [`WordTokenizer`], [`StopwordFilter`], [`StemFilter`]). Documents in a
/// language without a stemmer keep their tokens unstemmed.
pub fn pipeline() -> Pipeline {
    Pipeline::new()
        .then(SentenceSplitter::document_language())
        .then(WordTokenizer::default())
        .then(StopwordFilter::new())
        .then(StemFilter::new())
}

/// Runs [`pipeline`] on `doc`, replacing any earlier sentences and tokens. Fails only for a
/// text over 4 GiB.
///
/// ```
/// use gist_core::Document;
/// let mut doc = Document::new("d", "Cats purr. Dogs bark loudly.");
/// gist_summarize::prepare(&mut doc)?;
/// assert_eq!(doc.sentences().len(), 2);
/// assert_eq!(doc.stem(&doc.tokens()[0]), Some("cat"));
/// # Ok::<(), gist_core::Error>(())
/// ```
pub fn prepare(doc: &mut Document) -> Result<(), Error> {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(pipeline).analyze(doc)
}
