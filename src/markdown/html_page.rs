//! Whole HTML documents: a page saved from the browser, Google Docs'
//! "Download > Web page", Word's "Save as Web Page", a notes app's HTML
//! export, and Evernote's `.enex` export (notes whose content is HTML
//! inside XML). CommonMark reads a line that opens with `<html>`, `<body>`
//! or `<div>` as a raw HTML block running to the next blank line, and a
//! page usually has none, so the whole page was one block of dropped HTML.
//!
//! Such a document is rewritten as the Markdown it stands for: headings as
//! `#` headings, paragraphs and `<div>` lines as paragraphs, `<br>` as a
//! line break (two in a row a blank line), list items as `- ` / `1. `
//! items (nested ones indented, Word's own bullets too), data tables as
//! pipe tables (a caption or spanning first row as a line above), bold and
//! italic as `**` and `*` (a span styled bold too), a rule as `***`; the
//! head, scripts, styles, comments, a page's furniture (menus, footers,
//! share buttons, comment threads, sidebars) and Evernote's attachments
//! are dropped, and an Evernote note's title becomes its heading and its
//! tags a `Tags:` line. HTML whitespace collapses as a browser shows it. Each line
//! written reports the source line its text began on. Entities are left for
//! the Markdown parser to decode. One pass over the text: every search for
//! a closing tag moves forward only.

use super::{LineWriter, Rewritten};

/// Longest list nesting indented; deeper items stay at this depth.
const MAX_LIST_INDENT: usize = 6;
/// Longest bullet Word writes before a list paragraph, in bytes.
const MAX_WORD_MARKER: usize = 1024;
/// Deepest `<span>` nesting followed for bold styles.
const MAX_SPAN_DEPTH: usize = 64;
/// Deepest emphasis nesting marked.
const MAX_EMPHASIS_DEPTH: usize = 8;
/// Deepest blockquote nesting marked; deeper quotes stay at this depth.
const MAX_QUOTE_DEPTH: usize = 4;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Html,
    Evernote,
}

/// The Markdown a whole HTML document (or Evernote export) stands for;
/// `None` for any other text, Markdown with HTML in it included.
pub(crate) fn rewrite(file_name: &str, text: &str) -> Option<Rewritten> {
    let kind = page_kind(file_name, text)?;
    Some(Converter::new(text, kind).run())
}

fn page_kind(file_name: &str, text: &str) -> Option<Kind> {
    let start = after_prolog(text);
    let head: String = start
        .bytes()
        .take(32)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect();
    if head.starts_with("<!doctype en-export") || head.starts_with("<en-export") {
        return Some(Kind::Evernote);
    }
    let name = file_name.to_ascii_lowercase();
    // Notes named as Markdown or text that open with `<html>` are a page
    // only with a head or body: `<html>` over Markdown is Markdown.
    let notes = [".md", ".markdown", ".txt", ".text"]
        .iter()
        .any(|e| name.ends_with(e));
    let whole_page = || {
        let lower = text.to_ascii_lowercase();
        lower.contains("<body") || lower.contains("<head")
    };
    if head.starts_with("<!doctype html") || (head.starts_with("<html") && (!notes || whole_page()))
    {
        return Some(Kind::Html);
    }
    if !start.starts_with('<') {
        return None;
    }
    if name.ends_with(".enex") {
        Some(Kind::Evernote)
    } else if [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| name.ends_with(e))
    {
        Some(Kind::Html)
    } else {
        None
    }
}

/// The text after a byte-order mark, whitespace, an XML declaration and
/// comments.
fn after_prolog(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|end| &rest[end + 2..])
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|end| &rest[end + 3..])
        } else {
            None
        };
        match skipped {
            Some(after) => rest = after.trim_start(),
            None => return rest,
        }
    }
}

/// Elements whose content is never text of the notes.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select",
];
/// A page's furniture: menus and footers, whose text is no note's.
const CHROME: &[&str] = &["nav", "footer"];
/// Words in a `class` or `id` that name a page's furniture: share buttons,
/// comments, sidebars, cookie banners, breadcrumbs.
const CHROME_NAMES: &[&str] = &[
    "share",
    "sharing",
    "sharedaddy",
    "social",
    "comments",
    "comment",
    "respond",
    "related",
    "sidebar",
    "widget",
    "widgets",
    "cookie",
    "cookies",
    "breadcrumb",
    "breadcrumbs",
    "navigation",
    "navbar",
    "menu",
    "footer",
    "byline",
    "advert",
    "advertisement",
    "newsletter",
    "subscribe",
    "likes",
];
/// Elements that hold a whole page: their classes describe the page
/// (`<body class="has-main-navigation">`), not furniture in it.
const PAGE_ROOTS: &[&str] = &["html", "body", "main", "article"];
/// Evernote's note fields that are not the note's text.
const EVERNOTE_SKIPPED: &[&str] = &[
    "created",
    "updated",
    "note-attributes",
    "resource",
    "task",
    "reminder",
    "en-crypt",
];
/// Tags that end a paragraph where they open and where they close.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "address",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "center",
    "body",
    "html",
    "form",
    "fieldset",
    "legend",
    "caption",
    "en-note",
    "en-export",
    "note",
    "content",
];

