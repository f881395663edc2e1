//! Word documents (`.docx`, as Word, Google Docs, LibreOffice and Pages
//! save them; OpenDocument `.odt` files go on to `odt.rs`): a ZIP package whose `word/document.xml` holds the text.
//! The body is rewritten as Markdown for the rest of the import: heading
//! styles (`Heading 2`, `Title`, or any style with an outline level) as
//! `#` headings, bold runs as `**bold**` (so `Situation:` in bold reads as
//! a label), list paragraphs as `- ` or `1. ` items, tables as pipe tables,
//! soft line breaks as new lines. Deleted tracked changes, hidden text,
//! field codes, comments, headers, footers and tables of contents are left
//! out; inserted tracked changes count. Each line points at the number of
//! the paragraph it came from (a table row at its first paragraph), which
//! is what the stories' sources then name (`notes.docx:12`).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};

use super::{odt, spreadsheet, LineWriter, Rewritten};

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Largest part read from a package (a document's text is a few hundred
/// kilobytes; the limit stops a ZIP bomb).
const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;

/// Most XML nodes in one part.
const MAX_NODES: u32 = 4_000_000;

/// Deepest element nesting read: Word nests a dozen levels; far deeper is
/// a hostile file (it would exhaust the stack or the parser's namespaces).
const MAX_XML_DEPTH: usize = 256;

/// Most columns a table keeps; further cells join the last one.
pub(crate) const MAX_COLUMNS: usize = 64;

/// Highest list number (`w:start` is the file's word).
const MAX_LIST_NUMBER: usize = 100_000;

/// Where a package names its main document, and its parts' relationships.
const RELS: &str = "_rels/.rels";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Deepest `basedOn` chain followed between styles.
const MAX_STYLE_DEPTH: usize = 16;

/// Whether the bytes are a ZIP package (a `.docx`, `.xlsx`, `.odt`, ...).
pub(crate) fn is_package(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Why a package could not be read as a Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PackageError {
    /// A ZIP package of another kind (a spreadsheet, a presentation).
    NotWord(String),
    /// A damaged package or part.
    Broken(String),
    /// A damaged spreadsheet.
    BrokenWorkbook(String),
}

/// A damaged part of a spreadsheet is a damaged spreadsheet.
fn as_workbook_error(error: PackageError) -> PackageError {
    match error {
        PackageError::Broken(reason) => PackageError::BrokenWorkbook(reason),
        other => other,
    }
}

/// The document's body as Markdown, each line with the number of the
/// paragraph it came from.
pub(crate) fn to_markdown(bytes: &[u8]) -> Result<Rewritten, PackageError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| PackageError::Broken(format!("not a readable ZIP package: {e}")))?;
    // An OpenDocument package says what it is in its first file.
    if let Some(mimetype) = part(&mut archive, "mimetype")? {
        let mimetype = mimetype.trim();
        if mimetype == odt::MIMETYPE {
            return odt::to_markdown(&mut archive);
        }
        if mimetype == spreadsheet::ODS_MIMETYPE {
            return spreadsheet::ods_to_text(&mut archive).map_err(as_workbook_error);
        }
        if mimetype.starts_with("application/vnd.oasis.opendocument") {
            return Err(PackageError::NotWord(
                "an OpenDocument file of another kind (a presentation, drawing, formula or database)"
                    .to_string(),
            ));
        }
    }
    if spreadsheet::is_workbook(&archive) {
        return spreadsheet::xlsx_to_text(&mut archive).map_err(as_workbook_error);
    }
    // Word Online saves `word/document2.xml`: `_rels/.rels` names it.
    let main = match part(&mut archive, RELS)? {
        Some(xml) => target(&parse(&xml, RELS)?, "officeDocument", "").unwrap_or_default(),
        None => String::new(),
    };
    let main = if main.is_empty() {
        "word/document.xml".to_string()
    } else {
        main
    };
    let Some(document) = part(&mut archive, &main)? else {
        let kind = if archive.index_for_name("ppt/presentation.xml").is_some() {
            "a PowerPoint presentation (.pptx)"
        } else {
            "a ZIP archive"
        };
        return Err(PackageError::NotWord(kind.to_string()));
    };
    // The main part's own relationships name its styles and numbering.
    let folder = main.rsplit_once('/').map_or("", |(folder, _)| folder);
    let file = main
        .rsplit_once('/')
        .map_or(main.as_str(), |(_, file)| file);
    let rels_name = format!("{folder}/_rels/{file}.rels");
    let rels = part(&mut archive, &rels_name)?;
    let rels = match &rels {
        Some(xml) => Some(parse(xml, &rels_name)?),
        None => None,
    };
    let related = |kind: &str, default: &str| {
        rels.as_ref()
            .and_then(|doc| target(doc, kind, folder))
            .unwrap_or_else(|| format!("{folder}/{default}"))
    };
    let styles_name = related("styles", "styles.xml");
    let styles = match part(&mut archive, &styles_name)? {
        Some(xml) => Styles::parse(&parse(&xml, &styles_name)?),
        None => Styles::default(),
    };
    let numbering_name = related("numbering", "numbering.xml");
    let numbering = match part(&mut archive, &numbering_name)? {
        Some(xml) => Numbering::parse(&parse(&xml, &numbering_name)?),
        None => Numbering::default(),
    };
    let doc = parse(&document, &main)?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is_w(n, "body"))
        .ok_or_else(|| PackageError::Broken("word/document.xml has no body".into()))?;
    let mut writer = Writer {
        styles: &styles,
        numbering: &numbering,
        counters: HashMap::new(),
        out: LineWriter::with_capacity(document.len() / 4),
        paragraph: 0,
    };
    writer.blocks(body);
    Ok(writer.out.finish(false))
}

