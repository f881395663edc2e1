//! Stories exported as JSON (or YAML) by a note app, a board or a prep
//! website: an array of objects (at the top or under a key such as
//! `"stories"` or `"cards"`), one per story,
//! with fields named after the parts (`"situation"` or `"context"`,
//! `"what_i_did"`, `"outcome"`), a title, tags and questions. Each object
//! is rewritten as a Markdown section: `## Title`, then `**Field:** text`
//! for each text field (the part labels read them), `Tags:` and
//! `Questions:` lines, in story order; ids, dates and flags are left out,
//! and so are archived objects (`"closed": true`, as a Trello card is). A
//! Trello board keeps a card's checklists beside the cards (`"idCard"`):
//! the items of a checklist named for questions are that card's questions.
//! Every line of a section points at the line of the object's title in the
//! file.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{collapse, LineWriter, Rewritten};

/// Keys that name the story.
const TITLE_KEYS: &[&str] = &[
    "title",
    "name",
    "heading",
    "headline",
    "subject",
    "story_title",
];

/// Keys of list or text fields that are labels on the story.
const TAG_KEYS: &[&str] = &[
    "tags",
    "competencies",
    "competency",
    "labels",
    "categories",
    "category",
    "skills",
    "themes",
    "principles",
    "leadership_principles",
];

/// Keys of the questions a story answers.
const QUESTION_KEYS: &[&str] = &[
    "questions",
    "question",
    "prompts",
    "prompt",
    "asked",
    "asked_as",
    "likely_questions",
];

/// Keys whose text is the whole story, labels and all.
const BODY_KEYS: &[&str] = &[
    "body",
    "text",
    "content",
    "story",
    "markdown",
    "answer",
    "desc",
    "description",
];

/// Flags of an object that was archived or deleted in its app.
const GONE_KEYS: &[&str] = &["closed", "archived", "deleted", "trashed"];

/// Keys that are bookkeeping, not story text.
const SKIPPED_KEYS: &[&str] = &[
    // Day One keeps its text twice (`richText` is the styled copy), and
    // where and on what it was written.
    "richtext",
    "weather",
    "useractivity",
    "photos",
    "videos",
    "audios",
    "pdfattachments",
    "id",
    "uuid",
    "guid",
    "url",
    "link",
    "slug",
    "created",
    "created_at",
    "createdat",
    "updated",
    "updated_at",
    "updatedat",
    "modified",
    "modified_at",
    "date",
    "timestamp",
    "starred",
    "favourite",
    "favorite",
    "pinned",
    "version",
    "order",
    "position",
    "color",
    "colour",
    "type",
    "status",
    "owner",
    "author",
    "user",
    "user_id",
    "source",
    "pos",
    "due",
    "start",
    "email",
];

/// A field that is the app's bookkeeping, not story text: a listed key,
/// a reference to other objects (`idBoard`, `idLabels`), a link or date
/// (`shortUrl`, `dateLastActivity`), or a single token (an id, a date, a
/// colour) under a key that names no part of a story.
fn bookkeeping(key: &str, value: &Value) -> bool {
    let lower = key.to_lowercase();
    if SKIPPED_KEYS.contains(&lower.as_str()) {
        return true;
    }
    let reference = key
        .strip_prefix("id")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase() || c == '_'));
    // Day One's place: an object (a `"location"` in words may be a story's).
    if lower == "location" && value.is_object() {
        return true;
    }
    if reference
        || lower.starts_with("short")
        || lower.starts_with("date")
        || lower.starts_with("creation")
        || lower.starts_with("modified")
        || lower.ends_with("url")
    {
        return true;
    }
    let named_part = rank(key) != 6;
    !named_part
        && strings(value)
            .iter()
            .all(|s| !s.trim().contains(char::is_whitespace))
}

