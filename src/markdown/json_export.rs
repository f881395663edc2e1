//! Stories exported as JSON by a note app or a prep website: an array of
//! objects (at the top or under a key such as `"stories"`), one per story,
//! with fields named after the parts (`"situation"` or `"context"`,
//! `"what_i_did"`, `"outcome"`), a title, tags and questions. Each object
//! is rewritten as a Markdown section: `## Title`, then `**Field:** text`
//! for each text field (the part labels read them), `Tags:` and
//! `Questions:` lines, in story order; ids, dates and flags are left out. Every line of a
//! section points at the line of the object's title in the file.

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
const QUESTION_KEYS: &[&str] = &["questions", "question", "prompts", "prompt", "asked"];

/// Keys whose text is the whole story, labels and all.
const BODY_KEYS: &[&str] = &["body", "text", "content", "story", "markdown", "answer"];

/// Keys that are bookkeeping, not story text.
const SKIPPED_KEYS: &[&str] = &[
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
    "archived",
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
];

/// The rewritten document; `None` unless the file is JSON holding an
/// array of objects with text fields.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with(['[', '{']) {
        return None;
    }
    let value: Value = serde_json::from_str(trimmed).ok()?;
    let stories = story_array(&value, 0)?;
    let mut out = LineWriter::with_capacity(text.len());
    let mut search_from = 0;
    let mut counted = (0usize, 1usize);
    for object in stories {
        let title = TITLE_KEYS
            .iter()
            .find_map(|k| field(object, k).and_then(Value::as_str))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        if let Some(t) = title {
            find_title(text, t, &mut search_from);
        }
        let line = line_at(text, search_from, &mut counted);
        out.line("", line);
        out.line(&format!("## {}", title.unwrap_or("Untitled story")), line);
        out.line("", line);
        // JSON objects keep no order here: the parts go in story order.
        let mut fields: Vec<(&String, &Value)> = object.iter().collect();
        fields.sort_by_key(|(key, _)| rank(key));
        for (key, value) in fields {
            let lower = key.to_lowercase();
            if TITLE_KEYS.contains(&lower.as_str()) || SKIPPED_KEYS.contains(&lower.as_str()) {
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
/// objects under one of its keys (two levels at most).
fn story_array(value: &Value, depth: usize) -> Option<Vec<&Map<String, Value>>> {
    match value {
        Value::Array(items) => {
            let objects: Vec<&Map<String, Value>> =
                items.iter().filter_map(Value::as_object).collect();
            (!objects.is_empty() && objects.iter().any(|o| has_text(o))).then_some(objects)
        }
        Value::Object(map) if depth < 2 => {
            if has_text(map) && TITLE_KEYS.iter().any(|k| map.contains_key(*k)) {
                return Some(vec![map]);
            }
            map.values().find_map(|v| story_array(v, depth + 1))
        }
        _ => None,
    }
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

/// A field's non-empty strings: the string itself, or those of a list.
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::Array(items) => items.iter().filter_map(non_empty).collect(),
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
        let (text, lines) = rewrite(json).unwrap();
        assert_eq!(
            text,
            "\n## Visa change\n\n**Context:** Rules changed overnight for 340 students.\n\n**What I did:** I wrote an FAQ and set up a shared inbox.\n\nTags: ambiguity\n\nQuestions:\n- Act without guidance?\n\n"
        );
        assert!(lines.iter().all(|&l| l == 2), "{lines:?}");
    }

    #[test]
    fn a_body_field_is_kept_as_written() {
        let json = r#"[{"title": "Closing early", "body": "SITUATION: We were full.\nACTION: I pulled the numbers and asked for a 1:1."}]"#;
        let (text, _) = rewrite(json).unwrap();
        assert!(
            text.contains("\nSITUATION: We were full.\nACTION: I pulled"),
            "{text}"
        );
    }

    #[test]
    fn other_text_is_not_json_stories() {
        assert!(rewrite("[link](http://x) and prose").is_none());
        assert!(rewrite("[1, 2, 3]").is_none());
        assert!(rewrite(r#"{"a": 1}"#).is_none());
    }
}
