//! A compressed sparse row matrix, the output of every vectorizer.

use crate::error::{TfidfError, TfidfErrorKind};
use std::fmt::{Debug, Display, LowerExp};
use std::io::Write;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// The floating-point types a matrix can hold: `f32` and `f64` (sealed).
pub trait Real:
    sealed::Sealed
    + Copy
    + Debug
    + Display
    + LowerExp
    + PartialEq
    + PartialOrd
    + Send
    + Sync
    + Default
    + 'static
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::AddAssign
    + std::ops::MulAssign
    + std::ops::DivAssign
    + std::ops::Neg<Output = Self>
{
    /// Zero.
    const ZERO: Self;
    /// One.
    const ONE: Self;
    /// Converts from `f64` (rounding for `f32`).
    fn from_f64(v: f64) -> Self;
    /// Converts from a count.
    fn from_u64(v: u64) -> Self;
    /// Widens to `f64`.
    fn to_f64(self) -> f64;
    /// Natural logarithm.
    fn ln(self) -> Self;
    /// Square root.
    fn sqrt(self) -> Self;
    /// Absolute value.
    fn abs(self) -> Self;
}

macro_rules! real {
    ($t:ty) => {
        impl Real for $t {
            const ZERO: $t = 0.0;
            const ONE: $t = 1.0;
            #[inline]
            fn from_f64(v: f64) -> $t {
                v as $t
            }
            #[inline]
            fn from_u64(v: u64) -> $t {
                v as $t
            }
            #[inline]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline]
            fn ln(self) -> $t {
                <$t>::ln(self)
            }
            #[inline]
            fn sqrt(self) -> $t {
                <$t>::sqrt(self)
            }
            #[inline]
            fn abs(self) -> $t {
                <$t>::abs(self)
            }
        }
    };
}
real!(f32);
real!(f64);

/// A sparse matrix in compressed sparse row (CSR) form, as scipy's `csr_matrix`: the entries of
/// row `i` are `indices[indptr[i]..indptr[i + 1]]` (column ids, strictly increasing) and the
/// same range of `data`.
///
/// ```
/// use gist_tfidf::CsrMatrix;
///
/// let m = CsrMatrix::from_parts(2, 3, vec![0, 2, 3], vec![0, 2, 1], vec![1.0, 2.0, 3.0]).unwrap();
/// assert_eq!(m.get(0, 2), 2.0);
/// assert_eq!(m.get(1, 0), 0.0);
/// assert_eq!(m.row(1), (&[1u32][..], &[3.0][..]));
/// let mut out = Vec::new();
/// m.write_matrix_market(&mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().ends_with("2 3 3\n1 1 1\n1 3 2\n2 2 3\n"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CsrMatrix<T = f64> {
    n_rows: usize,
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<T>,
}

impl<T: Real> CsrMatrix<T> {
    /// A matrix from its parts, checked: `indptr` has `n_rows + 1` non-decreasing entries
    /// from 0 to `indices.len()`, `indices` and `data` have equal lengths, and each row's
    /// column ids are strictly increasing and below `n_cols`.
    pub fn from_parts(
        n_rows: usize,
        n_cols: usize,
        indptr: Vec<usize>,
        indices: Vec<u32>,
        data: Vec<T>,
    ) -> Result<CsrMatrix<T>, TfidfError> {
        let bad = |msg: String| TfidfError::new(TfidfErrorKind::InvalidOption, msg);
        if indptr.len() != n_rows + 1 || indptr.first() != Some(&0) {
            return Err(bad(format!(
                "CSR indptr has {} entries (first {:?}); a {n_rows}-row matrix needs {} starting at 0",
                indptr.len(),
                indptr.first(),
                n_rows + 1
            )));
        }
        if indices.len() != data.len() || indptr[n_rows] != indices.len() {
            return Err(bad(format!(
                "CSR has {} indices, {} values, and indptr ends at {}",
                indices.len(),
                data.len(),
                indptr[n_rows]
            )));
        }
        for r in 0..n_rows {
            if indptr[r] > indptr[r + 1] {
                return Err(bad(format!("CSR indptr decreases at row {r}")));
            }
            let row = &indices[indptr[r]..indptr[r + 1]];
            if row.windows(2).any(|w| w[0] >= w[1]) {
                return Err(bad(format!("CSR row {r} has unsorted or repeated columns")));
            }
            if let Some(&c) = row.last()
                && c as usize >= n_cols
            {
                return Err(bad(format!(
                    "CSR row {r} has column {c}, beyond the {n_cols} columns"
                )));
            }
        }
        Ok(CsrMatrix {
            n_rows,
            n_cols,
            indptr,
            indices,
            data,
        })
    }

    /// A matrix from parts already known to be valid (internal).
    pub(crate) fn from_parts_unchecked(
        n_rows: usize,
        n_cols: usize,
        indptr: Vec<usize>,
        indices: Vec<u32>,
        data: Vec<T>,
    ) -> CsrMatrix<T> {
        debug_assert_eq!(indptr.len(), n_rows + 1);
        debug_assert_eq!(indices.len(), data.len());
        CsrMatrix {
            n_rows,
            n_cols,
            indptr,
            indices,
            data,
        }
    }

