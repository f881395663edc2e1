//! Grouping the document's lines into stories, and reporting what is not one.
//!
//! One pass walks the lines with a heading stack, building a draft story from
//! the first STAR label until a story boundary; a second pass, once every
//! draft is known, decides titles, questions and competencies (a heading
//! over one story is its title, a heading over several is a competency) and
//! applies question-to-story mapping lists.

use std::collections::{HashMap, HashSet};

use super::blocks::{Joiner, Line, LineKind};
use super::labels::{self, Mapping, MetaKind, Part, PrefixKind, Target};
use super::{collapse, ImportedStory, SkippedSection};
use crate::story::{slugify, Story, ID_WORDS, MIN_STAR_PARTS};

/// Deepest list nesting shown as indentation in a story's text.
const MAX_INDENT: usize = 6;

/// Questions carried from question lines into the next stories; real notes
/// have a handful, and the cap keeps a hostile document linear.
const MAX_PENDING_QUESTIONS: usize = 16;

/// Budget of fuzzy title comparisons for mapping lines, so a huge hostile
/// document cannot make the mapping step quadratic.
const TITLE_MATCH_BUDGET: usize = 1_000_000;

type Number = Option<(PrefixKind, u32)>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum HeadingClass {
    Empty,
    Story {
        number: Number,
        title: String,
        /// The question a `Tell me about a time you failed — the Route53
        /// delete` heading asks before naming its story.
        asked: Option<String>,
    },
    Question {
        number: Number,
        question: String,
    },
    /// A container heading that names competencies (`Ownership Stories`).
    Competency(Vec<String>),
    /// Tips, definitions, `Example Response`: never a title or competency.
    Generic,
    /// Anything else: a story title or a competency, depending on how many
    /// stories sit under it.
    Plain(String),
    /// `30-second version`, `Full version`: one telling of the story it
    /// sits under (see [`pick_versions`]).
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    Heading {
        level: u8,
        class: HeadingClass,
        /// Obsidian tags on the heading (`#collaboration`).
        tags: Vec<String>,
    },
    Label {
        part: Part,
        rest: String,
        heading: Option<u8>,
        /// `Problem:`, `Solution:`: opens a story, never splits one.
        weak: bool,
        /// `S:`, `(S)`, `**S** -`: later one-letter labels on the same line
        /// split it (`S: ... T: ... A: ...`).
        one_letter: bool,
        /// `S - text`: see [`confirm_dashed_labels`].
        dashed: bool,
    },
    StoryStart {
        title: String,
        number: Number,
        /// Tags on the title line (`- Lead scoring #[[Influence]]`).
        tags: Vec<String>,
    },
    Question {
        text: String,
        prefixed: bool,
    },
    Mapping(Mapping),
    /// `Tags: a, b`, `Questions this answers:` (see [`labels::meta_line`]).
    Meta {
        kind: MetaKind,
        rest: String,
        strong: bool,
    },
    Content,
    Rule,
    /// A bare `A:` opening an answer told in paragraphs: no text of its own.
    Ignored,
    /// `Likely follow-ups:` under a story: the prepared answers after it
    /// are not the story's text.
    FollowUps,
    /// The heading of a telling of a story left out for another telling
    /// of it, and why; its lines are [`Role::Ignored`].
    Dropped(String),
}

/// Most words of the story's name after a question in a heading.
const MAX_NAME_AFTER_QUESTION: usize = 8;

/// `Tell me about a time you made a mistake — the Route53 delete`: a
/// question, a spaced dash, then the name of the story that answers it.
fn question_then_title(text: &str) -> Option<(String, String)> {
    let (at, dash) = [" \u{2014} ", " \u{2013} ", " - ", " -- "]
        .iter()
        .filter_map(|d| text.rfind(d).map(|at| (at, d.len())))
        .max_by_key(|&(at, _)| at)?;
    let (question, name) = (&text[..at], &text[at + dash..]);
    let name_words = name.split_whitespace().count();
    let asks = labels::is_question(question)
        && question.split_whitespace().count() >= 4
        && !question.trim_end().ends_with('?');
    let named = (1..=MAX_NAME_AFTER_QUESTION).contains(&name_words)
        && !labels::is_question(name)
        && !name.trim_end().ends_with('?');
    // `— the Route53 delete` names the story in a title's case.
    let title = labels::clean_title(name);
    let mut chars = title.chars();
    let title = match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => title,
    };
    (asks && named).then(|| (labels::clean_question(question), title))
}

fn classify_heading(text: &str) -> HeadingClass {
    // A lone letter that is no STAR label (`### H`, `### E` of SHARE, an
    // option) names nothing: what is under it stays where it is. (`## 1`
    // and `## Q` still divide stories.)
    let trimmed = text.trim();
    let lone_letter =
        trimmed.len() == 1 && trimmed != "Q" && trimmed.bytes().all(|b| b.is_ascii_alphabetic());
    if lone_letter || !text.chars().any(char::is_alphanumeric) {
        return HeadingClass::Empty;
    }
    if let Some(prefix) = labels::story_prefix(text) {
        let number = prefix.number.map(|n| (prefix.kind, n));
        if let Some((question, title)) = question_then_title(prefix.rest) {
            return HeadingClass::Story {
                number,
                title,
                asked: Some(question),
            };
        }
        if prefix.kind == PrefixKind::Question || labels::is_question(prefix.rest) {
            return if prefix.rest.is_empty() {
                HeadingClass::Generic
            } else {
                HeadingClass::Question {
                    number,
                    question: labels::clean_question(prefix.rest),
                }
            };
        }
        return HeadingClass::Story {
            number,
            title: labels::clean_title(prefix.rest),
            asked: None,
        };
    }
    if let Some((question, title)) = question_then_title(text) {
        return HeadingClass::Story {
            number: None,
            title,
            asked: Some(question),
        };
    }
    if labels::is_question(text) {
        return HeadingClass::Question {
            number: None,
            question: labels::clean_question(text),
        };
    }
    if labels::version_heading(text) {
        return HeadingClass::Version;
    }
    // `## 2024-03-02` over a log's entries: a section, not a title.
    if labels::is_date_heading(text) {
        return HeadingClass::Generic;
    }
    if labels::is_generic(text) {
        let competencies = labels::competencies(text);
        return if competencies.is_empty() {
            HeadingClass::Generic
        } else {
            HeadingClass::Competency(competencies)
        };
    }
    HeadingClass::Plain(labels::clean_title(text))
}

fn classify(line: &Line) -> Role {
    match line.kind {
        LineKind::Heading(level) => match labels::heading_label(&line.text) {
            Some((part, rest)) => Role::Label {
                part,
                rest,
                heading: Some(level),
                weak: false,
                one_letter: false,
                dashed: false,
            },
            None => {
                let (text, mut tags) = labels::split_hashtags(&line.text);
                let text = labels::without_framework_tag(&text);
                let text = labels::without_draft_marks(&text);
                let (text, bracketed) = labels::split_bracket_tags(&text);
                tags.extend(bracketed);
                // `### Flaky tests (biggest one - use for "impact" qs)`:
                // the note names competencies, the rest is the title.
                let (text, noted) = labels::split_use_note(&text);
                tags.extend(noted);
                // `# Dana Whitfield - EM loop prep` titles the document by
                // its writer; only a top-level title is read that way, so
                // `## Team Player - stories` still names a competency.
                let class = if level == 1 && labels::names_its_writer(&text) {
                    HeadingClass::Generic
                } else {
                    classify_heading(&text)
                };
                Role::Heading { level, class, tags }
            }
        },
        LineKind::Rule => Role::Rule,
        LineKind::Code => Role::Content,
        LineKind::Row => labels::table_mapping(&line.text)
            .or_else(|| labels::mapping(&line.text, true))
            .map_or(Role::Content, Role::Mapping),
        LineKind::Text => classify_text(line),
    }
}

fn classify_text(line: &Line) -> Role {
    let in_list = line.item.is_some();
    // `Follow-up questions to prepare for` on a line of its own in plain
    // text reads as the bold one does (a sentence is no heading).
    let standalone = !in_list
        && line.joiner == Joiner::Blank
        && !line.text.trim_end().ends_with(['.', '!', '?']);
    if labels::follow_ups_line(&line.text, line.is_all_emphasis() || standalone)
        || labels::commentary_line(&line.text)
    {
        return Role::FollowUps;
    }
    if labels::to_do_line(&line.text, line.joiner == Joiner::Space) {
        return Role::Ignored;
    }
    if let Some(mapping) = labels::mapping(&line.text, in_list || line.depth > 0) {
        return Role::Mapping(mapping);
    }
    if let Some(meta) = labels::meta_line(&line.text, line.lead_emphasis_end) {
        return Role::Meta {
            kind: meta.kind,
            rest: meta.rest.to_owned(),
            strong: meta.strong,
        };
    }
    let emphasised = line.is_all_emphasis();
    // `**Story title:** Getting IT on board`: the writer names the story.
    if let Some(title) = labels::story_title_field(&line.text) {
        return Role::StoryStart {
            title: labels::clean_title(title),
            number: None,
            tags: Vec::new(),
        };
    }
    if let Some(prefix) = labels::story_prefix(&line.text).filter(|p| !p.bare_star) {
        let number = prefix.number.map(|n| (prefix.kind, n));
        // A plain `- Story 1: ...` list is a table of contents, not a story;
        // `Story idea — the vendor move:` introduces one.
        let introduces = line.text.trim_end().ends_with(':');
        // `STORY 1 — Cert fail` or `EXAMPLE 2 – The wrong sling` on a line
        // of its own: numbered, a title.
        let numbered_line = number.is_some()
            && matches!(prefix.kind, PrefixKind::Story | PrefixKind::Example)
            && line.joiner == Joiner::Blank
            && labels::plainly_a_title_line(&line.text);
        let trusted = emphasised || (!in_list && (prefix.colon || introduces || numbered_line));
        match prefix.kind {
            PrefixKind::Question
                if !prefix.rest.is_empty() && (prefix.colon || number.is_some()) =>
            {
                return Role::Question {
                    text: labels::clean_question(prefix.rest),
                    prefixed: true,
                };
            }
            PrefixKind::Story if trusted => {
                return Role::StoryStart {
                    title: labels::clean_title(prefix.rest),
                    number,
                    tags: Vec::new(),
                };
            }
            PrefixKind::Example if trusted && number.is_some() => {
                return Role::StoryStart {
                    title: labels::clean_title(prefix.rest),
                    number,
                    tags: Vec::new(),
                };
            }
            _ => {}
        }
    }
    if let Some(label) = labels::line_label(&line.text, line.lead_emphasis_end, in_list) {
        // `**A:** **S:** For our new flow...`: the `A` opens an answer
        // (Q/A notes), and the story's first part follows on the line.
        // (Only a plain `S:` / `Situation:` label: `A: S. Patel and I...`
        // and `A: Problem - nobody...` are Actions.)
        let label = match labels::line_label(label.rest, None, false) {
            Some(inner)
                if label.part == Part::Action
                    && label.one_letter
                    && matches!(inner.part, Part::Situation | Part::Task)
                    && !inner.dashed
                    && !inner.weak
                    && label.rest.find(inner.rest).is_some_and(|at| {
                        label.rest[..at]
                            .trim_end()
                            .trim_end_matches('*')
                            .ends_with(':')
                    }) =>
            {
                inner
            }
            _ => label,
        };
        return Role::Label {
            part: label.part,
            rest: label.rest.to_owned(),
            heading: None,
            weak: label.weak,
            one_letter: label.one_letter,
            dashed: label.dashed,
        };
    }
    // `type:: story` under an outline's title: the outliner's bookkeeping.
    if labels::property_line(&line.text) {
        return Role::Ignored;
    }
    // After the labels: `#Situation` is a label, `#research #ambiguity` tags.
    if let Some(tags) = labels::tag_line(&line.text) {
        return Role::Meta {
            kind: MetaKind::Competencies,
            rest: tags,
            strong: true,
        };
    }
    // `_(ownership, bias for action)_` under a story tags it.
    if let Some(tags) = labels::bracketed_tag_list(&line.text) {
        return Role::Meta {
            kind: MetaKind::Competencies,
            rest: tags.replace('/', ","),
            strong: true,
        };
    }
    if let Some(tags) = labels::emphasised_tag_list(&line.text).filter(|_| emphasised) {
        return Role::Meta {
            kind: MetaKind::Competencies,
            rest: tags,
            strong: true,
        };
    }
    if emphasised && labels::is_question(&line.text) {
        return Role::Question {
            text: labels::clean_question(&line.text),
            prefixed: false,
        };
    }
    Role::Content
}

/// `- situation` alone in a list item, with the part's text in the items
/// nested under it or in paragraphs inside the item (a Notion toggle
/// exported as Markdown), labels that part, as in notes kept as an
/// outline. (A bare `- Action` item with nothing under it stays text.)
fn read_bare_list_labels(lines: &[Line], roles: &mut [Role]) {
    for i in 0..roles.len() {
        let line = &lines[i];
        let nested = lines.get(i + 1).is_some_and(|next| {
            next.depth > line.depth
                || (next.depth == line.depth
                    && next.item.is_none()
                    && next.kind == LineKind::Text
                    && next.joiner == Joiner::Blank)
        });
        if roles[i] != Role::Content
            || line.kind != LineKind::Text
            || line.item.is_none()
            || !nested
        {
            continue;
        }
        let item = |k: usize| {
            let other = &lines[k];
            other.kind == LineKind::Text && other.item.is_some() && other.depth == line.depth
        };
        // `- S` alone: a part's letter.
        let letter = |k: usize| {
            let text = lines[k].text.trim().trim_end_matches([':', '.', ')']);
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if item(k) => Part::from_letter(c),
                _ => None,
            }
        };
        // A letter is a label only among its siblings `- T`, `- A`: two
        // more parts as bare letters nearby.
        let siblings = |part: Part| {
            let near = i.saturating_sub(BARE_LETTER_SPAN)..(i + BARE_LETTER_SPAN).min(lines.len());
            let mut parts: Vec<Part> = near.filter_map(letter).collect();
            parts.retain(|&p| p != part);
            parts.sort_by_key(|p| p.index());
            parts.dedup();
            parts.len() >= 2
        };
        let label = labels::line_label(&line.text, line.lead_emphasis_end, false)
            .filter(|l| l.rest.is_empty() && !l.one_letter)
            .map(|l| (l.part, l.weak))
            .or_else(|| letter(i).filter(|&p| siblings(p)).map(|p| (p, false)));
        if let Some((part, weak)) = label {
            roles[i] = Role::Label {
                part,
                rest: String::new(),
                heading: None,
                weak,
                one_letter: false,
                dashed: false,
            };
        }
    }
}

/// Lines this close to a bare letter item (`- S`) are searched for its
/// siblings.
const BARE_LETTER_SPAN: usize = 40;

/// Lines this close to a dashed label are searched for its siblings.
const DASHED_RUN_LINES: usize = 8;

/// `S - text` is a label only in notes written that way: its own paragraph
/// goes on with `T - ...`, or a dashed label of another part is a few
/// lines away, and no `B - ` or `C - ` line nearby makes it a list of
/// options or a tier list. Otherwise the line is text.
fn confirm_dashed_labels(lines: &[Line], roles: &mut [Role]) {
    let dashed: Vec<(usize, Part)> = roles
        .iter()
        .enumerate()
        .filter_map(|(i, role)| match role {
            Role::Label {
                part, dashed: true, ..
            } => Some((i, *part)),
            _ => None,
        })
        .collect();
    for &(i, part) in &dashed {
        let Role::Label { rest, .. } = &roles[i] else {
            continue;
        };
        let paragraph = labels::inline_labels(rest, part, true, true).len() > 1;
        let from = i.saturating_sub(DASHED_RUN_LINES);
        let to = (i + DASHED_RUN_LINES + 1).min(lines.len());
        // The dashed labels within the run's reach (`dashed` is in line
        // order): a window, not every label of the document.
        let first = dashed.partition_point(|&(j, _)| j < from);
        let last = dashed.partition_point(|&(j, _)| j < to);
        let sibling = dashed[first..last].iter().any(|&(_, p)| p != part);
        let dotted: HashSet<char> = lines[from..to]
            .iter()
            .filter_map(|line| labels::dotted_option_letter(&line.text))
            .collect();
        let options = dotted.len() >= 2
            || lines[from..to]
                .iter()
                .any(|line| labels::opens_with_option_letter(&line.text));
        if options || !(paragraph || sibling) {
            roles[i] = Role::Content;
        }
    }
}

/// `Question: Describe a time you decided without all` and `the
/// information.` on the next line of the same paragraph (plain text wrapped
/// by hand): one question. A line that ends a sentence, or a next line
/// that is anything but plain text of the paragraph, ends it.
fn join_wrapped_questions(lines: &[Line], roles: &mut [Role]) {
    let ends = |text: &str| {
        text.trim_end_matches(['"', '\u{201d}', '\'', '*', '_'])
            .ends_with(['?', '.', '!'])
    };
    let mut i = 0;
    while i < roles.len() {
        let Role::Question {
            text,
            prefixed: true,
        } = &roles[i]
        else {
            i += 1;
            continue;
        };
        let mut joined = text.clone();
        let mut j = i + 1;
        // The next lines continue it while it has not ended and each goes
        // on in lower case (`the information.`), not as the answer's first
        // sentence (`We promised finance...`).
        while j < roles.len() && j - i <= MAX_WRAPPED_QUESTION_LINES && !ends(&joined) {
            let next = &lines[j];
            let wraps = roles[j] == Role::Content
                && next.kind == LineKind::Text
                && next.joiner == Joiner::Space
                && next.item.is_none()
                && (next.text.trim_start().starts_with(char::is_lowercase)
                    || (next.text.trim_end().ends_with('?')
                        && !opens_a_sentence(next.text.trim_start())));
            if !wraps {
                break;
            }
            joined = format!("{joined} {}", next.text.trim());
            roles[j] = Role::Ignored;
            j += 1;
        }
        if j > i + 1 {
            roles[i] = Role::Question {
                text: labels::clean_question(&joined),
                prefixed: true,
            };
        }
        i = j;
    }
}

/// `Should I use this one...?`, `What else...?`: a line that opens a
/// question or a sentence of its own, not the rest of the line above.
fn opens_a_sentence(text: &str) -> bool {
    let first = labels::words_lower(text).next().unwrap_or_default();
    matches!(
        first.as_str(),
        "i" | "should"
            | "what"
            | "how"
            | "why"
            | "is"
            | "do"
            | "does"
            | "can"
            | "could"
            | "would"
            | "will"
            | "did"
            | "which"
            | "who"
            | "when"
            | "where"
            | "maybe"
            | "or"
            | "also"
            | "note"
            | "todo"
    )
}

/// Most lines one question is wrapped over.
const MAX_WRAPPED_QUESTION_LINES: usize = 4;

/// A question line wrapped onto the next lines of its paragraph, as plain
/// text aligns them: `Questions:   "Tell me about a major incident"` over
/// `             "A time you decided with incomplete info"`. It continues
/// with questions (or quoted lines) only.
fn join_wrapped_meta(lines: &[Line], roles: &mut [Role]) {
    let mut i = 0;
    while i < roles.len() {
        let Role::Meta { kind, rest, strong } = &roles[i] else {
            i += 1;
            continue;
        };
        if rest.is_empty() {
            // `Which questions could this answer?` with the questions on
            // the lines of its paragraph below: the first holds the list.
            let (kind, strong) = (*kind, *strong);
            if let Some(next) = lines.get(i + 1).filter(|next| {
                roles[i + 1] == Role::Content
                    && next.kind == LineKind::Text
                    && next.joiner == Joiner::Space
                    && next.item.is_none()
                    && kind != MetaKind::Competencies
            }) {
                roles[i + 1] = Role::Meta {
                    kind,
                    rest: next.text.trim().to_owned(),
                    strong,
                };
            }
            i += 1;
            continue;
        }
        let (kind, strong) = (*kind, *strong);
        // The line the next one continues or follows.
        let mut last = i;
        let mut j = i + 1;
        while j < roles.len() && j - i <= MAX_WRAPPED_META_LINES {
            let next = &lines[j];
            let text = next.text.trim();
            let continues = roles[j] == Role::Content
                && next.kind == LineKind::Text
                && next.joiner == Joiner::Space
                && next.item.is_none();
            let fits = match kind {
                MetaKind::Questions | MetaKind::Either => {
                    labels::is_question(text)
                        || (text.starts_with(['"', '\u{201c}'])
                            && text.ends_with(['"', '\u{201d}']))
                }
                // `Client: Morrow` under `Tags: ...` is a field of its own.
                MetaKind::Competencies => false,
            };
            // The rest of the line above, wrapped: `...bad news to a` over
            // `senior stakeholder who...`, `communication, ownership,` over
            // `stakeholder management`.
            let previous = match &roles[last] {
                Role::Meta { rest, .. } => rest.clone(),
                _ => String::new(),
            };
            let goes_on = continues
                && !fits
                && match kind {
                    MetaKind::Competencies => previous.trim_end().ends_with(','),
                    _ => {
                        !previous
                            .trim_end()
                            .ends_with(['?', '.', '!', '"', '\u{201d}'])
                            && text.starts_with(char::is_lowercase)
                    }
                };
            if goes_on {
                roles[last] = Role::Meta {
                    kind,
                    rest: format!("{} {text}", previous.trim_end()),
                    strong,
                };
                roles[j] = Role::Ignored;
                j += 1;
                continue;
            }
            if !(continues && fits) {
                break;
            }
            // Each aligned line is a question of its own.
            roles[j] = Role::Meta {
                kind,
                rest: text.to_owned(),
                strong,
            };
            last = j;
            j += 1;
        }
        i = j;
    }
}

