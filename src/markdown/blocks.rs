//! Flattening pulldown-cmark's event stream into logical lines.
//!
//! STAR labels live at the start of a line (`S: ...`, `**Action:**`), but
//! Markdown merges consecutive lines into one paragraph, and lazy continuation
//! can even pull a `**Result**:` line into the last item of a list. So the
//! importer works on lines, each knowing what kind of block it came from, its
//! source line number and how it joins the line before it. Parsing with
//! pulldown-cmark (rather than line regexes) keeps code fences, emphasis and
//! lists from being mistaken for structure.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::labels::{self, Part};

/// How a line attaches to the previous line when a part is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Joiner {
    /// Same paragraph, separated by a soft break.
    Space,
    /// Next list item, hard break, next code line or table row.
    Newline,
    /// A new block.
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    Heading(u8),
    Text,
    Code,
    Row,
    Rule,
}

/// One logical line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub kind: LineKind,
    /// Plain text: emphasis markers stripped, inline code kept.
    pub text: String,
    /// 1-based line number in the source file.
    pub line: usize,
    pub joiner: Joiner,
    /// The list marker (`-`, `3.`) when this line opens a list item.
    pub item: Option<String>,
    /// How many lists this line is nested in.
    pub depth: usize,
    /// End (byte offset in `text`) of an emphasised span the line starts with,
    /// which is how `**Situation** text` is told apart from prose.
    pub lead_emphasis_end: Option<usize>,
}

impl Line {
    /// True when the whole line is emphasised, as in `**Story 2: Billing**`.
    pub fn is_all_emphasis(&self) -> bool {
        self.lead_emphasis_end.is_some_and(|end| {
            self.text
                .get(end..)
                .is_some_and(|rest| !rest.chars().any(char::is_alphanumeric))
        })
    }
}

/// An unclosed fence swallows the rest of the document, so each repair
/// re-parses; bounding the repairs keeps hostile input linear.
const MAX_FENCE_REPAIRS: usize = 8;

/// Parses `text` into lines, closing a runaway unclosed code fence before the
/// first line inside it that is clearly document structure again.
pub(crate) fn extract(text: &str) -> Vec<Line> {
    let mut lines = split_run_in_titles(extract_lines(text));
    read_dash_rules(&mut lines);
    read_trailing_labels(&mut lines);
    for line in &mut lines {
        unlink(line);
    }
    lines
}

/// `65e0b1a2-7c3d-4f10-9b2e-1a2b3c4d5e01`: five groups of hex digits.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A Roam block reference's uid, `((GxT4a_9bQ))`: nine letters, digits,
/// `-` or `_`, with a digit, a capital and a small letter among them
/// (`((optional))`, `((FY2023-24))` and `((PagerDuty))` in prose lack one).
fn is_roam_uid(text: &str) -> bool {
    text.len() == 9
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && text.bytes().any(|b| b.is_ascii_digit())
        && text.bytes().any(|b| b.is_ascii_uppercase())
        && text.bytes().any(|b| b.is_ascii_lowercase())
}

/// Longest wiki link or block reference read as one.
const MAX_LINK_LEN: usize = 200;

/// Wiki links read as their text (`[[VetIT Helix]]` -> `VetIT Helix`,
/// `[[page|shown]]` -> `shown`) and outline block references
/// (`((65e0b1a2-...))`) are dropped: in a story they are the words, or
/// nothing, not brackets.
fn unlink(line: &mut Line) {
    if line.kind == LineKind::Code || (!line.text.contains("[[") && !line.text.contains("((")) {
        return;
    }
    let text = &line.text;
    let mut out = String::with_capacity(text.len());
    // Where the leading emphasis ends, in `text` and then in `out`.
    let lead = line.lead_emphasis_end;
    let mut new_lead = None;
    let mut i = 0;
    while i < text.len() {
        if new_lead.is_none() && lead.is_some_and(|l| l <= i) {
            new_lead = Some(out.len());
        }
        let rest = &text[i..];
        let (open, close) = if rest.starts_with("[[") {
            ("[[", "]]")
        } else if rest.starts_with("((") {
            ("((", "))")
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
            continue;
        };
        // Only the next few hundred bytes are searched: a line of `[[[[`
        // stays linear.
        let mut window = (2 + MAX_LINK_LEN + 2).min(rest.len());
        while !rest.is_char_boundary(window) {
            window -= 1;
        }
        let inner = rest[2..window]
            .find(close)
            .filter(|&e| !rest[2..2 + e].contains(['[', '(', '\n']))
            .map(|e| &rest[2..2 + e]);
        let kept = match inner {
            Some(inner) if open == "[[" => inner.rsplit('|').next().unwrap_or(inner),
            // A block reference is a UUID: `((65e0b1a2-7c3d-...))`.
            Some(inner) if is_uuid(inner) || is_roam_uid(inner) => "",
            // `((see above))` is prose in double brackets, not a reference.
            _ => {
                out.push_str(open);
                i += 2;
                continue;
            }
        };
        // A Roam tag of several words, `#[[Decision Making]]`, stays one
        // tag (`#Decision-Making`).
        let kept: Cow<'_, str> = if out.ends_with('#') && kept.contains(' ') {
            Cow::Owned(kept.replace(' ', "-"))
        } else if out.trim().is_empty() && kept.eq_ignore_ascii_case("star") {
            // `[[STAR]] Getting Sales on board`: a link to the method's page
            // opening a line names no part of the title.
            Cow::Borrowed("")
        } else {
            Cow::Borrowed(kept)
        };
        let consumed = inner.map_or(0, str::len) + 4;
        let before_punctuation = text[i + consumed..].starts_with([')', ',', '.', ';']);
        if kept.is_empty() && before_punctuation {
            let trimmed = out.trim_end().len();
            if new_lead.is_none_or(|l| l <= trimmed) {
                out.truncate(trimmed);
            }
        }
        out.push_str(&kept);
        i += consumed;
    }
    if new_lead.is_none() && lead.is_some() {
        new_lead = Some(out.len());
    }
    // Roam's task markers, `{{[[TODO]]}} add the numbers` (read as
    // `{{TODO}}` by now): a to-do is the writer's note, a done box nothing.
    if lead.is_none() && out.contains("{{") {
        out = out.replace("{{TODO}}", "TODO:").replace("{{DONE}}", "");
    }
    // A reference dropped between two words leaves two spaces, which the
    // parts collapse when they are rendered.
    line.text = out;
    line.lead_emphasis_end = new_lead;
}

/// `———`, `– – –` or `━━━━` alone on a line, as note apps and word
/// processors type a separator: a rule, as `---` is in Markdown.
fn read_dash_rules(lines: &mut [Line]) {
    // Dashes, and the horizontal box-drawing lines (`─`, `━`, `═`).
    let long_dash = |c: char| {
        matches!(
            c,
            '\u{2014}' | '\u{2013}' | '\u{2015}' | '\u{2500}' | '\u{2501}' | '\u{2550}'
        )
    };
    for i in 0..lines.len() {
        let text = lines[i].text.trim();
        let dashes = text.chars().filter(|&c| long_dash(c)).count();
        let only = text
            .chars()
            .all(|c| c.is_whitespace() || long_dash(c) || c == '-');
        if lines[i].kind == LineKind::Text && lines[i].item.is_none() && dashes >= 3 && only {
            lines[i].kind = LineKind::Rule;
            lines[i].text.clear();
            if let Some(next) = lines.get_mut(i + 1).filter(|n| n.joiner == Joiner::Space) {
                next.joiner = Joiner::Blank;
            }
        }
    }
}

/// The part a paragraph names at its end, `... get him back to standard.
/// (task)`, and the byte offset where that marker starts.
fn trailing_label(text: &str) -> Option<(Part, usize)> {
    let trimmed = text.trim_end();
    let open = trimmed.strip_suffix(')')?.rfind('(')?;
    let part = match trimmed[open + 1..trimmed.len() - 1]
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "situation" => Part::Situation,
        "task" => Part::Task,
        "action" | "actions" => Part::Action,
        "result" | "results" => Part::Result,
        _ => return None,
    };
    Some((part, open))
}

/// Paragraphs labelled at their end, `(situation)` ... `(result)`, as some
/// people write plain-text notes: the label moves to the paragraph's start
/// (`Situation: ...`). Only when at least two different parts are marked
/// that way, so a lone "(action)" in prose stays text.
fn read_trailing_labels(lines: &mut [Line]) {
    let ends = |lines: &[Line], i: usize| {
        lines
            .get(i + 1)
            .is_none_or(|next| next.joiner != Joiner::Space)
    };
    let marked: Vec<(usize, Part, usize)> = (0..lines.len())
        .filter(|&i| lines[i].kind == LineKind::Text && ends(lines, i))
        .filter_map(|i| trailing_label(&lines[i].text).map(|(part, at)| (i, part, at)))
        .collect();
    let mut parts: Vec<Part> = marked.iter().map(|m| m.1).collect();
    parts.sort_by_key(|p| p.index());
    parts.dedup();
    if parts.len() < 2 {
        return;
    }
    for (i, part, at) in marked {
        lines[i].text.truncate(at);
        let trimmed = lines[i].text.trim_end().len();
        lines[i].text.truncate(trimmed);
        let mut start = i;
        while start > 0
            && lines[start].joiner == Joiner::Space
            && lines[start - 1].kind == LineKind::Text
        {
            start -= 1;
        }
        let prefix = format!("{}: ", part.name());
        let first = &mut lines[start];
        first.text.insert_str(0, &prefix);
        first.lead_emphasis_end = None;
    }
}

/// Most words in a bold title run into its story's first label.
const MAX_RUN_IN_TITLE_WORDS: usize = 14;

/// `**2. Make it greener** S: ... | T: ...` and `3. **Mill Lane** (S) ...`:
/// a bold title with the story's first label run in after it on the same
/// line becomes two lines, the title and the label, as if the writer had
/// broken the line. In a list item the label is nested under the title.
fn split_run_in_titles(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let Some((head, rest)) = run_in_title(&line) else {
            out.push(line);
            continue;
        };
        let (head, rest) = (head.to_string(), rest.to_string());
        let depth = line.depth + usize::from(line.item.is_some());
        let number = line.line;
        out.push(Line {
            lead_emphasis_end: Some(head.len()),
            text: head,
            ..line
        });
        out.push(Line {
            kind: LineKind::Text,
            text: rest,
            line: number,
            joiner: Joiner::Newline,
            item: None,
            depth,
            lead_emphasis_end: None,
        });
    }
    out
}

/// The bold title and the run-in label line of [`split_run_in_titles`].
fn run_in_title(line: &Line) -> Option<(&str, &str)> {
    let end = line.lead_emphasis_end.filter(|&e| e < line.text.len())?;
    if line.kind != LineKind::Text {
        return None;
    }
    let head = line.text.get(..end)?.trim_end();
    let rest = line.text.get(end..)?.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}' | ':' | '|')
    });
    let words = head.split_whitespace().count();
    let titled = (1..=MAX_RUN_IN_TITLE_WORDS).contains(&words)
        && !head.ends_with(':')
        && labels::line_label(head, Some(head.len()), false).is_none()
        && labels::meta_line(head, Some(head.len())).is_none();
    let label = labels::line_label(rest, None, false)?;
    let opens = matches!(label.part, Part::Situation | Part::Task)
        && !label.weak
        && !label.dashed
        && !label.rest.is_empty();
    (titled && opens).then_some((head, rest))
}

fn extract_lines(text: &str) -> Vec<Line> {
    let text = rewrite_org(text);
    let text = strip_chat_chrome(&text);
    let text = separate_ai_turns(&text);
    let text = drop_nested_replies(&text);
    let text = rewrite_asciidoc(&text);
    let text = rewrite_html(&text);
    let text = rewrite_bullets(&text);
    let text = rewrite_numbered_setext(&text);
    let text = separate_dash_dividers(&text);
    let text = rewrite_equals_separators(&text);
    let text = rewrite_roman_titles(&text);
    let text = rewrite_lettered_parts(&text);
    let text = rewrite_emoji_parts(&text);
    let text = blank_front_matter(&text);
    let text = rewrite_containers(&text);
    let text = rewrite_definition_lists(&text);
    let text = unfence_pasted_stories(&text);
    let text = read_yaml_stories(&text);
    let mut source = Cow::Borrowed(text.as_ref());
    let mut inserted_lines: Vec<usize> = Vec::new();
    for _ in 0..MAX_FENCE_REPAIRS {
        let index = LineIndex::new(&source, &inserted_lines);
        let (lines, unclosed) = extract_once(&source, &index);
        let Some(repair) = unclosed.and_then(|block| closing_point(&source, block)) else {
            return lines;
        };
        let raw_line = LineIndex::new(&source, &[]).line_of(repair.offset);
        let mut patched = String::with_capacity(source.len() + repair.fence.len() + 1);
        patched.push_str(&source[..repair.offset]);
        patched.push_str(&repair.fence);
        patched.push('\n');
        patched.push_str(&source[repair.offset..]);
        // The inserted fence line must not shift the line numbers reported
        // for everything after it.
        let position = inserted_lines.partition_point(|&l| l < raw_line);
        for later in inserted_lines.iter_mut().skip(position) {
            *later += 1;
        }
        inserted_lines.insert(position, raw_line);
        source = Cow::Owned(patched);
    }
    let index = LineIndex::new(&source, &inserted_lines);
    extract_once(&source, &index).0
}

/// Fewest different STAR parts labelled at line starts inside a plain code
/// fence for it to be a pasted story.
const MIN_FENCED_PARTS: usize = 3;

/// A story pasted from a text editor into a plain code fence (no language,
/// or `text`), its lines labelled `situation - ...`, `T) ...`: the fence
/// lines are blanked, so the story is read as text and every line keeps
/// its number. Code fences with a language, or without labels, stay.
/// The closed fenced blocks of `lines`: the opening and closing fence's
/// line indexes and the info string (`yaml`, `text`, empty), lowercased.
fn fenced_blocks(lines: &[&str]) -> Vec<(usize, usize, String)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim();
        let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) else {
            i += 1;
            continue;
        };
        let info = trimmed
            .trim_start_matches(marker.as_bytes()[0] as char)
            .trim()
            .to_ascii_lowercase();
        let Some(close) = (i + 1..lines.len()).find(|&j| lines[j].trim().starts_with(marker))
        else {
            break;
        };
        blocks.push((i, close, info));
        i = close + 1;
    }
    blocks
}

