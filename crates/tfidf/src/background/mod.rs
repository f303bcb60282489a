//! Bundled background models: document frequencies of everyday text in English, German,
//! French, Italian and Spanish, used as the idf source when a corpus is too small to estimate
//! its own (see [`crate::keywords`]).
//!
//! Each model is a pruned [`DocFreqs`] built from the Leipzig Corpora Collection's 10,000-sentence
//! samples (news, Wikipedia and web text; © Leipzig Corpora Collection, CC BY 4.0,
//! <https://wortschatz.uni-leipzig.de/>), taken from the `kalamine-corpus` repository. **Each
//! sentence counts as one document**: the samples are shuffled single sentences, so there is no
//! genuine document to recover, and a sentence-level document frequency still ranks words by
//! how widely they are used. The terms are the keyword extractor's candidate keys (stems of
//! single words, and of two- and three-word phrases) found in at least
//! [`MIN_DF`] sentences; rarer terms are dropped, which keeps each file to a few hundred KB
//! (a pruned term gets the idf of an unseen one, which is what a rare term deserves anyway).
//!
//! The files are `<code>.tsv` in this folder (format: [`DocFreqs::to_tsv`]). Rebuild them after
//! changing the tokenizer, stemmer, stopwords or candidate rules, from the workspace root:
//!
//! ```text
//! cargo run --release -p gist-tfidf --example build_background -- ../shared/data/corpus/leipzig
//! ```

use crate::docfreq::DocFreqs;
use gist_core::Language;
use std::sync::OnceLock;

/// Terms found in fewer sentences than this are pruned from the bundled models.
pub const MIN_DF: u64 = 3;

/// The languages with a bundled model.
pub const LANGUAGES: [Language; 5] = [
    Language::English,
    Language::German,
    Language::French,
    Language::Italian,
    Language::Spanish,
];

static EN: OnceLock<DocFreqs> = OnceLock::new();
static DE: OnceLock<DocFreqs> = OnceLock::new();
static FR: OnceLock<DocFreqs> = OnceLock::new();
static IT: OnceLock<DocFreqs> = OnceLock::new();
static ES: OnceLock<DocFreqs> = OnceLock::new();

/// The bundled background model of `lang`, parsed on first use; `None` for a language
/// without one (or an empty bundled file).
///
/// ```
/// use gist_core::Language;
/// let en = gist_tfidf::background::model(Language::English).unwrap();
/// assert!(en.n_docs() > 10_000);
/// assert!(en.df("the") == 0); // stopwords are never candidates
/// assert!(gist_tfidf::background::model(Language::Finnish).is_none());
/// ```
pub fn model(lang: Language) -> Option<&'static DocFreqs> {
    let (cell, tsv) = match lang {
        Language::English => (&EN, include_str!("en.tsv")),
        Language::German => (&DE, include_str!("de.tsv")),
        Language::French => (&FR, include_str!("fr.tsv")),
        Language::Italian => (&IT, include_str!("it.tsv")),
        Language::Spanish => (&ES, include_str!("es.tsv")),
        _ => return None,
    };
    let df = cell.get_or_init(|| DocFreqs::from_tsv(tsv).unwrap_or_default());
    (df.n_docs() > 0).then_some(df)
}

/// The Leipzig sentence files used for `lang`'s model, by file-name prefix (`eng`, `deu`...).
pub fn leipzig_prefix(lang: Language) -> Option<&'static str> {
    match lang {
        Language::English => Some("eng"),
        Language::German => Some("deu"),
        Language::French => Some("fra"),
        Language::Italian => Some("ita"),
        Language::Spanish => Some("spa"),
        _ => None,
    }
}
