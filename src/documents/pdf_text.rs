//! The text layer of a PDF, laid out in lines with positions, behind one function
//! ([`extract`]) so that the PDF crate can be swapped without touching the rules that read it.
//!
//! The crate is `pdf-extract` (on `lopdf`): it decodes the fonts (standard encodings,
//! `ToUnicode` maps, CID fonts) and hands over every glyph with its position. It does not lay
//! text out in reading order, so the glyphs are gathered here into lines by their baselines and
//! into spans by the gaps between them, much as `pdftotext -layout` does: a signature page
//! puts two parties side by side, and its values sit on the line above their labels.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Larger inputs are not read: an MOA is a few MB, and parsing is done in memory.
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Pages past this are not read: an MOA has 10 to 14; this bounds the time on a huge file.
const MAX_PAGES: u32 = 60;
/// Reading stops after the page that passes this budget (checked between pages).
const TIME_BUDGET: Duration = Duration::from_secs(20);

/// One run of text on a line, with no wide gap inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// Left edge, in points from the page's left.
    pub x0: f64,
    /// Right edge, in points from the page's left.
    pub x1: f64,
    /// The text, single-spaced.
    pub text: String,
}

/// The spans that share one baseline, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Baseline, in points from the page's top.
    pub y: f64,
    /// The runs of text, left to right.
    pub spans: Vec<Span>,
}

impl Line {
    /// The line's text, its spans joined by three spaces (to keep columns apart).
    pub fn text(&self) -> String {
        self.spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("   ")
    }
}

/// One page's lines, top to bottom.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// Page width in points.
    pub width: f64,
}

impl Page {
    /// The page's text, one line a line.
    pub fn text(&self) -> String {
        self.lines
            .iter()
            .map(Line::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The text layer of a document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfText {
    /// The pages read, in order.
    pub pages: Vec<Page>,
    /// Glyphs drawn with a font that has no Unicode map for them: they carry no text.
    pub unmapped_glyphs: usize,
    /// Glyphs that carried text (spaces excluded).
    pub mapped_glyphs: usize,
}

/// Why no text could be had at all.
#[derive(Debug, Clone, PartialEq)]
pub enum TextError {
    /// The bytes are not a PDF the parser can open (the parser's words).
    NotPdf(String),
    /// The file is larger than [`MAX_BYTES`].
    TooLarge(usize),
    /// The PDF crate failed (or panicked) while reading the pages.
    Failed(String),
}

/// The text layer of the PDF in `bytes`, page by page. Never panics: the PDF crate's own
/// panics on malformed files are caught here (it asserts on many malformed structures), and
/// a document that fails part way keeps the pages read before. Time is bounded by the size
/// limit, the page limit and a budget checked between pages.
pub fn extract(bytes: &[u8]) -> Result<PdfText, TextError> {
    if bytes.len() > MAX_BYTES {
        return Err(TextError::TooLarge(bytes.len()));
    }
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(TextError::NotPdf("no %PDF- header".into()));
    }
    // Last resort: pdf-extract and lopdf unwrap and assert on malformed input, so a hostile
    // file would otherwise take the app down.
    match catch_unwind(AssertUnwindSafe(|| extract_inner(bytes))) {
        Ok(result) => result,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            Err(TextError::Failed(format!("the PDF parser panicked: {why}")))
        }
    }
}

fn extract_inner(bytes: &[u8]) -> Result<PdfText, TextError> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| TextError::NotPdf(e.to_string()))?;
    if doc.is_encrypted() {
        // Many published PDFs are "encrypted" with an empty user password (printing rights).
        doc.decrypt("")
            .map_err(|e| TextError::Failed(format!("encrypted: {e}")))?;
    }
    let started = Instant::now();
    let page_numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut collector = Collector::default();
    for number in page_numbers.into_iter().take(MAX_PAGES as usize) {
        // A page that cannot be read is left empty rather than losing the whole document.
        let before = collector.pages.len();
        let result = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut collector, number)
        }));
        if !matches!(result, Ok(Ok(()))) {
            collector.pages.truncate(before);
            collector.current = None;
            collector.pages.push(Page::default());
        }
        if started.elapsed() > TIME_BUDGET {
            break;
        }
    }
    Ok(PdfText {
        pages: collector.pages,
        unmapped_glyphs: collector.unmapped,
        mapped_glyphs: collector.mapped,
    })
}