/// Fewest words after one of a fence's labels for it to tell a story, not
/// a legend of the fields (see [`unfence_pasted_stories`]), when stories
/// are labelled below it.
const MIN_FENCED_STORY_WORDS: usize = 8;

/// What the labels at the starts of some lines say.
struct LabelledParts {
    /// The distinct STAR parts labelled.
    parts: Vec<Part>,
    /// Labels with prose after them (three words or more).
    prose: usize,
    /// The most words after one label.
    longest: usize,
}

fn labelled_parts<'a>(lines: impl Iterator<Item = &'a str>) -> LabelledParts {
    let mut found = LabelledParts {
        parts: Vec::new(),
        prose: 0,
        longest: 0,
    };
    for line in lines {
        if let Some(label) = labels::line_label(line.trim(), None, false) {
            if !label.weak && !found.parts.contains(&label.part) {
                found.parts.push(label.part);
            }
            let words = label.rest.split_whitespace().count();
            found.longest = found.longest.max(words);
            // `task: sync-orders` in a config or a log is no prose.
            if words >= 3 {
                found.prose += 1;
            }
        }
    }
    found
}

fn unfence_pasted_stories(text: &str) -> Cow<'_, str> {
    if !text.contains("```") && !text.contains("~~~") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let blocks = fenced_blocks(&lines);
    let mut blank: Vec<usize> = Vec::new();
    // Where the first story told outside every fence starts its parts: a
    // fence of short labelled lines before it is the file's legend.
    let mut fenced = vec![false; lines.len()];
    for (i, close, _) in &blocks {
        fenced[*i..=*close].fill(true);
    }
    let outside = |from: usize| {
        lines
            .iter()
            .zip(&fenced)
            .skip(from)
            .filter(|(_, &inside)| !inside)
            .map(|(line, _)| *line)
    };
    let told_outside_from = (0..lines.len())
        .find(|&at| !fenced[at] && labels::line_label(lines[at].trim(), None, false).is_some())
        .filter(|&at| labelled_parts(outside(at)).parts.len() >= MIN_FENCED_PARTS);
    for (i, close, info) in blocks {
        let plain = matches!(info.as_str(), "" | "text" | "txt" | "plain" | "plaintext");
        let fence = labelled_parts(lines[i + 1..close].iter().copied());
        // `situation -> context. 2 lines max!!`, `action -> what I did`:
        // what each field holds, above the stories the file tells.
        let legend = told_outside_from.is_some_and(|from| from > close)
            && fence.longest < MIN_FENCED_STORY_WORDS;
        if plain && fence.parts.len() >= MIN_FENCED_PARTS && fence.prose >= 2 && !legend {
            blank.extend([i, close]);
        }
    }
    if blank.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if blank.binary_search(&i).is_ok() {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// A story kept as YAML in a fenced block (`title:`, `situation: >`,
/// `action: |`, `tags: [..]`, `questions:`), as starmatch's own story
/// files are written.
#[derive(Debug, Default, serde::Deserialize)]
struct FencedStory {
    #[serde(default, alias = "name", alias = "story")]
    title: Option<String>,
    #[serde(default, alias = "context", alias = "background")]
    situation: Option<FencedText>,
    #[serde(default, alias = "goal", alias = "objective")]
    task: Option<FencedText>,
    #[serde(default, alias = "actions")]
    action: Option<FencedText>,
    #[serde(default, alias = "results", alias = "outcome", alias = "impact")]
    result: Option<FencedText>,
    #[serde(
        default,
        alias = "learnings",
        alias = "lesson",
        alias = "lessons",
        alias = "learned"
    )]
    learning: Option<FencedText>,
    #[serde(default, alias = "competency")]
    competencies: Option<FencedText>,
    #[serde(default)]
    tags: Option<FencedText>,
    #[serde(default, alias = "question")]
    questions: Option<FencedText>,
}

/// A YAML value that is a text or a list of texts.
#[derive(Debug, serde::Deserialize)]
#[serde(untagged)]
enum FencedText {
    One(String),
    Many(Vec<String>),
}

impl FencedText {
    fn lines(&self) -> Vec<String> {
        match self {
            FencedText::One(text) => text
                .lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            FencedText::Many(items) => items.iter().map(|i| format!("- {}", i.trim())).collect(),
        }
    }

    fn items(&self) -> Vec<String> {
        match self {
            FencedText::One(text) => text.split(',').map(|i| i.trim().to_owned()).collect(),
            FencedText::Many(items) => items.iter().map(|i| i.trim().to_owned()).collect(),
        }
    }
}

/// A story kept as YAML in a ```` ```yaml ```` block is rewritten as the
/// labelled Markdown it stands for (a bold title, `**Situation:** ...`,
/// `Tags:` and `Questions:` lines), in the block's own lines, so every
/// later line keeps its number. A block that is not such a story (or does
/// not parse) stays code.
fn read_yaml_stories(text: &str) -> Cow<'_, str> {
    if !text.contains("```") && !text.contains("~~~") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut replaced: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (i, close, info) in fenced_blocks(&lines) {
        if matches!(info.as_str(), "yaml" | "yml") {
            let body: String = lines[i + 1..close].concat();
            // The block's lines, fences included, hold the rewrite; a list
            // that does not fit is written on one line.
            let room = close - i + 1;
            let fits = [false, true]
                .into_iter()
                .filter_map(|compact| yaml_story_markdown(&body, compact))
                .find(|markdown| markdown.len() <= room);
            if let Some(markdown) = fits {
                replaced.push((i, close, markdown));
            }
        }
    }
    if replaced.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut next = replaced.iter().peekable();
    let mut i = 0;
    while i < lines.len() {
        match next.peek() {
            Some(&&(start, close, ref markdown)) if start == i => {
                for k in start..=close {
                    if let Some(line) = markdown.get(k - start) {
                        out.push_str(line);
                    }
                    out.push('\n');
                }
                next.next();
                i = close + 1;
            }
            _ => {
                out.push_str(lines[i]);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// The Markdown lines a YAML story block stands for; `None` when it is no
/// story (fewer than two STAR parts, or not YAML of that shape).
fn yaml_story_markdown(body: &str, compact: bool) -> Option<Vec<String>> {
    let story: FencedStory = crate::corpus::parse_yaml_str("fenced block", body).ok()?;
    let parts = [
        ("Situation", &story.situation),
        ("Task", &story.task),
        ("Action", &story.action),
        ("Result", &story.result),
    ];
    // A config or a prompt with a `task:` and a `context:` is no story: a
    // story has a title and three parts, or all four.
    let filled = parts.iter().filter(|(_, p)| p.is_some()).count();
    let title = story
        .title
        .as_deref()
        .map(|t| flatten(t).replace('*', ""))
        .filter(|t| !t.is_empty());
    if filled < 4 && (filled < 3 || title.is_none()) {
        return None;
    }
    let mut out = Vec::new();
    if let Some(title) = title {
        out.push(format!("**{title}**"));
        out.push(String::new());
    }
    let learning = ("Learning", &story.learning);
    for (label, part) in parts.iter().chain(std::iter::once(&learning)) {
        let Some(part) = part else { continue };
        let lines: Vec<String> = part.lines().iter().map(|l| flatten(l)).collect();
        let listed = lines.first().is_some_and(|l| l.starts_with("- "));
        if listed && !compact {
            out.push(format!("**{label}:**"));
            out.extend(lines);
        } else {
            let joined: Vec<&str> = lines
                .iter()
                .map(|l| l.strip_prefix("- ").unwrap_or(l))
                .collect();
            out.push(format!(
                "**{label}:** {}",
                joined.join(if listed { "; " } else { " " })
            ));
        }
    }
    let mut labels: Vec<String> = Vec::new();
    for list in [&story.competencies, &story.tags].into_iter().flatten() {
        labels.extend(list.items().iter().map(|i| flatten(i)));
    }
    if !labels.is_empty() {
        out.push(format!("Competencies: {}", labels.join(", ")));
    }
    if let Some(questions) = &story.questions {
        let questions: Vec<String> = match questions {
            FencedText::One(q) => vec![flatten(q)],
            FencedText::Many(qs) => qs.iter().map(|q| flatten(q).replace(';', ",")).collect(),
        };
        out.push(format!("Questions: {}", questions.join("; ")));
    }
    Some(out)
}

/// A YAML value on one line: its line breaks as spaces.
fn flatten(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest front matter looked for; real front matter is a few lines.
const MAX_FRONT_MATTER_LINES: usize = 100;

/// YAML front matter at the very top (`---`, `key: value` lines, `---` or
/// `...`) is metadata, not a setext heading over the first story: its lines
/// are blanked, so every later line keeps its number.
fn blank_front_matter(text: &str) -> Cow<'_, str> {
    let mut lines = text.split_inclusive('\n');
    let fence = match lines.next().map(str::trim_end) {
        Some(fence @ ("---" | "+++")) => fence,
        _ => return Cow::Borrowed(text),
    };
    // Hugo's TOML front matter: `+++`, `key = value` lines, `+++`.
    let toml = fence == "+++";
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut keys = 0;
    for line in lines.take(MAX_FRONT_MATTER_LINES) {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == fence || (!toml && trimmed == "...") {
            if keys == 0 {
                return Cow::Borrowed(text);
            }
            // A note with a `# Title` of its own is titled by it.
            let titled = text[offset..].lines().any(|l| l.starts_with("# "));
            return Cow::Owned(front_matter_lines(&text[..offset], toml, titled) + &text[offset..]);
        }
        let key_line = if toml {
            is_toml_key_line(trimmed)
        } else {
            is_yaml_key_line(trimmed)
        };
        if key_line {
            keys += 1;
        } else {
            // Blank lines, indented continuations and `- item` lists only
            // after a key; anything else is Markdown, not front matter.
            // A TOML array over several lines: its items and closing `]`.
            let toml_continuation = toml && trimmed.starts_with([']', '"', '\'', '}']);
            let continuation = trimmed.is_empty()
                || line.starts_with([' ', '\t'])
                || trimmed.starts_with("- ")
                || toml_continuation;
            if keys == 0 || !continuation {
                return Cow::Borrowed(text);
            }
        }
    }
    Cow::Borrowed(text)
}

/// The front matter's lines, each kept as a blank line but for the fields
/// that say what the notes are about: `title: X` becomes a `# X` heading
/// unless the note has one (an Obsidian note of one story is titled so,
/// not by its first words),
/// `competencies:` / `questions:` (inline, `[a, b]` or `- item` lines) a
/// `Competencies: a, b` or `Questions: ...` line of their own. Line
/// numbers stay.
fn front_matter_lines(matter: &str, toml: bool, titled: bool) -> String {
    let lines: Vec<&str> = matter.split_inclusive('\n').collect();
    let mut out: Vec<String> = vec![String::new(); lines.len()];
    let mut k = 1;
    while k + 1 < lines.len() {
        let line = lines[k].trim_end();
        let Some((key, value)) = line.split_once(if toml { '=' } else { ':' }) else {
            k += 1;
            continue;
        };
        let key = key.trim().trim_matches('"').to_ascii_lowercase();
        let unquote = |v: &str| crate::corpus::unquote(v).to_string();
        // The whole value is the title (`title: Plan B, the rollback`);
        // a list's items are split.
        let whole = unquote(value);
        let mut items: Vec<String> = value
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .map(unquote)
            .filter(|v| !v.is_empty())
            .collect();
        let start = k;
        k += 1;
        while k + 1 < lines.len() && lines[k].trim_start().starts_with("- ") {
            items.push(unquote(&lines[k].trim_start()[2..]));
            k += 1;
        }
        let field = match key.as_str() {
            "title" if k == start + 1 && !whole.is_empty() && !titled => Some(format!("# {whole}")),
            // Not `tags`: a note's tags (`interview-prep`) are seldom its
            // stories' competencies.
            "competencies" | "competency" | "skills" => {
                Some(format!("Competencies: {}", items.join(", ")))
            }
            "questions" => Some(format!("Questions: {}", items.join("; "))),
            _ => None,
        };
        if let Some(field) = field.filter(|_| !items.is_empty()) {
            out[start] = field;
        }
    }
    out.into_iter()
        .map(|l| l.replace('\n', " ") + "\n")
        .collect()
}

/// `key: value` with a plain YAML key (`updated`, `target_role`), not a
/// Markdown label such as `**Situation:**`.
fn is_yaml_key_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, rest)| {
        !key.is_empty()
            && key.len() <= 40
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '))
            && key.starts_with(|c: char| c.is_ascii_alphabetic())
            && (rest.is_empty() || rest.starts_with(' '))
    }) && labels::line_label(line, None, false).is_none()
}

/// `key = value` (or a `[table]` header) in TOML front matter.
fn is_toml_key_line(line: &str) -> bool {
    let table = line.starts_with('[') && line.ends_with(']');
    table
        || line.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim();
            !key.is_empty()
                && key.len() <= 40
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'))
        })
}

/// Notes pasted from a chat app (a message to oneself in Slack or Teams)
/// carry the app's chrome: `Priya Nandakumar  8:53 AM` over each message,
/// reaction counts (`:+1: 1`), `(edited)` marks and `1 reply  Last reply
/// today at 9:41 AM`. Those lines are blanked and the marks dropped, line
/// for line, so the messages read as the notes they are.
fn strip_chat_chrome(text: &str) -> Cow<'_, str> {
    // A paste from a chat has the same sender over several messages;
    // `Recruiter 9:30` and `Panel 13:00` in a schedule are not one.
    let mut senders: Vec<String> = Vec::new();
    rewrite_outside_fences(text, |line, _| {
        if let Some(name) = chat_stamp_name(line) {
            senders.push(name);
        }
    });
    senders.sort();
    let repeated: Vec<&String> = senders
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| &w[0])
        .collect();
    if repeated.is_empty() {
        return Cow::Borrowed(text);
    }
    let is_chat_stamp = |line: &str| chat_stamp_name(line).is_some_and(|n| repeated.contains(&&n));
    Cow::Owned(rewrite_outside_fences(text, |line, out| {
        let (body, end) = split_line_end(line);
        let trimmed = body.trim();
        let reactions = !trimmed.is_empty()
            && trimmed
                .split_whitespace()
                .collect::<Vec<_>>()
                .chunks(2)
                .all(|pair| {
                    pair.len() == 2
                        && pair[0].len() > 2
                        && pair[0].starts_with(':')
                        && pair[0].ends_with(':')
                        && pair[1].bytes().all(|b| b.is_ascii_digit())
                });
        let replies = trimmed.contains("Last reply")
            && trimmed
                .split_whitespace()
                .next()
                .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
        let thread = trimmed.ends_with("replied to a thread:");
        if !(is_chat_stamp(body) || reactions || replies || thread) {
            out.push_str(body.strip_suffix(" (edited)").unwrap_or(body));
        }
        out.push_str(end);
    }))
}

