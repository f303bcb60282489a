//! Turning command-line inputs (files, directories, stdin, JSON Lines) into documents.
//!
//! Errors never stop a job: each bad input is reported with its file, line and byte offset and
//! the remaining documents are still read.

use gist::core::{Document, Language};
use std::borrow::Cow;
use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How inputs are read.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Inputs are JSON Lines with an id and a text field.
    pub jsonl: bool,
    /// Name of the id field in JSON Lines.
    pub id_field: String,
    /// Name of the text field in JSON Lines.
    pub text_field: String,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the document.
    pub lossy: bool,
    /// Language given to every document.
    pub language: Language,
}

/// A problem with one input, naming what and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file (or `<stdin>`).
    pub source: String,
    /// 1-based line, for JSON Lines.
    pub line: Option<usize>,
    /// Byte offset in the file (or in the line's text, for JSON Lines), where known.
    pub byte: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(byte) = self.byte {
            write!(f, " (byte offset {byte})")?;
        }
        Ok(())
    }
}

impl InputError {
    fn new(source: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            source: source.into(),
            line: None,
            byte: None,
            message: message.into(),
        }
    }
}

/// One place to read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file, with the id its document gets.
    File {
        /// Where to read.
        path: PathBuf,
        /// The id: the path as given, joined with the path below a directory argument.
        id: String,
    },
}

impl Source {
    /// The name used in messages and as the id of a plain-text stdin document.
    pub fn name(&self) -> &str {
        match self {
            Source::Stdin => "<stdin>",
            Source::File { id, .. } => id,
        }
    }

    /// Whether the source is read as JSON Lines: always with `--jsonl` (`forced`), else when it
    /// is a file named `*.jsonl` or `*.ndjson` (any case), which no one means as plain text.
    pub fn is_jsonl(&self, forced: bool) -> bool {
        forced
            || match self {
                Source::Stdin => false,
                Source::File { path, .. } => path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")
                }),
            }
    }

    /// Size in bytes, if known ahead.
    pub fn len(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File { path, .. } => fs::metadata(path).ok().map(|m| m.len()),
        }
    }
}

/// Expands the command-line inputs: `-` (or no input) is stdin; directories are walked
/// recursively for `*.txt` (or `*.jsonl`/`*.json` with `--jsonl`) files in sorted order; a file
/// named on the command line is taken whatever its name (see [`Source::is_jsonl`] for how it
/// is read).
/// Missing paths and directories without text files are errors; the other inputs are kept.
pub fn resolve(inputs: &[String], jsonl: bool) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    if inputs.is_empty() {
        sources.push(Source::Stdin);
    }
    for arg in inputs {
        if arg == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let path = Path::new(arg);
        match fs::metadata(path) {
            Err(e) => errors.push(InputError::new(arg.clone(), describe_io(&e))),
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                if let Err(e) = walk(path, path, jsonl, &mut found) {
                    errors.push(e);
                }
                if found.is_empty() {
                    let what = if jsonl { "*.jsonl" } else { "*.txt" };
                    errors.push(InputError::new(
                        arg.clone(),
                        format!("directory contains no {what} files"),
                    ));
                }
                found.sort();
                sources.extend(found.into_iter().map(|rel| Source::File {
                    id: path.join(&rel).to_string_lossy().into_owned(),
                    path: path.join(rel),
                }));
            }
            Ok(_) => sources.push(Source::File {
                path: path.to_path_buf(),
                id: arg.clone(),
            }),
        }
    }
    (sources, errors)
}

fn walk(root: &Path, dir: &Path, jsonl: bool, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let entries =
        fs::read_dir(dir).map_err(|e| InputError::new(dir.to_string_lossy(), describe_io(&e)))?;
    for entry in entries {
        let entry = entry.map_err(|e| InputError::new(dir.to_string_lossy(), describe_io(&e)))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| InputError::new(path.to_string_lossy(), describe_io(&e)))?;
        if file_type.is_dir() {
            walk(root, &path, jsonl, out)?;
        } else {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let wanted = if jsonl {
                ext == "jsonl" || ext == "json"
            } else {
                ext == "txt"
            };
            if wanted && let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    Ok(())
}

fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Decodes `bytes` as UTF-8, or replaces invalid sequences when `lossy`; the error names the
/// byte offset of the first invalid sequence.
fn decode(bytes: Vec<u8>, lossy: bool) -> Result<String, (usize, String)> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => decode_borrowed(e.as_bytes(), lossy).map(Cow::into_owned),
    }
}

