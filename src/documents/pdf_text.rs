//! The text layer of a PDF, laid out in lines with positions, behind one function
//! ([`extract`]) so that the PDF crate can be swapped without touching the rules that read it.
//!
//! The crate is `pdf-extract` (on `lopdf`): it decodes the fonts (standard encodings,
//! `ToUnicode` maps, CID fonts) and hands over every glyph with its position. It does not lay
//! text out in reading order, so the glyphs are gathered here into lines by their baselines and
//! into spans by the gaps between them, much as `pdftotext -layout` does: a signature page
//! puts two parties side by side, and its values sit on the line above their labels.
//!
//! Before pdf-extract reads a document, the gaps it has on real MOAs are mended in the parsed
//! document: images are emptied (it parses any XObject as drawing operators), `ToUnicode`
//! maps get a plain header (its CMap parser finds nothing in scanners' maps), forms' matrices
//! move into their content (it ignores them), form cycles and blow-ups are cut (it recurses);
//! and form-field values and text notes, which it never draws, are added from the annotations.
//! CID fonts without widths (each advance one em) are laid out in drawing order.
//!
//! Limits: the time budget is checked between pages, so one hostile page can still take long;
//! pdf-extract's panics are caught (the default panic hook still prints them to stderr).

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
    blank_images(&mut doc);
    normalize_unicode_maps(&mut doc);
    apply_form_matrices(&mut doc);
    let too_costly = bound_forms(&mut doc);
    let started = Instant::now();
    let page_numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut collector = Collector::default();
    for number in page_numbers.into_iter().take(MAX_PAGES as usize) {
        if too_costly.contains(&number) {
            collector.pages.push(Page::default());
            continue;
        }
        // A page that cannot be read is left empty rather than losing the whole document.
        let before = collector.pages.len();
        collector.annotations = doc
            .get_pages()
            .get(&number)
            .map(|id| annotation_texts(&doc, *id))
            .unwrap_or_default();
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

/// Empties every image XObject: pdf-extract's `Do` reads any XObject's data as page content,
/// so each page scan (MB of JPEG) was decompressed and parsed as drawing operators: time
/// spent for nothing, and bytes that could by chance read as text.
fn blank_images(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        if let Ok(stream) = object.as_stream_mut()
            && stream.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() == Some(b"Image")
        {
            stream.set_plain_content(Vec::new());
        }
    }
}

/// Rewrites each font's `ToUnicode` map with a plain header, keeping its code ranges and
/// mappings as they are. Some producers (scanners' PDF makers, e.g. the 2025 Hamilton and
/// Lawrence MOAs) name the map `/Adobe-SI-*Times New Roman-Bold-9244-0`; the CMap parser under
/// pdf-extract then finds no mapping at all and every glyph of those fonts (titles included)
/// came out empty, although `pdftotext` reads them.
fn normalize_unicode_maps(doc: &mut lopdf::Document) {
    let ids: Vec<lopdf::ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"ToUnicode").ok()?.as_reference().ok())
        .collect();
    for id in ids {
        let Ok(stream) = doc.get_object_mut(id).and_then(|o| o.as_stream_mut()) else {
            continue;
        };
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        if let Some(plain) = plain_cmap(&content) {
            stream.set_plain_content(plain);
        }
    }
}

/// The CMap in `content` from its code-space ranges to `endcmap`, under a plain header; `None`
/// when it has no code-space ranges (left as it is).
fn plain_cmap(content: &[u8]) -> Option<Vec<u8>> {
    let find = |needle: &[u8]| content.windows(needle.len()).position(|w| w == needle);
    let ranges = find(b"begincodespacerange")?;
    let end = find(b"endcmap")?;
    // Back to the start of the line, to keep the count before the keyword.
    let start = content[..ranges]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    if end <= start {
        return None;
    }
    let mut plain =
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapType 2 def\n"
            .to_vec();
    plain.extend_from_slice(&content[start..end]);
    plain.extend_from_slice(b"endcmap\nend\nend\n");
    Some(plain)
}