/// The rewritten document; `None` unless the file is JSON (or, for a
/// `.yaml` / `.yml` file, YAML) holding an array of objects with text
/// fields.
pub(crate) fn rewrite(file_name: &str, text: &str) -> Option<Rewritten> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let value: Value = if trimmed.starts_with(['[', '{']) {
        serde_json::from_str(trimmed).ok()?
    } else {
        let lower = file_name.to_lowercase();
        if !(lower.ends_with(".yaml") || lower.ends_with(".yml")) {
            return None;
        }
        crate::corpus::parse_yaml_str(file_name, trimmed).ok()?
    };
    if let Some(notebook) = notebook(text, &value) {
        return Some(notebook);
    }
    let stories: Vec<&Map<String, Value>> = story_array(&value, 0)?
        .into_iter()
        .filter(|o| {
            !GONE_KEYS
                .iter()
                .any(|k| field(o, k) == Some(&Value::Bool(true)))
        })
        // An eval question file (`question`, `best`, `ok`) is no story.
        .filter(|o| !(o.contains_key("question") && o.contains_key("best")))
        .collect();
    if stories.is_empty() {
        return None;
    }
    let checklists = checklist_questions(&value);
    let mut out = LineWriter::with_capacity(text.len());
    let mut search_from = 0;
    let mut counted = (0usize, 1usize);
    for object in stories {
        let title = TITLE_KEYS
            .iter()
            .find_map(|k| field(object, k).and_then(Value::as_str))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        // A body that opens with its own heading is titled by it.
        let headed = body_heading(object).filter(|_| title.is_none());
        // An object with no words at all (a canvas group) is no story.
        if title.is_none() && headed.is_none() && strings_in(object).is_empty() {
            continue;
        }
        if let Some(t) = title.or(headed) {
            find_title(text, t, &mut search_from);
        }
        let line = line_at(text, search_from, &mut counted);
        out.line("", line);
        if headed.is_none() {
            out.line(&format!("## {}", title.unwrap_or("Untitled story")), line);
            out.line("", line);
        }
        // JSON objects keep no order here: the parts go in story order.
        let mut fields: Vec<(&String, &Value)> = object.iter().collect();
        fields.sort_by_key(|(key, _)| rank(key));
        for (key, value) in fields {
            let lower = key.to_lowercase();
            if TITLE_KEYS.contains(&lower.as_str()) || bookkeeping(key, value) {
                continue;
            }
            let items = strings(value);
            if items.is_empty() {
                continue;
            }
            if TAG_KEYS.contains(&lower.as_str()) {
                out.line(&format!("Tags: {}", items.join(", ")), line);
            } else if QUESTION_KEYS.contains(&lower.as_str()) {
                out.line("Questions:", line);
                for q in items {
                    out.line(&format!("- {}", collapse(q)), line);
                }
            } else if BODY_KEYS.contains(&lower.as_str()) {
                for piece in items {
                    for text_line in piece.lines() {
                        out.line(text_line, line);
                    }
                }
            } else {
                let label = humanized(key);
                let joined = items.join(" ");
                let mut lines = joined.lines();
                let first = lines.next().unwrap_or_default();
                out.line(&format!("**{label}:** {first}"), line);
                for more in lines {
                    out.line(more, line);
                }
            }
            out.line("", line);
        }
        let asked = field(object, "id")
            .and_then(Value::as_str)
            .and_then(|id| checklists.get(id));
        if let Some(asked) = asked.filter(|a| !a.is_empty()) {
            out.line("Questions:", line);
            for q in asked {
                out.line(&format!("- {}", collapse(q)), line);
            }
            out.line("", line);
        }
    }
    Some(out.finish(false))
}

/// Where a field goes in its section: the whole-story text, then the
/// parts in STAR order, then other text, labels and questions.
fn rank(key: &str) -> u8 {
    let lower = key.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if BODY_KEYS.contains(&lower.as_str()) {
        0
    } else if has(&["situation", "context", "background", "setting"]) {
        1
    } else if has(&["task", "goal", "objective", "challenge", "problem"]) {
        2
    } else if has(&["action", "did", "approach", "steps"]) {
        3
    } else if has(&["result", "outcome", "impact"]) {
        4
    } else if has(&["learn", "lesson", "reflection"]) {
        5
    } else if TAG_KEYS.contains(&lower.as_str()) {
        7
    } else if QUESTION_KEYS.contains(&lower.as_str()) {
        8
    } else {
        6
    }
}

