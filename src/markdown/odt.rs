//! OpenDocument text (`.odt`, LibreOffice Writer's own format): a ZIP
//! package whose `content.xml` holds the text. Read like a Word document
//! (see `docx.rs`): headings (`text:h`, or a `Heading 2` / `Title`
//! paragraph style) as `#` headings, bold spans (through their automatic
//! styles) as `**bold**`, lists as `- ` or `1. ` items, tables as pipe
//! tables, line breaks as new lines. Tracked deletions, notes, comments,
//! frames and tables of contents are left out. Each line points at the
//! number of the paragraph it came from.

use std::collections::HashMap;
use std::io::Cursor;

use roxmltree::{Document, Node};

use super::docx::{self, PackageError, Run};
use super::{LineWriter, Rewritten};

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";

/// The package's declared type for a text document.
pub(crate) const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// Most spaces one `text:s` stands for.
const MAX_SPACES: usize = 16;

/// Deepest list nesting kept as indentation.
const MAX_LIST_DEPTH: usize = 8;

/// The document's body as Markdown, each line with the number of the
/// paragraph it came from.
pub(crate) fn to_markdown(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
) -> Result<Rewritten, PackageError> {
    let Some(content) = docx::part(archive, "content.xml")? else {
        return Err(PackageError::Broken(
            "the package has no content.xml".into(),
        ));
    };
    let styles_xml = docx::part(archive, "styles.xml")?;
    let mut styles = Styles::default();
    if let Some(xml) = &styles_xml {
        styles.read(&docx::parse(xml, "styles.xml")?);
    }
    let doc = docx::parse(&content, "content.xml")?;
    styles.read(&doc);
    let text = doc
        .root_element()
        .children()
        .find(|n| is(n, OFFICE, "body"))
        .and_then(|body| body.children().find(|n| is(n, OFFICE, "text")))
        .ok_or_else(|| PackageError::Broken("content.xml has no text body".into()))?;
    let mut writer = Writer {
        styles: &styles,
        out: LineWriter::with_capacity(content.len() / 4),
        paragraph: 0,
        list_counters: Vec::new(),
    };
    writer.blocks(text);
    Ok(writer.out.finish(false))
}

fn is(node: &Node, namespace: &str, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(namespace)
}

/// What the import needs of a style: its parent, heading level, boldness
/// and list style.
#[derive(Debug, Default, Clone)]
struct Style {
    parent: Option<String>,
    display: String,
    outline: Option<usize>,
    bold: Option<bool>,
    list_style: Option<String>,
}

#[derive(Debug, Default)]
struct Styles {
    by_name: HashMap<String, Style>,
    /// List styles whose first level is numbered.
    numbered_lists: HashMap<String, bool>,
}

impl Styles {
    /// Reads the styles of a part (styles.xml, then content.xml's
    /// automatic styles).
    fn read(&mut self, doc: &Document) {
        for node in doc.descendants().filter(Node::is_element) {
            if is(&node, STYLE, "style") {
                let Some(name) = node.attribute((STYLE, "name")) else {
                    continue;
                };
                let bold = node
                    .children()
                    .find(|n| is(n, STYLE, "text-properties"))
                    .and_then(|p| p.attribute((FO, "font-weight")))
                    .map(|w| w == "bold" || w.parse::<u32>().is_ok_and(|weight| weight >= 600));
                self.by_name.insert(
                    name.to_string(),
                    Style {
                        parent: node
                            .attribute((STYLE, "parent-style-name"))
                            .map(str::to_string),
                        display: node
                            .attribute((STYLE, "display-name"))
                            .unwrap_or(name)
                            .to_ascii_lowercase()
                            .replace("_20_", " "),
                        outline: node
                            .attribute((STYLE, "default-outline-level"))
                            .and_then(|v| v.parse().ok()),
                        bold,
                        list_style: node
                            .attribute((STYLE, "list-style-name"))
                            .map(str::to_string),
                    },
                );
            } else if is(&node, TEXT, "list-style") {
                let Some(name) = node.attribute((STYLE, "name")) else {
                    continue;
                };
                let numbered = node
                    .children()
                    .find(Node::is_element)
                    .is_some_and(|level| is(&level, TEXT, "list-level-style-number"));
                self.numbered_lists.insert(name.to_string(), numbered);
            }
        }
    }

    fn chain<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (&'a str, Option<&'a Style>)> {
        let mut next = Some(name);
        std::iter::from_fn(move || {
            let name = next?;
            let style = self.by_name.get(name);
            next = style.and_then(|s| s.parent.as_deref());
            Some((name, style))
        })
        .take(16)
    }

