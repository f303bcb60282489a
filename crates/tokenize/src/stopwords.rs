//! stopwords (owned by the words helper).