/// The array of story objects: the value itself, or the first array of
/// story objects under one of its keys (two levels at most). An object
/// that holds such an array is its container (a board with its cards),
/// even when it has a name and a description of its own.
fn story_array(value: &Value, depth: usize) -> Option<Vec<&Map<String, Value>>> {
    match value {
        Value::Array(items) => {
            let objects: Vec<&Map<String, Value>> =
                items.iter().filter_map(Value::as_object).collect();
            (!objects.is_empty() && objects.iter().any(|o| has_text(o))).then_some(objects)
        }
        Value::Object(map) if depth < 2 => {
            // Cards under a board: objects with titles of their own (the
            // comments under one story are not stories).
            // Titled objects first; then objects whose body opens with a
            // heading (Day One entries, canvas cards).
            let arrays: Vec<Vec<&Map<String, Value>>> = map
                .values()
                .filter_map(|v| story_array(v, depth + 1))
                .collect();
            let titled = arrays
                .iter()
                .position(|objects| objects.iter().any(|o| has_title(o)))
                .or_else(|| {
                    arrays
                        .iter()
                        .position(|objects| objects.iter().any(|o| body_heading(o).is_some()))
                });
            if let Some(at) = titled {
                return arrays.into_iter().nth(at);
            }
            (has_text(map) && has_title(map)).then(|| vec![map])
        }
        _ => None,
    }
}

/// A Jupyter notebook (`"cells"` and `"nbformat"`): the Markdown of its
/// Markdown cells, one after another with a blank line between, each line
/// pointing at its line in the file; code cells and their output are left
/// out.
fn notebook(text: &str, value: &Value) -> Option<Rewritten> {
    let root = value.as_object()?;
    root.get("nbformat")?;
    let cells = root.get("cells")?.as_array()?;
    let mut out = LineWriter::with_capacity(text.len());
    let mut search_from = 0;
    let mut counted = (0usize, 1usize);
    for cell in cells.iter().filter_map(Value::as_object) {
        if cell.get("cell_type").and_then(Value::as_str) != Some("markdown") {
            continue;
        }
        let source: String = match cell.get("source") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(pieces)) => pieces.iter().filter_map(Value::as_str).collect(),
            _ => continue,
        };
        // After one line is not found as written (`\u2019` escapes, a
        // cell kept as one string), the cell's other lines take the last
        // line found: one scan of the file at most per cell.
        let mut lost = false;
        for piece in source.split('\n') {
            // The line's JSON string, as the file writes it.
            let escaped = serde_json::to_string(piece).unwrap_or_default();
            let needle = escaped.trim_end_matches('"');
            if !lost {
                match text.get(search_from..).and_then(|rest| rest.find(needle)) {
                    Some(at) => search_from += at,
                    None => lost = true,
                }
            }
            let line = line_at(text, search_from, &mut counted);
            out.line(piece, line);
        }
        out.line("", line_at(text, search_from, &mut counted));
    }
    Some(out.finish(false))
}

/// Trello keeps checklists beside the cards: card id -> the items of its
/// checklists named for questions ("Likely questions").
fn checklist_questions(root: &Value) -> HashMap<&str, Vec<&str>> {
    let mut by_card: HashMap<&str, Vec<&str>> = HashMap::new();
    let lists = root
        .as_object()
        .and_then(|m| field(m, "checklists"))
        .and_then(Value::as_array);
    for list in lists.into_iter().flatten().filter_map(Value::as_object) {
        let named_for_questions = field(list, "name")
            .and_then(Value::as_str)
            .is_some_and(|n| n.to_lowercase().contains("question"));
        let card = field(list, "idCard").and_then(Value::as_str);
        let (true, Some(card)) = (named_for_questions, card) else {
            continue;
        };
        let items = field(list, "checkItems").map(strings).unwrap_or_default();
        by_card.entry(card).or_default().extend(items);
    }
    by_card
}

fn has_title(map: &Map<String, Value>) -> bool {
    TITLE_KEYS.iter().any(|k| field(map, k).is_some())
}

/// The heading a body field opens with (`"text": "# Title\n\n..."`, as
/// Day One entries and Obsidian canvas cards keep their Markdown).
fn body_heading(map: &Map<String, Value>) -> Option<&str> {
    BODY_KEYS.iter().find_map(|k| {
        let body = field(map, k)?.as_str()?;
        let first = body.lines().find(|l| !l.trim().is_empty())?.trim();
        let heading = first.trim_start_matches('#');
        let level = first.len() - heading.len();
        ((1..=6).contains(&level) && heading.starts_with(' ')).then(|| heading.trim())
    })
}

