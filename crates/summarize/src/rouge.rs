//! ROUGE-1, ROUGE-2 and ROUGE-L, computed exactly like Google's `rouge-score` package
//! (version 0.1.2), so that numbers are comparable with published results.
//!
//! What "exactly" means here:
//! - **Tokens**: the text is lower-cased (full Unicode lower-casing, so `İ` gives an `i` and
//!   the Kelvin sign a `k`), every run of characters other than ASCII `a-z0-9` becomes a
//!   separator, and the pieces are the tokens. With stemming on, tokens longer than three
//!   characters go through NLTK's Porter stemmer ([`porter`], an exact re-implementation).
//! - **ROUGE-N**: clipped n-gram overlap `o`; precision `o / max(candidate n-grams, 1)`, recall
//!   `o / max(reference n-grams, 1)`.
//! - **ROUGE-L**: longest common subsequence over the whole token sequences (not the
//!   sentence-level "rougeLsum"); all three values are 0 when either side has no tokens.
//! - **F1** `2PR / (P + R)`, 0 when `P + R = 0`. All values are in `[0, 1]`, higher is better.
//!
//! `scripts/rouge_parity.py` checks the agreement (within 1e-6; in practice the values are
//! identical) on the 1,313 BBC article/summary pairs, with and without stemming.
//!
//! ```
//! use gist_summarize::rouge::{RougeOptions, RougeScorer};
//!
//! let scorer = RougeScorer::new(RougeOptions::default().with_stemming(true));
//! let s = scorer.score("The quick brown fox jumps over the lazy dog",
//!                      "The quick brown dog jumps on the log.");
//! let r1 = s.rouge1.unwrap();
//! assert!((r1.precision - 0.75).abs() < 1e-12); // 6 of the 8 candidate words
//! assert!((r1.recall - 6.0 / 9.0).abs() < 1e-12); // 6 of the 9 reference words
//! assert!((s.rouge2.unwrap().fmeasure - 2.0 * (2.0 / 7.0) * (2.0 / 8.0) / (2.0 / 7.0 + 2.0 / 8.0)).abs() < 1e-12);
//! ```

pub mod porter;

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// Precision, recall and F1 of one ROUGE metric, each in `[0, 1]` (higher is better).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Matched units / units in the candidate (system) summary.
    pub precision: f64,
    /// Matched units / units in the reference summary.
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub fmeasure: f64,
}

impl Score {
    /// A score from matched, candidate and reference counts, with `rouge-score`'s formulas
    /// (denominators of 0 count as 1).
    fn from_counts(matched: usize, candidate: usize, reference: usize) -> Score {
        let precision = matched as f64 / candidate.max(1) as f64;
        let recall = matched as f64 / reference.max(1) as f64;
        Score {
            precision,
            recall,
            fmeasure: fmeasure(precision, recall),
        }
    }
}

fn fmeasure(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// One ROUGE metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Metric {
    /// Unigram overlap.
    #[serde(rename = "rouge1")]
    Rouge1,
    /// Bigram overlap.
    #[serde(rename = "rouge2")]
    Rouge2,
    /// Longest common subsequence of the whole token sequences.
    #[serde(rename = "rougeL")]
    RougeL,
}

impl Metric {
    /// All metrics, in table order.
    pub const ALL: [Metric; 3] = [Metric::Rouge1, Metric::Rouge2, Metric::RougeL];

    /// The `rouge-score` name: `rouge1`, `rouge2`, `rougeL`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Rouge1 => "rouge1",
            Metric::Rouge2 => "rouge2",
            Metric::RougeL => "rougeL",
        }
    }

    /// The name used in papers and tables: `ROUGE-1`, `ROUGE-2`, `ROUGE-L`.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Rouge1 => "ROUGE-1",
            Metric::Rouge2 => "ROUGE-2",
            Metric::RougeL => "ROUGE-L",
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A metric name that [`Metric::from_str`] does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownMetric(pub String);