/// Most lines a wrapped metadata line continues over.
const MAX_WRAPPED_META_LINES: usize = 8;

/// `A:` right after a `Q:` line opens the answer, not an Action: the
/// text after it is read as a line of its own (`A: S: Our client...`).
fn read_answer_markers(lines: &[Line], roles: &mut [Role]) {
    for i in 1..roles.len() {
        let after_q = matches!(roles[i - 1], Role::Question { prefixed: true, .. });
        // `1) Tell me about...` as a plain line, then `Answer: S: ...`.
        let plain_question = roles[i - 1] == Role::Content
            && lines[i - 1].kind == LineKind::Text
            && labels::is_question(&lines[i - 1].text);
        if !(after_q || plain_question) || lines[i].kind != LineKind::Text {
            continue;
        }
        let Some(rest) = labels::answer_marker(&lines[i].text) else {
            continue;
        };
        let answer = Line {
            text: rest.to_owned(),
            lead_emphasis_end: None,
            ..lines[i].clone()
        };
        match classify_text(&answer) {
            role @ Role::Label { .. } => {
                roles[i] = role;
                if plain_question {
                    roles[i - 1] = Role::Question {
                        text: labels::clean_question(&lines[i - 1].text),
                        prefixed: true,
                    };
                }
            }
            _ if after_q => roles[i] = Role::Content,
            _ => {}
        }
    }
}

/// `#### Follow-ups` over an interviewer's likely questions (a `?` in the
/// lines under it): prepared answers, left out of the story like a
/// `Likely follow-ups:` line. Over actions (`### Follow-ups` then `- I set
/// up a review`) it stays a heading.
fn read_follow_up_headings(lines: &[Line], roles: &mut [Role]) {
    for i in 0..roles.len() {
        if !matches!(roles[i], Role::Heading { .. }) || !labels::follow_ups_heading(&lines[i].text)
        {
            continue;
        }
        let asks = (i + 1..roles.len())
            .take_while(|&j| {
                !matches!(
                    roles[j],
                    Role::Heading { .. }
                        | Role::Label {
                            heading: Some(_),
                            ..
                        }
                )
            })
            .filter(|&j| !lines[j].text.trim().is_empty())
            .take(FOLLOW_UP_LINES)
            .any(|j| lines[j].text.contains('?'));
        if asks {
            roles[i] = Role::FollowUps;
        }
    }
}

/// Lines under a follow-ups heading searched for a question.
const FOLLOW_UP_LINES: usize = 4;

/// Words that name a STAR part plainly (see
/// [`keep_sub_labels_in_part_sections`]).
const PART_NAMES: &[&str] = &[
    "s",
    "t",
    "a",
    "r",
    "l",
    "situation",
    "task",
    "action",
    "actions",
    "result",
    "results",
    "learning",
    "learnings",
    "lesson",
    "lessons",
];

/// Under a part heading (`#### A`), a label line with no text of its own
/// that names another part in other words (`What happened:` over the
/// steps, `Afterwards:`) heads a list inside the part; it does not start
/// that part. A plain part name (`Result:`) still does.
fn keep_sub_labels_in_part_sections(lines: &[Line], roles: &mut [Role]) {
    // For each line, the parts that have a heading of their own later in
    // the same story (before the next heading or story title): one pass
    // from the end, so the whole is linear.
    let mut ahead = vec![[false; 5]; roles.len() + 1];
    for i in (0..roles.len()).rev() {
        ahead[i] = match &roles[i] {
            Role::Heading { .. } | Role::StoryStart { .. } => [false; 5],
            Role::Label {
                part,
                heading: Some(_),
                ..
            } => {
                let mut parts = ahead[i + 1];
                parts[part.index()] = true;
                parts
            }
            _ => ahead[i + 1],
        };
    }
    let mut section: Option<Part> = None;
    for i in 0..roles.len() {
        match &roles[i] {
            Role::Heading { .. } | Role::StoryStart { .. } | Role::Rule => section = None,
            Role::Label {
                part,
                heading: Some(_),
                ..
            } => section = Some(*part),
            Role::Label {
                part,
                rest,
                heading: None,
                ..
            } if section.is_some_and(|s| s != *part)
                && rest.trim().is_empty()
                && (section.is_some_and(|s| part.index() < s.index())
                    || ahead[i + 1][part.index()]) =>
            {
                let name = lines[i]
                    .text
                    .trim()
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                // (`> [!note] Learning` names its part too; a lone letter
                // counts only alone, not the `s` of `Team's`.)
                let plain = PART_NAMES.contains(&name.as_str())
                    || name
                        .split_whitespace()
                        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                        .any(|w| w.len() > 1 && PART_NAMES.contains(&w));
                if !plain {
                    roles[i] = Role::Content;
                }
            }
            _ => {}
        }
    }
}

/// A bare `**A:**` on its own line right before the story's first label
/// (`**S:** ...` on the next line), under a question: it marks the answer,
/// not an empty Action.
fn drop_bare_answer_markers(roles: &mut [Role]) {
    for i in 0..roles.len().saturating_sub(1) {
        let bare_a = matches!(
            &roles[i],
            Role::Label { part: Part::Action, rest, one_letter: true, .. } if rest.trim().is_empty()
        );
        let opens = matches!(
            roles[i + 1],
            Role::Label {
                part: Part::Situation | Part::Task,
                ..
            }
        );
        if bare_a && opens {
            roles[i] = Role::Ignored;
        }
    }
}

/// `(answers Q2, Q6)` under a story's title, with the questions in a
/// numbered list elsewhere in the notes (`2. Walk me through an incident`):
/// the story is tagged with those questions. A line naming a number the
/// list lacks names nothing the story could keep (not the competency
/// `q2`) and is left out.
fn read_question_refs(lines: &[Line], roles: &mut [Role]) {
    let numbered: HashMap<u32, &str> = lines
        .iter()
        .filter_map(|line| {
            let number = line.item.as_deref()?.strip_suffix('.')?.parse().ok()?;
            labels::is_question(&line.text).then_some((number, line.text.as_str()))
        })
        .collect();
    for (role, line) in roles.iter_mut().zip(lines) {
        // `Covers: Q2, Q6` reads as a metadata line too; the numbers win.
        let open = *role == Role::Content || matches!(role, Role::Meta { .. });
        if !open || line.item.is_some() {
            continue;
        }
        let Some(numbers) = labels::question_refs(&line.text) else {
            continue;
        };
        let questions: Option<Vec<String>> = numbers
            .iter()
            .map(|n| numbered.get(n).map(|q| q.replace(';', ",")))
            .collect();
        *role = match questions {
            Some(questions) => Role::Meta {
                kind: MetaKind::Questions,
                rest: questions.join("; "),
                strong: true,
            },
            None => Role::Ignored,
        };
    }
}

/// Most words of a tagged topic (`Influencing without authority`) that
/// titles a story whose own first words do not.
const MAX_TOPIC_TITLE_WORDS: usize = 6;

/// Headings that name nothing a story could be filed under: `### My
/// answer`, `### Full version`, a bare `###`.
fn names_nothing(class: &HeadingClass) -> bool {
    matches!(
        class,
        HeadingClass::Generic | HeadingClass::Version | HeadingClass::Empty
    )
}

/// Paragraphs a titled prose section below a finished story needs to be a
/// story of its own (see `titles_a_prose_story`): two read as its
/// aftermath.
const MIN_SPLIT_STORY_PARAGRAPHS: usize = 3;

/// A heading that follows a story on (`Six months later`, `Looking back`,
/// `What happened next`, `Why it mattered`, `Follow-up`).
fn aftermath_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(
        first,
        "looking"
            | "follow"
            | "followup"
            | "what"
            | "why"
            | "how"
            | "after"
            | "aftermath"
            | "epilogue"
            | "update"
            | "reflection"
            | "reflections"
            | "impact"
            | "outcome"
            | "outcomes"
            | "result"
            | "results"
            | "lessons"
            | "learnings"
            | "takeaways"
            | "next"
            | "since"
            | "later"
            | "long"
    ) || lower.contains(" later")
        || lower.contains(" since")
}

/// `## Calming the late-shipment customer` right over `#### Q: Tell me
/// about an angry customer`: a story's title with the one question it
/// answers as a heading two levels or more below it. The question tags that story; it does
/// not make the title a section over a story of its own. (A title with
/// several question headings under it, or a story heading besides, is a
/// section of questions and is left as it is.)
fn read_question_subheadings(roles: &mut [Role]) {
    let mut h = 0;
    while h < roles.len() {
        let Role::Heading {
            level,
            class: HeadingClass::Plain(_),
            ..
        } = &roles[h]
        else {
            h += 1;
            continue;
        };
        let level = *level;
        let Some(q) = (h + 1..roles.len()).find(|&j| roles[j] != Role::Ignored) else {
            return;
        };
        // A story's title, not a section's name: `Round 2`, `Safeguarding`
        // or `Hiring manager round` over a question is the interview's.
        let titled = match &roles[h] {
            Role::Heading {
                class: HeadingClass::Plain(title),
                ..
            } => labels::reads_as_story_title(title),
            _ => false,
        };
        let question = match &roles[q] {
            _ if !titled => {
                h += 1;
                continue;
            }
            Role::Heading {
                level: l,
                class: HeadingClass::Question { question, .. },
                ..
            // Two levels or more below (`##` over `####`): a question filed
            // under its story, not a section (`## Amazon onsite` over one
            // `### Q:` is the onsite's question list).
            } if *l >= level + 2 && *l < ANSWER_HEADING_LEVEL => question.clone(),
            _ => {
                h += 1;
                continue;
            }
        };
        // The rest of the title's section holds no other heading that
        // could title or ask for a story.
        let mut end = q + 1;
        let mut alone = true;
        while end < roles.len() {
            if let Role::Heading {
                level: l, class, ..
            } = &roles[end]
            {
                if *l <= level {
                    break;
                }
                // (`#### Q: What would you do differently?` after the
                // story is a follow-up, not another story's question.)
                let another = match class {
                    HeadingClass::Question { question, .. } => labels::asks_for_a_story(question),
                    HeadingClass::Story { .. } | HeadingClass::Plain(_) => true,
                    _ => false,
                };
                if another {
                    alone = false;
                    break;
                }
            }
            end += 1;
        }
        if alone {
            roles[q] = Role::Meta {
                kind: MetaKind::Questions,
                rest: question,
                strong: true,
            };
        }
        h = end.max(h + 1);
    }
}

/// `## Question 5: Influencing without authority` answered only with
/// `see Q1`: the question is another one the story under `Question 1`
/// answers, as a map line would say.
fn read_see_refs(lines: &[Line], roles: &mut [Role]) {
    for h in 0..roles.len() {
        let Role::Heading {
            level,
            class: HeadingClass::Question { question, .. },
            ..
        } = &roles[h]
        else {
            continue;
        };
        let (level, question) = (*level, question.clone());
        // The heading's text, up to the next heading of its level or above
        // (sub-headings such as `### My answer` are inside it).
        let mut text = Vec::new();
        for j in h + 1..roles.len() {
            match &roles[j] {
                Role::Heading { level: l, .. } if *l <= level => break,
                Role::Heading { .. } | Role::Rule | Role::Ignored => {}
                Role::Content if lines[j].kind == LineKind::Text => text.push(j),
                _ => {
                    text.clear();
                    break;
                }
            }
            // A reference is the section's only text: a second line ends
            // the search (it keeps the pass linear).
            if text.len() > 1 {
                break;
            }
        }
        let [only] = text[..] else {
            continue;
        };
        if let Some(number) = labels::see_reference(&lines[only].text) {
            roles[only] = Role::Mapping(Mapping {
                question,
                target: Target::Question(number),
                competencies: false,
            });
        }
    }
}