struct List {
    ordered: bool,
    items: usize,
}

/// A data table being read: rows of cells, each row with its source line.
#[derive(Default)]
struct Table {
    rows: Vec<(Vec<String>, usize)>,
    row: Option<(Vec<String>, usize)>,
    cell: Option<String>,
    /// The `<caption>` being read, or read, and its source line.
    caption: Option<(String, usize)>,
    in_caption: bool,
}

impl Table {
    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            if let Some((cells, _)) = &mut self.row {
                cells.push(cell.trim_end_matches("<br>").trim().to_owned());
            }
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some((cells, line)) = self.row.take() {
            if cells.iter().any(|c| !c.is_empty()) {
                self.rows.push((cells, line));
            }
        }
    }
}

/// The next place a needle occurs at or after a position, for positions
/// asked in increasing order: each search starts where the last stopped.
struct Finder {
    needle: &'static str,
    found: Option<Option<usize>>,
}

impl Finder {
    fn new(needle: &'static str) -> Self {
        Self {
            needle,
            found: None,
        }
    }

    fn at_or_after(&mut self, lower: &str, from: usize) -> Option<usize> {
        match self.found {
            Some(None) => return None,
            Some(Some(at)) if at >= from => return Some(at),
            _ => {}
        }
        let found = lower
            .get(from..)
            .and_then(|rest| rest.find(self.needle))
            .map(|at| from + at);
        self.found = Some(found);
        found
    }

    /// The next `<h1>`..`<h6>` (the needle is `<h`): `<hr>`, `<head>` and
    /// `<header>` are passed over.
    fn heading_at_or_after(&mut self, lower: &str, from: usize) -> Option<usize> {
        let mut at = from;
        loop {
            let found = self.at_or_after(lower, at)?;
            if lower
                .as_bytes()
                .get(found + 2)
                .is_some_and(|d| (b'1'..=b'6').contains(d))
            {
                return Some(found);
            }
            at = found + 1;
        }
    }
}

struct Converter<'a> {
    text: &'a str,
    /// The text in ASCII lowercase: same byte offsets, for tag searches.
    lower: String,
    kind: Kind,
    pos: usize,
    /// 1-based source line at `pos`.
    source: usize,
    out: LineWriter,
    wrote_any: bool,
    /// The output line being built, and the source line its text began on.
    line: String,
    line_source: usize,
    /// What the next line opens with (`## `, `- `, an item's indent).
    prefix: String,
    blank_owed: bool,
    space_owed: bool,
    /// Emphasis opened and not yet written (written before the next text),
    /// and emphasis written and not yet closed.
    marks_owed: Vec<&'static str>,
    marks_open: Vec<&'static str>,
    lists: Vec<List>,
    quotes: usize,
    heading: bool,
    pre: bool,
    table: Option<Table>,
    /// Tables nested in the data table being read (read as its text).
    inner_tables: usize,
    table_open: Finder,
    table_close: Finder,
    heading_open: Finder,
    tag_close: Finder,
    /// Closing tags searched for and absent from the rest of the text.
    never_closed: Vec<String>,
    /// The tags of the Evernote note being read, written at its end.
    tags: Vec<String>,
    /// Open `<span>`s: whether each made its text bold; and how many more
    /// are open past [`MAX_SPAN_DEPTH`].
    spans: Vec<bool>,
    spans_over: usize,
}

impl<'a> Converter<'a> {
    fn new(text: &'a str, kind: Kind) -> Self {
        Self {
            text,
            lower: text.to_ascii_lowercase(),
            kind,
            pos: 0,
            source: 1,
            out: LineWriter::with_capacity(text.len() / 2),
            wrote_any: false,
            line: String::new(),
            line_source: 1,
            prefix: String::new(),
            blank_owed: false,
            space_owed: false,
            marks_owed: Vec::new(),
            marks_open: Vec::new(),
            lists: Vec::new(),
            quotes: 0,
            heading: false,
            pre: false,
            table: None,
            inner_tables: 0,
            table_open: Finder::new("<table"),
            table_close: Finder::new("</table"),
            heading_open: Finder::new("<h"),
            tag_close: Finder::new("</tag"),
            never_closed: Vec::new(),
            tags: Vec::new(),
            spans: Vec::new(),
            spans_over: 0,
        }
    }

