//! A report's content with no format of its own: headings, notes, fact lists, tables, pictures.
//! The reports build one [`Document`] and [`super::html`] and [`super::pdf`] render it, so the
//! HTML and the PDF of a report say the same things in the same order.

/// How a table cell's text is marked, beyond its words: a check's status shade, or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Requirement met (green).
    Met,
    /// Requirement not met (red).
    NotMet,
    /// Nothing on record (amber).
    NoRecord,
    /// Not yet due (grey).
    NotYetDue,
    /// Waived by a decision (blue).
    Waived,
    /// A number, right-aligned.
    Number,
}

impl Mark {
    /// The HTML class that carries the mark (and the name `Cell::with_class` takes).
    pub fn class(self) -> &'static str {
        match self {
            Mark::Met => "met",
            Mark::NotMet => "not-met",
            Mark::NoRecord => "no-record",
            Mark::NotYetDue => "not-yet-due",
            Mark::Waived => "waived",
            Mark::Number => "number",
        }
    }

    fn from_class(class: &str) -> Option<Mark> {
        [
            Mark::Met,
            Mark::NotMet,
            Mark::NoRecord,
            Mark::NotYetDue,
            Mark::Waived,
            Mark::Number,
        ]
        .into_iter()
        .find(|m| m.class() == class)
    }

    /// The background shade of a status, as `#rrggbb` (the HTML style's colours).
    pub fn shade(self) -> Option<&'static str> {
        match self {
            Mark::Met => Some("#d6f0d6"),
            Mark::NotMet => Some("#f7d4d4"),
            Mark::NoRecord => Some("#fbecc5"),
            Mark::NotYetDue => Some("#e6e6e6"),
            Mark::Waived => Some("#d7e1f7"),
            Mark::Number => None,
        }
    }
}

/// One table cell: its text and, when it carries a meaning beyond its words, a mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The words.
    pub text: String,
    /// The shade or alignment.
    pub mark: Option<Mark>,
}

impl Cell {
    /// A cell whose text is shaded by `class` (`met`, `not-met`, `no-record`, `not-yet-due`,
    /// `waived`, `number`); an unknown class marks nothing.
    pub fn with_class(text: impl Into<String>, class: &'static str) -> Cell {
        Cell {
            text: text.into(),
            mark: Mark::from_class(class),
        }
    }

    /// A cell with this mark.
    pub fn marked(text: impl Into<String>, mark: Mark) -> Cell {
        Cell {
            text: text.into(),
            mark: Some(mark),
        }
    }

    /// A number, right-aligned.
    pub fn number(n: impl ToString) -> Cell {
        Cell::marked(n.to_string(), Mark::Number)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, mark: None }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// Where a picture's text stands relative to its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

impl Anchor {
    fn parse(anchor: &str) -> Anchor {
        match anchor {
            "middle" => Anchor::Middle,
            "end" => Anchor::End,
            _ => Anchor::Start,
        }
    }

    /// SVG's name of it.
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One mark on a picture, in its own units (y down, text placed at its baseline).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled rectangle with a thin grey outline.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        width: f32,
        /// Height.
        height: f32,
        /// `#rrggbb`.
        fill: String,
    },
    /// A line of text.
    Text {
        /// Where the anchor is.
        x: f32,
        /// The baseline.
        y: f32,
        /// The words.
        text: String,
        /// Which part of the text is at `x`.
        anchor: Anchor,
        /// Font size.
        size: u32,
        /// `#rrggbb`.
        fill: String,
    },
    /// A straight line, one unit wide.
    Line {
        /// One end.
        from: (f32, f32),
        /// The other.
        to: (f32, f32),
        /// `#rrggbb`.
        stroke: String,
    },
}

/// A picture drawn with rectangles, lines and text, for the map and the chart of the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Svg {
    /// Width in its units.
    pub width: u32,
    /// Height in its units.
    pub height: u32,
    /// What is drawn, in order.
    pub shapes: Vec<Shape>,
}

impl Svg {
    /// An empty picture of this size.
    pub fn new(width: u32, height: u32) -> Svg {
        Svg {
            width,
            height,
            shapes: Vec::new(),
        }
    }

    /// A filled rectangle with a thin outline; `fill` is a colour such as `#5865f2`.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, fill: &str) {
        self.shapes.push(Shape::Rect {
            x,
            y,
            width,
            height,
            fill: fill.to_string(),
        });
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, anchor: &str, size: u32, fill: &str) {
        self.shapes.push(Shape::Text {
            x,
            y,
            text: text.to_string(),
            anchor: Anchor::parse(anchor),
            size,
            fill: fill.to_string(),
        });
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), stroke: &str) {
        self.shapes.push(Shape::Line {
            from,
            to,
            stroke: stroke.to_string(),
        });
    }
}

/// One block of a report, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1 to 3.
    Heading(u8, String),
    /// A paragraph.
    Paragraph(String),
    /// A quieter paragraph (sources, what was left out).
    Note(String),
    /// A bulleted list.
    List(Vec<String>),
    /// Label and value pairs.
    Facts(Vec<(String, String)>),
    /// A table with a header row.
    Table {
        /// The column headers.
        headers: Vec<String>,
        /// The rows, each as long as `headers`.
        rows: Vec<Vec<Cell>>,
    },
    /// A picture and its title for readers that cannot see it.
    Picture(Svg, String),
}

/// A whole report: its title, its blocks, and the line at its foot (the audit chain's head).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The title (the browser's tab, the PDF's metadata and running foot).
    pub title: String,
    /// The content.
    pub blocks: Vec<Block>,
    /// The last line, set apart (the history's end when the report was made).
    pub foot: Option<String>,
}

impl Document {
    /// An empty report.
    pub fn new(title: impl Into<String>) -> Document {
        Document {
            title: title.into(),
            ..Document::default()
        }
    }

    /// A heading of `level` 1 to 3.
    pub fn heading(&mut self, level: u8, text: &str) {
        self.blocks
            .push(Block::Heading(level.clamp(1, 3), text.to_string()));
    }

    /// A paragraph.
    pub fn paragraph(&mut self, text: &str) {
        self.blocks.push(Block::Paragraph(text.to_string()));
    }

    /// A quieter paragraph (sources, what was left out).
    pub fn note(&mut self, text: &str) {
        self.blocks.push(Block::Note(text.to_string()));
    }

    /// A bulleted list.
    pub fn list<S: AsRef<str>>(&mut self, items: impl IntoIterator<Item = S>) {
        self.blocks.push(Block::List(
            items.into_iter().map(|s| s.as_ref().to_string()).collect(),
        ));
    }

    /// Label and value pairs.
    pub fn facts<S: AsRef<str>>(&mut self, pairs: impl IntoIterator<Item = (S, String)>) {
        self.blocks.push(Block::Facts(
            pairs
                .into_iter()
                .map(|(l, v)| (l.as_ref().to_string(), v))
                .collect(),
        ));
    }

    /// A table with a header row.
    pub fn table(&mut self, headers: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) {
        self.blocks.push(Block::Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: rows.into_iter().collect(),
        });
    }

    /// A picture, with `title` for readers that cannot see it.
    pub fn svg(&mut self, picture: &Svg, title: &str) {
        self.blocks
            .push(Block::Picture(picture.clone(), title.to_string()));
    }
}