/// [`decode`] of bytes that stay where they are (copied only when `lossy` replaces some).
fn decode_borrowed(bytes: &[u8], lossy: bool) -> Result<Cow<'_, str>, (usize, String)> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes)),
        Err(e) => Err((
            e.valid_up_to(),
            "invalid UTF-8 (use --lossy to replace invalid bytes)".to_string(),
        )),
    }
}

/// An item read from the inputs: a document (with the size of its input, for progress), or
/// an error.
pub type Item = Result<(Document, u64), InputError>;

/// Reads documents from `sources` in order, one at a time (a JSON Lines file is streamed
/// line by line, so inputs of any size can be processed in bounded memory).
pub struct Reader<'a> {
    sources: std::vec::IntoIter<Source>,
    options: &'a InputOptions,
    jsonl: Option<JsonlState>,
}

struct JsonlState {
    name: Arc<str>,
    lines: Box<dyn BufRead>,
    line: usize,
    /// The current line's bytes (one buffer for every line).
    buf: Vec<u8>,
}

impl<'a> Reader<'a> {
    /// A reader over `sources`.
    pub fn new(sources: Vec<Source>, options: &'a InputOptions) -> Reader<'a> {
        Reader {
            sources: sources.into_iter(),
            options,
            jsonl: None,
        }
    }

    fn open(source: &Source) -> Result<Box<dyn BufRead>, InputError> {
        match source {
            Source::Stdin => Ok(Box::new(BufReader::new(io::stdin()))),
            Source::File { path, id } => fs::File::open(path)
                .map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn BufRead>)
                .map_err(|e| InputError::new(id.clone(), describe_io(&e))),
        }
    }

    fn read_whole(&self, source: &Source) -> Item {
        let mut reader = Self::open(source)?;
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| InputError::new(source.name(), describe_io(&e)))?;
        let size = bytes.len() as u64;
        let text = decode(bytes, self.options.lossy).map_err(|(byte, message)| InputError {
            source: source.name().to_string(),
            line: None,
            byte: Some(byte),
            message,
        })?;
        let doc = Document::new(source.name(), text).with_language(self.options.language);
        Ok((doc, size))
    }

    fn next_jsonl_line(&mut self, defer: bool) -> Option<Raw> {
        let state = self.jsonl.as_mut()?;
        loop {
            state.buf.clear();
            state.line += 1;
            match state.lines.read_until(b'\n', &mut state.buf) {
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    let err = InputError {
                        source: state.name.to_string(),
                        line: Some(state.line),
                        byte: None,
                        message: describe_io(&e),
                    };
                    self.jsonl = None;
                    return Some(Raw::Ready(Err(err)));
                }
            }
            if state.buf.iter().all(u8::is_ascii_whitespace) {
                continue; // blank lines are allowed between records
            }
            if !defer {
                let size = state.buf.len() as u64;
                let doc = parse_jsonl_record(&state.buf, &state.name, state.line, self.options);
                return Some(Raw::Ready(doc.map(|doc| (doc, size))));
            }
            // (An allocation of the line's size, where reading into a new vector grew it.)
            return Some(Raw::Record {
                bytes: state.buf.clone(),
                source: Arc::clone(&state.name),
                line: state.line,
            });
        }
    }

    /// The next document or error; with `defer`, a JSON Lines record is left unparsed
    /// ([`Raw::parse`] parses it).
    pub fn next_raw(&mut self, defer: bool) -> Option<Raw> {
        loop {
            if let Some(raw) = self.next_jsonl_line(defer) {
                return Some(raw);
            }
            let source = self.sources.next()?;
            if !source.is_jsonl(self.options.jsonl) {
                return Some(Raw::Ready(self.read_whole(&source)));
            }
            match Self::open(&source) {
                Ok(lines) => {
                    self.jsonl = Some(JsonlState {
                        name: source.name().into(),
                        lines,
                        line: 0,
                        buf: Vec::new(),
                    })
                }
                Err(e) => return Some(Raw::Ready(Err(e))),
            }
        }
    }
}

