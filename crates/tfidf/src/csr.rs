//! A compressed sparse row matrix, the output of every vectorizer.

use crate::error::{TfidfError, TfidfErrorKind};
use rayon::prelude::*;
use std::fmt::{Debug, Display, LowerExp};
use std::io::Write;

mod sealed {
    /// What only this crate's `f32` and `f64` implement.
    pub trait Sealed {
        /// Writes the value as written in a Matrix Market file into `stage` at `at` and
        /// returns where it ends: the shortest decimal that reads back exactly, without
        /// exponent for magnitudes in `[1e-4, 1e15)` and zero, with one otherwise (as `{}` and
        /// `{:e}` print it). `stage` has at least [`super::PUT_ROOM`] bytes from `at`.
        fn put_decimal(self, stage: &mut [u8], at: usize) -> usize;
    }

    macro_rules! sealed {
        ($t:ty) => {
            impl Sealed for $t {
                #[inline]
                fn put_decimal(self, stage: &mut [u8], at: usize) -> usize {
                    let a = f64::from(self.abs());
                    if (1e-4..1e13).contains(&a) {
                        // zmij prints the shortest digits that read back exactly, as `{}`
                        // does, without exponent over this range for both types (1e-5 to 1e16
                        // for f64, 1e-6 to 1e13 for f32), a whole number with ".0" (cut). It
                        // is several times faster than `{}`. Where two shortest decimals are
                        // equally near the value, zmij takes the even last digit and `{}` may
                        // take the other (an f32 exactly between two 8-digit decimals: 5 of
                        // the 2.5 million values of the TF-IDF comparison's matrix in f32).
                        let mut b = zmij::Buffer::new();
                        let text = b.format_finite(self).as_bytes();
                        super::put(stage, at, text.strip_suffix(b".0").unwrap_or(text))
                    } else {
                        // Zero, and magnitudes a weight seldom has (below 1e-4: an l1-normed
                        // row of thousands of terms), formatted by std into a stack buffer (a
                        // `{:e}` of an f64 takes at most 24 bytes).
                        use std::io::Write;
                        let mut text = [0u8; super::PUT_ROOM];
                        let mut w: &mut [u8] = &mut text;
                        let _ = if a == 0.0 || (1e13..1e15).contains(&a) {
                            write!(w, "{}", self)
                        } else {
                            write!(w, "{:e}", self)
                        };
                        let len = super::PUT_ROOM - w.len();
                        super::put(stage, at, &text[..len])
                    }
                }
            }
        };
    }
    sealed!(f32);
    sealed!(f64);
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
    /// Blocks of rows are formatted in parallel (rayon) and written in order: the file is the
    /// same on any number of threads.
    pub fn write_matrix_market(&self, mut w: impl Write) -> Result<(), TfidfError> {
        write_matrix_market_header(&mut w, self.n_rows, self.n_cols, self.nnz())?;
        self.write_entries(0, &mut w, &mut Vec::new())?;
        w.flush().map_err(write_error)
    }

    /// Writes the entries of every row, row numbers counted from `first_row` (0-based). The
    /// blocks' texts are formatted in `texts` (buffers kept by the caller, so that blocks after
    /// the first find them grown).
    fn write_entries(
        &self,
        first_row: usize,
        w: &mut impl Write,
        texts: &mut Vec<Vec<u8>>,
    ) -> Result<(), TfidfError> {
        // Blocks of whole rows of about BLOCK entries each.
        let mut blocks = Vec::with_capacity(self.nnz() / BLOCK + 2);
        let mut start = 0;
        for r in 1..=self.n_rows {
            if self.indptr[r] - self.indptr[start] >= BLOCK || r == self.n_rows {
                blocks.push(start..r);
                start = r;
            }
        }
        // Waves of a few blocks per thread, their texts in buffers reused from wave to wave.
        let wave = 2 * rayon::current_num_threads().max(1);
        if texts.len() < wave.min(blocks.len()) {
            texts.resize_with(wave.min(blocks.len()), Vec::new);
        }
        for group in blocks.chunks(wave) {
            texts
                .par_iter_mut()
                .zip(group.par_iter())
                .for_each(|(text, rows)| {
                    text.clear();
                    self.format_rows(rows.clone(), first_row, text);
                });
            for text in &texts[..group.len()] {
                w.write_all(text).map_err(write_error)?;
            }
        }
        Ok(())
    }

