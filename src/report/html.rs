//! The one place report markup is written: a [`Document`] rendered as HTML. Every piece of text
//! goes through [`escape`] here, so an agency named `<script>` prints as its name; the reports
//! build documents and never write markup of their own.

use std::fmt::Write;

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's style: plain on screen, and on paper tables that do not split a row across pages,
/// headings kept with what follows, colours printed (the status words carry them too).
const STYLE: &str = r#"
body { font-family: "Fira Sans", "Helvetica Neue", Arial, sans-serif; color: #111; margin: 2em auto; max-width: 60em; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid #333; padding-bottom: 0.15em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.3em; }
p.note { color: #444; font-size: 0.9em; margin-top: 0.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #999; padding: 0.25em 0.45em; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.number, th.number { text-align: right; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1.2em; margin: 0.5em 0 1em; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.met { background: #d6f0d6; }
.not-met { background: #f7d4d4; }
.no-record { background: #fbecc5; }
.not-yet-due { background: #e6e6e6; }
.waived { background: #d7e1f7; }
ul { margin-top: 0.3em; }
svg { max-width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, dl.facts, svg { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"#;

use super::document::{Block, Document, Shape};
pub use super::document::{Cell, Svg};

/// The picture's shapes as SVG elements.
fn svg_body(picture: &Svg) -> String {
    let mut body = String::new();
    for shape in &picture.shapes {
        let _ = match shape {
            Shape::Rect {
                x,
                y,
                width,
                height,
                fill,
            } => write!(
                body,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{height:.1}" fill="{}" stroke="#666" stroke-width="0.5"/>"##,
                escape(fill)
            ),
            Shape::Text {
                x,
                y,
                text,
                anchor,
                size,
                fill,
            } => write!(
                body,
                r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{}" font-size="{size}" fill="{}">{}</text>"#,
                anchor.svg(),
                escape(fill),
                escape(text)
            ),
            Shape::Line { from, to, stroke } => write!(
                body,
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="1"/>"#,
                from.0,
                from.1,
                to.0,
                to.1,
                escape(stroke)
            ),
        };
    }
    body
}

/// One block as markup.
fn block(out: &mut String, block: &Block) {
    match block {
        Block::Heading(level, text) => {
            let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
        }
        Block::Paragraph(text) => {
            let _ = writeln!(out, "<p>{}</p>", escape(text));
        }
        Block::Note(text) => {
            let _ = writeln!(out, r#"<p class="note">{}</p>"#, escape(text));
        }
        Block::List(items) => {
            out.push_str("<ul>");
            for item in items {
                let _ = write!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Facts(pairs) => {
            out.push_str(r#"<dl class="facts">"#);
            for (label, value) in pairs {
                let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
            }
            out.push_str("</dl>\n");
        }
        Block::Table { headers, rows } => {
            out.push_str("<table><thead><tr>");
            for h in headers {
                let _ = write!(out, "<th>{}</th>", escape(h));
            }
            out.push_str("</tr></thead><tbody>");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = match cell.mark {
                        Some(mark) => write!(
                            out,
                            r#"<td class="{}">{}</td>"#,
                            mark.class(),
                            escape(&cell.text)
                        ),
                        None => write!(out, "<td>{}</td>", escape(&cell.text)),
                    };
                }
                out.push_str("</tr>");
            }
            out.push_str("</tbody></table>\n");
        }
        Block::Picture(picture, title) => {
            let _ = writeln!(
                out,
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title>{body}</svg>"#,
                w = picture.width,
                h = picture.height,
                t = escape(title),
                body = svg_body(picture)
            );
        }
    }
}

/// The whole document as one self-contained HTML file, its style inline, nothing fetched; the
/// foot line, when there is one, in a footer at the end.
pub fn render(document: &Document) -> String {
    let mut body = String::new();
    for b in &document.blocks {
        block(&mut body, b);
    }
    if let Some(foot) = &document.foot {
        let _ = writeln!(
            body,
            "<footer class=\"anchor\"><p>{}</p></footer>",
            escape(foot)
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
        escape(&document.title),
        body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_comes_out_as_text() {
        assert_eq!(
            escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        let mut page = Document::new("<title>");
        page.heading(1, "<b>Agency</b>");
        page.table(
            &["<th>"],
            [vec![Cell::from("<td>"), Cell::with_class("<i>", "met")]],
        );
        page.facts([("<dt>", "<dd>".to_string())]);
        page.list(["<li>"]);
        let mut svg = Svg::new(10, 10);
        svg.text(0.0, 0.0, "<text>", "start", 10, "#000");
        page.svg(&svg, "<title>");
        let html = render(&page);
        for tag in [
            "<b>", "<th>", "<td>", "<i>", "<dt>", "<dd>", "<li>", "<text>",
        ] {
            let escaped = escape(tag);
            assert!(html.contains(&escaped), "{tag} not escaped");
        }
        assert!(!html.contains("<b>") && !html.contains("<i>"));
        assert!(!html.contains("http-equiv") && !html.contains("<link") && !html.contains("src="));
    }
}