/// Two or more words and every letter a capital: `DUPLICATE ORDERS IN THE
/// REVENUE TABLE`, a title in a plain-text file.
fn shouts(text: &str) -> bool {
    // An aside in brackets keeps its own case: `BLACK FRIDAY SORTER
    // (Rugby, Nov 2023)`.
    let text = labels::without_parentheses(text);
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= 2
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// `DUPLICATE ORDERS` -> `Duplicate orders`.
fn sentence_case(text: &str) -> String {
    // Text in brackets keeps its case: `(Rugby, Nov 2023)`.
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 || out.is_empty() {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    // The pronoun stays a capital: `A MISTAKE I MADE` -> `A mistake I made`.
    out.split(' ')
        .map(|word| {
            let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            if bare == "i" || bare.starts_with("i'") || bare.starts_with("i\u{2019}") {
                format!("I{}", &word[1..])
            } else {
                word.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lines an answer told in paragraphs may run to.
const MAX_ANSWER_LINES: usize = 200;

/// `Q: Tell me about a time...` then `A:` and plain paragraphs, with no
/// STAR label before the next question: the question heads the answer
/// like a question heading, so its paragraphs become the parts by position
/// (reported as `parts by paragraph`). Answers with labels are read as
/// before.
fn read_paragraph_answers(lines: &[Line], roles: &mut [Role]) {
    for i in 0..roles.len() {
        let Role::Question {
            text,
            prefixed: true,
        } = &roles[i]
        else {
            continue;
        };
        // "How do you prioritise...?" answered with a story in paragraphs
        // after `A:` is a story too.
        let answered = lines
            .get(i + 1)
            .is_some_and(|l| labels::answer_marker(&l.text).is_some());
        if !labels::asks_for_a_story(text) && !answered {
            continue;
        }
        let end = (i + 1..roles.len().min(i + 1 + MAX_ANSWER_LINES))
            .find(|&j| {
                matches!(
                    roles[j],
                    Role::Question { prefixed: true, .. }
                        | Role::Heading { .. }
                        | Role::Rule
                        | Role::StoryStart { .. }
                )
            })
            .unwrap_or_else(|| roles.len().min(i + 1 + MAX_ANSWER_LINES));
        let labelled = roles[i + 1..end]
            .iter()
            .any(|r| matches!(r, Role::Label { weak: false, .. }));
        // `A: I shipped a schema change...`: the marker's own text is the
        // answer's first paragraph.
        let paragraphs = roles[i + 1..end]
            .iter()
            .zip(&lines[i + 1..end])
            .filter(|(r, l)| {
                **r == Role::Content
                    && labels::answer_marker(&l.text).is_none_or(|rest| !rest.trim().is_empty())
            })
            .count();
        // A question that asks for a story ("Tell me about a time...") is
        // answered by one paragraph too; whether it tells a story is
        // checked as for any section of prose.
        let fewest = if labels::asks_for_a_story(text) {
            1
        } else if answered {
            3
        } else {
            2
        };
        if labelled || paragraphs < fewest {
            continue;
        }
        roles[i] = answer_heading(text.clone());
        if let Some(next) = lines.get(i + 1) {
            if labels::answer_marker(&next.text).is_some_and(|rest| rest.trim().is_empty()) {
                roles[i + 1] = Role::Ignored;
            }
        }
    }
}

/// The heading a question answered in paragraphs becomes.
fn answer_heading(question: String) -> Role {
    Role::Heading {
        level: ANSWER_HEADING_LEVEL,
        class: HeadingClass::Question {
            number: None,
            question,
        },
        tags: Vec::new(),
    }
}

/// The level a `Q:` line heading an answer in paragraphs is given: below
/// any real heading, so it nests under the document's sections.
const ANSWER_HEADING_LEVEL: u8 = 7;

/// Most metadata items one story takes (questions, or competencies): real
/// notes have a handful, and the cap keeps a hostile document linear.
const MAX_META_ITEMS: usize = 16;

/// Appends `items` to `to` up to [`MAX_META_ITEMS`].
fn push_capped(to: &mut Vec<String>, items: Vec<String>) {
    let room = MAX_META_ITEMS.saturating_sub(to.len());
    to.extend(items.into_iter().take(room));
}

/// Metadata lines (`Competencies: ...`) allowed between a bold title and
/// its story's first label.
const MAX_META_BEFORE_LABEL: usize = 3;

/// A story without an Action needs this many words in its other parts.
const MIN_WORDS_WITHOUT_ACTION: usize = 30;

/// A Result this short, with no Task or Action before it, is a note to
/// self (`wait until his review`), not what happened.
const MIN_RESULT_WORDS: usize = 10;

/// Longest bold line taken as a story title.
const MAX_BOLD_TITLE_WORDS: usize = 14;

/// A bold line with a container word and at most this many other words
/// (`**STAR notes**`, `**Customer Obsession — STAR examples**`) is a
/// container, not a story title.
const SHORT_CONTAINER_TITLE: usize = 4;

/// A line of quoted questions (`❓ "Tell me about a clash" / "..."`)
/// between a story's title and its first label says what the story
/// answers; quoted speech inside a story stays its text.
fn read_quoted_questions(lines: &[Line], roles: &mut [Role]) {
    for i in 0..roles.len() {
        if roles[i] != Role::Content {
            continue;
        }
        let Some(questions) = labels::quoted_questions(&lines[i].text) else {
            continue;
        };
        let next = (i + 1..roles.len())
            .filter(|&j| roles[j] != Role::Ignored)
            .take(MAX_META_BEFORE_LABEL + 1)
            .find(|&j| {
                !matches!(roles[j], Role::Meta { .. })
                    && labels::quoted_questions(&lines[j].text).is_none()
            });
        let opens = next.is_some_and(|j| {
            matches!(
                roles[j],
                Role::Label {
                    part: Part::Situation | Part::Task,
                    ..
                }
            )
        });
        if opens {
            roles[i] = Role::Meta {
                kind: MetaKind::Questions,
                rest: questions,
                strong: true,
            };
        }
    }
}

/// A short line wholly in round brackets: `(parent / "customer")`.
fn bracketed_aside(text: &str) -> bool {
    let t = text.trim().trim_matches(['*', '_']).trim();
    t.len() > 2
        && t.starts_with('(')
        && t.ends_with(')')
        && t[1..t.len() - 1].split_whitespace().count() <= MAX_ASIDE_WORDS
        && !t[1..t.len() - 1].contains(['(', ')'])
}

/// Whether the whole text is one bracketed aside: `(copied from my notes,
/// so rough)`, not `(Draft) Payroll cutover (v2)`.
fn wholly_bracketed(text: &str) -> bool {
    if !text.starts_with('(') || !text.ends_with(')') {
        return false;
    }
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1 == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// Longest [`bracketed_aside`], in words.
const MAX_ASIDE_WORDS: usize = 10;

/// `Title: Cutting the AWS bill` (or `**Title:** ...`) right over a part
/// label titles the story that label opens. Elsewhere a `Title:` line may
/// name anything (a job title in a document's header), so only a label
/// right below makes it a story's title.
fn read_title_fields(lines: &[Line], roles: &mut [Role]) {
    for i in 0..roles.len().saturating_sub(1) {
        if lines[i].kind != LineKind::Text
            || matches!(roles[i], Role::StoryStart { .. } | Role::Label { .. })
            || !matches!(roles[i + 1], Role::Label { .. })
        {
            continue;
        }
        if let Some(title) = labels::title_field(&lines[i].text) {
            roles[i] = Role::StoryStart {
                title: labels::clean_title(title),
                number: None,
                tags: Vec::new(),
            };
        }
    }
}

/// A bold line of its own right before a `Situation`/`Task` label titles the
/// story that label opens, as in notes without headings:
/// `**Cutting cloud cost**` then `Situation: ...`; so does a plain list
/// item whose nested items are the labels.
fn promote_bold_titles(lines: &[Line], roles: &mut [Role]) {
    // Whether the story being told opened with a plain title line, and
    // how many Situations came since (see [`title_between_stories`]).
    let mut plain_titled = false;
    let mut situations = 0;
    for i in 0..roles.len() {
        let line = &lines[i];
        if i > 0 {
            match &roles[i - 1] {
                Role::StoryStart { .. } => {
                    plain_titled = plain_title_start(&lines[i - 1], &roles[i - 1]);
                    situations = 0;
                }
                Role::Heading { .. } => plain_titled = false,
                Role::Label {
                    part: Part::Situation,
                    ..
                } => situations += 1,
                _ => {}
            }
        }
        let plain_titles_above = plain_titled && situations == 1;
        // A bold line, or a plain list item with the labels nested under it
        // (`- Crash spike on release day` then `  - Situation ...`).
        // An ALL CAPS line of a plain-text file is as clear as a bold one.
        // An italic or bold line right under a heading that names a story
        // (`# Example 2 -- Reporting maladministration` then
        // `*Integrity / accountability*`) is its subtitle, not a title.
        // (`# Story 4` names none: the line under it is the title.)
        // Under a plain heading (a story's title or a competency's), only a
        // line that reads as notes (`Integrity / accountability.`) is one.
        // A line wholly in brackets (`*(pasted from my promo packet)*`)
        // is an aside, never a title.
        let notes_like = || {
            let text = line.text.trim();
            text.contains('/')
                || text.ends_with(['.', '!'])
                || lists_short_items(text)
                || wholly_bracketed(text)
        };
        let under_title = i > 0
            && match &roles[i - 1] {
                Role::Heading { class, .. } => match class {
                    HeadingClass::Story { .. } => true,
                    HeadingClass::Plain(_) => notes_like(),
                    _ => false,
                },
                _ => false,
            }
            && labels::without_parentheses(&labels::clean_title(&lines[i - 1].text))
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .filter(|w| !labels::is_story_noun(w))
                .count()
                >= 2;
        let emphatic =
            !under_title && (line.is_all_emphasis() || (line.item.is_none() && shouts(&line.text)));
        let plain = !emphatic
            && ((plain_title_line(lines, roles, i)
                && (after_a_story_break(roles, i)
                    || number_led_title(lines, i)
                    || (situation_follows(lines, i) && right_after_parts(roles, i))))
                || (plain_titles_above && title_between_stories(lines, roles, i)));
        // `2) Snow day - de-icing` alone as a one-line numbered item, the
        // story's first label right after it.
        let first_item = i == 0
            || lines[i - 1].item.is_none()
            || lines[i - 1].depth < line.depth
            || lines[i - 1].kind != LineKind::Text;
        // The number marks a title even in lower case (`4) leading change`).
        let numbered = !emphatic
            && line.kind == LineKind::Text
            && first_item
            && line.item.as_deref().is_some_and(|m| {
                is_number_marker(m) && (after_a_story_break(roles, i) || !m.starts_with("1."))
            })
            && title_like(&capitalised(&line.text));
        let bold = emphatic || plain || numbered;
        if roles[i] != Role::Content
            || line.kind != LineKind::Text
            || !(bold || line.item.is_some())
            || labels::without_parentheses(&line.text)
                .split_whitespace()
                .count()
                > MAX_BOLD_TITLE_WORDS
        {
            continue;
        }
        // `**1. FRAUD COMPLAINT**`, `*Q: Tell us about...*`, then the labels.
        // An aside wholly in brackets under the title (`(conflict with my
        // line manager)`) is a note on it, not the story's text.
        // The items listed under a `Questions this answers:` line between
        // them are that note's.
        let mut under_meta = false;
        let mut notes = 0;
        let next = (i + 1..roles.len())
            .filter(|&j| roles[j] != Role::Ignored)
            .find(|&j| {
                let listed = under_meta
                    && lines[j].item.is_some()
                    && matches!(roles[j], Role::Content | Role::Question { .. });
                if listed {
                    return false;
                }
                under_meta = matches!(roles[j], Role::Meta { .. });
                let aside =
                    roles[j] == Role::Content && j == i + 1 && bracketed_aside(&lines[j].text);
                let note = matches!(
                    roles[j],
                    Role::Meta { .. } | Role::Question { prefixed: true, .. }
                );
                notes += usize::from(note || aside);
                !(note || aside) || notes > MAX_META_BEFORE_LABEL
            });
        let opens_story = next.is_some_and(|j| {
            let label = matches!(
                roles[j],
                Role::Label {
                    part: Part::Situation | Part::Task,
                    heading: None,
                    ..
                }
            );
            // `1. **Title**` with the labels nested under it, or right
            // after it and its tags.
            let after_number = numbered && lines[j].item.is_none();
            label
                && (line.item.is_none() || lines[j].depth > line.depth || after_number)
                && (bold || lines[j].item.is_some())
                && (!plain
                    || j == i + 1
                    || lines[j].joiner == Joiner::Blank
                    // `Christmas stockout` / `Q: tell me about a mistake`
                    // / `S: ...`: only a question or tags between.
                    || (i + 1..j).all(|k| {
                        matches!(
                            roles[k],
                            Role::Meta { .. } | Role::Question { prefixed: true, .. }
                        )
                    }))
        });
        let (text, tags) = labels::split_hashtags(&line.text);
        let title = labels::clean_title(&text);
        let title = if shouts(&title) {
            sentence_case(&title)
        } else {
            title
        };
        // `**My answer**`, `**Ownership, Deliver results**`, `**Notes:**`
        // are not titles; a comma in brackets (`**Speaking up (nursing, but
        // fits integrity)**`), a comma after a longer phrase (`**LOD budget
        // standoff with Bea, our lead artist**`) or a container word in a long title
        // (`**Clash over the "length of stay" definition**`) is.
        let container =
            labels::is_generic(&title) && labels::content_words(&title) <= SHORT_CONTAINER_TITLE;
        let titled = !title.is_empty()
            && !line.text.trim_end().ends_with(':')
            && !lists_short_items(&labels::without_parentheses(&title))
            && !container
            && !labels::is_known_competency(&title);
        if opens_story && titled {
            roles[i] = Role::StoryStart {
                title,
                number: None,
                tags,
            };
        }
    }
}

/// The style of a list marker that may title stories: a number's
/// punctuation (`2)` or `2.`), or a bullet (`•` and `*` arrive as `-`).
fn title_marker_style(marker: &str) -> Option<char> {
    if is_number_marker(marker) {
        marker.chars().last()
    } else {
        (marker == "-").then_some('-')
    }
}

/// Fewest words of the paragraph that tells a story without labels under
/// a numbered title.
const MIN_PROSE_STORY_WORDS: usize = 60;

/// `2) medical - LGW-TFS (leading under pressure)` then a paragraph that
/// tells the story without labels, among numbered items that open
/// labelled stories (`1) disruptive pax` then `sit: ...`): the numbering
/// titles it as it titles its siblings, rather than the paragraph running
/// on in the story above.
fn promote_numbered_prose_titles(lines: &[Line], roles: &mut [Role]) -> Vec<Option<usize>> {
    let mut promoted = vec![None; roles.len()];
    // How many numbered story titles have each marker style (`2)` or
    // `2.`) at each depth.
    let mut styles: HashMap<(char, usize), usize> = HashMap::new();
    for i in 0..roles.len() {
        if !matches!(roles[i], Role::StoryStart { .. }) {
            continue;
        }
        let style = lines[i].item.as_deref().and_then(title_marker_style);
        if let Some(style) = style {
            *styles.entry((style, lines[i].depth)).or_default() += 1;
        }
    }
    for i in 0..roles.len() {
        let line = &lines[i];
        if roles[i] != Role::Content {
            continue;
        }
        let Some(style) = line.item.as_deref().and_then(title_marker_style) else {
            continue;
        };
        let siblings = styles.get(&(style, line.depth)).copied().unwrap_or(0);
        if siblings < 2
            || line.kind != LineKind::Text
            || !title_like(&capitalised(&line.text))
            || labels::without_parentheses(&line.text)
                .split_whitespace()
                .count()
                > MAX_BOLD_TITLE_WORDS
        {
            continue;
        }
        // The paragraph right after it, up to the next block.
        let mut words = 0;
        let mut paragraph = Vec::new();
        for j in i + 1..roles.len() {
            let next = &lines[j];
            // Under a bullet, every paragraph inside the item; under a
            // number, the paragraph right after it.
            let new_paragraph = if style == '-' {
                next.depth < line.depth
            } else {
                j > i + 1 && next.joiner == Joiner::Blank
            };
            if new_paragraph
                || next.item.is_some()
                || next.kind != LineKind::Text
                || roles[j] != Role::Content
            {
                break;
            }
            words += next.text.split_whitespace().count();
            paragraph.push(j);
        }
        // Under a bullet the paragraph must read as a story told (what "I"
        // did, in the past tense): a bullet list holds tips as well.
        if words < MIN_PROSE_STORY_WORDS || (style == '-' && !is_narrative(lines, &paragraph)) {
            continue;
        }
        let (text, tags) = labels::split_hashtags(&line.text);
        let title = labels::clean_title(&text);
        if !title.is_empty() {
            roles[i] = Role::StoryStart {
                title,
                number: None,
                tags,
            };
            // A bullet's story is its own paragraph: what follows it
            // (`Questions for Carla`) is not told under it.
            let end = if style == '-' {
                paragraph.last().map_or(i + 1, |&j| j + 1)
            } else {
                usize::MAX
            };
            promoted[i] = Some(end);
        }
    }
    promoted
}

/// An italic line of short names right under a story's heading tags it
/// (`_incident, on-call, pressure_`), known competencies or not; inside a
/// story such a line is its text (`*stabilise, communicate, fix*`).
fn read_tags_under_headings(lines: &[Line], roles: &mut [Role]) {
    for i in 1..roles.len() {
        if roles[i] == Role::Content
            && matches!(roles[i - 1], Role::Heading { .. })
            && lines[i].is_all_emphasis()
        {
            if let Some(tags) = labels::short_name_list(&lines[i].text) {
                roles[i] = Role::Meta {
                    kind: MetaKind::Competencies,
                    rest: tags,
                    strong: true,
                };
            }
        }
    }
}

/// `**Conflict / Disagreement**` right before a story is a divider naming
/// what comes next, not tags of the story above it: it is left as text,
/// as it was before italic tag lines were read.
fn keep_dividers(lines: &[Line], roles: &mut [Role]) {
    for i in 0..roles.len() {
        let tag_line = matches!(roles[i], Role::Meta { .. })
            && lines[i].is_all_emphasis()
            && labels::emphasised_tag_list(&lines[i].text).is_some();
        if !tag_line {
            continue;
        }
        // Right under the story's own heading it tags that story
        // (`### Black Friday outage` / `_incident, on-call, pressure_`).
        let under_heading = i > 0 && matches!(roles[i - 1], Role::Heading { .. });
        let next = roles.get(i + 1);
        let opens = !under_heading
            && matches!(
                next,
                Some(
                    Role::StoryStart { .. }
                        | Role::Heading { .. }
                        | Role::Label {
                            part: Part::Situation | Part::Task,
                            ..
                        }
                )
            );
        if opens {
            roles[i] = Role::Content;
        }
    }
}

/// Most words in a plain line taken for a title.
const MAX_PLAIN_TITLE_WORDS: usize = 12;

/// A short line standing alone as a paragraph, as titles are typed in plain
/// text (`Aisle 14 near miss`, `Gareth + the leaderboard`): no sentence
/// punctuation at its end, not a question. It titles a story only when the
/// story's first label follows as a paragraph of its own.
fn plain_title_line(lines: &[Line], roles: &[Role], i: usize) -> bool {
    let line = &lines[i];
    // An emoji may lead the title (`🌧️ Flood in the stockroom`).
    let text = line
        .text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    // Alone as a paragraph, or first in the paragraph its story's first
    // label (which label, the caller checks) or its tags continue.
    let next_label = lines.get(i + 1).is_some_and(|next| {
        labels::line_label(&next.text, next.lead_emphasis_end, false).is_some()
    }) || matches!(
        roles.get(i + 1),
        Some(Role::Meta { .. } | Role::Question { prefixed: true, .. })
    );
    line.kind == LineKind::Text
        && line.item.is_none()
        && line.depth == 0
        && line.joiner == Joiner::Blank
        && lines
            .get(i + 1)
            .is_none_or(|next| next.joiner != Joiner::Space || next_label)
        && (title_like(text)
            || (number_led(text) && title_like(&capitalised(text)))
            || ((situation_follows(lines, i) || situation_after_divider(lines, roles, i))
                && lower_case_title(text)
                && !wholly_bracketed(line.text.trim())))
}

/// `----` / `dariusz + room service` / (blank) / `Sit - ...`: a line alone
/// between a divider (or the top of the notes) and a paragraph opening
/// with a Situation label, in notes that divide stories by rules.
fn situation_after_divider(lines: &[Line], roles: &[Role], i: usize) -> bool {
    let divided = i == 0 || matches!(roles[i - 1], Role::Rule);
    divided
        && lines.get(i + 1).is_some_and(|next| {
            next.joiner == Joiner::Blank
                && next.item.is_none()
                && labels::line_label(&next.text, next.lead_emphasis_end, false)
                    .is_some_and(|label| label.part == Part::Situation && !label.weak)
        })
}

/// A title typed in lower case (`the bar float`, `dad + son seated apart`):
/// title-like once capitalised, a word of four letters or more, and not
/// the start of a sentence (`we were short staffed`, `and then`, `ok so`).
fn lower_case_title(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "we", "i", "i'm", "i've", "and", "so", "ok", "okay", "then", "but", "also", "after",
        "when", "while", "because", "he", "she", "they", "it", "this", "that", "there", "my",
        "our", "if", "just", "anyway",
    ];
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    title_like(&capitalised(text))
        && !wholly_bracketed(text)
        && !OPENERS.contains(&first.as_str())
        && text
            .split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
}

/// Whether the next line, in the same paragraph, labels a Situation
/// (`S - ...`, `Situation: ...`): a title typed in lower case on a phone
/// (`the bar float`) right above it is a title all the same.
fn situation_follows(lines: &[Line], i: usize) -> bool {
    lines.get(i + 1).is_some_and(|next| {
        next.joiner != Joiner::Blank
            && labels::line_label(&next.text, next.lead_emphasis_end, false)
                .is_some_and(|label| label.part == Part::Situation && !label.weak)
    })
}

/// Whether the last role before line `i`, past plain text, is a part's
/// label: the line comes after a story's parts, not under a title or
/// heading of its own (where a line over the Situation names
/// competencies, `Deliver Results, Customer Obsession`).
fn right_after_parts(roles: &[Role], i: usize) -> bool {
    matches!(role_above(roles, i), Some(Role::Label { .. }))
}

/// The nearest role above line `i` that is not plain text.
fn role_above(roles: &[Role], i: usize) -> Option<&Role> {
    roles[..i].iter().rev().find(|r| **r != Role::Content)
}

/// Whether a line opens a story with a plain title: not a heading, a list
/// item or an emphasised line.
fn plain_title_start(line: &Line, role: &Role) -> bool {
    matches!(role, Role::StoryStart { .. })
        && line.kind == LineKind::Text
        && line.item.is_none()
        && !line.is_all_emphasis()
}

/// `Result: No downtime that quarter.`, `Rota fix`, `Situation: ...`
/// typed line under line with no blank between: the short line after a
/// story's Result (or learning) and right before the next Situation titles
/// the next story. The caller checks that the story it follows opened
/// with a plain title line too (the file's way of naming stories);
/// without one, a short line after a Result (`Saved £40k a year`) stays
/// that Result's.
fn title_between_stories(lines: &[Line], roles: &[Role], i: usize) -> bool {
    let line = &lines[i];
    if i == 0
        || line.kind != LineKind::Text
        || line.item.is_some()
        || line.depth != 0
        || line.is_all_emphasis()
        || !(title_like(line.text.trim()) || lower_case_title(line.text.trim()))
    {
        return false;
    }
    let next_situation = matches!(
        roles.get(i + 1),
        Some(Role::Label {
            part: Part::Situation,
            heading: None,
            weak: false,
            ..
        })
    ) && lines[i + 1].item.is_none();
    // (Only right before a Situation: the look back then ends at that
    // story's own labels, so the lines are read about once each.)
    next_situation
        && matches!(
            role_above(roles, i),
            Some(Role::Label {
                part: Part::Result | Part::Learning,
                ..
            })
        )
}

/// Whether a short line reads as a title typed in plain text: a few words
/// from a capital or a digit, no sentence punctuation at its end, no
/// `key: value`, not a question.
fn title_like(text: &str) -> bool {
    // A note in brackets after the title (`The gift we declined (keep it
    // short!)`) is not part of its shape.
    let core = labels::without_parentheses(text);
    let text = if core.chars().any(char::is_alphanumeric) {
        core.as_str()
    } else {
        text
    };
    let text = text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !c.is_ascii_punctuation());
    // A dash between words (`Cropped cardis - where I got it wrong`) is
    // no word.
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (1..=MAX_PLAIN_TITLE_WORDS).contains(&words)
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !text.ends_with(['.', ':', '?', '!', ';', ',', ')'])
        // `Role: Tech lead`, `When: March 2022` are notes, not titles.
        && !text.contains(':')
        && !labels::is_question(text)
}

/// `3 - customer complaint`: a number then a dash leads a title in plain
/// text (a list would use `3.`).
fn number_led(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && t[digits..]
            .trim_start()
            .starts_with(['-', '\u{2013}', '\u{2014}'])
}

/// A number-led line that is not one point of a run of them (`1 - Overtime
/// down`, `2 - No missed shifts` under a Result).
fn number_led_title(lines: &[Line], i: usize) -> bool {
    number_led(&lines[i].text)
        && !lines[..i]
            .iter()
            .rev()
            .find(|l| l.kind == LineKind::Text)
            .is_some_and(|l| number_led(&l.text))
}

/// The text with its first letter upper-cased.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An ordered list's marker, `2.` or `2)`.
fn is_number_marker(marker: &str) -> bool {
    let digits = marker.trim_end_matches(['.', ')']);
    !digits.is_empty() && digits.len() < marker.len() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Fewest turns of each speaker for a document to be read as a transcript.
const MIN_TRANSCRIPT_TURNS: usize = 2;

/// Most words of an interviewer's follow-up question.
const MAX_FOLLOW_UP_WORDS: usize = 8;

/// Words of a follow-up question that point back at the story being told.
const POINTING_WORDS: &[&str] = &[
    "that",
    "it",
    "then",
    "next",
    "afterwards",
    "he",
    "she",
    "they",
    "them",
    "those",
    "this",
    "him",
    "her",
    "their",
];

/// Words a follow-up question may be made of alone ("What did you do?",
/// "What was the outcome?", "How did it end?").
const FOLLOW_UP_WORDS: &[&str] = &[
    "what",
    "how",
    "why",
    "when",
    "who",
    "and",
    "so",
    "did",
    "do",
    "does",
    "you",
    "your",
    "was",
    "were",
    "is",
    "the",
    "a",
    "of",
    "to",
    "in",
    "on",
    "about",
    "happen",
    "happened",
    "go",
    "went",
    "end",
    "ended",
    "turn",
    "turned",
    "out",
    "outcome",
    "result",
    "results",
    "impact",
    "react",
    "reacted",
    "respond",
    "responded",
    "handle",
    "handled",
    "approach",
    "feel",
    "felt",
    "take",
    "took",
    "learn",
    "learned",
    "learnt",
    "change",
    "changed",
    "differently",
    "would",
    "have",
    "done",
    "after",
    "finally",
    "i",
    "me",
    "we",
];

/// Words that ask for a story of its own, even in a short question.
const STORY_REQUESTS: &[&str] = &[
    "a time",
    "an example",
    "tell me about",
    "tell us about",
    "describe a",
    "walk me through",
    "give me",
];

/// Fewest words of a reply told as a story.
const MIN_ANSWER_WORDS: usize = 40;

/// A practice interview pasted as a transcript (`**Interviewer:** Tell me
/// about a time...`, `**Me:** So last year...`): each reply told as a story
/// is a story answering the interviewer's question before it, told in
/// paragraphs (see [`read_paragraph_answers`]). The interviewer's other
/// lines (small talk, feedback on an answer) and short replies are left
/// out and reported, so they do not run into the story above them.
fn read_dialogue(lines: &[Line], roles: &mut [Role]) {
    let open = |i: usize, l: &Line| {
        l.kind == LineKind::Text
            && l.depth == 0
            && matches!(roles[i], Role::Content | Role::Question { .. })
    };
    // A mock interview with a friend (`Priya:` / `Me:`): the one name that
    // speaks right before the candidate most often plays the interviewer,
    // when the notes name no interviewer of their own.
    let mut partner: Option<&str> = None;
    let named_interviewer = lines.iter().enumerate().any(|(i, l)| {
        open(i, l)
            && labels::speaker(&l.text).is_some_and(|(who, _)| who == labels::Speaker::Interviewer)
    });
    if !named_interviewer {
        // Counted only when that turn asks for a story: a colleague quoted
        // inside a story ("Dave: We promised the client Friday.") asks
        // for none.
        let mut before_me: HashMap<&str, usize> = HashMap::new();
        let mut last: Option<&str> = None;
        for (_, l) in lines.iter().enumerate().filter(|(i, l)| open(*i, l)) {
            if labels::speaker(&l.text).is_some_and(|(who, _)| who == labels::Speaker::Candidate) {
                if let Some(name) = last.take() {
                    *before_me.entry(name).or_default() += 1;
                }
            } else if let Some((name, rest)) = labels::named_turn(&l.text) {
                let asks = asked_question(rest).is_some_and(|q| labels::asks_for_a_story(&q));
                last = asks.then_some(name);
            }
        }
        partner = before_me
            .into_iter()
            .filter(|&(_, n)| n >= MIN_TRANSCRIPT_TURNS)
            .max_by_key(|&(name, n)| (n, std::cmp::Reverse(name)))
            .map(|(name, _)| name);
    }
    let turns: Vec<(usize, labels::Speaker, &str)> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| open(*i, l))
        .filter_map(|(i, l)| {
            labels::speaker(&l.text)
                .or_else(|| {
                    let (name, rest) = labels::named_turn(&l.text)?;
                    (Some(name) == partner).then_some((labels::Speaker::Interviewer, rest))
                })
                .map(|(who, rest)| (i, who, rest))
        })
        .collect();
    // A transcript alternates: an interviewer's turn, then the candidate's.
    let exchanges = turns
        .windows(2)
        .filter(|w| w[0].1 == labels::Speaker::Interviewer && w[1].1 == labels::Speaker::Candidate)
        .count();
    if exchanges < MIN_TRANSCRIPT_TURNS {
        return;
    }
    // "What did you do?", "How did he take that?": a short question after
    // a story draws out more of it when it points back at it ("that",
    // "it", "those") or says nothing new (only question words, pronouns and
    // verbs like "do", "handle", "happen"); "How did you handle conflict?"
    // and "Why do you want to leave?" are questions of their own, and a
    // remark ("Good, say 'I' more") ends the story. Worked out once per
    // turn.
    let follow_ups: Vec<bool> = turns
        .iter()
        .map(|&(_, who, turn)| who == labels::Speaker::Interviewer && is_follow_up(turn))
        .collect();
    // Words the candidate says from each turn on while one telling lasts
    // (replies, and the follow-ups between them), summed from the end.
    let mut told_from = vec![0usize; turns.len() + 1];
    for n in (0..turns.len()).rev() {
        told_from[n] = match turns[n].1 {
            labels::Speaker::Candidate => turns[n].2.split_whitespace().count() + told_from[n + 1],
            labels::Speaker::Interviewer if follow_ups[n] => told_from[n + 1],
            labels::Speaker::Interviewer => 0,
        };
    }
    // Whether the last question asked for a story: replies to others ("Why
    // do you want to leave?") are not stories.
    let mut asked = false;
    // Whether a story is being told: the interviewer's follow-ups ("What
    // did you do?", "And how did it end?") draw out more of it, and the
    // replies to them are its later paragraphs, however short.
    let mut telling = false;
    for (n, &(i, who, rest)) in turns.iter().enumerate() {
        let words = rest.split_whitespace().count();
        match who {
            labels::Speaker::Candidate if telling => {}
            labels::Speaker::Candidate if !asked => {
                roles[i] = Role::Dropped("a reply to a question that asks for no story".to_owned());
            }
            labels::Speaker::Interviewer if telling && follow_ups[n] => {
                roles[i] = Role::Ignored;
            }
            labels::Speaker::Interviewer => {
                let question = asked_question(rest);
                // The candidate's replies up to the next question that asks
                // for a story: one telling, drawn out by follow-ups.
                let told = told_from[n + 1];
                let replied = turns
                    .get(n + 1)
                    .is_some_and(|&(_, next, _)| next == labels::Speaker::Candidate);
                let answered = replied && told >= MIN_ANSWER_WORDS;
                asked = question.as_deref().is_some_and(labels::asks_for_a_story);
                telling = answered && asked;
                match question {
                    Some(question) if answered && asked => roles[i] = answer_heading(question),
                    Some(_) => {
                        let reason = if asked {
                            "the interviewer's question, with no story told after it"
                        } else {
                            "the interviewer's question, which asks for no story"
                        };
                        roles[i] = Role::Dropped(reason.to_owned())
                    }
                    None => {
                        roles[i] =
                            Role::Dropped("the interviewer's remark, not a question".to_owned())
                    }
                }
            }
            labels::Speaker::Candidate if words < MIN_ANSWER_WORDS => {
                roles[i] = Role::Dropped("a short reply, not a story".to_owned());
            }
            labels::Speaker::Candidate => {}
        }
    }
}

/// Whether an interviewer's turn is a follow-up question about the story
/// just told (see [`read_dialogue`]).
fn is_follow_up(turn: &str) -> bool {
    let lower = turn.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let points_back = words.iter().any(|w| POINTING_WORDS.contains(w));
    let nothing_new = words.iter().all(|w| FOLLOW_UP_WORDS.contains(w));
    asked_question(turn).is_some()
        && (points_back || nothing_new)
        && words.len() <= MAX_FOLLOW_UP_WORDS
        && !STORY_REQUESTS.iter().any(|r| lower.contains(r))
}

/// The question in an interviewer's turn: from its first sentence that
/// asks for something to the end (`Lovely. Next one. Tell me about a time
/// you failed.` asks `Tell me about a time you failed.`).
fn asked_question(turn: &str) -> Option<String> {
    let mut start = 0;
    let mut rest = turn;
    while !rest.trim().is_empty() {
        let end = labels::first_sentence_end(rest).map_or(rest.len(), |e| e + 1);
        let sentence = rest[..end].trim();
        if labels::asks_for_a_story(sentence) || labels::is_question(sentence) {
            return Some(labels::clean_question(turn[start..].trim()));
        }
        start += end;
        rest = &rest[end..];
    }
    None
}

/// Notes that keep a story in several tellings, each under a heading of
/// its own (`#### 30-second version`, `#### Full version`), give one
/// story, not one per telling: of the sibling version headings, the
/// telling with STAR labels is kept (else the longest), its heading is
/// no boundary, and the others are left out and reported. A lone version
/// heading is only transparent.
fn pick_versions(lines: &[Line], roles: &mut [Role]) {
    let version_level = |role: &Role| match role {
        Role::Heading {
            level,
            class: HeadingClass::Version,
            ..
        } => Some(*level),
        _ => None,
    };
    let mut i = 0;
    while i < roles.len() {
        let Some(level) = version_level(&roles[i]) else {
            i += 1;
            continue;
        };
        // The group: (heading, end of its section) for each sibling.
        let mut group: Vec<(usize, usize)> = Vec::new();
        let mut start = i;
        loop {
            let end = (start + 1..roles.len())
                .find(|&k| section_level(&roles[k]).is_some_and(|l| l <= level))
                .unwrap_or(roles.len());
            group.push((start, end));
            if end < roles.len() && version_level(&roles[end]) == Some(level) {
                start = end;
            } else {
                break;
            }
        }
        let labels = |&(h, e): &(usize, usize)| {
            roles[h + 1..e]
                .iter()
                .filter(|r| matches!(r, Role::Label { weak: false, .. }))
                .count()
        };
        let size = |&(h, e): &(usize, usize)| -> usize {
            lines[h + 1..e].iter().map(|l| l.text.len()).sum()
        };
        let keeper = group
            .iter()
            .copied()
            .max_by_key(|g| (labels(g), size(g), std::cmp::Reverse(g.0)))
            .unwrap_or((i, i + 1));
        let kept = format!(
            "another telling of the same story, left out: the one under \"{}\" (line {}) is imported",
            labels::clean_title(&lines[keeper.0].text),
            lines[keeper.0].line
        );
        for &(h, e) in &group {
            if h == keeper.0 {
                if let Role::Heading { class, .. } = &mut roles[h] {
                    *class = HeadingClass::Empty;
                }
            } else {
                roles[h] = Role::Dropped(kept.clone());
                // The story's tags and questions count wherever they are.
                for role in &mut roles[h + 1..e] {
                    if !matches!(role, Role::Meta { .. }) {
                        *role = Role::Ignored;
                    }
                }
            }
        }
        i = group.last().map_or(i + 1, |&(_, e)| e.max(i + 1));
    }
}

/// Whether line `i` comes after the end of any story before it: a rule, a
/// tags line or a container heading (`## Stories`) since the last label,
/// or nothing but text since the document's start. A short line right
/// after a Result (`Saved £40k a year`) is that Result's, and one under a
/// story's own heading is not its title.
fn after_a_story_break(roles: &[Role], i: usize) -> bool {
    for role in roles[..i].iter().rev() {
        match role {
            Role::Meta { .. } | Role::Rule => return true,
            Role::Heading { class, .. } => {
                return matches!(
                    class,
                    HeadingClass::Generic | HeadingClass::Competency(_) | HeadingClass::Empty
                )
            }
            Role::Label { .. } | Role::StoryStart { .. } | Role::Question { .. } => return false,
            _ => {}
        }
    }
    true
}

/// Whether `text` is a list of short items, as a line of competencies is
/// (`Ownership, Deliver results`, `Customer obsession, ownership, bias for
/// action`, `Ownership, Insist on the Highest Standards`): it has a comma
/// and every item is a known competency or at most three words.
fn lists_short_items(text: &str) -> bool {
    const MAX_ITEM_WORDS: usize = 3;
    // (`process improvement · leading a team`: a middle dot separates too.)
    text.contains([',', '\u{b7}'])
        && text.split([',', '\u{b7}']).all(|item| {
            item.split_whitespace().count() <= MAX_ITEM_WORDS
                || labels::is_known_competency(&item.trim().to_lowercase())
        })
}

#[derive(Debug, Clone)]
struct Fragment {
    text: String,
    joiner: Joiner,
}

#[derive(Debug, Clone)]
struct Draft {
    start_line: usize,
    /// List nesting of the line that opened the draft: questions in items
    /// nested under it are the story's own.
    start_depth: usize,
    /// The line that opened the draft, to name it if it has to be skipped.
    start_text: String,
    title: Option<String>,
    number: Number,
    /// Enclosing section headings, outermost first.
    headings: Vec<usize>,
    anchor: u8,
    questions: Vec<String>,
    /// From metadata lines (`Tags:`, `Competencies:`).
    competencies: Vec<String>,
    parts: [Vec<Fragment>; 5],
    labelled: [bool; 5],
    current: Option<Part>,
    part_heading: Option<u8>,
    base_depth: usize,
    /// Some parts were assigned by paragraph position, not by labels.
    guessed: bool,
    /// Every label so far opened a list item (`- Context: ...`), as in a
    /// cheat sheet of the framework.
    labels_in_lists: bool,
    /// Made from a section of unlabelled paragraphs (its title and line,
    /// reported if the document turns out to label no story at all, and
    /// whether its heading asks for a story: "Tell me about a time...").
    prose_section: Option<(String, usize, bool)>,
    /// List items of an unlabelled story that open on a verb in the past
    /// tense (`- rightsized RDS`).
    listed_steps: usize,
    /// The source line of a metadata line after the complete story's
    /// Result: paragraphs after it (a reminder to self) are not its text.
    tagged_after_result: Option<usize>,
    /// A block after those tags began: the rest is left out too.
    past_tags: bool,
    /// Under `Likely follow-ups:`: what follows is left out of the story.
    follow_ups: bool,
    /// Inside a paragraph remarking on telling the story
    /// ([`labels::interview_remark`]) or a note to self
    /// ([`labels::note_to_self`]): left out up to the next paragraph or
    /// list item.
    in_remark: bool,
    /// Metadata lines above the story's start gave it questions or
    /// competencies: the writer puts them before each story.
    meta_above: bool,
    /// Paragraph lines under a titled story's start before any label: its
    /// text, told by position, if no label ever comes and the title is a
    /// numbered title over prose (see [`promote_numbered_prose_titles`]).
    untold: Vec<usize>,
    numbered_start: bool,
    /// Every label so far on the line the story starts at: a table's row.
    one_line: bool,
    /// Where the paragraph of a bulleted title over prose ends (line index).
    untold_end: usize,
    /// More prose came than [`MAX_PROSE_LINES`]: an essay, not imported
    /// cut short.
    untold_overflow: bool,
}

impl Draft {
    fn has_text(&self, part: Part) -> bool {
        !self.parts[part.index()].is_empty()
    }

    /// Enough to import (see [`importable`]).
    fn is_importable(&self) -> bool {
        importable(|p| self.has_text(p))
    }

    fn is_complete(&self) -> bool {
        Part::STAR.iter().all(|&p| self.has_text(p))
    }

    /// A label for a part this story already had means the next story began,
    /// except when the same part is simply continued (`Impact:` in Result).
    fn is_split_by(&self, part: Part) -> bool {
        (self.labelled[part.index()] && self.current != Some(part))
            || (part == Part::Situation
                && (self.labelled[Part::Action.index()] || self.labelled[Part::Result.index()]))
    }
}

#[derive(Debug, Clone)]
struct Section {
    title: String,
    line: usize,
    level: u8,
    /// Whether the heading can title a story told as plain paragraphs.
    story_heading: bool,
    /// The heading is an interview question that asks for a story.
    asks: bool,
    /// Unlabelled text lines before any story in the section.
    prose: Vec<usize>,
    has_content: bool,
    has_story: bool,
    has_mapping: bool,
    has_question: bool,
}

impl Section {
    /// Text under no heading (level 0): reported only if it holds text,
    /// never taken for a story told in paragraphs.
    fn loose(title: String, line: usize) -> Section {
        Section {
            title,
            line,
            level: 0,
            story_heading: false,
            asks: false,
            prose: Vec::new(),
            has_content: false,
            has_story: false,
            has_mapping: false,
            has_question: false,
        }
    }
}

#[derive(Debug, Clone)]
struct SectionHeading {
    level: u8,
    line: usize,
    class: HeadingClass,
    tags: Vec<String>,
    /// A list of its own sits under the heading, outside any story (a
    /// to-do list, notes on the company): a section of the notes, not a
    /// group of stories named for a competency.
    own_list: bool,
}

/// Stories and skipped sections of one document.
pub(crate) struct Outcome {
    pub stories: Vec<ImportedStory>,
    pub skipped: Vec<SkippedSection>,
}

pub(crate) fn segment(file_name: &str, lines: &[Line]) -> Outcome {
    let mut roles: Vec<Role> = lines.iter().map(classify).collect();
    pick_versions(lines, &mut roles);
    read_dialogue(lines, &mut roles);
    confirm_dashed_labels(lines, &mut roles);
    read_bare_list_labels(lines, &mut roles);
    read_quoted_questions(lines, &mut roles);
    read_title_fields(lines, &mut roles);
    promote_bold_titles(lines, &mut roles);
    let prose_titles = promote_numbered_prose_titles(lines, &mut roles);
    read_tags_under_headings(lines, &mut roles);
    keep_dividers(lines, &mut roles);
    read_answer_markers(lines, &mut roles);
    join_wrapped_questions(lines, &mut roles);
    join_wrapped_meta(lines, &mut roles);
    drop_bare_answer_markers(&mut roles);
    keep_sub_labels_in_part_sections(lines, &mut roles);
    read_follow_up_headings(lines, &mut roles);
    read_paragraph_answers(lines, &mut roles);
    read_question_refs(lines, &mut roles);
    read_see_refs(lines, &mut roles);
    read_question_subheadings(&mut roles);
    read_story_part_headings(lines, &mut roles);
    keep_wrapped_follow_up_lines(lines, &mut roles);
    keep_lone_letters_in_order(lines, &mut roles);
    keep_prompts_in_worksheets(lines, &mut roles);
    let mut segmenter = Segmenter::new(lines, &roles);
    segmenter.prose_titles = prose_titles;
    segmenter.run();
    segmenter.resolve(file_name)
}

struct Segmenter<'a> {
    lines: &'a [Line],
    roles: &'a [Role],
    /// For section headings: index of the line that ends the section.
    region_end: Vec<usize>,
    /// Index of the next line that can start a story (Situation/Task label
    /// or `Story:` line) at or after each line.
    next_start: Vec<usize>,
    headings: Vec<SectionHeading>,
    stack: Vec<usize>,
    drafts: Vec<Draft>,
    current: Option<Draft>,
    section: Option<Section>,
    /// Index of the line where the current section's region ends.
    section_end: usize,
    pending_questions: Vec<String>,
    /// A shallower list item ended the story above: what follows until the
    /// next story or heading is outside it, and reported.
    outside_outline: bool,
    /// Level of the section the pending questions were asked in; a heading
    /// at or above it ends their scope, a sub-heading (`### Answer`) does not.
    pending_level: u8,
    last_was_question: bool,
    mappings: Vec<(Mapping, usize)>,
    skipped: Vec<SkippedSection>,
    /// Questions and competencies of metadata lines seen before their
    /// story's first part (`competencies:: ...` under a story heading).
    pending_meta: (Vec<String>, Vec<String>),
    /// A metadata line with nothing after its colon lists its items below:
    /// list items deeper than `.1` belong to it.
    meta_list: Option<(MetaKind, usize)>,
    /// The previous line was a horizontal rule: a heading after it starts
    /// a new section even below an open story's heading.
    after_rule: bool,
    /// Numbered titles over unlabelled prose
    /// ([`promote_numbered_prose_titles`]), by line index.
    prose_titles: Vec<Option<usize>>,
}

fn section_level(role: &Role) -> Option<u8> {
    match role {
        Role::Heading { level, class, .. } if *class != HeadingClass::Empty => Some(*level),
        _ => None,
    }
}

impl<'a> Segmenter<'a> {
    fn new(lines: &'a [Line], roles: &'a [Role]) -> Self {
        let len = roles.len();
        let mut region_end = vec![len; len];
        let mut open: Vec<(usize, u8)> = Vec::new();
        for (i, role) in roles.iter().enumerate() {
            if let Some(level) = section_level(role) {
                while let Some(&(j, l)) = open.last() {
                    if l < level {
                        break;
                    }
                    region_end[j] = i;
                    open.pop();
                }
                open.push((i, level));
            }
        }
        let mut next_start = vec![len; len + 1];
        for i in (0..len).rev() {
            let starts = matches!(
                roles[i],
                Role::Label {
                    part: Part::Situation | Part::Task,
                    ..
                } | Role::StoryStart { .. }
            );
            next_start[i] = if starts { i } else { next_start[i + 1] };
        }
        Self {
            lines,
            roles,
            region_end,
            next_start,
            headings: Vec::new(),
            stack: Vec::new(),
            drafts: Vec::new(),
            current: None,
            section: Some(Section::loose(
                "(text before the first heading)".to_owned(),
                1,
            )),
            section_end: len,
            prose_titles: Vec::new(),
            pending_questions: Vec::new(),
            outside_outline: false,
            pending_level: 0,
            last_was_question: false,
            mappings: Vec::new(),
            skipped: Vec::new(),
            pending_meta: Default::default(),
            meta_list: None,
            after_rule: false,
        }
    }

    /// Whether a `Questions:` line (a label that can also open prose)
    /// lists interview questions: its own text is one, or it has none and
    /// the list item under it is one.
    fn lists_questions(&self, i: usize, rest: &str) -> bool {
        if !rest.is_empty() {
            return labels::is_question(rest);
        }
        let depth = self.lines[i].depth;
        self.lines.get(i + 1).is_some_and(|next| {
            next.item.is_some()
                && next.kind == LineKind::Text
                && next.depth >= depth
                && labels::is_question(&next.text)
        })
    }

    /// A `Q:` line between a story's parts (`Task: ...`, `Q: ...`,
    /// `Action: ...`): the story's own question, not the start of the next
    /// story. The story is open (a part of it is missing) and the next
    /// label after the question lines is a part it has not had yet, after
    /// the part it is in: its telling goes on.
    fn question_inside_story(&self, i: usize) -> bool {
        let Some(draft) = self.current.as_ref() else {
            return false;
        };
        if draft.current.is_none() || draft.is_complete() {
            return false;
        }
        // A few question lines at most: a long run of them is a list of
        // questions, and is not read again for each of its lines.
        let next = (i + 1..self.roles.len())
            .take(MAX_PENDING_QUESTIONS)
            .find(|&j| !matches!(self.roles[j], Role::Question { .. }))
            .map(|j| &self.roles[j]);
        // The next part comes later in the telling than the story's
        // latest: a Task after its Action is the next story's.
        let latest = draft.current.map_or(0, Part::index);
        match next {
            Some(Role::Label { part, weak, .. }) => {
                *part != Part::Situation
                    && !weak
                    && !draft.is_split_by(*part)
                    && part.index() > latest
            }
            _ => false,
        }
    }

    fn run(&mut self) {
        for i in 0..self.roles.len() {
            let role = &self.roles[i];
            let is_question = matches!(role, Role::Question { .. });
            if let Some((kind, depth)) = self.meta_list {
                let line = &self.lines[i];
                // Only plain items: an unfilled `Questions this answers:`
                // above a `- **Situation:**` list does not swallow the story.
                let item = line.kind == LineKind::Text
                    && line.item.is_some()
                    && matches!(role, Role::Content | Role::Question { .. })
                    && (line.depth > depth || (depth == 0 && line.depth == 1));
                // Or one plain line right under it that is what it names
                // (`> [!question] Questions this answers` over `> Tell me
                // about...?`).
                let under = i > 0
                    && matches!(self.roles[i - 1], Role::Meta { .. })
                    && line.kind == LineKind::Text
                    && line.item.is_none()
                    && matches!(role, Role::Content | Role::Question { .. })
                    && match kind {
                        MetaKind::Questions | MetaKind::Either => labels::is_question(&line.text),
                        MetaKind::Competencies => {
                            line.text.split_whitespace().count() <= MAX_TOPIC_TITLE_WORDS
                                && !line.text.trim_end().ends_with(['.', '!', '?'])
                        }
                    };
                if item || under {
                    let (questions, competencies) = labels::meta_items(kind, &line.text);
                    self.add_meta(questions, competencies);
                    continue;
                }
                self.meta_list = None;
            }
            match role {
                // `Themes: onboarding, pricing and support` inside a Result
                // is the story's text.
                // `- **Questions:**` left unfilled in a template, with
                // nothing after it or listed under it: a label, not text.
                Role::Meta {
                    strong: false,
                    rest,
                    ..
                } if rest.is_empty()
                    && self.current.as_ref().is_some_and(|d| d.current.is_some())
                    && !self.lists_questions(i, rest)
                    && !self.lines.get(i + 1).is_some_and(|next| {
                        let line = &self.lines[i];
                        next.item.is_some()
                            && (next.depth > line.depth
                                || (line.item.is_none() && next.depth >= line.depth))
                    }) => {}
                Role::Meta {
                    strong: false,
                    rest,
                    ..
                } if self.current.as_ref().is_some_and(|d| {
                    d.current.is_some()
                        && d.tagged_after_result.is_none()
                        // Questions listed once the story is told (after
                        // its Result) are the ones it answers; among the
                        // steps they are what was asked.
                        && !(matches!(d.current, Some(Part::Result | Part::Learning))
                            && self.lists_questions(i, rest))
                }) =>
                {
                    self.content(i);
                }
                Role::Meta { kind, rest, .. } => {
                    let (questions, competencies) = labels::meta_items(*kind, rest);
                    // `**Competency: Teamwork**` in a paragraph of its own
                    // after a finished story, right over the next story's
                    // title, when the finished story's metadata also came
                    // above it: the next story's. (Tags typed after each
                    // story, `#costsaving #data`, stay with it.)
                    let heads_next = self.lines[i].joiner == Joiner::Blank
                        && matches!(self.roles.get(i + 1), Some(Role::StoryStart { .. }))
                        && self.current.as_ref().is_some_and(|d| {
                            d.meta_above
                                && d.is_complete()
                                && matches!(d.current, Some(Part::Result | Part::Learning))
                        });
                    if heads_next {
                        self.finish_draft();
                    }
                    self.add_meta(questions, competencies);
                    if let Some(draft) = &mut self.current {
                        if draft.is_complete()
                            && matches!(draft.current, Some(Part::Result | Part::Learning))
                        {
                            draft.tagged_after_result = Some(self.lines[i].line);
                        }
                    }
                    if rest.is_empty() {
                        self.meta_list = Some((*kind, self.lines[i].depth));
                    }
                }
                Role::Heading { level, class, tags } => self.heading(i, *level, class, tags),
                // `- Problem: ... Solution: ...` inside a part is its text.
                Role::Label {
                    part, weak: true, ..
                } if self.current.as_ref().is_some_and(|d| d.is_split_by(*part)) => {
                    self.content(i);
                }
                // `- learned: Pix and boleto expected`, a finding among the
                // Action's steps: the story's learning comes after its
                // Result, not as one of the steps.
                Role::Label {
                    part: Part::Learning,
                    heading: None,
                    ..
                } if self.lines[i].item.is_some()
                    && self.current.as_ref().is_some_and(|d| {
                        !d.labels_in_lists
                            && d.current.is_some_and(|p| p.index() < Part::Result.index())
                            && !d.labelled[Part::Result.index()]
                    }) =>
                {
                    self.content(i);
                }
                Role::Label {
                    part,
                    rest,
                    heading,
                    one_letter,
                    dashed,
                    ..
                } => self.label(i, *part, rest, *heading, (*one_letter, *dashed)),
                Role::StoryStart {
                    title,
                    number,
                    tags,
                } => {
                    self.end_answer(i);
                    self.finish_draft();
                    let mut draft = self.start_draft(i);
                    draft.title = Some(title.clone()).filter(|t| !t.is_empty());
                    draft.number = *number;
                    self.current = Some(draft);
                    self.mark_section(|s| s.has_story = true);
                    if !tags.is_empty() {
                        self.add_meta(Vec::new(), tags.clone());
                    }
                }
                Role::Question { text, prefixed } => {
                    let open_story = self.current.as_ref().is_some_and(|d| !d.is_complete());
                    // A bold question with no story after it in its section
                    // is part of the text (`**What would I change?**`).
                    let story_follows = self.next_start[i] < self.section_end;
                    // `**Story: Billing**` then `Example question: ...`
                    // then the labels: the question is that story's.
                    let titled_and_empty = self
                        .current
                        .as_ref()
                        .is_some_and(|d| d.title.is_some() && d.current.is_none());
                    // `- Q: a time you managed a supply risk` nested under
                    // the list item that told the story: its question.
                    let line = &self.lines[i];
                    let answered_below = self.lines.get(i + 1).is_some_and(|next| {
                        next.depth > line.depth
                            && matches!(
                                self.roles[i + 1],
                                Role::Label { .. } | Role::StoryStart { .. }
                            )
                    });
                    let nested_under_story = self.current.as_ref().is_some_and(|d| {
                        d.is_complete()
                            && line.item.is_some()
                            && line.depth > d.start_depth
                            && !answered_below
                    });
                    if (*prefixed && titled_and_empty)
                        || nested_under_story
                        || (*prefixed && self.question_inside_story(i))
                    {
                        self.add_meta(labels::listed_quoted_questions(text), Vec::new());
                    } else if *prefixed || (!open_story && story_follows) {
                        self.finish_draft();
                        if !self.last_was_question {
                            self.pending_questions.clear();
                        }
                        for question in labels::listed_quoted_questions(text) {
                            if self.pending_questions.len() < MAX_PENDING_QUESTIONS {
                                self.pending_questions.push(question);
                            }
                        }
                        self.pending_level = self.section.as_ref().map_or(0, |s| s.level);
                        self.mark_section(|s| s.has_question = true);
                    } else {
                        self.content(i);
                    }
                }
                // An arrow to a title inside a story's text is more likely
                // prose ("Describe X -> we did Y") than a question map.
                // So is a topic sent to a number (`- pages per week → 2`),
                // a measure inside a story's text.
                Role::Mapping(mapping)
                    if self.current.as_ref().is_some_and(|d| d.current.is_some())
                        && (matches!(mapping.target, Target::Title(_))
                            || (matches!(mapping.target, Target::Number { .. })
                                && !labels::is_question(&mapping.question))) =>
                {
                    self.content(i);
                }
                Role::Mapping(mapping) => {
                    self.mappings.push((mapping.clone(), self.lines[i].line));
                    self.mark_section(|s| s.has_mapping = true);
                }
                Role::Rule => {
                    self.end_answer(i);
                    // A rule after the story's last part ends it, even when
                    // that part is still empty (a template left unfilled):
                    // the notes after the rule are not its Result.
                    // (A story with its other parts keeps waiting for the
                    // Result's text.)
                    // So does one after a Result with text, when a part
                    // before it is missing (no Task): the replies below a
                    // post are not its Result.
                    if self.current.as_ref().is_some_and(|d| {
                        d.is_complete()
                            || match d.current {
                                Some(part @ (Part::Result | Part::Learning)) => {
                                    !importable(|p| !d.parts[p.index()].is_empty())
                                        || d.has_text(part)
                                }
                                _ => false,
                            }
                    }) {
                        self.finish_draft();
                    }
                }
                Role::Content => self.content(i),
                Role::Ignored => {}
                Role::Dropped(reason) => {
                    // A transcript's remark or reply ends the answer above it.
                    self.end_answer(i);
                    let line = &self.lines[i];
                    self.skipped.push(SkippedSection {
                        title: labels::clean_title(&line.text),
                        line: line.line,
                        reason: reason.clone(),
                    });
                }
                Role::FollowUps => match &mut self.current {
                    Some(draft) if draft.current.is_some() => {
                        draft.follow_ups = true;
                        let line = &self.lines[i];
                        self.skipped.push(SkippedSection {
                            title: labels::clean_title(&line.text),
                            line: line.line,
                            reason: if labels::commentary_line(&line.text) {
                                "a comment or a note to self under a story, left out of it"
                            } else {
                                "follow-up questions under a story, left out of it"
                            }
                            .to_owned(),
                        });
                    }
                    _ => match self.lines[i].kind {
                        // A `### Follow-ups` heading with no story open (a
                        // story told in paragraphs is still a section):
                        // a section of its own, reported.
                        LineKind::Heading(level) => {
                            let title = labels::clean_title(&self.lines[i].text);
                            self.heading(i, level, &HeadingClass::Plain(title), &[]);
                        }
                        _ => self.content(i),
                    },
                },
            }
            self.last_was_question = is_question;
            self.after_rule = matches!(role, Role::Rule);
        }
        self.finish_draft();
        self.close_section(None);
    }

    /// Ends an answer told in paragraphs under its `Q:` line at a rule or
    /// at a titled story: what follows is not part of it, nor asked by
    /// its question.
    fn end_answer(&mut self, i: usize) {
        if self
            .section
            .as_ref()
            .is_none_or(|s| s.level != ANSWER_HEADING_LEVEL)
        {
            return;
        }
        self.finish_draft();
        self.close_section(None);
        while self
            .stack
            .last()
            .is_some_and(|&h| self.headings[h].level >= ANSWER_HEADING_LEVEL)
        {
            self.stack.pop();
        }
        // What follows under the same heading is a section of its own, so
        // that text which is no story is reported, not lost.
        // (Level 0: reported only if it holds text.)
        let line = self.lines.get(i).map_or(0, |l| l.line);
        self.section = Some(Section::loose(
            format!("text after the answer (line {line})"),
            line,
        ));
    }

    fn heading(&mut self, i: usize, level: u8, class: &HeadingClass, tags: &[String]) {
        self.outside_outline = false;
        if *class == HeadingClass::Empty {
            return;
        }
        if let Some(draft) = &self.current {
            let boundary = matches!(
                class,
                HeadingClass::Story { .. } | HeadingClass::Question { .. }
            ) || self.next_start[i] < self.region_end[i]
                || (draft.is_complete() && self.titles_a_prose_story(i, class));
            // Under a part heading only its sub-headings belong to the part;
            // under a bold label, anything below the story's own heading does.
            // A heading after `---` is not inside this story.
            // A story told right under the document's title (a table's row,
            // a bold title line) ends at a `##` section (`## Extra
            // detail`); `###` and deeper are its own sub-headings.
            let nested = !self.after_rule
                && match draft.part_heading {
                    Some(part_level) => level > part_level,
                    // (Only a row or a titled story: a story under its own
                    // `#` title keeps its `## Key metrics`.)
                    None if draft.anchor == 1
                        && draft.is_complete()
                        && (draft.one_line || draft.title.is_some()) =>
                    {
                        level > 2
                    }
                    None => level > draft.anchor,
                };
            if !boundary && nested {
                // A sub-heading inside a part, such as `#### Key Metrics`.
                self.content(i);
                return;
            }
            self.finish_draft();
        }
        self.close_section(Some(level));
        while self
            .stack
            .last()
            .is_some_and(|&h| self.headings[h].level >= level)
        {
            self.stack.pop();
        }
        self.stack.push(self.headings.len());
        self.headings.push(SectionHeading {
            level,
            line: self.lines[i].line,
            class: class.clone(),
            tags: tags.to_vec(),
            own_list: false,
        });
        self.section_end = self.region_end.get(i).copied().unwrap_or(self.roles.len());
        let story_heading = match class {
            HeadingClass::Story { .. } => true,
            HeadingClass::Plain(title) => {
                !labels::is_known_competency(title) && !labels::is_pitch(title)
            }
            // A `Q:` line over an answer in paragraphs (`read_paragraph_answers`).
            HeadingClass::Question { .. } if level == ANSWER_HEADING_LEVEL => true,
            HeadingClass::Question { question, .. } => labels::asks_for_a_story(question),
            _ => false,
        };
        self.section = Some(Section {
            title: labels::clean_title(&labels::split_hashtags(&self.lines[i].text).0),
            line: self.lines[i].line,
            level,
            story_heading,
            // (A heading that names its story as one, `## Story: The gala`,
            // vouches for the prose under it as a question does.)
            asks: matches!(class, HeadingClass::Question { question, .. }
                if level == ANSWER_HEADING_LEVEL || labels::plainly_asks_for_a_story(question))
                || matches!(class, HeadingClass::Story { title, .. } if !title.is_empty()),
            prose: Vec::new(),
            has_content: false,
            has_story: false,
            has_mapping: false,
            has_question: false,
        });
        self.pending_meta = Default::default();
        if level <= self.pending_level || self.pending_level == 0 {
            self.pending_questions.clear();
            self.pending_level = 0;
        }
    }

    /// A plain heading below a finished story over paragraphs that tell
    /// a story of their own (`#### Contract testing with Pact` then what
    /// "I" did, in the past tense) starts that story rather than running
    /// on in the Result above it; `#### Key metrics` over notes does not.
    fn titles_a_prose_story(&self, i: usize, class: &HeadingClass) -> bool {
        let HeadingClass::Plain(title) = class else {
            return false;
        };
        if !title_like(title) || labels::is_known_competency(title) || aftermath_title(title) {
            return false;
        }
        let end = self.region_end[i].min(self.lines.len());
        let prose: Vec<usize> = (i + 1..end)
            .filter(|&j| self.roles[j] == Role::Content && self.lines[j].kind == LineKind::Text)
            .collect();
        let paragraphs = prose
            .iter()
            .filter(|&&j| self.lines[j].joiner == Joiner::Blank)
            .count();
        let words: usize = prose
            .iter()
            .map(|&j| self.lines[j].text.split_whitespace().count())
            .sum();
        paragraphs >= MIN_SPLIT_STORY_PARAGRAPHS
            && words >= MIN_PROSE_STORY_WORDS
            && prose.len() < MAX_PROSE_LINES
            && is_narrative(self.lines, &prose)
    }

    /// A `Problem` label right after the open story's Situation, with no
    /// Task yet.
    fn problem_after_context(&self, i: usize) -> bool {
        let text = &self.lines[i].text;
        let word = text[labels::skip_decoration(text)..].to_ascii_lowercase();
        let problem = ["problem", "the problem"].iter().any(|w| {
            word.strip_prefix(w)
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        });
        problem
            && self.current.as_ref().is_some_and(|d| {
                d.current == Some(Part::Situation)
                    && d.labelled[Part::Situation.index()]
                    && !d.labelled[Part::Task.index()]
            })
    }

    fn label(
        &mut self,
        i: usize,
        part: Part,
        rest: &str,
        heading: Option<u8>,
        (one_letter, dashed): (bool, bool),
    ) {
        let rest = labels::without_prompt(rest);
        // `Context:` then `Problem:` (CAR notes): the problem set after the
        // context is the task, not more of the situation.
        let part = if part == Part::Situation && self.problem_after_context(i) {
            Part::Task
        } else {
            part
        };
        let pieces = labels::inline_labels(rest, part, one_letter, dashed);
        for (n, (part, text)) in pieces.into_iter().enumerate() {
            self.one_label(i, part, text, if n == 0 { heading } else { None });
        }
    }

    fn one_label(&mut self, i: usize, part: Part, rest: &str, heading: Option<u8>) {
        if self.current.as_ref().is_none_or(|d| d.is_split_by(part)) {
            self.finish_draft();
            let mut draft = self.start_draft(i);
            // `Outcome:` after unlabelled paragraphs that tell the story: the
            // paragraphs are the parts before it.
            let earlier: Vec<Part> = Part::STAR
                .into_iter()
                .filter(|&p| p.index() < part.index())
                .collect();
            // (Under a part's own heading, `## Story C · approach`, what
            // the story's title slide holds is the parts before it.)
            if let Some(section) = self.section.as_mut().filter(|s| {
                s.story_heading
                    && !s.has_story
                    && !earlier.is_empty()
                    && (is_narrative(self.lines, &s.prose)
                        || (heading.is_some()
                            && (labels::story_part_heading(&self.lines[i].text).is_some()
                                || told_above_a_part_heading(self.lines, &s.prose))
                            && !s.prose.is_empty())
                        || (matches!(part, Part::Task | Part::Action)
                            && sets_a_scene(self.lines, &s.prose)))
            }) {
                let prose = std::mem::take(&mut section.prose);
                if let Some(&first) = prose.first() {
                    draft.start_line = self.lines[first].line;
                }
                assign_by_position(self.lines, &prose, &earlier, &mut draft);
            }
            // Notes under the story's heading before its first part (`My
            // go-to story for ownership.`) belong to no part: reported,
            // not dropped without a word.
            if let Some(section) = self.section.as_mut().filter(|s| !s.has_story) {
                // Interview questions listed under the title (`- Tell me
                // about a time you failed.`) are the questions it answers.
                let (asked, notes): (Vec<usize>, Vec<usize>) = std::mem::take(&mut section.prose)
                    .into_iter()
                    .partition(|&k| {
                        let line = &self.lines[k];
                        line.item.is_some()
                            && labels::is_question(&line.text)
                            && labels::asks_for_a_story(&line.text)
                    });
                for k in asked {
                    draft
                        .questions
                        .push(labels::clean_question(&self.lines[k].text));
                }
                if let Some(&first) = notes.first() {
                    self.skipped.push(SkippedSection {
                        title: labels::clean_title(&self.lines[first].text),
                        line: self.lines[first].line,
                        reason: format!(
                            "{} line(s) above the story's first part, in no part: not imported",
                            notes.len()
                        ),
                    });
                }
            }
            self.current = Some(draft);
        }
        let line = &self.lines[i];
        if let Some(draft) = &mut self.current {
            draft.current = Some(part);
            // A part's label after the tags or the follow-ups: the story
            // goes on (`### Learnings` below a `Tags:` line).
            draft.tagged_after_result = None;
            draft.past_tags = false;
            draft.follow_ups = false;
            draft.in_remark = false;
            draft.labelled[part.index()] = true;
            draft.labels_in_lists &= line.item.is_some();
            draft.one_line &= line.line == draft.start_line;
            draft.part_heading = heading;
            draft.base_depth = line.depth;
            let text = collapse(rest);
            if !text.is_empty() {
                draft.parts[part.index()].push(Fragment {
                    text,
                    joiner: Joiner::Blank,
                });
            }
        }
        self.mark_section(|s| s.has_story = true);
    }

    fn content(&mut self, i: usize) {
        // Past the paragraph told under a bulleted title: the story is over.
        if self
            .current
            .as_ref()
            .is_some_and(|d| d.numbered_start && d.current.is_none() && i >= d.untold_end)
        {
            self.finish_draft();
        }
        let line = &self.lines[i];
        // A list item shallower than the story's labels is outside it: an
        // outline's next top-level note after a story nested under a
        // heading item.
        if line.item.is_some()
            && self.current.as_ref().is_some_and(|d| {
                d.current.is_some() && d.is_complete() && line.depth < d.base_depth
            })
        {
            self.finish_draft();
            self.outside_outline = true;
        }
        if self.outside_outline && self.current.is_none() {
            if line.item.is_some() || line.joiner == Joiner::Blank {
                self.skipped.push(SkippedSection {
                    title: labels::clean_title(&line.text),
                    line: line.line,
                    reason: "after the story, outside its outline".to_owned(),
                });
            }
            return;
        }
        // Only a list before the section's first story: one after a story
        // (a reminder below it) says nothing about the heading.
        let before_stories = self.section.as_ref().is_some_and(|s| !s.has_story);
        if self.current.is_none() && line.item.is_some() && before_stories {
            if let Some(heading) = self.stack.last().and_then(|&h| self.headings.get_mut(h)) {
                heading.own_list = true;
            }
        }
        let Some(draft) = &mut self.current else {
            let prose = matches!(line.kind, LineKind::Text) && !line.text.trim().is_empty();
            let other = matches!(line.kind, LineKind::Code | LineKind::Row);
            self.mark_section(|s| {
                s.has_content = true;
                // Parts by paragraph take text only: a section with code or
                // a table is left for the user to label, not cut short.
                if other {
                    s.story_heading = false;
                }
                if prose && !s.has_story {
                    // Past the cap the section is an essay, not a story, and
                    // is not imported (rather than imported cut short).
                    if s.prose.len() < MAX_PROSE_LINES {
                        s.prose.push(i);
                    } else {
                        s.story_heading = false;
                    }
                }
            });
            return;
        };
        // Text between a `Story:` line and its first label has no part to
        // go to, unless no label comes (`finish_draft`).
        let Some(part) = draft.current else {
            let prose = line.kind == LineKind::Text && !line.text.trim().is_empty();
            if draft.title.is_some() && prose {
                if draft.untold.len() < MAX_PROSE_LINES {
                    draft.untold.push(i);
                } else {
                    draft.untold_overflow = true;
                }
            }
            return;
        };
        if draft.follow_ups {
            return;
        }
        // `#ownership #crisis` closed the story; a note to self after it
        // is reported, not appended to the Result.
        // The rest of the tags' own block (a table's next row) still belongs.
        // Lines made from the same table row as the tags are not after them.
        let after_tags = draft.tagged_after_result.is_some_and(|at| at != line.line);
        let new_block = line.joiner == Joiner::Blank || (line.item.is_some() && !draft.past_tags);
        if after_tags && (draft.past_tags || new_block) {
            let first = !draft.past_tags || line.joiner == Joiner::Blank;
            draft.past_tags = true;
            // Once per block: a paragraph, a list, a code block.
            if first && !line.text.trim().is_empty() {
                self.skipped.push(SkippedSection {
                    title: labels::clean_title(&line.text),
                    line: line.line,
                    reason: "text after the story's tags, not part of the story".to_owned(),
                });
            }
            return;
        }
        // The rest of a remark's or note's paragraph (below) goes with it.
        if draft.in_remark {
            if line.joiner != Joiner::Blank && line.item.is_none() {
                return;
            }
            draft.in_remark = false;
        }
        // `Interviewer liked this one at Stripe.` in a paragraph of its own
        // after the Result: a remark on telling the story, reported.
        if matches!(part, Part::Result | Part::Learning)
            && line.joiner == Joiner::Blank
            && line.kind == LineKind::Text
            && line.item.is_none()
            && labels::interview_remark(&line.text)
        {
            draft.in_remark = true;
            self.skipped.push(SkippedSection {
                title: labels::clean_title(&line.text),
                line: line.line,
                reason: "a remark on telling the story, not part of it".to_owned(),
            });
            return;
        }
        // `(remember: don't make Mia sound bad)`, `NB - practise this one`,
        // `Last updated: March 2024`: a line of its own (not a wrapped
        // sentence's continuation) addressed to the writer.
        let own_line = line.joiner == Joiner::Blank
            || line.item.is_some()
            || draft.parts[part.index()]
                .last()
                .is_none_or(|f| f.text.trim_end().ends_with(['.', '!', '?', ')', ':']));
        if line.kind == LineKind::Text && own_line && labels::note_to_self(&line.text) {
            // The rest of its paragraph goes with it; a list's next item
            // is its own line.
            draft.in_remark = line.item.is_none();
            self.skipped.push(SkippedSection {
                title: line.text.trim().to_owned(),
                line: line.line,
                reason: "a note to self, not part of the story".to_owned(),
            });
            return;
        }
        let text = match (&line.kind, &line.item) {
            (LineKind::Code, _) => line.text.trim_end().to_owned(),
            (_, Some(marker)) => {
                let relative = line.depth.saturating_sub(draft.base_depth + 1);
                let indent = "  ".repeat(relative.min(MAX_INDENT));
                format!("{indent}{marker} {}", collapse(&line.text))
            }
            _ => collapse(&line.text),
        };
        if text.is_empty() && line.kind != LineKind::Code {
            return;
        }
        draft.parts[part.index()].push(Fragment {
            text,
            joiner: line.joiner,
        });
    }

    fn new_draft(&self, i: usize) -> Draft {
        Draft {
            start_line: self.lines[i].line,
            start_depth: self.lines.get(i).map_or(0, |l| l.depth),
            start_text: labels::clean_title(&self.lines[i].text),
            title: None,
            number: None,
            headings: self.stack.clone(),
            anchor: self.stack.last().map_or(0, |&h| self.headings[h].level),
            questions: self.pending_questions.clone(),
            competencies: Vec::new(),
            parts: Default::default(),
            labelled: [false; 5],
            current: None,
            part_heading: None,
            base_depth: 0,
            untold: Vec::new(),
            untold_overflow: false,
            numbered_start: self.prose_titles.get(i).copied().flatten().is_some(),
            one_line: true,
            untold_end: self
                .prose_titles
                .get(i)
                .copied()
                .flatten()
                .unwrap_or(usize::MAX),
            guessed: false,
            labels_in_lists: true,
            prose_section: None,
            listed_steps: 0,
            tagged_after_result: None,
            past_tags: false,
            follow_ups: false,
            in_remark: false,
            meta_above: false,
        }
    }

    /// A new draft that takes the pending metadata lines.
    fn start_draft(&mut self, i: usize) -> Draft {
        self.outside_outline = false;
        let mut draft = self.new_draft(i);
        let (questions, competencies) = std::mem::take(&mut self.pending_meta);
        draft.meta_above = !questions.is_empty() || !competencies.is_empty();
        draft.questions.extend(questions);
        draft.competencies = competencies;
        draft
    }

    /// Metadata goes to the open story, or waits for the next one.
    fn add_meta(&mut self, questions: Vec<String>, competencies: Vec<String>) {
        let (to_questions, to_competencies) = match &mut self.current {
            Some(draft) => (&mut draft.questions, &mut draft.competencies),
            None => (&mut self.pending_meta.0, &mut self.pending_meta.1),
        };
        push_capped(to_questions, questions);
        push_capped(to_competencies, competencies);
    }

    fn finish_draft(&mut self) {
        if let Some(mut draft) = self.current.take() {
            // A titled story told in paragraphs without a label (`2) medical
            // diversion` then what happened): its parts by position, trusted
            // as a section of paragraphs is.
            let unlabelled =
                draft.labelled.iter().all(|l| !l) && draft.parts.iter().all(Vec::is_empty);
            if unlabelled
                && draft.numbered_start
                && !draft.untold_overflow
                && is_narrative(self.lines, &draft.untold)
            {
                let untold = std::mem::take(&mut draft.untold);
                assign_by_position(self.lines, &untold, &Part::STAR, &mut draft);
                let title = draft.title.clone().unwrap_or_default();
                draft.prose_section = Some((title, draft.start_line, false));
            }
            self.drafts.push(draft);
        }
    }

    fn mark_section(&mut self, mark: impl FnOnce(&mut Section)) {
        if let Some(section) = &mut self.section {
            mark(section);
        }
    }

    fn close_section(&mut self, next_level: Option<u8>) {
        let Some(section) = self.section.take() else {
            return;
        };
        if section.has_story || section.has_mapping {
            return;
        }
        let child_follows = next_level.is_some_and(|n| n > section.level);
        // Mostly list items (a to-do list, questions to ask) is not a story
        // told in paragraphs, however it reads.
        let listed = section
            .prose
            .iter()
            .filter(|&&i| self.lines.get(i).is_some_and(|l| l.item.is_some()))
            .count();
        // (Unless the items are steps taken, in the past tense, with the
        // scene and the outcome told around them: `- rightsized RDS`, `-
        // moved the certs to ACM`; a brag document's list of wins is no
        // story.)
        let steps = section
            .prose
            .iter()
            .filter_map(|&i| self.lines.get(i))
            .filter(|l| {
                l.item.is_some()
                    && l.text
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| labels::is_past_tense(&w.to_lowercase()))
            })
            .count();
        // (The prose around says who did them: a brag document's line over
        // its wins does not.)
        let told_around = section.prose.len() - listed >= MIN_PROSE_AROUND_STEPS
            && section
                .prose
                .iter()
                .filter_map(|&i| self.lines.get(i))
                .filter(|l| l.item.is_none())
                .any(|l| {
                    l.text
                        .split(|c: char| !c.is_alphanumeric() && c != '\'')
                        .any(|w| matches!(w, "I" | "we" | "We" | "my" | "My" | "our" | "Our"))
                });
        let paragraphs = listed * 2 <= section.prose.len() || (steps * 3 >= listed && told_around);
        let numbered = told_as_numbered_parts(self.lines, &section.prose);
        if section.story_heading
            && !child_follows
            && (paragraphs || numbered)
            && is_narrative(self.lines, &section.prose)
        {
            if let Some(&first) = section.prose.first() {
                let mut draft = self.start_draft(first);
                if numbered {
                    // Item by item, in STAR order, as the writer numbered them.
                    let mut k = 0;
                    for &i in &section.prose {
                        let line = &self.lines[i];
                        if line.item.is_some() && !draft.parts[Part::STAR[k].index()].is_empty() {
                            k = (k + 1).min(Part::STAR.len() - 1);
                        }
                        draft.parts[Part::STAR[k].index()].push(Fragment {
                            text: collapse(&line.text),
                            joiner: if line.item.is_some() {
                                Joiner::Blank
                            } else {
                                Joiner::Space
                            },
                        });
                    }
                    draft.guessed = true;
                } else {
                    assign_by_position(self.lines, &section.prose, &Part::STAR, &mut draft);
                }
                draft.prose_section = Some((section.title, section.line, section.asks));
                draft.listed_steps = steps;
                self.drafts.push(draft);
                return;
            }
        }
        let reason = if section.has_content {
            "no STAR parts"
        } else if section.has_question && !child_follows {
            "a question with no story under it"
        } else if section.level > 0 && next_level.is_none_or(|n| n <= section.level) {
            "heading with nothing under it"
        } else {
            return;
        };
        self.skipped.push(SkippedSection {
            title: section.title,
            line: section.line,
            reason: reason.to_owned(),
        });
    }

    fn resolve(self, file_name: &str) -> Outcome {
        // A story with a title of its own (`**Title**`, `Story 2: Title`)
        // does not compete for its section heading's title, nor does a
        // stub that will be skipped (a template left to fill in below the
        // story) compete with a story; a lone stub is reported by it.
        let mut counts = vec![0usize; self.headings.len()];
        let mut stubs = vec![0usize; self.headings.len()];
        // Untitled drafts right under each heading.
        let mut own = vec![0usize; self.headings.len()];
        for draft in self.drafts.iter().filter(|d| d.title.is_none()) {
            if let Some(slot) = draft.headings.last().and_then(|&h| own.get_mut(h)) {
                *slot += 1;
            }
        }
        for draft in self.drafts.iter().filter(|d| d.title.is_none()) {
            // Nor does a story under a heading that names it (`### Story 3
            // – saying no`, `#### 4. The Lost Patio Set Order` or a question
            // over it alone) compete for the headings above that one (`##
            // CRM clean-up`, whose own story sits right under it).
            let named = draft.headings.last().is_some_and(|&h| {
                self.headings
                    .get(h)
                    .is_some_and(|heading| match &heading.class {
                        HeadingClass::Story { title, .. } => !title.is_empty(),
                        HeadingClass::Plain(title) => {
                            own.get(h) == Some(&1)
                                && !title.is_empty()
                                && !labels::is_known_competency(title)
                        }
                        // An answer under the question it answers.
                        HeadingClass::Question { .. } => own.get(h) == Some(&1),
                        _ => false,
                    })
            });
            let tally = if assess(draft).complete {
                &mut counts
            } else {
                &mut stubs
            };
            let innermost = draft.headings.len().saturating_sub(1);
            for (k, &h) in draft.headings.iter().enumerate() {
                if named && k < innermost {
                    continue;
                }
                if let Some(count) = tally.get_mut(h) {
                    *count += 1;
                }
            }
        }
        // The one untitled story (or, failing that, stub) under a heading.
        let sole = |h: usize, complete: bool| {
            let (stories, stubs) = (counts.get(h).copied(), stubs.get(h).copied());
            if complete {
                stories == Some(1)
            } else {
                stories == Some(0) && stubs == Some(1)
            }
        };
        // A heading that titles the one untitled story under it is that
        // story's name, not a competency of the titled stories beside it
        // (`### 1. The overbooked night`, then `**2. Another story**`).
        let titling: HashSet<usize> = self
            .drafts
            .iter()
            .filter(|d| d.title.is_none())
            .filter_map(|d| d.headings.last().copied())
            .filter(|&h| sole(h, true) || sole(h, false))
            .filter(|&h| {
                self.headings.get(h).is_some_and(|heading| {
                    matches!(&heading.class, HeadingClass::Plain(title)
                        if !labels::is_known_competency(title))
                })
            })
            .collect();
        let mut skipped = self.skipped;
        let mut stories: Vec<ImportedStory> = Vec::new();
        let mut numbers: Vec<Number> = Vec::new();
        // Stories told as plain paragraphs are trusted only in notes that
        // label STAR parts elsewhere, under a heading that asks for one
        // ("Tell me about a time you failed"), or with a story's metadata
        // (`*Competencies: ...*`): in a document without labels, paragraphs
        // under other titles are more likely an essay.
        let labelled_story = self.drafts.iter().any(|d| !d.guessed && d.is_importable());
        for draft in &self.drafts {
            if let Some((title, line, asks)) = &draft.prose_section {
                let tagged = !draft.competencies.is_empty() || !draft.questions.is_empty();
                let voice = Voice::of(draft);
                // A document of stories written out as prose, with no labels
                // anywhere (a manuscript, a blog post), is trusted when a
                // section reads as one: paragraphs telling what I did.
                if !labelled_story && !asks && !tagged && !voice.narrative() {
                    skipped.push(SkippedSection {
                        title: title.clone(),
                        line: *line,
                        reason: "no STAR parts".to_owned(),
                    });
                    continue;
                }
                // Links, page chrome, a reading list ("We use cookies"):
                // no one tells what they did.
                if voice.singular == 0 {
                    skipped.push(SkippedSection {
                        title: title.clone(),
                        line: *line,
                        reason: "paragraphs that never say \"I\" or \"my\": not a story told by its writer".to_owned(),
                    });
                    continue;
                }
            }
            let Assessment {
                parts,
                words,
                too_short,
                instructions,
                has_parts,
                complete,
            } = assess(draft);
            let part = |p: Part| parts.get(p.index()).cloned().unwrap_or_default();
            let innermost = draft
                .headings
                .last()
                .and_then(|&h| Some((h, self.headings.get(h)?)));
            // The nearest heading that names something (past `### My
            // answer`): the question a story is filed under numbers it
            // (`## Question 1: ...`) and may name it.
            let named_heading = draft
                .headings
                .iter()
                .rev()
                .filter_map(|&h| self.headings.get(h))
                .find(|h| !names_nothing(&h.class));
            let from_heading = match innermost {
                Some((h, heading)) => match &heading.class {
                    HeadingClass::Story { title, .. } if !title.is_empty() => {
                        Some((h, title.clone(), heading.line))
                    }
                    HeadingClass::Plain(title)
                        if !title.is_empty()
                            && sole(h, complete)
                            && !labels::is_known_competency(title) =>
                    {
                        Some((h, title.clone(), heading.line))
                    }
                    _ => None,
                },
                None => None,
            };
            let (title, title_heading, line) = match (&draft.title, from_heading) {
                (Some(title), _) => (title.clone(), None, draft.start_line),
                (None, Some((h, title, line))) => (title, Some(h), line),
                // A skipped fragment is easiest to find by the line it starts with.
                (None, None) if !complete && !draft.start_text.is_empty() => {
                    (draft.start_text.clone(), None, draft.start_line)
                }
                (None, None) => {
                    // An answer told in paragraphs under its `Q:` line
                    // opens as speech ("So, the situation was..."), a poor
                    // title: it is named after the question, in the
                    // writer's voice.
                    // So is an answer script told in paragraphs under a
                    // question heading (`### "Tell me about a time you
                    // disagreed with a physician..."` then "So this was on
                    // nights...").
                    let told = draft.prose_section.is_some() || draft.guessed;
                    let asked = match innermost.map(|(_, heading)| (heading.level, &heading.class))
                    {
                        Some((ANSWER_HEADING_LEVEL, HeadingClass::Question { question, .. })) => {
                            labels::title_from_question(question)
                        }
                        Some((_, HeadingClass::Question { question, .. })) if told => {
                            labels::title_from_request(question)
                        }
                        _ => None,
                    };
                    let from_text = || {
                        [Part::Situation, Part::Task, Part::Action, Part::Result]
                            .iter()
                            .find_map(|&p| labels::derive_title(&part(p)))
                    };
                    // A labelled answer under a question heading is named
                    // by its text, unless that opens with a date or is a
                    // word or two (`Autumn 2023`, `When I became KS3
                    // coordinator`): the question names it better.
                    let from_question = || match named_heading.map(|h| &h.class) {
                        Some(HeadingClass::Question { question, .. }) => {
                            labels::title_from_request(question)
                        }
                        _ => None,
                    };
                    // Or the question it is tagged with (a table's
                    // `Question` column): `Influencing without authority`
                    // as it is, `Tell me about a mistake you made` as
                    // "A mistake I made".
                    let from_tagged = || {
                        let question = draft.questions.first()?;
                        labels::title_from_request(question).or_else(|| {
                            let words = question.split_whitespace().count();
                            ((2..=MAX_TOPIC_TITLE_WORDS).contains(&words)
                                && !labels::is_question(question))
                            .then(|| capitalised(question.trim()))
                        })
                    };
                    let derived = asked
                        .or_else(|| match from_text() {
                            Some(title) if !labels::weak_title(&title) => Some(title),
                            weak => from_question().or_else(from_tagged).or(weak),
                        })
                        .unwrap_or_else(|| "Untitled story".to_owned());
                    (derived, None, draft.start_line)
                }
            };
            let number = draft
                .number
                .or_else(|| match named_heading.map(|h| &h.class) {
                    Some(
                        HeadingClass::Story { number, .. } | HeadingClass::Question { number, .. },
                    ) => *number,
                    _ => None,
                });
            let mut competencies = Vec::new();
            let mut questions = Vec::new();
            for &h in &draft.headings {
                let Some(heading) = self.headings.get(h) else {
                    continue;
                };
                competencies.extend(heading.tags.iter().cloned());
                match &heading.class {
                    HeadingClass::Plain(text)
                        if Some(h) != title_heading
                            && !titling.contains(&h)
                            && (!heading.own_list || labels::is_known_competency(text)) =>
                    {
                        competencies.extend(labels::competencies(text));
                    }
                    HeadingClass::Competency(names) => competencies.extend(names.iter().cloned()),
                    HeadingClass::Question { question, .. }
                    | HeadingClass::Story {
                        asked: Some(question),
                        ..
                    } => questions.push(question.clone()),
                    _ => {}
                }
            }
            questions.extend(draft.questions.iter().cloned());
            competencies.extend(draft.competencies.iter().cloned());
            let competencies = dedupe(competencies);
            let questions = dedupe(questions);
            if !complete {
                skipped.push(SkippedSection {
                    title,
                    line,
                    reason: if instructions {
                        labels::instructions_reason(&parts).to_owned()
                    } else if too_short && has_parts {
                        format!("too little text for a story ({words} words and no Action)")
                    } else {
                        missing_reason(&parts, &draft.labelled)
                    },
                });
                continue;
            }
            let learning = Some(part(Part::Learning)).filter(|l| !l.is_empty());
            let story = Story {
                id: slugify(&title, ID_WORDS),
                title,
                competencies,
                tags: Vec::new(),
                questions,
                situation: part(Part::Situation),
                task: part(Part::Task),
                action: part(Part::Action),
                result: part(Part::Result),
                learning,
                source: Some(format!("{file_name}:{line}")),
            };
            stories.push(ImportedStory {
                story,
                line,
                guessed_parts: draft.guessed,
            });
            numbers.push(number);
        }
        keep_one_telling(&mut stories, &mut numbers, &mut skipped);
        apply_mappings(&mut stories, &numbers, self.mappings, &mut skipped);
        skipped.sort_by_key(|s| s.line);
        Outcome { stories, skipped }
    }
}

/// A story told twice in one document, the second telling titled as a
/// version of the first (`Title (short version)`, as an AI assistant's
/// rewrite is), is imported once: the longer telling, under the plain
/// title; the other is reported.
fn keep_one_telling(
    stories: &mut Vec<ImportedStory>,
    numbers: &mut Vec<Number>,
    skipped: &mut Vec<SkippedSection>,
) {
    // `the NOTAM one` and `NOTAM` name one story: a handle's small words
    // do not count.
    // A bracket closing the title (`(pressure)`) notes what it is for.
    let key = |title: &str| -> String {
        let title = match title.trim_end().strip_suffix(')') {
            Some(inner) => inner.rfind('(').map_or(title, |open| &inner[..open]),
            None => title,
        };
        labels::words_lower(title)
            .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "one" | "story" | "thing"))
            .flat_map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let size = |s: &ImportedStory| {
        let st = &s.story;
        [&st.situation, &st.task, &st.action, &st.result]
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum::<usize>()
    };
    // Each story's plain title, keyed, and the first story with each key.
    let mut bases: Vec<Option<String>> = stories
        .iter()
        .map(|s| labels::version_base(&s.story.title))
        .collect();
    let keys: Vec<String> = stories
        .iter()
        .zip(&bases)
        .map(|(s, base)| key(base.as_deref().unwrap_or(&s.story.title)))
        .collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut dropped = vec![false; stories.len()];
    for i in 0..stories.len() {
        let Some(&j) = first.get(keys[i].as_str()) else {
            first.insert(keys[i].as_str(), i);
            continue;
        };
        // Only a telling titled as a version joins another; two stories
        // that merely share a title stay two.
        let Some(base) = bases[i].as_ref().or(bases[j].as_ref()) else {
            continue;
        };
        // The telling the writer marks as the one to use (`USE THIS ONE`,
        // a later draft number), else the longer.
        let rank = |k: usize| {
            let (mark, number) = labels::telling_preference(&stories[k].story.title);
            (mark, number, size(&stories[k]))
        };
        let (keep, other) = if rank(i) > rank(j) { (i, j) } else { (j, i) };
        skipped.push(SkippedSection {
            title: stories[other].story.title.clone(),
            line: stories[other].line,
            reason: format!(
                "another telling of the same story, left out: the one at line {} is imported",
                stories[keep].line
            ),
        });
        // The left-out telling's tags and questions still describe it.
        let (questions, competencies) = {
            let gone = &stories[other].story;
            (gone.questions.clone(), gone.competencies.clone())
        };
        let kept = &mut stories[keep].story;
        kept.title = base.trim().to_owned();
        kept.id = slugify(&kept.title, ID_WORDS);
        kept.questions = dedupe(kept.questions.drain(..).chain(questions).collect());
        kept.competencies = dedupe(kept.competencies.drain(..).chain(competencies).collect());
        dropped[other] = true;
        // The kept story is now titled plainly: a later story that only
        // shares its title stays a story of its own.
        bases[keep] = None;
        first.insert(keys[i].as_str(), keep);
    }
    let mut index = 0;
    stories.retain(|_| {
        index += 1;
        !dropped[index - 1]
    });
    let mut index = 0;
    numbers.retain(|_| {
        index += 1;
        !dropped[index - 1]
    });
    // A note that a telling is unfinished (`(UNFINISHED - need result)`,
    // `— UNFINISHED`) is not part of its title; read only now, so that
    // `Title (draft)` beside `Title` above was one story's two tellings.
    for imported in stories.iter_mut() {
        // `Export rewrite — USE THIS ONE` alone: the writer's pick needs no
        // note once it is the only telling.
        if labels::telling_preference(&imported.story.title).0 > 0 {
            if let Some(base) = labels::version_base(&imported.story.title) {
                imported.story.title = base;
                imported.story.id = slugify(&imported.story.title, ID_WORDS);
            }
        }
        let title = labels::without_draft_note(labels::without_draft_number(&imported.story.title));
        if title.len() < imported.story.title.len() {
            imported.story.title = title.to_owned();
            imported.story.id = slugify(&imported.story.title, ID_WORDS);
        }
        // `Rollout freeze — conflict`: the competency it is filed under.
        if let Some((title, names)) = labels::split_competency_tail(&imported.story.title) {
            let title = title.to_owned();
            for name in names {
                if !imported.story.competencies.contains(&name) {
                    imported.story.competencies.push(name);
                }
            }
            imported.story.title = title;
            imported.story.id = slugify(&imported.story.title, ID_WORDS);
        }
    }
}

/// A draft's parts as text (placeholders emptied) and whether it is a
/// story to import.
struct Assessment {
    parts: Vec<String>,
    words: usize,
    too_short: bool,
    instructions: bool,
    has_parts: bool,
    complete: bool,
}

fn assess(draft: &Draft) -> Assessment {
    let parts: Vec<String> = draft
        .parts
        .iter()
        .map(|p| render(p))
        .map(|text| {
            if labels::is_placeholder(&text) {
                String::new()
            } else {
                text
            }
        })
        .collect();
    let empty = |p: Part| parts.get(p.index()).is_none_or(String::is_empty);
    // Notes often fold the Task into the Situation or have no Result
    // yet: such a story is still worth finding, so it is imported
    // and the report names what it lacks. It must say what was done
    // or achieved, though: Situation and Task alone are a stub.
    // A few words in `- Context:` and `- Result:` list items with
    // nothing done in between are a cheat sheet, not a story.
    let words: usize = parts.iter().map(|p| p.split_whitespace().count()).sum();
    // Nor is a Situation with a line of Result and nothing between (`Tom
    // joined in Sept` / `wait for his review`): a stub.
    let result_words = parts
        .get(Part::Result.index())
        .map_or(0, |r| r.split_whitespace().count());
    let too_short = empty(Part::Action)
        && (draft.labels_in_lists || (empty(Part::Task) && result_words < MIN_RESULT_WORDS))
        && words < MIN_WORDS_WITHOUT_ACTION;
    // "Describe the situation you were in..." under STAR labels is a
    // template or a guide to the method, not a story.
    let instructions = labels::reads_as_instructions(&parts);
    let has_parts = importable(|p| !empty(p));
    Assessment {
        complete: has_parts && !too_short && !instructions,
        parts,
        words,
        too_short,
        instructions,
        has_parts,
    }
}

fn dedupe(items: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    items
        .into_iter()
        .filter(|item| !item.trim().is_empty() && seen.insert(item.to_lowercase()))
        .collect()
}

/// Joins a part's fragments and tidies the result: no trailing spaces, no
/// runs of blank lines, and no quotes wrapping the whole answer.
fn render(fragments: &[Fragment]) -> String {
    let mut joined = String::new();
    for fragment in fragments {
        if !joined.is_empty() {
            joined.push_str(match fragment.joiner {
                Joiner::Space => " ",
                Joiner::Newline => "\n",
                Joiner::Blank => "\n\n",
            });
        }
        joined.push_str(&fragment.text);
    }
    let mut out = String::with_capacity(joined.len());
    let mut blank_run = 0;
    for line in joined.lines().map(str::trim_end) {
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    // `Situation` on a line of its own, then `: text` (a definition list):
    // the colon belongs to the label.
    if let Some(rest) = out.strip_prefix(':') {
        out = rest.trim_start().to_owned();
    }
    // A part that is one list item (`- as mobile lead: ...`, from notes kept
    // as an outline) is a sentence, not a list.
    if !out.contains('\n') {
        if let Some(item) = out.strip_prefix("- ").or_else(|| out.strip_prefix("* ")) {
            out = item.trim_start().to_owned();
        }
    }
    labels::strip_wrapping_quotes(&out).to_owned()
}

/// A story told as a numbered list of four sentences in STAR order
/// (`1. Jess, one of our grads...` to `4. Her audit scores went...`), each
/// item a sentence or more and the list all there is.
fn told_as_numbered_parts(lines: &[Line], prose: &[usize]) -> bool {
    let items: Vec<&Line> = prose
        .iter()
        .filter_map(|&i| lines.get(i))
        .filter(|l| l.item.is_some())
        .collect();
    let numbered = items.iter().enumerate().all(|(k, l)| {
        let marker = l.item.as_deref().unwrap_or("");
        marker.trim_end_matches(['.', ')']) == (k + 1).to_string()
    });
    let same_list = items.iter().all(|l| l.depth == items[0].depth);
    // Every line is an item or continues one.
    let only_items = prose
        .iter()
        .filter_map(|&i| lines.get(i))
        .all(|l| l.item.is_some() || l.joiner == Joiner::Space);
    // Steps (`1. I mapped...`, `2. I wrote...`) are no scene and outcome.
    let steps = items
        .iter()
        .filter(|l| l.text.trim_start().starts_with("I "))
        .count();
    items.len() == Part::STAR.len()
        && steps < 3
        && numbered
        && same_list
        && only_items
        && items
            .iter()
            .all(|l| l.text.split_whitespace().count() >= MIN_NUMBERED_PART_WORDS)
}

/// Fewest words of each item of a story told as a numbered list.
const MIN_NUMBERED_PART_WORDS: usize = 8;

/// Whether a story with these parts filled is worth importing: two STAR
/// parts, one of them what was done or achieved.
fn importable(filled: impl Fn(Part) -> bool) -> bool {
    Part::STAR.iter().filter(|&&p| filled(p)).count() >= MIN_STAR_PARTS
        && (filled(Part::Action) || filled(Part::Result))
}

/// Most unlabelled lines looked at in one section; a story is a few
/// paragraphs, and the cap keeps a hostile document linear.
const MAX_PROSE_LINES: usize = 64;

/// Lines under a story's heading above its first part's own heading
/// (`## Coaching Jade` over `### What I did`): the parts before, unless
/// they are a note (`See the Q3 deck.`). (Under a slide deck's `## Story
/// A · what I did`, whatever the title slide holds.)
fn told_above_a_part_heading(lines: &[Line], prose: &[usize]) -> bool {
    told_lines(lines, prose, MIN_WORDS_ABOVE_PART_HEADING).is_some()
}

/// The lines of `prose` when they hold `fewest` words or more and none is
/// an aside in brackets or a note to self.
fn told_lines<'l>(lines: &'l [Line], prose: &[usize], fewest: usize) -> Option<Vec<&'l Line>> {
    let lines: Vec<&Line> = prose.iter().filter_map(|&i| lines.get(i)).collect();
    let words: usize = lines
        .iter()
        .map(|l| l.text.split_whitespace().count())
        .sum();
    (words >= fewest
        && lines.iter().all(|l| {
            let text = l.text.trim();
            !text.starts_with(['(', '[']) && !labels::note_to_self(text)
        }))
    .then_some(lines)
}

/// Fewest words above a story's first part heading read as its earlier
/// parts.
const MIN_WORDS_ABOVE_PART_HEADING: usize = 8;

/// `2022–23. A Year 4 teacher... was slipping...` under a story's heading,
/// then `Task:` or `What I did:`: a paragraph of sentences (no list, no
/// note in brackets or italics) before the first label is the scene it
/// sets, in whatever person it is told, if it tells of the past. (Not
/// before an `Outcome:` alone: a paragraph of company research and
/// `Outcome: good time to join` is no story.)
fn sets_a_scene(lines: &[Line], prose: &[usize]) -> bool {
    let Some(lines) = told_lines(lines, prose, MIN_SCENE_WORDS_BEFORE_LABEL) else {
        return false;
    };
    lines.iter().any(|l| {
        l.text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| labels::is_past_tense(&w.to_lowercase()))
    }) && lines.iter().all(|l| {
        // (`2022. A Year 4 teacher...` reads as a list numbered 2022.)
        let year = l.item.as_deref().is_some_and(|marker| {
            marker
                .strip_suffix('.')
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| (1950..=2100).contains(&n))
        });
        (l.item.is_none() || year) && l.kind == LineKind::Text && !l.is_all_emphasis()
    }) && lines
        .last()
        .is_some_and(|l| l.text.trim_end().ends_with(['.', '!', ')']))
}

