//! ngrams (owned by the words helper).
