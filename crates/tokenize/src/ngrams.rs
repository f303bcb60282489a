//! Word n-grams (placeholder, being written).