/// Fewest words of a scene told before a story's first label.
const MIN_SCENE_WORDS_BEFORE_LABEL: usize = 12;

/// `Follow-up questions from customers fell too` wrapped onto `once the
/// FAQ went live.`: a plain line read as a follow-ups header (no colon, no
/// emphasis) that its paragraph goes on from is the story's text.
fn keep_wrapped_follow_up_lines(lines: &[Line], roles: &mut [Role]) {
    for i in 0..roles.len() {
        let plain = roles[i] == Role::FollowUps
            && !lines[i].is_all_emphasis()
            && !lines[i].text.trim_end().ends_with(':')
            && !labels::commentary_line(&lines[i].text);
        if plain
            && lines
                .get(i + 1)
                .is_some_and(|next| next.joiner == Joiner::Space)
        {
            roles[i] = Role::Content;
        }
    }
}

/// `## Story A · what I did` under `## Story A · Pricing page nobody
/// trusted`: a slide deck's heading for the next part of the story open,
/// named by its letter or number. (`## Story 2: Impact & influence` opening
/// story 2 is its title.)
fn read_story_part_headings(lines: &[Line], roles: &mut [Role]) {
    let mut open: Option<u32> = None;
    for (line, role) in lines.iter().zip(roles.iter_mut()) {
        let LineKind::Heading(level) = line.kind else {
            continue;
        };
        match labels::story_part_heading(&line.text) {
            Some((part, number)) if open == Some(number) => {
                *role = Role::Label {
                    part,
                    rest: String::new(),
                    heading: Some(level),
                    weak: false,
                    one_letter: false,
                    dashed: false,
                };
            }
            _ => {
                open = labels::story_prefix(&line.text).and_then(|p| p.number);
            }
        }
    }
}