/// The text of a part of the package; `None` when the package lacks it.
pub(crate) fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, PackageError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(PackageError::Broken(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| PackageError::Broken(format!("{name}: {e}")))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(PackageError::Broken(format!(
            "{name} is over {MAX_PART_BYTES} bytes unpacked"
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| PackageError::Broken(format!("{name} is not UTF-8 XML")))
}

/// The part a relationship of `kind` (`officeDocument`, `styles`) points
/// at, as a path in the package; `folder` is where relative targets start.
fn target(rels: &Document, kind: &str, folder: &str) -> Option<String> {
    let rel = rels
        .root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Relationship")
        .filter(|n| n.tag_name().namespace() == Some(PACKAGE_RELS))
        .find(|n| {
            n.attribute("Type")
                .is_some_and(|t| t.rsplit('/').next() == Some(kind))
        })?;
    let target = rel.attribute("Target")?;
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if folder.is_empty() => target.to_string(),
        None => format!("{folder}/{target}"),
    };
    Some(path)
}

/// The deepest element nesting of an XML text, counted from its tags.
fn depth(xml: &str) -> usize {
    let bytes = xml.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + open;
        let Some(close) = memchr::memchr(b'>', &bytes[start..]) else {
            break;
        };
        let end = start + close;
        match bytes.get(start + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'?' | b'!') => {}
            _ if bytes[end - 1] == b'/' => {}
            _ => {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        at = end + 1;
    }
    deepest
}

pub(crate) fn parse<'a>(xml: &'a str, name: &str) -> Result<Document<'a>, PackageError> {
    if depth(xml) > MAX_XML_DEPTH {
        return Err(PackageError::Broken(format!(
            "{name} nests its elements over {MAX_XML_DEPTH} deep"
        )));
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(xml, options)
        .map_err(|e| PackageError::Broken(format!("{name}: {e}")))
}

fn is_w(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn w_child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| is_w(n, name))
}

fn w_val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((W, "val"))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn toggle(properties: Option<Node>, name: &str) -> Option<bool> {
    let node = w_child(properties?, name)?;
    Some(!matches!(w_val(node), Some("0" | "false" | "off")))
}

