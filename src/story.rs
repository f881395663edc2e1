//! The STAR story model and the validation of one story.
//!
//! A story is what a user tells in an interview: a Situation, the Task they
//! owned, the Actions they took and the Result. Everything else (competencies,
//! tags, the questions it answers) helps starmatch find it.

use serde::{Deserialize, Serialize};

/// One STAR story, as stored in `corpus/stories/<id>.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// Kebab-case identifier; defaults to the file stem when absent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Interview questions this story answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// The four STAR parts. Real notes often lack one (no separate Task,
    /// no Result yet), so a part may be absent or blank, as long as at least
    /// [`MIN_STAR_PARTS`] of them have text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub situation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub task: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub result: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning: Option<String>,
    /// Where the story came from, e.g. `notes.md:12` for an imported story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A problem with one story's content (the file parsed, but the story is not usable).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoryProblem {
    #[error(
        "`title` is empty: give the story a short title, e.g. `title: Cutting checkout latency`"
    )]
    EmptyTitle,
    #[error("{}: a story needs at least two of situation, task, action and result: write the missing parts (`TBD`, `-` or `???` alone counts as missing)", have_text(.0))]
    TooFewParts(Vec<&'static str>),
    #[error("id `{0}` is not kebab-case: use lowercase letters, digits and single dashes, e.g. `missed-deadline-2023`")]
    BadId(String),
    /// The story has no `id:` and its file name is no id.
    #[error("the story has no `id:`, so its id comes from the file name, and `{stem}` is not kebab-case: rename the file to `{suggestion}.yaml` or add `id: {suggestion}`")]
    BadFileName { stem: String, suggestion: String },
    #[error("`{field}` has an empty entry at position {index}: remove it")]
    EmptyListEntry { field: &'static str, index: usize },
}

/// How many of the four STAR parts a story must have text in.
pub const MIN_STAR_PARTS: usize = 2;

fn have_text(filled: &[&str]) -> String {
    match filled {
        [] => "no STAR part has text".to_owned(),
        [one] => format!("only `{one}` has text"),
        _ => format!(
            "only {} have text",
            filled
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    }
}

impl Story {
    /// Checks the content rules that serde cannot express.
    pub fn validate(&self) -> Result<(), StoryProblem> {
        if !is_kebab_case(&self.id) {
            return Err(StoryProblem::BadId(self.id.clone()));
        }
        if self.title.trim().is_empty() {
            return Err(StoryProblem::EmptyTitle);
        }
        let filled: Vec<&'static str> = self
            .star_parts()
            .iter()
            .filter(|(_, text)| !is_missing(text))
            .map(|&(name, _)| name)
            .collect();
        if filled.len() < MIN_STAR_PARTS {
            return Err(StoryProblem::TooFewParts(filled));
        }
        for (field, list) in [
            ("competencies", &self.competencies),
            ("tags", &self.tags),
            ("questions", &self.questions),
        ] {
            if let Some(index) = list.iter().position(|s| s.trim().is_empty()) {
                return Err(StoryProblem::EmptyListEntry {
                    field,
                    index: index + 1,
                });
            }
        }
        Ok(())
    }

    /// All the story's prose, in reading order (used for snippets and the baseline).
    pub fn star_parts(&self) -> [(&'static str, &str); 4] {
        [
            ("situation", &self.situation),
            ("task", &self.task),
            ("action", &self.action),
            ("result", &self.result),
        ]
    }
}

/// Whether a STAR part has no text: blank, or only a placeholder such as
/// `TBD`, `-` or `???` (as `import` reads notes).
pub fn is_missing(text: &str) -> bool {
    let text = text.trim();
    if !text.chars().any(char::is_alphanumeric) {
        return true;
    }
    let word = text
        .trim_end_matches(['.', '!', '?', ':'])
        .to_ascii_lowercase();
    matches!(word.as_str(), "tbd" | "tbc" | "todo" | "n/a" | "wip")
}

/// `true` for ids like `missed-deadline-2023`: lowercase ASCII letters and
/// digits in words joined by single dashes.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Words of a title kept in the id of an imported story.
pub const ID_WORDS: usize = 8;

/// Turns any title into a kebab-case id: `"Fixing the 2am Outage!"` -> `fixing-the-2am-outage`.
/// Accented Latin letters lose their accents (`Día` -> `dia`), other
/// non-ASCII letters are dropped; at most `max_words` words are kept.
pub fn slugify(title: &str, max_words: usize) -> String {
    ascii_slug(&fold_latin(title), max_words)
}

/// The id releases before accent folding gave a title (`Día` -> `d-a`),
/// so that importing the same notes again finds the stories it wrote then.
pub fn legacy_slugify(title: &str, max_words: usize) -> String {
    ascii_slug(title, max_words)
}

fn ascii_slug(title: &str, max_words: usize) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(max_words)
        .map(|w| w.to_ascii_lowercase())
        .collect();
    if words.is_empty() {
        "story".to_string()
    } else {
        words.join("-")
    }
}

/// Latin letters with accents as their plain letters (`Día` as `Dia`,
/// `Maßnahme` as `Massnahme`), so ids stay readable.
fn fold_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let plain = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' | 'ľ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accented_letters() {
        assert_eq!(
            slugify("Día de nieve – Maßnahme für Zoë", 8),
            "dia-de-nieve-massnahme-fur-zoe"
        );
        assert_eq!(slugify("Crème brûlée 🍮", 8), "creme-brulee");
    }

    fn sample() -> Story {
        Story {
            id: "late-launch".into(),
            title: "A late launch".into(),
            situation: "s".into(),
            task: "t".into(),
            action: "a".into(),
            result: "r".into(),
            ..Story::default()
        }
    }

    #[test]
    fn a_complete_story_is_valid() {
        assert_eq!(sample().validate(), Ok(()));
    }

    #[test]
    fn a_story_may_lack_some_parts_but_not_three() {
        let no_task = Story {
            task: "  \n".into(),
            ..sample()
        };
        assert_eq!(no_task.validate(), Ok(()));
        let two = Story {
            task: String::new(),
            result: String::new(),
            ..sample()
        };
        assert_eq!(two.validate(), Ok(()));
        let one = Story {
            situation: String::new(),
            task: String::new(),
            result: " ".into(),
            ..sample()
        };
        assert_eq!(
            one.validate(),
            Err(StoryProblem::TooFewParts(vec!["action"]))
        );
        assert_eq!(
            one.validate().unwrap_err().to_string(),
            "only `action` has text: a story needs at least two of situation, task, action and result: write the missing parts (`TBD`, `-` or `???` alone counts as missing)"
        );
    }

    #[test]
    fn placeholder_parts_count_as_missing() {
        for placeholder in ["-", "???", "TBD", "tbd.", "TODO", "n/a", "…"] {
            assert!(is_missing(placeholder), "{placeholder}");
        }
        for text in ["I did it.", "TBD: we shipped 40%", "5", "No."] {
            assert!(!is_missing(text), "{text}");
        }
        let placeholders = Story {
            situation: "-".into(),
            task: "TBD".into(),
            result: "???".into(),
            ..sample()
        };
        assert_eq!(
            placeholders.validate(),
            Err(StoryProblem::TooFewParts(vec!["action"]))
        );
    }

    #[test]
    fn a_blank_title_is_reported_by_name() {
        let story = Story {
            title: "  \n".into(),
            ..sample()
        };
        assert_eq!(story.validate(), Err(StoryProblem::EmptyTitle));
    }

    #[test]
    fn ids_must_be_kebab_case() {
        assert!(is_kebab_case("late-launch-2"));
        assert!(!is_kebab_case("Late_Launch"));
        assert!(!is_kebab_case("late--launch"));
        assert!(!is_kebab_case("-late"));
        assert!(!is_kebab_case(""));
    }

    #[test]
    fn slugify_keeps_words_and_drops_punctuation() {
        assert_eq!(
            slugify("Fixing the 2am Outage!", 8),
            "fixing-the-2am-outage"
        );
        assert_eq!(slugify("  ***  ", 8), "story");
        assert_eq!(slugify("one two three four", 2), "one-two");
    }
}
