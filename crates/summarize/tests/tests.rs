//! Integration tests of gist-summarize (one binary; one module per area).

mod rouge;
mod summarizers;
mod text;

/// Runs `f` in a pool of `threads` threads.
fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}
