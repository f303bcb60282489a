//! Keywords and keyphrases (owned by the keywords helper).