/// A document as read: ready (or an error), or a JSON Lines record whose parsing is left to
/// the caller, so that records can be parsed in parallel while the next ones are read.
pub enum Raw {
    /// A document with the size of its input, or an error.
    Ready(Item),
    /// A JSON Lines record: its line, the name of its source and its line number (1-based).
    Record {
        bytes: Vec<u8>,
        source: Arc<str>,
        line: usize,
    },
}

impl Raw {
    /// The bytes of input this item covers (for progress).
    pub fn size(&self) -> u64 {
        match self {
            Raw::Ready(Ok((_, size))) => *size,
            Raw::Ready(Err(_)) => 0,
            Raw::Record { bytes, .. } => bytes.len() as u64,
        }
    }

    /// The document (a record parsed as `options` say), or the error.
    pub fn parse(self, options: &InputOptions) -> Item {
        match self {
            Raw::Ready(item) => item,
            Raw::Record {
                bytes,
                source,
                line,
            } => {
                let size = bytes.len() as u64;
                parse_jsonl_record(&bytes, &source, line, options).map(|doc| (doc, size))
            }
        }
    }
}

/// The record `bytes`, line `line` of the source named `name`.
fn parse_jsonl_record(
    bytes: &[u8],
    name: &str,
    line: usize,
    options: &InputOptions,
) -> Result<Document, InputError> {
    let at = |byte: Option<usize>, message: String| InputError {
        source: name.to_string(),
        line: Some(line),
        byte,
        message,
    };
    let decoded = decode_borrowed(bytes, options.lossy).map_err(|(b, m)| at(Some(b), m))?;
    // Without its line ending, the record is one line: serde_json's column (1-based, in bytes:
    // the last byte it read) is then where in the line the error is, also for a record cut
    // short (with the ending, that error was at column 0 of a second line).
    let record = decoded.trim_end_matches(['\n', '\r']);
    let value: serde_json::Value = serde_json::from_str(record).map_err(|e| {
        let full = e.to_string();
        let what = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(m, _)| m);
        at(
            Some(e.column().saturating_sub(1)),
            format!("invalid JSON: {what}"),
        )
    })?;
    // A record without an id is named by where it is.
    let place = || format!("{name}:{line}");
    // A record that is a string is a text on its own.
    if let serde_json::Value::String(text) = value {
        return Ok(Document::new(place(), text).with_language(options.language));
    }
    let serde_json::Value::Object(mut obj) = value else {
        return Err(at(
            None,
            "expected a JSON object (or a string: the text alone)".to_string(),
        ));
    };
    // The text and the id are moved out of the record, the other fields into the metadata.
    let text = match obj.remove(&options.text_field) {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => {
            return Err(at(
                None,
                format!("field {:?} is not a string", options.text_field),
            ));
        }
        None => {
            return Err(at(
                None,
                format!(
                    "missing text field {:?} (rename with --text-field)",
                    options.text_field
                ),
            ));
        }
    };
    let id = match obj.remove(&options.id_field) {
        // (One field may be both.)
        None if options.id_field == options.text_field => text.clone(),
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => {
            return Err(at(
                None,
                format!("field {:?} is not a string or number", options.id_field),
            ));
        }
        None => place(),
    };
    let mut doc = Document::new(id, text).with_language(options.language);
    doc.metadata.extend(obj);
    Ok(doc)
}

impl Iterator for Reader<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        self.next_raw(false).map(|raw| raw.parse(self.options))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(jsonl: bool) -> InputOptions {
        InputOptions {
            jsonl,
            id_field: "id".into(),
            text_field: "text".into(),
            lossy: false,
            language: Language::English,
        }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gist-cli-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn directories_are_walked_in_order_with_ids_joined() {
        let dir = temp_dir("walk");
        fs::create_dir_all(dir.join("b")).unwrap();
        fs::write(dir.join("b/2.txt"), "two").unwrap();
        fs::write(dir.join("1.txt"), "one").unwrap();
        fs::write(dir.join("skip.md"), "no").unwrap();
        let arg = dir.to_string_lossy().into_owned();
        let (sources, errors) = resolve(std::slice::from_ref(&arg), false);
        assert!(errors.is_empty());
        let ids: Vec<&str> = sources.iter().map(Source::name).collect();
        assert_eq!(
            ids,
            [
                format!("{arg}/1.txt").as_str(),
                format!("{arg}/b/2.txt").as_str()
            ]
        );
        let opts = options(false);
        let texts: Vec<String> = Reader::new(sources, &opts)
            .map(|r| r.unwrap().0.text().to_string())
            .collect();
        assert_eq!(texts, ["one", "two"]);
    }