/// Who speaks in a turn of a conversation with an AI assistant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Speaker {
    User,
    Assistant,
}

/// `ChatGPT said:`, `You said:`, `**Assistant:**`, `User:` alone on a
/// line, as a copied AI conversation marks its turns.
fn ai_turn(line: &str) -> Option<Speaker> {
    let plain = line
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '#' | '>') || c.is_whitespace());
    let name = plain.strip_suffix(':')?.trim_end_matches(['*', '_']).trim();
    let lower = name.to_ascii_lowercase();
    let who = lower.strip_suffix(" said").unwrap_or(&lower);
    match who {
        "chatgpt" | "assistant" | "claude" | "gemini" | "copilot" | "bard" | "perplexity"
        | "ai assistant" | "ai" => Some(Speaker::Assistant),
        "you" | "user" | "human" | "prompt" => Some(Speaker::User),
        _ => None,
    }
}

/// A conversation with an AI assistant pasted into the notes (`You
/// said:` ... `ChatGPT said:` ...) holds the stories the assistant wrote,
/// between the user's requests and the assistant's chatter. Each turn
/// marker becomes a rule, so no turn runs into the story before it; and in
/// the assistant's turns, the paragraph after a story's Result (`Want me
/// to shorten the others?`, `Paste it back and I'll polish it`) is set off
/// by a rule too, so it is not read as more of the Result. Line for line.
fn separate_ai_turns(text: &str) -> Cow<'_, str> {
    let turns: Vec<Speaker> = text.lines().filter_map(ai_turn).collect();
    if turns.len() < 2 || !turns.contains(&Speaker::Assistant) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let label_of = |line: &str| {
        let plain = line
            .trim()
            .trim_start_matches(|c: char| matches!(c, '#' | '*' | '_' | '>') || c.is_whitespace());
        labels::line_label(&plain.replace(['*', '_'], ""), None, false)
            .map(|l| (l.part, l.rest.chars().any(char::is_alphanumeric)))
    };
    // For each line, the next line with text (one pass from the end).
    let mut next_text: Vec<Option<usize>> = vec![None; lines.len()];
    let mut seen = None;
    for i in (0..lines.len()).rev() {
        next_text[i] = seen;
        if !lines[i].trim().is_empty() {
            seen = Some(i);
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut speaker = None;
    let mut last_part: Option<Part> = None;
    // Whether the last label's part has any text yet (`**Result**` alone
    // on its line, its text after a blank line, has none).
    let mut part_written = false;
    let mut paragraph_start = true;
    for (i, line) in lines.iter().enumerate() {
        let (body, end) = split_line_end(line);
        if let Some(who) = ai_turn(body) {
            speaker = Some(who);
            last_part = None;
            paragraph_start = true;
            out.push_str("***");
            out.push_str(end);
            continue;
        }
        if body.trim().is_empty() {
            paragraph_start = true;
            // The assistant's words after a story's Result end the story.
            let next = next_text[i].map(|n| lines[n]);
            let story_over = speaker == Some(Speaker::Assistant)
                && matches!(last_part, Some(Part::Result | Part::Learning))
                && part_written
                && next.is_some_and(|next| {
                    let t = next.trim_start();
                    label_of(next).is_none()
                        && !t.starts_with(['#', '-', '*', '+', '|'])
                        && !t.starts_with(|c: char| c.is_ascii_digit())
                });
            if story_over {
                last_part = None;
                out.push_str("***");
            } else {
                out.push_str(body);
            }
            out.push_str(end);
            continue;
        }
        if let Some((part, text)) = label_of(body) {
            last_part = Some(part);
            part_written = text;
        } else if paragraph_start && body.trim_start().starts_with('#') {
            last_part = None;
        } else {
            part_written = true;
        }
        paragraph_start = false;
        out.push_str(line);
    }
    Cow::Owned(out)
}

/// The sender in `Priya Nandakumar  8:53 AM`: a name of one to four
/// capitalised words, then a clock time (12- or 24-hour).
fn chat_stamp_name(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let clock_at = words.iter().position(|w| {
        let (h, m) = w.split_once(':').unwrap_or(("", ""));
        (1..=2).contains(&h.len())
            && h.bytes().all(|b| b.is_ascii_digit())
            && m.len() == 2
            && m.bytes().all(|b| b.is_ascii_digit())
    })?;
    let after = &words[clock_at + 1..];
    let named = (1..=4).contains(&clock_at)
        && words[..clock_at].iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        });
    let clock_only =
        after.is_empty() || (after.len() == 1 && matches!(after[0], "AM" | "PM" | "am" | "pm"));
    (named && clock_only).then(|| words[..clock_at].join(" "))
}

/// Most lines an Org drawer spans.
const MAX_DRAWER_LINES: usize = 50;

/// Org-mode TODO keywords that open a heading's title.
const ORG_KEYWORDS: &[&str] = &[
    "TODO",
    "DONE",
    "DRAFT",
    "NEXT",
    "WAITING",
    "CANCELLED",
    "HOLD",
];

/// Notes kept in Emacs Org mode (`#+TITLE:` lines or `:PROPERTIES:`
/// drawers mark them) are rewritten as Markdown, line for line:
/// `** DONE Title   :conflict:ownership:` is `## Title #conflict #ownership`,
/// `#+TITLE: X` is `# X` (other `#+` lines are blank), a drawer's
/// `:QUESTION:` and `:COMPETENCY:` lines are `Questions:` and
/// `Competencies:` lines (its other lines blank), and a description item
/// `- Situation :: text` is `- Situation: text`.
/// A story pasted as a quote (`> **Situation:** ...`) with someone's reply
/// quoted inside it (`>> this is strong!! but...`): the deeper quote is the
/// friend's or mentor's comment, not the story, and is left out. Only when
/// the stories' labels sit at a shallower quote depth and the deeper lines
/// hold none. Line for line.
fn drop_nested_replies(text: &str) -> Cow<'_, str> {
    if !text.contains(">>") && !text.contains("> >") {
        return Cow::Borrowed(text);
    }
    // Quote depth of a line and its text after the markers.
    fn quoted(line: &str) -> (usize, &str) {
        let mut depth = 0;
        let mut rest = line.trim_start();
        while let Some(after) = rest.strip_prefix('>') {
            depth += 1;
            rest = after.strip_prefix(' ').unwrap_or(after);
            if depth >= MAX_CONTAINER_DEPTH {
                break;
            }
        }
        (depth, rest)
    }
    let lines: Vec<&str> = text.lines().collect();
    // Each line's quote depth, and whether it holds a labelled part.
    let read: Vec<(usize, bool)> = lines
        .iter()
        .map(|l| {
            let (depth, rest) = quoted(l);
            let label = depth > 0
                && labels::line_label(rest, None, false).is_some_and(|l| !l.rest.is_empty());
            (depth, label)
        })
        .collect();
    let label_depths = || read.iter().filter(|(_, label)| *label).map(|&(d, _)| d);
    let Some(story_depth) = label_depths().min() else {
        return Cow::Borrowed(text);
    };
    if label_depths().any(|d| d > story_depth) {
        return Cow::Borrowed(text);
    }
    // A deeper quote before a later label of the same quoted story is
    // part of it (`The customer emailed:` over `>> "Fix it or we leave"`);
    // only one after the story's last label is a reply. One backward pass.
    let mut reply = vec![false; lines.len()];
    let mut label_after = false;
    for at in (0..lines.len()).rev() {
        let (depth, label) = read[at];
        if depth == 0 && !lines[at].trim().is_empty() {
            label_after = false;
        } else if depth == 0 {
            // A blank line between a story's quoted parts is still inside it.
        } else if depth == story_depth && label {
            label_after = true;
        } else if depth > story_depth && !label_after {
            reply[at] = true;
        }
    }
    // A quote the story introduces (`their CTO wrote to our CEO:` over
    // `>> "Best vendor support in ten years."`) is the story's.
    for at in 1..lines.len() {
        if reply[at] && !reply[at - 1] && lines[at - 1].trim_end().ends_with(':') {
            let mut k = at;
            while k < lines.len() && reply[k] {
                reply[k] = false;
                k += 1;
            }
        }
    }
    if !reply.contains(&true) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite_outside_fences_numbered(text, |this, line, out| {
        let (body, end) = split_line_end(line);
        if !reply.get(this).copied().unwrap_or(false) {
            out.push_str(body);
        }
        out.push_str(end);
    }))
}

/// `<<ward-story,the ward story>>` and `<<ward-story>>` as their text.
fn read_xrefs(line: &str) -> Cow<'_, str> {
    if !line.contains("<<") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find("<<") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find(">>") {
            Some(close) => {
                let inner = &after[..close];
                out.push_str(inner.split_once(',').map_or(inner, |(_, t)| t).trim());
                rest = &after[close + 2..];
            }
            None => {
                out.push_str("<<");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// AsciiDoc notes (a document title `= Title` on the first line) read as
/// Markdown: `== Title`
/// sections are headings, `*Situation* +` loses its hard-break mark, `.
/// step` items are numbered, `// comments` and attribute lines are blank,
/// and `[NOTE]` blocks (`.Title`, then between `====` lines) are asides,
/// as `:::note Title` containers are. Line for line.
fn rewrite_asciidoc(text: &str) -> Cow<'_, str> {
    let attribute = |l: &str| {
        l.strip_prefix(':').is_some_and(|rest| {
            rest.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
        })
    };
    // The document title, after any comment lines, and a `==` section.
    let mut head = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//"));
    let titled = head
        .next()
        .is_some_and(|l| l.starts_with("= ") && !l.trim_end().ends_with(" ="))
        && text.lines().any(|l| l.starts_with("== "));
    // (Attributes alone are no sign: reStructuredText fields look the same.)
    if !titled {
        return Cow::Borrowed(text);
    }
    const ADMONITIONS: [&str; 5] = ["[NOTE]", "[TIP]", "[IMPORTANT]", "[WARNING]", "[CAUTION]"];
    // 0: outside a note; 1: after `[NOTE]` (a `.Title` may follow); 2:
    // inside its `====` block.
    let mut note = 0u8;
    let mut note_title: Option<String> = None;
    // Attributes belong to the header, before the first section.
    let mut in_header = true;
    // Inside a `////` comment block, or a `----` / `....` listing (read
    // as a code fence).
    let mut comment = false;
    let mut listing = false;
    Cow::Owned(rewrite_outside_fences(text, |line, out| {
        let (body, end) = split_line_end(line);
        let t = body.trim();
        let run_of = |c: u8| t.len() >= 4 && t.bytes().all(|b| b == c);
        let delimiter = run_of(b'=');
        if comment || run_of(b'/') {
            // `////` opens and closes a comment block: nothing in it.
            if run_of(b'/') {
                comment = !comment;
            }
        } else if run_of(b'-') || run_of(b'.') {
            listing = !listing;
            out.push_str("```");
        } else if listing {
            out.push_str(body);
        } else if run_of(b'*')
            || run_of(b'_')
            || (t.starts_with('[') && t.ends_with(']') && !ADMONITIONS.contains(&t))
        {
            // Sidebar and quote delimiters, anchors and block attributes
            // (`[#budget]`, `[quote, Matron]`): no text.
        } else if t.starts_with('.')
            && !t.starts_with("..")
            && note != 1
            && t[1..].starts_with(|c: char| c.is_alphanumeric())
        {
            // A block title (`.Questions`) labels what follows.
            out.push_str("**");
            out.push_str(t[1..].trim());
            out.push_str(":**");
        } else if ADMONITIONS.contains(&t) {
            note = 1;
            note_title = None;
        } else if note == 1 && t.starts_with('.') && !t.starts_with("..") {
            note_title = Some(t[1..].trim().to_owned());
        } else if note == 1 && delimiter {
            note = 2;
            out.push_str(":::note");
            if let Some(title) = note_title.take() {
                out.push(' ');
                out.push_str(&title);
            }
        } else if note == 2 && delimiter {
            note = 0;
            out.push_str(":::");
        } else if delimiter || (in_header && attribute(t)) || t.starts_with("//") {
            // A block delimiter, an attribute, a comment: nothing to read.
        } else {
            if note == 1 {
                note = 0;
            }
            let level = t.bytes().take_while(|&b| b == b'=').count();
            if level > 0 && t[level..].starts_with(' ') && body.starts_with('=') {
                in_header &= level == 1;
                out.push_str(&"#".repeat(level.min(6)));
                out.push_str(&t[level..]);
            } else if let Some(step) = body.strip_prefix(". ") {
                out.push_str("1. ");
                out.push_str(step);
            } else {
                let line = body.strip_suffix(" +").unwrap_or(body);
                out.push_str(&read_xrefs(line));
            }
        }
        out.push_str(end);
    }))
}

fn rewrite_org(text: &str) -> Cow<'_, str> {
    // Looked for outside code fences: an Org example inside a Markdown
    // file's fence is not the file's own syntax.
    let mut is_org = false;
    rewrite_outside_fences(text, |line, _| {
        let t = line.trim();
        is_org |= t
            .get(..8)
            .is_some_and(|k| k.eq_ignore_ascii_case("#+title:"))
            || t.eq_ignore_ascii_case(":PROPERTIES:");
    });
    if !is_org {
        return Cow::Borrowed(text);
    }
    // A drawer (`:PROPERTIES:`, `:LOGBOOK:`) is read only when its `:END:`
    // follows within a few lines: an unclosed one must not blank the rest.
    let lines: Vec<&str> = text.lines().collect();
    // Not past the next heading: a drawer never spans one.
    let closes_soon = |at: usize| {
        lines
            .iter()
            .skip(at + 1)
            .take(MAX_DRAWER_LINES)
            .take_while(|l| org_heading(l).is_none())
            .any(|l| l.trim().eq_ignore_ascii_case(":END:"))
    };
    let mut drawer = false;
    // Inside `#+BEGIN_SRC` ... `#+END_SRC`: copied as code.
    let mut source_block = false;
    Cow::Owned(rewrite_outside_fences_numbered(text, |this, line, out| {
        let (body, end) = split_line_end(line);
        let trimmed = body.trim();
        let keyword = trimmed
            .strip_prefix("#+")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or("")
            .to_ascii_uppercase();
        if source_block {
            if matches!(keyword.as_str(), "END_SRC" | "END_EXAMPLE") {
                source_block = false;
                out.push_str("```");
            } else {
                out.push_str(body);
            }
            out.push_str(end);
            return;
        }
        if matches!(keyword.as_str(), "BEGIN_SRC" | "BEGIN_EXAMPLE") {
            // Source and example blocks stay code, with their language.
            source_block = true;
            out.push_str("```");
            if keyword == "BEGIN_SRC" {
                let language = trimmed.split_whitespace().nth(1).unwrap_or("");
                out.push_str(if language.is_empty() {
                    "org-src"
                } else {
                    language
                });
            } else {
                out.push_str("org-example");
            }
            out.push_str(end);
            return;
        }
        let drawer_name = trimmed.len() > 2
            && trimmed.starts_with(':')
            && trimmed.ends_with(':')
            && trimmed[1..trimmed.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '-');
        if !drawer && drawer_name && !trimmed.eq_ignore_ascii_case(":END:") && closes_soon(this) {
            drawer = true;
        } else if drawer && trimmed.eq_ignore_ascii_case(":END:") {
            drawer = false;
        } else if drawer {
            let property = trimmed
                .strip_prefix(':')
                .and_then(|p| p.split_once(':'))
                .map(|(key, value)| (key.to_ascii_uppercase(), value.trim()));
            if let Some((key, value)) = property.filter(|(_, v)| !v.is_empty()) {
                let label = match key.as_str() {
                    "QUESTION" | "QUESTIONS" => Some("Questions"),
                    "COMPETENCY" | "COMPETENCIES" | "TAGS" => Some("Competencies"),
                    _ => None,
                };
                if let Some(label) = label {
                    out.push_str(label);
                    out.push_str(": ");
                    out.push_str(value);
                }
            }
        } else if let Some(rest) = body.strip_prefix("#+") {
            if let Some(title) = rest
                .get(..6)
                .filter(|k| k.eq_ignore_ascii_case("title:"))
                .map(|_| rest[6..].trim())
            {
                out.push_str("# ");
                out.push_str(title);
            }
        } else if let Some(heading) = org_heading(body) {
            out.push_str(&heading);
        } else if let Some((term, text)) = body
            .split_once(" :: ")
            .filter(|(term, _)| term.trim_start().starts_with("- ") && term.len() <= 40)
        {
            out.push_str(term);
            out.push_str(": ");
            out.push_str(text);
        } else if let Some(term) = body
            .strip_suffix(" ::")
            .filter(|term| term.trim_start().starts_with("- ") && term.len() <= 40)
        {
            out.push_str(term);
            out.push(':');
        } else {
            out.push_str(body);
        }
        out.push_str(end);
    }))
}