    fn run(mut self) -> Rewritten {
        let text = self.text;
        while self.pos < text.len() {
            let rest = &text[self.pos..];
            if let Some(len) = self.word_list_marker() {
                // Word's own bullet or number before a list paragraph.
                self.skip(len);
                if self.line.trim().is_empty() {
                    self.prefix = format!("{}- ", self.continuation());
                }
            } else if rest.starts_with("<!--") {
                let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
                self.skip(end);
            } else if rest.starts_with("<![CDATA[") {
                // Evernote's note content: the HTML inside is read as HTML.
                self.skip("<![CDATA[".len());
            } else if rest.starts_with("]]>") && self.kind == Kind::Evernote {
                self.skip(3);
            } else if rest.starts_with("<!") || rest.starts_with("<?") {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                self.skip(end);
            } else if let Some(len) = tag_len(rest) {
                let tag = &text[self.pos + 1..self.pos + len - 1];
                self.skip(len);
                self.tag(tag);
            } else {
                let first = rest.chars().next().map_or(1, char::len_utf8);
                let next = rest[first..]
                    .find(['<', ']'])
                    .map_or(rest.len(), |n| n + first);
                self.text_run(&text[self.pos..self.pos + next]);
                self.pos += next;
            }
        }
        self.end_table();
        self.end_line();
        self.out.finish(false)
    }

    /// Length of the bullet Word writes before a list paragraph when saving
    /// as a web page (`<![if !supportLists]>·&nbsp;<![endif]>`, or the same
    /// in comments), up to its end marker.
    fn word_list_marker(&self) -> Option<usize> {
        let rest = &self.lower[self.pos..];
        let (open, close) = if rest.starts_with("<![if !supportlists]>") {
            ("<![if !supportlists]>", "<![endif]>")
        } else if rest.starts_with("<!--[if !supportlists]-->") {
            ("<!--[if !supportlists]-->", "<!--[endif]-->")
        } else {
            return None;
        };
        // The marker is a few short tags: a longer way on is not one.
        let after = &rest[open.len()..];
        let mut cut = after.len().min(MAX_WORD_MARKER);
        while !after.is_char_boundary(cut) {
            cut -= 1;
        }
        let end = after[..cut].find(close)?;
        Some(open.len() + end + close.len())
    }

