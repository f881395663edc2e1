//! Spreadsheets: Excel workbooks (`.xlsx`, as Excel, Google Sheets and
//! Numbers save them) and OpenDocument spreadsheets (`.ods`, LibreOffice
//! Calc's own format): a story bank kept in a spreadsheet, a story per row
//! under a header naming the parts. Each visible sheet is written out as
//! tab-separated text (a cell holding tabs, line breaks or quotes is
//! quoted), the way cells copied from a sheet arrive, for the delimited
//! table reader (`delimited.rs`) to read; sheets are separated by a blank
//! line. Each line points at its row number, which is what the stories'
//! sources then name (`bank.xlsx:5`).

use std::collections::HashMap;
use std::io::Cursor;

use roxmltree::{Document, Node};

use super::docx::{parse, part, PackageError};
use super::{LineWriter, Rewritten};

/// SpreadsheetML's namespace.
const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/// Relationships' namespace (the `r:id` of a sheet).
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Most columns read from a row; cells further right are left out.
const MAX_COLUMNS: usize = 256;

/// Whether the package is an Excel workbook.
pub(crate) fn is_workbook(archive: &zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    archive.index_for_name("xl/workbook.xml").is_some()
}

/// The workbook's visible sheets as tab-separated text, each line with its
/// row number.
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
            .filter(|n| n.has_tag_name("Relationship"))
            .filter_map(|n| Some((n.attribute("Id")?.to_owned(), n.attribute("Target")?)))
            .map(|(id, target)| (id, sheet_path(target)))
            .collect(),
        None => HashMap::new(),
    };
    let mut out = LineWriter::with_capacity(1024);
    let sheets = workbook
        .descendants()
        .filter(|n| n.has_tag_name((S, "sheet")));
    for (n, sheet) in sheets.enumerate() {
        if matches!(sheet.attribute("state"), Some("hidden" | "veryHidden")) {
            continue;
        }
        let path = sheet
            .attribute((R, "id"))
            .and_then(|id| targets.get(id).cloned())
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", n + 1));
        let Some(xml) = part(archive, &path)? else {
            continue;
        };
        let doc = parse(&xml, &path)?;
        write_sheet(&doc, &strings, &mut out);
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
        .filter(|n| n.has_tag_name((S, "si")))
        .map(|si| text_of(&si))
        .collect()
}

/// The text of the `<t>` elements under a node, not those of phonetic
/// runs (`<rPh>`).
fn text_of(node: &Node) -> String {
    let mut text = String::new();
    for t in node.descendants().filter(|n| n.has_tag_name((S, "t"))) {
        let phonetic = t.ancestors().any(|a| a.has_tag_name((S, "rPh")));
        if !phonetic {
            text.push_str(t.text().unwrap_or(""));
        }
    }
    text
}

fn write_sheet(doc: &Document, strings: &[String], out: &mut LineWriter) {
    let Some(data) = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((S, "sheetData")))
    else {
        return;
    };
    let mut last_row = 0;
    let mut wrote = false;
    for row in data.children().filter(|n| n.has_tag_name((S, "row"))) {
        let number = row
            .attribute("r")
            .and_then(|r| r.parse::<usize>().ok())
            .unwrap_or(last_row + 1);
        last_row = number;
        let mut cells: Vec<String> = Vec::new();
        for cell in row.children().filter(|n| n.has_tag_name((S, "c"))) {
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
        write_row(&cells, number, &mut wrote, out);
    }
}

/// Writes a row of cells as a line of tab-separated text (more lines when
/// a cell holds line breaks) pointing at row `number`; a blank line before
/// a sheet's first row. An empty row is left out.
fn write_row(cells: &[String], number: usize, wrote: &mut bool, out: &mut LineWriter) {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return;
    }
    if !*wrote && !out.is_empty() {
        out.line("", number);
    }
    *wrote = true;
    let line = cells
        .iter()
        .map(|c| quoted(c))
        .collect::<Vec<_>>()
        .join("\t");
    for piece in line.split('\n') {
        out.line(piece, number);
    }
}

const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/// The package's declared type for a spreadsheet.
pub(crate) const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// The spreadsheet's sheets as tab-separated text, each line with its row
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
    let tables = doc
        .descendants()
        .filter(|n| n.has_tag_name((OFFICE, "spreadsheet")))
        .flat_map(|s| s.children().filter(|n| n.has_tag_name((TABLE, "table"))));
    for table in tables {
        let mut number = 0usize;
        let mut wrote = false;
        let rows = table
            .descendants()
            .filter(|n| n.has_tag_name((TABLE, "table-row")));
        for row in rows {
            let repeated = repeats(&row, "number-rows-repeated");
            number = number.saturating_add(1);
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
            write_row(&cells, number, &mut wrote, &mut out);
            number = number.saturating_add(repeated - 1);
        }
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

/// A cell's paragraphs, one per line; `text:s` is spaces, `text:tab` a
/// space, `text:line-break` a new line.
fn ods_cell_text(cell: &Node) -> String {
    let mut lines = Vec::new();
    for p in cell.children().filter(|n| n.has_tag_name((TEXT, "p"))) {
        let mut line = String::new();
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

/// Most spaces one `text:s` stands for.
const MAX_SPACES: usize = 16;

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
            .find(|n| n.has_tag_name((S, "v")))
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
            .find(|n| n.has_tag_name((S, "is")))
            .map(|is| text_of(&is))
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
}