/// What a paragraph style means for the import.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    /// 0-based outline level (`Heading 1` is 0).
    outline: Option<u8>,
    bold: Option<bool>,
    num_id: Option<String>,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn parse(doc: &Document) -> Styles {
        let mut by_id = HashMap::new();
        for style in doc.root_element().children().filter(|n| is_w(n, "style")) {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            let ppr = w_child(style, "pPr");
            let name = w_child(style, "name")
                .and_then(w_val)
                .unwrap_or(id)
                .to_ascii_lowercase();
            by_id.insert(
                id.to_string(),
                Style {
                    name,
                    based_on: w_child(style, "basedOn")
                        .and_then(w_val)
                        .map(str::to_string),
                    outline: ppr
                        .and_then(|p| w_child(p, "outlineLvl"))
                        .and_then(w_val)
                        .and_then(|v| v.parse().ok()),
                    bold: toggle(w_child(style, "rPr"), "b"),
                    num_id: ppr
                        .and_then(|p| w_child(p, "numPr"))
                        .and_then(|n| w_child(n, "numId"))
                        .and_then(w_val)
                        .map(str::to_string),
                },
            );
        }
        Styles { by_id }
    }

    /// The style and those it is based on, nearest first.
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (&'a str, Option<&'a Style>)> {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.by_id.get(id);
            next = style.and_then(|s| s.based_on.as_deref());
            Some((id, style))
        })
        .take(MAX_STYLE_DEPTH)
    }

    /// The heading level of a paragraph style: `Title` 1, `Heading 1` 1,
    /// `Heading 2` 2, or its outline level; `None` for body text.
    fn heading_level(&self, id: &str) -> Option<usize> {
        for (id, style) in self.chain(id) {
            let name = style.map_or_else(|| id.to_ascii_lowercase(), |s| s.name.clone());
            let compact = name.replace(' ', "");
            // `Title`, and Pages' `Heading` without a number.
            if compact == "title" || compact == "heading" {
                return Some(1);
            }
            if let Some(n) = compact
                .strip_prefix("heading")
                .and_then(|n| n.parse::<usize>().ok())
            {
                return Some(n.clamp(1, 6));
            }
            if let Some(level) = style.and_then(|s| s.outline).filter(|&l| l < 9) {
                return Some((usize::from(level) + 1).min(6));
            }
        }
        None
    }

    /// A table of contents entry (`TOC 1`, `toc 2`).
    fn is_toc(&self, id: &str) -> bool {
        self.chain(id).any(|(id, style)| {
            let name = style.map_or_else(|| id.to_ascii_lowercase(), |s| s.name.clone());
            name.starts_with("toc") && name[3..].trim().parse::<u8>().is_ok()
        })
    }

    fn bold(&self, id: &str) -> bool {
        self.chain(id)
            .find_map(|(id, style)| {
                let strong = id.eq_ignore_ascii_case("strong");
                style.and_then(|s| s.bold).or(strong.then_some(true))
            })
            .unwrap_or(false)
    }

    fn num_id<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        self.chain(id)
            .find_map(|(_, style)| style.and_then(|s| s.num_id.as_deref()))
    }
}

/// List numbering: for each list (`numId`), its abstract definition and
/// the format and start of each level.
#[derive(Debug, Default)]
struct Numbering {
    lists: HashMap<String, List>,
}

#[derive(Debug, Clone)]
struct List {
    /// The sequence it counts in: lists of one abstract definition
    /// continue each other's numbers unless one restarts them.
    sequence: String,
    /// (format, start) by level.
    levels: Vec<(String, usize)>,
}