    /// `Title`, `Heading 2` or a style with an outline level.
    fn heading_level(&self, name: &str) -> Option<usize> {
        self.chain(name).find_map(|(name, style)| {
            let display = style.map_or_else(
                || name.to_ascii_lowercase().replace("_20_", " "),
                |s| s.display.clone(),
            );
            let compact = display.replace(' ', "");
            if compact == "title" || compact == "heading" {
                return Some(1);
            }
            compact
                .strip_prefix("heading")
                .and_then(|n| n.parse::<usize>().ok())
                .or_else(|| style.and_then(|s| s.outline))
                .map(|n| n.clamp(1, 6))
        })
    }

    fn bold(&self, name: &str) -> bool {
        self.chain(name)
            .find_map(|(_, style)| style.and_then(|s| s.bold))
            .unwrap_or(false)
    }

    fn is_toc(&self, name: &str) -> bool {
        self.chain(name).any(|(name, style)| {
            let display = style.map_or_else(|| name.to_ascii_lowercase(), |s| s.display.clone());
            display.starts_with("contents ") || display.starts_with("toc ")
        })
    }
}

struct Writer<'a> {
    styles: &'a Styles,
    out: LineWriter,
    paragraph: usize,
    /// The next number at each depth of the open numbered lists.
    list_counters: Vec<usize>,
}

impl Writer<'_> {
    fn blocks(&mut self, parent: Node) {
        for node in parent.children().filter(Node::is_element) {
            if is(&node, TEXT, "p") || is(&node, TEXT, "h") {
                self.paragraph(node, None);
            } else if is(&node, TEXT, "list") {
                self.list(node, 0, None);
            } else if is(&node, TABLE, "table") {
                self.table(node);
            } else if is(&node, TEXT, "section") {
                self.blocks(node);
            }
            // Tracked changes (the deleted text), tables of contents,
            // indexes, frames and the rest are not the document's text.
        }
    }

    /// A list's items; `style` is the list style it inherits.
    fn list(&mut self, list: Node, depth: usize, inherited: Option<&str>) {
        // The list's style, the enclosing list's, or the one its first
        // paragraph's style names.
        let first_paragraph_style = || {
            list.descendants()
                .find(|n| is(n, TEXT, "p"))
                .and_then(|p| p.attribute((TEXT, "style-name")))
                .and_then(|name| {
                    self.styles
                        .chain(name)
                        .find_map(|(_, s)| s.and_then(|s| s.list_style.as_deref()))
                })
        };
        let style = list
            .attribute((TEXT, "style-name"))
            .or(inherited)
            .or_else(first_paragraph_style);
        let numbered = style
            .and_then(|s| self.styles.numbered_lists.get(s))
            .copied()
            .unwrap_or(false);
        let continues = list.attribute((TEXT, "continue-numbering")) == Some("true");
        let depth = depth.min(MAX_LIST_DEPTH);
        self.list_counters.resize(depth + 1, 1);
        if !continues {
            self.list_counters[depth] = 1;
        }
        for item in list
            .children()
            .filter(|n| is(n, TEXT, "list-item") || is(n, TEXT, "list-header"))
        {
            let mut first = true;
            for node in item.children().filter(Node::is_element) {
                if is(&node, TEXT, "p") || is(&node, TEXT, "h") {
                    let indent = "  ".repeat(depth);
                    let marker = if !first {
                        format!("{indent}  ")
                    } else if numbered {
                        let n = self.list_counters[depth];
                        self.list_counters[depth] = n.saturating_add(1);
                        format!("{indent}{n}. ")
                    } else {
                        format!("{indent}- ")
                    };
                    self.paragraph(node, Some(marker));
                    first = false;
                } else if is(&node, TEXT, "list") {
                    self.list(node, depth + 1, style);
                    self.list_counters.truncate(depth + 1);
                }
            }
        }
    }

    fn paragraph(&mut self, p: Node, marker: Option<String>) {
        self.paragraph += 1;
        let line = self.paragraph;
        let style = p.attribute((TEXT, "style-name")).unwrap_or("");
        if self.styles.is_toc(style) {
            return;
        }
        let mut runs = Vec::new();
        collect(p, self.styles, self.styles.bold(style), &mut runs);
        let lines = docx::render_lines(&runs);
        if lines.iter().all(|l| l.trim().is_empty()) {
            return;
        }
        let level = if is(&p, TEXT, "h") {
            Some(
                p.attribute((TEXT, "outline-level"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 6),
            )
        } else {
            self.styles.heading_level(style)
        };
        self.out.line("", line);
        if let (Some(level), None) = (level, &marker) {
            let heading = lines.join(" ").replace("**", "");
            self.out
                .line(&format!("{} {}", "#".repeat(level), heading.trim()), line);
            return;
        }
        for (i, text) in lines.iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            match (&marker, i) {
                (Some(marker), 0) => self.out.line(&format!("{marker}{text}"), line),
                (Some(marker), _) => {
                    let indent = " ".repeat(marker.chars().count());
                    self.out.line(&format!("{indent}{text}"), line);
                }
                (None, _) => self.out.line(&docx::escaped(text), line),
            }
        }
    }

    fn table(&mut self, table: Node) {
        let mut rows = Vec::new();
        table_rows(table, &mut rows);
        let cells_of = |row: Node<'_, '_>| -> usize {
            row.children()
                .filter(|n| is(n, TABLE, "table-cell") || is(n, TABLE, "covered-table-cell"))
                .map(|c| repeat(c).saturating_mul(span(c)))
                .fold(0usize, usize::saturating_add)
        };
        let columns = rows
            .iter()
            .map(|&r| cells_of(r))
            .max()
            .unwrap_or(0)
            .min(docx::MAX_COLUMNS);
        if columns <= 1 {
            for row in rows {
                for cell in row.children().filter(|n| is(n, TABLE, "table-cell")) {
                    self.blocks(cell);
                }
            }
            return;
        }
        self.out.line("", self.paragraph + 1);
        for (i, &row) in rows.iter().enumerate() {
            let line = self.paragraph + 1;
            let mut cells: Vec<String> = Vec::new();
            for cell in row
                .children()
                .filter(|n| is(n, TABLE, "table-cell") || is(n, TABLE, "covered-table-cell"))
            {
                let text = if is(&cell, TABLE, "table-cell") {
                    self.cell_text(cell)
                } else {
                    String::new()
                };
                // Repeated empty cells pad a row to the sheet's width.
                for _ in 0..repeat(cell).min(columns) {
                    if cells.len() < columns {
                        cells.push(text.clone());
                    } else if !text.is_empty() {
                        if let Some(last) = cells.last_mut() {
                            last.push_str("<br>");
                            last.push_str(&text);
                        }
                    }
                }
            }
            cells.resize(columns, String::new());
            self.out.line(&format!("| {} |", cells.join(" | ")), line);
            if i == 0 {
                let rule = vec!["---"; columns].join(" | ");
                self.out.line(&format!("| {rule} |"), line);
            }
        }
        self.out.line("", self.paragraph);
    }

    /// A cell's paragraphs on one line, joined by `<br>`, pipes escaped.
    fn cell_text(&mut self, cell: Node) -> String {
        let mut lines = Vec::new();
        for node in cell
            .descendants()
            .filter(|n| is(n, TEXT, "p") || is(n, TEXT, "h"))
        {
            // A paragraph inside a frame or a nested table's cell is read
            // with its own cell; a nested table's rows come here too.
            self.paragraph += 1;
            let style = node.attribute((TEXT, "style-name")).unwrap_or("");
            let mut runs = Vec::new();
            collect(node, self.styles, self.styles.bold(style), &mut runs);
            for text in docx::render_lines(&runs) {
                let text = text.trim();
                if !text.is_empty() {
                    lines.push(text.replace('|', "\\|"));
                }
            }
        }
        lines.join("<br>")
    }
}

