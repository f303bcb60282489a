//! The hashing vectorizer: stateless, no vocabulary, the same columns and signs as
//! scikit-learn's `HashingVectorizer`.

use crate::analyze::{Scratch, TextAnalyzer};
use crate::csr::{CsrMatrix, Matrix, Real};
use crate::error::TfidfError;
use crate::grams::prefetched;
use crate::options::{Dtype, Norm, TextOptions};
use crate::vectorizer::{chunk_ranges, normalize};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// MurmurHash3 (x86, 32-bit) of `data` with `seed`, as Austin Appleby's reference
/// `MurmurHash3_x86_32` and scikit-learn's `murmurhash3_32` compute it.
///
/// ```
/// // scikit-learn: murmurhash3_32("document", 0) == -926244272
/// assert_eq!(gist_tfidf::murmurhash3_x86_32(b"document", 0) as i32, -926244272);
/// ```
pub fn murmurhash3_x86_32(data: &[u8], seed: u32) -> u32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mut h = seed;
    let mut blocks = data.chunks_exact(4);
    for b in &mut blocks {
        let mut k = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
        h = h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut k = 0u32;
        for (i, &b) in tail.iter().enumerate() {
            k ^= u32::from(b) << (8 * i);
        }
        h ^= k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    }
    h ^= data.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

/// The column and sign scikit-learn's `FeatureHasher` gives `feature` in a space of
/// `n_features` columns: the signed 32-bit MurmurHash3 `h` of its UTF-8 bytes (seed 0), column
/// `|h| mod n_features`, sign `+1` if `h >= 0` else `-1`.
#[inline]
pub fn hash_feature(feature: &str, n_features: u32) -> (u32, bool) {
    let h = murmurhash3_x86_32(feature.as_bytes(), 0) as i32;
    let n = n_features.max(1);
    let col = if h == i32::MIN {
        // |i32::MIN| mod n, computed as scikit-learn does without overflow.
        (i32::MAX as u32 - (n - 1)) % n
    } else {
        h.unsigned_abs() % n
    };
    (col, h >= 0)
}

/// Options of [`HashingVectorizer`]. `Default` is scikit-learn 1.5's `HashingVectorizer()`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HashingOptions {
    /// Text analysis (flattened in serialized form).
    #[serde(flatten)]
    pub text: TextOptions,
    /// Number of columns, 1 to 2^31 - 1. Default 2^20.
    pub n_features: u32,
    /// Store 1 for every stored entry (after signs are summed, so a cancelled collision stored
    /// as 0 becomes 1 too, as in scikit-learn). Default false.
    pub binary: bool,
    /// Row normalization. Default l2.
    pub norm: Norm,
    /// Give each feature the sign of its hash, so collisions tend to cancel. Default true.
    pub alternate_sign: bool,
    /// Floating-point type of the values. Default f64.
    pub dtype: Dtype,
}

impl Default for HashingOptions {
    fn default() -> HashingOptions {
        HashingOptions {
            text: TextOptions::default(),
            n_features: 1 << 20,
            binary: false,
            norm: Norm::L2,
            alternate_sign: true,
            dtype: Dtype::F64,
        }
    }
}

/// Turns documents into vectors of hashed feature counts without learning anything: the same
/// document always gives the same row, whatever else was vectorized. Columns and signs equal
/// scikit-learn's `HashingVectorizer` (MurmurHash3 of each feature's UTF-8 bytes).
///
/// ```
/// use gist_tfidf::{HashingOptions, HashingVectorizer};
///
/// let h = HashingVectorizer::new(HashingOptions { n_features: 16, ..HashingOptions::default() })?;
/// let m = h.transform(&["This document is the second document."])?;
/// // scikit-learn: HashingVectorizer(n_features=16).transform([...]) has columns 0, 11, 13,
/// // 14 with values -0.8165, 0.4082, 0.4082 and 0 (a collision that cancelled out).
/// assert_eq!(m.row(0).0, [0, 11, 13, 14]);
/// assert!((m.row(0).1[0] + 0.816496580927726).abs() < 1e-12);
/// assert_eq!(m.row(0).1[3], 0.0);
/// # Ok::<(), gist_tfidf::TfidfError>(())
/// ```
#[derive(Clone, Debug)]
pub struct HashingVectorizer {
    options: HashingOptions,
    analyzer: TextAnalyzer,
}

