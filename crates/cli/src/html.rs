//! `--format html`: one self-contained page (no scripts, no external resources) showing each
//! document with its summary sentences highlighted and its top keywords as weighted bars.

use gist::core::Span;
use std::io::{self, Write};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font:16px/1.55 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fafafa}
h1{font-size:1.5rem;margin-bottom:.25rem}
.sub{color:#666;margin-top:0}
section{background:#fff;border:1px solid #e3e3e3;border-radius:8px;padding:1rem 1.5rem;margin:1.5rem 0}
h2{font-size:1.1rem;word-break:break-all}
.cols{display:grid;grid-template-columns:minmax(0,2fr) minmax(12rem,1fr);gap:2rem}
.text p{margin:.6rem 0}
mark{background:#ffe58a;padding:0 .1rem;border-radius:2px}
mark .rank{font-size:.7rem;color:#7a5d00;vertical-align:super;margin-left:.15rem}
.kw{list-style:none;padding:0;margin:0}
.kw li{margin:.35rem 0}
.kw .term{display:flex;justify-content:space-between;font-size:.9rem}
.kw .score{color:#666;font-variant-numeric:tabular-nums}
.bar{height:.5rem;background:#3b82f6;border-radius:3px}
.summary{margin:0;padding-left:1.2rem}
@media (max-width:700px){.cols{grid-template-columns:1fr}}
";

/// Writes the start of the page.
pub fn begin(w: &mut impl Write, title: &str, subtitle: &str) -> io::Result<()> {
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        escape(title),
        escape(title),
        escape(subtitle)
    )
}

/// Writes one document: its text with the summary sentences highlighted (paragraph breaks
/// kept), the summary as a list, and the keywords as bars scaled to the best score.
pub fn document(
    w: &mut impl Write,
    id: &str,
    text: &str,
    summary: &[(Span, f64)],
    keywords: &[(String, f64)],
) -> io::Result<()> {
    writeln!(
        w,
        "<section>\n<h2>{}</h2>\n<div class=\"cols\">\n<div class=\"text\">",
        escape(id)
    )?;
    // Rank of each summary sentence by score (1 = best), shown beside the highlight.
    let mut order: Vec<usize> = (0..summary.len()).collect();
    order.sort_by(|&a, &b| summary[b].1.total_cmp(&summary[a].1).then(a.cmp(&b)));
    let mut rank = vec![0; summary.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r + 1;
    }
    let mut pos = 0usize;
    let mut para = String::from("<p>");
    let push_plain = |para: &mut String, s: &str, w: &mut dyn Write| -> io::Result<()> {
        // Blank lines end a paragraph.
        let mut parts = s.split("\n\n").peekable();
        while let Some(part) = parts.next() {
            para.push_str(&escape(part));
            if parts.peek().is_some() && !para.ends_with("<p>") {
                para.push_str("</p>");
                writeln!(w, "{para}")?;
                para.clear();
                para.push_str("<p>");
            }
        }
        Ok(())
    };
    for (i, (span, score)) in summary.iter().enumerate() {
        let Some(sentence) = span.get(text) else {
            continue;
        };
        if (span.start as usize) < pos {
            continue;
        }
        push_plain(&mut para, &text[pos..span.start as usize], w)?;
        para.push_str(&format!(
            "<mark title=\"score {score:.4}\">{}<span class=\"rank\">{}</span></mark>",
            escape(sentence),
            rank[i]
        ));
        pos = span.end as usize;
    }
    push_plain(&mut para, &text[pos..], w)?;
    para.push_str("</p>");
    writeln!(w, "{para}")?;
    writeln!(w, "</div>\n<div>")?;
    if !keywords.is_empty() {
        writeln!(w, "<h3>Keywords</h3>\n<ul class=\"kw\">")?;
        let best = keywords.iter().map(|k| k.1).fold(f64::MIN, f64::max);
        for (term, score) in keywords {
            let pct = if best > 0.0 {
                (score / best * 100.0).clamp(2.0, 100.0)
            } else {
                2.0
            };
            writeln!(
                w,
                "<li><div class=\"term\"><span>{}</span><span class=\"score\">{score:.3}</span></div>\
                 <div class=\"bar\" style=\"width:{pct:.1}%\"></div></li>",
                escape(term)
            )?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "<h3>Summary</h3>\n<ol class=\"summary\">")?;
    for (span, _) in summary {
        if let Some(s) = span.get(text) {
            writeln!(w, "<li>{}</li>", escape(s))?;
        }
    }
    writeln!(w, "</ol>\n</div>\n</div>\n</section>")
}

/// Writes the end of the page.
pub fn end(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "</body>\n</html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_summary_sentences_and_escapes() {
        let text = "First <b>one</b>. Second & last.\n\nNew para.";
        let mut out = Vec::new();
        document(
            &mut out,
            "doc<1>",
            text,
            &[(Span::new(18, 32), 0.5), (Span::new(34, 43), 0.9)],
            &[("last".to_string(), 2.0), ("para".to_string(), 1.0)],
        )
        .unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.contains("<h2>doc&lt;1&gt;</h2>"));
        assert!(html.contains("<p>First &lt;b&gt;one&lt;/b&gt;. <mark title=\"score 0.5000\">Second &amp; last.<span class=\"rank\">2</span></mark></p>"), "{html}");
        assert!(
            html.contains(
                "<p><mark title=\"score 0.9000\">New para.<span class=\"rank\">1</span></mark></p>"
            ),
            "{html}"
        );
        assert!(html.contains("style=\"width:100.0%\""));
        assert!(html.contains("style=\"width:50.0%\""));
    }
}
