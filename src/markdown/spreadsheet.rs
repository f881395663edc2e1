//! Spreadsheets: Excel workbooks (`.xlsx`, as Excel, Google Sheets and
//! Numbers save them) and OpenDocument spreadsheets (`.ods`, LibreOffice
//! Calc's own format): a story bank kept in a spreadsheet, a story per row
//! under a header naming the parts. Each visible sheet is read, a sheet at
//! a time, by the delimited table reader (`delimited.rs`) as the
//! tab-separated text its cells give when copied (a cell holding tabs,
//! line breaks or quotes quoted); a sheet holding no story table is
//! written out a filled cell per line, as notes. Each line points at its
//! row number, which is what the stories' sources then name
//! (`bank.xlsx:5`).

use std::collections::HashMap;
use std::io::Cursor;

use roxmltree::{Document, Node};

use super::docx::{parse, part, PackageError};
use super::{delimited, LineWriter, Rewritten};

/// Most columns read from a row; cells further right are left out.
const MAX_COLUMNS: usize = 256;

/// Most rows a sheet has (Excel's and Calc's limit): rows numbered
/// past it are not read.
const MAX_ROWS: usize = 1 << 20;

/// Most spaces one `text:s` stands for.
const MAX_SPACES: usize = 16;

const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";

/// The package's declared type for an OpenDocument spreadsheet.
pub(crate) const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// A sheet's rows: their cells and row numbers.
type Rows = Vec<(Vec<String>, usize)>;

/// Whether the package is an Excel workbook.
pub(crate) fn is_workbook(archive: &zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    archive.index_for_name("xl/workbook.xml").is_some()
}

/// Whether an element has this local name. SpreadsheetML elements are
/// matched by local name: Strict Open XML files use other namespaces for
/// the same ones.
fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

/// The workbook's visible sheets as Markdown, each line with its row
/// number.
pub(crate) fn xlsx_to_text(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
) -> Result<Rewritten, PackageError> {
    let strings = match part(archive, "xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&parse(&xml, "xl/sharedStrings.xml")?),
        None => Vec::new(),
    };
    let workbook = part(archive, "xl/workbook.xml")?.unwrap_or_default();
    let workbook = parse(&workbook, "xl/workbook.xml")?;
    let rels = part(archive, "xl/_rels/workbook.xml.rels")?;
    let targets: HashMap<String, String> = match &rels {
        Some(xml) => parse(xml, "xl/_rels/workbook.xml.rels")?
            .descendants()
            .filter(|n| is(n, "Relationship"))
            .filter_map(|n| Some((n.attribute("Id")?.to_owned(), n.attribute("Target")?)))
            .map(|(id, target)| (id, sheet_path(target)))
            .collect(),
        None => HashMap::new(),
    };
    let mut out = LineWriter::with_capacity(1024);
    let sheets = workbook.descendants().filter(|n| is(n, "sheet"));
    for (n, sheet) in sheets.enumerate() {
        if matches!(sheet.attribute("state"), Some("hidden" | "veryHidden")) {
            continue;
        }
        // `r:id`, in whichever namespace the file's flavour uses.
        let id = sheet
            .attributes()
            .find(|a| {
                a.name() == "id" && a.namespace().is_some_and(|ns| ns.contains("relationships"))
            })
            .map(|a| a.value());
        let path = id
            .and_then(|id| targets.get(id).cloned())
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", n + 1));
        let Some(xml) = part(archive, &path)? else {
            continue;
        };
        let doc = parse(&xml, &path)?;
        write_sheet(&sheet_rows(&doc, &strings), &mut out);
    }
    Ok(out.finish(false))
}

/// `worksheets/sheet1.xml` (relative to `xl/`) or `/xl/worksheets/...`.
fn sheet_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None => format!("xl/{target}"),
    }
}

/// The text of each shared string: its runs joined, phonetic guides left
/// out.
fn shared_strings(doc: &Document) -> Vec<String> {
    doc.root_element()
        .children()
        .filter(|n| is(n, "si"))
        .map(|si| text_of(&si))
        .collect()
}

/// The text of the `<t>` elements under a node, not those of phonetic
/// runs (`<rPh>`), with Excel's escapes decoded.
fn text_of(node: &Node) -> String {
    let mut text = String::new();
    for t in node.descendants().filter(|n| is(n, "t")) {
        if !t.ancestors().any(|a| is(&a, "rPh")) {
            text.push_str(t.text().unwrap_or(""));
        }
    }
    unescape(&text)
}