/// A worksheet's prompts (`1. Describe the situation.`, `What action did
/// YOU take?`) label parts only in notes that label them no other way: in
/// a story with `**Action:**` labels, a quoted list of prompts is text.
fn keep_prompts_in_worksheets(lines: &[Line], roles: &mut [Role]) {
    let prompt = |line: &Line| {
        let text = line.text.trim();
        labels::prompt_label(&text[labels::skip_decoration(text)..]).is_some()
    };
    let labelled_otherwise = lines
        .iter()
        .zip(roles.iter())
        .any(|(line, role)| matches!(role, Role::Label { dashed: false, .. }) && !prompt(line));
    // A prompt as a bullet (`- What was your role exactly? I owned...`) is
    // a follow-up question and its answer; a worksheet numbers its prompts
    // or sets them on lines of their own.
    let bullet = |line: &Line| {
        line.item
            .as_deref()
            .is_some_and(|marker| !marker.ends_with(['.', ')']))
    };
    for (line, role) in lines.iter().zip(roles.iter_mut()) {
        if matches!(role, Role::Label { .. })
            && prompt(line)
            && (labelled_otherwise || bullet(line))
        {
            *role = Role::Content;
        }
    }
}

/// `S`, `T`, `A`, `R` alone on their lines label parts only as a story
/// writes them: in that order within each section, and in a document with
/// no other letter alone on a line (`S` / `A` / `R` / `G` is a status
/// report's; an `S` over a meeting's attendees and an `A` over its actions
/// come in no order). Otherwise each such line is text.
fn keep_lone_letters_in_order(lines: &[Line], roles: &mut [Role]) {
    let lone = |line: &Line| {
        let text = line.text.trim();
        (text.len() == 1 && line.kind == LineKind::Text)
            .then(|| text.chars().next())
            .flatten()
            .filter(char::is_ascii_uppercase)
    };
    let stray = lines
        .iter()
        .filter_map(lone)
        .any(|c| Part::from_letter(c).is_none());
    let mut last: Option<Part> = None;
    let mut in_order = true;
    for (line, role) in lines.iter().zip(roles.iter()) {
        if matches!(line.kind, LineKind::Heading(_)) || *role == Role::Rule {
            last = None;
        }
        if let (Some(_), Role::Label { part, .. }) = (lone(line), role) {
            if last.is_some_and(|l| l.index() >= part.index()) {
                in_order = false;
            }
            last = Some(*part);
        }
    }
    if stray || !in_order {
        for (line, role) in lines.iter().zip(roles.iter_mut()) {
            if lone(line).is_some() && matches!(role, Role::Label { .. }) {
                *role = Role::Content;
            }
        }
    }
}