    /// Moves past `len` bytes that are not text, counting their lines.
    fn skip(&mut self, len: usize) {
        let end = (self.pos + len).min(self.text.len());
        self.source += self.text.as_bytes()[self.pos..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = end;
    }

    /// Moves past the element whose opening tag was just read, to after
    /// its closing tag, counting elements of its name opened inside it
    /// (`<div class="share">` holds `<div>`s). An element never closed is
    /// left open (its text is read), except a `<head>` that a `<body>`
    /// ends.
    fn skip_element(&mut self, name: &str) {
        let opening = format!("<{name}");
        let closing = format!("</{name}");
        if self.never_closed.contains(&closing) {
            return;
        }
        // The next opening and closing tag are each searched for once and
        // kept until passed, so the scan reads the text once.
        let mut depth = 1usize;
        let mut at = self.pos;
        let mut close = find_tag(&self.lower, at, &closing);
        let mut open = find_tag(&self.lower, at, &opening);
        let end = loop {
            let Some(close_at) = close else {
                break None;
            };
            match open.filter(|&o| o < close_at) {
                Some(open_at) => {
                    depth += 1;
                    at = open_at + opening.len();
                    open = find_tag(&self.lower, at, &opening);
                }
                None => {
                    depth -= 1;
                    at = self.lower[close_at..]
                        .find('>')
                        .map_or(self.text.len(), |e| close_at + e + 1);
                    if depth == 0 {
                        break Some(at);
                    }
                    close = find_tag(&self.lower, at, &closing);
                }
            }
        };
        let end = match end {
            Some(end) => end,
            None if name == "head" => {
                self.never_closed.push(closing);
                match find_tag(&self.lower, self.pos, "<body") {
                    Some(at) => at,
                    None => return,
                }
            }
            None => {
                self.never_closed.push(closing);
                return;
            }
        };
        self.skip(end - self.pos);
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = tag.ends_with('/');
        if !closing && !self_closing && !name.is_empty() {
            let html = self.kind == Kind::Html;
            let skipped = SKIPPED.contains(&name.as_str())
                || (name == "title" && html)
                || (html && CHROME.contains(&name.as_str()))
                || (html && !PAGE_ROOTS.contains(&name.as_str()) && names_chrome(tag))
                || (!html && EVERNOTE_SKIPPED.contains(&name.as_str()));
            if skipped {
                self.skip_element(&name);
                return;
            }
        }
        if self.table.is_some() && self.table_tag(&name, closing) {
            return;
        }
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.paragraph_break();
                if closing {
                    self.heading = false;
                    self.prefix.clear();
                } else {
                    self.heading = true;
                    let level = usize::from(name.as_bytes()[1] - b'0');
                    self.prefix = format!("{} ", "#".repeat(level));
                }
            }
            "title" if self.kind == Kind::Evernote => {
                self.paragraph_break();
                self.heading = !closing;
                self.prefix = if closing { String::new() } else { "# ".into() };
            }
            "tag" if self.kind == Kind::Evernote && !closing => self.read_tag(),
            "note" if self.kind == Kind::Evernote && closing => {
                self.paragraph_break();
                // A note's unclosed emphasis does not run into the next.
                self.spans.clear();
                self.spans_over = 0;
                self.marks_owed.clear();
                self.marks_open.clear();
                if !self.tags.is_empty() {
                    let line = format!("Tags: {}", self.tags.join(", "));
                    self.tags.clear();
                    self.write_line(&line, self.source);
                    self.blank_owed = true;
                }
            }
            "ul" | "ol" | "menu" => {
                self.end_line();
                if closing {
                    self.lists.pop();
                } else {
                    // A list opens a block of its own.
                    if self.lists.is_empty() {
                        self.blank_owed |= self.wrote_any;
                    }
                    self.lists.push(List {
                        ordered: name == "ol",
                        items: 0,
                    });
                }
                self.prefix.clear();
                if self.lists.is_empty() {
                    self.blank_owed = true;
                }
            }
            "li" => {
                self.end_line();
                self.prefix.clear();
                if !closing {
                    self.prefix = self.item_marker();
                }
            }
            "blockquote" => {
                self.paragraph_break();
                self.quotes = if closing {
                    self.quotes.saturating_sub(1)
                } else {
                    self.quotes + 1
                };
            }
            "pre" => {
                self.paragraph_break();
                self.pre = !closing;
            }
            "br" => {
                if self.heading {
                    self.space_owed = true;
                } else if self.line.trim().is_empty() && self.lists.is_empty() {
                    // A `<br>` on a line of its own (a second one in a
                    // row, `<div><br></div>`) is a blank line.
                    self.blank_owed |= self.wrote_any;
                } else {
                    self.next_line();
                }
            }
            "hr" => {
                self.paragraph_break();
                self.write_line("***", self.source);
                self.blank_owed = true;
            }
            "table" if !closing => self.open_table(),
            "tr" | "td" | "th" | "table" => self.paragraph_break(),
            "b" | "strong" => {
                self.emphasis("**", closing);
            }
            // OneNote and Word make text bold with a style on a span.
            "span" if !self_closing => {
                if closing {
                    if self.spans_over > 0 {
                        self.spans_over -= 1;
                    } else if self.spans.pop() == Some(true) {
                        self.emphasis("**", true);
                    }
                } else if self.spans.len() < MAX_SPAN_DEPTH {
                    let marked = styled_bold(tag) && self.emphasis("**", false);
                    self.spans.push(marked);
                } else {
                    self.spans_over += 1;
                }
            }
            "i" | "em" => {
                self.emphasis("*", closing);
            }
            // Notes apps (Evernote, Keep, Apple Notes) write a `<div>` per
            // line, and `<div><br></div>` for a blank one: a line break.
            "div" => self.next_line(),
            _ if BLOCKS.contains(&name.as_str()) => {
                if self.lists.is_empty() {
                    self.paragraph_break();
                } else {
                    self.next_line();
                }
            }
            _ => {}
        }
    }

    /// A tag inside a data table; true when the table took it.
    fn table_tag(&mut self, name: &str, closing: bool) -> bool {
        let Some(table) = self.table.as_mut() else {
            return false;
        };
        match name {
            "table" if !closing => self.inner_tables += 1,
            "table" if self.inner_tables > 0 => self.inner_tables -= 1,
            "table" => {
                self.end_table();
                self.blank_owed = true;
            }
            _ if self.inner_tables > 0 => cell_break(table),
            "tr" if closing => table.end_row(),
            "tr" => {
                table.end_row();
                table.row = Some((Vec::new(), self.source));
            }
            "caption" => {
                table.in_caption = !closing;
                if !closing && table.caption.is_none() {
                    table.caption = Some((String::new(), self.source));
                }
            }
            "td" | "th" if closing => table.end_cell(),
            "td" | "th" => {
                table.end_cell();
                if table.row.is_none() {
                    table.row = Some((Vec::new(), self.source));
                }
                table.cell = Some(String::new());
            }
            "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                cell_break(table)
            }
            _ => {}
        }
        true
    }

    /// A `<table>`: read as a data table unless it lays out the page (holds
    /// a heading or another table), whose cells are then read as blocks.
    fn open_table(&mut self) {
        self.paragraph_break();
        let after = self.pos;
        let close = self.table_close.at_or_after(&self.lower, after);
        let nested = self
            .table_open
            .at_or_after(&self.lower, after)
            .is_some_and(|open| close.is_none_or(|c| open < c));
        let heading = self.heading_open.heading_at_or_after(&self.lower, after);
        let holds_heading = heading.is_some_and(|h| close.is_none_or(|c| h < c));
        if !nested && !holds_heading {
            self.table = Some(Table::default());
        }
    }

    fn end_table(&mut self) {
        let Some(mut table) = self.table.take() else {
            return;
        };
        self.inner_tables = 0;
        table.end_row();
        // A caption, or a first row of one cell over wider rows (`<td
        // colspan="2">Vendor outage</td>`), names the table: a line of its
        // own above it.
        let filled = |cells: &[String]| cells.iter().filter(|c| !c.is_empty()).count();
        let mut names: Vec<(String, usize)> = table
            .caption
            .take()
            .filter(|(text, _)| !text.trim().is_empty())
            .into_iter()
            .collect();
        if table.rows.len() >= 2
            && filled(&table.rows[0].0) == 1
            && table.rows[1..].iter().any(|(cells, _)| filled(cells) >= 2)
        {
            let (cells, source) = table.rows.remove(0);
            let name = cells
                .into_iter()
                .find(|c| !c.is_empty())
                .unwrap_or_default();
            names.push((name, source));
        }
        for (name, source) in names {
            self.write_line(&name, source);
            self.blank_owed = true;
        }
        let columns = table.rows.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        for (i, (cells, source)) in table.rows.iter().enumerate() {
            let mut row = String::from("|");
            for c in 0..columns {
                let cell = cells.get(c).map_or("", String::as_str);
                row.push(' ');
                row.push_str(&cell.replace('|', "\\|"));
                row.push_str(" |");
            }
            self.write_line(&row, *source);
            if i == 0 {
                // The first row is the header Markdown needs.
                self.write_line(&format!("|{}", " --- |".repeat(columns)), *source);
            }
        }
        self.blank_owed = true;
    }

    /// Reads an Evernote `<tag>` element's text.
    fn read_tag(&mut self) {
        let Some(close_at) = self.tag_close.at_or_after(&self.lower, self.pos) else {
            return;
        };
        let inner = &self.text[self.pos..close_at];
        // Markup before the closing tag: no tag name, read on as text.
        if inner.contains('<') {
            return;
        }
        let name = super::collapse(inner);
        if !name.is_empty() {
            self.tags.push(name);
        }
        let after = self.lower[close_at..]
            .find('>')
            .map_or(self.text.len(), |e| close_at + e + 1);
        self.skip(after - self.pos);
    }

    fn item_marker(&mut self) -> String {
        let depth = self.lists.len().clamp(1, MAX_LIST_INDENT);
        let indent = "  ".repeat(depth - 1);
        match self.lists.last_mut() {
            Some(list) if list.ordered => {
                list.items += 1;
                format!("{indent}{}. ", list.items)
            }
            _ => format!("{indent}- "),
        }
    }

    /// The indent that keeps a further line inside the list item it is in.
    fn continuation(&self) -> String {
        if self.lists.is_empty() {
            String::new()
        } else {
            "  ".repeat(self.lists.len().min(MAX_LIST_INDENT))
        }
    }

    /// Opens or closes emphasis; whether an opening one is marked.
    fn emphasis(&mut self, mark: &'static str, closing: bool) -> bool {
        if self.table.is_some() {
            return false;
        }
        if !closing {
            // Deeper emphasis is not marked: closing tags are matched by
            // a search of these stacks, kept short on hostile input.
            if self.marks_owed.len() + self.marks_open.len() < MAX_EMPHASIS_DEPTH {
                self.marks_owed.push(mark);
                return true;
            }
        } else if let Some(at) = self.marks_owed.iter().rposition(|m| *m == mark) {
            // Nothing was written inside it.
            self.marks_owed.remove(at);
        } else if let Some(at) = self.marks_open.iter().rposition(|m| *m == mark) {
            self.marks_open.remove(at);
            self.line.push_str(mark);
        }
        false
    }

    fn text_run(&mut self, run: &str) {
        for c in run.chars() {
            if c == '\n' {
                self.source += 1;
            }
            if self.pre && c == '\n' {
                // A blank line of preformatted text ends a paragraph.
                if self.line.trim().is_empty() && self.wrote_any {
                    self.blank_owed = true;
                }
                self.end_line();
                continue;
            }
            if c.is_whitespace() && c != '\u{a0}' {
                self.space_owed = true;
                continue;
            }
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        if let Some(table) = self.table.as_mut() {
            if let Some((caption, _)) = table.caption.as_mut().filter(|_| table.in_caption) {
                if self.space_owed && !caption.is_empty() {
                    caption.push(' ');
                }
                caption.push(c);
                self.space_owed = false;
                return;
            }
            if table.cell.is_none() {
                if table.row.is_none() {
                    table.row = Some((Vec::new(), self.source));
                }
                table.cell = Some(String::new());
            }
            if let Some(cell) = table.cell.as_mut() {
                if self.space_owed && !cell.is_empty() && !cell.ends_with(' ') {
                    cell.push(' ');
                }
                cell.push(c);
            }
            self.space_owed = false;
            return;
        }
        if self.line.is_empty() {
            if self.blank_owed && self.wrote_any {
                self.out.line("", self.source);
            }
            self.blank_owed = false;
            self.line_source = self.source;
            self.line
                .push_str(&"> ".repeat(self.quotes.min(MAX_QUOTE_DEPTH)));
            let prefix = std::mem::take(&mut self.prefix);
            self.line.push_str(&prefix);
            self.prefix = self.continuation();
            self.space_owed = false;
        }
        if self.space_owed && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
        self.space_owed = false;
        for mark in self.marks_owed.drain(..) {
            self.line.push_str(mark);
            self.marks_open.push(mark);
        }
        self.line.push(c);
    }

    fn write_line(&mut self, line: &str, source: usize) {
        if self.blank_owed && self.wrote_any {
            self.out.line("", source);
        }
        self.blank_owed = false;
        self.out.line(line, source);
        self.wrote_any = true;
    }

    /// Ends the line being built; emphasis still open closes here and
    /// opens again before the next text.
    fn end_line(&mut self) {
        self.space_owed = false;
        // A paragraph of only `&nbsp;` is a spacer, not text.
        let spacer = self
            .line
            .replace("&nbsp;", "")
            .replace("&#160;", "")
            .replace('\u{a0}', "");
        if spacer.trim().is_empty() {
            // A spacer paragraph (`<p>&nbsp;</p>`, `<br>&nbsp;<br>`) is a
            // blank line.
            if !self.line.trim().is_empty() {
                self.blank_owed |= self.wrote_any;
            }
            self.line.clear();
            return;
        }
        let open: Vec<&'static str> = self.marks_open.drain(..).collect();
        for mark in open.iter().rev() {
            self.line.push_str(mark);
        }
        let mut owed = open;
        owed.append(&mut self.marks_owed);
        self.marks_owed = owed;
        let line = std::mem::take(&mut self.line);
        let source = self.line_source;
        self.out.line(line.trim_end(), source);
        self.wrote_any = true;
    }

    fn paragraph_break(&mut self) {
        self.next_line();
        if self.lists.is_empty() {
            self.blank_owed = true;
        }
    }

    /// Ends the line being built; the next one continues the list item it
    /// is in. Nothing written yet since an item opened (`<li><div>...`):
    /// the item's marker still opens the next text.
    fn next_line(&mut self) {
        if self.line.trim().is_empty() {
            self.line.clear();
            self.space_owed = false;
            return;
        }
        self.end_line();
        self.prefix = self.continuation();
    }
}

