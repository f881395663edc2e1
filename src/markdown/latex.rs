//! Notes kept in LaTeX (academics write their interview notes the way they
//! write papers): `\section*{Title}`, `\textbf{Situation:} ...`,
//! `itemize` lists, `%` comments, `\%` and `\&`. Such a file is rewritten
//! as the Markdown it stands for, line for line.

use super::{LineWriter, Rewritten};

/// Fewest LaTeX command lines for a document to be read as LaTeX.
const MIN_SIGNALS: usize = 2;

/// The rewritten document and the source line of each line (one for one);
/// `None` for a document that is not LaTeX.
pub(crate) fn rewrite(file_name: &str, text: &str) -> Option<Rewritten> {
    // A `.tex` file, or a document that declares itself LaTeX outside any
    // Markdown code fence: two `\begin{aligned}` blocks in Markdown notes
    // do not make them LaTeX.
    let tex_file = file_name.to_ascii_lowercase().ends_with(".tex")
        || (text.contains("\\documentclass") && !text.contains("```") && !text.contains("~~~"));
    let signals = text
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("\\section")
                || t.starts_with("\\subsection")
                || t.starts_with("\\begin{")
                || t.starts_with("\\documentclass")
                || t.starts_with("\\item")
        })
        .count();
    if !tex_file || signals < MIN_SIGNALS {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len());
    let mut in_preamble = text.contains("\\begin{document}");
    for (i, raw) in text.split('\n').enumerate() {
        let line = strip_comment(raw.trim_end_matches('\r'));
        let trimmed = line.trim();
        let converted = if in_preamble {
            if trimmed.starts_with("\\begin{document}") {
                in_preamble = false;
            }
            String::new()
        } else if let Some((level, title)) = sectioning(trimmed) {
            format!("{} {}", "#".repeat(level), inline(title))
        } else if trimmed.starts_with("\\begin{") || trimmed.starts_with("\\end{") {
            String::new()
        } else if let Some(rest) = trimmed.strip_prefix("\\item") {
            let rest = rest
                .strip_prefix(|c: char| c == '[')
                .map_or(rest, |r| r.split_once(']').map_or(r, |(_, after)| after));
            format!("- {}", inline(rest.trim()))
        } else {
            inline(line)
        };
        out.line(&converted, i + 1);
    }
    Some(out.finish(text.ends_with('\n')))
}

/// The line without its comment: `%` not escaped as `\%`.
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%' && (i == 0 || bytes[i - 1] != b'\\') {
            return &line[..i];
        }
    }
    line
}

/// `\section*{Title}` -> (2, "Title"); `\subsection{...}` -> 3.
fn sectioning(line: &str) -> Option<(usize, &str)> {
    let (level, rest) = [
        ("\\chapter", 1),
        ("\\section", 2),
        ("\\subsection", 3),
        ("\\subsubsection", 4),
        ("\\paragraph", 5),
    ]
    .iter()
    .rev()
    .find_map(|(command, level)| line.strip_prefix(command).map(|rest| (*level, rest)))?;
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    let inner = rest.strip_prefix('{')?;
    let close = matching_brace(inner)?;
    Some((level, inner[..close].trim()))
}

/// Longest group searched for its closing brace: an unclosed `\a{\a{...`
/// line stays linear.
const MAX_GROUP_LEN: usize = 2000;

/// Deepest nesting of commands read; deeper text is kept as it is.
const MAX_DEPTH: usize = 8;