    /// Number of rows (documents).
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Number of columns (vocabulary size or hash space).
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Row pointers: `n_rows + 1` offsets into `indices` and `data`.
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }

    /// Column ids of the stored entries, row after row, increasing within a row.
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    /// Values of the stored entries, aligned with [`indices`](Self::indices).
    pub fn data(&self) -> &[T] {
        &self.data
    }

    /// The column ids and values of row `i`. Panics if `i >= n_rows()`.
    pub fn row(&self, i: usize) -> (&[u32], &[T]) {
        let r = self.indptr[i]..self.indptr[i + 1];
        (&self.indices[r.clone()], &self.data[r])
    }

    /// The value at row `i`, column `j` (zero when not stored or out of range).
    pub fn get(&self, i: usize, j: usize) -> T {
        if i >= self.n_rows {
            return T::ZERO;
        }
        let (cols, vals) = self.row(i);
        match u32::try_from(j).ok().map(|j| cols.binary_search(&j)) {
            Some(Ok(k)) => vals[k],
            _ => T::ZERO,
        }
    }

    /// The parts: `(n_rows, n_cols, indptr, indices, data)`.
    pub fn into_parts(self) -> (usize, usize, Vec<usize>, Vec<u32>, Vec<T>) {
        (
            self.n_rows,
            self.n_cols,
            self.indptr,
            self.indices,
            self.data,
        )
    }

    /// The matrix with every value converted to `f64`.
    pub fn to_f64(&self) -> CsrMatrix<f64> {
        CsrMatrix {
            n_rows: self.n_rows,
            n_cols: self.n_cols,
            indptr: self.indptr.clone(),
            indices: self.indices.clone(),
            data: self.data.iter().map(|v| v.to_f64()).collect(),
        }
    }

    /// Writes the matrix in Matrix Market coordinate format (`%%MatrixMarket matrix
    /// coordinate real general`, 1-based row and column numbers), readable by
    /// `scipy.io.mmread`. Values are written in the shortest form that reads back exactly.
    pub fn write_matrix_market(&self, mut w: impl Write) -> Result<(), TfidfError> {
        let err = |e: std::io::Error| TfidfError::io("writing Matrix Market", &e);
        let mut buf = Vec::with_capacity(1 << 16);
        buf.extend_from_slice(b"%%MatrixMarket matrix coordinate real general\n");
        buf.extend_from_slice(b"% written by gist-tfidf\n");
        writeln!(buf, "{} {} {}", self.n_rows, self.n_cols, self.nnz()).map_err(err)?;
        for r in 0..self.n_rows {
            let (cols, vals) = self.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                let a = v.abs().to_f64();
                if a == 0.0 || (1e-4..1e15).contains(&a) {
                    writeln!(buf, "{} {} {}", r + 1, c + 1, v).map_err(err)?;
                } else {
                    writeln!(buf, "{} {} {:e}", r + 1, c + 1, v).map_err(err)?;
                }
                if buf.len() > (1 << 16) - 64 {
                    w.write_all(&buf).map_err(err)?;
                    buf.clear();
                }
            }
        }
        w.write_all(&buf).map_err(err)?;
        w.flush().map_err(err)
    }
}

/// A matrix of either floating-point type, as chosen by
/// [`TfidfOptions::dtype`](crate::TfidfOptions::dtype).
#[derive(Clone, Debug, PartialEq)]
pub enum Matrix {
    /// 32-bit values.
    F32(CsrMatrix<f32>),
    /// 64-bit values.
    F64(CsrMatrix<f64>),
}

impl Matrix {
    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        match self {
            Matrix::F32(m) => m.n_rows(),
            Matrix::F64(m) => m.n_rows(),
        }
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        match self {
            Matrix::F32(m) => m.n_cols(),
            Matrix::F64(m) => m.n_cols(),
        }
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        match self {
            Matrix::F32(m) => m.nnz(),
            Matrix::F64(m) => m.nnz(),
        }
    }

    /// The matrix as `f64` values.
    pub fn to_f64(&self) -> CsrMatrix<f64> {
        match self {
            Matrix::F32(m) => m.to_f64(),
            Matrix::F64(m) => m.clone(),
        }
    }

    /// Writes the matrix in Matrix Market coordinate format.
    pub fn write_matrix_market(&self, w: impl Write) -> Result<(), TfidfError> {
        match self {
            Matrix::F32(m) => m.write_matrix_market(w),
            Matrix::F64(m) => m.write_matrix_market(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_inconsistent_parts() {
        let ok = CsrMatrix::from_parts(1, 2, vec![0, 2], vec![0, 1], vec![1.0f64, 2.0]);
        assert!(ok.is_ok());
        assert!(CsrMatrix::from_parts(1, 2, vec![0, 2], vec![1, 0], vec![1.0f64, 2.0]).is_err());
        assert!(CsrMatrix::from_parts(1, 1, vec![0, 2], vec![0, 1], vec![1.0f64, 2.0]).is_err());
        assert!(CsrMatrix::from_parts(2, 2, vec![0, 2], vec![0, 1], vec![1.0f64, 2.0]).is_err());
        assert!(CsrMatrix::from_parts(1, 2, vec![0, 1], vec![0, 1], vec![1.0f64, 2.0]).is_err());
    }

    #[test]
    fn matrix_market_uses_exponents_for_tiny_values() {
        let m = CsrMatrix::from_parts(1, 2, vec![0, 2], vec![0, 1], vec![1e-7f64, -0.25]).unwrap();
        let mut out = Vec::new();
        m.write_matrix_market(&mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.ends_with("1 2 2\n1 1 1e-7\n1 2 -0.25\n"), "{s}");
    }
}
