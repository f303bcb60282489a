//! Inputs on which rust-stemmers 1.2 panics, detected before calling it.
//!
//! Only its Greek stemmer is affected (found by exhaustively stemming every Greek-letter string
//! of up to four letters, alone and followed by each suffix the algorithm knows, and every
//! Snowball vocabulary word through every rust-stemmers language). Two rules of Snowball 2's
//! `greek.sbl` slice the word with a stale position when the remaining word is exactly one of
//! their exception stems (fixed upstream after Snowball 2.2, snowballstem/snowball#204):
//!
//! * step S3: a word that, accents and final sigma folded, is `ισα` followed by one of the
//!   step's suffixes (`ισα`, `ισε`, `ισες`, `ισαμε`, ...), possibly with further suffixes;
//! * step 5c: a word that begins with a stem from the rule's first exception list (`δ`, `θ`,
//!   `αν`, `σκ`, ...) immediately followed by one from its second list (`πυρ`, `τιθ`, ...)
//!   and `ετε` (`αντιθετε`, `δπυρετε`...).
//!
//! The check is deliberately broad (a prefix test): the handful of real words it catches are
//! returned lowercased and unstemmed instead of crashing the program.

/// Step 5c's atlimit exception stems (`A_47` in rust-stemmers' greek.rs).
const STEP5C_FIRST: &[&str] = &[
    "σερπ",
    "κοπ",
    "θαρρ",
    "ντρ",
    "αβαρ",
    "εναρ",
    "αβρ",
    "μπορ",
    "υ",
    "συρφ",
    "νιφ",
    "παγ",
    "δ",
    "αδ",
    "θ",
    "αθ",
    "σκ",
    "τοκ",
    "απλ",
    "παρακαλ",
    "σκελ",
    "εμ",
    "αν",
    "βεν",
    "βαρον",
];

/// Step 5c's stems that take `ετ` back (`A_46`).
const STEP5C_SECOND: &[&str] = &[
    "πυρ",
    "ευρ",
    "χωρ",
    "βαρ",
    "βρ",
    "αιρ",
    "φορ",
    "νετ",
    "σχ",
    "συνδ",
    "ενδ",
    "οδ",
    "υπερθ",
    "σθ",
    "ευθ",
    "ραθ",
    "ταθ",
    "διαθ",
    "καθ",
    "τιθ",
    "εκθ",
    "συνθ",
    "ενθ",
    "ροθ",
    "αρκ",
    "ωφελ",
    "βολ",
    "συν",
    "αιν",
    "πον",
    "ρον",
];

/// True if rust-stemmers' `algorithm` would panic on the lowercase `word`.
pub(crate) fn would_panic(algorithm: rust_stemmers::Algorithm, word: &str) -> bool {
    algorithm == rust_stemmers::Algorithm::Greek && greek_would_panic(word)
}

fn greek_would_panic(word: &str) -> bool {
    // Every panicking word starts with a Greek letter and has at least five letters.
    if word.len() < 10 || !word.starts_with(|c: char| ('\u{370}'..='\u{3ff}').contains(&c)) {
        return false;
    }
    // The longest prefix the rules look at: 7 (first) + 5 (second) + 3 (ετε) letters.
    let folded: String = word.chars().take(16).map(fold_greek).collect();
    if folded.starts_with("ισαισα") || folded.starts_with("ισαισε") {
        return true;
    }
    STEP5C_FIRST.iter().any(|first| {
        folded.strip_prefix(first).is_some_and(|rest| {
            STEP5C_SECOND.iter().any(|second| {
                rest.strip_prefix(second)
                    .is_some_and(|rest| rest.starts_with("ετε"))
            })
        })
    })
}

/// The lowercase, unaccented letter the Greek stemmer's `tolower` step maps `c` to.
fn fold_greek(c: char) -> char {
    match c {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_panics_are_detected() {
        for w in [
            "ισαισα",
            "ίσαισες",
            "ισαισαμε",
            "αντιθετε",
            "αντιθέτεαγαμε",
            "δπυρετε",
        ] {
            assert!(greek_would_panic(w), "{w}");
        }
        for w in ["ισα", "αντιθετος", "καλημερα", "δπυρ", "πυρετε"] {
            assert!(!greek_would_panic(w), "{w}");
        }
    }
}
