//! The one XML writer, for SVG and KML: elements, attributes and text, escaped as they are
//! written (control characters, which XML 1.0 forbids, become spaces).

use std::fmt::{self, Display, Write as _};

/// Writes `text` escaped for XML content and attribute values.
struct Escaped<'a>(&'a mut String);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for ch in s.chars() {
            match ch {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&apos;"),
                c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {
                    self.0.push(' ');
                }
                c => self.0.push(c),
            }
        }
        Ok(())
    }
}

/// `text` escaped for XML.
///
/// # Examples
/// ```
/// use range_rings::export::xml::escape;
/// assert_eq!(escape("A & B <\"c\">\u{1}"), "A &amp; B &lt;&quot;c&quot;&gt; ");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = Escaped(&mut out).write_str(text);
    out
}

/// An XML document written element by element: `start`, `attr`..., then `text` or children,
/// then `end`. Elements are closed in order; an element without content is written `<a/>`.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    open: Vec<&'static str>,
    in_start_tag: bool,
}

impl XmlWriter {
    /// A document starting with the XML declaration.
    pub fn with_declaration() -> Self {
        let mut w = Self::default();
        w.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w
    }

    /// A fragment (no declaration), e.g. SVG.
    pub fn new() -> Self {
        Self::default()
    }

    fn close_start_tag(&mut self) {
        if self.in_start_tag {
            self.out.push('>');
            self.in_start_tag = false;
        }
    }

    /// Opens element `name`.
    pub fn start(&mut self, name: &'static str) -> &mut Self {
        self.close_start_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.open.push(name);
        self.in_start_tag = true;
        self
    }

    /// Adds an attribute to the element just opened; the value is escaped.
    pub fn attr(&mut self, name: &str, value: impl Display) -> &mut Self {
        debug_assert!(self.in_start_tag, "attribute {name} outside a start tag");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        let _ = write!(Escaped(&mut self.out), "{value}");
        self.out.push('"');
        self
    }

    /// Adds the attribute only when `value` is `Some`.
    pub fn attr_opt(&mut self, name: &str, value: Option<impl Display>) -> &mut Self {
        if let Some(value) = value {
            self.attr(name, value);
        }
        self
    }

    /// Writes escaped text into the element just opened.
    pub fn text(&mut self, text: impl Display) -> &mut Self {
        self.close_start_tag();
        let _ = write!(Escaped(&mut self.out), "{text}");
        self
    }

    /// Closes the innermost open element, then starts a new line.
    pub fn end(&mut self) -> &mut Self {
        if let Some(name) = self.open.pop() {
            if self.in_start_tag {
                self.out.push_str("/>");
                self.in_start_tag = false;
            } else {
                self.out.push_str("</");
                self.out.push_str(name);
                self.out.push('>');
            }
            self.out.push('\n');
        }
        self
    }

    /// `<name>text</name>` in one call.
    pub fn element(&mut self, name: &'static str, text: impl Display) -> &mut Self {
        self.start(name).text(text).end()
    }

    /// The document, with every element still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nests_escapes_and_closes() {
        let mut w = XmlWriter::with_declaration();
        w.start("a").attr("x", "1 & \"2\"");
        w.start("b").end();
        w.element("c", "<tag>\u{7}");
        let text = w.finish();
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x=\"1 &amp; &quot;2&quot;\"><b/>\n<c>&lt;tag&gt; </c>\n</a>\n"
        );
    }
}