impl Numbering {
    fn parse(doc: &Document) -> Numbering {
        let root = doc.root_element();
        let start_of = |node: Node| {
            w_val(node)
                .and_then(|v| v.parse::<usize>().ok())
                .map(|n| n.min(MAX_LIST_NUMBER))
        };
        let mut abstracts: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
        for abs in root.children().filter(|n| is_w(n, "abstractNum")) {
            let Some(id) = abs.attribute((W, "abstractNumId")) else {
                continue;
            };
            let mut levels = vec![("bullet".to_string(), 1); 9];
            for lvl in abs.children().filter(|n| is_w(n, "lvl")) {
                let Some(ilvl) = lvl
                    .attribute((W, "ilvl"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|&l| l < 9)
                else {
                    continue;
                };
                let format = w_child(lvl, "numFmt").and_then(w_val).unwrap_or("bullet");
                let start = w_child(lvl, "start").and_then(start_of).unwrap_or(1);
                levels[ilvl] = (format.to_string(), start);
            }
            abstracts.insert(id, levels);
        }
        let mut lists = HashMap::new();
        for num in root.children().filter(|n| is_w(n, "num")) {
            let (Some(id), Some(abs)) = (
                num.attribute((W, "numId")),
                w_child(num, "abstractNumId").and_then(w_val),
            ) else {
                continue;
            };
            let Some(mut levels) = abstracts.get(abs).cloned() else {
                continue;
            };
            // `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>`:
            // this list restarts, and counts on its own.
            let mut restarts = false;
            for over in num.children().filter(|n| is_w(n, "lvlOverride")) {
                let ilvl = over
                    .attribute((W, "ilvl"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .filter(|&l| l < 9);
                let start = w_child(over, "startOverride").and_then(start_of);
                if let (Some(ilvl), Some(start)) = (ilvl, start) {
                    levels[ilvl].1 = start;
                    restarts = true;
                }
            }
            let sequence = if restarts {
                format!("num {id}")
            } else {
                format!("abstract {abs}")
            };
            lists.insert(id.to_string(), List { sequence, levels });
        }
        Numbering { lists }
    }
}

/// One run of text and whether it is bold.
pub(crate) struct Run {
    pub(crate) text: String,
    pub(crate) bold: bool,
}

/// What a paragraph holds: its heading level or list marker, and its
/// text as Markdown lines.
struct ParagraphText {
    heading: Option<usize>,
    list: Option<String>,
    lines: Vec<String>,
}

struct Writer<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    /// The next number of each level of each list sequence (0: not begun).
    counters: HashMap<String, [usize; 9]>,
    out: LineWriter,
    /// Paragraphs seen so far: the "line" each output line reports.
    paragraph: usize,
}

impl Writer<'_> {
    /// The block-level children of the body, a cell or a content control.
    fn blocks(&mut self, parent: Node) {
        for node in parent.children().filter(Node::is_element) {
            if is_w(&node, "p") {
                self.paragraph(node);
            } else if is_w(&node, "tbl") {
                self.table(node);
            } else if let Some(inner) = unwrapped(node) {
                self.blocks(inner);
            }
        }
    }

    fn paragraph(&mut self, p: Node) {
        self.paragraph += 1;
        let line = self.paragraph;
        let Some(text) = self.paragraph_text(p) else {
            return;
        };
        self.out.line("", line);
        if let Some(level) = text.heading {
            let heading = text.lines.join(" ");
            let heading = heading.replace("**", "");
            self.out
                .line(&format!("{} {}", "#".repeat(level), heading.trim()), line);
            return;
        }
        for (i, line_text) in text.lines.iter().enumerate() {
            let line_text = line_text.trim();
            if line_text.is_empty() {
                continue;
            }
            match (&text.list, i) {
                (Some(marker), 0) => self.out.line(&format!("{marker}{line_text}"), line),
                (Some(marker), _) => {
                    let indent = " ".repeat(marker.chars().count());
                    self.out.line(&format!("{indent}{line_text}"), line);
                }
                (None, _) => self.out.line(&escaped(line_text), line),
            }
        }
    }

    /// A paragraph's heading level or list marker and its lines; `None`
    /// for an empty paragraph or a table-of-contents entry.
    fn paragraph_text(&mut self, p: Node) -> Option<ParagraphText> {
        let ppr = w_child(p, "pPr");
        let style = ppr
            .and_then(|n| w_child(n, "pStyle"))
            .and_then(w_val)
            .unwrap_or("Normal");
        if self.styles.is_toc(style) {
            return None;
        }
        let mut runs = Vec::new();
        collect_runs(p, self.styles, self.styles.bold(style), &mut runs);
        let lines = render_lines(&runs);
        if lines.iter().all(|l| l.trim().is_empty()) {
            return None;
        }
        let heading = ppr
            .and_then(|n| w_child(n, "outlineLvl"))
            .and_then(w_val)
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&l| l < 9)
            .map(|l| (l + 1).min(6))
            .or_else(|| self.styles.heading_level(style));
        let list = if heading.is_some() {
            None
        } else {
            self.list_marker(ppr, style)
        };
        Some(ParagraphText {
            heading,
            list,
            lines,
        })
    }

    /// `- ` or `3. ` (indented by level) for a list paragraph.
    fn list_marker(&mut self, ppr: Option<Node>, style: &str) -> Option<String> {
        let num_pr = ppr.and_then(|n| w_child(n, "numPr"));
        let num_id = num_pr
            .and_then(|n| w_child(n, "numId"))
            .and_then(w_val)
            .or_else(|| self.styles.num_id(style))?;
        // `numId` 0 switches numbering off.
        if num_id == "0" {
            return None;
        }
        let ilvl: usize = num_pr
            .and_then(|n| w_child(n, "ilvl"))
            .and_then(w_val)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
            .min(8);
        let indent = "  ".repeat(ilvl);
        let Some(list) = self.numbering.lists.get(num_id) else {
            return Some(format!("{indent}- "));
        };
        let (format, start) = &list.levels[ilvl];
        let counters = self.counters.entry(list.sequence.clone()).or_default();
        // A deeper level restarts when a shallower one moves on.
        for deeper in &mut counters[ilvl + 1..] {
            *deeper = 0;
        }
        if matches!(format.as_str(), "bullet" | "none") {
            return Some(format!("{indent}- "));
        }
        let n = if counters[ilvl] == 0 {
            *start
        } else {
            counters[ilvl]
        };
        counters[ilvl] = (n + 1).min(MAX_LIST_NUMBER);
        Some(format!("{indent}{n}. "))
    }

