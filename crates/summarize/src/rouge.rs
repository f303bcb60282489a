//! ROUGE (owned by the rouge helper).