/// `** DONE Title   :a:b:` as a Markdown heading, `## Title #a #b`.
fn org_heading(line: &str) -> Option<String> {
    let stars = line.bytes().take_while(|&b| b == b'*').count();
    let rest = line[stars..].strip_prefix(' ')?.trim();
    if stars == 0 || rest.is_empty() {
        return None;
    }
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    if words.first().is_some_and(|w| ORG_KEYWORDS.contains(w)) {
        words.remove(0);
    }
    // `[#A]` priority cookies.
    if words
        .first()
        .is_some_and(|w| w.starts_with("[#") && w.ends_with(']'))
    {
        words.remove(0);
    }
    let mut tags: Vec<&str> = Vec::new();
    if let Some(last) = words.last().copied() {
        if last.len() > 2 && last.starts_with(':') && last.ends_with(':') {
            tags = last
                .trim_matches(':')
                .split(':')
                .filter(|t| !t.is_empty())
                .collect();
            words.pop();
        }
    }
    let mut heading = "#".repeat(stars.min(6));
    heading.push(' ');
    heading.push_str(&words.join(" "));
    for tag in tags {
        heading.push_str(" #");
        heading.push_str(tag);
    }
    Some(heading)
}

/// A line without its line ending, and the ending (`\r\n`, `\n` or none).
fn split_line_end(line: &str) -> (&str, &str) {
    match line
        .strip_suffix("\r\n")
        .or_else(|| line.strip_suffix('\n'))
    {
        Some(body) => (body, &line[body.len()..]),
        None => (line, ""),
    }
}

/// Deepest nesting of admonitions followed; real notes nest one or two.
const MAX_CONTAINER_DEPTH: usize = 8;

/// Collapsible note blocks from documentation tools, which users keep
/// their notes in too, are read as a label line and its text:
/// - MkDocs admonitions, `!!! note "Situation"` (or `??? question
///   "Likely questions"`) over text indented four spaces, which Markdown
///   alone would read as a code block: the opener becomes `**Situation:**`
///   and its text is dedented.
/// - HackMD and Docusaurus containers, `:::info Situation` ... `:::`: the
///   opener becomes `**Situation:**` and the closing `:::` a blank line.
///   An opener without a title (`:::info`, `::: {.story}`) is blank.
///
/// Line for line, so line numbers stay right; fenced code is left alone.
fn rewrite_containers(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.lines().collect();
    // An admonition's text is indented under it: `!!! TODO` in prose is
    // not one.
    let body_follows = |at: usize| {
        let indent = columns(lines[at]);
        lines[at + 1..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|next| columns(next) >= indent + 4)
    };
    let opens: HashSet<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(at, line)| admonition(line.trim_start()).is_some() && body_follows(at))
        .map(|(at, _)| at)
        .collect();
    let has = !opens.is_empty()
        || lines
            .iter()
            .any(|line| container_fence(line.trim_start()).is_some());
    if !has {
        return Cow::Borrowed(text);
    }
    // Indentation (in columns) of the open admonitions' bodies.
    let mut open: Vec<usize> = Vec::new();
    Cow::Owned(rewrite_outside_fences_numbered(text, |this, line, out| {
        let (body, end) = split_line_end(line);
        if body.trim().is_empty() {
            out.push_str(line);
            return;
        }
        let indent = columns(body);
        while open.last().is_some_and(|&inner| indent < inner) {
            open.pop();
        }
        let dedented = dedent(body, open.last().copied().unwrap_or(0));
        let trimmed = dedented.trim_start();
        let opener = if opens.contains(&this) {
            admonition(trimmed)
        } else {
            None
        };
        if let Some(title) = opener {
            if open.len() < MAX_CONTAINER_DEPTH {
                open.push(indent + 4);
            }
            push_label(out, &dedented[..dedented.len() - trimmed.len()], title);
        } else if let Some(title) = container_fence(trimmed) {
            if let Some(title) = title {
                push_label(out, "", title);
            } else if aside_opener(trimmed) {
                // `:::caution` after a story: the writer's reminder, which
                // the segmenter leaves out like any note to self.
                out.push_str("Note to self:");
            }
        } else {
            out.push_str(dedented);
        }
        out.push_str(end);
    }))
}

/// Definition lists (Pandoc, PHP Markdown Extra), `Questions` over
/// `: Tell me about...`, are read as label lines: the term moves onto its
/// first definition's line as `**Questions:** Tell me about...`, and each
/// `: ` that opens a definition is dropped. A
/// term is a short line with no closing stop, at most one blank line above
/// its first definition. Line for line; fenced code is left alone.
fn rewrite_definition_lists(text: &str) -> Cow<'_, str> {
    let definition = |line: &str| {
        columns(line) < 4 && {
            let t = line.trim_start();
            t.starts_with(": ") || t.starts_with(":\t")
        }
    };
    if !text.lines().any(definition) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let is_term = |at: usize| {
        let line = lines[at].trim();
        let words = line.split_whitespace().count();
        let next = lines[at + 1..]
            .iter()
            .take(2)
            .position(|l| !l.trim().is_empty())
            .map(|d| lines[at + 1 + d]);
        // A part or metadata label (`Situation`, `Questions`, `Tags`); a
        // story's title over `: Situation: ...` stays its title.
        let label = labels::part_named(line).is_some_and(|(_, end)| line[end..].trim().is_empty())
            || labels::meta_line(&format!("{line}:"), None).is_some_and(|m| m.rest.is_empty());
        label
            && (1..=MAX_TERM_WORDS).contains(&words)
            && columns(lines[at]) < 4
            && !line.starts_with(['#', ':', '-', '*', '+', '>', '|', '<'])
            && !line.ends_with(['.', '?', '!', ':', ';', ','])
            && next.is_some_and(definition)
    };
    // Each term, and whether it has several definitions (`Questions` over
    // `: Tell me...` and `: Describe...`), which read as a list under it.
    let ends_definitions = |l: &str| !l.trim().is_empty() && columns(l) < 4 && !definition(l);
    let terms: HashMap<usize, bool> = (0..lines.len())
        .filter(|&at| is_term(at))
        .map(|at| {
            let count = lines[at + 1..]
                .iter()
                .take_while(|l| !ends_definitions(l))
                .filter(|l| definition(l))
                .count();
            (at, count > 1)
        })
        .collect();
    if terms.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut in_list = false;
    let mut listed = false;
    let mut term: Option<&str> = None;
    Cow::Owned(rewrite_outside_fences_numbered(text, |this, line, out| {
        let (body, end) = split_line_end(line);
        if let Some(&several) = terms.get(&this) {
            in_list = true;
            listed = several;
            if several {
                push_label(out, "", lines[this].trim());
            } else {
                // Written on its definition's line, as `Term: text` is.
                term = Some(lines[this].trim());
            }
        } else if in_list && definition(body) {
            if let Some(term) = term.take() {
                push_label(out, "", term);
                out.push(' ');
            }
            if listed {
                out.push_str("- ");
            }
            let t = body.trim_start();
            out.push_str(t[1..].trim_start());
        } else {
            // A heading or a new paragraph at the margin ends the list;
            // indented lines continue a definition.
            if !body.trim().is_empty() && columns(body) < 4 && !definition(body) {
                in_list = false;
            }
            out.push_str(body);
        }
        out.push_str(end);
    }))
}

/// Most words of a definition list's term (`Questions this answers`).
const MAX_TERM_WORDS: usize = 6;

/// Kinds of HackMD and Docusaurus containers (`:::info`, `:::spoiler`).
const CONTAINER_KINDS: &[&str] = &[
    "info",
    "note",
    "tip",
    "success",
    "warning",
    "danger",
    "caution",
    "important",
    "spoiler",
    "details",
    "example",
    "quote",
    "abstract",
    "question",
    "error",
    "bug",
];

/// Container kinds that hold a remark beside the text, not a story.
pub(crate) const ASIDE_KINDS: &[&str] =
    &["note", "tip", "caution", "warning", "danger", "important"];

/// `:::tip`, `:::caution Remember`: an aside container's opener with no
/// STAR label for a title.
fn aside_opener(line: &str) -> bool {
    let Some(rest) = line.strip_prefix(":::") else {
        return false;
    };
    let rest = rest.trim_start_matches(':').trim();
    let (kind, title) = rest
        .split_once(|c: char| c.is_whitespace() || c == '[')
        .unwrap_or((rest, ""));
    ASIDE_KINDS.contains(&kind.to_ascii_lowercase().as_str())
        && super::labels::line_label(title.trim().trim_end_matches(']'), None, false).is_none()
}

/// A HackMD or Docusaurus container line: `Some(Some(title))` for an
/// opener with a title (`:::info Situation`, `:::note[Situation]`,
/// `::: Situation`), `Some(None)` for one without (`:::info`, `::: {.story}`)
/// or a closing `:::`, `None` for anything else (`::: end of story :::`).
fn container_fence(line: &str) -> Option<Option<&str>> {
    let rest = line.strip_prefix(":::")?.trim_start_matches(':').trim();
    if rest.is_empty() || rest.starts_with('{') {
        return Some(None);
    }
    if rest.contains(":::") || rest.ends_with(':') {
        return None;
    }
    let (kind, title) = rest
        .split_once(|c: char| c.is_whitespace() || c == '[')
        .map(|(k, t)| (k, t.trim().trim_end_matches(']').trim()))
        .unwrap_or((rest, ""));
    let kind = kind.to_ascii_lowercase();
    let known = CONTAINER_KINDS.contains(&kind.as_str());
    // `:::tip How to use this page`: an aside's own title is no part of a
    // story (`:::info Situation` still labels one).
    let aside = ASIDE_KINDS.contains(&kind.as_str())
        && super::labels::line_label(title, None, false).is_none();
    match (known, title.is_empty()) {
        (true, true) => Some(None),
        (true, false) if title.starts_with('{') || aside => Some(None),
        (true, false) => Some(Some(title)),
        // `::: Situation`: no kind, the rest is the title.
        (false, _) if rest.split_whitespace().count() <= 4 => Some(Some(rest)),
        (false, _) => None,
    }
}

/// The title of an MkDocs admonition opener, `!!! note "Situation"` or
/// `???+ tip "Action"`; `""` when it has none (`!!! note`).
fn admonition(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("!!!")
        .or_else(|| line.strip_prefix("???+"))
        .or_else(|| line.strip_prefix("???"))?;
    let rest = rest.strip_prefix(' ')?.trim();
    let (kind, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    if kind.is_empty()
        || !kind
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return None;
    }
    let title = title.trim();
    if title.is_empty() {
        return Some("");
    }
    title.strip_prefix('"')?.strip_suffix('"')
}

/// `**Title:**`, the label line a container's title becomes; nothing for
/// an untitled one.
fn push_label(out: &mut String, indent: &str, title: &str) {
    let title = title.trim().trim_end_matches(':').replace('*', "");
    let title = title.trim();
    if title.is_empty() {
        return;
    }
    out.push_str(indent);
    out.push_str("**");
    out.push_str(title);
    out.push_str(":**");
}