/// A table's rows, also those inside header-row and row groups.
fn table_rows<'a, 'input>(parent: Node<'a, 'input>, out: &mut Vec<Node<'a, 'input>>) {
    for node in parent.children().filter(Node::is_element) {
        if is(&node, TABLE, "table-row") {
            out.push(node);
        } else if is(&node, TABLE, "table-header-rows")
            || is(&node, TABLE, "table-rows")
            || is(&node, TABLE, "table-row-group")
        {
            table_rows(node, out);
        }
    }
}

fn repeat(cell: Node) -> usize {
    cell.attribute((TABLE, "number-columns-repeated"))
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, docx::MAX_COLUMNS)
}

fn span(cell: Node) -> usize {
    cell.attribute((TABLE, "number-columns-spanned"))
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, docx::MAX_COLUMNS)
}

/// The text of a paragraph as runs: spans with their boldness, spaces
/// (`text:s`), tabs and line breaks; notes, comments, frames and change
/// marks left out.
fn collect(node: Node, styles: &Styles, bold: bool, runs: &mut Vec<Run>) {
    for child in node.children() {
        if child.is_text() {
            // Runs of white space in the XML are one space (`text:s`
            // stands for more).
            let raw = child.text().unwrap_or("");
            let mut text = String::with_capacity(raw.len());
            let mut space = false;
            for c in raw.chars() {
                if c.is_whitespace() {
                    if !space {
                        text.push(' ');
                    }
                    space = true;
                } else {
                    text.push(c);
                    space = false;
                }
            }
            push(runs, &text, bold);
            continue;
        }
        if !child.is_element() || child.tag_name().namespace() != Some(TEXT) {
            continue;
        }
        match child.tag_name().name() {
            "span" => {
                let style = child.attribute((TEXT, "style-name")).unwrap_or("");
                let bold = styles
                    .chain(style)
                    .find_map(|(_, s)| s.and_then(|s| s.bold))
                    .unwrap_or(bold);
                collect(child, styles, bold, runs);
            }
            "s" => {
                let count = child
                    .attribute((TEXT, "c"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(MAX_SPACES);
                push(runs, &" ".repeat(count), bold);
            }
            "tab" => push(runs, " ", bold),
            "line-break" => runs.push(Run {
                text: "\n".into(),
                bold,
            }),
            // Links, fields (dates, page numbers), ruby text.
            "a" | "ruby" | "ruby-base" | "meta" | "date" | "time" | "sequence" | "variable-get"
            | "user-field-get" | "title" | "subject" | "author-name" => {
                collect(child, styles, bold, runs)
            }
            _ => {}
        }
    }
}

fn push(runs: &mut Vec<Run>, text: &str, bold: bool) {
    match runs.last_mut() {
        Some(last) if last.bold == bold && last.text != "\n" => last.text.push_str(text),
        _ => runs.push(Run {
            text: text.to_string(),
            bold,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn odt(content_body: &str, automatic: &str) -> Vec<u8> {
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content xmlns:office=\"{OFFICE}\" xmlns:style=\"{STYLE}\" xmlns:text=\"{TEXT}\" xmlns:table=\"{TABLE}\" xmlns:fo=\"{FO}\"><office:automatic-styles>{automatic}</office:automatic-styles><office:body><office:text>{content_body}</office:text></office:body></office:document-content>"
        );
        let styles = format!(
            "<office:document-styles xmlns:office=\"{OFFICE}\" xmlns:style=\"{STYLE}\" xmlns:text=\"{TEXT}\" xmlns:fo=\"{FO}\"><office:styles><style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:default-outline-level=\"2\"/><text:list-style style:name=\"Numbering_20_123\"><text:list-level-style-number text:level=\"1\"/></text:list-style><text:list-style style:name=\"List_20_1\"><text:list-level-style-bullet text:level=\"1\"/></text:list-style></office:styles></office:document-styles>"
        );
        docx::tests::package(&[
            ("mimetype", MIMETYPE),
            ("content.xml", &content),
            ("styles.xml", &styles),
        ])
    }

    #[test]
    fn an_odt_document_reads_as_markdown() {
        let automatic = "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style><style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Heading_20_2\"/>";
        let body = "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion><text:p>deleted words</text:p></text:deletion></text:changed-region></text:tracked-changes>\
            <text:h text:outline-level=\"1\">Interview prep</text:h>\
            <text:p text:style-name=\"P1\">The late   pour</text:p>\
            <text:p><text:span text:style-name=\"T1\">Situation:</text:span> The crane was booked<text:s text:c=\"2\"/>for Saturday.<text:note><text:note-body><text:p>a footnote</text:p></text:note-body></text:note></text:p>\
            <text:list text:style-name=\"List_20_1\"><text:list-item><text:p>Rang the supplier</text:p></text:list-item></text:list>\
            <text:list text:style-name=\"Numbering_20_123\"><text:list-item><text:p>First</text:p></text:list-item><text:list-item><text:p>Second<text:line-break/>still second</text:p></text:list-item></text:list>\
            <table:table><table:table-row><table:table-cell><text:p>Result</text:p></table:table-cell><table:table-cell><text:p>Poured | on time</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"1000\"/></table:table-row></table:table>";
        let bytes = odt(body, automatic);
        let (md, lines) = docx::to_markdown(&bytes).unwrap();
        assert!(md.contains("\n# Interview prep\n"), "{md}");
        assert!(md.contains("\n## The late pour\n"), "{md}");
        assert!(
            md.contains("\n**Situation:** The crane was booked  for Saturday.\n"),
            "{md}"
        );
        assert!(md.contains("\n- Rang the supplier\n"), "{md}");
        assert!(md.contains("\n1. First\n"), "{md}");
        assert!(md.contains("\n2. Second\n   still second\n"), "{md}");
        let row = md.lines().find(|l| l.starts_with("| Result")).unwrap();
        assert!(row.starts_with("| Result | Poured \\| on time |"), "{row}");
        assert_eq!(row.matches(" | ").count(), docx::MAX_COLUMNS - 1);
        for gone in ["deleted words", "a footnote"] {
            assert!(!md.contains(gone), "{gone}: {md}");
        }
        assert_eq!(lines.len(), md.matches('\n').count());
    }
}