    /// Appends the lines of rows `rows` (`row column value`, 1-based, rows numbered from
    /// `first_row`) to `out`. Each line is put together in a staging array with moves of fixed
    /// sizes ([`put`]), which is appended to `out` when nearly full: one copy of variable length
    /// per few hundred lines, where appending each line's four pieces made four.
    fn format_rows(&self, rows: std::ops::Range<usize>, first_row: usize, out: &mut Vec<u8>) {
        let mut ints = itoa::Buffer::new();
        let mut stage = [0u8; STAGE];
        let mut at = 0;
        for r in rows {
            let (cols, vals) = self.row(r);
            // The row number and a space, written from a fixed-size copy at every line.
            let mut row = [0u8; PUT_ROOM];
            let row_len = put(&mut row, 0, ints.format(first_row + r + 1).as_bytes()) + 1;
            row[row_len - 1] = b' ';
            for (&c, &v) in cols.iter().zip(vals) {
                if at > STAGE - LINE_ROOM {
                    out.extend_from_slice(&stage[..at]);
                    at = 0;
                }
                stage[at..at + PUT_ROOM].copy_from_slice(&row);
                at += row_len;
                at = put(&mut stage, at, ints.format(u64::from(c) + 1).as_bytes());
                stage[at] = b' ';
                at = v.put_decimal(&mut stage, at + 1);
                stage[at] = b'\n';
                at += 1;
            }
        }
        out.extend_from_slice(&stage[..at]);
    }
}

/// Bytes [`put`] may write from where it puts a text (more than it puts, but never more than
/// this): a text of up to this many bytes fits.
const PUT_ROOM: usize = 32;

/// The most bytes a line of [`CsrMatrix::format_rows`] may take while it is put together: its
/// row number and space (written as [`PUT_ROOM`] bytes), then its column, value and line end
/// (a number, a space, a value of up to 25 bytes and a line end, each put with room to spare).
const LINE_ROOM: usize = 4 * PUT_ROOM;

/// The staging array of [`CsrMatrix::format_rows`].
const STAGE: usize = 8192;

/// Copies `text` (at most [`PUT_ROOM`] bytes) into `stage` at `at` and returns where it ends,
/// with moves of fixed sizes (two that may overlap, of 16, 8 or 4 bytes; byte by byte below 4),
/// which compile to register moves where a copy of variable length calls `memcpy`. `stage` must
/// have [`PUT_ROOM`] bytes from `at`; longer texts are copied as they are.
#[inline(always)]
fn put(stage: &mut [u8], at: usize, text: &[u8]) -> usize {
    let n = text.len();
    if n > PUT_ROOM {
        stage[at..at + n].copy_from_slice(text);
        return at + n;
    }
    let to = &mut stage[at..at + PUT_ROOM];
    if n >= 16 {
        to[..16].copy_from_slice(&text[..16]);
        to[n - 16..n].copy_from_slice(&text[n - 16..]);
    } else if n >= 8 {
        to[..8].copy_from_slice(&text[..8]);
        to[n - 8..n].copy_from_slice(&text[n - 8..]);
    } else if n >= 4 {
        to[..4].copy_from_slice(&text[..4]);
        to[n - 4..n].copy_from_slice(&text[n - 4..]);
    } else {
        for (t, &b) in to.iter_mut().zip(text) {
            *t = b;
        }
    }
    at + n
}