/// Moves each form XObject's `/Matrix` into its content (as a leading `cm`): pdf-extract
/// ignores the matrix, so text filled in with Acrobat's Fill & Sign (each field a form placed
/// by its matrix, e.g. the ICE signer's name and date on the 2025 Hamilton MOA) landed at the
/// page's corner, all fields on top of each other.
fn apply_form_matrices(doc: &mut lopdf::Document) {
    for object in doc.objects.values_mut() {
        let Ok(stream) = object.as_stream_mut() else {
            continue;
        };
        if stream.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() != Some(b"Form") {
            continue;
        }
        let Some(matrix) = stream
            .dict
            .get(b"Matrix")
            .and_then(|o| o.as_array())
            .ok()
            .map(|a| {
                a.iter()
                    .filter_map(|n| n.as_float().ok())
                    .collect::<Vec<f32>>()
            })
            .filter(|m| m.len() == 6)
        else {
            continue;
        };
        if matrix == [1.0, 0.0, 0.0, 1.0, 0.0, 0.0] {
            continue;
        }
        let Ok(content) = stream.decompressed_content().or_else(|_| {
            if stream.dict.get(b"Filter").is_ok() {
                Err(())
            } else {
                Ok(stream.content.clone())
            }
        }) else {
            continue;
        };
        let mut new = matrix
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(" ")
            .into_bytes();
        new.extend_from_slice(b" cm\n");
        new.extend_from_slice(&content);
        stream.set_plain_content(new);
        stream.dict.remove(b"Matrix");
    }
}

/// Content bytes a form may expand to, past which its own forms are not drawn; and a page's.
const MAX_EXPANDED: u64 = 16 * 1024 * 1024;

