//! gist's default scorer: TextRank centrality over unstemmed content words.

use super::Options;
use super::analysis::Analysis;
use super::scorers::textrank;

/// Scores every sentence (higher = more important): the TextRank score of the sentence
/// ([`textrank`]) computed over the analysis built with [`Options::gist_stems`] keys, times the
/// position prior `1 + gist_position / (1 + i)` for the sentence at position `i`.
pub(crate) fn scores(a: &Analysis, o: &Options) -> Vec<f64> {
    let mut s = textrank(a, o);
    if o.gist_position > 0.0 && o.gist_position.is_finite() {
        for (i, x) in s.iter_mut().enumerate() {
            *x *= 1.0 + o.gist_position / (1.0 + i as f64);
        }
    }
    s
}
