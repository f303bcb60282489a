//! The singular value decomposition LSA needs, written out (no linear-algebra dependency).
//!
//! LSA needs the right singular vectors `V` and singular values `Σ` of the term-by-sentence
//! matrix `A`. They are the eigenvectors and the square roots of the eigenvalues of the
//! sentence-by-sentence Gram matrix `G = AᵀA`, which is small (sentences, not terms). For up to
//! [`EXACT_LIMIT`] sentences `G` is diagonalized exactly with the cyclic Jacobi method. Above it,
//! the leading `r` eigenpairs are approximated as randomized SVD does (Halko, Martinsson & Tropp
//! 2011): [`ITERATIONS`] rounds of subspace iteration on `r + 5` vectors from a fixed
//! pseudo-random start, then a Rayleigh–Ritz step (Jacobi on the small projected matrix). `G` is
//! formed densely up to [`DENSE_LIMIT`] sentences; above it, products go through the sparse
//! columns of `A` and `G` is never formed. Everything is deterministic.

/// Largest number of sentences diagonalized exactly.
pub(crate) const EXACT_LIMIT: usize = 8;

/// Largest number of sentences for which subspace iteration forms `G` densely.
const DENSE_LIMIT: usize = 512;

/// Rounds of subspace iteration.
const ITERATIONS: usize = 10;

/// Eigen-decomposition of the symmetric `n * n` row-major matrix `a` by cyclic Jacobi rotations.
/// Returns eigenvalues in decreasing order and the matching unit eigenvectors as columns of a
/// row-major `n * n` matrix.
pub(crate) fn jacobi_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let total: f64 = a.iter().map(|x| x * x).sum();
    for _sweep in 0..64 {
        let mut off = 0.0;
        for p in 0..n {
            for q in p + 1..n {
                off += a[p * n + q] * a[p * n + q];
            }
        }
        if off <= 1e-26 * total || off == 0.0 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() <= f64::MIN_POSITIVE {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| a[j * n + j].total_cmp(&a[i * n + i]).then(i.cmp(&j)));
    let values = order.iter().map(|&i| a[i * n + i]).collect();
    let mut vectors = vec![0.0; n * n];
    for (col, &src) in order.iter().enumerate() {
        for k in 0..n {
            vectors[k * n + col] = v[k * n + src];
        }
    }
    (values, vectors)
}

/// Where the Gram matrix `G = AᵀA` of [`top_eigen`] comes from.
pub(crate) enum Gram<'a> {
    /// `G` itself, row-major `n * n`.
    Dense(Vec<f64>),
    /// The sparse columns of `A` (`(row, value)` lists, one per sentence) over `rows` rows:
    /// products with `G` go through them and `G` is never formed.
    Sparse {
        columns: &'a [Vec<(u32, f64)>],
        rows: usize,
    },
}

/// Whether [`top_eigen`] wants `G` formed densely for `n` sentences ([`Gram::Dense`]).
pub(crate) fn dense_gram(n: usize) -> bool {
    n <= DENSE_LIMIT
}

/// The `r` leading eigenpairs of `G = AᵀA`, where `A`'s columns are the sparse `columns`
/// (`(row, value)` lists; one per sentence). Eigenvalues decreasing; eigenvectors as the columns
/// of a row-major `n * r` matrix. Exact (Jacobi on `G`) for small `n`, subspace iteration above.
#[cfg(test)]
pub(crate) fn gram_top_eigen(
    columns: &[Vec<(u32, f64)>],
    rows: usize,
    r: usize,
) -> (Vec<f64>, Vec<f64>) {
    let n = columns.len();
    let gram = if dense_gram(n) {
        Gram::Dense(super::analysis::gram(columns, rows))
    } else {
        Gram::Sparse { columns, rows }
    };
    top_eigen(n, gram, r)
}

/// The `r` leading eigenpairs of the `n * n` Gram matrix `gram` ([`Gram::Dense`] when
/// [`dense_gram`]`(n)`, which the exact path for `n <=` [`EXACT_LIMIT`] needs). Eigenvalues
/// decreasing; eigenvectors as the columns of a row-major `n * r` matrix.
pub(crate) fn top_eigen(n: usize, gram: Gram, r: usize) -> (Vec<f64>, Vec<f64>) {
    let r = r.min(n);
    if n == 0 || r == 0 {
        return (Vec::new(), Vec::new());
    }
    if n <= EXACT_LIMIT
        && let Gram::Dense(g) = gram
    {
        let (values, vectors) = jacobi_eigen(g, n);
        let mut top = vec![0.0; n * r];
        for k in 0..n {
            top[k * r..(k + 1) * r].copy_from_slice(&vectors[k * n..k * n + r]);
        }
        return (values[..r].to_vec(), top);
    }
    subspace_iteration(n, gram, r)
}