/// The string values of an object's fields (not of nested objects).
fn strings_in(map: &Map<String, Value>) -> Vec<&str> {
    map.values()
        .filter_map(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// An object with a text field of five words or more.
fn has_text(map: &Map<String, Value>) -> bool {
    map.values()
        .filter(|v| {
            v.as_str()
                .is_some_and(|s| s.split_whitespace().count() >= 5)
        })
        .count()
        >= 1
}

fn field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// A field's non-empty strings: the string itself, or those of a list
/// (of an object in the list, its name: Trello's labels and checklist
/// items are `{"name": ...}`).
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|item| match item {
                Value::Object(map) => TITLE_KEYS
                    .iter()
                    .find_map(|k| field(map, k))
                    .and_then(non_empty),
                other => non_empty(other),
            })
            .collect(),
        other => non_empty(other).into_iter().collect(),
    }
}

fn non_empty(value: &Value) -> Option<&str> {
    value.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// `what_i_did` -> `What I did`, `lessonsLearned` -> `Lessons learned`.
fn humanized(key: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in key.chars() {
        if c == '_' || c == '-' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut label = words
        .iter()
        .map(|w| if w == "i" { "I".to_string() } else { w.clone() })
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(first) = label.get(..1) {
        label = first.to_uppercase() + &label[1..];
    }
    label
}

/// Moves `from` to the next `"title"` in the file (as JSON writes it, or
/// as written), if there is one.
fn find_title(text: &str, title: &str, from: &mut usize) {
    let Some(rest) = text.get(*from..) else {
        return;
    };
    let escaped = serde_json::to_string(title).unwrap_or_default();
    if let Some(at) = rest.find(&escaped).or_else(|| rest.find(title)) {
        *from += at;
    }
}

/// The 1-based line of byte `at`, counting on from the last call's
/// `(byte, line)` so that a file is counted through once.
fn line_at(text: &str, at: usize, counted: &mut (usize, usize)) -> usize {
    let at = at.min(text.len());
    if at > counted.0 {
        counted.1 += text.as_bytes()[counted.0..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted.0 = at;
    }
    counted.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_object_becomes_a_section_with_labelled_fields() {
        let json = r#"{"stories": [
  {"id": "x1", "title": "Visa change", "created_at": "2024",
   "context": "Rules changed overnight for 340 students.",
   "what_i_did": "I wrote an FAQ and set up a shared inbox.",
   "outcome": null, "tags": ["ambiguity"], "questions": ["Act without guidance?"]}
]}"#;
        let (text, lines) = rewrite("stories.json", json).unwrap();
        assert_eq!(
            text,
            "\n## Visa change\n\n**Context:** Rules changed overnight for 340 students.\n\n**What I did:** I wrote an FAQ and set up a shared inbox.\n\nTags: ambiguity\n\nQuestions:\n- Act without guidance?\n\n"
        );
        assert!(lines.iter().all(|&l| l == 2), "{lines:?}");
    }

    #[test]
    fn a_body_field_is_kept_as_written() {
        let json = r#"[{"title": "Closing early", "body": "SITUATION: We were full.\nACTION: I pulled the numbers and asked for a 1:1."}]"#;
        let (text, _) = rewrite("stories.json", json).unwrap();
        assert!(
            text.contains("\nSITUATION: We were full.\nACTION: I pulled"),
            "{text}"
        );
    }

    #[test]
    fn a_trello_board_gives_its_open_cards_with_labels_and_question_checklists() {
        let json = r#"{"id": "b1", "name": "Job hunt board", "desc": "Everything for the spring applications, keep it tidy.",
  "cards": [
    {"id": "c1", "name": "The flooded basement", "closed": false, "idBoard": "b1", "idLabels": ["l1"],
     "dateLastActivity": "2024-04-05T07:48:00.000Z", "shortUrl": "https://trello.com/c/Xy12", "pos": 16384, "due": null,
     "desc": "**S:** Rain got into the archive basement overnight.\n**A:** I moved the boxes and called the insurer.",
     "labels": [{"id": "l1", "name": "crisis", "color": "red"}]},
    {"id": "c2", "name": "Old idea", "closed": true, "desc": "An archived card that should stay archived for good."}
  ],
  "checklists": [
    {"id": "k1", "idCard": "c1", "name": "Likely questions", "checkItems": [{"name": "Tell me about a crisis."}]},
    {"id": "k2", "idCard": "c1", "name": "To do", "checkItems": [{"name": "Print the photos"}]}
  ]}"#;
        let (text, _) = rewrite("board.json", json).unwrap();
        assert_eq!(
            text,
            "\n## The flooded basement\n\n**S:** Rain got into the archive basement overnight.\n**A:** I moved the boxes and called the insurer.\n\nTags: crisis\n\nQuestions:\n- Tell me about a crisis.\n\n"
        );
    }

    #[test]
    fn a_yaml_export_with_its_own_keys_is_read_like_json() {
        let yaml = "# exported by an app\nstories:\n  - name: The stuck lift\n    context: A lift stopped between floors with six visitors inside.\n    what_i_did: I talked to them on the intercom until the engineer came.\n    asked_as: [Stay calm under pressure?]\ntodo:\n  - rehearse twice\n";
        let (text, lines) = rewrite("bank.yaml", yaml).unwrap();
        assert_eq!(
            text,
            "\n## The stuck lift\n\n**Context:** A lift stopped between floors with six visitors inside.\n\n**What I did:** I talked to them on the intercom until the engineer came.\n\nQuestions:\n- Stay calm under pressure?\n\n"
        );
        assert_eq!(lines[1], 3, "the title's line in the file");
        // Not for other files, nor for YAML that holds no stories.
        assert!(rewrite("bank.md", yaml).is_none());
        assert!(rewrite("list.yaml", "- one\n- two\n").is_none());
        assert!(rewrite("bad.yaml", "key: [unclosed").is_none());
    }

    #[test]
    fn a_notebook_gives_its_markdown_cells() {
        let nb = r###"{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Prep\n", "Panel at 10."]},
  {"cell_type": "code", "metadata": {}, "source": ["len(words)"], "outputs": [{"text": ["412"]}]},
  {"cell_type": "markdown", "metadata": {},
   "source": ["## The wrong dose\n", "\n", "**Situation:** A dog was given twice the dose.\n", "**Action:** I called the vet."]}
 ],
 "metadata": {}, "nbformat": 4, "nbformat_minor": 5
}"###;
        let (text, lines) = rewrite("prep.ipynb", nb).unwrap();
        assert_eq!(
            text,
            "# Prep\nPanel at 10.\n\n## The wrong dose\n\n**Situation:** A dog was given twice the dose.\n**Action:** I called the vet.\n\n"
        );
        assert_eq!(&lines[..2], [3, 3]);
        assert_eq!(lines[3], 6, "{lines:?}");
    }

    #[test]
    fn one_story_with_comments_under_it_is_that_story() {
        let json = r#"{"title": "Outage", "situation": "The site went down on Black Friday for two hours.",
  "comments": [{"text": "Add the revenue numbers to this one"}]}"#;
        let (text, _) = rewrite("story.json", json).unwrap();
        assert!(
            text.starts_with("\n## Outage\n\n**Situation:** The site went down"),
            "{text}"
        );
    }

    #[test]
    fn a_question_file_or_a_story_file_is_not_taken_for_an_export() {
        let questions = "- question: Tell me about a failure.\n  best: [outage]\n  split: tune\n";
        assert!(rewrite("questions.yaml", questions).is_none());
        let story = "id: outage\ntitle: Outage\nsituation: The site went down for two hours.\nsource: notes.md:12\n";
        let (text, _) = rewrite("outage.yaml", story).unwrap();
        assert!(!text.contains("notes.md"), "{text}");
    }

    #[test]
    fn other_text_is_not_json_stories() {
        assert!(rewrite("notes.md", "[link](http://x) and prose").is_none());
        assert!(rewrite("a.json", "[1, 2, 3]").is_none());
        assert!(rewrite("a.json", r#"{"a": 1}"#).is_none());
    }
}