impl HashingVectorizer {
    /// A hashing vectorizer with `options`, checked.
    pub fn new(options: HashingOptions) -> Result<HashingVectorizer, TfidfError> {
        if options.n_features == 0 || options.n_features > i32::MAX as u32 {
            return Err(TfidfError::option(format!(
                "n_features = {}: must be in 1..=2147483647",
                options.n_features
            )));
        }
        let analyzer = TextAnalyzer::new(&options.text)?;
        Ok(HashingVectorizer { options, analyzer })
    }

    /// The options.
    pub fn options(&self) -> &HashingOptions {
        &self.options
    }

    /// The matrix of `docs`: one row per document, `n_features` columns.
    pub fn transform<S: AsRef<str> + Sync>(
        &self,
        docs: &[S],
    ) -> Result<CsrMatrix<f64>, TfidfError> {
        Ok(self.transform_as::<f64, S>(docs))
    }

    /// [`transform`](Self::transform) with `f32` values.
    pub fn transform_f32<S: AsRef<str> + Sync>(
        &self,
        docs: &[S],
    ) -> Result<CsrMatrix<f32>, TfidfError> {
        Ok(self.transform_as::<f32, S>(docs))
    }

    /// [`transform`](Self::transform) with the value type of [`HashingOptions::dtype`].
    pub fn transform_matrix<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<Matrix, TfidfError> {
        Ok(match self.options.dtype {
            Dtype::F32 => Matrix::F32(self.transform_as(docs)),
            Dtype::F64 => Matrix::F64(self.transform_as(docs)),
        })
    }

    fn transform_as<T: Real, S: AsRef<str> + Sync>(&self, docs: &[S]) -> CsrMatrix<T> {
        let o = &self.options;
        let parts: Vec<(Vec<usize>, Vec<u32>, Vec<T>)> = chunk_ranges(docs, 3)
            .into_par_iter()
            .map(|range| {
                let mut scratch = Scratch::default();
                let mut feats: Vec<(u32, i64)> = Vec::new();
                let (mut lens, mut idx, mut dat) = (Vec::new(), Vec::new(), Vec::new());
                for d in prefetched(&docs[range]) {
                    feats.clear();
                    self.analyzer.for_each_feature(d, &mut scratch, |f| {
                        let (col, positive) = hash_feature(f, o.n_features);
                        let v = if positive || !o.alternate_sign { 1 } else { -1 };
                        feats.push((col, v));
                    });
                    feats.sort_unstable_by_key(|p| p.0);
                    let start = idx.len();
                    let mut k = 0;
                    while k < feats.len() {
                        let col = feats[k].0;
                        let mut sum = 0i64;
                        while k < feats.len() && feats[k].0 == col {
                            sum += feats[k].1;
                            k += 1;
                        }
                        idx.push(col);
                        dat.push(if o.binary {
                            T::ONE
                        } else {
                            T::from_f64(sum as f64)
                        });
                    }
                    normalize(o.norm, &mut dat[start..]);
                    lens.push(idx.len() - start);
                }
                (lens, idx, dat)
            })
            .collect();
        let nnz = parts.iter().map(|p| p.1.len()).sum();
        let n_rows = parts.iter().map(|p| p.0.len()).sum();
        let mut indptr = Vec::with_capacity(n_rows + 1);
        indptr.push(0);
        let mut indices = Vec::with_capacity(nnz);
        let mut data = Vec::with_capacity(nnz);
        for (lens, idx, dat) in parts {
            for l in lens {
                indptr.push(indptr.last().copied().unwrap_or(0) + l);
            }
            indices.extend_from_slice(&idx);
            data.extend_from_slice(&dat);
        }
        CsrMatrix::from_parts_unchecked(n_rows, o.n_features as usize, indptr, indices, data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmurhash_matches_sklearn() {
        // scikit-learn 1.5.2: [murmurhash3_32(w, 0) for w in words]
        let words = ["document", "the", "", "a", "abcd", "abcde", "naïve"];
        let want = [
            -926244272,
            -1132748958,
            0,
            1009084850,
            1139631978,
            -392455434,
            992511445,
        ];
        for (w, h) in words.iter().zip(want) {
            assert_eq!(murmurhash3_x86_32(w.as_bytes(), 0) as i32, h, "{w}");
        }
    }
}
