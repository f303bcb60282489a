//! Phase timings of the word analyzer's `fit_transform`, printed to stderr with the
//! `phase-times` feature (a diagnostic for speed work; without the feature it compiles to
//! nothing).

/// A clock started when the first phase starts; each [`Phases::mark`] prints the time since the
/// previous mark, and on Linux the page faults the process took meanwhile (minor faults: the
/// first touches of fresh memory, a large part of a first fit's time).
pub(crate) struct Phases {
    #[cfg(feature = "phase-times")]
    last: std::time::Instant,
    #[cfg(feature = "phase-times")]
    faults: Option<u64>,
}

/// The process's minor page faults so far (field 10 of /proc/self/stat), where there is one.
#[cfg(feature = "phase-times")]
fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (in parentheses, which may hold spaces) start with
    // field 3; minflt is field 10.
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(7)?
        .parse()
        .ok()
}

impl Phases {
    /// Starts the clock.
    #[inline]
    pub(crate) fn start() -> Phases {
        Phases {
            #[cfg(feature = "phase-times")]
            last: std::time::Instant::now(),
            #[cfg(feature = "phase-times")]
            faults: minor_faults(),
        }
    }

    /// Ends phase `name`: prints its duration in milliseconds (and page faults), then starts
    /// the next phase.
    #[inline]
    pub(crate) fn mark(&mut self, name: &str) {
        #[cfg(feature = "phase-times")]
        {
            let now = std::time::Instant::now();
            let faults = minor_faults();
            let taken = match (self.faults, faults) {
                (Some(a), Some(b)) => format!(", {} page faults", b - a),
                _ => String::new(),
            };
            eprintln!(
                "phase {name}: {:.2} ms{taken}",
                (now - self.last).as_secs_f64() * 1e3
            );
            // (Reading the count takes a few microseconds: the next phase starts after it.)
            self.last = std::time::Instant::now();
            self.faults = faults;
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

/// With the `phase-times` feature, prints `message()` as a line of its own (a figure of a phase,
/// such as the size of a region against what was written in it).
#[inline]
pub(crate) fn note(message: impl FnOnce() -> String) {
    #[cfg(feature = "phase-times")]
    eprintln!("{}", message());
    #[cfg(not(feature = "phase-times"))]
    let _ = message;
}