/// Keeps form XObjects finite and small: pdf-extract draws a form by recursing into it, so a
/// form that (through others) draws itself would overflow the stack (an abort, not a panic),
/// and forms drawing forms many times over would take unbounded time. A form in a cycle, or
/// whose expansion passes [`MAX_EXPANDED`], loses its own forms; the numbers of the pages whose
/// expansion passes it are returned, to be left unread.
fn bound_forms(doc: &mut lopdf::Document) -> std::collections::HashSet<u32> {
    use std::collections::{HashMap, HashSet};
    type Id = lopdf::ObjectId;
    // Each object's forms (by reference), and its content's size and number of `Do`s.
    fn forms_of(doc: &lopdf::Document, resources: Option<&lopdf::Object>) -> Vec<Id> {
        let resources = match resources {
            Some(lopdf::Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Some(lopdf::Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let Some(xobjects) = resources.and_then(|r| r.get(b"XObject").ok()) else {
            return Vec::new();
        };
        let xobjects = match xobjects {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            lopdf::Object::Dictionary(d) => Some(d),
            _ => None,
        };
        xobjects
            .map(|x| {
                x.iter()
                    .filter_map(|(_, v)| v.as_reference().ok())
                    .collect()
            })
            .unwrap_or_default()
    }
    fn dos(content: &[u8]) -> u64 {
        content.windows(2).filter(|w| w == b"Do").count() as u64
    }
    let forms: HashMap<Id, (Vec<Id>, u64, u64)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let stream = o.as_stream().ok()?;
            (stream.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() == Some(b"Form"))
                .then_some(())?;
            let content = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            let children = forms_of(doc, stream.dict.get(b"Resources").ok());
            Some((*id, (children, content.len() as u64, dos(&content))))
        })
        .collect();
    // Depth-first, memoised: cost = own size + Do count × the costliest child.
    fn cost(
        id: Id,
        forms: &HashMap<Id, (Vec<Id>, u64, u64)>,
        memo: &mut HashMap<Id, u64>,
        on_path: &mut HashSet<Id>,
        cut: &mut HashSet<Id>,
    ) -> u64 {
        if let Some(c) = memo.get(&id) {
            return *c;
        }
        let Some((children, size, dos)) = forms.get(&id) else {
            return 0;
        };
        if !on_path.insert(id) {
            return u64::MAX;
        }
        let mut worst = 0u64;
        for child in children {
            let c = cost(*child, forms, memo, on_path, cut);
            if c == u64::MAX || c > MAX_EXPANDED {
                cut.insert(id);
            }
            worst = worst.max(c);
        }
        on_path.remove(&id);
        let total = if cut.contains(&id) {
            *size
        } else {
            size.saturating_add(dos.saturating_mul(worst))
        };
        memo.insert(id, total);
        total
    }
    let mut memo = HashMap::new();
    let mut cut = HashSet::new();
    for id in forms.keys() {
        cost(*id, &forms, &mut memo, &mut HashSet::new(), &mut cut);
    }
    for id in &cut {
        if let Ok(stream) = doc.get_object_mut(*id).and_then(|o| o.as_stream_mut()) {
            // Its resources may be shared: give it its own, without forms.
            let resources = stream.dict.get(b"Resources").ok().cloned();
            let mut own = match resources {
                Some(lopdf::Object::Dictionary(d)) => d,
                _ => lopdf::Dictionary::new(),
            };
            own.remove(b"XObject");
            stream.dict.set("Resources", own);
        }
    }
    let mut costly = HashSet::new();
    for (number, page_id) in doc.get_pages() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let children = forms_of(doc, page.get(b"Resources").ok());
        let content = doc.get_page_content(page_id).unwrap_or_default();
        let worst = children
            .iter()
            .map(|c| memo.get(c).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        let total = (content.len() as u64).saturating_add(dos(&content).saturating_mul(worst));
        if total > MAX_EXPANDED * 4 {
            costly.insert(number);
        }
    }
    costly
}

/// The text that a page's annotations show: the values of text fields (`/Widget` of a `/Tx`
/// field, its own `/V` or its parent's) and the contents of free-text notes, with where they
/// sit. pdf-extract draws only the page's content, while form fields hold typed values on
/// some MOAs (the 2025 Arcadia one: the agency's name on page 1, dates and names on the
/// signature page). Hidden annotations are left out. Each becomes one piece of text, its
/// baseline a third of the way up its box.
fn annotation_texts(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<(f64, f64, f64, String)> {
    let resolve = |o: &lopdf::Object| -> Option<lopdf::Dictionary> {
        match o {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
            lopdf::Object::Dictionary(d) => Some(d.clone()),
            _ => None,
        }
    };
    let Some(annots) = doc
        .get_dictionary(page)
        .ok()
        .and_then(|p| p.get(b"Annots").ok())
        .and_then(|a| match a {
            lopdf::Object::Reference(id) => doc.get_object(*id).ok()?.as_array().ok().cloned(),
            lopdf::Object::Array(a) => Some(a.clone()),
            _ => None,
        })
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for annot in annots.iter().take(500) {
        let Some(dict) = resolve(annot) else { continue };
        let subtype = dict
            .get(b"Subtype")
            .and_then(|o| o.as_name())
            .unwrap_or(b"");
        let hidden = dict.get(b"F").and_then(|o| o.as_i64()).unwrap_or(0) & 2 != 0;
        if hidden {
            continue;
        }
        let parent = dict.get(b"Parent").ok().and_then(resolve);
        let field = |key: &[u8]| {
            dict.get(key)
                .ok()
                .cloned()
                .or_else(|| parent.as_ref()?.get(key).ok().cloned())
        };
        let text = match subtype {
            b"Widget" => {
                let is_text = field(b"FT").and_then(|o| o.as_name().ok().map(<[u8]>::to_vec))
                    == Some(b"Tx".to_vec());
                if !is_text {
                    continue;
                }
                field(b"V")
            }
            b"FreeText" => dict.get(b"Contents").ok().cloned(),
            _ => continue,
        };
        let Some(lopdf::Object::String(bytes, _)) = text else {
            continue;
        };
        let text = pdf_string(&bytes);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(rect) = dict
            .get(b"Rect")
            .and_then(|o| o.as_array())
            .ok()
            .map(|a| {
                a.iter()
                    .filter_map(|n| n.as_float().ok())
                    .collect::<Vec<f32>>()
            })
            .filter(|r| r.len() == 4)
        else {
            continue;
        };
        let (x0, y0, y1) = (
            f64::from(rect[0].min(rect[2])),
            f64::from(rect[1].min(rect[3])),
            f64::from(rect[1].max(rect[3])),
        );
        if text.is_empty() || !(x0.is_finite() && y0.is_finite() && y1.is_finite()) {
            continue;
        }
        let size = ((y1 - y0) * 0.6).clamp(6.0, 12.0);
        out.push((x0 + 2.0, y0 + (y1 - y0) / 3.0, size, text));
    }
    out
}

/// A PDF text string: UTF-16BE with its byte-order mark, else one byte a character.
fn pdf_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|&b| char::from(b)).collect()
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
    /// Text of the page's form fields and text notes: x, baseline (from the page's bottom),
    /// size, text.
    annotations: Vec<(f64, f64, f64, String)>,
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
        if let Some((mut glyphs, height, width)) = self.current.take() {
            for (x, y, size, text) in std::mem::take(&mut self.annotations) {
                let chars = text.chars().count() as f64;
                glyphs.push(Glyph {
                    x,
                    y: height - y,
                    end: x + 0.5 * size * chars,
                    size,
                    text,
                    seq: glyphs.len(),
                    untrusted: false,
                });
            }
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

/// Removes the underscores and dashes of a form's underline where typed text is printed over
/// them (2025 signature pages: "_M__a_r_ch__2_6,_202_5__" for "March 26, 2025"). Rows longer
/// than a few thousand glyphs are left as they are, to keep this linear in practice.
fn drop_overprinted_rules(row: &mut Vec<Glyph>) {
    let is_rule = |g: &Glyph| {
        g.text
            .chars()
            .all(|c| matches!(c, '_' | '-' | '\u{2014}' | '\u{2013}'))
    };
    if row.len() > 4000 || !row.iter().any(is_rule) {
        return;
    }
    let keep: Vec<bool> = (0..row.len())
        .map(|i| {
            let g = &row[i];
            if !is_rule(g) {
                return true;
            }
            let width = (g.end - g.x).max(0.1);
            let overlaps =
                |o: &Glyph| !is_rule(o) && (g.end.min(o.end) - g.x.max(o.x)) > 0.3 * width;
            // Sorted by x: only neighbours that start before this one ends can overlap.
            let after = row[i + 1..]
                .iter()
                .take_while(|o| o.x < g.end)
                .any(overlaps);
            let before = row[..i].iter().rev().take(8).any(overlaps);
            !(after || before)
        })
        .collect();
    let mut flags = keep.into_iter();
    row.retain(|_| flags.next().unwrap_or(true));
}

/// Gathers glyphs into lines (baselines within 40% of the glyph size, at most 4.8 points: some
/// OCR layers claim huge sizes, and lines are at least 10 points apart) and each line into
/// spans (split where the gap is wider than two glyph sizes), inserting a space where the gap
/// is wider than 15% of the size: PDFs rarely draw their spaces where OCR made the text.
fn lay_out(glyphs: Vec<Glyph>) -> Vec<Line> {
    rejoin_split_words(lay_out_rows(glyphs))
}

/// OCR layers set some glyphs of a word a few points off the word's baseline ("Sheri" and,
/// 4 points higher, "ff"; a capital "N" over "ame:"): the pieces then fall on two lines, the
/// second starting exactly where the first ends. Such a piece is put back at the end of the
/// other (only between letters, only for lines less than 7 points apart).
fn rejoin_split_words(mut lines: Vec<Line>) -> Vec<Line> {
    for i in 0..lines.len() {
        for j in 0..lines.len() {
            if i == j || (lines[i].y - lines[j].y).abs() > 7.0 {
                continue;
            }
            let mut k = 0;
            while k < lines[j].spans.len() {
                let piece = &lines[j].spans[k];
                let joins = lines[i].spans.iter().position(|a| {
                    (piece.x0 - a.x1).abs() <= 1.0
                        && a.text.chars().last().is_some_and(char::is_alphabetic)
                        && piece.text.chars().next().is_some_and(char::is_alphabetic)
                });
                match joins {
                    Some(a) => {
                        let piece = lines[j].spans.remove(k);
                        let span = &mut lines[i].spans[a];
                        span.text.push_str(&piece.text);
                        span.x1 = span.x1.max(piece.x1);
                    }
                    None => k += 1,
                }
            }
        }
    }
    lines.retain(|l| !l.spans.is_empty());
    lines
}

fn lay_out_rows(mut glyphs: Vec<Glyph>) -> Vec<Line> {
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
            drop_overprinted_rules(&mut row);
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
