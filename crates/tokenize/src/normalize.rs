//! normalize (owned by the words helper).
