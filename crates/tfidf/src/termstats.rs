//! The document frequency and count of every term of a fit.

use rayon::prelude::*;
use std::borrow::Cow;

/// Per term of an n-gram partition, as counting leaves it: `[documents, occurrences mod 2^32,
/// _, _]` (the last two are counting's bookkeeping), with the occurrences' carries past 2^32
/// apart (`tf_high`, grown on a carry, so almost always empty).
#[derive(Clone, Debug, Default)]
pub(crate) struct PartStats {
    pub(crate) records: Vec<[u32; 4]>,
    pub(crate) tf_high: Vec<u32>,
}

/// Terms kept by [`TermStats::where_df`].
#[derive(Debug, Default, PartialEq)]
pub(crate) struct KeptTerms {
    /// Their ids, in order.
    pub(crate) ids: Vec<u32>,
    /// Their document frequencies.
    pub(crate) dfs: Vec<u64>,
    /// The sum of their counts.
    pub(crate) tf: u64,
}

/// Document frequency and count of every term, by term id: arrays for the first terms (a word
/// fit's unigrams, or every term of a fit by strings), then parts: each n-gram partition's
/// records as counting left them, or the arrays of each hash shard of a merge. A fit with
/// n-grams reads the statistics of every term once, to prune; copying millions of them into
/// arrays first would cost more than that reading (the arrays are built only if asked for, see
/// [`arrays`](Self::arrays)). A merge's shards keep arrays of their own so that the next merge
/// grows each where it is ([`shards_mut`](Self::shards_mut)).
#[derive(Clone, Debug, Default)]
pub(crate) struct TermStats {
    df: Vec<u64>,
    tf: Vec<u64>,
    parts: Vec<Part>,
    /// The first term id of each part.
    starts: Vec<usize>,
    len: usize,
}

/// A part of [`TermStats`], after its first arrays.
#[derive(Clone, Debug)]
enum Part {
    /// An n-gram partition's records.
    Records(PartStats),
    /// One hash shard of a merge: document frequencies and counts.
    Arrays { df: Vec<u64>, tf: Vec<u64> },
}

impl Part {
    fn len(&self) -> usize {
        match self {
            Part::Records(p) => p.records.len(),
            Part::Arrays { df, .. } => df.len(),
        }
    }

    /// Document frequency and count of entry `i` (`i < len()`).
    #[inline]
    fn get(&self, i: usize) -> (u64, u64) {
        match self {
            Part::Records(p) => {
                let high = p.tf_high.get(i).copied().unwrap_or(0);
                let r = p.records[i];
                (u64::from(r[0]), u64::from(r[1]) | u64::from(high) << 32)
            }
            Part::Arrays { df, tf } => (df[i], tf[i]),
        }
    }
}

impl TermStats {
    /// Statistics from arrays (`df` and `tf` of equal lengths).
    pub(crate) fn dense(df: Vec<u64>, tf: Vec<u64>) -> TermStats {
        TermStats::with_parts(df, tf, Vec::new())
    }

    /// Statistics from arrays for the first terms, then the parts' terms.
    pub(crate) fn with_parts(df: Vec<u64>, tf: Vec<u64>, parts: Vec<PartStats>) -> TermStats {
        debug_assert_eq!(df.len(), tf.len());
        let mut s = TermStats {
            df,
            tf,
            parts: parts.into_iter().map(Part::Records).collect(),
            starts: Vec::new(),
            len: 0,
        };
        s.refresh();
        s
    }

    /// Statistics of a merge's hash shards: `(df, tf)` arrays per shard, terms shard after
    /// shard.
    pub(crate) fn sharded(shards: Vec<(Vec<u64>, Vec<u64>)>) -> TermStats {
        let mut s = TermStats {
            parts: shards
                .into_iter()
                .map(|(df, tf)| {
                    debug_assert_eq!(df.len(), tf.len());
                    Part::Arrays { df, tf }
                })
                .collect(),
            ..TermStats::default()
        };
        s.refresh();
        s
    }

    /// The arrays of each shard of statistics made by [`sharded`](Self::sharded), to grow them
    /// in place (then call [`refresh`](Self::refresh)); `None` for other statistics.
    #[allow(clippy::type_complexity)]
    pub(crate) fn shards_mut(&mut self) -> Option<Vec<(&mut Vec<u64>, &mut Vec<u64>)>> {
        if !self.is_sharded() {
            return None;
        }
        self.parts
            .iter_mut()
            .map(|p| match p {
                Part::Arrays { df, tf } => Some((df, tf)),
                Part::Records(_) => None,
            })
            .collect()
    }

    /// Whether the statistics are a merge's shards ([`sharded`](Self::sharded)).
    pub(crate) fn is_sharded(&self) -> bool {
        self.df.is_empty()
            && !self.parts.is_empty()
            && self.parts.iter().all(|p| matches!(p, Part::Arrays { .. }))
    }

    /// Recomputes where each part starts, after its arrays changed length.
    pub(crate) fn refresh(&mut self) {
        let mut len = self.df.len();
        self.starts = self
            .parts
            .iter()
            .map(|p| {
                let start = len;
                len += p.len();
                start
            })
            .collect();
        self.len = len;
    }

    /// Number of terms.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The document frequency and count of term `t` past the arrays, if any.
    #[inline]
    fn in_parts(&self, t: usize) -> Option<(u64, u64)> {
        let p = self.starts.partition_point(|&s| s <= t).checked_sub(1)?;
        let part = self.parts.get(p)?;
        let i = t - self.starts[p];
        (i < part.len()).then(|| part.get(i))
    }