/// Lines of prose a story told mostly as a list of steps has around them.
const MIN_PROSE_AROUND_STEPS: usize = 2;

/// Mentions of the one person a third-person story is about (`he`, `her`,
/// and their name) a story holds at least.
const MIN_THIRD_PERSON: usize = 3;

/// Whether unlabelled lines tell a story: a few sentences, in the first
/// person (or the third, one person's doings), mostly in the past tense,
/// not habits ("I usually...") or advice.
fn is_narrative(lines: &[Line], prose: &[usize]) -> bool {
    let text: String = prose
        .iter()
        .filter_map(|&i| lines.get(i))
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // Clauses after a semicolon count: a story told as one long sentence
    // ("...by hand; so I wrote a script...; the report now takes...").
    let sentences = text
        .split(['.', '!', '?', ';'])
        .filter(|s| s.split_whitespace().count() >= 3)
        .count();
    // A list item opening on a verb in the past tense (`- rightsized RDS`)
    // tells what the writer did, the `I` left out.
    let implied = prose
        .iter()
        .filter_map(|&i| lines.get(i))
        .filter(|l| l.item.is_some())
        .filter(|l| {
            l.text
                .split_whitespace()
                .next()
                .is_some_and(|w| labels::is_past_tense(&w.to_lowercase()))
        })
        .count();
    let first_person = implied
        + words
            .iter()
            .filter(|w| matches!(w.as_str(), "i" | "we" | "my" | "our" | "me" | "us"))
            .count();
    // A story written in the third person, as a promotion packet or a
    // reference is ("Ravi noticed... He proposed..."): one person's doings.
    let pronouns = words
        .iter()
        .filter(|w| matches!(w.as_str(), "he" | "she" | "his" | "him" | "her"))
        .count();
    // The person's name counts beside the pronouns: the most frequent
    // capitalised word never written in lower case (`Ravi`, not `The`).
    let name = {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut lower: HashSet<&str> = HashSet::new();
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.starts_with(char::is_lowercase) {
                lower.insert(word);
            } else if word.len() >= 3
                && word.starts_with(|c: char| c.is_uppercase())
                && word.chars().skip(1).all(char::is_lowercase)
            {
                *counts.entry(word).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .filter(|(word, _)| !lower.contains(word.to_lowercase().as_str()))
            .map(|(_, n)| n)
            .max()
            .unwrap_or(0)
    };
    let third_person = if pronouns > 0 { pronouns + name } else { 0 };
    let past = words.iter().filter(|w| labels::is_past_tense(w)).count();
    let habits = words
        .iter()
        .filter(|w| {
            matches!(
                w.as_str(),
                "usually" | "typically" | "always" | "generally" | "normally" | "tend"
            )
        })
        .count();
    // One long run-on sentence ("...and I stood there thinking..., but I
    // took it straight back inside, ...") tells a story too.
    words.len() >= 40
        && (sentences >= 2 || words.len() >= RUN_ON_WORDS)
        && (first_person >= 2 || third_person >= MIN_THIRD_PERSON)
        && past >= 3
        && past > 2 * habits
}

/// The byte offset just after the `, ` nearest `target`, if any.
fn clause_cut(text: &str, target: usize) -> Option<usize> {
    text.match_indices(", ")
        .map(|(i, _)| i + 2)
        .min_by_key(|&i| i.abs_diff(target))
}

/// Fewest words of a story told in one or two paragraphs of prose.
const ONE_PARAGRAPH_WORDS: usize = 120;

/// Words of one unbroken sentence long enough to tell a story.
const RUN_ON_WORDS: usize = 80;

/// Fewest paragraphs, words, first-person-singular words and past-tense
/// verbs of a section of prose read as a story with no label anywhere.
const NARRATIVE_PARAGRAPHS: usize = 3;
const NARRATIVE_WORDS: usize = 80;
const NARRATIVE_FIRST_PERSON: usize = 3;
const NARRATIVE_PAST_TENSE: usize = 4;

/// How a section of unlabelled prose is told.
struct Voice {
    paragraphs: usize,
    words: usize,
    /// `I`, `my`, `me` (and `I'd`, `I'm`...).
    singular: usize,
    past_tense: usize,
}

impl Voice {
    fn of(draft: &Draft) -> Voice {
        let mut voice = Voice {
            paragraphs: 0,
            words: 0,
            singular: 0,
            past_tense: 0,
        };
        // Steps listed in the past tense (`- rightsized RDS`): what the
        // writer did, the `I` left out; the list is a paragraph of its own.
        if draft.listed_steps > 0 {
            voice.paragraphs += 1;
            voice.singular += draft.listed_steps;
        }
        for fragment in draft.parts.iter().flatten() {
            if fragment.joiner == Joiner::Blank {
                voice.paragraphs += 1;
            }
            for word in fragment
                .text
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            {
                if word.is_empty() {
                    continue;
                }
                voice.words += 1;
                let lower = word.to_lowercase();
                let base = lower.split(['\'', '\u{2019}']).next().unwrap_or_default();
                if base == "i" || matches!(lower.as_str(), "my" | "me" | "myself") {
                    voice.singular += 1;
                }
                if labels::is_past_tense(&lower) {
                    voice.past_tense += 1;
                }
            }
        }
        voice
    }

    fn narrative(&self) -> bool {
        let told = self.paragraphs >= NARRATIVE_PARAGRAPHS
            && self.words >= NARRATIVE_WORDS
            && self.singular >= NARRATIVE_FIRST_PERSON
            && self.past_tense >= NARRATIVE_PAST_TENSE;
        // A journal's story in one long paragraph: twice the evidence.
        let told_at_once = self.words >= ONE_PARAGRAPH_WORDS
            && self.singular >= 2 * NARRATIVE_FIRST_PERSON
            && self.past_tense >= 2 * NARRATIVE_PAST_TENSE;
        told || told_at_once
    }
}

/// The rest of a story told in one paragraph, after its first sentence:
/// a sentence that states the task (`My job was...`) right after the
/// scene is the Task; from the first sentence that opens as an outcome
/// (`In the end...`, `By the end of the year...`) on is the Result; what
/// lies between is the Action. With a task but no such outcome, the last
/// sentence is the Result (rather than the whole rest being the Task, and
/// the story lost for want of an Action). Otherwise the rest stays one
/// piece.
fn told_in_order(rest: &str) -> Vec<String> {
    let mut sentences: Vec<&str> = Vec::new();
    let mut tail = rest;
    while let Some(end) = labels::first_sentence_end(tail) {
        sentences.push(tail[..=end].trim());
        tail = tail[end + 1..].trim_start();
    }
    if !tail.trim().is_empty() {
        sentences.push(tail.trim());
    }
    let task = sentences.len() >= 3 && labels::opens_like_a_task(sentences[0]);
    let from = usize::from(task);
    // A sentence that only says when, later ("By February...", "After six
    // weeks..."), opens the outcome in the second half of the telling.
    let outcome = (from + 1..sentences.len())
        .find(|&k| labels::opens_like_an_outcome(sentences[k]))
        .or_else(|| {
            (from + 1..sentences.len())
                .filter(|&k| 2 * k >= sentences.len())
                .find(|&k| labels::opens_with_a_later_time(sentences[k]))
        })
        .or_else(|| task.then_some(sentences.len() - 1));
    let Some(outcome) = outcome.filter(|&k| k > from) else {
        return vec![rest.to_owned()];
    };
    let task = task.then(|| sentences[0].to_owned());
    task.into_iter()
        .chain([
            sentences[from..outcome].join(" "),
            sentences[outcome..].join(" "),
        ])
        .collect()
}

/// Fewest words of the sentence (with any short ones before it) that sets
/// the scene of a story told aloud in one paragraph.
const MIN_SCENE_WORDS: usize = 8;

/// Gives unlabelled paragraphs to `parts` by position: the first sets the
/// scene, the last (of three or more) is the result, the ones between are
/// the action; a paragraph that opens like a task ("My job was...") is the
/// Task. One paragraph gives its first sentence to the Situation and the
/// rest to the Action.
fn assign_by_position(lines: &[Line], prose: &[usize], parts: &[Part], draft: &mut Draft) {
    let mut paragraphs: Vec<String> = Vec::new();
    // `*Use for pressure questions.*` alone under the title, before the
    // telling: the writer's note to self, not the scene.
    let note_lines = match prose.first().and_then(|&i| lines.get(i)) {
        Some(first) if first.is_all_emphasis() && prose.len() >= 3 => {
            let same_paragraph = prose[1..]
                .iter()
                .take_while(|&&i| lines.get(i).is_some_and(|l| l.joiner != Joiner::Blank))
                .count();
            1 + same_paragraph
        }
        _ => 0,
    };
    // A reply in a transcript or after `A:`: told aloud, it may open with
    // a few words of nothing (`Um, yeah.`).
    let mut spoken = false;
    let mut previous_item = false;
    for (n, &i) in prose.iter().enumerate().skip(note_lines) {
        let Some(line) = lines.get(i) else { continue };
        // `A: Last year we...`: the answer marker opening a `Q:` answer;
        // `Me: ...` opening each reply of a transcript's telling.
        // (`Me:` on each line of a reply typed without blank lines too.)
        let candidate =
            labels::speaker(&line.text).is_some_and(|(who, _)| who == labels::Speaker::Candidate);
        let text = match labels::reply_text(&line.text)
            .filter(|_| n == 0 || line.joiner == Joiner::Blank || candidate)
        {
            Some(rest) => {
                spoken |= paragraphs.is_empty();
                collapse(rest)
            }
            None => collapse(&line.text),
        };
        // (A line wrapped inside an item keeps the list going.)
        let in_list = previous_item;
        previous_item = line.item.is_some() || (previous_item && line.joiner == Joiner::Space);
        match paragraphs.last_mut() {
            // A list's items stay items, each on a line of its own (`-
            // tagged every resource` / `- rightsized the databases`). A
            // list after prose is a paragraph of its own, the steps between
            // a scene and an outcome, unless the line before introduces it
            // (`... hard for my team:`).
            Some(last)
                if line.item.is_some()
                    && line.joiner != Joiner::Blank
                    && (in_list || last.ends_with(':')) =>
            {
                last.push_str("\n- ");
                last.push_str(&text);
            }
            _ if line.item.is_some() => paragraphs.push(format!("- {text}")),
            Some(last) if line.joiner != Joiner::Blank => {
                last.push(' ');
                last.push_str(&text);
            }
            _ => paragraphs.push(text),
        }
    }
    // A paragraph in parentheses is the writer's aside ("(no metric for
    // this one)"): it stays in the story, after the parts, without taking
    // a position.
    let (asides, mut paragraphs): (Vec<String>, Vec<String>) = paragraphs
        .into_iter()
        .partition(|p| p.starts_with('(') && p.ends_with(')'));
    // A list alone is cut between its items, not inside one.
    if paragraphs.len() == 1 && paragraphs[0].starts_with("- ") {
        let list = paragraphs.remove(0);
        paragraphs = list
            .split('\n')
            .map(|item| item.trim_start_matches("- ").to_owned())
            .collect();
    }
    // (With only the Situation before the first label, one paragraph is
    // all of it: nothing to cut.)
    if paragraphs.len() == 1 && parts.len() > 1 {
        let only = paragraphs.remove(0);
        let mut end =
            labels::first_sentence_end(&only).or_else(|| only.find("; ").filter(|&e| e > 0));
        // `Um, yeah. So in April 2022 a girl joined my class...`: a spoken
        // opening of a few words sets no scene; the next sentence does. (A
        // written one does: "Checkout went down on Black Friday.")
        while let Some(e) = end.filter(|_| spoken) {
            if only[..=e].split_whitespace().count() >= MIN_SCENE_WORDS {
                break;
            }
            match labels::first_sentence_end(&only[e + 1..]) {
                Some(next) => end = Some(e + 1 + next),
                None => break,
            }
        }
        // One long run-on sentence: cut at the commas nearest a third and
        // three quarters of the way, scene, then what was done, then how
        // it ended.
        let run_on = only.split_whitespace().count() >= RUN_ON_WORDS
            && end.is_none_or(|e| e * 5 >= only.len() * 4);
        let cuts = run_on
            .then(|| clause_cut(&only, only.len() / 3).zip(clause_cut(&only, only.len() * 3 / 4)))
            .flatten()
            .filter(|(a, b)| a < b);
        if let Some((a, b)) = cuts {
            paragraphs.push(only[..a].trim().trim_end_matches(',').to_owned());
            paragraphs.push(only[a..b].trim().trim_end_matches(',').to_owned());
            paragraphs.push(only[b..].trim().to_owned());
        } else {
            match end {
                Some(end) => {
                    // A clause cut at its semicolon ends as a sentence.
                    let first = only[..=end].trim().trim_end_matches(';');
                    paragraphs.push(if first.ends_with(['.', '!', '?']) {
                        first.to_owned()
                    } else {
                        format!("{first}.")
                    });
                    paragraphs.extend(told_in_order(only[end + 1..].trim()));
                }
                None => paragraphs.push(only),
            }
        }
    }
    let has = |p: Part| parts.contains(&p);
    let n = paragraphs.len();
    let mut last = parts.first().copied().unwrap_or(Part::Situation);
    for (k, paragraph) in paragraphs.into_iter().enumerate() {
        let part = if k > 0 && has(Part::Task) && labels::opens_like_a_task(&paragraph) {
            Part::Task
        } else if k == 0 && has(Part::Situation) {
            Part::Situation
        } else if k + 1 == n && n >= 3 && has(Part::Result) {
            Part::Result
        } else if has(Part::Action) {
            Part::Action
        } else {
            // Only Situation and Task come before the label (`Action:`):
            // the paragraphs after the first are the Task.
            *parts.last().unwrap_or(&Part::Situation)
        };
        draft.parts[part.index()].push(Fragment {
            text: paragraph,
            joiner: Joiner::Blank,
        });
        last = part;
    }
    for aside in asides {
        draft.parts[last.index()].push(Fragment {
            text: aside,
            joiner: Joiner::Blank,
        });
    }
    draft.guessed = true;
}

fn missing_reason(parts: &[String], labelled: &[bool; 5]) -> String {
    let (found, missing): (Vec<Part>, Vec<Part>) = Part::STAR
        .iter()
        .partition(|p| parts.get(p.index()).is_some_and(|t| !t.is_empty()));
    if found.is_empty() {
        let star_labelled = Part::STAR.iter().any(|p| labelled[p.index()]);
        return if star_labelled {
            "STAR labels with no text under them".to_owned()
        } else {
            "no STAR parts".to_owned()
        };
    }
    let names: Vec<&str> = found.iter().map(|p| p.name()).collect();
    let found_text = match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    let missing: Vec<&str> = missing.iter().map(|p| p.name()).collect();
    format!("only {found_text} found (missing {})", missing.join(", "))
}

/// Most words of a mapped name taken for a competency rather than a
/// question (`Have Backbone; Disagree and Commit`).
const MAX_MAPPED_COMPETENCY_WORDS: usize = 6;

/// A mapped name that is a competency or a list of them (`Customer
/// Obsession`, `Have Backbone; Disagree and Commit`, `Influencing /
/// persuading`), not a question or a topic it asks about (`Saving an
/// at-risk customer`).
fn names_competencies(name: &str) -> bool {
    !labels::is_question(name)
        && name.split_whitespace().count() <= MAX_MAPPED_COMPETENCY_WORDS
        && (labels::is_known_competency(name) || name.contains(['/', ',', ';']))
}

fn apply_mappings(
    stories: &mut [ImportedStory],
    numbers: &[Number],
    mappings: Vec<(Mapping, usize)>,
    skipped: &mut Vec<SkippedSection>,
) {
    if mappings.is_empty() {
        return;
    }
    let mut by_kind: HashMap<(PrefixKind, u32), usize> = HashMap::new();
    let mut by_number: HashMap<u32, usize> = HashMap::new();
    for (i, number) in numbers.iter().enumerate() {
        if let Some((kind, n)) = number {
            by_kind.entry((*kind, *n)).or_insert(i);
            by_number.entry(*n).or_insert(i);
        }
    }
    let titles: Vec<String> = stories
        .iter()
        .map(|s| s.story.title.to_lowercase())
        .collect();
    let mut by_title: HashMap<&str, usize> = HashMap::new();
    for (i, title) in titles.iter().enumerate() {
        by_title.entry(title.as_str()).or_insert(i);
    }
    let mut known: Vec<HashSet<String>> = stories
        .iter()
        .map(|s| s.story.questions.iter().map(|q| q.to_lowercase()).collect())
        .collect();
    let mut budget = TITLE_MATCH_BUDGET;
    let resolve =
        |wanted: &str, budget: &mut usize| title_target(wanted, &titles, &by_title, budget);
    for (mapping, line) in mappings {
        // More stories the same row names (`Marlow, Trial`).
        let mut also: Vec<usize> = Vec::new();
        let found = match &mapping.target {
            Target::Question(number) => by_kind.get(&(PrefixKind::Question, *number)).copied(),
            Target::Number { kind, number } => kind
                .and_then(|k| by_kind.get(&(k, *number)).copied())
                .or_else(|| by_number.get(number).copied())
                .or_else(|| {
                    let ordinal = usize::try_from(*number).ok()?.checked_sub(1)?;
                    (by_number.is_empty() && ordinal < stories.len()).then_some(ordinal)
                }),
            Target::Title(title) => {
                let wanted = title.to_lowercase();
                let mut found = resolve(&wanted, &mut budget);
                // `Marlow (Sales VP)`: the name without its aside.
                let bare = labels::without_parentheses(&wanted).trim().to_owned();
                if found.is_none() && bare != wanted {
                    found = resolve(&bare, &mut budget);
                }
                // `Marlow, Trial`: a list of names, each a story.
                if found.is_none() && bare.contains([',', ';', '&', '+']) {
                    let names: Vec<usize> = bare
                        .split([',', ';', '&', '+'])
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(|n| resolve(n, &mut budget))
                        .collect::<Option<Vec<usize>>>()
                        .unwrap_or_default();
                    if let Some((&first, rest)) = names.split_first() {
                        also.extend(rest.iter().copied());
                        found = Some(first);
                    }
                }
                found
            }
        };
        let Some(found) = found else {
            skipped.push(SkippedSection {
                title: mapping.question,
                line,
                reason: format!(
                    "mapped to {}, which is not a story in this document",
                    describe(&mapping.target)
                ),
            });
            continue;
        };
        // A table of Leadership Principles or values to stories (`| Earn
        // Trust | The PCI finding I sat on |`) names the story's
        // competency, not a question it answers.
        let competencies = mapping.competencies || names_competencies(&mapping.question);
        for i in std::iter::once(found).chain(also) {
            let (Some(story), Some(seen)) = (stories.get_mut(i), known.get_mut(i)) else {
                continue;
            };
            if competencies {
                let (_, names) = labels::meta_items(MetaKind::Competencies, &mapping.question);
                for name in names {
                    if !story.story.competencies.contains(&name) {
                        story.story.competencies.push(name);
                    }
                }
            } else if seen.insert(mapping.question.to_lowercase()) {
                story.story.questions.push(mapping.question.clone());
            }
        }
    }
}

/// The story (its index in `titles`, lowercase) an index's name for it
/// points at: its title, part of it or the title inside it, a quick map's
/// number and short title (`1 Harlow Rd`), a word of one title only (`SSO`),
/// or its own short words ([`shortened_title_match`]). Each search past
/// the exact title spends `titles.len()` of `budget`.
fn title_target(
    wanted: &str,
    titles: &[String],
    by_title: &HashMap<&str, usize>,
    budget: &mut usize,
) -> Option<usize> {
    if let Some(&i) = by_title.get(wanted) {
        return Some(i);
    }
    let mut spend = || {
        let ok = *budget >= titles.len();
        if ok {
            *budget -= titles.len();
        }
        ok
    };
    // Whole words of one title only.
    let words_of = |t: &str| format!(" {} ", t.replace(|c: char| !c.is_alphanumeric(), " "));
    let in_one_title = |name: &str| {
        let padded = format!(" {name} ");
        let mut hits = titles
            .iter()
            .enumerate()
            .filter(|(_, t)| words_of(t).contains(&padded));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    };
    if wanted.len() >= 4 && spend() {
        if let Some(i) = titles
            .iter()
            .position(|t| t.contains(wanted) || wanted.contains(t.as_str()))
        {
            return Some(i);
        }
    }
    // A quick map's number and asides around a short title: `1 Harlow
    // Rd`, `3 Mill Lane (also 1)`.
    let bare = labels::without_parentheses(wanted);
    let digits = bare.bytes().take_while(u8::is_ascii_digit).count();
    let after = bare[digits..].trim_start_matches(['.', ')']);
    if digits > 0 && after.starts_with(char::is_whitespace) {
        let bare = after.trim();
        if bare.len() >= 4 && spend() {
            if let Some(i) = in_one_title(bare) {
                return Some(i);
            }
        }
    }
    // `SSO`, `ELN`: one word, short, in one title.
    let word = wanted.trim();
    if word.len() >= 3 && word.chars().all(char::is_alphanumeric) && spend() {
        if let Some(i) = in_one_title(word) {
            return Some(i);
        }
    }
    if !spend() {
        return None;
    }
    shortened_title_match(wanted, titles)
}

/// The story an index names in its own short words (`Recon pipeline
/// duplicates` for "Reconciliation pipeline duplicate loads", `Snowflake
/// cost cut` for "Cutting Snowflake spend by ~38%"): more than half of
/// the name's words, and at least two, open or are opened by a word of
/// the title, and no other title matches as many.
fn shortened_title_match(wanted: &str, titles: &[String]) -> Option<usize> {
    let words_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && !crate::search::analysis::is_stop_word(w))
            .map(str::to_owned)
            .collect()
    };
    let wanted = words_of(wanted);
    if wanted.len() < 2 {
        return None;
    }
    let close = |a: &str, b: &str| a.starts_with(b) || b.starts_with(a);
    let mut scores: Vec<(usize, usize)> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let words = words_of(title);
            let hits = wanted
                .iter()
                .filter(|w| words.iter().any(|t| close(w, t)))
                .count();
            (hits, i)
        })
        .collect();
    scores.sort_unstable_by_key(|&(hits, _)| std::cmp::Reverse(hits));
    match scores.as_slice() {
        [(best, i), rest @ ..]
            if *best >= 2
                && best * 2 > wanted.len()
                && rest.first().is_none_or(|(second, _)| second < best) =>
        {
            Some(*i)
        }
        _ => None,
    }
}

fn describe(target: &Target) -> String {
    match target {
        Target::Number {
            kind: Some(PrefixKind::Example),
            number,
        } => format!("Example {number}"),
        Target::Number { number, .. } => format!("Story {number}"),
        Target::Question(number) => format!("the answer to question {number}"),
        Target::Title(title) => format!("\"{title}\""),
    }
}