impl fmt::Display for UnknownMetric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown ROUGE metric {:?} (expected rouge1, rouge2 or rougeL)",
            self.0
        )
    }
}

impl std::error::Error for UnknownMetric {}

impl FromStr for Metric {
    type Err = UnknownMetric;

    /// Accepts `rouge1`/`rouge-1`/`r1`/`1`, the same for 2, and `rougeL`/`rouge-l`/`rl`/`l`,
    /// in any case.
    fn from_str(s: &str) -> Result<Metric, UnknownMetric> {
        let lower = s.trim().to_ascii_lowercase().replace(['-', '_'], "");
        let short = lower
            .strip_prefix("rouge")
            .or_else(|| lower.strip_prefix('r'))
            .unwrap_or(&lower);
        match short {
            "1" => Ok(Metric::Rouge1),
            "2" => Ok(Metric::Rouge2),
            "l" => Ok(Metric::RougeL),
            _ => Err(UnknownMetric(s.to_string())),
        }
    }
}

/// What a [`RougeScorer`] computes. The default matches `rouge-score`'s default: all three
/// metrics, no stemming.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RougeOptions {
    /// Stem tokens longer than three characters with NLTK's Porter stemmer
    /// (`use_stemmer=True`).
    pub stemming: bool,
    /// The metrics to compute, in any order; the others are `None` in [`RougeScores`].
    pub metrics: Vec<Metric>,
}

impl Default for RougeOptions {
    fn default() -> RougeOptions {
        RougeOptions {
            stemming: false,
            metrics: Metric::ALL.to_vec(),
        }
    }
}

impl RougeOptions {
    /// These options with stemming on or off.
    pub fn with_stemming(mut self, stemming: bool) -> RougeOptions {
        self.stemming = stemming;
        self
    }

    /// These options computing only `metrics`.
    pub fn with_metrics(mut self, metrics: &[Metric]) -> RougeOptions {
        self.metrics = metrics.to_vec();
        self
    }

    fn wants(&self, metric: Metric) -> bool {
        self.metrics.contains(&metric)
    }
}

/// The scores of one candidate against one reference; a metric that was not asked for is
/// `None` (and left out of the JSON).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RougeScores {
    /// ROUGE-1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rouge1: Option<Score>,
    /// ROUGE-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rouge2: Option<Score>,
    /// ROUGE-L (summary as one sequence).
    #[serde(default, rename = "rougeL", skip_serializing_if = "Option::is_none")]
    pub rougel: Option<Score>,
}

impl RougeScores {
    /// The score of one metric, if it was computed.
    pub fn get(&self, metric: Metric) -> Option<Score> {
        match metric {
            Metric::Rouge1 => self.rouge1,
            Metric::Rouge2 => self.rouge2,
            Metric::RougeL => self.rougel,
        }
    }

    fn slot(&mut self, metric: Metric) -> &mut Option<Score> {
        match metric {
            Metric::Rouge1 => &mut self.rouge1,
            Metric::Rouge2 => &mut self.rouge2,
            Metric::RougeL => &mut self.rougel,
        }
    }

    /// The mean over documents of each metric's precision, recall and F1 (macro average, as
    /// `rouge-score`'s aggregators and most papers report). A metric missing from some
    /// documents is averaged over the documents that have it; with no documents, all are
    /// `None`. Summed in iteration order, so the result is deterministic.
    pub fn mean<'a>(scores: impl IntoIterator<Item = &'a RougeScores>) -> RougeScores {
        let mut mean = RougeMean::default();
        for s in scores {
            mean.add(s);
        }
        mean.mean()
    }
}

/// A running mean of [`RougeScores`] over documents (see [`RougeScores::mean`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RougeMean {
    sums: [(usize, Score); 3],
}