fn subspace_iteration(n: usize, gram: Gram, r: usize) -> (Vec<f64>, Vec<f64>) {
    let b = (r + 5).min(n);
    // Deterministic start: a fixed pseudo-random matrix (splitmix-style hash of the position).
    let mut q = Block::new(n, b);
    for j in 0..b {
        for i in 0..n {
            let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ (j as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x ^= x >> 31;
            x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^= x >> 29;
            *q.at(i, j) = (x % 2001) as f64 / 1000.0 - 1.0;
        }
    }
    q.orthonormalize();
    // G x = Aᵀ (A x): with G formed densely when it is small enough (n² sparse dot products
    // once, then plain matrix products), else through the sparse columns of A.
    let no_columns: &[Vec<(u32, f64)>] = &[];
    let (dense, columns, rows) = match gram {
        Gram::Dense(g) => (Some(g), no_columns, 0),
        Gram::Sparse { columns, rows } => (None, columns, rows),
    };
    let mut tmp = vec![0.0; rows];
    let mut x = vec![0.0; n];
    // Applies G to every vector of `q`, into `out`.
    let mut apply_all = |q: &Block, out: &mut Block| match &dense {
        Some(g) => q.products(g, out),
        None => {
            for v in 0..b {
                for (k, xk) in x.iter_mut().enumerate() {
                    *xk = q.t[k * q.stride + v];
                }
                tmp.iter_mut().for_each(|t| *t = 0.0);
                for (col, &xi) in columns.iter().zip(&x) {
                    for &(row, v) in col {
                        tmp[row as usize] += v * xi;
                    }
                }
                for (o, col) in columns.iter().enumerate() {
                    *out.at(o, v) = col.iter().map(|&(row, v)| v * tmp[row as usize]).sum();
                }
            }
        }
    };
    let mut z = Block::new(n, b);
    // A fixed number of rounds: the subspace converges at the rate (λ_{b+1} / λ_r)^k, and the
    // Rayleigh–Ritz step below recovers the leading eigenpairs from it.
    for _ in 0..ITERATIONS {
        apply_all(&q, &mut z);
        z.orthonormalize();
        std::mem::swap(&mut q, &mut z);
    }
    let mut gq = Block::new(n, b);
    apply_all(&q, &mut gq);
    // Rayleigh–Ritz: H = Qᵀ G Q, diagonalized exactly. Row i of H holds the dot products of
    // q[i] with every gq[j], accumulated side by side (each in the order of a plain dot product).
    let mut h = vec![0.0; b * b];
    for i in 0..b {
        let acc = &mut h[i * b..(i + 1) * b];
        acc.iter_mut().for_each(|x| *x = -0.0);
        for k in 0..n {
            let qik = q.t[k * q.stride + i];
            let col = &gq.t[k * gq.stride..k * gq.stride + b];
            for (a, &c) in acc.iter_mut().zip(col) {
                *a += qik * c;
            }
        }
    }
    // Symmetrize rounding noise.
    for i in 0..b {
        for j in i + 1..b {
            let m = 0.5 * (h[i * b + j] + h[j * b + i]);
            h[i * b + j] = m;
            h[j * b + i] = m;
        }
    }
    let (values, w) = jacobi_eigen(h, b);
    let mut top = vec![0.0; n * r];
    for k in 0..n {
        let qk = &q.t[k * q.stride..k * q.stride + b];
        for c in 0..r {
            top[k * r + c] = (0..b).map(|j| qk[j] * w[j * b + c]).sum();
        }
    }
    (values[..r].to_vec(), top)
}

/// Vectors handled side by side.
const LANES: usize = 8;

/// `b` vectors of length `n`, stored transposed: element `k` of vector `v` is
/// `t[k * stride + v]`, `stride` being `b` rounded up to [`LANES`] (the padding lanes are
/// never read into a result). Products and dot products then run over [`LANES`] vectors at
/// once, each sum in registers and in the order of a plain one-vector loop, so every value is
/// bit for bit what one vector at a time gives.
struct Block {
    n: usize,
    b: usize,
    stride: usize,
    t: Vec<f64>,
}

impl Block {
    fn new(n: usize, b: usize) -> Block {
        let stride = b.div_ceil(LANES) * LANES;
        Block {
            n,
            b,
            stride,
            t: vec![0.0; n * stride],
        }
    }

    #[inline]
    fn at(&mut self, k: usize, v: usize) -> &mut f64 {
        &mut self.t[k * self.stride + v]
    }

    /// `out = G self` for the row-major `n * n` matrix `g`: `out[v][o] = Σ_k g[o][k] self[v][k]`,
    /// summed over `k` in order.
    fn products(&self, g: &[f64], out: &mut Block) {
        let (n, s) = (self.n, self.stride);
        for v0 in (0..s).step_by(LANES) {
            for (o, row) in g.chunks_exact(n).enumerate() {
                // -0.0 is the start of `Iterator::sum` for floats: -0.0 + x is x for every x.
                let mut acc = [-0.0f64; LANES];
                for (k, &gok) in row.iter().enumerate() {
                    let Some(col) = self.t.get(k * s + v0..k * s + v0 + LANES) else {
                        continue;
                    };
                    let col: &[f64; LANES] = col.try_into().unwrap_or(&[0.0; LANES]);
                    for l in 0..LANES {
                        acc[l] += gok * col[l];
                    }
                }
                out.t[o * s + v0..o * s + v0 + LANES].copy_from_slice(&acc);
            }
        }
    }

    /// Modified Gram–Schmidt, as the test reference `orthonormalize` does on the same vectors
    /// (bit for bit), in "right-looking" order: once vector `i` is final it is projected out of
    /// every later vector, whose dot products with it are independent and accumulated side by
    /// side.
    fn orthonormalize(&mut self) {
        let (n, b, s) = (self.n, self.b, self.stride);
        for i in 0..b {
            let norm = (0..n)
                .map(|k| self.t[k * s + i] * self.t[k * s + i])
                .sum::<f64>()
                .sqrt();
            if norm > 1e-300 {
                for k in 0..n {
                    self.t[k * s + i] /= norm;
                }
            } else {
                for k in 0..n {
                    self.t[k * s + i] = 0.0;
                }
            }
            // Later vectors, in groups of LANES lanes starting at a multiple of LANES.
            let mut g0 = (i + 1) / LANES * LANES;
            while g0 < b {
                let lo = (i + 1).max(g0) - g0;
                let hi = b.min(g0 + LANES) - g0;
                let mut d = [-0.0f64; LANES];
                for k in 0..n {
                    let uk = self.t[k * s + i];
                    let Some(row) = self.t.get(k * s + g0..k * s + g0 + LANES) else {
                        continue;
                    };
                    let row: &[f64; LANES] = row.try_into().unwrap_or(&[0.0; LANES]);
                    for l in 0..LANES {
                        d[l] += uk * row[l];
                    }
                }
                // Only lanes lo..hi change; the others are kept as they are (selected, not
                // computed on, so even the sign of a zero is untouched).
                let mut on = [false; LANES];
                on[lo..hi].iter_mut().for_each(|x| *x = true);
                for k in 0..n {
                    let uk = self.t[k * s + i];
                    let Some(row) = self.t.get_mut(k * s + g0..k * s + g0 + LANES) else {
                        continue;
                    };
                    for l in 0..LANES {
                        let x = row[l];
                        row[l] = if on[l] { x - d[l] * uk } else { x };
                    }
                }
                g0 += LANES;
            }
        }
    }
}

/// Modified Gram–Schmidt on the vectors in place; a vector that becomes (numerically) zero is
/// left as zero. (The reference for [`Block::orthonormalize`].)
#[cfg(test)]
fn orthonormalize(q: &mut [Vec<f64>]) {
    for j in 0..q.len() {
        let (done, rest) = q.split_at_mut(j);
        let v = &mut rest[0];
        for u in done.iter() {
            let d: f64 = u.iter().zip(v.iter()).map(|(a, b)| a * b).sum();
            v.iter_mut().zip(u).for_each(|(x, a)| *x -= d * a);
        }
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 1e-300 {
            v.iter_mut().for_each(|x| *x /= norm);
        } else {
            v.iter_mut().for_each(|x| *x = 0.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_orthonormalization_is_bit_identical_to_the_plain_loop() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for (n, b) in [(1, 1), (5, 3), (20, 8), (13, 9), (40, 17), (6, 6)] {
            let mut plain: Vec<Vec<f64>> = (0..b)
                .map(|_| {
                    (0..n)
                        .map(|_| {
                            seed ^= seed << 13;
                            seed ^= seed >> 7;
                            seed ^= seed << 17;
                            (seed % 20001) as f64 / 1000.0 - 10.0
                        })
                        .collect()
                })
                .collect();
            // A repeated vector becomes zero on the way.
            if b > 2 {
                plain[2] = plain[0].clone();
            }
            let mut block = Block::new(n, b);
            for (v, x) in plain.iter().enumerate() {
                for (k, &xk) in x.iter().enumerate() {
                    *block.at(k, v) = xk;
                }
            }
            orthonormalize(&mut plain);
            block.orthonormalize();
            for (v, x) in plain.iter().enumerate() {
                for (k, &xk) in x.iter().enumerate() {
                    assert_eq!(
                        xk.to_bits(),
                        block.t[k * block.stride + v].to_bits(),
                        "{n} {b} {v} {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn jacobi_diagonalizes_a_known_matrix() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, -1)/√2.
        let (vals, vecs) = jacobi_eigen(vec![2.0, 1.0, 1.0, 2.0], 2);
        assert!((vals[0] - 3.0).abs() < 1e-12 && (vals[1] - 1.0).abs() < 1e-12);
        assert!((vecs[0].abs() - 0.5f64.sqrt()).abs() < 1e-12);
        assert!((vecs[0] - vecs[2]).abs() < 1e-12);
        assert!((vecs[1] + vecs[3]).abs() < 1e-12);
    }

    #[test]
    fn jacobi_reconstructs_a_random_symmetric_matrix() {
        let n = 7;
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in i..n {
                let x = ((i * 31 + j * 17) % 11) as f64 - 5.0;
                a[i * n + j] = x;
                a[j * n + i] = x;
            }
        }
        let (vals, vecs) = jacobi_eigen(a.clone(), n);
        for i in 0..n {
            for j in 0..n {
                let r: f64 = (0..n)
                    .map(|k| vecs[i * n + k] * vals[k] * vecs[j * n + k])
                    .sum();
                assert!(
                    (r - a[i * n + j]).abs() < 1e-9,
                    "({i},{j}) {r} vs {}",
                    a[i * n + j]
                );
            }
        }
        assert!(vals.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn subspace_iteration_matches_exact_decomposition() {
        // 300 sentences over 40 terms, with a few strong topics. The iteration is approximate
        // (a fixed number of rounds): eigenvalues agree to 1e-4 of the largest, eigenvectors to
        // a cosine of 0.999.
        let n = 300;
        let columns: Vec<Vec<(u32, f64)>> = (0..n)
            .map(|i| {
                let mut col: Vec<(u32, f64)> = (0..4u32)
                    .map(|k| {
                        (
                            (i as u32 * 7 + k * 13) % 40,
                            1.0 + ((i + k as usize) % 3) as f64,
                        )
                    })
                    .collect();
                col.sort_by_key(|c| c.0);
                col.dedup_by_key(|c| c.0);
                col
            })
            .collect();
        let (approx_vals, approx_vecs) = subspace_iteration(
            n,
            Gram::Sparse {
                columns: &columns,
                rows: 40,
            },
            3,
        );
        // The dense route gives the same.
        let (dense_vals, _) = gram_top_eigen(&columns, 40, 3);
        for c in 0..3 {
            assert!((dense_vals[c] - approx_vals[c]).abs() < 1e-6 * approx_vals[0]);
        }
        let mut g = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                g[i * n + j] = crate::summarizers::analysis::sparse_dot(&columns[i], &columns[j]);
            }
        }
        let (vals, vecs) = jacobi_eigen(g, n);
        for c in 0..3 {
            assert!(
                (approx_vals[c] - vals[c]).abs() < 1e-4 * vals[0],
                "{c}: {} vs {}",
                approx_vals[c],
                vals[c]
            );
            // Same vector up to sign.
            let dot: f64 = (0..n)
                .map(|k| approx_vecs[k * 3 + c] * vecs[k * n + c])
                .sum();
            assert!((dot.abs() - 1.0).abs() < 1e-3, "{c}: {dot}");
        }
    }
}
