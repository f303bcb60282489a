//! Writing results: buffered stdout, JSON Lines records, and text-format headers.

use serde::Serialize;
use std::io::{self, BufWriter, Stdout, Write};

/// Buffered standard output.
pub struct Output {
    out: BufWriter<Stdout>,
    /// Print a `==> id <==` header before each document's text output.
    headers: bool,
    first: bool,
}

impl Output {
    /// Output to stdout; `headers` when more than one document may be printed as text.
    pub fn new(headers: bool) -> Output {
        Output {
            out: BufWriter::with_capacity(1 << 16, io::stdout()),
            headers,
            first: true,
        }
    }

    /// Writes one JSON object and a newline.
    pub fn jsonl(&mut self, value: &impl Serialize) -> io::Result<()> {
        // (`io::Error::from` keeps the kind of a write error, so that a closed pipe is seen as
        // one.)
        serde_json::to_writer(&mut self.out, value).map_err(io::Error::from)?;
        self.out.write_all(b"\n")
    }

    /// Starts a document in text format (a header line between documents, when enabled).
    pub fn begin_text(&mut self, id: &str) -> io::Result<()> {
        if self.headers {
            if !self.first {
                self.out.write_all(b"\n")?;
            }
            writeln!(self.out, "==> {id} <==")?;
        }
        self.first = false;
        Ok(())
    }

    /// The underlying writer.
    pub fn writer(&mut self) -> &mut impl Write {
        &mut self.out
    }

    /// Flushes buffered output.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One line of text: interior line breaks and tabs become spaces.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r', '\t']) {
        s.replace(['\n', '\r', '\t'], " ").into()
    } else {
        s.into()
    }
}
