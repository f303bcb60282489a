//! How this machine's memory scales from one thread to two, the facts behind the two-thread
//! figures in results/tfidf.md: page faults (fresh pages touched once), memory bandwidth (copies
//! of buffers larger than the caches) and plain arithmetic, each done by one thread, then the
//! same total work split over two.
//!
//!     cargo run --release -p gist-tfidf --example machine_scaling

use std::time::Instant;

/// Best of `runs` wall-clock seconds of `f`.
fn best(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Runs `work(part)` for `part` in `0..threads`, one thread each, and waits for all.
fn split(threads: usize, work: impl Fn(usize) + Sync) {
    std::thread::scope(|s| {
        for part in 0..threads {
            let work = &work;
            s.spawn(move || work(part));
        }
    });
}

fn main() {
    const MB: usize = 1 << 20;
    let fault_bytes = 64 * MB;
    let copy_bytes = 32 * MB;
    let copies = 20;
    let steps: u64 = 200_000_000;
    println!("work split over 1 and 2 threads (best of 7; ratio = 1 thread / 2 threads)");
    let mut one = [0.0; 3];
    for threads in [1usize, 2] {
        // Page faults: each thread allocates its share (zeroed by the kernel, mapped lazily)
        // and writes one byte per 4 KiB page.
        let faults = best(7, || {
            split(threads, |_| {
                let mut v = vec![0u8; fault_bytes / threads];
                for i in (0..v.len()).step_by(4096) {
                    v[i] = 1;
                }
                std::hint::black_box(&v);
            })
        });
        // Bandwidth: each thread copies its own 32 MiB buffer `copies` times (the work of two
        // threads is twice that of one: rates are compared; GB/s counts bytes copied, each
        // read once and written once).
        let sources: Vec<Vec<u8>> = (0..threads).map(|_| vec![1u8; copy_bytes]).collect();
        let copy = best(7, || {
            split(threads, |part| {
                let mut dst = vec![2u8; copy_bytes];
                for _ in 0..copies {
                    dst.copy_from_slice(std::hint::black_box(&sources[part]));
                }
                std::hint::black_box(&dst);
            })
        });
        let gbs = (threads * copies * copy_bytes) as f64 / copy / 1e9;
        // Arithmetic: each thread runs the same dependent multiply-add chain.
        let arith = best(3, || {
            split(threads, |_| {
                let mut x = 1u64;
                for _ in 0..steps / threads as u64 {
                    x = std::hint::black_box(x)
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                }
                std::hint::black_box(x);
            })
        });
        println!(
            "{threads} thread(s): page faults {:.2} us/page ({:.1} ms for 64 MiB), copies {gbs:.1} GB/s, arithmetic {:.1} ms",
            faults * 1e6 / (fault_bytes / 4096) as f64,
            faults * 1e3,
            arith * 1e3
        );
        if threads == 1 {
            one = [faults, gbs, arith];
        } else {
            println!(
                "scaling: page faults {:.2}x, bandwidth {:.2}x, arithmetic {:.2}x",
                one[0] / faults,
                gbs / one[1],
                one[2] / arith
            );
        }
    }
}
