//! Rich Text Format (`.rtf`, as WordPad and TextEdit save notes): the text
//! of the document with its paragraphs as lines, bold runs as `**bold**`
//! (so `\b Situation:\b0` reads as a bold label), list bullets as `- `,
//! `\'a3` and `\u8217?` as their characters. Font and colour tables, the
//! document's info and other destinations are left out. Each line points
//! at the source line its first character came from.

use super::{LineWriter, Rewritten};

/// Groups whose text is not part of the document.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "footer",
    "footerl",
    "footerr",
    "footnote",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "filetbl",
    "revtbl",
    "fldinst",
];

#[derive(Clone, Copy)]
struct State {
    skip: bool,
    bold: bool,
    /// Characters that follow a `\u` as its fallback for old readers.
    fallback: usize,
}

struct Writer {
    out: LineWriter,
    line: String,
    /// Source line of the first character of `line`.
    from: usize,
    /// Where the open `**` of the current bold run starts in `line`.
    bold_at: Option<usize>,
}

impl Writer {
    fn push(&mut self, c: char, source: usize) {
        if self.line.is_empty() {
            self.from = source;
        }
        self.line.push(c);
    }

    fn bold(&mut self, on: bool, source: usize) {
        if on {
            if self.line.is_empty() {
                self.from = source;
            }
            self.bold_at = Some(self.line.len());
            self.line.push_str("**");
            return;
        }
        let Some(at) = self.bold_at.take() else {
            return;
        };
        let inner = &self.line[at + 2..];
        if inner.trim().is_empty() {
            // Nothing in bold: no marker at all.
            let rest = inner.to_string();
            self.line.truncate(at);
            self.line.push_str(&rest);
            return;
        }
        // `**Situation: **` is no emphasis in Markdown: the spaces go after;
        // `** Situation**` likewise: the spaces go before.
        let trailing = inner.len() - inner.trim_end().len();
        let leading = inner.len() - inner.trim_start().len();
        let spaces = self.line.split_off(self.line.len() - trailing);
        if leading > 0 {
            self.line
                .replace_range(at..at + 2 + leading, &" ".repeat(leading));
            self.line.insert_str(at + leading, "**");
        }
        self.line.push_str("**");
        self.line.push_str(&spaces);
    }

    fn end_line(&mut self, source: usize, state: State) {
        let reopen = self.bold_at.is_some();
        if reopen {
            self.bold(false, source);
        }
        let text = std::mem::take(&mut self.line);
        let from = if text.is_empty() { source } else { self.from };
        self.out.line(text.trim_end(), from);
        if reopen && state.bold {
            self.bold(true, source);
        }
    }
}