    /// A table as a pipe table, a row per line; a one-column table (a box
    /// around some text) as its paragraphs.
    fn table(&mut self, tbl: Node) {
        let mut rows = Vec::new();
        children_through_wrappers(tbl, "tr", &mut rows);
        let cells_of = |row| {
            let mut cells = Vec::new();
            children_through_wrappers(row, "tc", &mut cells);
            cells
        };
        let width = |cell: Node| {
            w_child(cell, "tcPr")
                .and_then(|p| w_child(p, "gridSpan"))
                .and_then(w_val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_COLUMNS)
        };
        let columns = rows
            .iter()
            .map(|&r| cells_of(r).into_iter().map(width).sum::<usize>())
            .max()
            .unwrap_or(0)
            .min(MAX_COLUMNS);
        if columns <= 1 {
            for row in rows {
                for cell in cells_of(row) {
                    self.blocks(cell);
                }
            }
            return;
        }
        self.out.line("", self.paragraph + 1);
        for (i, &row) in rows.iter().enumerate() {
            let line = self.paragraph + 1;
            let mut cells: Vec<String> = Vec::new();
            for cell in cells_of(row) {
                let text = self.cell_text(cell);
                if cells.len() >= columns {
                    // Past the last column kept: joined to it.
                    if let Some(last) = cells.last_mut() {
                        last.push_str("<br>");
                        last.push_str(&text);
                    }
                    continue;
                }
                cells.push(text);
                // A merged cell spans columns: the ones it covers are empty.
                for _ in 1..width(cell) {
                    if cells.len() < columns {
                        cells.push(String::new());
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

    /// A cell's paragraphs on one line, joined by `<br>`, pipes escaped;
    /// a table inside it is read cell by cell.
    fn cell_text(&mut self, cell: Node) -> String {
        let mut lines = Vec::new();
        self.cell_lines(cell, &mut lines);
        lines.join("<br>")
    }

    fn cell_lines(&mut self, parent: Node, lines: &mut Vec<String>) {
        for node in parent.children().filter(Node::is_element) {
            if is_w(&node, "p") {
                self.paragraph += 1;
                let Some(text) = self.paragraph_text(node) else {
                    continue;
                };
                let marker = text.list.as_deref().map_or("", str::trim_start);
                for (i, line) in text.lines.iter().enumerate() {
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    let marker = if i == 0 { marker } else { "" };
                    lines.push(format!("{marker}{}", line.replace('|', "\\|")));
                }
            } else if is_w(&node, "tbl") {
                let mut rows = Vec::new();
                children_through_wrappers(node, "tr", &mut rows);
                for row in rows {
                    let mut cells = Vec::new();
                    children_through_wrappers(row, "tc", &mut cells);
                    for cell in cells {
                        self.cell_lines(cell, lines);
                    }
                }
            } else if let Some(inner) = unwrapped(node) {
                self.cell_lines(inner, lines);
            }
        }
    }
}

/// The content of an element that only wraps blocks, rows or cells: a
/// content control (not an unfilled placeholder or a table of contents),
/// custom XML, a tracked insertion or move; `None` for anything else.
fn unwrapped<'a, 'input>(node: Node<'a, 'input>) -> Option<Node<'a, 'input>> {
    if is_w(&node, "sdt") {
        let properties = w_child(node, "sdtPr");
        let placeholder = properties.is_some_and(|p| w_child(p, "showingPlcHdr").is_some());
        let contents = properties
            .and_then(|p| w_child(p, "docPartObj"))
            .and_then(|d| w_child(d, "docPartGallery"))
            .and_then(w_val)
            .is_some_and(|v| v.eq_ignore_ascii_case("Table of Contents"));
        return (!placeholder && !contents)
            .then(|| w_child(node, "sdtContent"))
            .flatten();
    }
    (is_w(&node, "customXml") || is_w(&node, "ins") || is_w(&node, "moveTo")).then_some(node)
}

/// The `name` children of `parent`, also those wrapped in content
/// controls or custom XML (a repeating section's rows).
fn children_through_wrappers<'a, 'input>(
    parent: Node<'a, 'input>,
    name: &str,
    out: &mut Vec<Node<'a, 'input>>,
) {
    for node in parent.children().filter(Node::is_element) {
        if is_w(&node, name) {
            out.push(node);
        } else if let Some(inner) = unwrapped(node) {
            children_through_wrappers(inner, name, out);
        }
    }
}

/// The text runs of a paragraph in order, with tracked deletions, field
/// codes, hidden text and drawings left out. A line break is a `\n` run.
fn collect_runs(node: Node, styles: &Styles, style_bold: bool, runs: &mut Vec<Run>) {
    for child in node.children().filter(Node::is_element) {
        if child.tag_name().namespace() != Some(W) {
            continue;
        }
        match child.tag_name().name() {
            "r" => run(child, styles, style_bold, runs),
            // Containers of runs: inserted text, links, fields, content
            // controls, smart tags.
            "ins" | "moveTo" | "hyperlink" | "fldSimple" | "smartTag" | "customXml" | "dir"
            | "bdo" => collect_runs(child, styles, style_bold, runs),
            "sdt" => {
                if let Some(content) = unwrapped(child) {
                    collect_runs(content, styles, style_bold, runs);
                }
            }
            // Deleted text, properties, comments, bookmarks and the rest.
            _ => {}
        }
    }
}

fn run(r: Node, styles: &Styles, style_bold: bool, runs: &mut Vec<Run>) {
    let rpr = w_child(r, "rPr");
    if toggle(rpr, "vanish") == Some(true) {
        return;
    }
    let char_style_bold = rpr
        .and_then(|n| w_child(n, "rStyle"))
        .and_then(w_val)
        .is_some_and(|s| styles.bold(s));
    let bold = toggle(rpr, "b").unwrap_or(style_bold || char_style_bold);
    let caps = toggle(rpr, "caps") == Some(true);
    let push = |text: &str, runs: &mut Vec<Run>| {
        let text = if caps {
            text.to_uppercase()
        } else {
            text.to_string()
        };
        match runs.last_mut() {
            Some(last) if last.bold == bold && last.text != "\n" && text != "\n" => {
                last.text.push_str(&text);
            }
            _ => runs.push(Run { text, bold }),
        }
    };
    for child in r.children().filter(Node::is_element) {
        if child.tag_name().namespace() != Some(W) {
            continue;
        }
        match child.tag_name().name() {
            // Line breaks and tabs inside the text are spaces: a break
            // is `w:br`, and each output line holds one paragraph's line.
            "t" => push(
                &child.text().unwrap_or("").replace(['\n', '\r', '\t'], " "),
                runs,
            ),
            "tab" | "ptab" => push(" ", runs),
            "br" | "cr" => push("\n", runs),
            "noBreakHyphen" => push("-", runs),
            _ => {}
        }
    }
}

/// The runs as lines of Markdown, bold runs as `**bold**` with their
/// outer spaces outside the markers.
pub(crate) fn render_lines(runs: &[Run]) -> Vec<String> {
    let mut lines = vec![String::new()];
    for run in runs {
        if run.text == "\n" {
            lines.push(String::new());
            continue;
        }
        let Some(line) = lines.last_mut() else {
            continue;
        };
        let inner = run.text.trim();
        if !run.bold || inner.is_empty() || !inner.chars().any(char::is_alphanumeric) {
            line.push_str(&run.text);
            continue;
        }
        let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
        let trail = &run.text[run.text.trim_end().len()..];
        line.push_str(lead);
        line.push_str("**");
        line.push_str(inner);
        line.push_str("**");
        line.push_str(trail);
    }
    lines
}

/// Body text that Markdown would read as a heading, a quote or a code
/// fence (`# 1 priority`, `> note`, a typed `` ``` ``) keeps its first
/// character as text.
pub(crate) fn escaped(text: &str) -> String {
    let hashes = text.len() - text.trim_start_matches('#').len();
    let heading = (1..=6).contains(&hashes)
        && text[hashes..].starts_with(|c: char| c.is_whitespace())
        || hashes == text.len() && hashes > 0;
    if heading || text.starts_with(['>', '`', '~']) {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A package with the given parts, as Word writes it (deflated).
    pub(crate) fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buffer);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, text) in parts {
                zip.start_file(*name, options).unwrap();
                zip.write_all(text.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        buffer.into_inner()
    }

    fn document(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}<w:sectPr/></w:body></w:document>"
        )
    }

    const STYLES: &str = "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Kop2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"StoryTitle\"><w:name w:val=\"Story title\"/><w:basedOn w:val=\"Kop2\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"TOC1\"><w:name w:val=\"toc 1\"/></w:style><w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style></w:styles>";

    const NUMBERING: &str = "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>";

    fn markdown(body: &str) -> String {
        let bytes = package(&[
            ("word/document.xml", &document(body)),
            ("word/styles.xml", STYLES),
            ("word/numbering.xml", NUMBERING),
        ]);
        to_markdown(&bytes).unwrap().0
    }

    #[test]
    fn headings_bold_labels_and_lists_become_markdown() {
        let body = "<w:p><w:pPr><w:pStyle w:val=\"TOC1\"/></w:pPr><w:r><w:t>Contents entry\t3</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pStyle w:val=\"StoryTitle\"/></w:pPr><w:r><w:t>Saving the Har</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>per account</w:t></w:r></w:p>\
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Situation: </w:t></w:r><w:r><w:t>The client was leaving</w:t></w:r><w:del><w:r><w:delText> for good</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space=\"preserve\"> after two late deliveries</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>\
            <w:p><w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>Action:</w:t></w:r><w:r><w:br/><w:t>I drove the parts over.</w:t></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Weekly calls</w:t></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>First step</w:t></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>Second step</w:t></w:r></w:p>\
            <w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK \"x\"</w:instrText></w:r><w:r><w:t>R &amp; D kept them</w:t></w:r></w:p>";
        let md = markdown(body);
        assert!(!md.contains("Contents entry"), "{md}");
        assert!(md.contains("\n## Saving the Harper account\n"), "{md}");
        assert!(
            md.contains("\n**Situation:** The client was leaving after two late deliveries.\n"),
            "{md}"
        );
        assert!(
            md.contains("\n**Action:**\nI drove the parts over.\n"),
            "{md}"
        );
        assert!(md.contains("\n- Weekly calls\n"), "{md}");
        assert!(md.contains("\n1. First step\n\n2. Second step\n"), "{md}");
        assert!(md.contains("\nR & D kept them\n"), "{md}");
        for gone in ["for good", "hidden", "HYPERLINK"] {
            assert!(!md.contains(gone), "{gone}: {md}");
        }
    }

    #[test]
    fn each_line_reports_its_paragraph_and_tables_are_pipe_tables() {
        let body = "<w:p><w:r><w:t>Intro</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Situation</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>It | broke.</w:t></w:r></w:p><w:p><w:r><w:t>Twice.</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:p><w:r><w:t>Result</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Fixed.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:r><w:t>After</w:t></w:r></w:p>";
        let bytes = package(&[("word/document.xml", &document(body))]);
        let (md, lines) = to_markdown(&bytes).unwrap();
        assert!(
            md.contains(
                "\n| Situation | It \\| broke.<br>Twice. |\n| --- | --- |\n| Result | Fixed. |\n"
            ),
            "{md}"
        );
        assert_eq!(lines.len(), md.matches('\n').count());
        let line_of = |needle: &str| {
            let n = md[..md.find(needle).unwrap()].matches('\n').count();
            lines[n]
        };
        assert_eq!(line_of("Intro"), 1);
        assert_eq!(line_of("| Situation"), 2);
        assert_eq!(line_of("| Result"), 5);
        assert_eq!(line_of("After"), 7);
    }

    #[test]
    fn word_online_names_its_main_part_in_the_package_relationships() {
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document2.xml\"/></Relationships>";
        let part_rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles2.xml\"/></Relationships>";
        let body = "<w:p><w:pPr><w:pStyle w:val=\"Kop2\"/></w:pPr><w:r><w:t>The late pour</w:t></w:r></w:p>";
        let bytes = package(&[
            ("_rels/.rels", rels),
            ("word/_rels/document2.xml.rels", part_rels),
            ("word/document2.xml", &document(body)),
            ("word/styles2.xml", STYLES),
        ]);
        let (md, _) = to_markdown(&bytes).unwrap();
        assert!(md.contains("\n## The late pour\n"), "{md}");
    }

    #[test]
    fn lists_of_one_definition_continue_and_an_override_restarts() {
        let numbering = "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"7\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"18446744073709551615\"/><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/></w:lvl></w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"8\"/></w:num><w:num w:numId=\"4\"><w:abstractNumId w:val=\"8\"/></w:num><w:num w:numId=\"5\"><w:abstractNumId w:val=\"8\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num><w:num w:numId=\"6\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>";
        let item = |num: &str, level: &str, text: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
        };
        let body = [
            item("3", "0", "one"),
            item("3", "1", "sub"),
            item("4", "0", "two"),
            item("4", "1", "sub again"),
            item("5", "0", "restarted"),
            item("6", "0", "huge"),
            item("6", "0", "huger"),
        ]
        .concat();
        let bytes = package(&[
            ("word/document.xml", &document(&body)),
            ("word/numbering.xml", numbering),
        ]);
        let (md, _) = to_markdown(&bytes).unwrap();
        for line in [
            "1. one",
            "  1. sub",
            "2. two",
            "  1. sub again",
            "1. restarted",
            "100000. huge",
            "100000. huger",
        ] {
            assert!(md.contains(&format!("\n{line}\n")), "{line}: {md}");
        }
    }

    #[test]
    fn merged_cells_placeholders_and_wide_tables_keep_their_shape() {
        let cell = |text: &str, span: usize| {
            format!("<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/></w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
        };
        let wide: String = (0..100).map(|i| cell(&i.to_string(), 1)).collect();
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:sdt><w:sdtContent><w:tr>{}{}{}</w:tr></w:sdtContent></w:sdt></w:tbl>\
             <w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>\
             <w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents</w:t></w:r></w:p></w:sdtContent></w:sdt>\
             <w:p><w:r><w:t>A line\nsplit by a tool</w:t></w:r></w:p>\
             <w:tbl><w:tr>{wide}</w:tr></w:tbl>",
            cell("Situation and Task", 2),
            cell("Result", 1),
            cell("It broke.", 1),
            cell("We fixed it.", 1),
            cell("Nobody left.", 1),
        );
        let bytes = package(&[("word/document.xml", &document(&body))]);
        let (md, lines) = to_markdown(&bytes).unwrap();
        assert!(
            md.contains("\n| Situation and Task |  | Result |\n| --- | --- | --- |\n| It broke. | We fixed it. | Nobody left. |\n"),
            "{md}"
        );
        assert!(
            !md.contains("Click or tap") && !md.contains("Contents"),
            "{md}"
        );
        assert!(md.contains("\nA line split by a tool\n"), "{md}");
        let wide_row = md.lines().find(|l| l.starts_with("| 0 |")).unwrap();
        assert_eq!(wide_row.matches(" | ").count(), MAX_COLUMNS - 1);
        assert!(wide_row.contains("| 63<br>64<br>65"), "{wide_row}");
        assert_eq!(lines.len(), md.matches('\n').count());
    }

    #[test]
    fn elements_nested_past_the_limit_are_refused() {
        let deep = format!(
            "{}<w:p/>{}",
            "<w:customXml>".repeat(MAX_XML_DEPTH + 10),
            "</w:customXml>".repeat(MAX_XML_DEPTH + 10)
        );
        let bytes = package(&[("word/document.xml", &document(&deep))]);
        assert!(matches!(
            to_markdown(&bytes).unwrap_err(),
            PackageError::Broken(reason) if reason.contains("nests")
        ));
        assert_eq!(depth("<a><b/><c x='1'>t</c></a>"), 2);
    }

    #[test]
    fn other_packages_and_broken_ones_are_named() {
        let pptx = package(&[("ppt/presentation.xml", "<presentation/>")]);
        assert_eq!(
            to_markdown(&pptx).unwrap_err(),
            PackageError::NotWord("a PowerPoint presentation (.pptx)".into())
        );
        // A workbook is read (`spreadsheet.rs`), a broken one named.
        let xlsx = package(&[("xl/workbook.xml", "<workbook>")]);
        assert!(matches!(
            to_markdown(&xlsx).unwrap_err(),
            PackageError::BrokenWorkbook(reason) if reason.starts_with("xl/workbook.xml")
        ));
        let broken = package(&[("word/document.xml", "<w:document><w:body>")]);
        assert!(matches!(
            to_markdown(&broken).unwrap_err(),
            PackageError::Broken(reason) if reason.starts_with("word/document.xml")
        ));
        let mut truncated = package(&[("word/document.xml", &document(""))]);
        truncated.truncate(truncated.len() / 2);
        assert!(matches!(
            to_markdown(&truncated).unwrap_err(),
            PackageError::Broken(_)
        ));
    }
}
