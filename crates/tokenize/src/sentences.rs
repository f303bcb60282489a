//! Sentence segmentation (owned by the sentences helper).