/// The rewritten document; `None` unless the text is RTF (`{\rtf`).
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let body = text.trim_start_matches('\u{feff}');
    if !body.starts_with("{\\rtf") {
        return None;
    }
    let chars: Vec<char> = body.chars().collect();
    let mut w = Writer {
        out: LineWriter::with_capacity(text.len()),
        line: String::new(),
        from: 1,
        bold_at: None,
    };
    let mut stack: Vec<State> = Vec::new();
    let mut state = State {
        skip: false,
        bold: false,
        fallback: 1,
    };
    let mut source = 1usize;
    // Characters still to drop after a `\u` (its fallback).
    let mut drop = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '{' => {
                stack.push(state);
                i += 1;
                // `{\*\destination ...}`: ignorable.
                if chars.get(i) == Some(&'\\') && chars.get(i + 1) == Some(&'*') {
                    state.skip = true;
                }
                continue;
            }
            '}' => {
                drop = 0;
                let outer = stack.pop().unwrap_or(State {
                    skip: false,
                    bold: false,
                    fallback: 1,
                });
                if !state.skip && state.bold != outer.bold {
                    w.bold(outer.bold, source);
                }
                state = outer;
                i += 1;
                continue;
            }
            '\n' => {
                source += 1;
                i += 1;
                continue;
            }
            '\r' => {
                i += 1;
                continue;
            }
            '\\' => {}
            _ => {
                if drop > 0 {
                    drop -= 1;
                } else if !state.skip {
                    w.push(c, source);
                }
                i += 1;
                continue;
            }
        }
        // A control word or symbol.
        let Some(&next) = chars.get(i + 1) else {
            break;
        };
        if !next.is_ascii_alphabetic() {
            i += 2;
            let symbol = match next {
                '\'' => {
                    let digits = chars
                        .iter()
                        .skip(i)
                        .take(2)
                        .take_while(|c| c.is_ascii_hexdigit())
                        .count();
                    let hex: String = chars[i..i + digits].iter().collect();
                    i += digits;
                    u8::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(|b| super::decode::windows_1252(&[b]).chars().next())
                }
                '\\' | '{' | '}' => Some(next),
                '~' => Some(' '),
                '_' => Some('-'),
                // A backslash ending a line is a paragraph break (TextEdit).
                '\n' | '\r' => {
                    if next == '\r' && chars.get(i) == Some(&'\n') {
                        i += 1;
                    }
                    source += 1;
                    if !state.skip {
                        w.end_line(source - 1, state);
                    }
                    None
                }
                _ => None,
            };
            if let Some(s) = symbol {
                if drop > 0 {
                    drop -= 1;
                } else if !state.skip {
                    w.push(s, source);
                }
            }
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < chars.len() && chars[end].is_ascii_alphabetic() {
            end += 1;
        }
        let word: String = chars[start..end].iter().collect();
        let mut param_end = end;
        if chars.get(param_end) == Some(&'-') {
            param_end += 1;
        }
        while param_end < chars.len() && chars[param_end].is_ascii_digit() {
            param_end += 1;
        }
        let param: Option<i64> = chars[end..param_end]
            .iter()
            .collect::<String>()
            .parse()
            .ok();
        i = param_end;
        if chars.get(i) == Some(&' ') {
            i += 1;
        }
        if SKIPPED.contains(&word.as_str()) {
            state.skip = true;
            continue;
        }
        if state.skip {
            continue;
        }
        match word.as_str() {
            "par" | "line" | "sect" | "page" | "row" => w.end_line(source, state),
            "tab" | "cell" => w.push(' ', source),
            "b" | "plain" => {
                let on = word == "b" && param != Some(0);
                if on != state.bold {
                    w.bold(on, source);
                }
                state.bold = on;
            }
            "uc" => state.fallback = param.unwrap_or(1).clamp(0, 8) as usize,
            "u" => {
                let n = param.map(|n| if n < 0 { n + 65_536 } else { n });
                let ch = n
                    .and_then(|n| u32::try_from(n).ok())
                    .and_then(char::from_u32)
                    .filter(|c| *c != '\0');
                if let Some(ch) = ch {
                    w.push(ch, source);
                }
                drop = state.fallback;
            }
            "pntext" | "listtext" => {
                // The bullet or number an old reader shows: a list item.
                w.push('-', source);
                w.push(' ', source);
                state.skip = true;
            }
            "emdash" => w.push('\u{2014}', source),
            "endash" => w.push('\u{2013}', source),
            "lquote" => w.push('\u{2018}', source),
            "rquote" => w.push('\u{2019}', source),
            "ldblquote" => w.push('\u{201c}', source),
            "rdblquote" => w.push('\u{201d}', source),
            "bullet" => w.push('\u{2022}', source),
            _ => {}
        }
    }
    if !w.line.is_empty() {
        w.end_line(source, state);
    }
    Some(w.out.finish(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_bold_labels_bullets_and_escapes_become_markdown() {
        let rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0 Calibri;}}{\\colortbl ;\\red1\\green2\\blue3;}\n{\\*\\generator Riched20}\\pard\\b 1. The boiler in January\\b0\\par\n\\b Situation: \\b0 The heating failed \\endash  it was \\'a3900 to fix.\\par\n{\\pntext\\f1\\'B7\\tab}Called the engineer\\par\n\\b Result:\\b0  Guests were warm by 6pm, I\\rquote m told.\\par\n}";
        let (text, lines) = rewrite(rtf).unwrap();
        assert_eq!(
            text,
            "**1. The boiler in January**\n**Situation:** The heating failed \u{2013} it was \u{a3}900 to fix.\n- Called the engineer\n**Result:** Guests were warm by 6pm, I\u{2019}m told.\n"
        );
        assert_eq!(lines, [2, 3, 4, 5]);
    }

    #[test]
    fn unicode_escapes_drop_their_fallback() {
        let (text, _) = rewrite("{\\rtf1\\uc1 caf\\u233?\\u-3913?!\\par}").unwrap();
        assert_eq!(text, "caf\u{e9}\u{f0b7}!\n");
    }

    #[test]
    fn textedit_lists_and_line_breaks_are_read() {
        let rtf = "{\\rtf1\\ansi\r\n\\b Action:\\b0\\\r\n{\\listtext\t\\uc0\\u8226 \t}Called the insurer\\\r\n{\\b x}\\plain  after\\par}";
        let (text, _) = rewrite(rtf).unwrap();
        assert_eq!(text, "**Action:**\n- Called the insurer\n**x** after\n");
        // `\'` with one hex digit and a brace after it keeps the brace.
        let (text, _) = rewrite("{\\rtf1 {\\b a\\'e}b\\par}").unwrap();
        assert_eq!(text, "**a\u{e}**b\n");
        // `{\u8217}x`: the fallback count ends with the group.
        let (text, _) = rewrite("{\\rtf1 {\\u8217}x\\par}").unwrap();
        assert_eq!(text, "\u{2019}x\n");
    }

    #[test]
    fn other_text_is_not_rtf() {
        assert!(rewrite("# Notes\n\n{\\rtf1 is how RTF starts}").is_none());
        // Unbalanced braces and a cut-off escape do not panic.
        assert!(rewrite("{\\rtf1 }}}} \\'4").is_some());
        assert!(rewrite("{\\rtf1 {{{\\b x").is_some());
    }
}