/// Block content inside a table cell: a line break in the cell.
fn cell_break(table: &mut Table) {
    if let Some(cell) = table.cell.as_mut() {
        if !cell.trim().is_empty() && !cell.ends_with("<br>") {
            cell.push_str("<br>");
        }
    }
}

/// Length of the tag `text` opens with (`<b>`, `</p >`, `<a title="a >
/// b" href=...>`): a name after `<` or `</`, up to the first `>` outside a
/// quoted attribute value. `None` when `text` does not open a tag, another
/// `<` comes first outside quotes (a `<` of the text itself), or no end
/// comes within [`MAX_TAG_BYTES`].
fn tag_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'<') {
        return None;
    }
    let name_at = if bytes.get(1) == Some(&b'/') { 2 } else { 1 };
    if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (at, &b) in bytes.iter().enumerate().take(MAX_TAG_BYTES).skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'>' => return Some(at + 1),
                b'<' => return None,
                b'"' | b'\'' if after_equals => quote = Some(b),
                _ => {}
            },
        }
        if !b.is_ascii_whitespace() {
            after_equals = b == b'=';
        }
    }
    None
}

/// Longest tag read, in bytes (Word writes long `style` attributes).
const MAX_TAG_BYTES: usize = 2048;

/// Where `needle` (`<div`, `</head`) next occurs as a whole tag name at or
/// after `from`: not `</header` for `</head`.
fn find_tag(lower: &str, from: usize, needle: &str) -> Option<usize> {
    let mut at = from;
    while let Some(found) = lower.get(at..).and_then(|rest| rest.find(needle)) {
        let start = at + found;
        let next = lower.as_bytes().get(start + needle.len());
        if !next.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':')) {
            return Some(start);
        }
        at = start + needle.len();
    }
    None
}

