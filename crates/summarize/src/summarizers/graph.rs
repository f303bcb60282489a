//! Ranking the vertices of a weighted sentence graph (PageRank with a damping factor).

/// Columns of the weight matrix summed side by side.
const LANES: usize = 8;

/// Stationary scores of a random walk on the graph with row-major weights `w` (`n * n`,
/// non-negative; `w[i * n + j]` is the weight of the edge from `i` to `j`): at each step the
/// walker follows an out-edge of its vertex with probability proportional to its weight with
/// probability `damping`, and jumps to a uniformly random vertex otherwise (also when its vertex
/// has no out-edges). The result sums to 1.
///
/// Power iteration until the L1 change is below `1e-7` or 200 iterations; deterministic.
pub(crate) fn pagerank(w: &[f64], n: usize, damping: f64) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let damping = if damping.is_finite() {
        damping.clamp(0.0, 1.0)
    } else {
        0.85
    };
    let out: Vec<f64> = (0..n).map(|i| w[i * n..(i + 1) * n].iter().sum()).collect();
    let scale: Vec<f64> = out
        .iter()
        .map(|&o| if o > 0.0 { damping / o } else { 0.0 })
        .collect();
    let mut p = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    let mut flow = vec![0.0; n];
    for _ in 0..200 {
        // Mass of dangling vertices (no out-edges) is spread uniformly.
        let dangling: f64 = (0..n).filter(|&i| out[i] <= 0.0).map(|i| p[i]).sum();
        let base = (1.0 - damping) / n as f64 + damping * dangling / n as f64;
        // The walkers' flows, `f[i] = p[i] · damping / out[i]` (0 for dangling vertices,
        // whose rows are skipped).
        for i in 0..n {
            flow[i] = if out[i] <= 0.0 { 0.0 } else { p[i] * scale[i] };
        }
        // next[j] = base + Σ_i f[i] · w[i][j], summed over i in order: eight columns at a
        // time with their sums in registers.
        let mut j0 = 0;
        while j0 < n {
            let width = LANES.min(n - j0);
            let mut acc = [base; LANES];
            for i in 0..n {
                if out[i] <= 0.0 {
                    continue;
                }
                let f = flow[i];
                let row = &w[i * n + j0..i * n + j0 + width];
                if let Ok(row) = <&[f64; LANES]>::try_from(row) {
                    for l in 0..LANES {
                        acc[l] += f * row[l];
                    }
                } else {
                    for (a, &wij) in acc.iter_mut().zip(row) {
                        *a += f * wij;
                    }
                }
            }
            next[j0..j0 + width].copy_from_slice(&acc[..width]);
            j0 += width;
        }
        let delta: f64 = p.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if delta < 1e-7 {
            break;
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_centre_ranks_first_and_scores_sum_to_one() {
        // Vertex 0 is linked both ways to 1, 2, 3; the leaves are not linked to each other.
        let n = 4;
        let mut w = vec![0.0; n * n];
        for j in 1..n {
            w[j] = 1.0;
            w[j * n] = 1.0;
        }
        let p = pagerank(&w, n, 0.85);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p[0] > p[1]);
        assert!((p[1] - p[2]).abs() < 1e-12 && (p[2] - p[3]).abs() < 1e-12);
        // Closed form: p0 = 0.15/4 + 0.85 * 3 * p1, p1 = 0.15/4 + 0.85 * p0 / 3.
        let p0 = (0.15 / 4.0 + 0.85 * 3.0 * 0.15 / 4.0) / (1.0 - 0.85 * 0.85);
        // Converged to the stopping tolerance (L1 change below 1e-7).
        assert!((p[0] - p0).abs() < 1e-6, "{} vs {p0}", p[0]);
    }

    #[test]
    fn no_edges_gives_uniform_scores() {
        let p = pagerank(&[0.0; 9], 3, 0.85);
        for x in p {
            assert!((x - 1.0 / 3.0).abs() < 1e-12);
        }
        assert!(pagerank(&[], 0, 0.85).is_empty());
    }
}
