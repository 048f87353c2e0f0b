//! A [`Document`] as a PDF: US Letter pages, DejaVu Sans embedded (subset, with a ToUnicode map,
//! so a reader can search and copy the names with their accents, apostrophes and dashes),
//! long text wrapped, tables broken across pages with their header row repeated, and each page
//! numbered.
//!
//! The layout is worked out first as pages of plain drawing operations ([`layout`]), which the
//! tests can read, and only then drawn with krilla.

use std::sync::{Arc, OnceLock};

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::document::{Anchor, Block, Cell, Document, Mark, Shape, Svg};

/// DejaVu Sans (Bitstream Vera licence, see `assets/fonts/DejaVu-LICENSE.txt`): it covers the
/// Latin, Greek and Cyrillic letters and the typographic punctuation that agency and officer
/// names carry, and it is in the binary so nothing is looked up on the machine.
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// Its bold, for headings, labels and table headers.
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// US Letter, in points: the program's coordinators print in the United States.
const PAGE_WIDTH: f32 = 612.0;
const PAGE_HEIGHT: f32 = 792.0;
/// Three quarters of an inch all round.
const MARGIN: f32 = 54.0;
const LEFT: f32 = MARGIN;
const RIGHT: f32 = PAGE_WIDTH - MARGIN;
const WIDTH: f32 = RIGHT - LEFT;
const TOP: f32 = MARGIN;
/// Where content stops; the page number sits below, in the margin.
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;