impl RougeMean {
    /// Adds one document's scores.
    pub fn add(&mut self, scores: &RougeScores) {
        for (i, metric) in Metric::ALL.into_iter().enumerate() {
            if let Some(s) = scores.get(metric) {
                let (n, sum) = &mut self.sums[i];
                *n += 1;
                sum.precision += s.precision;
                sum.recall += s.recall;
                sum.fmeasure += s.fmeasure;
            }
        }
    }

    /// The number of documents added that had at least one metric.
    pub fn count(&self) -> usize {
        self.sums.iter().map(|(n, _)| *n).max().unwrap_or(0)
    }

    /// The mean so far.
    pub fn mean(&self) -> RougeScores {
        let mut out = RougeScores::default();
        for (i, metric) in Metric::ALL.into_iter().enumerate() {
            let (n, sum) = self.sums[i];
            if n > 0 {
                let n = n as f64;
                *out.slot(metric) = Some(Score {
                    precision: sum.precision / n,
                    recall: sum.recall / n,
                    fmeasure: sum.fmeasure / n,
                });
            }
        }
        out
    }
}

/// Computes ROUGE between a reference and a candidate summary. Cheap to build, `Send + Sync`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RougeScorer {
    options: RougeOptions,
}

impl RougeScorer {
    /// A scorer with these options.
    pub fn new(options: RougeOptions) -> RougeScorer {
        RougeScorer { options }
    }

    /// The options.
    pub fn options(&self) -> &RougeOptions {
        &self.options
    }

    /// The tokens ROUGE compares for `text` (after lower-casing, splitting on everything but
    /// `a-z0-9` and, if on, stemming): `rouge-score`'s `DefaultTokenizer`.
    pub fn tokenize(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize_into(text, self.options.stemming, |t| {
            out.push(String::from_utf8_lossy(t).into_owned())
        });
        out
    }

    /// Scores `candidate` (the system summary) against `reference`. Never panics; empty or
    /// token-less texts score 0. ROUGE-N is linear in the text lengths; ROUGE-L takes time
    /// proportional to the product of the two token counts (as in rouge-score), memory
    /// proportional to the candidate's.
    pub fn score(&self, reference: &str, candidate: &str) -> RougeScores {
        let mut ids: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut intern = |text: &str| {
            let mut seq = Vec::new();
            tokenize_into(text, self.options.stemming, |t| {
                let next = ids.len() as u32;
                seq.push(*ids.entry(t.to_vec()).or_insert(next));
            });
            seq
        };
        let reference = intern(reference);
        let candidate = intern(candidate);
        let mut out = RougeScores::default();
        if self.options.wants(Metric::Rouge1) {
            out.rouge1 = Some(ngram_score(&reference, &candidate, 1));
        }
        if self.options.wants(Metric::Rouge2) {
            out.rouge2 = Some(ngram_score(&reference, &candidate, 2));
        }
        if self.options.wants(Metric::RougeL) {
            out.rougel = Some(lcs_score(&reference, &candidate));
        }
        out
    }

    /// Scores many (id, reference, system) triples, in parallel; per-document scores in input
    /// order plus their mean. The result does not depend on the number of threads.
    pub fn evaluate(&self, pairs: &[RougePair<'_>]) -> RougeReport {
        let per_document: Vec<DocumentRouge> = gist_core::map_ordered(pairs, |p| DocumentRouge {
            id: p.id.to_string(),
            scores: self.score(p.reference, p.system),
        });
        let mean = RougeScores::mean(per_document.iter().map(|d| &d.scores));
        RougeReport {
            options: self.options.clone(),
            documents: per_document.len(),
            mean,
            per_document,
        }
    }
}

/// One document to evaluate: its id, the reference summary and the system summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RougePair<'a> {
    /// Document id (echoed in the report).
    pub id: &'a str,
    /// The reference (gold) summary.
    pub reference: &'a str,
    /// The system (candidate) summary.
    pub system: &'a str,
}

/// The scores of one document in a [`RougeReport`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRouge {
    /// Document id.
    pub id: String,
    /// Its scores.
    pub scores: RougeScores,
}

