//! Shared helpers for gist's criterion benchmarks: loading the benchmark text.