const INK: Rgb = Rgb(0x11, 0x11, 0x11);
const QUIET: Rgb = Rgb(0x44, 0x44, 0x44);
const RULE: Rgb = Rgb(0x33, 0x33, 0x33);
const BORDER: Rgb = Rgb(0x99, 0x99, 0x99);
const HEADER: Rgb = Rgb(0xe8, 0xe8, 0xe8);

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` (the pictures' and the style's colours); black when it is not one.
    fn hex(colour: &str) -> Rgb {
        let byte = |i: usize| {
            colour
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        };
        match (colour.len(), byte(1), byte(3), byte(5)) {
            (7, Some(r), Some(g), Some(b)) => Rgb(r, g, b),
            _ => Rgb(0, 0, 0),
        }
    }
}

/// One drawing operation, in points from the page's top left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A line of text; `y` is its baseline.
    Text {
        /// Left end.
        x: f32,
        /// Baseline.
        y: f32,
        /// Font size.
        size: f32,
        /// Bold or regular.
        bold: bool,
        /// Colour.
        colour: Rgb,
        /// The words.
        text: String,
    },
    /// A rectangle, filled and/or outlined.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// Fill colour.
        fill: Option<Rgb>,
        /// Outline colour and width.
        stroke: Option<(Rgb, f32)>,
    },
    /// A straight line.
    Line {
        /// One end.
        from: (f32, f32),
        /// The other.
        to: (f32, f32),
        /// Colour and width.
        stroke: (Rgb, f32),
    },
}

/// The two faces, parsed once, for measuring text.
struct Faces {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

fn faces() -> &'static Faces {
    static FACES: OnceLock<Faces> = OnceLock::new();
    FACES.get_or_init(|| Faces {
        // The fonts are part of the binary: their parsing is checked by the tests.
        regular: ttf_parser::Face::parse(REGULAR, 0).expect("the bundled regular font"),
        bold: ttf_parser::Face::parse(BOLD, 0).expect("the bundled bold font"),
    })
}

/// The width of `text` in points, by the fonts' advances (kerning aside, which only narrows).
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let faces = faces();
    let face = if bold { &faces.bold } else { &faces.regular };
    let units: u32 = text
        .chars()
        .map(|c| {
            let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
        })
        .sum();
    units as f32 * size / f32::from(face.units_per_em())
}

/// `text` in lines no wider than `width`: broken at spaces (and at line breaks), a word wider
/// than a line (a web address) broken between its letters.
pub fn wrap(text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        // Any other space (a tab, a carriage return) separates words too: the font has no
        // glyph for most of them.
        for word in paragraph
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
        {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if text_width(&line, size, bold) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// A line's height for a font size: the text and the space between lines.
fn leading(size: f32) -> f32 {
    size * 1.3
}

/// Pages being filled, top to bottom.
struct Layout {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("one page at least")
    }

    fn fresh(&self) -> bool {
        self.y <= TOP
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits below, or the page is still empty (then nothing
    /// would be gained).
    fn need(&mut self, height: f32) {
        if self.y + height > BOTTOM && !self.fresh() {
            self.new_page();
        }
    }

    /// Space between blocks, not carried to the top of a page.
    fn gap(&mut self, space: f32) {
        if !self.fresh() {
            self.y += space;
        }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, bold: bool, colour: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            x,
            y: baseline,
            size,
            bold,
            colour,
            text: text.to_string(),
        });
    }

    /// Wrapped lines at `x`, each line moved to a new page when it does not fit.
    fn lines(&mut self, x: f32, width: f32, size: f32, bold: bool, colour: Rgb, text: &str) {
        for line in wrap(text, width, size, bold) {
            self.need(leading(size));
            let baseline = self.y + size;
            self.text(x, baseline, size, bold, colour, &line);
            self.y += leading(size);
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, before) = match level {
            1 => (18.0, 0.0),
            2 => (13.5, 16.0),
            _ => (11.0, 10.0),
        };
        self.gap(before);
        let lines = wrap(text, WIDTH, size, true);
        // A heading is kept with a few lines of what follows it.
        self.need(lines.len() as f32 * leading(size) + 40.0);
        for line in lines {
            let baseline = self.y + size;
            self.text(LEFT, baseline, size, true, INK, &line);
            self.y += leading(size);
        }
        if level == 2 {
            let y = self.y + 1.0;
            self.ops().push(Op::Line {
                from: (LEFT, y),
                to: (RIGHT, y),
                stroke: (RULE, 1.5),
            });
            self.y += 4.0;
        }
        self.y += 4.0;
    }

    fn list(&mut self, items: &[String]) {
        let size = 10.0;
        for item in items {
            self.need(leading(size));
            let baseline = self.y + size;
            self.text(LEFT + 4.0, baseline, size, false, INK, "•");
            self.lines(LEFT + 16.0, WIDTH - 16.0, size, false, INK, item);
            self.y += 2.0;
        }
        self.y += 4.0;
    }

    fn facts(&mut self, pairs: &[(String, String)]) {
        let size = 9.5;
        let label_width = pairs
            .iter()
            .map(|(l, _)| text_width(l, size, true))
            .fold(0.0, f32::max)
            .min(WIDTH * 0.4)
            + 14.0;
        for (label, value) in pairs {
            let labels = wrap(label, label_width - 14.0, size, true);
            let values = wrap(value, WIDTH - label_width, size, false);
            let rows = labels.len().max(values.len());
            self.need(rows as f32 * leading(size));
            for i in 0..rows {
                self.need(leading(size));
                let baseline = self.y + size;
                if let Some(l) = labels.get(i) {
                    self.text(LEFT, baseline, size, true, INK, l);
                }
                if let Some(v) = values.get(i) {
                    self.text(LEFT + label_width, baseline, size, false, INK, v);
                }
                self.y += leading(size);
            }
            self.y += 1.5;
        }
        self.y += 6.0;
    }

    fn table(&mut self, headers: &[String], rows: &[Vec<Cell>]) {
        // Wide tables (the nominees' eleven columns) get a smaller type to stay readable.
        let size = if headers.len() > 8 { 7.0 } else { 8.5 };
        let pad = 3.0;
        let widths = column_widths(headers, rows, size, pad);
        let header: Vec<Vec<String>> = headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| wrap(h, w - 2.0 * pad, size, true))
            .collect();
        let header_height = row_height(&header, size, pad);
        let draw_header = |layout: &mut Layout| {
            let mut x = LEFT;
            let top = layout.y;
            for (lines, w) in header.iter().zip(&widths) {
                layout.ops().push(Op::Rect {
                    x,
                    y: top,
                    width: *w,
                    height: header_height,
                    fill: Some(HEADER),
                    stroke: Some((BORDER, 0.5)),
                });
                for (i, line) in lines.iter().enumerate() {
                    let baseline = top + pad + i as f32 * leading(size) + size;
                    layout.text(x + pad, baseline, size, true, INK, line);
                }
                x += w;
            }
            layout.y += header_height;
        };
        // The header with at least one line of the first row, or on the next page.
        self.need(header_height + leading(size) + 2.0 * pad);
        draw_header(self);
        for row in rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(&c.text, w - 2.0 * pad, size, false))
                .collect();
            let total = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut from = 0;
            while from < total {
                if self.y + leading(size) + 2.0 * pad > BOTTOM {
                    self.new_page();
                    draw_header(self);
                }
                // As many of the row's lines as fit here: all of them, unless the row is
                // taller than what is left of a page with only its header on it.
                let whole = row_height_lines(total - from, size, pad);
                let fit = if self.y + whole <= BOTTOM {
                    total - from
                } else if self.y > TOP + header_height + 0.5 {
                    self.new_page();
                    draw_header(self);
                    continue;
                } else {
                    (((BOTTOM - self.y - 2.0 * pad) / leading(size)).floor() as usize).max(1)
                };
                let to = (from + fit).min(total);
                let height = row_height_lines(to - from, size, pad);
                let top = self.y;
                let mut x = LEFT;
                for ((cell, lines), w) in row.iter().zip(&cells).zip(&widths) {
                    self.ops().push(Op::Rect {
                        x,
                        y: top,
                        width: *w,
                        height,
                        fill: cell.mark.and_then(Mark::shade).map(Rgb::hex),
                        stroke: Some((BORDER, 0.5)),
                    });
                    let right = cell.mark == Some(Mark::Number);
                    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
                        let baseline = top + pad + (i - from) as f32 * leading(size) + size;
                        let at = if right {
                            x + w - pad - text_width(line, size, false)
                        } else {
                            x + pad
                        };
                        self.text(at, baseline, size, false, INK, line);
                    }
                    x += w;
                }
                self.y += height;
                from = to;
            }
        }
        self.y += 10.0;
    }

    fn picture(&mut self, picture: &Svg) {
        let scale = (WIDTH / picture.width.max(1) as f32).min(1.0);
        let height = picture.height as f32 * scale;
        self.need(height);
        let (left, top) = (LEFT, self.y);
        let at = |x: f32, y: f32| (left + x * scale, top + y * scale);
        for shape in &picture.shapes {
            let op = match shape {
                Shape::Rect {
                    x,
                    y,
                    width,
                    height,
                    fill,
                } => {
                    let (x, y) = at(*x, *y);
                    Op::Rect {
                        x,
                        y,
                        width: width * scale,
                        height: height * scale,
                        fill: Some(Rgb::hex(fill)),
                        stroke: Some((Rgb(0x66, 0x66, 0x66), 0.5 * scale)),
                    }
                }
                Shape::Text {
                    x,
                    y,
                    text,
                    anchor,
                    size,
                    fill,
                } => {
                    let size = *size as f32 * scale;
                    let (x, y) = at(*x, *y);
                    let width = text_width(text, size, false);
                    let x = match anchor {
                        Anchor::Start => x,
                        Anchor::Middle => x - width / 2.0,
                        Anchor::End => x - width,
                    };
                    Op::Text {
                        x,
                        y,
                        size,
                        bold: false,
                        colour: Rgb::hex(fill),
                        text: text.clone(),
                    }
                }
                Shape::Line { from, to, stroke } => Op::Line {
                    from: at(from.0, from.1),
                    to: at(to.0, to.1),
                    stroke: (Rgb::hex(stroke), scale),
                },
            };
            self.ops().push(op);
        }
        self.y += height + 10.0;
    }
}

fn row_height_lines(lines: usize, size: f32, pad: f32) -> f32 {
    lines as f32 * leading(size) + 2.0 * pad
}

fn row_height(cells: &[Vec<String>], size: f32, pad: f32) -> f32 {
    row_height_lines(cells.iter().map(Vec::len).max().unwrap_or(1), size, pad)
}

/// Each column's width: at least its longest word (up to a share of the page), then what is
/// left shared by how much more each column's longest text would take.
fn column_widths(headers: &[String], rows: &[Vec<Cell>], size: f32, pad: f32) -> Vec<f32> {
    let n = headers.len().max(1);
    let mut least = vec![0.0_f32; n];
    let mut most = vec![0.0_f32; n];
    let mut measure = |i: usize, text: &str, bold: bool| {
        if i >= n {
            return;
        }
        let longest_word = text
            .split_whitespace()
            .map(|w| text_width(w, size, bold))
            .fold(0.0, f32::max);
        least[i] = least[i].max(longest_word.min(WIDTH * 0.25) + 2.0 * pad);
        most[i] = most[i].max(text_width(text, size, bold) + 2.0 * pad);
    };
    for (i, h) in headers.iter().enumerate() {
        measure(i, h, true);
    }
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            measure(i, &c.text, false);
        }
    }
    let floor: f32 = least.iter().sum();
    if floor >= WIDTH {
        return least.iter().map(|w| w * WIDTH / floor).collect();
    }
    let wanted: f32 = most.iter().zip(&least).map(|(m, l)| m - l).sum();
    let spare = WIDTH - floor;
    if wanted <= spare {
        // Everything fits on one line: the spare width goes to every column alike, so the
        // table spans the page as the HTML one does.
        let extra = (spare - wanted) / n as f32;
        return most.iter().map(|m| m + extra).collect();
    }
    least
        .iter()
        .zip(&most)
        .map(|(l, m)| l + (m - l) * spare / wanted)
        .collect()
}

/// Cuts `text` to `width`, ending it with an ellipsis when cut (the running foot's title).
fn fit(text: &str, width: f32, size: f32) -> String {
    if text_width(text, size, false) <= width {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && text_width(&format!("{out}…"), size, false) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// The document laid out on pages, each with its running foot (title, page N of M).
pub fn layout(document: &Document) -> Vec<Vec<Op>> {
    let mut l = Layout::new();
    for block in &document.blocks {
        match block {
            Block::Heading(level, text) => l.heading(*level, text),
            Block::Paragraph(text) => {
                l.lines(LEFT, WIDTH, 10.0, false, INK, text);
                l.y += 6.0;
            }
            Block::Note(text) => {
                l.lines(LEFT, WIDTH, 9.0, false, QUIET, text);
                l.y += 6.0;
            }
            Block::List(items) => l.list(items),
            Block::Facts(pairs) => l.facts(pairs),
            Block::Table { headers, rows } => l.table(headers, rows),
            Block::Picture(picture, _) => l.picture(picture),
        }
    }
    if let Some(foot) = &document.foot {
        l.gap(8.0);
        l.need(leading(8.5) + 6.0);
        let y = l.y;
        l.ops().push(Op::Line {
            from: (LEFT, y),
            to: (RIGHT, y),
            stroke: (BORDER, 0.5),
        });
        l.y += 5.0;
        l.lines(LEFT, WIDTH, 8.5, false, QUIET, foot);
    }
    let count = l.pages.len();
    for (i, ops) in l.pages.iter_mut().enumerate() {
        let size = 8.0;
        let baseline = PAGE_HEIGHT - MARGIN / 2.0;
        let number = format!("Page {} of {count}", i + 1);
        let number_width = text_width(&number, size, false);
        ops.push(Op::Text {
            x: LEFT,
            y: baseline,
            size,
            bold: false,
            colour: QUIET,
            text: fit(&document.title, WIDTH - number_width - 24.0, size),
        });
        ops.push(Op::Text {
            x: RIGHT - number_width,
            y: baseline,
            size,
            bold: false,
            colour: QUIET,
            text: number,
        });
    }
    l.pages
}

fn font(data: &'static [u8]) -> Result<Font, String> {
    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data);
    Font::new(data.into(), 0).ok_or_else(|| "the bundled font could not be read".to_string())
}

fn fill(colour: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(surface: &mut Surface<'_>, ops: &[Op], regular: &Font, bold: &Font) {
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                size,
                bold: is_bold,
                colour,
                text,
            } => {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*colour)));
                surface.draw_text(
                    Point::from_xy(*x, *y),
                    if *is_bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    },
                    *size,
                    text,
                    false,
                    TextDirection::Auto,
                );
            }
            Op::Rect {
                x,
                y,
                width,
                height,
                fill: inside,
                stroke,
            } => {
                let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else {
                    continue;
                };
                let mut path = PathBuilder::new();
                path.push_rect(rect);
                let Some(path) = path.finish() else {
                    continue;
                };
                surface.set_fill(inside.map(fill));
                surface.set_stroke(stroke.map(|(colour, width)| Stroke {
                    paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
                    width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
            Op::Line { from, to, stroke } => {
                let mut path = PathBuilder::new();
                path.move_to(from.0, from.1);
                path.line_to(to.0, to.1);
                let Some(path) = path.finish() else {
                    continue;
                };
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(stroke.0.0, stroke.0.1, stroke.0.2).into(),
                    width: stroke.1,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
}

/// The document as the bytes of a PDF file, or why it could not be made.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    let (regular, bold) = (font(REGULAR)?, font(BOLD)?);
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(document.title.clone())
            .creator("g287".to_string())
            .language("en-US".to_string()),
    );
    for ops in layout(document) {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| "the page size".to_string())?;
        let mut page = pdf.start_page_with(settings);
        let mut surface = page.surface();
        draw(&mut surface, &ops, &regular, &bold);
        surface.finish();
        page.finish();
    }
    pdf.finish()
        .map_err(|e| format!("the PDF could not be made: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &[Op]) -> Vec<&str> {
        page.iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_pdf_starts_as_one_and_embeds_its_font() {
        let mut d = Document::new("Compliance report: O’Brien — Sheriff");
        d.heading(1, "Compliance report: O’Brien — Sheriff");
        d.paragraph("José Pérez, Ñandú County");
        let bytes = render(&d).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("/FontFile2"), "a TrueType font embedded");
        assert!(text.contains("/ToUnicode"), "text that can be extracted");
        assert!(text.trim_end().ends_with("%%EOF"));
    }

    #[test]
    fn long_text_wraps_within_the_width_and_a_long_word_is_broken() {
        let text = "a coordinator records every decision with its grounds ".repeat(20);
        let lines = wrap(&text, 200.0, 10.0, false);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 200.0));
        assert_eq!(lines.join(" "), text.trim_end());
        let url = format!("https://example.org/{}", "x".repeat(300));
        let lines = wrap(&url, 100.0, 10.0, false);
        assert!(lines.len() > 3);
        assert_eq!(lines.concat(), url);
    }

    #[test]
    fn a_long_table_breaks_across_pages_with_its_header_row_repeated() {
        let mut d = Document::new("Long");
        d.heading(2, "History");
        d.table(
            &["When", "Who", "What changed"],
            (0..300).map(|i| {
                vec![
                    Cell::from(format!("row {i}")),
                    Cell::with_class("Not met", "not-met"),
                    Cell::number(i),
                ]
            }),
        );
        let pages = layout(&d);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        for (i, page) in pages.iter().enumerate() {
            let t = texts(page);
            assert!(t.contains(&"What changed"), "header on page {}", i + 1);
            assert!(
                t.contains(&format!("Page {} of {}", i + 1, pages.len()).as_str()),
                "page number on page {}",
                i + 1
            );
            for op in page {
                if let Op::Rect { y, height, .. } = op {
                    assert!(y + height <= BOTTOM + 0.01, "inside the margin");
                }
            }
        }
        let all: Vec<&str> = pages.iter().flat_map(|p| texts(p)).collect();
        for i in 0..300 {
            assert_eq!(
                all.iter().filter(|t| **t == format!("row {i}")).count(),
                1,
                "row {i} once"
            );
        }
        let shaded = pages
            .iter()
            .flatten()
            .filter(|op| matches!(op, Op::Rect { fill: Some(f), .. } if *f == Rgb::hex("#f7d4d4")))
            .count();
        assert_eq!(shaded, 300, "each status cell shaded");
        assert!(render(&d).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_row_taller_than_a_page_continues_on_the_next() {
        let mut d = Document::new("Tall");
        d.table(
            &["Note"],
            [
                vec![Cell::from("word ".repeat(3000))],
                vec![Cell::from("after")],
            ],
        );
        let pages = layout(&d);
        assert!(pages.len() >= 2);
        assert!(texts(&pages[1]).contains(&"Note"), "the header repeated");
        let words: usize = pages
            .iter()
            .flat_map(|p| texts(p))
            .filter(|t| t.starts_with("word"))
            .map(|t| t.split(' ').count())
            .sum();
        assert_eq!(words, 3000, "no word lost at the page break");
    }
}