/// The result of [`RougeScorer::evaluate`]: per-document scores and their mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RougeReport {
    /// How the scores were computed.
    pub options: RougeOptions,
    /// Number of documents.
    pub documents: usize,
    /// Mean over documents (macro average).
    pub mean: RougeScores,
    /// Per-document scores, in input order.
    pub per_document: Vec<DocumentRouge>,
}

/// `rouge-score`'s tokenizer: calls `emit` with each token (lower-case ASCII alphanumerics).
fn tokenize_into(text: &str, stemming: bool, mut emit: impl FnMut(&[u8])) {
    let mut token: Vec<u8> = Vec::new();
    let mut flush = |token: &mut Vec<u8>| {
        if token.is_empty() {
            return;
        }
        if stemming && token.len() > 3 {
            porter::stem_ascii_in_place(token);
        }
        if !token.is_empty() {
            emit(token);
        }
        token.clear();
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                token.push(c.to_ascii_lowercase() as u8);
            } else {
                flush(&mut token);
            }
        } else {
            // Non-ASCII characters are separators unless they lower-case to ASCII letters
            // (U+0130 → "i\u{307}", U+212A KELVIN SIGN → "k").
            for l in c.to_lowercase() {
                if l.is_ascii_alphanumeric() {
                    token.push(l as u8);
                } else {
                    flush(&mut token);
                }
            }
        }
    }
    flush(&mut token);
}

fn ngram_score(reference: &[u32], candidate: &[u32], n: usize) -> Score {
    let mut counts: HashMap<&[u32], (usize, usize)> = HashMap::new();
    for g in reference.windows(n) {
        counts.entry(g).or_default().0 += 1;
    }
    for g in candidate.windows(n) {
        counts.entry(g).or_default().1 += 1;
    }
    let matched = counts.values().map(|&(r, c)| r.min(c)).sum();
    let grams = |len: usize| (len + 1).saturating_sub(n);
    Score::from_counts(matched, grams(candidate.len()), grams(reference.len()))
}

fn lcs_score(reference: &[u32], candidate: &[u32]) -> Score {
    if reference.is_empty() || candidate.is_empty() {
        return Score::default();
    }
    let lcs = lcs_length(reference, candidate);
    Score::from_counts(lcs, candidate.len(), reference.len())
}

/// Length of the longest common subsequence, O(|a|·|b|) time, O(|b|) memory.
fn lcs_length(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0; // row[j - 1] of the previous row
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcs_of_known_sequences() {
        assert_eq!(lcs_length(&[1, 2, 3, 4], &[2, 4]), 2);
        assert_eq!(lcs_length(&[1, 2, 3, 2, 4, 1, 2], &[2, 4, 3, 1, 2, 1]), 4);
        assert_eq!(lcs_length(&[1], &[2]), 0);
    }

    #[test]
    fn only_two_non_ascii_characters_lowercase_to_ascii_alphanumerics() {
        // Python 3.11: [c for c in map(chr, range(0x80, 0x110000)) if re.search("[a-z0-9]",
        // c.lower())] == ["\u0130", "\u212a"]; Rust's tables must agree for the tokenizer.
        let found: Vec<u32> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii_alphanumeric()))
            .map(|c| c as u32)
            .collect();
        assert_eq!(found, [0x130, 0x212A]);
    }

    #[test]
    fn metric_names_parse() {
        for (s, m) in [
            ("rouge1", Metric::Rouge1),
            ("ROUGE-2", Metric::Rouge2),
            ("rougeL", Metric::RougeL),
            ("l", Metric::RougeL),
            ("r1", Metric::Rouge1),
        ] {
            assert_eq!(s.parse::<Metric>(), Ok(m));
        }
        let err = "rouge3".parse::<Metric>().unwrap_err();
        assert!(err.to_string().contains("\"rouge3\""));
    }
}
