//! Text for a terminal: characters a terminal would obey rather than show are written as
//! `\uXXXX`.
//!
//! An agency name holding ESC and BEL, printed raw, cleared the screen and set the window's
//! title. Every line the commands write, and every error, goes through here. JSON output is
//! unchanged in meaning: serde already writes C0 controls as `\u00XX`, and the same escape for
//! the others (C1 controls, direction overrides) is valid JSON standing for the same text.

use std::io::{self, Write};

/// Whether `c` is written escaped: C0 controls but line feed and tab, DEL, C1 controls, and the
/// bidirectional overrides and isolates that reorder what follows them on screen.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// `text` with every character a terminal would act on written as `\uXXXX`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_char(&mut out, c);
    }
    out
}

fn push_char(out: &mut String, c: char) {
    if needs_escape(c) {
        out.push_str(&format!("\\u{:04x}", c as u32));
    } else {
        out.push(c);
    }
}

/// A writer that escapes ([`escape`]) what passes through it. A UTF-8 sequence split between
/// two writes is held until its end arrives.
pub struct Escaping<W: Write> {
    inner: W,
    carry: Vec<u8>,
}

impl<W: Write> Escaping<W> {
    /// Escapes what is written before passing it to `inner`.
    pub fn new(inner: W) -> Self {
        Escaping {
            inner,
            carry: Vec::new(),
        }
    }
}

/// Bytes that can start or be part of a character [`needs_escape`] catches: C0, DEL, the lead
/// byte of U+0080–U+009F, and the lead byte of U+2000–U+2FFF.
fn may_need_escape(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2 || b == 0xE2
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let data: &[u8] = if self.carry.is_empty() {
            buf
        } else {
            joined = [std::mem::take(&mut self.carry).as_slice(), buf].concat();
            &joined
        };
        // Only the bytes that can begin a character to escape are looked at; the runs between
        // them are copied whole (a national `check --format json` passes 150 MB through here).
        let mut run = 0;
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            if !may_need_escape(b) {
                i += 1;
                continue;
            }
            let width = match b {
                0xC2 => 2,
                0xE2 => 3,
                _ => 1,
            };
            if i + width > data.len() {
                // A character whose end comes in the next write.
                self.inner.write_all(&data[run..i])?;
                self.carry = data[i..].to_vec();
                return Ok(buf.len());
            }
            match std::str::from_utf8(&data[i..i + width])
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(c) if needs_escape(c) => {
                    self.inner.write_all(&data[run..i])?;
                    write!(self.inner, "\\u{:04x}", c as u32)?;
                    run = i + width;
                }
                Some(_) => {}
                None => {
                    self.inner.write_all(&data[run..i])?;
                    write!(self.inner, "\\x{b:02x}")?;
                    run = i + 1;
                    i += 1;
                    continue;
                }
            }
            i += width;
        }
        self.inner.write_all(&data[run..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        for b in std::mem::take(&mut self.carry) {
            write!(self.inner, "\\x{b:02x}")?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_shown_not_obeyed() {
        assert_eq!(
            escape("Polk\u{1b}]0;owned\u{7}\u{1b}[2J \u{202E}x\u{9b}\n\tok é"),
            "Polk\\u001b]0;owned\\u0007\\u001b[2J \\u202ex\\u009b\n\tok é"
        );
        let mut out = Escaping::new(Vec::new());
        let text = "a\u{1b}b \u{202E} é €";
        // Byte by byte: every UTF-8 sequence arrives split.
        for b in text.as_bytes() {
            out.write_all(&[*b]).unwrap();
        }
        out.flush().unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), escape(text));
        let json = serde_json::to_string("\u{1b}\u{202E}").unwrap();
        let mut out = Escaping::new(Vec::new());
        out.write_all(json.as_bytes()).unwrap();
        let back: String = serde_json::from_slice(&out.inner).unwrap();
        assert_eq!(back, "\u{1b}\u{202E}", "escaped JSON means the same text");
    }
}
