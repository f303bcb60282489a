//! gist's default scorer: term centrality with position and length priors.

use super::Options;
use super::analysis::Analysis;

/// Scores every sentence (higher = more important):
///
/// `score = centrality × (1 + position / (1 + i)) × min(1, words / 15)^length`
///
/// centrality is the mean, over the sentence's words, of each content term's document count
/// times its idf (stopwords count as words of weight 0); `i` is the sentence's position.
pub(crate) fn scores(a: &Analysis, o: &Options) -> Vec<f64> {
    let weight: Vec<f64> = (0..a.vocab)
        .map(|t| a.doc_tf[t] as f64 * a.idf[t])
        .collect();
    let max = weight
        .iter()
        .copied()
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    (0..a.n)
        .map(|i| {
            let words = a.sent_words[i];
            if words == 0 {
                return 0.0;
            }
            let sum: f64 = a.sent_terms[i]
                .iter()
                .map(|c| c.count as f64 * weight[c.term as usize] / max)
                .sum();
            let centrality = sum / words as f64;
            let position = 1.0 + o.gist_position / (1.0 + i as f64);
            let length = (words as f64 / 15.0).min(1.0).powf(o.gist_length);
            centrality * position * length
        })
        .collect()
}