/// Leading white space of a line in columns (a tab counts four).
fn columns(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// `line` without up to `width` columns of leading white space.
fn dedent(line: &str, width: usize) -> &str {
    let mut taken = 0;
    let mut at = 0;
    for c in line.chars() {
        let w = match c {
            ' ' => 1,
            '\t' => 4,
            _ => break,
        };
        if taken + w > width {
            break;
        }
        taken += w;
        at += 1;
    }
    &line[at..]
}

/// Maps byte offsets to 1-based source line numbers.
struct LineIndex {
    starts: Vec<usize>,
    inserted: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str, inserted: &[usize]) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            starts,
            inserted: inserted.to_vec(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        let raw = match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i.max(1),
        };
        raw.saturating_sub(self.inserted.partition_point(|&l| l < raw))
            .max(1)
    }
}

/// A fenced code block that runs to the end of the document.
struct Unclosed {
    range: Range<usize>,
}

struct Repair {
    offset: usize,
    fence: String,
}

fn options() -> Options {
    // Not ENABLE_YAML_STYLE_METADATA_BLOCKS: pulldown-cmark also starts a
    // metadata block at a `---` rule in the middle of a document and drops
    // everything up to the next `---`; front matter is blanked beforehand
    // instead (`blank_front_matter`).
    // Heading attributes: `## Title {#title}` from a Google Docs export is
    // the heading `Title`.
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn extract_once(text: &str, index: &LineIndex) -> (Vec<Line>, Option<Unclosed>) {
    let mut builder = Builder::new(index);
    let mut unclosed = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) = &event {
            if range.end >= text.trim_end().len() && !has_closing_fence(&text[range.clone()]) {
                unclosed = Some(Unclosed {
                    range: range.clone(),
                });
            }
        }
        // `~110 users (~$38k)`: a single tilde means "about" in notes far
        // more often than it strikes text through, so it stays. (`~~old~~`
        // still loses its markers.)
        let single = match &event {
            Event::Start(Tag::Strikethrough) => {
                let at = &text[range.start..];
                (at.starts_with('~') && !at.starts_with("~~")).then(|| range.start..range.start + 1)
            }
            Event::End(TagEnd::Strikethrough) => {
                let before = &text[..range.end];
                (before.ends_with('~') && !before.ends_with("~~")).then(|| range.end - 1..range.end)
            }
            _ => None,
        };
        builder.event(event, range);
        if let Some(marker) = single {
            builder.event(Event::Text("~".into()), marker);
        }
    }
    builder.flush();
    (builder.out, unclosed)
}

/// The opening fence (run of backticks or tildes) of a fenced block's source.
fn opening_fence(block: &str) -> Option<(char, usize)> {
    let first = block.lines().next()?.trim_start();
    let fence_char = first.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let count = first.chars().take_while(|&c| c == fence_char).count();
    Some((fence_char, count))
}

fn has_closing_fence(block: &str) -> bool {
    let Some((fence_char, count)) = opening_fence(block) else {
        return true;
    };
    block.lines().skip(1).last().is_some_and(|last| {
        let last = last.trim();
        last.chars().take_while(|&c| c == fence_char).count() >= count
            && last.chars().all(|c| c == fence_char)
    })
}

/// Where to close an unclosed fence: before the first line inside it that is
/// a Markdown heading or a STAR label, because a forgotten fence is far more
/// likely than a code sample containing `**Result:**`.
fn closing_point(text: &str, block: Unclosed) -> Option<Repair> {
    let source = text.get(block.range.clone())?;
    let (fence_char, count) = opening_fence(source)?;
    let mut offset = block.range.start;
    for (n, line) in source.split_inclusive('\n').enumerate() {
        if n > 0 && looks_like_structure(line) {
            return Some(Repair {
                offset,
                fence: std::iter::repeat_n(fence_char, count).collect(),
            });
        }
        offset += line.len();
    }
    None
}

fn looks_like_structure(raw: &str) -> bool {
    let trimmed = raw.trim_start();
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        return true;
    }
    let plain: String = trimmed.chars().filter(|&c| c != '*' && c != '_').collect();
    super::labels::line_label(&plain, None, true).is_some_and(|label| !label.one_letter)
        || super::labels::story_prefix(&plain)
            .is_some_and(|p| p.kind == super::labels::PrefixKind::Story && p.colon)
}

#[derive(Default)]
struct Table {
    cells: Vec<String>,
    cell: String,
    /// Each row's cells and 1-based source line, header first.
    rows: Vec<(Vec<String>, usize)>,
    row_start: usize,
}

/// A table cell that is only a STAR label (`**Situation**`, `Result /
/// Learnings`, `S`), and whether it is a single letter.
fn cell_label(cell: &str) -> Option<(Part, bool)> {
    match labels::heading_label(cell) {
        Some((part, rest)) if rest.is_empty() => {
            let letters = cell.chars().filter(|c| c.is_alphanumeric()).count();
            Some((part, letters == 1))
        }
        _ => None,
    }
}

/// The STAR labels of a row of cells (the header, or the first column):
/// single letters count only when every single-letter cell is one of
/// S/T/A/R/L, so a RACI header (`R | A | C | I`) is not read as STAR.
pub(crate) fn cell_labels(cells: &[&str]) -> Vec<Option<Part>> {
    let letters_ok = cells.iter().all(|c| {
        let letters: Vec<char> = c.chars().filter(|c| c.is_alphanumeric()).collect();
        letters.len() != 1 || cell_label(c).is_some()
    });
    cells
        .iter()
        .map(|c| match cell_label(c) {
            Some((_, true)) if !letters_ok => None,
            Some((part, _)) => Some(part),
            None => None,
        })
        .collect()
}

/// Tables of STAR parts name at least three of the four, so a `Goal |
/// Result` table inside a story's Result stays a table.
const MIN_TABLE_PARTS: usize = 3;

pub(crate) fn distinct_star_parts(parts: &[Option<Part>]) -> usize {
    Part::STAR
        .iter()
        .filter(|p| parts.contains(&Some(**p)))
        .count()
}

/// A header cell naming the column that holds each story's title.
pub(crate) fn is_title_column(cell: &str) -> bool {
    let plain: String = cell
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .trim()
        .to_lowercase();
    matches!(
        plain.as_str(),
        "story" | "title" | "story title" | "name" | "example" | "project" | "scenario"
    )
}

/// How a table holds STAR parts, if it does.
enum StarTable {
    /// Labels in the first column (`parts`, one per row), the text in the
    /// second.
    Rows { parts: Vec<Option<Part>> },
    /// Labels in the header, one story per body row; `title` is the column
    /// holding each story's title, if any.
    Columns {
        parts: Vec<Option<Part>>,
        title: Option<usize>,
    },
}

fn star_table(rows: &[(Vec<String>, usize)]) -> Option<StarTable> {
    let firsts: Vec<&str> = rows
        .iter()
        .map(|(cells, _)| cells.first().map_or("", String::as_str))
        .collect();
    let parts = cell_labels(&firsts);
    // One text cell per labelled row: `| | Story A | Story B |` would mix
    // two stories in one part.
    let one_text = rows.iter().zip(&parts).all(|((cells, _), part)| {
        part.is_none()
            || cells
                .iter()
                .skip(1)
                .filter(|c| !c.trim().is_empty())
                .count()
                <= 1
    });
    if distinct_star_parts(&parts) >= MIN_TABLE_PARTS && one_text {
        return Some(StarTable::Rows { parts });
    }
    let (header, _) = rows.first()?;
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let parts = cell_labels(&header);
    if distinct_star_parts(&parts) >= MIN_TABLE_PARTS {
        let title = header.iter().position(|c| is_title_column(c));
        return Some(StarTable::Columns { parts, title });
    }
    None
}

struct Builder<'i> {
    index: &'i LineIndex,
    out: Vec<Line>,
    current: Option<Line>,
    pending: Joiner,
    pending_item: Option<String>,
    lists: Vec<Option<u64>>,
    heading: Option<u8>,
    in_code: bool,
    first_code_line: bool,
    table: Option<Table>,
    emphasis: usize,
    lead_open_at: Option<usize>,
    lead_done: bool,
    /// Literal asterisks seen but not yet written: pulldown-cmark emits each
    /// unmatched `*` as its own text event, so a stray `**` spans two events.
    pending_stars: usize,
    /// Whether the current line has any letters or digits yet; kept
    /// incrementally so long lines with many inline spans stay linear.
    words_on_line: bool,
    /// Where the last inline code span ended: (source line, byte offset in
    /// the line's text). Code spans next to each other are a tag list.
    code_end: Option<(usize, usize)>,
}