/// Index of the `}` closing a group whose `{` came just before `text`.
fn matching_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices().take_while(|&(i, _)| i < MAX_GROUP_LEN) {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Inline commands as Markdown or plain text: `\textbf{X}` -> `**X**`,
/// `\emph{X}` -> `*X*`, `\%` -> `%`, ``` ``quotes'' ``` -> `"quotes"`,
/// `--` -> `–`; other commands keep their argument's text.
fn inline(text: &str) -> String {
    inline_at(text, 0)
}

fn inline_at(text: &str, depth: usize) -> String {
    if depth > MAX_DEPTH {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['\\', '`', '\'', '-', '~']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("``") {
            out.push('"');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("''") {
            out.push('"');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("---") {
            out.push('\u{2014}');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("--") {
            out.push('\u{2013}');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('~') {
            out.push(' ');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('\\') {
            let (text, used) = command(after, depth);
            out.push_str(&text);
            rest = &after[used..];
        } else {
            let c = tail.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &tail[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

/// A command after its backslash: its text and the bytes it used.
fn command(after: &str, depth: usize) -> (String, usize) {
    let Some(first) = after.chars().next() else {
        return (String::new(), 0);
    };
    if !first.is_ascii_alphabetic() {
        // `\%`, `\&`, `\$`, `\_`, `\#`, `\\` (a line break).
        let text = if first == '\\' {
            " ".to_owned()
        } else {
            first.to_string()
        };
        return (text, first.len_utf8());
    }
    let name_len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
    let name = &after[..name_len];
    let mut used = name_len;
    let symbol = match name {
        "ldots" | "dots" => Some("\u{2026}"),
        "pounds" => Some("\u{a3}"),
        "euro" => Some("\u{20ac}"),
        "textendash" => Some("\u{2013}"),
        "textemdash" => Some("\u{2014}"),
        "LaTeX" => Some("LaTeX"),
        "newline" | "par" | "noindent" | "medskip" | "bigskip" | "smallskip" | "hfill"
        | "centering" | "maketitle" => Some(""),
        _ => None,
    };
    if let Some(symbol) = symbol {
        // `\ldots{}` and `\pounds 5` alike.
        if after[used..].starts_with("{}") {
            used += 2;
        }
        return (symbol.to_owned(), used);
    }
    let Some(inner) = after[used..].strip_prefix('{') else {
        return (String::new(), used);
    };
    let Some(close) = matching_brace(inner) else {
        return (String::new(), used);
    };
    let argument = inline_at(&inner[..close], depth + 1);
    used += 1 + close + 1;
    let text = match name {
        "textbf" | "textsc" => format!("**{argument}**"),
        "emph" | "textit" => format!("*{argument}*"),
        "texttt" => format!("`{argument}`"),
        "label" | "vspace" | "hspace" | "cite" | "ref" => String::new(),
        _ => argument,
    };
    (text, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_or_unclosed_groups_stay_cheap() {
        let deep = format!("{}x{}", "\\emph{".repeat(50_000), "}".repeat(50_000));
        let text = format!(
            "\\section*{{A}}\n\\item {deep}\n\\textbf{{{}\n",
            "\\a{".repeat(100_000)
        );
        assert!(rewrite("deep.tex", &text).is_some());
    }

    #[test]
    fn sections_bold_labels_and_items_become_markdown() {
        let text = "\\documentclass{article}\n\\begin{document}\n\\section*{1. Stats module}\n% private note\n\\textbf{Situation:} A 23\\% fail rate \\& ``blunt'' comments -- \\emph{ouch}.\n\\begin{itemize}\n\\item Rewrote it\n\\end{itemize}\n\\end{document}\n";
        let (out, map) = rewrite("notes.tex", text).expect("latex");
        assert_eq!(
            out,
            "\n\n## 1. Stats module\n\n**Situation:** A 23% fail rate & \"blunt\" comments \u{2013} *ouch*.\n\n- Rewrote it\n\n\n"
        );
        assert_eq!(map.len(), 9);
    }

    #[test]
    fn markdown_mentioning_a_command_is_left_alone() {
        assert!(rewrite("notes.md", "I use \\section in papers.\n").is_none());
        let maths = "Result: churn down 23% in Q2\n$$\\begin{aligned} a \\end{aligned}$$\n\\item x\n\\begin{x}\n";
        assert!(rewrite("notes.md", maths).is_none());
    }
}