/// Writes the entry lines of a Matrix Market matrix from blocks of rows given one after another
/// (the rows of documents transformed batch by batch), to any writer: each block written as it
/// comes and then dropped by the caller, so that memory holds one block, not the matrix. The
/// header, whose size line comes first in a file and needs the totals, is not written: the
/// caller writes it (see [`write_matrix_market_header`]) before the entries, where it can put
/// them after it (a spool file copied to a pipe), or uses a [`MatrixMarketWriter`] (a file it
/// can seek in). The lines are those [`CsrMatrix::write_matrix_market`] writes for the stacked
/// rows.
///
/// ```
/// use gist_tfidf::{CsrMatrix, Matrix, MatrixMarketEntries, write_matrix_market_header};
///
/// let a = CsrMatrix::from_parts(1, 3, vec![0, 1], vec![2], vec![0.5f64]).unwrap();
/// let b = CsrMatrix::from_parts(1, 3, vec![0, 1], vec![0], vec![1.0f64]).unwrap();
/// let mut entries = MatrixMarketEntries::new(Vec::new(), 3);
/// entries.write(&Matrix::F64(a)).unwrap();
/// entries.write(&Matrix::F64(b)).unwrap();
/// let (n_rows, nnz) = (entries.n_rows(), entries.nnz());
/// let body = entries.into_inner().unwrap();
/// let mut text = Vec::new();
/// write_matrix_market_header(&mut text, n_rows, 3, nnz).unwrap();
/// text.extend(body);
/// let text = String::from_utf8(text).unwrap();
/// assert_eq!(text.lines().skip(2).collect::<Vec<_>>(), ["2 3 2", "1 3 0.5", "2 1 1"]);
/// ```
#[derive(Debug)]
pub struct MatrixMarketEntries<W: Write> {
    w: W,
    n_cols: usize,
    n_rows: usize,
    nnz: usize,
    /// The buffers blocks of rows are formatted in, kept from block to block.
    texts: Vec<Vec<u8>>,
}

impl<W: Write> MatrixMarketEntries<W> {
    /// Entries of a matrix of `n_cols` columns, written to `w` from its current position on.
    pub fn new(w: W, n_cols: usize) -> MatrixMarketEntries<W> {
        MatrixMarketEntries {
            w,
            n_cols,
            n_rows: 0,
            nnz: 0,
            texts: Vec::new(),
        }
    }

    /// Writes the entries of `block`'s rows after those written so far (its values in its own
    /// type; row numbers go on from the rows before). An error if it has another number of
    /// columns, or if writing fails.
    pub fn write(&mut self, block: &Matrix) -> Result<(), TfidfError> {
        if block.n_cols() != self.n_cols {
            return Err(TfidfError::new(
                TfidfErrorKind::InvalidOption,
                format!(
                    "the matrix has {} columns; a block has {}",
                    self.n_cols,
                    block.n_cols()
                ),
            ));
        }
        crate::phases::timed(
            || format!("Matrix Market: {} rows written", block.n_rows()),
            || match block {
                Matrix::F32(m) => m.write_entries(self.n_rows, &mut self.w, &mut self.texts),
                Matrix::F64(m) => m.write_entries(self.n_rows, &mut self.w, &mut self.texts),
            },
        )?;
        self.n_rows += block.n_rows();
        self.nnz += block.nnz();
        Ok(())
    }

    /// Rows written so far.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Stored entries written so far.
    pub fn nnz(&self) -> usize {
        self.nnz
    }

    /// Flushes and gives the writer back.
    pub fn into_inner(mut self) -> Result<W, TfidfError> {
        self.w.flush().map_err(write_error)?;
        Ok(self.w)
    }
}

/// Writes the header of a Matrix Market matrix of `n_rows` rows, `n_cols` columns and `nnz`
/// stored entries (the banner, a comment and the size line) as
/// [`CsrMatrix::write_matrix_market`] does: what comes before the lines of a
/// [`MatrixMarketEntries`].
pub fn write_matrix_market_header(
    mut w: impl Write,
    n_rows: usize,
    n_cols: usize,
    nnz: usize,
) -> Result<(), TfidfError> {
    w.write_all(BANNER).map_err(write_error)?;
    write!(w, "{COMMENT}\n{n_rows} {n_cols} {nnz}\n").map_err(write_error)
}

/// Writes one Matrix Market file from blocks of rows given one after another (the rows of
/// documents transformed batch by batch), each block written as it comes and then dropped by
/// the caller, so that memory holds one block, not the matrix. The size line, which comes first
/// in the file, is written last: room is kept for it, and for the comment line before it, which
/// is padded with spaces to fill the room. The file is [`CsrMatrix::write_matrix_market`]'s but
/// for that padding. (A writer that cannot seek, a pipe: [`MatrixMarketEntries`].)
///
/// ```
/// use gist_tfidf::{CsrMatrix, Matrix, MatrixMarketWriter};
/// use std::io::Cursor;
///
/// let a = CsrMatrix::from_parts(1, 3, vec![0, 1], vec![2], vec![0.5f64]).unwrap();
/// let b = CsrMatrix::from_parts(1, 3, vec![0, 1], vec![0], vec![1.0f64]).unwrap();
/// let mut w = MatrixMarketWriter::new(Cursor::new(Vec::new()), 3).unwrap();
/// w.write(&Matrix::F64(a)).unwrap();
/// w.write(&Matrix::F64(b)).unwrap();
/// let text = String::from_utf8(w.finish().unwrap().into_inner()).unwrap();
/// let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
/// assert_eq!(lines[2..], ["2 3 2", "1 3 0.5", "2 1 1"]);
/// ```
#[derive(Debug)]
pub struct MatrixMarketWriter<W: Write + std::io::Seek> {
    entries: MatrixMarketEntries<W>,
    /// Where the room for the comment and size lines starts.
    room_at: u64,
}

