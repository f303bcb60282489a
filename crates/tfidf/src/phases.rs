//! Phase timings of the word analyzer's `fit_transform`, printed to stderr with the
//! `phase-times` feature (a diagnostic for speed work; without the feature it compiles to
//! nothing).

/// A clock started when the first phase starts; each [`Phases::mark`] prints the time since the
/// previous mark.
pub(crate) struct Phases {
    #[cfg(feature = "phase-times")]
    last: std::time::Instant,
}

impl Phases {
    /// Starts the clock.
    #[inline]
    pub(crate) fn start() -> Phases {
        Phases {
            #[cfg(feature = "phase-times")]
            last: std::time::Instant::now(),
        }
    }

    /// Ends phase `name`: prints its duration in milliseconds, then starts the next phase.
    #[inline]
    pub(crate) fn mark(&mut self, name: &str) {
        #[cfg(feature = "phase-times")]
        {
            let now = std::time::Instant::now();
            eprintln!(
                "phase {name}: {:.2} ms",
                (now - self.last).as_secs_f64() * 1e3
            );
            self.last = now;
        }
        #[cfg(not(feature = "phase-times"))]
        let _ = name;
    }
}

/// Runs `f`; with the `phase-times` feature, prints its duration as `phase {name()}` (for a
/// step inside a parallel phase, such as one chunk's share of it).
#[inline]
pub(crate) fn timed<R>(name: impl FnOnce() -> String, f: impl FnOnce() -> R) -> R {
    #[cfg(feature = "phase-times")]
    {
        let start = std::time::Instant::now();
        let r = f();
        eprintln!(
            "phase {}: {:.2} ms",
            name(),
            start.elapsed().as_secs_f64() * 1e3
        );
        r
    }
    #[cfg(not(feature = "phase-times"))]
    {
        let _ = name;
        f()
    }
}