impl<'i> Builder<'i> {
    fn new(index: &'i LineIndex) -> Self {
        Self {
            index,
            out: Vec::new(),
            current: None,
            pending: Joiner::Blank,
            pending_item: None,
            lists: Vec::new(),
            heading: None,
            in_code: false,
            first_code_line: false,
            code_end: None,
            table: None,
            emphasis: 0,
            lead_open_at: None,
            lead_done: false,
            words_on_line: false,
            pending_stars: 0,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.in_code {
                    self.code_text(&text, range.start);
                } else if !text.is_empty() && text.chars().all(|c| c == '*') {
                    self.pending_stars += text.len();
                } else {
                    self.inline(&strip_note_marks(&strip_stray_markers(&text)), range.start);
                }
            }
            // `ownership` `bias for action`: spans side by side are a list
            // (their backticks are gone from the text), so they are
            // joined with commas.
            Event::Code(text) => {
                if let (Some(line), Some((at_line, end))) = (&mut self.current, self.code_end) {
                    let gap = line.text.get(end..).unwrap_or("x");
                    if line.line == at_line && !gap.is_empty() && gap.trim().is_empty() {
                        line.text.truncate(end);
                        line.text.push_str(", ");
                        // Emphasis that ended in the gap ends where it was cut.
                        line.lead_emphasis_end = line.lead_emphasis_end.map(|l| l.min(end));
                    }
                }
                self.inline(&text, range.start);
                self.code_end = self
                    .current
                    .as_ref()
                    .map(|line| (line.line, line.text.len()));
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.inline(&text, range.start);
            }
            Event::SoftBreak => {
                if self.heading.is_some() || self.table.is_some() {
                    self.inline(" ", range.start);
                } else {
                    self.break_line(Joiner::Space);
                }
            }
            Event::HardBreak => {
                if self.heading.is_some() || self.table.is_some() {
                    self.inline(" ", range.start);
                } else {
                    self.break_line(Joiner::Newline);
                }
            }
            Event::Rule => {
                self.flush();
                self.push(LineKind::Rule, String::new(), range.start);
                self.pending = Joiner::Blank;
            }
            // A task box stays as text (`[ ] get the SLA numbers` is a
            // to-do); a ticked part (`- [x] **S:** ...`) is still read as
            // its label ([`labels::skip_decoration`] skips the box).
            Event::TaskListMarker(done) => {
                self.inline(if done { "[x] " } else { "[ ] " }, range.start);
            }
            // `<br>` ends a line, as in notes exported from Google Docs.
            Event::InlineHtml(html) if is_line_break_tag(&html) => {
                if self.heading.is_some() || self.table.is_some() {
                    self.inline(" ", range.start);
                } else {
                    self.break_line(Joiner::Newline);
                }
            }
            Event::Html(html) => self.html_block(&html, range.start),
            // Other raw HTML and footnote markers are noise in plain-text stories.
            Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
        }
    }

    /// A line of raw HTML: a toggle's `<summary>` (Notion, GitHub) names
    /// what it folds, a story title kept as a bold line; the toggle's end
    /// ends it, like a rule. Other HTML is noise in a plain-text story.
    fn html_block(&mut self, html: &str, start: usize) {
        let closes = html.to_ascii_lowercase().contains("</details");
        let summary = summary_text(html);
        if !closes && summary.is_none() {
            return;
        }
        self.flush();
        if closes {
            self.push(LineKind::Rule, String::new(), start);
        }
        if let Some((text, tail)) = summary {
            self.push(LineKind::Text, text, start);
            if let Some(line) = self.out.last_mut() {
                line.lead_emphasis_end = Some(line.text.len());
            }
            if let Some(tail) = tail {
                self.push(LineKind::Text, format!("Competencies: {tail}"), start);
            }
        }
        self.pending = Joiner::Blank;
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { level, .. } => {
                self.flush();
                self.pending = Joiner::Blank;
                self.heading = Some(level as u8);
                // Empty headings (`#` alone) still matter as boundaries.
                self.ensure_line(range.start);
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some(Some(number)) => {
                        let marker = format!("{number}.");
                        *number = number.saturating_add(1);
                        marker
                    }
                    _ => "-".to_owned(),
                };
                self.pending_item = Some(marker);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code = true;
                self.first_code_line = true;
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Table::default());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.cells.clear();
                    table.row_start = range.start;
                }
            }
            Tag::TableCell => {
                if let Some(table) = &mut self.table {
                    table.cell.clear();
                }
            }
            Tag::Emphasis | Tag::Strong => {
                if !self.lead_done && self.lead_open_at.is_none() && !self.words_on_line {
                    self.lead_open_at = Some(self.emphasis);
                }
                self.emphasis += 1;
            }
            Tag::BlockQuote(_) | Tag::HtmlBlock | Tag::FootnoteDefinition(_) => {
                self.flush();
                self.pending = Joiner::Blank;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::HtmlBlock => {
                self.flush();
                self.pending = Joiner::Blank;
            }
            TagEnd::Heading(_) => {
                self.flush();
                self.heading = None;
                self.pending = Joiner::Blank;
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                self.pending = Joiner::Blank;
            }
            TagEnd::Item => {
                self.flush();
                self.pending_item = None;
                self.pending = Joiner::Newline;
            }
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.pending = Joiner::Blank;
            }
            TagEnd::TableCell => {
                if let Some(table) = &mut self.table {
                    let cell = table.cell.split_whitespace().collect::<Vec<_>>().join(" ");
                    table.cells.push(cell);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => self.table_row(),
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.emit_table(table.rows);
                }
                self.pending = Joiner::Blank;
            }
            TagEnd::Emphasis | TagEnd::Strong => {
                self.emphasis = self.emphasis.saturating_sub(1);
                if self.lead_open_at == Some(self.emphasis) {
                    self.lead_open_at = None;
                    self.lead_done = true;
                    if let Some(line) = &mut self.current {
                        line.lead_emphasis_end = Some(line.text.len());
                    }
                }
            }
            _ => {}
        }
    }

    fn table_row(&mut self) {
        let Some(table) = &mut self.table else {
            return;
        };
        let cells = std::mem::take(&mut table.cells);
        let line = self.index.line_of(table.row_start);
        table.rows.push((cells, line));
    }

    /// A table of STAR parts (labels in the first column, or in the header
    /// with a story per row) becomes label lines, as if written `Situation:
    /// ...`; any other table stays rows of cells joined by pipes.
    fn emit_table(&mut self, rows: Vec<(Vec<String>, usize)>) {
        let depth = self.lists.len();
        let push = |out: &mut Vec<Line>, kind, text: String, line, joiner| {
            out.push(Line {
                kind,
                text,
                line,
                joiner,
                item: None,
                depth,
                lead_emphasis_end: None,
            });
        };
        match star_table(&rows) {
            Some(StarTable::Rows { parts }) => {
                let mut labelled_above = false;
                for ((cells, line), label) in rows.into_iter().zip(parts) {
                    let rest = cells.get(1..).unwrap_or_default().join(" ");
                    let continues = labelled_above;
                    labelled_above = label.is_some()
                        || (continues && cells.first().is_some_and(|c| c.trim().is_empty()));
                    let labelled_above = continues;
                    match label {
                        Some(part) => {
                            let text = format!("{}: {}", part.name(), rest.trim());
                            push(&mut self.out, LineKind::Text, text, line, Joiner::Blank);
                        }
                        // An empty header row above the labels says nothing.
                        None if cells.iter().all(|c| c.trim().is_empty()) => {}
                        // `| | more of the Action |`: the part above goes on.
                        None if cells[0].trim().is_empty() && labelled_above => {
                            push(
                                &mut self.out,
                                LineKind::Text,
                                rest.trim().to_owned(),
                                line,
                                Joiner::Newline,
                            );
                        }
                        // `| Tags | a, b |`: metadata, read like a `Tags:` line.
                        None => match metadata_cell(&cells[0], rest.trim()) {
                            Some(text) => {
                                push(&mut self.out, LineKind::Text, text, line, Joiner::Blank);
                            }
                            None => {
                                let text = cells.join(" | ");
                                push(&mut self.out, LineKind::Row, text, line, Joiner::Newline);
                            }
                        },
                    }
                }
            }
            Some(StarTable::Columns { parts, title }) => {
                let header = rows
                    .first()
                    .map(|(cells, _)| cells.clone())
                    .unwrap_or_default();
                // A sheet may keep its parts in any order (`Title, Result,
                // Action, Situation, Task`): they are written in STAR order,
                // in the places the part columns hold, so a Situation after
                // a Result does not start another story.
                let width = rows.iter().map(|(cells, _)| cells.len()).max().unwrap_or(0);
                let mut order: Vec<usize> = (0..width).collect();
                let slots: Vec<usize> = (0..width)
                    .filter(|&c| parts.get(c).copied().flatten().is_some())
                    .collect();
                let mut by_part = slots.clone();
                by_part.sort_by_key(|&c| parts[c].map(Part::index));
                for (&slot, &column) in slots.iter().zip(&by_part) {
                    order[slot] = column;
                }
                for (cells, line) in rows.into_iter().skip(1) {
                    if let Some(name) = title.and_then(|t| cells.get(t)) {
                        if !name.trim().is_empty() {
                            let text = format!("Story: {}", name.trim());
                            push(&mut self.out, LineKind::Text, text, line, Joiner::Blank);
                        }
                    }
                    let mut other = Vec::new();
                    // Metadata cells come after the parts: a `Question`
                    // cell before the row's Situation would tag the story
                    // of the row above.
                    let mut metadata = Vec::new();
                    for &column in &order {
                        let Some(cell) = cells.get(column) else {
                            continue;
                        };
                        if cell.trim().is_empty() || Some(column) == title {
                            continue;
                        }
                        match parts.get(column).copied().flatten() {
                            Some(part) => {
                                let text = format!("{}: {}", part.name(), cell.trim());
                                push(&mut self.out, LineKind::Text, text, line, Joiner::Blank);
                            }
                            // Other columns (`Notes`) stay in the story as a
                            // row after its parts; `Tags` and `Questions`
                            // columns are read as metadata lines.
                            None => {
                                let name = header.get(column).map_or("", |h| h.trim());
                                match metadata_cell(name, cell.trim()) {
                                    Some(text) => metadata.push(text),
                                    None => other.push(format!("{name}: {}", cell.trim())),
                                }
                            }
                        }
                    }
                    for text in metadata {
                        push(&mut self.out, LineKind::Text, text, line, Joiner::Blank);
                    }
                    if !other.is_empty() {
                        push(
                            &mut self.out,
                            LineKind::Row,
                            other.join(" | "),
                            line,
                            Joiner::Blank,
                        );
                    }
                }
            }
            None => {
                let map = rows.first().and_then(|(header, _)| mapping_columns(header));
                // A competency matrix (`| Story | Conflict | Cost |` with a
                // tick under each competency a story shows): each tick is a
                // competency-to-story map row.
                if let Some(story) = check_matrix(&rows) {
                    let header = &rows[0].0;
                    for (cells, line) in rows.iter().skip(1) {
                        let name = cells.get(story).map_or("", |c| c.trim());
                        for (c, cell) in cells.iter().enumerate() {
                            if c == story || name.is_empty() || !is_tick(cell) {
                                continue;
                            }
                            let text = format!(
                                "{}\t{name}\t{}",
                                header.get(c).map_or("", |h| h.trim()),
                                labels::COMPETENCY_COLUMN_MARK
                            );
                            push(&mut self.out, LineKind::Row, text, *line, Joiner::Newline);
                        }
                    }
                    return;
                }
                // A story's property table, as Notion exports one under
                // its heading (`| Competency | Status | Used in |` and one
                // row): its `Competency` and `Questions` cells are
                // metadata lines, the rest stays a row.
                if let [(header, _), (cells, line)] = rows.as_slice() {
                    let meta: Vec<Option<String>> = header
                        .iter()
                        .enumerate()
                        .map(|(c, name)| metadata_cell(name, cells.get(c).map_or("", |v| v.trim())))
                        .collect();
                    if map.is_none() && meta.iter().any(Option::is_some) {
                        let mut other = Vec::new();
                        for (c, text) in meta.into_iter().enumerate() {
                            let value = cells.get(c).map_or("", |v| v.trim());
                            match text {
                                Some(text) => {
                                    push(&mut self.out, LineKind::Text, text, *line, Joiner::Blank)
                                }
                                None if !value.is_empty() => {
                                    other.push(format!("{}: {value}", header[c].trim()));
                                }
                                None => {}
                            }
                        }
                        if !other.is_empty() {
                            let text = other.join(" | ");
                            push(&mut self.out, LineKind::Row, text, *line, Joiner::Blank);
                        }
                        return;
                    }
                }
                for (i, (cells, line)) in rows.into_iter().enumerate() {
                    let joiner = if i == 0 {
                        Joiner::Blank
                    } else {
                        Joiner::Newline
                    };
                    // A row of a question-to-story table: the question and the
                    // story, tab-separated (cells hold no tabs), for
                    // `labels::table_mapping`.
                    let text = match map {
                        Some((question, story, competencies)) if i > 0 => format!(
                            "{}\t{}{}",
                            cells.get(question).map_or("", |c| c.trim()),
                            cells.get(story).map_or("", |c| c.trim()),
                            if competencies {
                                format!("\t{}", labels::COMPETENCY_COLUMN_MARK)
                            } else {
                                String::new()
                            }
                        ),
                        _ => cells.join(" | "),
                    };
                    push(&mut self.out, LineKind::Row, text, line, joiner);
                }
            }
        }
    }

    fn code_text(&mut self, text: &str, start: usize) {
        self.flush();
        let mut offset = start;
        for piece in text.split_inclusive('\n') {
            let content = piece.strip_suffix('\n').unwrap_or(piece);
            let joiner = if self.first_code_line {
                Joiner::Blank
            } else {
                Joiner::Newline
            };
            self.first_code_line = false;
            let clean: String = content
                .chars()
                .filter(|&c| !c.is_control() || c == '\t')
                .collect();
            self.out.push(Line {
                kind: LineKind::Code,
                text: clean,
                line: self.index.line_of(offset),
                joiner,
                item: None,
                depth: self.lists.len(),
                lead_emphasis_end: None,
            });
            offset += piece.len();
        }
    }

    fn inline(&mut self, text: &str, start: usize) {
        let stars = self.take_single_star();
        let with_star;
        let text = if stars.is_empty() {
            text
        } else {
            with_star = format!("{stars}{text}");
            &with_star
        };
        if let Some(table) = &mut self.table {
            table.cell.push_str(text);
            return;
        }
        let line = self.ensure_line(start);
        line.text.extend(text.chars().filter_map(clean_char));
        if text.chars().any(char::is_alphanumeric) {
            self.words_on_line = true;
            if self.lead_open_at.is_none() {
                self.lead_done = true;
            }
        }
    }

    fn ensure_line(&mut self, start: usize) -> &mut Line {
        if self.current.is_none() {
            let (kind, joiner) = match self.heading {
                Some(level) => (LineKind::Heading(level), Joiner::Blank),
                None if self.pending_item.is_some() => (LineKind::Text, Joiner::Newline),
                None => (LineKind::Text, self.pending),
            };
            self.current = Some(Line {
                kind,
                text: String::new(),
                line: self.index.line_of(start),
                joiner,
                item: self.pending_item.take(),
                depth: self.lists.len(),
                lead_emphasis_end: None,
            });
        }
        self.current.get_or_insert_with(|| Line {
            kind: LineKind::Text,
            text: String::new(),
            line: 1,
            joiner: Joiner::Blank,
            item: None,
            depth: 0,
            lead_emphasis_end: None,
        })
    }

    fn break_line(&mut self, joiner: Joiner) {
        self.flush();
        self.pending = joiner;
    }

    /// A lone literal `*` is text (`2 * 3`); a run of them is a stray
    /// emphasis marker and is dropped.
    fn take_single_star(&mut self) -> &'static str {
        let stars = std::mem::take(&mut self.pending_stars);
        if stars == 1 {
            "*"
        } else {
            ""
        }
    }

    fn flush(&mut self) {
        if self.take_single_star() == "*" {
            if let Some(line) = &mut self.current {
                line.text.push('*');
            }
        }
        if let Some(mut line) = self.current.take() {
            if self.lead_open_at.is_some() {
                // The emphasis runs on past this line, so the whole line is emphasised.
                line.lead_emphasis_end = Some(line.text.len());
            }
            let keep = matches!(line.kind, LineKind::Heading(_)) || !line.text.trim().is_empty();
            if keep {
                self.out.push(line);
            } else if line.item.is_some() {
                // An empty first line still opened the item; keep its marker for the next line.
                self.pending_item = line.item;
            }
        }
        self.lead_open_at = None;
        self.lead_done = false;
        self.words_on_line = false;
    }

    fn push(&mut self, kind: LineKind, text: String, start: usize) {
        self.out.push(Line {
            kind,
            text,
            line: self.index.line_of(start),
            joiner: self.pending,
            item: None,
            depth: self.lists.len(),
            lead_emphasis_end: None,
        });
    }
}

/// A table cell under a metadata header (`Tags`, `Competencies`,
/// `Question`) as the metadata line the segmenter reads.
fn metadata_cell(header: &str, value: &str) -> Option<String> {
    let header = header.trim();
    let lower = header.to_ascii_lowercase();
    if value.is_empty() {
        return None;
    }
    // `Question(s) it answers`, `Likely questions`, `Interview question`;
    // not `Questions I'd ask them`.
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let to_ask = ["to ask", "ask them", "i'd ask", "i would ask"]
        .iter()
        .any(|p| lower.contains(p));
    if words.iter().any(|w| *w == "question" || *w == "questions") && !to_ask {
        return Some(format!("Questions this answers: {value}"));
    }
    let text = format!("{header}: {value}");
    let is_meta = labels::meta_line(&text, None).is_some();
    is_meta.then_some(text)
}

/// `<br>`, `<br/>`, `<BR />`.
fn is_line_break_tag(html: &str) -> bool {
    let lower = html.trim().to_ascii_lowercase();
    lower.starts_with("<br") && lower[3..].trim_start_matches([' ', '/']) == ">"
}

/// The plain text of `<summary>...</summary>` on an HTML line, tags
/// removed, and what follows a bold title in it after a dash:
/// `<summary><b>Getting SSO funded</b> — influence, prioritisation</summary>`
/// names the story and the competencies it is filed under.
fn summary_text(html: &str) -> Option<(String, Option<String>)> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<summary")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</summary")?;
    let mut text = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    // Where the bold span that opens the summary closes, in `text`.
    let mut bold_end = None;
    let mut opened_bold = false;
    let mut has_text = false;
    for c in html.get(start..end)?.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' => {
                in_tag = false;
                let name = tag.trim().to_ascii_lowercase();
                if (name == "b" || name == "strong") && !has_text {
                    opened_bold = true;
                } else if opened_bold && bold_end.is_none() && (name == "/b" || name == "/strong") {
                    bold_end = Some(text.len());
                }
            }
            _ if in_tag => tag.push(c),
            _ => {
                has_text |= c.is_alphanumeric();
                text.extend(clean_char(c));
            }
        }
    }
    let tail = bold_end.and_then(|at| {
        let rest = text[at..].trim_start();
        // After a dash only (`<b>Story 2</b>: Pager storm` is a title),
        // and names, not a phrase: each at most four words, none opening
        // like a sentence (`what I learned about ownership`).
        let rest = rest.strip_prefix(['\u{2014}', '\u{2013}'])?.trim();
        let names_only = rest.split([',', '/', ';']).all(|name| {
            let words: Vec<String> = name.split_whitespace().map(|w| w.to_lowercase()).collect();
            (1..=MAX_SUMMARY_NAME_WORDS).contains(&words.len())
                && !matches!(
                    words[0].as_str(),
                    "what" | "how" | "why" | "when" | "the" | "a" | "an" | "my" | "our" | "i"
                )
        });
        (names_only && !rest.contains(|c: char| c.is_ascii_digit())).then(|| (at, rest.to_owned()))
    });
    let tail = tail.map(|(at, rest)| {
        text.truncate(at);
        rest
    });
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // `Title (Click to expand)`: the hint is the toggle's, not the title's.
    if let Some(open) = text.rfind('(') {
        let hint = text[open..].to_ascii_lowercase();
        const HINTS: [&str; 6] = [
            "(click to expand)",
            "(expand)",
            "(click to view)",
            "(click to open)",
            "(click)",
            "(toggle)",
        ];
        if HINTS.contains(&hint.as_str()) {
            text.truncate(open);
            text.truncate(text.trim_end().len());
        }
    }
    Some((text, tail)).filter(|(t, _)| t.chars().any(char::is_alphanumeric))
}