/// A glyph as drawn: position (top-down), advance and size.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    end: f64,
    size: f64,
    text: String,
    /// Order of drawing on the page.
    seq: usize,
    /// Drawn with a font whose widths are missing (see `output_character`).
    untrusted: bool,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// The page being read: its glyphs, height and width.
    current: Option<(Vec<Glyph>, f64, f64)>,
    unmapped: usize,
    mapped: usize,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.current = Some((
            Vec::new(),
            media_box.ury - media_box.lly,
            media_box.urx - media_box.llx,
        ));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some((glyphs, _, width)) = self.current.take() {
            self.pages.push(Page {
                lines: lay_out(glyphs),
                width,
            });
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let Some((glyphs, height, _)) = self.current.as_mut() else {
            return Ok(());
        };
        if char.is_empty() {
            self.unmapped += 1;
            return Ok(());
        }
        // The same measures as pdf-extract's own plain-text output.
        // (trm.transform_vector of (size, size), written out to need no euclid.)
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        let (x, y) = (trm.m31, *height - trm.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        // A CID font without widths advances every glyph by exactly one em (the default),
        // seen in the OCR layers of 2020 MOAs: its positions along the line are then wrong
        // past each move, and only the order of drawing is right.
        let untrusted = width == 1.0;
        if char.trim().is_empty() && !untrusted {
            return Ok(());
        }
        if !char.trim().is_empty() {
            self.mapped += 1;
        }
        glyphs.push(Glyph {
            x,
            y,
            end: x + width * size,
            size,
            text: char.chars().filter(|c| !c.is_control()).collect(),
            seq: glyphs.len(),
            untrusted,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Gathers glyphs into lines (baselines within 30% of the glyph size, at most 3.6 points: some
/// OCR layers claim huge sizes, lines are at least 10 points apart, and a form's underline sits
/// a few points under its label) and each line into
/// spans (split where the gap is wider than two glyph sizes), inserting a space where the gap
/// is wider than 15% of the size: PDFs rarely draw their spaces where OCR made the text.
fn lay_out(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<(f64, f64, Vec<Glyph>)> = Vec::new();
    for glyph in glyphs {
        match rows.last_mut() {
            Some((y, size, row))
                if (glyph.y - *y).abs() <= 0.3 * size.max(glyph.size).min(12.0) =>
            {
                row.push(glyph);
                *size = size.max(row.last().map_or(0.0, |g| g.size));
            }
            _ => {
                let (y, size) = (glyph.y, glyph.size);
                rows.push((y, size, vec![glyph]));
            }
        }
    }
    rows.into_iter()
        .filter(|(_, _, row)| row.iter().any(|g| !g.text.trim().is_empty()))
        .map(|(_, _, mut row)| {
            let untrusted = row.iter().filter(|g| g.untrusted).count() * 2 > row.len();
            if untrusted {
                // Positions along the line are wrong: keep the order of drawing, one span.
                row.sort_by_key(|g| g.seq);
                let y = row.iter().map(|g| g.y).sum::<f64>() / row.len() as f64;
                // A move that is not the (one em) advance is where the OCR layer placed the
                // next word.
                let mut text = String::new();
                let mut last: Option<&Glyph> = None;
                for g in &row {
                    if let Some(prev) = last
                        && (g.x - prev.end).abs() > 0.25 * g.size
                    {
                        text.push(' ');
                    }
                    text.push_str(&g.text);
                    last = Some(g);
                }
                return Line {
                    y,
                    spans: vec![Span {
                        x0: row.iter().map(|g| g.x).fold(f64::INFINITY, f64::min),
                        x1: row.iter().map(|g| g.end).fold(f64::NEG_INFINITY, f64::max),
                        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                    }],
                };
            }
            row.retain(|g| !g.text.trim().is_empty());
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let y = row.iter().map(|g| g.y).sum::<f64>() / row.len() as f64;
            let mut spans: Vec<Span> = Vec::new();
            let mut last_end = f64::NEG_INFINITY;
            for glyph in row {
                let gap = glyph.x - last_end;
                let size = glyph.size.min(12.0);
                match spans.last_mut() {
                    Some(span) if gap <= 2.0 * size => {
                        if gap > 0.15 * size && !span.text.ends_with(' ') {
                            span.text.push(' ');
                        }
                        span.text.push_str(&glyph.text);
                        span.x1 = span.x1.max(glyph.end);
                    }
                    _ => spans.push(Span {
                        x0: glyph.x,
                        x1: glyph.end,
                        text: glyph.text.clone(),
                    }),
                }
                last_end = last_end.max(glyph.end);
            }
            Line { y, spans }
        })
        .collect()
}