    /// Documents containing term `t` (0 for an unknown term).
    #[inline]
    pub(crate) fn df(&self, t: usize) -> u64 {
        match self.df.get(t) {
            Some(&d) => d,
            None => self.in_parts(t).map_or(0, |(d, _)| d),
        }
    }

    /// Occurrences of term `t` (0 for an unknown term).
    #[inline]
    pub(crate) fn tf(&self, t: usize) -> u64 {
        match self.tf.get(t) {
            Some(&n) => n,
            None => self.in_parts(t).map_or(0, |(_, n)| n),
        }
    }

    /// Whether any term's document frequency is one `keep` accepts (stops at the first).
    pub(crate) fn any_df(&self, keep: impl Fn(u64) -> bool + Sync) -> bool {
        self.df.iter().any(|&d| keep(d))
            || self
                .parts
                .par_iter()
                .any(|p| (0..p.len()).any(|i| keep(p.get(i).0)))
    }

    /// The terms whose document frequency `keep` accepts, in order, with their document
    /// frequencies and the sum of their counts: the arrays' terms in one loop, each part's
    /// records in a loop of its own, the parts in parallel (as many as threads counted them);
    /// each term's statistics are read once.
    pub(crate) fn where_df(&self, keep: impl Fn(u64) -> bool + Sync) -> KeptTerms {
        // One plain loop per part: a parallel filter's plumbing costs more per term than the
        // test. Bigram options on the comparison's 20.7 MB (1.5 million n-grams in two parts),
        // `phase-times` build: two threads 6.4 -> 4.5-5.0 ms (one part after another, each by
        // a parallel filter, before), one thread 6.4 -> 6.3 ms.
        /// The terms of `stats` (document frequency and count of terms `start..`) kept.
        fn part(
            stats: impl Iterator<Item = (u64, u64)>,
            start: usize,
            keep: &impl Fn(u64) -> bool,
        ) -> KeptTerms {
            let mut kept = KeptTerms::default();
            for (i, (d, n)) in stats.enumerate() {
                if keep(d) {
                    kept.ids.push((start + i) as u32);
                    kept.dfs.push(d);
                    kept.tf += n;
                }
            }
            kept
        }
        let arrays = self.df.iter().copied().zip(self.tf.iter().copied());
        let mut kept = part(arrays, 0, &keep);
        let parts: Vec<KeptTerms> = self
            .parts
            .par_iter()
            .zip(&self.starts)
            .map(|(p, &start)| match p {
                Part::Records(p) => {
                    let records = p.records.iter().enumerate().map(|(i, r)| {
                        let high = p.tf_high.get(i).copied().unwrap_or(0);
                        (u64::from(r[0]), u64::from(r[1]) | u64::from(high) << 32)
                    });
                    part(records, start, &keep)
                }
                Part::Arrays { df, tf } => {
                    part(df.iter().copied().zip(tf.iter().copied()), start, &keep)
                }
            })
            .collect();
        for p in parts {
            kept.ids.extend_from_slice(&p.ids);
            kept.dfs.extend_from_slice(&p.dfs);
            kept.tf += p.tf;
        }
        kept
    }

    /// Every term's document frequency and count as arrays: borrowed when the statistics are
    /// arrays already, else built.
    pub(crate) fn arrays(&self) -> (Cow<'_, [u64]>, Cow<'_, [u64]>) {
        if self.parts.is_empty() {
            return (Cow::Borrowed(&self.df), Cow::Borrowed(&self.tf));
        }
        let (mut df, mut tf) = (Vec::with_capacity(self.len), Vec::with_capacity(self.len));
        df.extend_from_slice(&self.df);
        tf.extend_from_slice(&self.tf);
        for p in &self.parts {
            for i in 0..p.len() {
                let (d, n) = p.get(i);
                df.push(d);
                tf.push(n);
            }
        }
        (Cow::Owned(df), Cow::Owned(tf))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_then_parts_with_carries() {
        let parts = vec![
            PartStats {
                records: vec![[2, 5, 9, 0], [1, u32::MAX, 3, 0]],
                tf_high: vec![0, 3],
            },
            PartStats::default(),
            PartStats {
                records: vec![[4, 7, 0, 1]],
                tf_high: Vec::new(),
            },
        ];
        let s = TermStats::with_parts(vec![10, 11], vec![20, 21], parts);
        assert_eq!(s.len(), 5);
        let df: Vec<u64> = (0..6).map(|t| s.df(t)).collect();
        let tf: Vec<u64> = (0..6).map(|t| s.tf(t)).collect();
        assert_eq!(df, [10, 11, 2, 1, 4, 0]);
        assert_eq!(tf, [20, 21, 5, (3u64 << 32) | u64::from(u32::MAX), 7, 0]);
        let (a, b) = s.arrays();
        assert_eq!((&a[..], &b[..]), (&df[..5], &tf[..5]));
        let kept = |ids: Vec<u32>, dfs: Vec<u64>, tf: u64| KeptTerms { ids, dfs, tf };
        assert_eq!(
            s.where_df(|d| d >= 2),
            kept(vec![0, 1, 2, 4], vec![10, 11, 2, 4], 20 + 21 + 5 + 7)
        );
        assert_eq!(
            s.where_df(|d| d == 1),
            kept(vec![3], vec![1], (3u64 << 32) | u64::from(u32::MAX))
        );
        let dense = TermStats::dense(vec![1, 2], vec![3, 4]);
        assert!(matches!(dense.arrays().0, Cow::Borrowed(_)));
        assert_eq!(
            (dense.len(), dense.df(1), dense.tf(1), dense.df(2)),
            (2, 2, 4, 0)
        );
    }
}