/// Bytes kept for the comment line and the size line of a [`MatrixMarketWriter`]'s file: the
/// comment (23 bytes), three numbers of up to 20 digits, two spaces and two line ends.
const SIZE_ROOM: usize = 96;

const BANNER: &[u8] = b"%%MatrixMarket matrix coordinate real general\n";
const COMMENT: &str = "% written by gist-tfidf";

impl<W: Write + std::io::Seek> MatrixMarketWriter<W> {
    /// Starts a file of `n_cols` columns at `w`'s position: the banner, and room for the
    /// comment and size lines.
    pub fn new(mut w: W, n_cols: usize) -> Result<MatrixMarketWriter<W>, TfidfError> {
        w.write_all(BANNER).map_err(write_error)?;
        let room_at = w.stream_position().map_err(write_error)?;
        w.write_all(&room(0, n_cols, 0)).map_err(write_error)?;
        Ok(MatrixMarketWriter {
            entries: MatrixMarketEntries::new(w, n_cols),
            room_at,
        })
    }

    /// Writes the rows of `block` after those written so far (its values in its own type). An
    /// error if it has another number of columns.
    pub fn write(&mut self, block: &Matrix) -> Result<(), TfidfError> {
        self.entries.write(block)
    }

    /// Rows written so far.
    pub fn n_rows(&self) -> usize {
        self.entries.n_rows()
    }

    /// Stored entries written so far.
    pub fn nnz(&self) -> usize {
        self.entries.nnz()
    }

    /// Writes the size line, flushes, and gives the writer back (positioned at the end).
    pub fn finish(self) -> Result<W, TfidfError> {
        let (n_rows, n_cols, nnz) = (
            self.entries.n_rows(),
            self.entries.n_cols(),
            self.entries.nnz(),
        );
        let mut w = self.entries.w;
        let end = w.stream_position().map_err(write_error)?;
        w.seek(std::io::SeekFrom::Start(self.room_at))
            .map_err(write_error)?;
        w.write_all(&room(n_rows, n_cols, nnz))
            .map_err(write_error)?;
        w.seek(std::io::SeekFrom::Start(end)).map_err(write_error)?;
        w.flush().map_err(write_error)?;
        Ok(w)
    }
}

/// The comment line, padded, and the size line: [`SIZE_ROOM`] bytes.
fn room(n_rows: usize, n_cols: usize, nnz: usize) -> Vec<u8> {
    let size = format!("{n_rows} {n_cols} {nnz}\n");
    let pad = SIZE_ROOM - size.len() - COMMENT.len() - 1;
    format!("{COMMENT}{:pad$}\n{size}", "").into_bytes()
}

/// Entries formatted per parallel task (about 30 bytes of text each).
const BLOCK: usize = 1 << 15;

