//! The one place report markup is written. Every piece of text goes through [`escape`] here, so
//! an agency named `<script>` prints as its name; the reports build pages from these blocks and
//! never write markup of their own.

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

/// One table cell: its text and, when it carries a meaning beyond its words, a class.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    text: String,
    class: Option<&'static str>,
}

impl Cell {
    /// A cell whose text is shaded by `class` (`met`, `not-met`, `no-record`, `not-yet-due`, `waived`, `number`).
    pub fn with_class(text: impl Into<String>, class: &'static str) -> Cell {
        Cell {
            text: text.into(),
            class: Some(class),
        }
    }

    /// A number, right-aligned.
    pub fn number(n: impl ToString) -> Cell {
        Cell::with_class(n.to_string(), "number")
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, class: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// A picture drawn with rectangles and text, for the map and the chart of the summary.
#[derive(Debug, Clone)]
pub struct Svg {
    width: u32,
    height: u32,
    body: String,
}

impl Svg {
    /// An empty picture of this size.
    pub fn new(width: u32, height: u32) -> Svg {
        Svg {
            width,
            height,
            body: String::new(),
        }
    }

    /// A filled rectangle with a thin outline; `fill` is a colour such as `#5865f2`.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, fill: &str) {
        let _ = write!(
            self.body,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{height:.1}" fill="{}" stroke="#666" stroke-width="0.5"/>"##,
            escape(fill)
        );
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, anchor: &str, size: u32, fill: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{}" font-size="{size}" fill="{}">{}</text>"#,
            escape(anchor),
            escape(fill),
            escape(text)
        );
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), stroke: &str) {
        let _ = write!(
            self.body,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="1"/>"#,
            from.0,
            from.1,
            to.0,
            to.1,
            escape(stroke)
        );
    }
}

/// A report page, built block by block.
#[derive(Debug, Clone, Default)]
pub struct Html {
    body: String,
}

impl Html {
    /// An empty page.
    pub fn new() -> Html {
        Html::default()
    }

    /// A heading of `level` 1 to 3.
    pub fn heading(&mut self, level: u8, text: &str) {
        let level = level.clamp(1, 3);
        let _ = writeln!(self.body, "<h{level}>{}</h{level}>", escape(text));
    }

    /// A paragraph.
    pub fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.body, "<p>{}</p>", escape(text));
    }

    /// A quieter paragraph (sources, what was left out).
    pub fn note(&mut self, text: &str) {
        let _ = writeln!(self.body, r#"<p class="note">{}</p>"#, escape(text));
    }

    /// A bulleted list.
    pub fn list<S: AsRef<str>>(&mut self, items: impl IntoIterator<Item = S>) {
        self.body.push_str("<ul>");
        for item in items {
            let _ = write!(self.body, "<li>{}</li>", escape(item.as_ref()));
        }
        self.body.push_str("</ul>\n");
    }

    /// Label and value pairs.
    pub fn facts<S: AsRef<str>>(&mut self, pairs: impl IntoIterator<Item = (S, String)>) {
        self.body.push_str(r#"<dl class="facts">"#);
        for (label, value) in pairs {
            let _ = write!(
                self.body,
                "<dt>{}</dt><dd>{}</dd>",
                escape(label.as_ref()),
                escape(&value)
            );
        }
        self.body.push_str("</dl>\n");
    }

    /// A table with a header row.
    pub fn table(&mut self, headers: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) {
        self.body.push_str("<table><thead><tr>");
        for h in headers {
            let _ = write!(self.body, "<th>{}</th>", escape(h));
        }
        self.body.push_str("</tr></thead><tbody>");
        for row in rows {
            self.body.push_str("<tr>");
            for cell in row {
                match cell.class {
                    Some(class) => {
                        let _ = write!(
                            self.body,
                            r#"<td class="{class}">{}</td>"#,
                            escape(&cell.text)
                        );
                    }
                    None => {
                        let _ = write!(self.body, "<td>{}</td>", escape(&cell.text));
                    }
                }
            }
            self.body.push_str("</tr>");
        }
        self.body.push_str("</tbody></table>\n");
    }

    /// A picture, with `title` for readers that cannot see it.
    pub fn svg(&mut self, picture: &Svg, title: &str) {
        let _ = writeln!(
            self.body,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}"><title>{t}</title>{body}</svg>"#,
            w = picture.width,
            h = picture.height,
            t = escape(title),
            body = picture.body
        );
    }

    /// The whole document: one self-contained file, its style inline, nothing fetched.
    pub fn finish(self, title: &str) -> String {
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
            escape(title),
            self.body
        )
    }
}

/// `document` with the audit chain's head written at its foot: the report anchors the history
/// outside the database (`g287 verify --head`).
pub fn with_chain_head(document: String, head: Option<&crate::store::ChainHead>) -> String {
    let Some(head) = head else {
        return document;
    };
    let footer = format!(
        "<footer class=\"anchor\"><p>{}</p></footer>\n</body>",
        escape(&head.in_words())
    );
    match document.rfind("</body>") {
        Some(at) => format!(
            "{}{footer}{}",
            &document[..at],
            &document[at + "</body>".len()..]
        ),
        None => document + &footer,
    }
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
        let mut page = Html::new();
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
        let html = page.finish("<title>");
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