/// Whether a tag's `style` makes its text bold (`style='font-weight:bold'`,
/// `font-weight: 700`).
fn styled_bold(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find("style=") else {
        return false;
    };
    let style = &lower[at + "style=".len()..];
    let style = match style.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => style[1..].split(char::from(q)).next().unwrap_or(""),
        _ => style.split([' ', '>']).next().unwrap_or(""),
    };
    // The `font-weight` property itself, not Word's `mso-bidi-font-weight`.
    style.split(';').any(|property| {
        property.split_once(':').is_some_and(|(name, value)| {
            name.trim() == "font-weight"
                && matches!(
                    value.trim(),
                    "bold" | "bolder" | "600" | "700" | "800" | "900"
                )
        })
    })
}

/// Whether a tag's `class` or `id` names page furniture (`<div
/// class="sharedaddy sd-sharing">`, `<section id="comments">`).
fn names_chrome(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    ["class=", "id="].iter().any(|attribute| {
        let mut rest = lower.as_str();
        while let Some(at) = rest.find(attribute) {
            let starts_word = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric();
            let value = &rest[at + attribute.len()..];
            rest = value;
            if !starts_word {
                continue;
            }
            let value = match value.as_bytes().first() {
                Some(&q @ (b'"' | b'\'')) => value[1..].split(char::from(q)).next().unwrap_or(""),
                _ => value
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            if value
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| CHROME_NAMES.contains(&word))
            {
                return true;
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(name: &str, html: &str) -> (String, Vec<usize>) {
        rewrite(name, html).expect("an HTML page")
    }

    #[test]
    fn only_whole_pages_are_rewritten() {
        assert!(rewrite("notes.md", "# Prep\n\n<html><body><p>x</p></body></html>\n").is_none());
        assert!(rewrite("notes.md", "<p>Situation: a fragment</p>\n").is_none());
        assert!(rewrite("page.html", "Plain text saved as .html\n").is_none());
        assert!(rewrite("notes.md", "\u{feff}<!DOCTYPE html>\n<p>x</p>\n").is_some());
        assert!(rewrite("page.htm", "<p>x</p>").is_some());
        assert!(rewrite(
            "x.txt",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE en-export>\n<en-export/>"
        )
        .is_some());
    }

    #[test]
    fn an_indented_page_becomes_markdown_with_its_source_lines() {
        let html = "<!DOCTYPE html>\n<html>\n<head>\n  <title>Prep</title>\n  <style>p { color: red }</style>\n</head>\n<body>\n  <h2>Payroll\n    move</h2>\n  <p>\n    <b>Situation: </b>An old\n    server.<br>It failed twice.\n  </p>\n  <ul>\n    <li>Ran both <i>in parallel</i>\n      <ul><li>two cycles</li></ul>\n    </li>\n    <li>Reconciled</li>\n  </ul>\n  <script>var x = '<p>no</p>';</script>\n  <hr>\n  <p>Done &amp; dusted</p>\n</body>\n</html>\n";
        let (text, lines) = markdown("page.html", html);
        assert_eq!(
            text,
            "## Payroll move\n\n**Situation:** An old server.\nIt failed twice.\n\n- Ran both *in parallel*\n  - two cycles\n- Reconciled\n\n***\n\nDone &amp; dusted\n"
        );
        // A blank line reports the line of the text after it.
        assert_eq!(lines, [8, 11, 11, 12, 15, 15, 16, 18, 21, 21, 22, 22]);
    }

    #[test]
    fn css_bold_spans_and_one_line_exports_keep_their_paragraphs() {
        let html = "<html><head><style>.c1{font-weight:700}</style></head><body class=\"c5\"><h2 class=\"c3\" id=\"h.a1\"><span class=\"c1\">Queue at the bar</span></h2><p class=\"c2\"><span class=\"c1\">Situation:</span><span>&nbsp;Long waits.</span></p><p class=\"c2\"><span></span></p><p class=\"c2\"><span class=\"c1\">Task</span></p><p class=\"c2\"><span>Cut them.</span></p><ul class=\"lst-kix_a-0 start\"><li class=\"c4 li-bullet-0\"><span>Second till</span></li></ul></body></html>";
        let (text, lines) = markdown("doc.html", html);
        assert_eq!(
            text,
            "## Queue at the bar\n\nSituation:&nbsp;Long waits.\n\nTask\n\nCut them.\n\n- Second till\n"
        );
        assert!(lines.iter().all(|&l| l == 1));
    }

    #[test]
    fn data_tables_become_pipe_tables_and_layout_tables_do_not() {
        let html = "<html><body><table><tr><th>Situation</th><td><p>Late parts.</p><p>Again.</p></td></tr><tr><td>Result | outcome</td><td><b>Shipped.</b></td></tr></table><table width=\"100%\"><tr><td><h1>Stories</h1><p>Hello.</p></td></tr></table></body></html>";
        let (text, _) = markdown("mail.html", html);
        assert_eq!(
            text,
            "| Situation | Late parts.<br>Again. |\n| --- | --- |\n| Result \\| outcome | Shipped. |\n\n# Stories\n\nHello.\n"
        );
    }

    #[test]
    fn evernote_notes_get_their_titles_and_tags() {
        let enex = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE en-export SYSTEM \"http://xml.evernote.com/pub/evernote-export4.dtd\">\n<en-export application=\"Evernote\">\n<note><title>Rota fix</title><content><![CDATA[<?xml version=\"1.0\"?><!DOCTYPE en-note SYSTEM \"http://xml.evernote.com/pub/enml2.dtd\"><en-note><div><b>S</b> - overtime</div><div><br/></div><div>T - cut it</div></en-note>]]></content><created>20240101T000000Z</created><tag>ownership</tag><tag>cost</tag><resource><data encoding=\"base64\">iVBORw0KGgo=</data></resource></note>\n</en-export>\n";
        let (text, lines) = markdown("export.enex", enex);
        assert_eq!(
            text,
            "# Rota fix\n\n**S** - overtime\n\nT - cut it\n\nTags: ownership, cost\n"
        );
        assert_eq!(lines, [4, 4, 4, 4, 4, 4, 4]);
    }

    #[test]
    fn list_items_wrapping_their_text_in_divs_keep_their_markers() {
        let html = "<html><en-note><div><b>A</b> - </div><ul><li><div>checked each box</div></li><li><div>booked the van</div><div>for Friday</div></li></ul></en-note>";
        let (text, _) = markdown("x.html", html);
        assert_eq!(
            text,
            "**A** -\n\n- checked each box\n- booked the van\n  for Friday\n"
        );
    }

    #[test]
    fn words_own_list_bullets_become_list_items() {
        let html = "<html><body><p class=MsoNormal><b>Action:</b></p>\n<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>\u{b7}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>Paper charts\nto every ward.</p>\n<p class=MsoListParagraphCxSpLast><!--[if !supportLists]--><span>1.<span>&nbsp;</span></span><!--[endif]-->A hotline.</p></body></html>";
        let (text, _) = markdown("notes.htm", html);
        assert_eq!(
            text,
            "**Action:**\n\n- Paper charts to every ward.\n\n- A hotline.\n"
        );
    }

    #[test]
    fn page_furniture_is_left_out_and_tables_keep_their_names() {
        let html = "<html><head><title>T</title><body class=\"has-main-navigation\"><header><h2>Payroll cutover</h2></header><p><a title=\"see > note\" href=\"x\">Situation:</a> Finance disagreed.</p><div class=\"sharedaddy sd-sharing\"><div><h3>Share this:</h3></div><ul><li>Twitter</li></ul></div><nav>Previous post</nav><footer>Posted in Career</footer><table><caption>Vendor outage</caption><tr><td>Situation</td><td>The vendor went down.</td></tr></table><table><tr><td colspan=\"2\">Rota fix</td></tr><tr><td>Task</td><td>Cut overtime.</td></tr></table></body></html>";
        let (text, _) = markdown("post.html", html);
        assert_eq!(
            text,
            "## Payroll cutover\n\nSituation: Finance disagreed.\n\nVendor outage\n\n| Situation | The vendor went down. |\n| --- | --- |\n\nRota fix\n\n| Task | Cut overtime. |\n| --- | --- |\n"
        );
    }

    #[test]
    fn preformatted_paragraphs_encrypted_text_and_markdown_stay_apart() {
        let (text, _) = markdown(
            "x.html",
            "<html><body><pre>Result: shipped.\n\nThe CFO noticed.</pre></body></html>",
        );
        assert_eq!(text, "Result: shipped.\n\nThe CFO noticed.\n");
        let enex = "<en-export><note><title>T</title><content><![CDATA[<en-note><div>Result: done.</div><en-crypt cipher=\"AES\">U2FsdGVk</en-crypt></en-note>]]></content></note></en-export>";
        let (text, _) = markdown("x.enex", enex);
        assert!(!text.contains("U2FsdGVk"), "{text}");
        // `<html>` over Markdown in a Markdown file is Markdown.
        assert!(rewrite("notes.md", "<html>\n# Title\n\nSituation: x\n").is_none());
        assert!(rewrite("page.md", "<html><head></head><body><p>x</p></body></html>").is_some());
    }

    #[test]
    fn bold_styles_spacers_and_div_lines_read_as_notes_apps_mean_them() {
        assert!(styled_bold("span style='font-weight:bold'"));
        assert!(styled_bold(
            "span style=\"mso-bidi-font-weight:normal; font-weight: 700\""
        ));
        assert!(!styled_bold("span style='mso-bidi-font-weight:bold'"));
        assert!(!styled_bold("span class=\"font-weight-bold\""));
        // A `<div>` per line, `<div><br></div>` and `<br>&nbsp;<br>` for
        // blank lines, as Evernote and Keep write them.
        let (text, _) = markdown(
            "x.html",
            "<html><body><div>the bar float</div><div>S - short till</div><div><br></div><div>late gate</div><div>S - doors late</div><p>one<br>&nbsp;<br>two</p></body></html>",
        );
        assert_eq!(
            text,
            "the bar float\nS - short till\n\nlate gate\nS - doors late\n\none\n\ntwo\n"
        );
    }

    #[test]
    fn broken_markup_is_read_as_text_without_panicking() {
        for html in [
            "<html><p>a < b and c > d</p>",
            "<html><script>never closed",
            "<html><head><title>t</title><p>no body</p>",
            "<html><table><tr><td>open",
            "<html><ul><li>one<li>two</ul></ul></ul></li>",
            "<html><b><i>x</b></i><b>",
            "<html>\u{e9}t\u{e9} <!-- unclosed comment",
            "<!DOCTYPE html>]]>]<![CDATA[<p>x",
        ] {
            let (text, lines) = markdown("x.html", html);
            assert_eq!(text.lines().count(), lines.len(), "{html}");
        }
        let (text, _) = markdown("x.html", "<html><p>a < b and c > d</p>");
        assert_eq!(text, "a < b and c > d\n");
        // An unclosed <script> is read on (its text shows), not the whole rest dropped.
        let (text, _) = markdown("x.html", "<html><script>never closed<p>Situation: kept</p>");
        assert!(text.contains("Situation: kept"), "{text}");
    }
}