/// Most words of each name after a summary's bold title read as the
/// competencies it is filed under.
const MAX_SUMMARY_NAME_WORDS: usize = 4;

/// Non-breaking and zero-width spaces are invisible in an editor but break
/// matching and YAML output; control characters never belong in a story.
fn clean_char(c: char) -> Option<char> {
    match c {
        '\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{3000}' => Some(' '),
        '\u{200b}' | '\u{200c}' | '\u{feff}' | '\u{ad}' => None,
        '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Marks of note apps that Markdown leaves as text: `==highlighted==`
/// (Obsidian, Joplin, Bear) keeps its words, a footnote reference
/// (`mediator[^2]`) goes.
fn strip_note_marks(text: &str) -> Cow<'_, str> {
    if !text.contains("==") && !text.contains("[^") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut open = false;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[^") {
            let label = after.find(']').filter(|&end| {
                end > 0
                    && after[..end]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            });
            if let Some(end) = label {
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("==") {
            let before = out.chars().last();
            let next = after.chars().next();
            // Opening: a word starts right after it; closing: one ends right before it.
            let opens = !open
                && next.is_some_and(|c| !c.is_whitespace() && c != '=')
                && before.is_none_or(|c| !c.is_alphanumeric() && c != '=')
                && after.contains("==");
            let closes = open && before.is_some_and(|c| !c.is_whitespace());
            if opens || closes {
                open = opens;
                rest = after;
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// `**Situation:**text` has no closing flank, so pulldown-cmark leaves the
/// asterisks as literal text; they are still emphasis markers to a reader.
fn strip_stray_markers(text: &str) -> Cow<'_, str> {
    if !text.contains("**") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut stars = 0;
    for c in text.chars() {
        if c == '*' {
            stars += 1;
            continue;
        }
        if stars == 1 {
            out.push('*');
        }
        stars = 0;
        out.push(c);
    }
    if stars == 1 {
        out.push('*');
    }
    Cow::Owned(out)
}

/// The story column of a competency matrix: a `Story` header over names,
/// two or more other columns headed by a name, one of them a known
/// competency (a tracker's `Written | Rehearsed` or a list of companies is
/// no matrix), and every other body cell empty or a tick (one at least).
fn check_matrix(rows: &[(Vec<String>, usize)]) -> Option<usize> {
    let (header, _) = rows.first()?;
    let story = header.iter().position(|h| {
        let h = h
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        matches!(h.as_str(), "story" | "stories" | "story name" | "example")
    })?;
    let named = header
        .iter()
        .enumerate()
        .filter(|&(c, h)| c != story && h.chars().any(char::is_alphabetic))
        .count();
    let competency = header
        .iter()
        .enumerate()
        .any(|(c, h)| c != story && labels::is_known_competency(&h.trim().to_lowercase()));
    if !competency {
        return None;
    }
    let mut ticks = 0;
    for (cells, _) in &rows[1..] {
        for (c, cell) in cells.iter().enumerate() {
            if c == story || cell.trim().is_empty() {
                continue;
            }
            if !is_tick(cell) {
                return None;
            }
            ticks += 1;
        }
    }
    (named >= 2 && ticks > 0).then_some(story)
}

/// A cell that only ticks its column: `✅`, `✓`, `x`, `yes`.
fn is_tick(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "\u{2705}"
            | "\u{2713}"
            | "\u{2714}"
            | "\u{2714}\u{fe0f}"
            | "\u{2611}"
            | "\u{2611}\u{fe0f}"
            | "x"
            | "y"
            | "yes"
            | "\u{25cf}"
            | "\u{2022}"
            | "*"
            | "+"
    )
}

/// The question and story columns of a story bank's index table (`|
/// Question / theme | Story to use | Backup |`), if its header has both,
/// and whether the first names competencies (`Competency`, `LP`) rather
/// than questions or themes.
fn mapping_columns(header: &[String]) -> Option<(usize, usize, bool)> {
    let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    // A `Likely question` column over a `Competency` one beside it.
    let asked = lower.iter().position(|h| h.contains("question"));
    let question = asked.or_else(|| {
        lower.iter().position(|h| {
            [
                "question",
                "theme",
                "prompt",
                "topic",
                "competenc",
                "principle",
            ]
            .iter()
            .any(|w| h.contains(w))
                || h.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == "lp" || w == "lps")
        })
    })?;
    let story = lower
        .iter()
        .enumerate()
        .position(|(i, h)| i != question && h.contains("story"))?;
    let named = &lower[question];
    let competencies = !named.contains("question")
        && (["competenc", "principle", "value", "skill"]
            .iter()
            .any(|w| named.contains(w))
            || named
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "lp" || w == "lps"));
    Some((question, story, competencies))
}

/// Notes exported from Confluence or Notion arrive as HTML inside Markdown
/// (`<h2>Title</h2>`, `<p><strong>Situation</strong><br>...</p>`,
/// `<ul><li>...`). CommonMark reads such lines as raw HTML blocks, whose
/// text would be dropped, so headings, paragraphs, list items and emphasis
/// tags are rewritten as Markdown first, line for line (line numbers stay
/// right). `<br>` stays: it already ends a line. Fenced code is left alone.
fn rewrite_html(text: &str) -> Cow<'_, str> {
    let has_blocks = text.lines().any(|line| {
        let start = line.trim_start().as_bytes();
        let tag = start.get(..4).map(<[u8]>::to_ascii_lowercase);
        tag.as_deref().is_some_and(|t| {
            t.starts_with(b"<p>")
                || t.starts_with(b"<p ")
                || t.starts_with(b"<div")
                || t.starts_with(b"<li")
                || (t.starts_with(b"<h") && t.get(2).is_some_and(|d| (b'1'..=b'6').contains(d)))
        })
    });
    if !has_blocks {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite_outside_fences(text, rewrite_html_line))
}

/// `===` alone on a line, as phone-note exports separate notes, under a
/// line that is no title (`#mistake #ownership`, a sentence, a long line):
/// a rule, not the underline Markdown would make of it, which turned the
/// tag line into a heading and ran two notes together. Line for line.
fn rewrite_equals_separators(text: &str) -> Cow<'_, str> {
    let equals = |l: &str| {
        let t = l.trim();
        t.len() >= 3 && t.bytes().all(|b| b == b'=')
    };
    if !text.lines().any(equals) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let no_title = |l: &str| {
        let t = l.trim();
        t.is_empty()
            || t.split_whitespace()
                .all(|w| w.starts_with('#') && w.len() > 1)
            || t.split_whitespace().count() > MAX_UNDERLINED_TITLE_WORDS
            || t.ends_with(['.', ',', ';'])
    };
    // A title underlined is a paragraph of one line, not a label line:
    // under the last line of a longer paragraph (`R: we covered...`),
    // Markdown would make the whole paragraph a heading.
    let paragraph_end = |at: usize| at >= 2 && !lines[at - 2].trim().is_empty();
    let label = |l: &str| labels::line_label(l, None, false).is_some();
    let separators: HashSet<usize> = (0..lines.len())
        .filter(|&at| {
            equals(lines[at])
                && (at == 0 || no_title(lines[at - 1]) || paragraph_end(at) || label(lines[at - 1]))
        })
        .collect();
    if separators.is_empty() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite_outside_fences_numbered(text, |this, line, out| {
        let (body, end) = split_line_end(line);
        if separators.contains(&this) {
            // `***` is a rule, never a heading's underline.
            out.push_str("***");
        } else {
            out.push_str(body);
        }
        out.push_str(end);
    }))
}

/// Most words of a line that `===` underlines as a title.
const MAX_UNDERLINED_TITLE_WORDS: usize = 20;

/// `I. Reopening the recovery unit`, `II. Conflict with ...`: titles
/// numbered in Roman numerals at the margin, in order from `I`, are read
/// as headings (`## Reopening the recovery unit`), as Markdown has no such
/// list. Only a run of two or more, each a short line. Line for line.
fn rewrite_roman_titles(text: &str) -> Cow<'_, str> {
    const NUMERALS: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    let title_of = |line: &str| -> Option<(usize, usize)> {
        let (numeral, rest) = line.split_once(['.', ')'])?;
        let n = NUMERALS.iter().position(|&r| r == numeral)?;
        let words = rest.split_whitespace().count();
        (rest.starts_with(char::is_whitespace) && (1..=MAX_ROMAN_TITLE_WORDS).contains(&words))
            .then_some((n, numeral.len() + 1))
    };
    if !text
        .lines()
        .any(|l| l.starts_with("I.") || l.starts_with("I)"))
    {
        return Cow::Borrowed(text);
    }
    // The numerals in document order must count up from I (the lines
    // found, in order).
    let mut found: Vec<usize> = Vec::new();
    for (at, line) in text.lines().enumerate() {
        if title_of(line).is_some_and(|(n, _)| n == found.len()) {
            found.push(at);
        }
    }
    // Titles have their stories between them; `I.`, `II.`, `III.` on
    // consecutive lines are steps inside one.
    let steps = found.windows(2).any(|w| w[1] == w[0] + 1);
    if found.len() < 2 || steps {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite_outside_fences_numbered(
        text,
        |this, line, out| match title_of(line).filter(|_| found.binary_search(&this).is_ok()) {
            Some((_, len)) => {
                out.push_str("## ");
                out.push_str(line[len..].trim_start());
            }
            None => out.push_str(line),
        },
    ))
}

/// Most words of a Roman-numbered title line.
const MAX_ROMAN_TITLE_WORDS: usize = 16;

/// Parts lettered as a list (`a) Situation: ...`, `(b) Task - ...`): the
/// letter goes, the label stays. Where the notes give a key (`a) =
/// Situation, b) = Task, c) = Action, d) = Result`, `a=S b=T c=A d=R`),
/// a letter with no label after it (`(c)` over the steps) is that part's
/// label. Line for line; fenced code is left alone.
fn rewrite_lettered_parts(text: &str) -> Cow<'_, str> {
    // `a) `, `(a) `, `a)` alone: the letter and the text after it.
    fn lettered(line: &str) -> Option<(char, &str)> {
        let t = line.trim_start();
        let t2 = t.strip_prefix('(').unwrap_or(t);
        let mut chars = t2.chars();
        let letter = chars.next().filter(|c| ('a'..='h').contains(c))?;
        let rest = chars.as_str().strip_prefix(')')?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((letter, rest.trim()))
    }
    if !text.lines().any(|l| lettered(l).is_some()) {
        return Cow::Borrowed(text);
    }
    let key = letter_key(text);
    // The story's own letters are the least indented ones; an `a)` deeper
    // than them is an option in a list.
    let margin = text
        .lines()
        .filter(|l| lettered(l).is_some())
        .map(columns)
        .min()
        .unwrap_or(0);
    Cow::Owned(rewrite_outside_fences(text, |line, out| {
        let (body, end) = split_line_end(line);
        match lettered(body) {
            Some((_, rest)) if labels::part_named(rest).is_some() => {
                out.push_str(&body[..body.len() - body.trim_start().len()]);
                out.push_str(rest);
            }
            // The key names the story's own parts, at the margin; an
            // indented `a)` is an option in a list.
            Some((letter, rest)) if columns(body) <= margin => {
                match key.iter().find(|(l, _)| *l == letter) {
                    Some(&(_, part)) => {
                        out.push_str(&body[..body.len() - body.trim_start().len()]);
                        out.push_str(part.name());
                        out.push_str(": ");
                        out.push_str(rest);
                    }
                    None => out.push_str(body),
                }
            }
            _ => out.push_str(body),
        }
        out.push_str(end);
    }))
}

/// Emoji that stand for the parts in note-app templates: a pin or compass
/// for where things stood, a target for the goal, tools for what was done,
/// a tick or trophy for the outcome, a bulb or books for the lesson.
const EMOJI_PARTS: &[(&str, Part)] = &[
    ("\u{1f4cd}", Part::Situation),
    ("\u{1f9ed}", Part::Situation),
    ("\u{1f3af}", Part::Task),
    ("\u{1f6e0}\u{fe0f}", Part::Action),
    ("\u{1f6e0}", Part::Action),
    ("\u{1f527}", Part::Action),
    ("\u{2705}", Part::Result),
    ("\u{1f3c6}", Part::Result),
    ("\u{1f4a1}", Part::Learning),
];

/// Lines opening with those emoji (`📍 fuel spend was up...`, `🎯 my
/// manager asked me...`) labelled as their parts, when a note uses at
/// least three different ones: one such emoji alone is decoration. Line
/// for line.
fn rewrite_emoji_parts(text: &str) -> Cow<'_, str> {
    let part_of = |line: &str| -> Option<(Part, usize)> {
        let t = line.trim_start();
        EMOJI_PARTS.iter().find_map(|(e, p)| {
            let rest = t.strip_prefix(e)?;
            let rest = rest.strip_prefix('\u{fe0f}').unwrap_or(rest);
            // `🎯 Situation: ...` is labelled already.
            let plain = rest.trim_start().trim_start_matches(['*', '_']);
            let labelled = labels::part_named(plain).is_some()
                || labels::line_label(plain, None, false).is_some();
            (rest.starts_with(' ') && !labelled).then_some((*p, line.len() - rest.len()))
        })
    };
    let lines: Vec<&str> = text.lines().collect();
    if !lines.iter().any(|l| part_of(l).is_some()) {
        return Cow::Borrowed(text);
    }
    // A note is a run of lines without a blank one; in it, the first line
    // of each part's emoji labels that part, when the run has three parts
    // or more, the Action among them, in order (a header list of goals or
    // a `✅` step among the actions is no such note).
    let mut labelled: HashMap<usize, (Part, usize)> = HashMap::new();
    let mut start = 0;
    while start < lines.len() {
        let end = (start..lines.len())
            .find(|&k| lines[k].trim().is_empty())
            .unwrap_or(lines.len());
        let mut firsts: Vec<(usize, Part, usize)> = Vec::new();
        for (k, line) in lines.iter().enumerate().take(end).skip(start) {
            if let Some((part, at)) = part_of(line) {
                if !firsts.iter().any(|&(_, p, _)| p == part) {
                    firsts.push((k, part, at));
                }
            }
        }
        let ordered = firsts.windows(2).all(|w| w[0].1.index() < w[1].1.index());
        let has_action = firsts.iter().any(|&(_, p, _)| p == Part::Action);
        if firsts.len() >= 3 && ordered && has_action {
            for (k, part, at) in firsts {
                labelled.insert(k, (part, at));
            }
        }
        start = end + 1;
    }
    if labelled.is_empty() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite_outside_fences_numbered(text, |this, line, out| {
        let (body, end) = split_line_end(line);
        match labelled.get(&this) {
            Some(&(part, at)) => {
                let lead = body.len() - body.trim_start().len();
                out.push_str(&body[..lead]);
                out.push_str(part.name());
                out.push_str(": ");
                out.push_str(body[at..].trim_start());
            }
            None => out.push_str(body),
        }
        out.push_str(end);
    }))
}