/// Excel's escapes for characters XML cannot hold: `_x000D_` is a carriage
/// return (dropped: line breaks are `\n`), `_x0009_` a tab.
fn unescape(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 2..at + 7)
            .filter(|c| c.ends_with('_'))
            .and_then(|c| u32::from_str_radix(&c[..4], 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                if c != '\r' {
                    out.push(c);
                }
                rest = &rest[at + 7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A worksheet's rows, each cell in its column.
fn sheet_rows(doc: &Document, strings: &[String]) -> Rows {
    let Some(data) = doc.root_element().children().find(|n| is(n, "sheetData")) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut last_row = 0usize;
    for row in data.children().filter(|n| is(n, "row")) {
        let number = row
            .attribute("r")
            .and_then(|r| r.parse::<usize>().ok())
            .unwrap_or(last_row.saturating_add(1));
        last_row = number;
        if number > MAX_ROWS {
            break;
        }
        let mut cells: Vec<String> = Vec::new();
        for cell in row.children().filter(|n| is(n, "c")) {
            let column = cell
                .attribute("r")
                .and_then(column_of)
                .unwrap_or(cells.len());
            if column >= MAX_COLUMNS {
                continue;
            }
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = cell_text(&cell, strings);
        }
        rows.push((cells, number));
    }
    rows
}

/// Writes a sheet: its story table as the delimited reader rewrites it,
/// or, with none, each filled cell as a line of notes. Empty rows, and
/// the empty cells right of a row's last filled one, are left out; a
/// blank line comes before each sheet after the first.
fn write_sheet(rows: &Rows, out: &mut LineWriter) {
    let mut tsv = String::new();
    let mut numbers = Vec::new();
    for (cells, number) in rows {
        let Some(last) = cells.iter().rposition(|c| !c.trim().is_empty()) else {
            continue;
        };
        let line = cells[..=last]
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join("\t");
        for piece in line.split('\n') {
            tsv.push_str(piece);
            tsv.push('\n');
            numbers.push(*number);
        }
    }
    let Some(&first) = numbers.first() else {
        return;
    };
    if !out.is_empty() {
        out.line("", first);
    }
    if let Some((table, lines)) = delimited::rewrite("sheet.tsv", &tsv) {
        for (text, line) in table.split('\n').zip(lines) {
            let number = numbers
                .get(line.saturating_sub(1))
                .copied()
                .unwrap_or(first);
            out.line(text, number);
        }
        return;
    }
    for (cells, number) in rows {
        for cell in cells.iter().filter(|c| !c.trim().is_empty()) {
            for piece in cell.split('\n') {
                out.line(piece, *number);
            }
        }
    }
}

/// The zero-based column of a cell reference (`C7` is 2).
fn column_of(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut column = 0usize;
    for b in letters {
        column = column * 26 + usize::from(b - b'A' + 1);
    }
    Some(column - 1)
}

/// What a cell shows: its shared or inline string, or its value.
fn cell_text(cell: &Node, strings: &[String]) -> String {
    let value = || {
        cell.children()
            .find(|n| is(n, "v"))
            .and_then(|v| v.text())
            .unwrap_or("")
            .to_owned()
    };
    match cell.attribute("t") {
        Some("s") => value()
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| strings.get(i).cloned())
            .unwrap_or_default(),
        Some("inlineStr") => cell
            .children()
            .find(|n| is(n, "is"))
            .map(|inline| text_of(&inline))
            .unwrap_or_default(),
        Some("b") => match value().trim() {
            "1" => "TRUE".to_owned(),
            _ => "FALSE".to_owned(),
        },
        _ => value(),
    }
    .replace("\r\n", "\n")
}

/// A cell as a field of tab-separated text: quoted when it holds a tab,
/// a line break or a quote.
fn quoted(cell: &str) -> String {
    if cell.contains(['\t', '\n', '"']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// The spreadsheet's visible sheets as Markdown, each line with its row
/// number. Repeated rows and cells (`table:number-rows-repeated`, as Calc
/// writes the empty rest of a sheet) count without being copied.
pub(crate) fn ods_to_text(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
) -> Result<Rewritten, PackageError> {
    let Some(content) = part(archive, "content.xml")? else {
        return Err(PackageError::Broken(
            "the package has no content.xml".into(),
        ));
    };
    let doc = parse(&content, "content.xml")?;
    let mut out = LineWriter::with_capacity(content.len() / 4);
    // Sheets hidden through their style (`table:display="false"`).
    let hidden: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((STYLE, "style")))
        .filter(|n| {
            n.children().any(|p| {
                p.has_tag_name((STYLE, "table-properties"))
                    && p.attribute((TABLE, "display")) == Some("false")
            })
        })
        .filter_map(|n| n.attribute((STYLE, "name")))
        .collect();
    let tables = doc
        .descendants()
        .filter(|n| n.has_tag_name((OFFICE, "spreadsheet")))
        .flat_map(|s| s.children().filter(|n| n.has_tag_name((TABLE, "table"))))
        .filter(|t| {
            t.attribute((TABLE, "style-name"))
                .is_none_or(|style| !hidden.contains(&style))
        });
    for table in tables {
        let mut number = 0usize;
        let mut rows: Rows = Vec::new();
        let table_rows = table
            .descendants()
            .filter(|n| n.has_tag_name((TABLE, "table-row")));
        for row in table_rows {
            let repeated = repeats(&row, "number-rows-repeated");
            number = number.saturating_add(1);
            if number > MAX_ROWS {
                break;
            }
            let mut cells: Vec<String> = Vec::new();
            for cell in row.children().filter(|n| {
                n.has_tag_name((TABLE, "table-cell"))
                    || n.has_tag_name((TABLE, "covered-table-cell"))
            }) {
                let text = ods_cell_text(&cell);
                let times = repeats(&cell, "number-columns-repeated");
                if text.is_empty() {
                    let width = cells.len().saturating_add(times).min(MAX_COLUMNS);
                    cells.resize(width, String::new());
                    continue;
                }
                for _ in 0..times {
                    if cells.len() >= MAX_COLUMNS {
                        break;
                    }
                    cells.push(text.clone());
                }
            }
            rows.push((cells, number));
            number = number.saturating_add(repeated - 1);
        }
        write_sheet(&rows, &mut out);
    }
    Ok(out.finish(false))
}

/// How many times a row or cell stands (1 unless it says more).
fn repeats(node: &Node, attribute: &str) -> usize {
    node.attribute((TABLE, attribute))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

/// A cell's paragraphs, one per line (those of a list in it as `- `
/// items); `text:s` is spaces, `text:tab` a space, `text:line-break` a new
/// line.
fn ods_cell_text(cell: &Node) -> String {
    let mut lines = Vec::new();
    for p in cell.descendants().filter(|n| n.has_tag_name((TEXT, "p"))) {
        let listed = p
            .parent()
            .is_some_and(|parent| parent.has_tag_name((TEXT, "list-item")));
        let mut line = String::from(if listed { "- " } else { "" });
        for node in p.descendants() {
            if node.is_text() {
                line.push_str(node.text().unwrap_or(""));
            } else if node.has_tag_name((TEXT, "s")) {
                let n = node
                    .attribute((TEXT, "c"))
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(MAX_SPACES);
                line.push_str(&" ".repeat(n));
            } else if node.has_tag_name((TEXT, "tab")) {
                line.push(' ');
            } else if node.has_tag_name((TEXT, "line-break")) {
                line.push('\n');
            }
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_from_zero() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("c7"), Some(2));
        assert_eq!(column_of("AA10"), Some(26));
        assert_eq!(column_of("XFD1048576"), Some(16383));
        assert_eq!(column_of("17"), None);
        assert_eq!(column_of("ABCD1"), None);
    }

    #[test]
    fn cells_with_tabs_breaks_or_quotes_are_quoted() {
        assert_eq!(quoted("plain"), "plain");
        assert_eq!(quoted("two\nlines"), "\"two\nlines\"");
        assert_eq!(quoted("say \"no\""), "\"say \"\"no\"\"\"");
    }

    #[test]
    fn each_sheet_is_a_table_of_its_own() {
        let row = |cells: &[&str], n: usize| (cells.iter().map(|c| (*c).to_owned()).collect(), n);
        let stories: Rows = vec![
            row(&["Title", "Situation", "Task", "Action", "Result"], 1),
            row(
                &["Rota", "Overtime rose.", "Cut it.", "New rota.", "Halved."],
                2,
            ),
        ];
        let more: Rows = vec![
            row(
                &["Title", "Situation", "Task", "Action", "Result", "", ""],
                1,
            ),
            row(
                &[
                    "Vendor",
                    "It went down.",
                    "Keep selling.",
                    "Backup.",
                    "No loss.",
                ],
                3,
            ),
        ];
        let mut out = LineWriter::with_capacity(64);
        write_sheet(&stories, &mut out);
        write_sheet(&more, &mut out);
        let (text, lines) = out.finish(false);
        // Two tables, neither header read as a story of the other.
        assert_eq!(text.matches("| Title |").count(), 2, "{text}");
        assert!(!text.contains("| Title | Situation | Task | Action | Result |  |"));
        assert_eq!(lines.last(), Some(&3));
    }

    #[test]
    fn excel_escapes_are_decoded() {
        assert_eq!(unescape("one_x000D_\ntwo"), "one\ntwo");
        assert_eq!(unescape("a_x0009_b"), "a\tb");
        assert_eq!(unescape("snake_xcase_x"), "snake_xcase_x");
    }
}