fn write_error(e: std::io::Error) -> TfidfError {
    TfidfError::io("writing Matrix Market", &e)
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

    /// Writes the matrix in Matrix Market coordinate format
    /// ([`CsrMatrix::write_matrix_market`]).
    pub fn write_matrix_market(&self, w: impl Write) -> Result<(), TfidfError> {
        match self {
            Matrix::F32(m) => m.write_matrix_market(w),
            Matrix::F64(m) => m.write_matrix_market(w),
        }
    }

    /// Writes `blocks` stacked, the rows of the first then those of the next, as one matrix of
    /// `n_cols` columns in Matrix Market coordinate format, without building it (as the blocks
    /// of documents transformed one after another make one matrix). Each block's values are
    /// written in its own type. An error if a block has another number of columns.
    ///
    /// ```
    /// use gist_tfidf::{CsrMatrix, Matrix};
    ///
    /// let a = CsrMatrix::from_parts(1, 3, vec![0, 1], vec![2], vec![0.5f64]).unwrap();
    /// let b = CsrMatrix::from_parts(2, 3, vec![0, 1, 2], vec![0, 1], vec![1.0f32, 0.25]).unwrap();
    /// let mut out = Vec::new();
    /// Matrix::write_matrix_market_stacked(&[Matrix::F64(a), Matrix::F32(b)], 3, &mut out).unwrap();
    /// assert!(String::from_utf8(out).unwrap().ends_with("3 3 3\n1 3 0.5\n2 1 1\n3 2 0.25\n"));
    /// ```
    pub fn write_matrix_market_stacked(
        blocks: &[Matrix],
        n_cols: usize,
        mut w: impl Write,
    ) -> Result<(), TfidfError> {
        if let Some(b) = blocks.iter().find(|b| b.n_cols() != n_cols) {
            return Err(TfidfError::new(
                TfidfErrorKind::InvalidOption,
                format!(
                    "stacked matrices need {n_cols} columns; a block has {}",
                    b.n_cols()
                ),
            ));
        }
        let n_rows = blocks.iter().map(Matrix::n_rows).sum();
        let nnz = blocks.iter().map(Matrix::nnz).sum();
        write_matrix_market_header(&mut w, n_rows, n_cols, nnz)?;
        let mut entries = MatrixMarketEntries::new(w, n_cols);
        for b in blocks {
            entries.write(b)?;
        }
        entries.into_inner().map(drop)
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

    /// The matrix written line by line with `{}` and `{:e}` (the writer before it formatted
    /// blocks in parallel with itoa and zmij).
    fn reference_text<T: Real>(m: &CsrMatrix<T>) -> String {
        let mut s = format!(
            "%%MatrixMarket matrix coordinate real general\n% written by gist-tfidf\n{} {} {}\n",
            m.n_rows(),
            m.n_cols(),
            m.nnz()
        );
        for r in 0..m.n_rows() {
            let (cols, vals) = m.row(r);
            for (&c, &v) in cols.iter().zip(vals) {
                let a = v.abs().to_f64();
                if a == 0.0 || (1e-4..1e15).contains(&a) {
                    s += &format!("{} {} {}\n", r + 1, c + 1, v);
                } else {
                    s += &format!("{} {} {:e}\n", r + 1, c + 1, v);
                }
            }
        }
        s
    }

    /// A matrix of `n_rows` rows of up to 40 entries with values of every magnitude.
    fn varied(n_rows: usize) -> CsrMatrix<f64> {
        let (mut indptr, mut indices, mut data) = (vec![0], Vec::new(), Vec::new());
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..n_rows {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (x >> 58) as u32 % 41;
            for c in 0..len {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                indices.push(c * 4 + (x >> 62) as u32);
                // Mantissas from the generator, magnitudes from 1e-9 to 1e17, and whole
                // numbers.
                let v = match x % 4 {
                    0 => (x >> 11) as f64 / (1u64 << 53) as f64,
                    1 => ((x >> 11) as f64 / (1u64 << 53) as f64) * 10f64.powi((x % 27) as i32 - 9),
                    2 => ((x >> 40) % 1000) as f64,
                    _ => -((x >> 11) as f64 / (1u64 << 50) as f64),
                };
                data.push(v);
            }
            indptr.push(indices.len());
        }
        CsrMatrix::from_parts(n_rows, 160, indptr, indices, data).unwrap()
    }

    /// Whether two Matrix Market texts have the same lines, but that a value may be written
    /// as either of two shortest decimals equally near it (see `put_decimal`).
    fn same_text(a: &str, b: &str) -> Result<(), String> {
        let (la, lb) = (a.lines().count(), b.lines().count());
        if la != lb {
            return Err(format!("{la} lines against {lb}"));
        }
        for (k, (x, y)) in a.lines().zip(b.lines()).enumerate() {
            let same = x == y
                || match (x.rsplit_once(' '), y.rsplit_once(' ')) {
                    (Some((px, vx)), Some((py, vy))) => {
                        px == py
                            && k > 2
                            && vx.len() == vy.len()
                            && vx.contains('e') == vy.contains('e')
                            && vx.parse::<f64>().ok() == vy.parse::<f64>().ok()
                    }
                    _ => false,
                };
            if !same {
                return Err(format!("line {}: {x:?} against {y:?}", k + 1));
            }
        }
        Ok(())
    }

    /// Rows `a..b` of `m` as a matrix of their own.
    fn rows_of(m: &CsrMatrix<f64>, a: usize, b: usize) -> CsrMatrix<f64> {
        let (cols, vals): (Vec<u32>, Vec<f64>) = (a..b)
            .flat_map(|r| {
                let (c, v) = m.row(r);
                c.iter().copied().zip(v.iter().copied())
            })
            .unzip();
        let indptr = (a..=b).map(|r| m.indptr()[r] - m.indptr()[a]).collect();
        CsrMatrix::from_parts(b - a, m.n_cols(), indptr, cols, vals).unwrap()
    }

    #[test]
    fn matrix_market_in_parallel_blocks_equals_line_by_line_text() {
        // More than two waves of blocks on three threads, and on one.
        let m = varied(30_000);
        assert!(m.nnz() > 12 * BLOCK, "{}", m.nnz());
        let expected = reference_text(&m);
        let mut texts = Vec::new();
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut out = Vec::new();
            pool.install(|| m.write_matrix_market(&mut out)).unwrap();
            let text = String::from_utf8(out).unwrap();
            if let Err(e) = same_text(&text, &expected) {
                panic!("{threads} threads: {e}");
            }
            texts.push(text);
        }
        assert_eq!(texts[0], texts[1]);
        // The lines differ from `{}`'s only at ties, and the check sees a changed value.
        assert!(same_text(&texts[0], &expected.replacen(" 0.", " 0.1", 1)).is_err());
    }

    #[test]
    fn stacked_blocks_equal_the_stacked_matrix() {
        let m = varied(3_000);
        let cut = |a, b| Matrix::F64(rows_of(&m, a, b));
        let blocks = [
            cut(0, 1_000),
            cut(1_000, 1_000),
            cut(1_000, 2_999),
            cut(2_999, 3_000),
        ];
        let mut out = Vec::new();
        Matrix::write_matrix_market_stacked(&blocks, 160, &mut out).unwrap();
        let mut whole = Vec::new();
        m.write_matrix_market(&mut whole).unwrap();
        assert_eq!(out, whole);
        same_text(&String::from_utf8(out).unwrap(), &reference_text(&m)).unwrap();

        let mut out = Vec::new();
        Matrix::write_matrix_market_stacked(&[], 7, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("\n0 7 0\n"));
        let err = Matrix::write_matrix_market_stacked(&blocks, 159, Vec::new()).unwrap_err();
        assert!(err.to_string().contains("159 columns"), "{err}");
    }

    #[test]
    fn a_streamed_matrix_is_the_whole_matrix_but_for_the_padded_comment() {
        let m = varied(3_000);
        let mut whole = Vec::new();
        m.write_matrix_market(&mut whole).unwrap();
        let whole = String::from_utf8(whole).unwrap();
        // Blocks of rows (one empty), after bytes already in the file.
        let mut before = std::io::Cursor::new(b"before".to_vec());
        before.set_position(6);
        let mut w = MatrixMarketWriter::new(before, 160).unwrap();
        for (a, b) in [(0, 1_000), (1_000, 1_000), (1_000, 2_999), (2_999, 3_000)] {
            w.write(&Matrix::F64(rows_of(&m, a, b))).unwrap();
        }
        assert_eq!((w.n_rows(), w.nnz()), (3_000, m.nnz()));
        let mut file = w.finish().unwrap();
        assert_eq!(file.position() as usize, file.get_ref().len());
        file.write_all(b"after").unwrap();
        let text = String::from_utf8(file.into_inner()).unwrap();
        let text = text
            .strip_prefix("before")
            .unwrap()
            .strip_suffix("after")
            .unwrap();
        // The banner, the comment padded to fill the room, the size line, the entries.
        let (banner, rest) = text.split_once('\n').unwrap();
        let (comment, rest) = rest.split_once('\n').unwrap();
        assert_eq!(comment.trim_end(), COMMENT);
        assert!(rest.starts_with(&format!("3000 160 {}\n", m.nnz())));
        assert_eq!(
            banner.len() + comment.len() + 3 + rest.find('\n').unwrap(),
            BANNER.len() + SIZE_ROOM
        );
        assert_eq!(format!("{banner}\n{COMMENT}\n{rest}"), whole);

        let mut empty = MatrixMarketWriter::new(std::io::Cursor::new(Vec::new()), 7).unwrap();
        let err = empty.write(&Matrix::F64(m.clone())).unwrap_err();
        assert!(err.to_string().contains("7 columns"), "{err}");
        let text = String::from_utf8(empty.finish().unwrap().into_inner()).unwrap();
        assert!(
            text.ends_with("\n0 7 0\n") && text.len() == BANNER.len() + SIZE_ROOM,
            "{text:?}"
        );
    }

    #[test]
    fn put_copies_texts_of_every_length_and_nothing_before_them() {
        let text: Vec<u8> = (0..60u8).map(|i| b'a' + i % 26).collect();
        for n in 0..=text.len() {
            for at in [0, 1, 5, 17] {
                let mut stage = vec![b'#'; at + PUT_ROOM.max(n)];
                let end = put(&mut stage, at, &text[..n]);
                assert_eq!(end, at + n);
                assert!(stage[..at].iter().all(|&b| b == b'#'), "{n} at {at}");
                assert_eq!(&stage[at..end], &text[..n], "{n} at {at}");
            }
        }
    }

    /// What `put_decimal` writes, and what `{}` / `{:e}` would.
    fn both<T: Real + std::str::FromStr>(v: T) -> (String, String)
    where
        T::Err: std::fmt::Debug,
    {
        // Put after a few bytes, which it leaves alone.
        let mut stage = [b'#'; 3 + PUT_ROOM];
        let end = v.put_decimal(&mut stage, 3);
        assert_eq!(&stage[..3], b"###");
        let out = stage[3..end].to_vec();
        let a = v.abs().to_f64();
        let std = if a == 0.0 || (1e-4..1e15).contains(&a) {
            format!("{v}")
        } else {
            format!("{v:e}")
        };
        (String::from_utf8(out).unwrap(), std)
    }

    /// Whether `v`'s decimal reads back as `v` (same bits), as short as `{}`'s and with an
    /// exponent where `{}`/`{:e}` has one; non-finite values as std writes them.
    fn reads_back<T>(v: T, bits: impl Fn(T) -> u64) -> Result<(), String>
    where
        T: Real + std::str::FromStr,
        T::Err: std::fmt::Debug,
    {
        let (ours, std) = both(v);
        let finite = v.to_f64().is_finite();
        let back = ours.parse::<T>().map(&bits).ok();
        if (finite
            && back == Some(bits(v))
            && ours.len() == std.len()
            && ours.contains('e') == std.contains('e'))
            || (!finite && ours == std)
        {
            Ok(())
        } else {
            Err(format!("{ours} (std: {std})"))
        }
    }

    proptest::proptest! {
        #[test]
        fn decimals_read_back_exactly_and_are_as_short_as_std(bits in proptest::num::u64::ANY) {
            let r = reads_back(f64::from_bits(bits), f64::to_bits);
            proptest::prop_assert!(r.is_ok(), "{:?}", r);
        }

        #[test]
        fn f32_decimals_read_back_exactly_and_are_as_short_as_std(bits in proptest::num::u32::ANY) {
            let r = reads_back(f32::from_bits(bits), |v| u64::from(v.to_bits()));
            proptest::prop_assert!(r.is_ok(), "{:?}", r);
        }
    }

    #[test]
    fn decimals_of_whole_numbers_ties_and_range_ends() {
        for (v, text) in [
            (1.0f64, "1"),
            (-3.0, "-3"),
            (0.0, "0"),
            (-0.0, "-0"),
            (1e-4, "0.0001"),
            (9.9e-5, "9.9e-5"),
            (1e13, "10000000000000"),
            (1e15, "1e15"),
            (0.38408524091481483, "0.38408524091481483"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(both(v).0, text);
        }
        // An f32 exactly between 0.13476562 and 0.13476563 (69/512): the even digit.
        assert_eq!(both(f32::from_bits(0x3E0A_0000)).0, "0.13476562");
        assert_eq!(both(f32::from_bits(0x3E0A_0000)).1, "0.13476563");
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