/// A key of letters to parts written in the notes: a line naming at least
/// three parts each after its letter (`a) = Situation`, `b = Task`,
/// `c=A`).
fn letter_key(text: &str) -> Vec<(char, Part)> {
    for line in text.lines().take(MAX_KEY_LINE) {
        let lower = line.to_ascii_lowercase();
        let mut key: Vec<(char, Part)> = Vec::new();
        for (at, _) in lower.match_indices('=') {
            let before = lower[..at].trim_end().trim_end_matches(')').trim_end();
            let Some(letter) = before.chars().last().filter(|c| ('a'..='h').contains(c)) else {
                continue;
            };
            // The letter stands alone: `a)`, `(a`, ` a`, not `data`.
            let alone = before[..before.len() - 1]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = line[at + 1..].trim_start();
            let part = labels::part_named(after).map(|(p, _)| p).or_else(|| {
                let mut chars = after.chars();
                let c = chars.next()?;
                chars
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric())
                    .then(|| Part::from_letter(c))
                    .flatten()
            });
            if let (true, Some(part)) = (alone, part) {
                key.push((letter, part));
            }
        }
        if key.len() >= 3 {
            return key;
        }
    }
    Vec::new()
}

/// The key of letters to parts is looked for in the notes' first lines.
const MAX_KEY_LINE: usize = 40;

/// `1. Methotrexate mix-up` underlined with `-----` (or `=====`) is a
/// numbered title in a plain-text file, but Markdown reads the number as a
/// list and the underline as a rule, losing the title: such a pair is
/// rewritten as a heading and a blank line. Line for line.
fn rewrite_numbered_setext(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let underline = |line: &str| {
        let t = line.trim();
        t.len() >= 3 && (t.bytes().all(|b| b == b'-') || t.bytes().all(|b| b == b'='))
    };
    let numbered = |line: &str| {
        let t = line.trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&digits)
            && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
            && t[digits + 2..].chars().any(char::is_alphanumeric)
    };
    let titles: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| {
            numbered(lines[i])
                && underline(lines[i + 1])
                && (i == 0 || lines[i - 1].trim().is_empty())
        })
        .collect();
    if titles.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 3 * titles.len());
    let mut i = 0;
    while i < lines.len() {
        if titles.binary_search(&i).is_ok() {
            let (body, end) = split_line_end(lines[i]);
            let level = if lines[i + 1].trim().starts_with('=') {
                "#"
            } else {
                "##"
            };
            out.push_str(&format!("{level} {}{end}", body.trim()));
            out.push_str(split_line_end(lines[i + 1]).1);
            i += 2;
        } else {
            out.push_str(lines[i]);
            i += 1;
        }
    }
    Cow::Owned(out)
}

/// `Result: The balance was corrected.` then `----` on the next line: in
/// notes typed as plain text a row of dashes divides stories, but Markdown
/// reads it as underlining the paragraph above into a heading (setext),
/// and the story's parts became one heading's text. A blank line is put
/// before such a row when the paragraph above has several lines or its
/// line is a part's label (as `***`, a rule whatever is above it); a single
/// title line underlined stays a heading. Line for line.
fn separate_dash_dividers(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let dashes = |line: &str| {
        let t = line.trim();
        t.len() >= 3 && t.bytes().all(|b| b == b'-')
    };
    let blank = |line: &str| line.trim().is_empty();
    let mut breaks: Vec<usize> = Vec::new();
    let mut in_fence = false;
    let mut paragraph = 0usize;
    // Front matter (`---` on the first line) ends at the next `---`.
    let mut front = lines
        .first()
        .is_some_and(|l| l.trim_start_matches('\u{feff}').trim() == "---");
    for (i, line) in lines.iter().enumerate() {
        if front {
            if i > 0 && line.trim() == "---" {
                front = false;
            }
            continue;
        }
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if in_fence {
            paragraph = 0;
            continue;
        }
        if blank(line) {
            paragraph = 0;
            continue;
        }
        if dashes(line) && paragraph > 0 {
            let above = lines[i - 1];
            let labelled = labels::line_label(above.trim(), None, false).is_some();
            if paragraph >= 2 || labelled {
                breaks.push(i);
            }
            paragraph = 0;
            continue;
        }
        paragraph += 1;
    }
    if breaks.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if breaks.binary_search(&i).is_ok() {
            out.push_str("***");
            out.push_str(split_line_end(line).1);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// Bullet characters that text pasted from a word processor keeps at line
/// starts, where Markdown would have `-` (Word's own symbol-font bullet,
/// U+F0B7, included).
const BULLETS: [char; 8] = [
    '\u{2022}', '\u{25e6}', '\u{25aa}', '\u{2023}', '\u{2043}', '\u{25cf}', '\u{b7}', '\u{f0b7}',
];

/// Rewrites `• step` lines (pasted from Word or Google Docs) as Markdown
/// list items, `- step`, line for line, so each step stays a line of its
/// own instead of running into one paragraph. Fenced code is left alone.
fn rewrite_bullets(text: &str) -> Cow<'_, str> {
    let bulleted = |line: &str| {
        let mut chars = line.trim_start().chars();
        chars.next().is_some_and(|c| BULLETS.contains(&c))
            && chars.next().is_some_and(char::is_whitespace)
    };
    if !text.lines().any(bulleted) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite_outside_fences(text, |line, out| {
        if !bulleted(line) {
            out.push_str(line);
            return;
        }
        // `Action –\` then the steps: the hard break that ran the steps into
        // the label's paragraph would now end it, leaving a stray backslash.
        if out.ends_with("\\\n") {
            out.truncate(out.len() - 2);
            out.push('\n');
        } else if out.ends_with("\\\r\n") {
            out.truncate(out.len() - 3);
            out.push_str("\r\n");
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let bullet = trimmed.chars().next().map_or(0, char::len_utf8);
        // A plain space after the dash: `•\u{a0}step` (a no-break space, as
        // Word writes it) would not open a list item.
        let step = trimmed[bullet..]
            .trim_start_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
        out.push_str(indent);
        out.push_str("- ");
        out.push_str(step);
    }))
}

/// Copies `text` line by line (ends kept), passing each line outside
/// fenced code to `rewrite`; fence lines and code are copied as they are.
fn rewrite_outside_fences(text: &str, mut rewrite: impl FnMut(&str, &mut String)) -> String {
    rewrite_outside_fences_numbered(text, |_, line, out| rewrite(line, out))
}

/// [`rewrite_outside_fences`], passing each line's 0-based index too.
fn rewrite_outside_fences_numbered(
    text: &str,
    mut rewrite: impl FnMut(usize, &str, &mut String),
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            fence = Some(marker);
            out.push_str(line);
            continue;
        }
        rewrite(index, line, &mut out);
    }
    out
}

/// Longest tag looked at; anything longer is left as it is.
const MAX_TAG_LEN: usize = 200;

fn rewrite_html_line(line: &str, out: &mut String) {
    let start = out.len();
    rewrite_html_tags(line, out);
    // A line left holding only line breaks (an Evernote spacer,
    // `<div><br></div>`) is a blank line: CommonMark would open a raw HTML
    // block there, which swallows the lines after it. A lone `<hr>` is a rule.
    let mut rest = out[start..].trim();
    let mut breaks = 0;
    while let Some(after) = rest
        .get(..3)
        .filter(|head| head.eq_ignore_ascii_case("<br") || head.eq_ignore_ascii_case("<hr"))
        .and_then(|_| rest.find('>'))
        .map(|close| &rest[close + 1..])
    {
        breaks += 1;
        rest = after.trim_start();
    }
    if breaks > 0 && rest.is_empty() {
        let rule = out[start..]
            .trim_start()
            .get(..3)
            .is_some_and(|h| h.eq_ignore_ascii_case("<hr"));
        let newline = out.ends_with('\n');
        out.truncate(start);
        if rule {
            out.push_str("***");
        }
        if newline {
            out.push('\n');
        }
    }
}

fn rewrite_html_tags(line: &str, out: &mut String) {
    // Whether text came before the tag at hand: kept as a flag, since
    // re-reading the line for each tag is quadratic on a hostile line.
    let mut at_line_start = true;
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        let before = &rest[..open];
        at_line_start &= before.trim().is_empty();
        out.push_str(before);
        let after = &rest[open..];
        let Some(close) = after
            .char_indices()
            .take_while(|&(i, _)| i < MAX_TAG_LEN)
            .find_map(|(i, c)| (c == '>').then_some(i))
        else {
            out.push('<');
            at_line_start = false;
            rest = &after[1..];
            continue;
        };
        let tag = &after[1..close];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let replacement = match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !closing && at_line_start => {
                let level = usize::from(name.as_bytes()[1] - b'0');
                Some(format!("{} ", "#".repeat(level)))
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div" | "span" | "ul" | "ol"
            | "section" => Some(String::new()),
            "li" if !closing => Some("- ".to_owned()),
            "li" => Some(String::new()),
            "strong" | "b" => Some("**".to_owned()),
            "em" | "i" => Some("*".to_owned()),
            _ => None,
        };
        match replacement {
            Some(text) => {
                at_line_start &= text.trim().is_empty();
                out.push_str(&text);
            }
            None => {
                at_line_start = false;
                out.push_str(&after[..=close]);
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_from_wiki_exports_become_markdown_line_for_line() {
        let html = "<h2>Fixing checkout</h2>\n<p><strong>Situation</strong><br>\nIt broke.</p>\n<ul>\n<li>Step one</li>\n</ul>\n```\n<p>kept</p>\n```\n";
        let markdown = rewrite_html(html);
        assert_eq!(
            markdown,
            "## Fixing checkout\n**Situation**<br>\nIt broke.\n\n- Step one\n\n```\n<p>kept</p>\n```\n"
        );
        assert_eq!(markdown.lines().count(), html.lines().count());
        // Evernote: `<div>` lines, spacers of `<br>` alone, a `<hr/>` rule.
        let html = "<h3>Walked guests</h3>\n<div><b>Situation:</b> Full house.</div>\n<div><br></div>\n<div><b>Task:</b> Re-house them.</div>\n<hr/>\n";
        assert_eq!(
            rewrite_html(html),
            "### Walked guests\n**Situation:** Full house.\n\n**Task:** Re-house them.\n***\n"
        );
        // Accented text right after a tag does not hide the tag.
        let accented = format!("<p>{}</p>\n", "\u{e9}".repeat(100));
        assert_eq!(
            rewrite_html(&accented),
            format!("{}\n", "\u{e9}".repeat(100))
        );
        // One heading per line: a second `<h3>` is not a heading.
        assert_eq!(rewrite_html("<h2>A</h2><h3>B</h3>\n"), "## AB\n");
        // Markdown with no HTML blocks is untouched, `a < b` included.
        assert!(matches!(
            rewrite_html("a < b <em>x</em>\n"),
            Cow::Borrowed(_)
        ));
    }

    fn texts(markdown: &str) -> Vec<(LineKind, String, usize)> {
        extract(markdown)
            .into_iter()
            .map(|l| (l.kind, l.text, l.line))
            .collect()
    }

    #[test]
    fn soft_broken_paragraph_lines_stay_separate_lines() {
        let lines = texts("S: one\nT: two\n");
        assert_eq!(
            lines,
            vec![
                (LineKind::Text, "S: one".to_owned(), 1),
                (LineKind::Text, "T: two".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn headings_inside_closed_fences_are_code() {
        let lines = texts("```\n# not a heading\n```\n# real\n");
        assert_eq!(lines[0], (LineKind::Code, "# not a heading".to_owned(), 2));
        assert_eq!(lines[1], (LineKind::Heading(1), "real".to_owned(), 4));
    }

    #[test]
    fn an_unclosed_fence_is_closed_before_the_next_label_without_shifting_lines() {
        let lines = texts("**Action:**\n```sh\nmake\n**Result:** done\n");
        assert_eq!(lines[1], (LineKind::Code, "make".to_owned(), 3));
        assert_eq!(lines[2], (LineKind::Text, "Result: done".to_owned(), 4));
    }

    #[test]
    fn leading_bold_span_is_recorded() {
        let lines = extract("**Situation**: text here\n");
        assert_eq!(lines[0].text, "Situation: text here");
        assert_eq!(lines[0].lead_emphasis_end, Some("Situation".len()));
    }

    #[test]
    fn list_items_carry_their_markers_and_depth() {
        let lines = extract("3. first\n4. second\n   - nested\n");
        let marks: Vec<_> = lines.iter().map(|l| (l.item.clone(), l.depth)).collect();
        assert_eq!(
            marks,
            vec![
                (Some("3.".to_owned()), 1),
                (Some("4.".to_owned()), 1),
                (Some("-".to_owned()), 2)
            ]
        );
    }

    #[test]
    fn highlights_keep_their_words_and_footnote_references_go() {
        assert_eq!(
            strip_note_marks("kept ==the relationship==, a mediator[^2]."),
            "kept the relationship, a mediator."
        );
        assert_eq!(
            strip_note_marks("if a == b and x[^y] z"),
            "if a == b and x z"
        );
        assert_eq!(strip_note_marks("== not a mark"), "== not a mark");
    }

    #[test]
    fn table_rows_are_joined_with_pipes() {
        let lines = texts("| a | b |\n|---|---|\n| 1 | 2 |\n");
        let rows: Vec<_> = lines.into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(rows, vec!["a | b", "1 | 2"]);
    }

    #[test]
    fn stray_double_asterisks_are_removed() {
        assert_eq!(strip_stray_markers("a**b*c"), "ab*c");
    }
}
