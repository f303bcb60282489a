//! words (owned by the words helper).