    #[test]
    fn bad_inputs_are_named_and_others_kept() {
        let dir = temp_dir("bad");
        fs::write(dir.join("bad.txt"), b"ok \xff\xfe").unwrap();
        fs::write(dir.join("good.txt"), "fine").unwrap();
        let empty = dir.join("empty");
        fs::create_dir_all(&empty).unwrap();
        let args = [
            dir.join("bad.txt").to_string_lossy().into_owned(),
            dir.join("missing.txt").to_string_lossy().into_owned(),
            empty.to_string_lossy().into_owned(),
            dir.join("good.txt").to_string_lossy().into_owned(),
        ];
        let (sources, errors) = resolve(&args, false);
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0].to_string(),
            format!("{}: no such file or directory", args[1])
        );
        assert_eq!(
            errors[1].to_string(),
            format!("{}: directory contains no *.txt files", args[2])
        );
        let opts = options(false);
        let items: Vec<Item> = Reader::new(sources.clone(), &opts).collect();
        assert_eq!(
            items[0].as_ref().unwrap_err().to_string(),
            format!(
                "{}: invalid UTF-8 (use --lossy to replace invalid bytes) (byte offset 3)",
                args[0]
            )
        );
        assert_eq!(items[1].as_ref().unwrap().0.text(), "fine");
        let lossy = InputOptions {
            lossy: true,
            ..options(false)
        };
        let items: Vec<Item> = Reader::new(sources, &lossy).collect();
        assert_eq!(items[0].as_ref().unwrap().0.text(), "ok \u{fffd}\u{fffd}");
    }

    #[test]
    fn jsonl_records_fields_and_errors() {
        let dir = temp_dir("jsonl");
        let path = dir.join("in.jsonl");
        fs::write(
            &path,
            "{\"id\":\"a\",\"text\":\"Alpha.\",\"year\":2020}\n\n{\"text\":\"No id.\"}\nnot json\n{\"id\":7,\"body\":\"x\"}\n{\"id\":8,\"text\":\"Last.\"}\n{\"id\":9,\"text\":\r\n",
        )
        .unwrap();
        let arg = path.to_string_lossy().into_owned();
        let (sources, _) = resolve(std::slice::from_ref(&arg), true);
        let opts = options(true);
        let items: Vec<Item> = Reader::new(sources, &opts).collect();
        assert_eq!(items.len(), 6);
        let a = &items[0].as_ref().unwrap().0;
        assert_eq!((a.id(), a.text()), ("a", "Alpha."));
        assert_eq!(a.metadata["year"], 2020);
        assert_eq!(items[1].as_ref().unwrap().0.id(), format!("{arg}:3"));
        let e = items[2].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{arg}:4: invalid JSON: expected ident (byte offset 1)")
        );
        assert_eq!(
            items[3].as_ref().unwrap_err().to_string(),
            format!("{arg}:5: missing text field \"text\" (rename with --text-field)")
        );
        assert_eq!(items[4].as_ref().unwrap().0.id(), "8");
        // A record cut short: its last byte (its line ending aside), the last one read.
        assert_eq!(
            items[5].as_ref().unwrap_err().to_string(),
            format!("{arg}:7: invalid JSON: EOF while parsing a value (byte offset 14)")
        );
    }

    #[test]
    fn jsonl_records_give_their_fields_once_line_after_line() {
        // Text and id are moved out of the record, the other fields kept as metadata; a long
        // line, then a shorter one (one buffer for every line), an invalid byte in a string.
        let dir = temp_dir("fields");
        let path = dir.join("r.jsonl");
        let long = "word ".repeat(1000);
        let mut bytes = format!(
            "{{\"id\":\"long\",\"text\":\"{long}\",\"tags\":[\"x\"]}}\n{{\"text\":\"Short.\",\"id\":2}}\n"
        )
        .into_bytes();
        bytes.extend_from_slice(b"{\"id\":\"bad\",\"text\":\"caf\xE9\"}\n");
        fs::write(&path, bytes).unwrap();
        let arg = path.to_string_lossy().into_owned();
        let (sources, _) = resolve(std::slice::from_ref(&arg), true);
        let opts = options(true);
        let items: Vec<Item> = Reader::new(sources.clone(), &opts).collect();
        let first = &items[0].as_ref().unwrap().0;
        assert_eq!((first.id(), first.text()), ("long", long.as_str()));
        assert_eq!(first.metadata.len(), 1);
        assert_eq!(first.metadata["tags"], serde_json::json!(["x"]));
        let second = &items[1].as_ref().unwrap().0;
        assert_eq!((second.id(), second.text()), ("2", "Short."));
        assert!(second.metadata.is_empty());
        assert_eq!(
            items[2].as_ref().unwrap_err().to_string(),
            format!(
                "{arg}:3: invalid UTF-8 (use --lossy to replace invalid bytes) (byte offset 23)"
            )
        );
        let lossy = InputOptions {
            lossy: true,
            ..options(true)
        };
        let items: Vec<Item> = Reader::new(sources.clone(), &lossy).collect();
        assert_eq!(items[2].as_ref().unwrap().0.text(), "caf\u{FFFD}");
        // One field both the id and the text.
        let same = InputOptions {
            id_field: "text".to_string(),
            ..options(true)
        };
        let items: Vec<Item> = Reader::new(sources, &same).collect();
        let second = &items[1].as_ref().unwrap().0;
        assert_eq!((second.id(), second.text()), ("Short.", "Short."));
        assert_eq!(second.metadata["id"], 2);
    }

    #[test]
    fn jsonl_records_that_are_strings_are_texts_named_by_their_line() {
        let dir = temp_dir("strings");
        let path = dir.join("texts.jsonl");
        fs::write(&path, "\"First text.\"\n[1, 2]\n\n\"Second\\ntext.\"\n").unwrap();
        let arg = path.to_string_lossy().into_owned();
        let (sources, _) = resolve(std::slice::from_ref(&arg), false);
        let opts = options(false);
        let items: Vec<Item> = Reader::new(sources, &opts).collect();
        assert_eq!(items.len(), 3);
        let first = &items[0].as_ref().unwrap().0;
        assert_eq!(
            (first.id(), first.text()),
            (format!("{arg}:1").as_str(), "First text.")
        );
        assert_eq!(
            items[1].as_ref().unwrap_err().to_string(),
            format!("{arg}:2: expected a JSON object (or a string: the text alone)")
        );
        let second = &items[2].as_ref().unwrap().0;
        assert_eq!(
            (second.id(), second.text()),
            (format!("{arg}:4").as_str(), "Second\ntext.")
        );
    }

    #[test]
    fn files_named_jsonl_or_ndjson_are_json_lines_without_the_flag() {
        let dir = temp_dir("by-name");
        let record = "{\"id\":\"r\",\"text\":\"Body.\"}\n";
        for name in ["a.jsonl", "b.NDJSON", "c.txt", "d.json"] {
            fs::write(dir.join(name), record).unwrap();
        }
        let args: Vec<String> = ["a.jsonl", "b.NDJSON", "c.txt", "d.json"]
            .iter()
            .map(|n| dir.join(n).to_string_lossy().into_owned())
            .collect();
        let (sources, errors) = resolve(&args, false);
        assert!(errors.is_empty());
        let read = |opts: &InputOptions| -> Vec<(String, String)> {
            Reader::new(sources.clone(), opts)
                .map(|r| {
                    let doc = r.unwrap().0;
                    (doc.id().to_string(), doc.text().to_string())
                })
                .collect()
        };
        let whole = |i: usize| (args[i].clone(), record.to_string());
        let parsed = ("r".to_string(), "Body.".to_string());
        // By name: the first two are records, the others one plain-text document each.
        assert_eq!(
            read(&options(false)),
            [parsed.clone(), parsed.clone(), whole(2), whole(3)]
        );
        // --jsonl: every file is JSON Lines.
        assert_eq!(read(&options(true)), vec![parsed; 4]);
        assert!(!Source::Stdin.is_jsonl(false) && Source::Stdin.is_jsonl(true));
    }
}
