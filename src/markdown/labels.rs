//! Recognising the words people use to structure STAR notes.
//!
//! Everything here works on one line of plain text: STAR labels and their
//! synonyms, story prefixes (`Story 3:`, `Example 2:`, `Q1:`), interview
//! questions, generic headings (`Tips`, `Example Response`), competency
//! headings, question-to-story mapping lines, and title clean-up. Matching is
//! done by hand on the first few words so every check is linear in the line.

/// The parts of a story a label can introduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Part {
    Situation,
    Task,
    Action,
    Result,
    Learning,
}

impl Part {
    pub const STAR: [Part; 4] = [Part::Situation, Part::Task, Part::Action, Part::Result];

    pub fn index(self) -> usize {
        match self {
            Part::Situation => 0,
            Part::Task => 1,
            Part::Action => 2,
            Part::Result => 3,
            Part::Learning => 4,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Part::Situation => "Situation",
            Part::Task => "Task",
            Part::Action => "Action",
            Part::Result => "Result",
            Part::Learning => "Learning",
        }
    }

    pub(crate) fn from_letter(c: char) -> Option<Part> {
        match c {
            'S' => Some(Part::Situation),
            'T' => Some(Part::Task),
            'A' => Some(Part::Action),
            'R' => Some(Part::Result),
            'L' => Some(Part::Learning),
            _ => None,
        }
    }
}

/// Label words, lowercase with single spaces; the longest match wins.
const LABELS: &[(&str, Part)] = &[
    ("situation", Part::Situation),
    ("the situation", Part::Situation),
    ("context", Part::Situation),
    ("background", Part::Situation),
    ("problem", Part::Situation),
    ("the problem", Part::Situation),
    ("problem statement", Part::Situation),
    ("sit", Part::Situation),
    ("what happened", Part::Situation),
    ("what was happening", Part::Situation),
    ("what was going on", Part::Situation),
    ("the setup", Part::Situation),
    ("task", Part::Task),
    ("tasks", Part::Task),
    ("the task", Part::Task),
    ("my task", Part::Task),
    ("goal", Part::Task),
    ("goals", Part::Task),
    ("the goal", Part::Task),
    ("my goal", Part::Task),
    ("objective", Part::Task),
    ("objectives", Part::Task),
    ("challenge", Part::Task),
    ("the challenge", Part::Task),
    ("my role", Part::Task),
    ("what i had to do", Part::Task),
    ("what i needed to do", Part::Task),
    ("what i was asked to do", Part::Task),
    ("what i had to achieve", Part::Task),
    ("what i needed to achieve", Part::Task),
    ("obstacle", Part::Task),
    ("obstacles", Part::Task),
    ("the obstacle", Part::Task),
    ("action", Part::Action),
    ("actions", Part::Action),
    ("action(s)", Part::Action),
    ("action taken", Part::Action),
    ("actions taken", Part::Action),
    ("my actions", Part::Action),
    ("what i did", Part::Action),
    ("what i did about it", Part::Action),
    ("how i handled it", Part::Action),
    ("how i handled this", Part::Action),
    ("how i approached it", Part::Action),
    ("how i did it", Part::Action),
    ("approach", Part::Action),
    ("my approach", Part::Action),
    ("the approach", Part::Action),
    ("steps taken", Part::Action),
    ("steps i took", Part::Action),
    ("solution", Part::Action),
    ("the solution", Part::Action),
    ("my solution", Part::Action),
    ("result", Part::Result),
    ("results", Part::Result),
    ("the result", Part::Result),
    ("result(s)", Part::Result),
    ("results achieved", Part::Result),
    ("outcome", Part::Result),
    ("outcomes", Part::Result),
    ("the outcome", Part::Result),
    ("how it turned out", Part::Result),
    ("how it ended", Part::Result),
    ("end result", Part::Result),
    ("the end result", Part::Result),
    ("impact", Part::Result),
    ("result and impact", Part::Result),
    ("results and impact", Part::Result),
    ("result & impact", Part::Result),
    ("results & impact", Part::Result),
    ("learning", Part::Learning),
    ("learnings", Part::Learning),
    ("key learnings", Part::Learning),
    ("lesson", Part::Learning),
    ("lessons", Part::Learning),
    ("lesson learned", Part::Learning),
    ("lessons learned", Part::Learning),
    ("lesson learnt", Part::Learning),
    ("lessons learnt", Part::Learning),
    ("learned", Part::Learning),
    ("learnt", Part::Learning),
    ("what i learned", Part::Learning),
    ("what i learnt", Part::Learning),
    ("what i'd do differently", Part::Learning),
    ("what i would do differently", Part::Learning),
    ("what i'd change", Part::Learning),
    ("what i would change", Part::Learning),
    ("reflection", Part::Learning),
    ("reflections", Part::Learning),
    ("takeaway", Part::Learning),
    ("takeaways", Part::Learning),
    ("key takeaway", Part::Learning),
    ("key takeaways", Part::Learning),
    // SOARA's Aftermath and SHARE's Hindrances and Evaluation.
    ("aftermath", Part::Learning),
    ("hindrances", Part::Task),
    ("hindrance", Part::Task),
    ("evaluation", Part::Learning),
    // Notes written in another language, or labelled in one: Spanish,
    // Portuguese, French, Italian, German and Dutch (lowercase; accented
    // and unaccented spellings).
    ("situación", Part::Situation),
    ("situacion", Part::Situation),
    ("situação", Part::Situation),
    ("situacao", Part::Situation),
    ("situazione", Part::Situation),
    ("situatie", Part::Situation),
    ("contexto", Part::Situation),
    ("contexte", Part::Situation),
    ("kontext", Part::Situation),
    ("ausgangslage", Part::Situation),
    ("tarea", Part::Task),
    ("tarefa", Part::Task),
    ("tâche", Part::Task),
    ("tache", Part::Task),
    ("compito", Part::Task),
    ("aufgabe", Part::Task),
    ("taak", Part::Task),
    ("objetivo", Part::Task),
    ("acción", Part::Action),
    ("accion", Part::Action),
    ("acciones", Part::Action),
    ("ação", Part::Action),
    ("acao", Part::Action),
    ("ações", Part::Action),
    ("azione", Part::Action),
    ("azioni", Part::Action),
    ("actie", Part::Action),
    ("acties", Part::Action),
    ("maßnahme", Part::Action),
    ("maßnahmen", Part::Action),
    ("massnahme", Part::Action),
    ("massnahmen", Part::Action),
    ("handlung", Part::Action),
    ("vorgehen", Part::Action),
    ("vorgehensweise", Part::Action),
    ("resultado", Part::Result),
    ("resultados", Part::Result),
    ("résultat", Part::Result),
    ("résultats", Part::Result),
    ("resultat", Part::Result),
    ("risultato", Part::Result),
    ("risultati", Part::Result),
    ("resultaat", Part::Result),
    ("ergebnis", Part::Result),
    ("ergebnisse", Part::Result),
    ("aprendizaje", Part::Learning),
    ("gelernt", Part::Learning),
    ("erkenntnis", Part::Learning),
    ("erkenntnisse", Part::Learning),
    ("lección", Part::Learning),
    ("leccion", Part::Learning),
];

/// Abbreviated labels of quick notes (`Sit:`, `Tsk:`, `CTX:`, `DID:`):
/// labels only with a colon right after them, since the words also open
/// ordinary lines ("Act now", "Did the team...").
const ABBREVIATED_LABELS: &[(&str, Part)] = &[
    ("sit", Part::Situation),
    ("sitn", Part::Situation),
    ("ctx", Part::Situation),
    ("tsk", Part::Task),
    ("act", Part::Action),
    ("actn", Part::Action),
    ("did", Part::Action),
    ("res", Part::Result),
    ("rslt", Part::Result),
];

/// Byte offset of the first letter or digit, skipping decoration such as
/// emoji, stars, quotes and a leading enumeration like `2.`.
pub(crate) fn skip_decoration(text: &str) -> usize {
    let mut index = 0;
    // A task box opening a list item (`[x] **S:** ...`) is decoration.
    let lead = text.len() - text.trim_start().len();
    if let Some(after) = ["[x] ", "[X] ", "[ ] "]
        .iter()
        .find_map(|b| text[lead..].strip_prefix(b))
    {
        index = text.len() - after.len();
    }
    loop {
        let Some(offset) = text[index..].find(char::is_alphanumeric) else {
            return text.len();
        };
        index += offset;
        let rest = &text[index..];
        // An Obsidian callout marker opening the line, `> [!note] Situation`,
        // is decoration. Only there: a search for `]` anywhere would make a
        // line of `[!1. [!1. ...` quadratic.
        let opens_line = text[..index]
            .strip_suffix("[!")
            .is_some_and(|before| before.chars().all(|c| c.is_whitespace() || c == '>'));
        if opens_line {
            if let Some(close) = rest.find(']').filter(|&c| {
                rest[..c]
                    .chars()
                    .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_')
            }) {
                index += close + 1;
                continue;
            }
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = &rest[digits..];
        // `1️⃣ Situation`: a keycap emoji is a digit, U+FE0F and U+20E3.
        let keycap = after
            .strip_prefix('\u{fe0f}')
            .unwrap_or(after)
            .strip_prefix('\u{20e3}')
            .map(|tail| after.len() - tail.len());
        if let Some(len) = keycap.filter(|_| (1..=2).contains(&digits)) {
            index += digits + len;
            continue;
        }
        let enumerated = (1..=3).contains(&digits)
            && (after.starts_with('.') || after.starts_with(')'))
            && after[1..].starts_with(char::is_whitespace);
        if !enumerated {
            return index;
        }
        index += digits + 1;
    }
}

/// Case-insensitive match of an ASCII `phrase` at the start of `text`, where a
/// space in the phrase matches any run of whitespace. Returns the byte offset
/// just after the match, provided a word ends there. Works on bytes because
/// it runs for every line of every document.
fn match_phrase(text: &str, phrase: &str, boundary: fn(char) -> bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = 0;
    for &wanted in phrase.as_bytes() {
        if wanted == b' ' {
            let start = end;
            while bytes.get(end).is_some_and(u8::is_ascii_whitespace) {
                end += 1;
            }
            if end == start {
                return None;
            }
        } else {
            if bytes.get(end)?.to_ascii_lowercase() != wanted {
                return None;
            }
            end += 1;
        }
    }
    // Only ASCII bytes were consumed, so `end` is a character boundary.
    match text.get(end..)?.chars().next() {
        Some(next) if !boundary(next) => None,
        _ => Some(end),
    }
}

fn not_alphanumeric(c: char) -> bool {
    !c.is_alphanumeric()
}

fn not_alphabetic(c: char) -> bool {
    !c.is_alphabetic()
}

/// The longest label phrase at the start of `text` (no decoration skipping).
/// The part a label word names at the start of `text` (`Situation`,
/// `What I did`), and where the word ends.
pub(crate) fn part_named(text: &str) -> Option<(Part, usize)> {
    // Every line of the document comes through here; checking the first
    // letter first keeps large documents fast.
    let first = text.as_bytes().first()?.to_ascii_lowercase();
    LABELS
        .iter()
        .filter(|(phrase, _)| phrase.as_bytes().first() == Some(&first))
        .filter_map(|&(phrase, part)| Some((part, match_phrase(text, phrase, not_alphanumeric)?)))
        .max_by_key(|&(_, end)| end)
        .or_else(|| {
            ABBREVIATED_LABELS
                .iter()
                .filter(|(phrase, _)| phrase.as_bytes().first() == Some(&first))
                .filter_map(|&(phrase, part)| {
                    let end = match_phrase(text, phrase, not_alphanumeric)?;
                    let after = &text[end..];
                    let after = after.strip_prefix('.').unwrap_or(after);
                    // `Act (fix):` qualifies the label; `Res (1080p):` is prose.
                    let qualified = qualifier_end(after).is_some_and(|q| {
                        after[..q]
                            .chars()
                            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '(' | ')' | '\''))
                    });
                    // `act - went to see him`: a spaced dash, as a phone
                    // note separates label and text.
                    let dashed = [" - ", " \u{2013} ", " \u{2014} "]
                        .iter()
                        .any(|d| after.starts_with(d));
                    let colon =
                        after.starts_with(':') || after.starts_with("**:") || qualified || dashed;
                    colon.then_some((part, end))
                })
                .next()
        })
}

/// Most characters of a qualifier in brackets between a label and its
/// colon, as in `Action (what went wrong):` or `Result (S):`.
const MAX_QUALIFIER: usize = 40;

/// `(what went wrong):` after a label word: the byte length up to and
/// including the closing bracket, when a colon follows it.
fn qualifier_end(after: &str) -> Option<usize> {
    let trimmed = after.trim_start();
    let inner = trimmed.strip_prefix('(')?;
    let close = inner
        .char_indices()
        .take(MAX_QUALIFIER)
        .find(|&(_, c)| c == ')' || c == '(')
        .filter(|&(_, c)| c == ')')?
        .0;
    let skipped = after.len() - inner.len() + close + 1;
    after[skipped..]
        .trim_start()
        .starts_with([':', '\u{ff1a}'])
        .then_some(skipped)
}

/// A STAR label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineLabel<'a> {
    pub part: Part,
    pub rest: &'a str,
    pub one_letter: bool,
    /// A one-letter label with a dash (`S - text`), which lists also use
    /// (`A - rewrite`, `B - patch`): trusted only among others of its kind.
    pub dashed: bool,
    /// A word that is a label in some frameworks but common in prose
    /// (`Problem:`, `Solution:`): it may open a story, never split one.
    pub weak: bool,
}

/// Labels of the PAR and SOAR frameworks that also head lines inside an
/// Action (`- Problem: the batch locked tables. Solution: ...`).
const WEAK_LABELS: &[&str] = &[
    "problem",
    "the problem",
    "problem statement",
    "obstacle",
    "obstacles",
    "the obstacle",
    "solution",
    "the solution",
    "my solution",
    // `Evaluation: AUC 0.82` inside an Action.
    "evaluation",
];

/// `Situtation: ...`, `Taks: ...`, `Resutl: ...`: a part's name one
/// letter off (one added, missing or wrong, or two swapped) before a
/// colon. Loose, as a dash is: a label only beside its siblings.
fn misspelt_label(body: &str) -> Option<LineLabel<'_>> {
    let (word, rest) = body.split_once(':')?;
    let word = word.trim_matches(['*', '_']).to_ascii_lowercase();
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let swapped = |name: &str| {
        name.len() == word.len() && {
            let (a, b) = (word.as_bytes(), name.as_bytes());
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            matches!(diff.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
        }
    };
    let part = [
        ("situation", Part::Situation),
        ("task", Part::Task),
        ("action", Part::Action),
        ("actions", Part::Action),
        ("result", Part::Result),
        ("results", Part::Result),
    ]
    .into_iter()
    .find(|(name, _)| {
        *name != word && (swapped(name) || crate::search::lexicon::within_distance(&word, name, 1))
    })
    .map(|(_, part)| part)?;
    let rest = rest.trim_start_matches(['*', '_']);
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| LineLabel {
        part,
        rest: rest.trim(),
        one_letter: false,
        dashed: true,
        weak: false,
    })
}

/// Recognises `S: text`, `**Situation:** text`, `**Situation**: text`,
/// `**Situation** text` and a bare `Situation` paragraph.
pub(crate) fn line_label(
    text: &str,
    lead_emphasis_end: Option<usize>,
    in_list: bool,
) -> Option<LineLabel<'_>> {
    if let Some(label) = bracketed_letter_label(text) {
        return Some(label);
    }
    let start = skip_decoration(text);
    // `2.1 Situation`, `2.1\tSituation`: a Word outline numbers the parts.
    let start = start + section_number_len(&text[start..]);
    let body = &text[start..];
    // (A prompt in italics or bold is a follow-up question, not a
    // worksheet's; one in brackets is a template's placeholder.)
    if lead_emphasis_end.is_none() && !text.trim_start().starts_with(['*', '_', '[', '(']) {
        if let Some(label) = prompt_label(body) {
            return Some(label);
        }
    }
    if let Some(label) = one_letter_label(body) {
        return Some(label);
    }
    if let Some(label) = bold_letter_label(text, start, lead_emphasis_end) {
        return Some(label);
    }
    // `S` alone on its line, the text on the lines below: as loose as a
    // dash (`A` alone may be anything), a label beside its siblings.
    if text.trim().len() == 1 && !in_list {
        if let Some(part) = body
            .chars()
            .next()
            .filter(char::is_ascii_uppercase)
            .and_then(Part::from_letter)
        {
            return Some(LineLabel {
                part,
                rest: "",
                one_letter: true,
                dashed: true,
                weak: false,
            });
        }
    }
    let Some((part, len)) = part_named(body) else {
        return misspelt_label(body);
    };
    let word = &body[..len];
    // A loose label (`result= ...`, `Situation... ...`, `Situation. ...`):
    // `dashed`, it counts only beside its siblings.
    fn loose<'a>(part: Part, word: &str, rest: &'a str, dashed: bool) -> Option<LineLabel<'a>> {
        Some(LineLabel {
            part,
            rest: rest.trim(),
            one_letter: false,
            dashed,
            weak: WEAK_LABELS.contains(&word.to_ascii_lowercase().as_str()),
        })
    }
    let mut end = start + len + joined_labels(&body[len..]);
    // `Situation (S): text`, `Action (what went wrong): text`: the
    // bracket repeats or qualifies the label (a full label word only:
    // `Res (1080p):` is no label).
    let abbreviated = ABBREVIATED_LABELS
        .iter()
        .any(|(a, _)| body[..len].eq_ignore_ascii_case(a));
    let qualifier = qualifier_end(&text[end..]).filter(|&q| {
        !abbreviated
            || text[end..end + q]
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '(' | ')' | '\''))
    });
    if let Some(skipped) = qualifier {
        end += skipped;
    }
    // `Sit.: text`
    if body[..len].len() <= 4 && text[end..].starts_with(".:") {
        end += 1;
    }
    let after = &text[end..];
    let trimmed = after.trim_start();
    let rest = if let Some(rest) = trimmed.strip_prefix([':', '\u{ff1a}']) {
        rest
    } else if let Some(rest) = trimmed
        .strip_prefix('=')
        .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
    {
        // `result= rest of the trip was fine`, `Outcome = ...`: as loose as
        // a dash, since a tip reads the same (`Situation = 2-3 sentences`).
        return loose(part, word, rest, true);
    } else if let Some(rest) = arrowed(after) {
        rest
    } else if let Some(emphasis_end) = lead_emphasis_end.filter(|&e| e >= end) {
        // The label is the whole bold span, as in `**Situation** text`.
        let inside = text.get(end..emphasis_end)?;
        if inside.chars().any(char::is_alphanumeric) {
            return None;
        }
        text.get(emphasis_end..)?.trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '-' | '\u{2013}' | '\u{2014}')
        })
    } else if trimmed.is_empty() && !in_list {
        ""
    } else if let Some(rest) = after
        .strip_prefix("...")
        .or_else(|| after.strip_prefix('\u{2026}'))
        .filter(|r| {
            // `Results... were mixed at first` is a sentence.
            let text = r.trim_start();
            len >= 4
                && (r.is_empty() || r.starts_with(char::is_whitespace))
                && !text.starts_with(char::is_lowercase)
        })
    {
        // `Situation... We had no analyst`, as typed in a plain editor:
        // counts only beside its siblings, like a dashed one (alone on its
        // line, as `Result` alone is, it needs none).
        return loose(part, word, rest, !rest.trim().is_empty());
    } else if let Some(rest) = after
        .strip_prefix(". ")
        .filter(|r| len >= 4 && r.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    {
        // `Situation. In 2021 our...`: a label word ending a sentence of
        // its own counts only beside its siblings, like a dashed one.
        return loose(part, word, rest, true);
    } else if let Some(rest) = after.strip_prefix(' ').filter(|r| {
        // `RESULT day 2 went fine`, `ACTION I split the shifts`: a part's
        // word typed in capitals, the text after it not (`ACTION ITEMS`
        // is a heading; `SIT rep`, `- TASK force met` and `ACTION items`
        // are words of a sentence or a list).
        let next = r.split_whitespace().next().unwrap_or("");
        !in_list
            && matches!(word, "SITUATION" | "TASK" | "ACTION" | "RESULT" | "RESULTS")
            && (next == "I"
                || next.starts_with(|c: char| c.is_lowercase())
                || next.chars().all(|c| c.is_ascii_digit()))
            && !matches!(
                next.trim_end_matches([',', ':', '.']),
                "items"
                    | "item"
                    | "points"
                    | "plan"
                    | "plans"
                    | "force"
                    | "sheet"
                    | "sheets"
                    | "report"
                    | "reports"
                    | "list"
                    | "log"
                    | "taken"
                    | "required"
                    | "needed"
            )
    }) {
        return loose(part, word, rest, false);
    } else {
        // `Situation - text`, as typed in a plain editor.
        after
            .strip_prefix(char::is_whitespace)
            .map(str::trim_start)
            .and_then(|t| t.strip_prefix(['-', '\u{2013}', '\u{2014}']))
            // `Action –` alone on its line, the steps below it.
            .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))?
    };
    let phrase = body[..len].to_ascii_lowercase();
    Some(LineLabel {
        part,
        rest: rest.trim(),
        one_letter: false,
        dashed: false,
        weak: WEAK_LABELS.contains(&phrase.as_str()),
    })
}

/// The prompts of a coach's STAR worksheet, each asking for one part.
const PROMPTS: &[(&str, Part)] = &[
    ("describe the situation", Part::Situation),
    ("describe the context", Part::Situation),
    ("describe the background", Part::Situation),
    ("what was the situation", Part::Situation),
    ("what was the context", Part::Situation),
    ("what was the background", Part::Situation),
    ("set the scene", Part::Situation),
    ("what was your task", Part::Task),
    ("what was your role", Part::Task),
    ("what was your responsibility", Part::Task),
    ("what was your goal", Part::Task),
    ("what was your objective", Part::Task),
    ("what were you asked to do", Part::Task),
    ("what did you need to achieve", Part::Task),
    ("what did you need to do", Part::Task),
    ("describe your task", Part::Task),
    ("what action did you take", Part::Action),
    ("what actions did you take", Part::Action),
    ("what steps did you take", Part::Action),
    ("what did you do", Part::Action),
    ("what did you actually do", Part::Action),
    ("describe the action", Part::Action),
    ("describe what you did", Part::Action),
    ("what was the result", Part::Result),
    ("what were the results", Part::Result),
    ("what was the outcome", Part::Result),
    ("what was the impact", Part::Result),
    ("what happened in the end", Part::Result),
    ("what happened as a result", Part::Result),
    ("describe the result", Part::Result),
    ("describe the outcome", Part::Result),
    ("what did you learn", Part::Learning),
    ("what would you do differently", Part::Learning),
    ("what did you take away", Part::Learning),
];

/// `1. Describe the situation. (Where were you? When?)`, `What action did
/// YOU take?`: a worksheet's prompt heads the part it asks for, the answer
/// below it or after it on the line. Loose, as a dash is: a label only
/// beside the other prompts (a story's own "what did you do" is prose).
pub(crate) fn prompt_label(body: &str) -> Option<LineLabel<'_>> {
    let first = body.as_bytes().first()?.to_ascii_lowercase();
    if !matches!(first, b'd' | b'w' | b's') {
        return None;
    }
    let (part, end) = PROMPTS
        .iter()
        .filter_map(|&(phrase, part)| Some((part, match_phrase(body, phrase, not_alphanumeric)?)))
        .max_by_key(|&(_, end)| end)?;
    // The prompt ends at its `?`, `.` or `:`, a hint in brackets after it
    // (`(Quantify: £, %, time)`) is part of it; the rest is the answer.
    let mut rest = body[end..].trim_start();
    // `Describe the situation (where were you, when?)`: a hint in brackets
    // right after the prompt is part of it.
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        rest = inner[close + 1..].trim_start();
        if rest.is_empty() {
            rest = ".";
        }
    }
    // `What was your task or responsibility?`: the prompt's own words
    // up to its mark.
    if !rest.starts_with(['?', '.', ':']) {
        let mark = rest.find(['?', ':'])?;
        if rest[..mark].split_whitespace().count() > MAX_PROMPT_TAIL_WORDS {
            return None;
        }
        rest = &rest[mark..];
    }
    rest = rest
        .trim_start_matches(['?', '.', ':', '*', '_'])
        .trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        rest = inner[close + 1..]
            .trim_start_matches(['.', ':'])
            .trim_start();
    }
    // `What would you do differently? — Page someone sooner`: a question
    // answered after a dash is a follow-up and its answer.
    if rest.starts_with(['-', '\u{2013}', '\u{2014}']) {
        return None;
    }
    Some(LineLabel {
        part,
        rest: rest.trim(),
        one_letter: false,
        dashed: true,
        weak: false,
    })
}

/// Most words a worksheet prompt runs on after its known opening (`What
/// was your task or responsibility?`).
const MAX_PROMPT_TAIL_WORDS: usize = 6;

/// `**S** - text` or `**S** text`: a bold STAR letter alone.
fn bold_letter_label(
    text: &str,
    start: usize,
    lead_emphasis_end: Option<usize>,
) -> Option<LineLabel<'_>> {
    let emphasis_end = lead_emphasis_end?;
    // `**S**ituation:` highlights the acronym inside the label word.
    if text
        .get(emphasis_end.min(text.len())..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let inside = text.get(start..emphasis_end)?;
    let mut letters = inside.chars().filter(|c| c.is_alphanumeric());
    let part = Part::from_letter(letters.next()?)?;
    if letters.next().is_some() {
        return None;
    }
    let rest = text.get(emphasis_end..)?.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '\u{2013}' | '\u{2014}' | '*' | '_')
    });
    Some(LineLabel {
        part,
        rest: rest.trim(),
        one_letter: true,
        dashed: false,
        weak: false,
    })
}

/// Further labels inside one line of text, as in quick notes written as
/// `S: ... T: ... A: ... R: ...`: each must follow a sentence end and name
/// a later part than the one before it. Returns the parts in order, the
/// first being `first` with the text before the next label.
pub(crate) fn inline_labels(
    text: &str,
    first: Part,
    first_one_letter: bool,
    first_dashed: bool,
) -> Vec<(Part, &str)> {
    let mut out = Vec::new();
    let (mut part, mut start) = (first, 0);
    // `(S) ... (T) ... (A) ... (R) ...` (or `[S] ... [T] ...`): two or more
    // bracketed letters in a paragraph mark its parts; one alone is an
    // option, `(A) rewrite`.
    let bracketed_style = ["(T) ", "(A) ", "(R) ", "[T] ", "[A] ", "[R] "]
        .iter()
        .filter(|marker| text.contains(*marker))
        .count()
        >= 2;
    // `Situation: ... Task: ... Action: ... Result: ...` on one line: two
    // or more later full-word labels with colons, in order, after sentence
    // ends, mark a one-line story, not a word in prose.
    let full_style = full_word_labels(text, first) >= 2;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        // `S: ... | T: ... | A: ...`: a pipe between parts is as clear a
        // boundary as a sentence end, and clear enough for full-word labels.
        let piped = c == ' ' && previous == '|';
        let sentence_end = piped || (c == ' ' && matches!(previous, '.' | '!' | '?' | ';' | ')'));
        // In `(S) ... (T) ... (A) ...` notes a bracketed letter marks a part
        // wherever it stands: `... any of them (A) Ran an audit`.
        let bracket_next = c == ' '
            && bracketed_style
            && text[i + 1..].starts_with(['(', '['])
            && text
                .as_bytes()
                .get(i + 3)
                .is_some_and(|b| matches!(b, b')' | b']'))
            && text.as_bytes().get(i + 4) == Some(&b' ')
            && text
                .get(i + 5..)
                .is_some_and(|t| t.starts_with(char::is_alphanumeric));
        previous = c;
        // Not inside the text the previous label already took, and only
        // where a label can start (a letter or `(`): a line of `! ! ! ...`
        // is not searched at every space.
        let from = i + 1;
        // A `(` only as `(S)`: `( ( ( ...` is not searched at every space.
        let bytes = text.as_bytes();
        let opens = bytes.get(from).is_some_and(|b| {
            b.is_ascii_alphabetic()
                || (*b == b'(' && bytes.get(from + 2) == Some(&b')'))
                || (*b == b'[' && bytes.get(from + 2) == Some(&b']'))
        });
        if !(sentence_end || bracket_next) || i < start || !opens {
            continue;
        }
        let Some(label) = line_label(&text[from..], None, true) else {
            continue;
        };
        // `S: ... T: ... A: ...` one-liners, or a learning after the result
        // (`Result: ... What I learned: ...`); a full word in prose
        // (`Tried restarting. Result: none.`) is the part's own text.
        let expected = piped
            || (first_one_letter && label.one_letter)
            || (full_style && !label.one_letter)
            || label.part == Part::Learning;
        if !expected {
            continue;
        }
        // Where the label's text starts: `rest` is a slice of `text`.
        let rest_at = (label.rest.as_ptr() as usize)
            .saturating_sub(text.as_ptr() as usize)
            .min(text.len());
        // A colon is required: `... on time. Result - ...` in prose is rare
        // but `... Plan A - ...` is not.
        // In a paragraph written `S - ... T - ...`, dashes are as clear.
        let colon = text.get(from..rest_at).is_some_and(|l| l.contains(':'))
            || (first_dashed && label.dashed)
            || (bracketed_style && text[from..].starts_with(['(', '[']));
        if label.part.index() <= part.index() || label.weak || !colon {
            continue;
        }
        out.push((part, text[start..i].trim().trim_end_matches('|').trim_end()));
        part = label.part;
        start = rest_at;
    }
    out.push((part, text.get(start..).unwrap_or_default().trim()));
    out
}

/// Whether the text under STAR labels tells the reader what to do
/// ("Describe the situation you were in", "What were you responsible
/// for?") instead of telling a story: it speaks to "you" and never says
/// "I", "we", "my" or "our" outside quotes. Terse real notes ("Investigated
/// the outage") name no one, so they are not caught.
pub(crate) fn reads_as_instructions(parts: &[String]) -> bool {
    if reminds_of_method(parts) || prompts_the_writer(parts) {
        return true;
    }
    // "you" in two of Situation, Task and Action: a lesson ("if you page on
    // everything...") or a Result may speak to the listener in a story.
    let mut you_parts = 0;
    // Prompts are questions or orders ("Describe...", "What was...?"), or
    // name things without a verb ("Your specific responsibility").
    let mut cue = false;
    for (index, text) in parts.iter().enumerate() {
        let mut you = false;
        let mut quoted = false;
        let mut unquoted = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '"' | '\u{201c}' | '\u{201d}' => quoted = !quoted,
                _ if !quoted => unquoted.push(c),
                _ => {}
            }
        }
        for word in words_lower(&unquoted) {
            let word = word.replace('\u{2019}', "'");
            let base = word.split('\'').next().unwrap_or_default();
            match base {
                "i" | "me" | "my" | "mine" | "myself" | "we" | "us" | "our" | "ours" => {
                    return false
                }
                "you" | "your" | "yours" | "yourself" => you = true,
                _ => {}
            }
        }
        if index < Part::Result.index() {
            you_parts += usize::from(you);
        }
        let first = words_lower(text).next().unwrap_or_default();
        cue |= text.contains('?')
            || PROMPT_WORDS.contains(&first.as_str())
            || (you && !words_lower(text).any(|w| is_past_tense(&w)));
    }
    you_parts >= MIN_YOU_PARTS && cue
}

/// Parts among Situation, Task and Action that say "you" in a template.
const MIN_YOU_PARTS: usize = 2;

/// First words of the prompts in STAR templates and guides.
const PROMPT_WORDS: &[&str] = &[
    "describe",
    "explain",
    "what",
    "how",
    "why",
    "who",
    "which",
    "where",
    "when",
    "share",
    "quantify",
    "set",
    "give",
    "say",
    "include",
    "list",
    "state",
    "provide",
    "outline",
    "highlight",
    "focus",
    "mention",
    "summarise",
    "summarize",
    "briefly",
    "use",
    "keep",
];

/// Past-tense verbs common in stories: regular `-ed` forms and the usual
/// irregular ones.
pub(crate) fn is_past_tense(word: &str) -> bool {
    const IRREGULAR: [&str; 51] = [
        "was",
        "were",
        "had",
        "did",
        "made",
        "took",
        "got",
        "went",
        "found",
        "ran",
        "told",
        "said",
        "led",
        "built",
        "wrote",
        "began",
        "became",
        "knew",
        "saw",
        "felt",
        "kept",
        "left",
        "brought",
        "thought",
        "gave",
        "spent",
        "sent",
        "chose",
        "met",
        "won",
        "lost",
        "paid",
        "held",
        "fell",
        "grew",
        "rang",
        "caught",
        "taught",
        "sold",
        "drove",
        "broke",
        "understood",
        "spoke",
        "dealt",
        "fought",
        "lost",
        "won",
        "held",
        "heard",
        "caught",
        "meant",
    ];
    (word.len() > 4 && word.ends_with("ed")) || IRREGULAR.contains(&word)
}

/// A template's prompts in the writer's own voice (`Task: what was my
/// responsibility`, `Action: what *I* did (3-4 steps)`): every part short,
/// and two or more open with a question word. Terse real notes state what
/// happened (`Action: rolled back the deploy`).
fn prompts_the_writer(parts: &[String]) -> bool {
    let words = |p: &String| p.split_whitespace().count();
    let prompts = parts
        .iter()
        .filter(|p| (1..=8).contains(&words(p)))
        .filter(|p| {
            let first = words_lower(p).next().unwrap_or_default();
            matches!(
                first.as_str(),
                "what" | "how" | "why" | "who" | "which" | "when" | "where"
            )
        })
        .count();
    prompts >= 2 && parts.iter().all(|p| words(p) <= 10)
}

/// `Situation — 2 sentences MAX`, `Action — 60% of the answer`: short
/// parts about the answer's proportions remind the writer of the method.
fn reminds_of_method(parts: &[String]) -> bool {
    let words = |p: &String| p.split_whitespace().count();
    let about_form = parts
        .iter()
        .filter(|p| words(p) > 0 && words(p) <= 10 && speaks_of_answer_form(p))
        .count();
    about_form >= 2 && parts.iter().all(|p| words(p) <= 10)
}

/// Why parts that [`reads_as_instructions`] are not imported.
pub(crate) fn instructions_reason(parts: &[String]) -> &'static str {
    if reminds_of_method(parts) {
        "notes on how to answer, not a story (a STAR reminder?)"
    } else if prompts_the_writer(parts)
        && !parts
            .iter()
            .flat_map(|p| words_lower(p))
            .any(|w| matches!(w.as_str(), "you" | "your"))
    {
        "prompts to fill in, not a story (a STAR template?)"
    } else {
        "advice addressed to \"you\", not a story (a STAR template?)"
    }
}

/// Whether a short part speaks of how long or how much of the answer it
/// should be ("2 sentences max", "60% of the answer"); minutes and
/// seconds are not enough, stories are full of them.
fn speaks_of_answer_form(text: &str) -> bool {
    // A proportion is a number: `2 sentences max`, `60% of the answer`
    // (`Max joined mid-release` is a name, `answer time` a metric).
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let lower = format!(" {} ", text.to_lowercase());
    [
        " sentence",
        " answer",
        " max ",
        " max.",
        " max!",
        " max)",
        " maximum",
        "% of the",
        " keep it short",
        " be brief",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// `(S) text`: a STAR letter in brackets opening a line.
fn bracketed_letter_label(text: &str) -> Option<LineLabel<'_>> {
    let body = text.trim_start().strip_prefix(['(', '['])?;
    let mut chars = body.chars();
    let letter = chars.next()?;
    let part = Part::from_letter(letter.to_ascii_uppercase())?;
    let rest = chars.as_str().strip_prefix([')', ']'])?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(LineLabel {
        part,
        rest: rest.trim(),
        one_letter: true,
        // `[s] it was July...` in quick lower-case notes: a label only
        // beside its siblings (`(a) first option` is a list).
        dashed: letter.is_ascii_lowercase(),
        weak: false,
    })
}

/// An answer marker, `A:` after a `Q:` line, and the text after it.
pub(crate) fn answer_marker(text: &str) -> Option<&str> {
    let body = text.trim_start();
    let rest = body
        .strip_prefix("A:")
        .or_else(|| body.strip_prefix("Answer:"))?;
    Some(rest.trim_start())
}

/// The text of an answer: after an answer marker (`A:`) or the candidate's
/// name in a transcript (`Me:`).
pub(crate) fn reply_text(text: &str) -> Option<&str> {
    answer_marker(text).or_else(|| match speaker(text) {
        Some((Speaker::Candidate, rest)) => Some(rest),
        _ => None,
    })
}

/// Who speaks a line of an interview transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Speaker {
    Interviewer,
    Candidate,
}

/// Names a transcript gives the interviewer (lowercase).
const INTERVIEWER_NAMES: &[&str] = &[
    "interviewer",
    "interviewer 1",
    "interviewer 2",
    "the interviewer",
    "mock interviewer",
    "panellist",
    "panelist",
    "panel chair",
    "recruiter",
    "hiring manager",
    "coach",
    "chatgpt",
    "claude",
];

/// Names a transcript gives the candidate (lowercase).
const CANDIDATE_NAMES: &[&str] = &["me", "candidate", "my answer", "myself"];

/// `Priya: Tell me about...`: a turn of a speaker named by a first name
/// (one or two capitalised words), who may be the friend playing the
/// interviewer in a mock interview with `Me:`. The name and what they say.
pub(crate) fn named_turn(text: &str) -> Option<(&str, &str)> {
    let (name, rest) = text.trim_start().split_once(':')?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let label_like = matches!(
        name.trim().to_lowercase().as_str(),
        "q" | "a" | "question" | "answer" | "note" | "notes" | "tip" | "update" | "edit"
    );
    let named = (1..=2).contains(&words.len())
        && name.trim().chars().count() >= 2
        && !label_like
        && name.len() <= 20
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '\'')
        });
    // A label of the notes' own (`Situation:`, `Note:`) is no speaker.
    (named && part_named(name).is_none() && !rest.trim().is_empty())
        .then(|| (name.trim(), rest.trim_start()))
}

/// `Interviewer: Tell me...` or `Me: So at my last job...`: the speaker
/// and what they say.
pub(crate) fn speaker(text: &str) -> Option<(Speaker, &str)> {
    let (name, rest) = text.trim_start().split_once(':')?;
    if name.len() > 20 {
        return None;
    }
    let name = name.trim().to_lowercase();
    let who = if INTERVIEWER_NAMES.contains(&name.as_str()) {
        Speaker::Interviewer
    } else if CANDIDATE_NAMES.contains(&name.as_str()) {
        Speaker::Candidate
    } else {
        return None;
    };
    Some((who, rest.trim_start()))
}

/// How many full-word labels with a colon follow sentence ends in `text`,
/// each naming a later part than the one before (from `first`).
fn full_word_labels(text: &str, first: Part) -> usize {
    let mut part = first;
    let mut count = 0;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        let sentence_end = c == ' ' && matches!(previous, '.' | '!' | '?' | ';');
        previous = c;
        let from = i + 1;
        if !sentence_end
            || !text
                .as_bytes()
                .get(from)
                .is_some_and(u8::is_ascii_alphabetic)
        {
            continue;
        }
        let Some((label, len)) = part_named(&text[from..]) else {
            continue;
        };
        let weak = WEAK_LABELS
            .iter()
            .any(|w| text[from..from + len].eq_ignore_ascii_case(w));
        if label.index() > part.index() && !weak && text[from + len..].starts_with(':') {
            part = label;
            count += 1;
        }
    }
    count
}

/// A part's text without the prompt a template left after its label:
/// `(What was the context? Keep it to 2 sentences) We moved...` is `We
/// moved...`. Only a bracket holding a question is a prompt.
pub(crate) fn without_prompt(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('(') else {
        return text;
    };
    // Only a bracket alone after its label: `Result: (Did it work?
    // Mostly.) Latency fell 40%` keeps its aside.
    match inner.find([')', '(']) {
        Some(close)
            if inner[close..].starts_with(')')
                && inner[..close].contains('?')
                && inner[close + 1..].trim().is_empty() =>
        {
            ""
        }
        _ => text,
    }
}

/// A part that only holds a placeholder: `TBD`, `TODO: outcome`, `-`, `?`.
pub(crate) fn is_placeholder(text: &str) -> bool {
    // `-`, `/.`, `...`: no word at all (as `story::is_missing` reads it).
    if !text.chars().any(char::is_alphanumeric) {
        return true;
    }
    // `???` or `??? (no numbers yet)`: the writer does not know yet (a
    // `??` before words is more likely an emoji a CSV export lost).
    if let Some(rest) = text.trim().strip_prefix("??") {
        let rest = rest.trim_start_matches('?').trim();
        let bracketed = rest.starts_with(['(', '[']) && rest.ends_with([')', ']']);
        if rest.is_empty() || bracketed {
            return true;
        }
    }
    // `[What were you responsible for? Covering the rota?]`: a template's
    // prompt in brackets, nothing written outside them.
    if text.trim_start().starts_with('[')
        && !outside_brackets(text).chars().any(char::is_alphanumeric)
    {
        return true;
    }
    // `<what I did, step by step>`, `- <step 1>`: a template's prompts in
    // angle brackets, one per line.
    let angled = text
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '+']).trim())
        .filter(|l| !l.is_empty())
        .all(|l| l.starts_with('<') && l.ends_with('>') && l.contains(' '));
    if angled && text.trim_start().starts_with(['<', '-', '*', '+']) {
        return true;
    }
    let first = text
        .split(|c: char| !c.is_alphanumeric() && c != '/')
        .find(|w| !w.is_empty());
    match first {
        None => true,
        Some(word) => {
            let lower = word.to_ascii_lowercase();
            // `TBD - need numbers from Olu (before/after?)` is a note to
            // self, longer than a `WIP` status may be.
            // A longer note is one only when it asks itself something or
            // says what to do (`TODO - ask Karen how many moved over`).
            let to_do = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .nth(1)
                .is_some_and(|w| TO_DO_VERBS.contains(&w.to_ascii_lowercase().as_str()));
            let most = match lower.as_str() {
                "tbd" | "tbc" | "todo" if text.contains('?') || to_do => MAX_TODO_WORDS,
                "tbd" | "tbc" | "todo" | "n/a" | "wip" => MAX_PLACEHOLDER_WORDS,
                _ => return false,
            };
            text.split_whitespace().count() <= most && !text.chars().any(|c| c.is_ascii_digit())
        }
    }
}

/// The text outside `[...]` groups.
fn outside_brackets(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|&c| {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// A `TBD` note longer than this, or with a number, is kept: it may say
/// what happened (`WIP: rollout at 40%`).
const MAX_PLACEHOLDER_WORDS: usize = 6;

/// Verbs a note to self starts with after `TODO -`.
const TO_DO_VERBS: &[&str] = &[
    "ask", "check", "find", "add", "get", "chase", "confirm", "need", "look", "dig", "fill",
    "write", "finish",
];

/// Longest note to self after `TBD`, `TBC` or `TODO` still a placeholder.
const MAX_TODO_WORDS: usize = 12;

/// Length of further labels joined to a label (`Result/Learnings`,
/// `Situation & Task`, `Result and impact`): the text goes to the first part.
fn joined_labels(after: &str) -> usize {
    let mut used = 0;
    for _ in 0..MAX_JOINED_LABELS {
        let rest = &after[used..];
        let trimmed = rest.trim_start();
        let joiner = ["/", "&", "+", "and "].iter().find(|j| {
            trimmed
                .get(..j.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(j))
        });
        let Some(next) = joiner.and_then(|j| trimmed.get(j.len()..)) else {
            return used;
        };
        let next_trimmed = next.trim_start();
        let Some((_, len)) = part_named(next_trimmed) else {
            return used;
        };
        used += rest.len() - next_trimmed.len() + len;
    }
    used
}

/// `Situation/Task/Action` at most: a longer chain is not a label.
const MAX_JOINED_LABELS: usize = 4;

/// A line opening with a capital letter that is no STAR letter and a dash
/// set off by spaces (`B - patch it`, `C – wait`): a list of options.
pub(crate) fn opens_with_option_letter(text: &str) -> bool {
    let body = &text[skip_decoration(text)..];
    let mut chars = body.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let after = chars.as_str();
    first.is_ascii_uppercase()
        && Part::from_letter(first).is_none()
        && (spaced_dash(after).is_some()
            || after
                .strip_prefix(')')
                .is_some_and(|rest| rest.starts_with(char::is_whitespace)))
}

/// The letter of a line that opens like an option of a lettered list
/// typed with a full stop (`B. Move the bakery shift`), other than a STAR
/// letter. One such line may be an initial (`M. Khan took 1-3`); two
/// different letters are a list.
pub(crate) fn dotted_option_letter(text: &str) -> Option<char> {
    let body = &text[skip_decoration(text)..];
    let mut chars = body.chars();
    let first = chars.next()?;
    (first.is_ascii_uppercase()
        && Part::from_letter(first).is_none()
        && chars
            .as_str()
            .strip_prefix('.')
            .is_some_and(|rest| rest.starts_with(char::is_whitespace)))
    .then_some(first)
}

/// The text after a dash set off by spaces that follows a letter (` - `,
/// ` – `, ` — `): `S - text` gives `text`; `A-list` and `A -- x` give none.
fn spaced_dash(after_letter: &str) -> Option<&str> {
    if !after_letter.starts_with(' ') {
        return None;
    }
    after_letter
        .trim_start_matches(' ')
        .strip_prefix(['-', '\u{2013}', '\u{2014}'])
        // `A -` alone on its line, the steps below it.
        .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// The text after an arrow that follows a label, `S → text` or
/// `Situation >> text`: the arrow set off by spaces.
fn arrowed(after_label: &str) -> Option<&str> {
    const ARROWS: [&str; 7] = [
        "\u{2192}", "->", "=>", ">>", "\u{21d2}", "\u{2794}", "\u{279c}",
    ];
    let trimmed = after_label.trim_start_matches(' ');
    if trimmed.len() == after_label.len() {
        return None;
    }
    ARROWS
        .iter()
        .find_map(|arrow| trimmed.strip_prefix(arrow))
        .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// Fewest words after a `S.` letter for it to be a label.
const MIN_DOTTED_LABEL_WORDS: usize = 3;

/// `S: text` style labels: an uppercase letter and a colon, so `A::new` or
/// `a: b` in prose are not labels; or a dash set off by spaces, as typed
/// in a plain editor (`S - text`, `T – text`), never `A-list`.
fn one_letter_label(body: &str) -> Option<LineLabel<'_>> {
    let mut chars = body.chars();
    let letter = chars.next()?;
    // `s: black friday` in quick lower-case notes: as loose as a dash (it
    // counts only beside sibling labels), and only with a colon.
    let lower = letter.is_ascii_lowercase();
    let part = Part::from_letter(letter.to_ascii_uppercase())?;
    let colon = body[1..].trim_start_matches(' ').strip_prefix(':');
    if lower && colon.is_none() {
        return None;
    }
    // `S:: text`, a Roam or Dataview attribute: as loose as a dash (`A::
    // new()` is code).
    let attribute = colon
        .and_then(|rest| rest.strip_prefix(':'))
        .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace));
    let (rest, dashed) = match colon {
        Some(_) if attribute.is_some() => (attribute.unwrap_or_default(), true),
        Some(rest) => (rest, lower),
        // An arrow after one letter is as loose as a dash (`A -> B
        // failover`): both need a sibling label to count.
        // `S) text`, as lettered lists are typed: as loose as a dash.
        None => match arrowed(&body[1..]) {
            Some(rest) => (rest, true),
            None => match spaced_dash(&body[1..]) {
                Some(rest) => (rest, true),
                // `S / Summer 2023...`, as quick notes split the letter off.
                None => match body[1..]
                    .trim_start_matches(' ')
                    .strip_prefix('/')
                    .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
                {
                    Some(rest) => (rest, true),
                    // `S. August bank holiday...`, `A. told the captain`:
                    // as loose as a dash, and a few words at least (`S.
                    // Patel`, `A. Smith` are names).
                    None => match body[1..]
                        .strip_prefix('.')
                        .filter(|r| r.starts_with(char::is_whitespace))
                        .filter(|r| r.split_whitespace().count() >= MIN_DOTTED_LABEL_WORDS)
                    {
                        Some(rest) => (rest, true),
                        None => (body[1..].strip_prefix(')')?, true),
                    },
                },
            },
        },
    };
    if rest.starts_with([':', '-']) || rest.starts_with(|c: char| !c.is_whitespace()) {
        return None;
    }
    Some(LineLabel {
        part,
        rest: rest.trim(),
        one_letter: true,
        dashed,
        weak: false,
    })
}

/// `Story A · what I did`, `Story 2 — result`: a slide deck's heading for
/// one part of a story told over several slides, named by the story's
/// letter or number and the part (the caller checks that the story is the
/// one already open). Returns the part and the story's number.
pub(crate) fn story_part_heading(text: &str) -> Option<(Part, u32)> {
    let prefix = story_prefix(text)?;
    if !matches!(prefix.kind, PrefixKind::Story | PrefixKind::Example) || prefix.number.is_none() {
        return None;
    }
    let rest = prefix.rest.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '.' | '-' | '\u{2013}' | '\u{2014}' | '\u{b7}' | '|'
            )
    });
    // `what I did / result`, `what went wrong & what I did`: the first
    // part the heading names, by a word or phrase (not a letter: `A/B
    // test`); a title after a label is no part heading.
    let number = prefix.number?;
    rest.split([',', '/', '&', '+'])
        .flat_map(|piece| piece.split(" and "))
        .find_map(|piece| {
            let piece = piece.trim();
            let (part, extra) = part_named(piece)
                .filter(|&(_, end)| end > 1)
                .and_then(|(part, end)| label_remainder(part, &piece[end..]))?;
            extra.is_empty().then_some((part, number))
        })
}

/// A heading that is a STAR label (`### 🎯 **SITUATION**`, `#### Action
/// taken`, `## S - Situation`); returns the part and any text after it.
pub(crate) fn heading_label(text: &str) -> Option<(Part, String)> {
    let start = skip_decoration(text);
    let body = &text[start..];
    if let Some((part, end)) = part_named(body) {
        return label_remainder(part, &body[end..]);
    }
    // `S - Situation`, `S: our team...` or just `S`; `O — Objective`,
    // `H — Hindrances` and `E — Evaluation` of SOARA and SHARE, named
    // (a bare `H` or `E` may head an option).
    let mut chars = body.chars();
    let letter = chars.next()?.to_ascii_uppercase();
    if matches!(letter, 'O' | 'H' | 'E') {
        let after = chars.as_str();
        let inner = after[skip_decoration(after)..].trim();
        return part_named(inner)
            .filter(|&(_, end)| end == inner.len())
            .and_then(|(part, _)| label_remainder(part, ""));
    }
    let part = Part::from_letter(letter)?;
    let after = chars.as_str();
    if after.starts_with(char::is_alphanumeric) {
        return None;
    }
    let inner = &after[skip_decoration(after)..];
    match part_named(inner) {
        Some((inner_part, end)) if inner_part == part => label_remainder(part, &inner[end..]),
        // `A — Aftermath` (SOARA), `R — Reflection` (STARR): the word decides.
        Some((inner_part, end))
            if inner.len() == end
                && after.contains(['-', ':', '\u{2013}', '\u{2014}'])
                && (inner_part == Part::Learning
                    || matches!(
                        inner.to_ascii_lowercase().as_str(),
                        "aftermath" | "objective"
                    )) =>
        {
            label_remainder(inner_part, "")
        }
        _ if inner.is_empty() => Some((part, String::new())),
        _ if after.trim_start().starts_with(':') => Some((part, inner.trim().to_owned())),
        _ => None,
    }
}

fn label_remainder(part: Part, after: &str) -> Option<(Part, String)> {
    if !after.chars().any(char::is_alphanumeric) {
        return Some((part, String::new()));
    }
    let trimmed = after.trim_start();
    if after.starts_with(':') || trimmed.starts_with('(') {
        let extra = if trimmed.starts_with('(') {
            ""
        } else {
            &after[1..]
        };
        return Some((part, extra.trim().to_owned()));
    }
    let spaced = after.starts_with(char::is_whitespace);
    // `Action 1`, `Action #2:`: one part told in numbered pieces.
    let numbered = trimmed.strip_prefix('#').unwrap_or(trimmed);
    let digits = numbered.bytes().take_while(u8::is_ascii_digit).count();
    if spaced && (1..=2).contains(&digits) {
        // `Action 2: ...` or `Action 2` alone; `Result 3 months later` is
        // a heading's text.
        let after = numbered[digits..].trim_start();
        let extra = after.trim_start_matches([':', '.', ')', '-', '\u{2013}', '\u{2014}']);
        let separated = extra.len() < after.len();
        if after.is_empty()
            || (separated && (extra.is_empty() || extra.starts_with(char::is_whitespace)))
        {
            return Some((part, extra.trim().to_owned()));
        }
    }
    if spaced && trimmed.starts_with(['-', '\u{2013}', '\u{2014}', '|']) {
        let extra = trimmed.trim_start_matches(['-', '\u{2013}', '\u{2014}', '|']);
        return Some((part, extra.trim().to_owned()));
    }
    // `Situation & Task`: the text goes to the first part, and the importer
    // later reports the second one as missing rather than guessing.
    for joiner in ["&", "and ", "/", "+"] {
        if let Some(next) = trimmed.strip_prefix(joiner) {
            let next = next.trim_start();
            if part_named(next).is_some() {
                return Some((part, String::new()));
            }
        }
    }
    None
}

/// Which word introduced a numbered story or question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PrefixKind {
    Story,
    Example,
    Question,
}

/// `Story 3: Title`, `Example 2 - Title`, `Question 1: Tell me...`, `Q2: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoryPrefix<'a> {
    pub kind: PrefixKind,
    pub number: Option<u32>,
    pub rest: &'a str,
    /// The prefix ended with a colon (`Story:`), the strongest signal.
    pub colon: bool,
    /// `STAR: Title` without a number: a title only as a heading
    /// (`## STAR: Saving a renewal`); a line `STAR: keep it short` is a note.
    pub bare_star: bool,
}

pub(crate) fn story_prefix(text: &str) -> Option<StoryPrefix<'_>> {
    let start = skip_decoration(text);
    let body = &text[start..];
    // The word, what it opens, and whether it needs a number after it.
    const WORDS: [(&str, PrefixKind, bool); 12] = [
        ("star example", PrefixKind::Example, false),
        // `My story: the orphaned invoice service`.
        ("my story", PrefixKind::Story, false),
        ("example", PrefixKind::Example, false),
        ("story", PrefixKind::Story, false),
        ("star story", PrefixKind::Story, false),
        ("story idea", PrefixKind::Story, false),
        // `STAR #3 — Title` or `STAR: Title`.
        ("star", PrefixKind::Story, true),
        ("question", PrefixKind::Question, false),
        ("q", PrefixKind::Question, false),
        // `Example Question: "Tell me about..."` above the stories it asks for.
        ("example question", PrefixKind::Question, false),
        ("sample question", PrefixKind::Question, false),
        ("interview question", PrefixKind::Question, false),
    ];
    let first = body.as_bytes().first()?.to_ascii_lowercase();
    let (kind, needs_number, end) = WORDS
        .iter()
        .filter(|(word, _, _)| word.as_bytes().first() == Some(&first))
        .filter_map(|&(word, kind, needs_number)| {
            Some((
                kind,
                needs_number,
                match_phrase(body, word, not_alphabetic)?,
            ))
        })
        .max_by_key(|&(_, _, end)| end)?;
    let mut rest = body[end..].trim_start();
    rest = rest.strip_prefix('#').unwrap_or(rest);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let mut number = if (1..=9).contains(&digits) {
        rest[..digits].parse().ok()
    } else {
        None
    };
    if digits > 9 {
        return None;
    }
    rest = rest[digits..].trim_start();
    // `Story A: Title`, `Story B - Title`: lettered like numbered (B is
    // the second, as a `-> Story B` reference counts it).
    let lettered = digits == 0
        && kind != PrefixKind::Question
        && rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && rest[1..]
            .trim_start()
            .starts_with([':', '.', ')', '-', '\u{2013}', '\u{2014}', '\u{b7}', '|']);
    if lettered {
        number = Some(u32::from(rest.as_bytes()[0] - b'A') + 1);
        rest = rest[1..].trim_start();
    }
    // `Story 3 of 5: Title`, `Story 3/5 - Title`: the count is not the title.
    if number.is_some() {
        let after_of = match_phrase(rest, "of", not_alphabetic)
            .map(|end| rest[end..].trim_start())
            .or_else(|| rest.strip_prefix('/'));
        if let Some(count) = after_of {
            let count_digits = count.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=3).contains(&count_digits) {
                rest = count[count_digits..].trim_start();
            }
        }
    }
    let separator = rest.chars().next().filter(|c| {
        matches!(
            c,
            ':' | '.' | ')' | '-' | '|' | '\u{2013}' | '\u{2014}' | '\u{ff1a}'
        )
    });
    let colon = matches!(separator, Some(':' | '\u{ff1a}'));
    if let Some(sep) = separator {
        rest = &rest[sep.len_utf8()..];
    }
    // `STAR: Title` or `STAR #3 — Title`; not `STAR — notes`, nor the
    // method spelled out (`STAR: Situation, Task, Action, Result`).
    if number.is_none() && !lettered && (separator.is_none() || (needs_number && !colon)) {
        return None;
    }
    let bare_star = needs_number && number.is_none();
    if bare_star && part_named(rest.trim_start()).is_some() {
        return None;
    }
    // `Q1` must be followed by a break: `Q4 planning` is not a question.
    if kind == PrefixKind::Question && separator.is_none() && !rest.is_empty() {
        return None;
    }
    Some(StoryPrefix {
        kind,
        number,
        rest: rest.trim(),
        colon,
        bare_star,
    })
}

/// Whether a heading or line reads as an interview question.
pub(crate) fn is_question(text: &str) -> bool {
    let body = &text[skip_decoration(text)..];
    let trimmed = body.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '?');
    if trimmed.ends_with('?') {
        return !titles_a_quoted_question(body);
    }
    let head: String = body
        .chars()
        .take(48)
        .collect::<String>()
        .to_ascii_lowercase();
    const STARTS: [&str; 22] = [
        "tell me",
        "tell us",
        "describe",
        "give me",
        "give us",
        "give an example",
        "walk me through",
        "walk us through",
        "talk me through",
        "talk about a time",
        "share a time",
        "share an example",
        "can you",
        "could you",
        "have you",
        "would you",
        "do you",
        "did you",
        "are you",
        "were you",
        "explain a time",
        "explain how you",
    ];
    if STARTS
        .iter()
        .any(|s| match_phrase(&head, s, not_alphanumeric).is_some())
    {
        return true;
    }
    let mut words = head.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    const INTERROGATIVES: [&str; 6] = ["how", "what", "when", "why", "which", "where"];
    const FOLLOWERS: [&str; 18] = [
        "do", "did", "does", "would", "have", "has", "had", "are", "is", "was", "were", "can",
        "could", "should", "will", "you", "to", "kind",
    ];
    // `How to Use the STAR Method`: a guide's title, not a question
    // (`How to handle conflict?` still is, by its question mark).
    let guide = first == "how" && second == "to";
    (INTERROGATIVES.contains(&first) && FOLLOWERS.contains(&second) && !guide)
        || matches!(first, "what's" | "how's" | "what\u{2019}s")
}

/// A question heading that asks for one story ("Tell me about a time...",
/// "Have you ever..."), not for an opinion or a plan ("Why this company?",
/// "How do you approach learning?") or a pitch ("Tell me about yourself").
pub(crate) fn asks_for_a_story(question: &str) -> bool {
    let lower = normalize_spaces(&question.to_lowercase());
    const ASKS: &[&str] = &[
        "a time",
        "an example",
        "a situation",
        "an instance",
        "an occasion",
        "ever ",
        "when you",
        "walk me through",
        "tell me about a",
        // A panel asks as "us": `Tell us about a change you have led`.
        "tell us about a",
        "walk us through",
        "talk us through",
        "give us a",
        "describe a",
        "give me a",
        "share a",
        "how did you",
        "what did you",
        // "Tell me about the most pressured situation you've been in".
        "about the most",
        "about the hardest",
        "about the biggest",
        "about the toughest",
        "about the worst",
        "about the best",
        "what have you done",
        "what have you personally done",
        // "Tell me about something you've done that went beyond...".
        "something you've done",
        "something you have done",
        "something you did",
    ];
    // `Tell us about dealing with a difficult parent`: an experience named
    // by what was done.
    let about_doing = ["tell me about ", "tell us about "].iter().any(|request| {
        lower.match_indices(request).any(|(at, _)| {
            lower[at + request.len()..]
                .split_whitespace()
                .next()
                .is_some_and(|w| w.len() > 5 && w.ends_with("ing") && !w.ends_with("thing"))
        })
    });
    !lower.contains("yourself") && (about_doing || ASKS.iter().any(|a| lower.contains(a)))
}

/// A stricter [`asks_for_a_story`] for notes without any STAR labels, where
/// nothing else vouches for the prose: the question must plainly ask for an
/// instance, as whole words ("a time", not "a timeline").
pub(crate) fn plainly_asks_for_a_story(question: &str) -> bool {
    let lower = format!(" {} ", words_lower(question).collect::<Vec<_>>().join(" "));
    const ASKS: [&str; 12] = [
        " a time ",
        " an example ",
        " a situation ",
        " an instance ",
        " have you ever ",
        " tell me about a ",
        " tell us about a ",
        " describe a ",
        " give me an example ",
        " give us an example ",
        " walk me through a ",
        " walk us through a ",
    ];
    !lower.contains(" yourself ") && ASKS.iter().any(|a| lower.contains(a))
}

/// A heading over a pitch or an opinion rather than a story: `About me`,
/// `Why this company`, `Strengths and weaknesses`.
pub(crate) fn is_pitch(title: &str) -> bool {
    const WORDS: [&str; 13] = [
        "about me",
        "yourself",
        "background",
        "why ",
        "weakness",
        "strength",
        "motivation",
        "elevator pitch",
        "career goals",
        "salary",
        "questions for",
        "questions to ask",
        "introduction",
    ];
    let lower = format!("{} ", normalize_spaces(&title.to_lowercase()));
    WORDS.iter().any(|w| lower.contains(w))
}

/// Byte offset of the end of the first sentence (its full stop), skipping
/// abbreviations such as `e.g.` and `Dr.`; `None` for one sentence.
pub(crate) fn first_sentence_end(text: &str) -> Option<usize> {
    const ABBREVIATIONS: [&str; 9] = ["e.g", "i.e", "dr", "mr", "mrs", "ms", "vs", "etc", "approx"];
    let mut from = 0;
    while let Some(found) = text[from..].find(". ") {
        let end = from + found;
        let word = text[..end]
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("")
            .to_lowercase();
        if !ABBREVIATIONS.contains(&word.as_str()) {
            return Some(end);
        }
        from = end + 2;
    }
    None
}

/// A sentence that tells how a story ended: "In the end...", "As a
/// result...", "Eventually...".
pub(crate) fn opens_like_an_outcome(sentence: &str) -> bool {
    let lower = without_spoken_lead(&sentence.trim_start().to_lowercase());
    const OPENINGS: [&str; 14] = [
        "in the end",
        "as a result",
        "eventually",
        "the result",
        "the outcome",
        "by the end",
        "ultimately",
        "since then",
        "in total",
        "overall",
        "the upshot",
        "all in all",
        "finally",
        "end result",
    ];
    OPENINGS
        .iter()
        .any(|o| match_phrase(&lower, o, not_alphanumeric) == Some(o.len()))
}

/// `so, um, anyway, by February...`: a spoken sentence without the
/// fillers that lead it (lowercase in, lowercase out).
fn without_spoken_lead(lower: &str) -> String {
    const FILLERS: [&str; 12] = [
        "so",
        "and",
        "anyway",
        "then",
        "but",
        "um",
        "uh",
        "er",
        "well",
        "basically",
        "like",
        "yeah",
    ];
    let mut rest = lower.trim_start();
    loop {
        let word_end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        if word_end == 0 || !FILLERS.contains(&&rest[..word_end]) {
            return rest.to_owned();
        }
        rest = rest[word_end..].trim_start_matches([',', ' ']);
    }
}

/// A sentence that tells when, later, the outcome came: "By February
/// he'd moved back up", "After six weeks the average score...", "Two
/// months later...". Read as the outcome only late in a story told in one
/// paragraph (an early "After two weeks I rolled it out" is an action).
pub(crate) fn opens_with_a_later_time(sentence: &str) -> bool {
    let lower = without_spoken_lead(&sentence.trim_start().to_lowercase());
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    // Months and seasons (`By February`, `By summer`), holidays and spans.
    let when = |w: &str| {
        MONTHS_AND_SEASONS.contains(&w)
            || matches!(
                w,
                "easter" | "christmas" | "half" | "year" | "month" | "week" | "quarter"
            )
    };
    const UNITS: [&str; 8] = [
        "days", "weeks", "months", "years", "day", "week", "month", "year",
    ];
    let number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "a" | "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "eight"
                    | "ten"
                    | "twelve"
                    | "few"
                    | "couple"
            )
    };
    match words.as_slice() {
        // `By February`, `By the summer term`, `By year end`.
        ["by", "the", season, ..] => {
            matches!(
                *season,
                "summer" | "spring" | "autumn" | "winter" | "following" | "next" | "end"
            )
        }
        // `By 2pm`, `By 14:00`, `By Friday`, `By lunchtime`: later the
        // same day or week.
        ["by", at, ..] => when(at) || clock_or_day(at, words.get(2).copied()),
        // `After six weeks`, `Within a month`, `A year later`.
        ["after" | "within", n, unit, ..] => number(n) && UNITS.contains(unit),
        ["within" | "after", unit, ..] => matches!(*unit, "weeks" | "months"),
        [n, unit, "later" | "on", ..] => number(n) && UNITS.contains(unit),
        _ => false,
    }
}

/// `2pm`, `14` (of `14:00`), `2` before `pm`, `noon`, `friday`: a time of
/// day or a day of the week, the word after `by`.
fn clock_or_day(word: &str, next: Option<&str>) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let hour = (1..=2).contains(&digits) && word[..digits].parse::<u32>().is_ok_and(|h| h <= 24);
    let meridiem = |w: &str| matches!(w, "am" | "pm");
    (hour
        && (meridiem(&word[digits..])
            || (digits == word.len()
                && next.is_some_and(|n| meridiem(n) || n == "00" || n == "30"))))
        || matches!(
            word,
            "noon"
                | "midday"
                | "midnight"
                | "lunchtime"
                | "lunch"
                | "teatime"
                | "evening"
                | "tonight"
                | "morning"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "tomorrow"
        )
}

/// A paragraph that states the task: "My job was...", "I was asked to...".
pub(crate) fn opens_like_a_task(paragraph: &str) -> bool {
    let lower = without_spoken_lead(&paragraph.trim_start().to_lowercase());
    const OPENINGS: [&str; 18] = [
        "my job",
        "my task",
        "my goal",
        "my role",
        "my responsibility",
        "i was asked",
        "i was tasked",
        "i needed to",
        "i had to",
        "the goal",
        "the task",
        "our goal",
        "it was on me",
        "it was my job",
        "it was my responsibility",
        "it fell to me",
        "i was responsible",
        "i was in charge",
    ];
    OPENINGS.iter().any(|o| lower.starts_with(o))
}

/// Words that may stand before `story` in a heading without naming one.
const STORY_DETERMINERS: &[&str] = &[
    "the", "a", "an", "my", "our", "one", "this", "that", "another", "first", "second", "third",
    "best", "main", "other", "new", "short", "long", "full", "your", "sample", "good",
];

/// `The billing story`, `Conflict story with Dana`: `story` after the
/// words that say which one (ending the heading, or before `with`,
/// `about`...) names a story; `Story bank`, `STAR story`, `Short story`
/// do not.
fn names_a_story(words: &[String], at: usize) -> bool {
    if words[at] != "story" {
        return false;
    }
    let before = &words[..at];
    let says_which = before.iter().any(|w| {
        !STORY_DETERMINERS.contains(&w.as_str())
            && !GENERIC_WORDS.contains(&w.as_str())
            && !WEAK_GENERIC_WORDS.contains(&w.as_str())
    });
    let ends = match words.get(at + 1) {
        None => true,
        Some(next) => {
            matches!(
                next.as_str(),
                "with" | "about" | "of" | "from" | "at" | "for" | "in"
            ) && at + 2 < words.len()
        }
    };
    says_which && ends
}

/// `Release notes for the firmware teams`, `Handover notes at shift
/// change`: `notes` after a word that says what kind of notes is a thing
/// in a story; `Interview notes`, `My notes`, `Notes` are the document's.
fn names_a_thing(words: &[String], at: usize) -> bool {
    if !matches!(words[at].as_str(), "notes" | "note") || at == 0 {
        return false;
    }
    let before = words[at - 1].as_str();
    !GENERIC_WORDS.contains(&before)
        && !WEAK_GENERIC_WORDS.contains(&before)
        && !matches!(
            before,
            "my" | "our"
                | "the"
                | "some"
                | "more"
                | "quick"
                | "rough"
                | "random"
                | "personal"
                | "loop"
                | "extra"
                | "general"
                | "additional"
                | "side"
                | "final"
                | "raw"
                | "working"
                | "scratch"
                | "study"
                | "and"
                | "other"
                | "misc"
                | "prep"
                | "preparation"
                | "behavioural"
                | "behavioral"
        )
}

/// `Todo app rewrite`, `FAQ bot launch`, `Questions service outage`: a
/// generic word naming the kind of product the story is about (it stands
/// before `app`, `service`, `bot`...) is part of the story's title, not a
/// section of the notes.
fn names_a_product(words: &[String], at: usize) -> bool {
    words.get(at + 1).is_some_and(|next| {
        matches!(
            next.as_str(),
            "app"
                | "apps"
                | "application"
                | "service"
                | "services"
                | "bot"
                | "tool"
                | "feature"
                | "system"
                | "platform"
                | "website"
                | "api"
                | "widget"
                | "plugin"
                | "extension"
                | "database"
                | "engine"
                | "pipeline"
                | "dashboard"
        )
    })
}

/// `Winning the Rising Star award`, `Our North Star metric`, `Five star
/// rating`: `star` as a word of the story's title, not the STAR method.
fn names_a_star(words: &[String], at: usize) -> bool {
    words[at] == "star"
        && (at > 0
            && matches!(
                words[at - 1].as_str(),
                "rising"
                    | "north"
                    | "gold"
                    | "shining"
                    | "five"
                    | "four"
                    | "three"
                    | "all"
                    | "lone"
            )
            || words.get(at + 1).is_some_and(|next| {
                matches!(
                    next.as_str(),
                    "award" | "awards" | "metric" | "rating" | "performer" | "employee" | "player"
                )
            }))
}

/// Words that make a heading a container rather than a story or competency.
const GENERIC_WORDS: &[&str] = &[
    "example",
    "examples",
    // The same in notes kept in German, Spanish, Portuguese and French
    // (`# Vorstellungsgespräch – Beispiele`, `# Entretien – exemples`).
    "beispiele",
    "ejemplos",
    "exemplos",
    "exemples",
    "vorstellungsgespräch",
    "vorstellungsgesprach",
    "entretien",
    "entrevista",
    "entrevistas",
    "star",
    "tips",
    "tip",
    "notes",
    "note",
    "definition",
    "definitions",
    "overview",
    "introduction",
    "intro",
    "achievements",
    "cheatsheet",
    "contents",
    "prep",
    "preparation",
    // `# LinkedIn drafts (+ interview stories)`: the document's title.
    "drafts",
    "appendix",
    "glossary",
    "faq",
    "todo",
    "misc",
    "lp",
    "lps",
];

/// Words that make a short heading a container (`Stories`, `Question bank`,
/// `Answer format`) but can be part of a story's title (`Pushing back on a
/// dark pattern`, `The story of the lost backups`).
const WEAK_GENERIC_WORDS: &[&str] = &[
    // `Release notes template for firmware teams`, `Balance sheet clean-up`
    // are stories; `STAR template`, `Cheat sheet` are not.
    "template",
    "templates",
    "checklist",
    "sheet",
    "response",
    "responses",
    "answer",
    "answers",
    "sample",
    "samples",
    "summary",
    "interview",
    "interviews",
    "questions",
    "question",
    "stories",
    "story",
    "pattern",
    "patterns",
    "framework",
    "method",
    "guide",
    "mistakes",
    "resources",
    "references",
    "areas",
    "format",
    "mapping",
    "bank",
];

/// Headings up to this many words are containers if they hold one weak
/// generic word.
const SHORT_GENERIC_HEADING: usize = 4;

/// Any generic word, weak or strong: a heading with one names no
/// competency (`Stories from my time at Stripe`).
fn has_generic_word(text: &str) -> bool {
    words_lower(text)
        .any(|w| GENERIC_WORDS.contains(&w.as_str()) || WEAK_GENERIC_WORDS.contains(&w.as_str()))
}

/// Words of `text` that are not generic (`STAR`, `examples`, `stories`).
pub(crate) fn content_words(text: &str) -> usize {
    words_lower(text)
        .filter(|w| {
            !GENERIC_WORDS.contains(&w.as_str()) && !WEAK_GENERIC_WORDS.contains(&w.as_str())
        })
        .count()
}

/// Openings of a heading that tells the reader about the document (`How
/// I use this`, `About this page`): a section, never a competency.
const ABOUT_THE_DOCUMENT: &[&str] = &[
    "how i use",
    "how to use",
    "how to read",
    "how i read",
    "how this",
    "about this",
    "about these",
    "why this",
    "using this",
    "reading this",
    "readme",
];

fn about_the_document(text: &str) -> bool {
    let lower = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    // `How I use this`, `About these notes`: short, and ending on the
    // document; `How this migration nearly failed` is a story.
    let last = lower
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    let names_document = matches!(
        last,
        "this"
            | "these"
            | "page"
            | "doc"
            | "document"
            | "file"
            | "notes"
            | "repo"
            | "readme"
            | "guide"
            | "bank"
            | "list"
    );
    lower.split_whitespace().count() <= MAX_ABOUT_WORDS
        && names_document
        && ABOUT_THE_DOCUMENT
            .iter()
            .any(|p| match_phrase(&lower, p, not_alphanumeric).is_some())
}

/// Most words of a heading about the document (`How to use this page`).
const MAX_ABOUT_WORDS: usize = 6;

pub(crate) fn is_generic(text: &str) -> bool {
    if about_the_document(text) {
        return true;
    }
    let mut words = 0;
    let mut weak = 0;
    let mut gerund = false;
    let all: Vec<String> = words_lower(text).collect();
    for (k, word) in all.iter().enumerate() {
        if GENERIC_WORDS.contains(&word.as_str())
            && !names_a_story(&all, k)
            && !names_a_thing(&all, k)
            && !names_a_product(&all, k)
            && !names_a_star(&all, k)
        {
            return true;
        }
        if words == 0 && word.len() >= 6 && word.ends_with("ing") {
            gerund = true;
        }
        words += 1;
        weak += usize::from(
            WEAK_GENERIC_WORDS.contains(&word.as_str())
                && !names_a_story(&all, k)
                && !names_a_product(&all, k),
        );
    }
    // `Winning the council framework`, `Standardising interview feedback`
    // tell what someone did; a gerund and one weak word (`Closing
    // questions`, `Upcoming interviews`) is a section.
    let action = gerund && !(words == 2 && weak == 1);
    !action && (weak >= 2 || (weak == 1 && words <= SHORT_GENERIC_HEADING))
}

/// The title in a `Story title: ...` (or `Story name: ...`) line.
pub(crate) fn story_title_field(text: &str) -> Option<&str> {
    let body = &text[skip_decoration(text)..];
    let named = ["story title", "story name", "example title", "example name"]
        .iter()
        .find_map(|field| {
            let end = match_phrase(body, field, not_alphanumeric)?;
            let rest = body[end..].trim_start_matches(['*', '_']).trim_start();
            let rest = rest
                .strip_prefix(':')?
                .trim_start_matches(['*', '_'])
                .trim();
            (!rest.is_empty()).then_some(rest)
        });
    // A story bank's own field, `title - Scaling the Thai team` or
    // `title -> ...` (a colon after a bare `Title` may head anything).
    // (In lower case, as a bank's keys are; `Title - Support Team Lead` in
    // a header names a job.)
    named.or_else(|| {
        if !body.starts_with("title") {
            return None;
        }
        let end = match_phrase(body, "title", not_alphanumeric)?;
        let rest = body[end..].trim_start();
        let rest = ["->", "- ", "\u{2013} ", "\u{2014} ", "= "]
            .iter()
            .find_map(|sep| rest.strip_prefix(sep))?
            .trim();
        (!rest.is_empty()).then_some(rest)
    })
}

/// `Interviewer liked this one at Stripe`, `Used this one at the Acme
/// loop - went well`: the writer's remark on telling the story, not the
/// story. Only the interviewer's reaction or the writer's use of the story
/// opens one (`The panel agreed to hire her` is a story's Result).
pub(crate) fn interview_remark(text: &str) -> bool {
    // A remark is a line or two; a story about running interviews (`The
    // interviewers were trained on the new rubric...`) is not one.
    let Some(words) = remark_words(&text[skip_decoration(text)..]) else {
        return false;
    };
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let rest = match words.as_slice() {
        ["the" | "my", who, rest @ ..] | [who, rest @ ..]
            if matches!(*who, "interviewer" | "recruiter") =>
        {
            rest
        }
        ["used" | "told", "this", "one" | "story", "at" | "in" | "with" | "for", ..]
        | ["used" | "told", "this", "at" | "in" | "with", ..]
        | ["this", "one" | "story", "landed" | "worked" | "bombed" | "flopped", ..] => return true,
        _ => return false,
    };
    matches!(
        rest,
        [
            "liked"
                | "loved"
                | "seemed"
                | "asked"
                | "pushed"
                | "probed"
                | "dug"
                | "grilled"
                | "wanted"
                | "said"
                | "didn't"
                | "followed"
                | "nodded"
                | "laughed"
                | "challenged",
            ..
        ]
    )
}

/// A note to self inside or after a story: `(remember: don't make Mia
/// sound bad)`, `NB - practise this one out loud`, `Note: ask Sam if I can
/// name the vendor`, `Reminder: ...`, `Don't forget ...`, `TODO add the
/// quote`, `Last updated: March 2024`. A plain `Note:` is one only when an
/// instruction to the writer follows (`Note: the fix is still live` may
/// be the Result's own text).
pub(crate) fn note_to_self(text: &str) -> bool {
    let raw = text.trim().trim_start_matches(['-', '*', '+', ' ']);
    let body = if raw.starts_with('(') {
        raw
    } else {
        text[skip_decoration(text)..].trim()
    };
    let bracketed = body.starts_with('(') && body.ends_with(')');
    // `[Comment from Sam: shorten this]`: a reviewer's comment left in a
    // shared document, in square brackets.
    let square = raw.starts_with('[') && raw.ends_with(']') && !raw.contains("](");
    let inner = if bracketed {
        &body[1..body.len() - 1]
    } else if square {
        &raw[1..raw.len() - 1]
    } else {
        body
    };
    let Some(words) = remark_words(inner) else {
        return false;
    };
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let instruction = |w: &str| {
        matches!(
            w,
            "ask"
                | "check"
                | "confirm"
                | "mention"
                | "say"
                | "don't"
                | "dont"
                | "do"
                | "practise"
                | "practice"
                | "rehearse"
                | "remember"
                | "add"
                | "update"
                | "find"
                | "get"
                | "cut"
                | "shorten"
                | "keep"
                | "avoid"
                | "stress"
                | "emphasise"
                | "emphasize"
        )
    };
    match words.as_slice() {
        ["note", "to", "self", ..] | ["reminder" | "remember" | "nb", ..] => true,
        ["n", "b", ..] => true,
        ["don't" | "dont", "forget", ..] | ["do", "not", "forget", ..] => true,
        // A pep talk closing the notes: `Good luck me!! You've got this.`
        ["good", "luck", ..] | ["you've" | "youve", "got", "this", ..] => true,
        ["you", "got", "this", ..] | ["you", "can", "do", "this", ..] => true,
        ["last", "updated" | "edited" | "reviewed", ..] | ["updated", "on", ..] => {
            inner.contains(':') || words.len() <= 6
        }
        // `[Comment from Sam: ...]`: a name (a word or two) before the
        // colon; `[Suggestion from the client's head of IT: a monthly
        // review, which we adopted]` is the story's.
        ["comment" | "comments" | "suggestion" | "suggestions" | "feedback" | "note", "from" | "by", ..]
            if square =>
        {
            inner.split_once(':').is_some_and(|(who, _)| {
                let who: Vec<&str> = who.split_whitespace().skip(2).collect();
                (1..=2).contains(&who.len())
                    && who
                        .iter()
                        .all(|w| w.starts_with(|c: char| c.is_uppercase()))
            })
        }
        ["note" | "notes", next, ..] => instruction(next),
        ["todo", ..] => body.starts_with("TODO") || bracketed || square,
        [first, ..] if bracketed || square => instruction(first),
        _ => false,
    }
}

/// The lowercased words of a short line addressed to the writer, or
/// `None` past [`MAX_REMARK_WORDS`] (a line of the story's own, then).
fn remark_words(text: &str) -> Option<Vec<String>> {
    let words: Vec<String> = words_lower(text)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    (words.len() <= MAX_REMARK_WORDS).then_some(words)
}

/// Most words of a remark on telling a story ([`interview_remark`]).
const MAX_REMARK_WORDS: usize = 30;

/// Most words of the title in a `Title: ...` line.
const MAX_TITLE_FIELD_WORDS: usize = 15;

/// The title in a `Title: ...` line (`**Title:** ...`, `**Title: ...**`,
/// `### Title: ...`): at most [`MAX_TITLE_FIELD_WORDS`] words, no sentence.
pub(crate) fn title_field(text: &str) -> Option<&str> {
    let body = &text[skip_decoration(text)..];
    if !body.get(..5)?.eq_ignore_ascii_case("title") {
        return None;
    }
    let rest = body[5..].trim_start_matches(['*', '_']).trim_start();
    let rest = rest
        .strip_prefix(':')?
        .trim_start_matches(['*', '_'])
        .trim()
        .trim_end_matches(['*', '_'])
        .trim_end();
    let words = rest.split_whitespace().count();
    (1..=MAX_TITLE_FIELD_WORDS)
        .contains(&words)
        .then_some(rest)
        .filter(|r| !r.contains(". "))
}

/// A short line that is all title: no sentence end inside it, at most a
/// dozen words (`STORY 1 — Cert fail 9 days before launch`).
pub(crate) fn plainly_a_title_line(text: &str) -> bool {
    let text = text.trim();
    // A note in brackets after the title (`(difficult client / complaint)`)
    // does not make it prose.
    without_parentheses(text).split_whitespace().count() <= 12
        && !text.contains(". ")
        && !text.ends_with('.')
}

/// Most words in a heading naming a version of a story.
const MAX_VERSION_WORDS: usize = 5;

/// A heading naming one telling of a story among several: `30-second
/// version`, `Full version`, `Short answer`, `TL;DR`, `Elevator pitch`.
pub(crate) fn version_heading(text: &str) -> bool {
    // Words that say which telling: `Short`, `Full`, `30-second`, `2 min`.
    const KINDS: &[&str] = &[
        "short",
        "shorter",
        "shortest",
        "long",
        "longer",
        "full",
        "detailed",
        "extended",
        "expanded",
        "brief",
        "quick",
        "condensed",
        "elevator",
        "one-line",
        "one-liner",
        "spoken",
        "compact",
        "summary",
        "tl;dr",
        "tldr",
    ];
    const UNITS: &[&str] = &[
        "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    ];
    const NUMBERS: &[&str] = &[
        "one", "two", "three", "five", "ten", "thirty", "sixty", "ninety",
    ];
    let duration = |word: &str| {
        let (number, unit) = word.split_once('-').unwrap_or_else(|| {
            let digits = word.bytes().take_while(u8::is_ascii_digit).count();
            word.split_at(digits)
        });
        let number_ok = (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
            || NUMBERS.contains(&number);
        number_ok && (unit.is_empty() || UNITS.contains(&unit))
    };
    // `Short answer (60 sec)`: the length in brackets is a note on it.
    let core = without_parentheses(text);
    let text = if core.chars().any(char::is_alphanumeric) {
        core.as_str()
    } else {
        text
    };
    let mut words: Vec<String> = words_lower(text).collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    let joined = words.join(" ");
    if matches!(
        joined.as_str(),
        "tl dr" | "tl;dr" | "tldr" | "elevator pitch" | "one-liner" | "one liner"
    ) {
        return true;
    }
    let Some((last, kind)) = words.split_last() else {
        return false;
    };
    matches!(last.as_str(), "version" | "versions" | "answer" | "telling")
        && !kind.is_empty()
        && kind.len() <= MAX_VERSION_WORDS
        && kind
            .iter()
            .all(|w| KINDS.contains(&w.as_str()) || duration(w) || UNITS.contains(&w.as_str()))
}

/// A title that names one telling of a story, as an AI assistant's
/// rewrite or a second draft is titled: `Title (short version)`, `Title
/// (revised)`, `Title - shorter`. Returns the title without the note.
pub(crate) fn version_base(title: &str) -> Option<String> {
    // A ticked draft (`Title — v2 ✅`) and a draft's comment (`Title — v1
    // (old draft, too "we", DON'T USE)`) are notes on it too: up to two
    // notes come off, the last first.
    let trimmed = title
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, ')' | '\'' | '"'));
    // `NOTAM v2 - keeper (tell me about a mistake)`, `Draft 1 - storm
    // night (pressure)`: a bracket that is no version note may close the
    // title after the notes; it stays on the base.
    let (trimmed, mut bracket) = match trimmed.strip_suffix(')').and_then(|inner| {
        let open = inner.rfind('(')?;
        (!is_version_note(&inner[open + 1..]) && inner[..open].contains(char::is_alphanumeric))
            .then(|| (inner[..open].trim_end(), trimmed[open..].to_owned()))
    }) {
        Some((before, bracket)) => (before, Some(bracket)),
        None => (trimmed, None),
    };
    // `LEARNING FROM FAILURE (gala - v2)`: the version noted inside the
    // bracket that names the story.
    let mut inner_version = false;
    if let Some(inner) = bracket
        .as_deref()
        .and_then(|b| b.strip_prefix('(')?.strip_suffix(')'))
    {
        if let Some(base) = version_base(inner) {
            bracket = Some(format!("({base})"));
            inner_version = true;
        }
    }
    // `Draft 1 - storm night`, `v2: Storm night`: the draft's number first.
    let (mut base, mut named) = match draft_number_prefix(trimmed) {
        Some((_, rest)) => (rest, true),
        None => (trimmed, inner_version),
    };
    for _ in 0..2 {
        let Some((rest, note)) = version_note(base) else {
            break;
        };
        if !is_version_note(note) {
            break;
        }
        named = true;
        base = rest;
    }
    if !named || !base.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(match bracket {
        Some(bracket) => format!("{base} {bracket}"),
        None => base.to_owned(),
    })
}

/// `Draft 1 - storm night`, `v2: Storm night`, `Version 3 — ...`: a draft
/// numbered before its title; the number and the title.
fn draft_number_prefix(title: &str) -> Option<(u32, &str)> {
    let lower = title.to_ascii_lowercase();
    let after = ["draft ", "version ", "v"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let number = after[..digits].parse().ok()?;
    let rest = &title[title.len() - after.len() + digits..];
    let rest = [" - ", " \u{2013} ", " \u{2014} ", ": ", " : "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))?
        .trim_start();
    (rest.split_whitespace().count() >= 1 && rest.chars().any(char::is_alphabetic))
        .then_some((number, rest))
}

/// A title without the draft number before it: `Draft 1 - Aoife` ->
/// `Aoife`.
pub(crate) fn without_draft_number(title: &str) -> &str {
    draft_number_prefix(title.trim()).map_or(title, |(_, rest)| rest)
}

/// How much the writer prefers this telling of a story, from its title:
/// `USE THIS ONE`, `keeper`, `final` or a tick above a plain title, a
/// plain title above `old` or `DON'T USE`; among drafts, the later number
/// (`v2` above `Draft 1`). Equal when the title says nothing.
pub(crate) fn telling_preference(title: &str) -> (i32, u32) {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |phrase: &[&str]| words.windows(phrase.len()).any(|w| w == phrase);
    let rejected = has(&["don't", "use"])
        || has(&["dont", "use"])
        || has(&["do", "not", "use"])
        || has(&["ignore"])
        || has(&["old"])
        || has(&["superseded"]);
    let preferred = has(&["use", "this"])
        || has(&["keeper"])
        || has(&["final"])
        || has(&["latest"])
        || title.contains(['\u{2705}', '\u{2714}']);
    let mark = if rejected { -1 } else { i32::from(preferred) };
    let number = draft_number_prefix(title.trim())
        .map(|(n, _)| n)
        .or_else(|| {
            words.iter().find_map(|w| {
                let n = w.strip_prefix('v')?;
                (!n.is_empty() && n.len() <= 2)
                    .then(|| n.parse().ok())
                    .flatten()
            })
        })
        .unwrap_or(0);
    (mark, number)
}

/// The title before its last note (`(...)` or after a spaced dash), and
/// the note.
fn version_note(title: &str) -> Option<(&str, &str)> {
    // `Storm night v2`: a draft's number typed after its title.
    if let Some((base, last)) = title.trim_end().rsplit_once(' ') {
        let numbered = last
            .strip_prefix(['v', 'V'])
            .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered && base.chars().any(char::is_alphanumeric) {
            let base = base.trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}')
            });
            return Some((base, last));
        }
    }
    let (base, note) = if let Some(inner) = title.strip_suffix(')') {
        let open = inner.rfind('(')?;
        (&inner[..open], &inner[open + 1..])
    } else {
        let (at, len) = [" - ", " \u{2013} ", " \u{2014} "]
            .iter()
            .filter_map(|d| title.rfind(d).map(|i| (i, d.len())))
            .max()?;
        (&title[..at], &title[at + len..])
    };
    let base = base.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}')
    });
    Some((base, note))
}

/// A note naming one telling of a story: `short version`, `revised`,
/// `v2`, `draft 2`, `old draft, don't use`, `final`.
fn is_version_note(note: &str) -> bool {
    const REVISIONS: &[&str] = &[
        "revised",
        "revision",
        "rewrite",
        "rewritten",
        "edited",
        "updated",
        "tightened",
        "tighter",
        "shortened",
        "shorter",
        "short",
        "final",
        "v2",
        "v3",
        "draft 2",
        "second draft",
        "polished",
        "condensed",
        "trimmed",
        // `Checkout error messages (old)` below the newer telling.
        "old",
        "older",
    ];
    // Words that open a note on a draft (`old draft, too long`, `v1 -
    // rambling`, `latest`).
    const OPENERS: &[&str] = &[
        "old", "older", "new", "newer", "latest", "draft", "first", "second", "final", "revised",
    ];
    let note = note.trim().to_lowercase();
    // `USE THIS ONE`, `keeper`, `use this`: the writer's pick among tellings.
    let words: Vec<&str> = note
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    if matches!(
        words.as_slice(),
        ["use", "this", ..] | ["keeper"] | ["the", "keeper"] | ["ignore", ..]
    ) {
        return true;
    }
    let first = note
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let numbered = first
        .strip_prefix('v')
        .is_some_and(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
    let draft_note = OPENERS.contains(&first)
        && ["draft", "version", "take", "use"]
            .iter()
            .any(|w| note.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
    // `(tightened for the 2-min version)`: a note on which telling.
    let names_a_version = words.iter().any(|w| matches!(*w, "version" | "draft"));
    version_heading(&note)
        || names_a_version
        || REVISIONS.contains(&note.as_str())
        || note
            .strip_suffix(" version")
            .is_some_and(|kind| REVISIONS.contains(&kind))
        || numbered
        || draft_note
}

pub(crate) fn words_lower(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Competencies that must not be split on "and" and that are never titles.
const KNOWN_COMPETENCIES: &[&str] = &[
    "customer obsession",
    "customer focus",
    "ownership",
    "invent and simplify",
    "are right a lot",
    "learn and be curious",
    "hire and develop the best",
    "insist on the highest standards",
    "think big",
    "bias for action",
    "frugality",
    "earn trust",
    "dive deep",
    "have backbone; disagree and commit",
    "disagree and commit",
    "deliver results",
    "delivering results",
    "strive to be earth's best employer",
    "success and scale bring broad responsibility",
    "leadership",
    "teamwork",
    "communication",
    "conflict",
    "conflict resolution",
    "problem solving",
    "innovation",
    "adaptability",
    "mentoring",
    "collaboration",
    "influence",
    "prioritisation",
    "prioritization",
    "failure",
    "integrity",
    "ambiguity",
    "high standards",
    "stakeholder management",
    "technical debt",
    "time management",
];

pub(crate) fn is_known_competency(text: &str) -> bool {
    let lower = normalize_spaces(&text.to_lowercase());
    KNOWN_COMPETENCIES.contains(&lower.as_str())
}

fn normalize_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Competencies named by a section heading such as `# Problem Solving &
/// Innovation - STAR Examples`; empty when the heading is not competency-like.
pub(crate) fn competencies(heading: &str) -> Vec<String> {
    // `Salary`, `Links`, `Brag doc — Eilidh`: the notes' own sections,
    // whatever stories sit under them. (Sections with a list of their own,
    // `Trust research` or `Questions to ask the panel`, are caught by that
    // list where they are read.)
    if words_lower(heading).any(|w| CLUTTER_WORDS.contains(&w.as_str())) {
        return Vec::new();
    }
    // `LEAD PHARMACIST (8a) - MEDICINE DIVISION - interview prep`: the
    // document's title names the role applied for, not a quality.
    let words: Vec<String> = words_lower(heading).collect();
    if words.iter().any(|w| w.starts_with("interview"))
        && words.iter().any(|w| {
            matches!(
                w.as_str(),
                "prep" | "preparation" | "notes" | "loop" | "panel"
            )
        })
    {
        return Vec::new();
    }
    // `Acme onsite – Transportation Planner (L5)`, `Phone screen prep`:
    // an interview event, so the document's title, never a quality. (Not
    // `on-site` or `prep` alone: `Leading on-site teams`, `Planning and
    // preparation` are qualities.)
    let event_word = words
        .iter()
        .any(|w| matches!(w.as_str(), "onsite" | "recruiter"));
    let event_pair = words.windows(2).any(|p| {
        matches!(
            (p[0].as_str(), p[1].as_str()),
            ("phone" | "technical", "screen" | "interview") | ("final", "round")
        )
    });
    if event_word || event_pair {
        return Vec::new();
    }
    // `# Software engineer stories`, `## Nurse manager examples`: the job
    // the notes are for, not a quality (`Mentoring a junior engineer` is
    // one).
    let container = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "stories" | "story" | "examples" | "example" | "prep" | "notes" | "bank" | "answers"
        )
    });
    if container && words.iter().any(|w| JOB_WORDS.contains(&w.as_str())) {
        return Vec::new();
    }
    let mut text = without_parentheses(heading);
    let mut generic_tail = false;
    // `Customer Obsession - STAR Examples`: drop a generic tail.
    for separator in [" - ", " \u{2013} ", " \u{2014} ", ": ", " | "] {
        if let Some((head, tail)) = text.split_once(separator) {
            let principle = tail.to_lowercase().trim_end().ends_with("principle")
                || tail.to_lowercase().trim_end().ends_with("principles");
            if has_generic_word(tail) || principle {
                text = head.to_owned();
                generic_tail = true;
            }
        }
    }
    let text = clean_title(&text);
    let mut words: Vec<&str> = text.split_whitespace().collect();
    while words.last().is_some_and(|w| is_story_noun(w)) {
        words.pop();
    }
    let cleaned = clean_title(&words.join(" ")).to_lowercase();
    let cleaned = cleaned.trim_end_matches(|c: char| !c.is_alphanumeric());
    let word_count = cleaned.split_whitespace().count();
    // `# Security Engineer: Behavioral Stories`: the role applied for
    // (`## Working with the Product Manager` is a quality).
    if generic_tail
        && cleaned
            .split_whitespace()
            .last()
            .is_some_and(|w| ROLE_NOUNS.contains(&w))
    {
        return Vec::new();
    }
    // `Leadership Principle Stories` names the framework, not a quality.
    if cleaned.ends_with("principle") || cleaned.ends_with("principles") {
        return Vec::new();
    }
    if cleaned.is_empty()
        || word_count > 6
        || has_generic_word(cleaned)
        || about_the_document(cleaned)
        || is_question(cleaned)
        || cleaned.chars().any(|c| c.is_ascii_digit())
        || words_lower(cleaned).all(|w| NOT_COMPETENCIES.contains(&w.as_str()))
    {
        return Vec::new();
    }
    if KNOWN_COMPETENCIES.contains(&cleaned) {
        return vec![cleaned.to_owned()];
    }
    // One unknown word over a whole document is as often the writer's name
    // (`# Kwame - STAR stories`) or an area (`## Backend`) as a competency;
    // it counts only when it reads like a quality (`Resilience`, `Grit`).
    if word_count == 1 && !reads_like_quality(cleaned) {
        // `Failures`, `Conflicts`: the plural of a known competency.
        return match cleaned.strip_suffix('s') {
            Some(singular) if KNOWN_COMPETENCIES.contains(&singular) => vec![singular.to_owned()],
            _ => Vec::new(),
        };
    }
    // `w/` is "with" (`Coaching w/ Dana R.`), not a list of two.
    let cleaned = spelled_with(cleaned);
    cleaned
        .replace(" and ", " & ")
        .split(['&', ',', '/', ';'])
        .map(|s| s.trim().to_owned())
        .filter(|s| s.chars().any(char::is_alphanumeric))
        // A name with an initial (`Dana R.`) is a person, not a quality.
        .filter(|s| {
            s.split_whitespace()
                .last()
                .is_none_or(|w| w.chars().count() > 1)
        })
        .collect()
}

/// Whether a document's title (`# Dana Whitfield — EM loop prep`) names
/// its writer before a generic tail: two or three words (capitalised or
/// all lowercase), none
/// of them a quality (singular or plural) or part of a known competency.
/// `Difficult Conversations - examples` and `Earn Trust - stories` name
/// competencies.
pub(crate) fn names_its_writer(title: &str) -> bool {
    let text = without_parentheses(title);
    let Some((head, tail)) = [" - ", " \u{2013} ", " \u{2014} ", ": ", " | "]
        .iter()
        .find_map(|sep| text.split_once(sep))
    else {
        return false;
    };
    let mut words: Vec<&str> = head.split_whitespace().collect();
    // Post-nominal letters after a name (`Daniel Okafor MRICS`).
    while words.len() > 2
        && words.last().is_some_and(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            (2..=6).contains(&letters) && w.chars().all(char::is_uppercase)
        })
    {
        words.pop();
    }
    has_generic_word(tail)
        && (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            let lower = w.to_lowercase();
            let singular = lower.strip_suffix('s').unwrap_or(&lower);
            // Capitalised or, in notes typed all lowercase, not.
            chars.next().is_some_and(char::is_alphabetic)
                && chars.all(|c| c.is_lowercase() || matches!(c, '\'' | '-'))
                && !reads_like_quality(&lower)
                && !reads_like_quality(singular)
                && !KNOWN_COMPETENCIES
                    .iter()
                    .any(|k| k.split_whitespace().any(|kw| kw == lower || kw == singular))
        })
}

/// Abstract nouns that name qualities interviewers probe, by ending or by
/// word: `Resilience`, `Accountability`, `Grit`, `Trust`.
fn reads_like_quality(word: &str) -> bool {
    const ENDINGS: [&str; 12] = [
        "ship", "ity", "ment", "tion", "sion", "ness", "ance", "ence", "ism", "acy", "ure", "ing",
    ];
    const WORDS: [&str; 17] = [
        "feedback",
        "trust",
        "grit",
        "empathy",
        "initiative",
        "judgment",
        "judgement",
        "delivery",
        "drive",
        "impact",
        "vision",
        "strategy",
        "growth",
        "quality",
        "honesty",
        "curiosity",
        "focus",
    ];
    ENDINGS
        .iter()
        .any(|e| word.ends_with(e) && word.len() > e.len() + 2)
        || WORDS.contains(&word)
}

/// Trailing words that mark a heading as a collection of stories about the
/// words before them: `Ownership Stories`, `Leadership notes`.
const STORY_NOUNS: &[&str] = &[
    "stories",
    "story",
    "examples",
    "example",
    "questions",
    "question",
    "answers",
    "answer",
    "responses",
    "response",
    "notes",
    "star",
];

/// Whether a word only names a story as such (`Story`, `Example`,
/// `Scenario`), any case.
pub(crate) fn is_story_noun(word: &str) -> bool {
    let lower = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    STORY_NOUNS.contains(&lower.as_str())
}

/// Words of the sections a prep document keeps besides its stories; a
/// heading with one of them is never a competency.
const CLUTTER_WORDS: &[&str] = &[
    "links",
    "resources",
    "salary",
    "pay",
    "compensation",
    "admin",
    "brag",
    "todo",
    "todos",
    "logistics",
    "reminders",
];

/// Last words of a document title that names a job (`# Solutions
/// Architect: Behavioral Story Bank`), not a quality.
const ROLE_NOUNS: &[&str] = &[
    "engineer",
    "engineers",
    "architect",
    "developer",
    "analyst",
    "designer",
    "scientist",
    "manager",
    "nurse",
    "teacher",
    "pharmacist",
    "consultant",
    "director",
    "paramedic",
    "sde",
    "swe",
    "sre",
    "pm",
    "tpm",
    "intern",
    "officer",
    "coordinator",
    "specialist",
    "administrator",
    "technician",
    "accountant",
    "solicitor",
    "lawyer",
    "clerk",
    "supervisor",
];

/// Words that qualify a collection without naming a competency:
/// `My stories`, `Quick notes`, `Behavioural questions`.
const NOT_COMPETENCIES: &[&str] = &[
    "my",
    "our",
    "your",
    "the",
    "a",
    "an",
    "some",
    "more",
    "other",
    "quick",
    "random",
    "misc",
    "general",
    "additional",
    "extra",
    "old",
    "new",
    "draft",
    "sample",
    "behavioural",
    "behavioral",
    "interview",
    "common",
    "top",
    "best",
    "favourite",
    "favorite",
    "key",
    "main",
    "all",
    "personal",
    "technical",
    "real",
    "past",
    "previous",
    "work",
    "and",
    "of",
    "for",
    "by",
    "final",
    "selected",
];

pub(crate) fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    normalize_spaces(&out)
}

/// Words that make a leading `1.5` a quantity.
const QUANTITY_WORDS: &[&str] = &[
    "million", "billion", "thousand", "hours", "days", "weeks", "months", "years", "minutes",
    "seconds", "percent", "times", "ms", "x", "gb", "tb", "mb", "k", "m",
];

/// Length of a multi-level section number opening a heading (`2.1 `,
/// `3.2.1. `), as Google Docs and Word number them; 0 if there is none.
/// One level (`2. `) is handled by [`skip_decoration`].
fn section_number_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut levels = 0;
    loop {
        let digits = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=3).contains(&digits) {
            return 0;
        }
        at += digits;
        levels += 1;
        match bytes.get(at) {
            Some(b'.') if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) => at += 1,
            Some(b'.') if levels >= 2 && matches!(bytes.get(at + 1), Some(b' ' | b'\t')) => {
                return at + 2
            }
            Some(b' ' | b'\t') if levels >= 2 => return at + 1,
            _ => return 0,
        }
    }
}

/// Longest title kept from a heading; headings are sometimes whole sentences.
const MAX_TITLE_CHARS: usize = 120;

/// A heading or `Story:` line made presentable: decoration and trailing
/// colons removed, whitespace collapsed, overly long text cut at a word.
pub(crate) fn clean_title(text: &str) -> String {
    // `### Title: Cutting the AWS bill`, `**Title: Onboarding ...**`: the
    // field's name is no part of the title.
    if let Some(title) = title_field(text) {
        return clean_title(title);
    }
    let start = skip_decoration(text);
    // A title that opens with a quotation keeps its opening quote when the
    // closing one is in the title: `"We need a platform" (ambiguity)`.
    let opening = text[..start]
        .trim_end()
        .chars()
        .last()
        .filter(|c| matches!(c, '"' | '\u{201c}' | '['));
    let body = &text[start..];
    // `#1 Peak season dock congestion`: a number sign numbers the story.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let body = match body[digits..].strip_prefix([' ', ':', '.', ')']) {
        Some(rest) if (1..=3).contains(&digits) && text[..start].ends_with('#') => {
            rest.trim_start()
        }
        _ => body,
    };
    // `3 - customer complaint`: a number and a dash lead a plain-text title.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let body = match body[digits..]
        .trim_start_matches(' ')
        .strip_prefix(['-', '\u{2013}', '\u{2014}'])
    {
        Some(rest) if (1..=2).contains(&digits) && rest.starts_with(' ') => rest.trim_start(),
        _ => body,
    };
    let body = without_draft_marker(body);
    let number = section_number_len(body);
    // `1.5 million orders` is a quantity, not a section number.
    let quantity = body[number..]
        .split_whitespace()
        .next()
        .is_some_and(|w| QUANTITY_WORDS.contains(&w.to_lowercase().as_str()));
    let body = if quantity { body } else { &body[number..] };
    let bracketed = body.contains('[');
    let kept = |c: char| {
        c.is_alphanumeric()
            || matches!(c, '?' | '!' | ')' | '%' | '"' | '\u{201d}' | '\'')
            || (c == ']' && bracketed)
    };
    let body = body.trim_end_matches(|c: char| !kept(c));
    let mut title = normalize_spaces(body);
    if title.chars().count() > MAX_TITLE_CHARS {
        let cut: String = title.chars().take(MAX_TITLE_CHARS).collect();
        title = match cut.rfind(' ') {
            Some(space) => cut[..space].to_owned(),
            None => cut,
        };
    }
    // Quotes around a question heading are decoration too.
    if title.ends_with(['"', '\u{201d}']) && !title.contains(['"', '\u{201c}']) {
        title.pop();
    }
    match opening {
        Some('[') => {
            // `[Acme Foods] Pulling a batch`: a bracketed name opening the title
            // keeps its bracket (a link, `[text](url)`, or a marker such
            // as `[WIP]` was taken off above).
            if let Some(close) = title.find(']') {
                if !title[close + 1..].starts_with('(')
                    && title[..close].contains(char::is_alphanumeric)
                    && text[start..].starts_with(&title[..close])
                {
                    title.insert(0, '[');
                }
            }
        }
        Some(quote)
            if title.contains(['"', '\u{201d}']) && !title.starts_with(['"', '\u{201c}']) =>
        {
            title.insert(0, quote);
        }
        _ => {}
    }
    title
}

/// `Pushing back on "who ran terraform apply?"`: a title that ends by
/// quoting a question someone asked, not a question itself (the words
/// before the quote do not ask).
fn titles_a_quoted_question(body: &str) -> bool {
    let end = body.trim_end();
    let Some(close) = end
        .chars()
        .last()
        .filter(|&c| matches!(c, '"' | '\u{201d}'))
    else {
        return false;
    };
    let inner = &end[..end.len() - close.len_utf8()];
    let Some(open) = inner.rfind(['"', '\u{201c}']) else {
        return false;
    };
    let before = inner[..open].trim();
    // The quote is the interview question (`Conflict question — "Tell me
    // about ...?"`): it asks the candidate, or the words before say so.
    let quote = inner[open..]
        .trim_start_matches(['"', '\u{201c}'])
        .to_lowercase();
    let asks_candidate = quote
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|w| matches!(w, "you" | "your" | "you've" | "you're"))
        || INTERVIEW_REQUESTS.iter().any(|r| quote.starts_with(r));
    let names_a_question = before
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "question" | "questions" | "q" | "asked" | "lp"));
    if asks_candidate || names_a_question {
        return false;
    }
    let first = before
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    const ASKING: &[&str] = &[
        "how", "what", "why", "when", "where", "who", "which", "tell", "describe", "give", "have",
        "has", "did", "do", "does", "can", "could", "would", "will", "is", "are", "was", "were",
        "should", "walk", "talk", "share", "explain", "q", "question",
    ];
    before.split_whitespace().count() >= 2 && !ASKING.contains(&first.as_str())
}

/// `see Q1`, `Same as question 3`, `use the Q2 story`: a reference to
/// the answer filed under another numbered question.
pub(crate) fn see_reference(text: &str) -> Option<u32> {
    let lower = text
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let opening: &[&[&str]] = &[
        &["see"],
        &["same", "as"],
        &["same", "story", "as"],
        &["same", "answer", "as"],
        &["use"],
        &["reuse"],
        &["as", "in"],
    ];
    let skip = opening
        .iter()
        .filter(|o| words.starts_with(o))
        .map(|o| o.len())
        .max()?;
    words.drain(..skip);
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    let number = match words.as_slice() {
        [q, rest @ ..] if q.len() > 1 && q.starts_with('q') && q[1..].parse::<u32>().is_ok() => {
            (q[1..].parse().ok()?, rest)
        }
        [q, n, rest @ ..] if matches!(*q, "q" | "question" | "#") => (n.parse().ok()?, rest),
        _ => return None,
    };
    let (number, rest) = number;
    rest.iter()
        .all(|w| matches!(*w, "story" | "answer" | "above" | "example"))
        .then_some(number)
}

/// Requests that open an interview question.
const INTERVIEW_REQUESTS: &[&str] = &[
    "tell me", "tell us", "describe", "give me", "give an", "walk me", "talk me", "share a",
    "explain",
];

/// A heading's note on what the story is for, in brackets at its end:
/// `Flaky test cleanup (biggest one — use for "impact" / "ownership" qs)`
/// -> the title and the competencies it names.
/// `4. Saving the Q4 launch — LP: Ownership`, `Late pallets | Competency:
/// planning, logistics`: a title, a separator, then the competencies it
/// shows under their own key.
fn split_competency_suffix(text: &str) -> Option<(String, Vec<String>)> {
    const KEYS: &[&str] = &[
        "lp",
        "lps",
        "leadership principle",
        "leadership principles",
        "competency",
        "competencies",
        "skills",
        "theme",
        "themes",
    ];
    let (at, sep) = [" \u{2014} ", " \u{2013} ", " - ", " | "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|&(at, _)| at)?;
    let (key, names) = text[at + sep.len()..].split_once(':')?;
    let key = key.trim().trim_matches(['*', '_']).to_lowercase();
    if !KEYS.contains(&key.as_str()) {
        return None;
    }
    let title = text[..at].trim_end();
    // Read as any competency line is (`Have Backbone; Disagree and Commit`
    // stays one principle).
    let (_, names) = meta_items(MetaKind::Competencies, names);
    (title.split_whitespace().count() >= 2 && !names.is_empty()).then(|| (title.to_owned(), names))
}

pub(crate) fn split_use_note(text: &str) -> (String, Vec<String>) {
    let trimmed = text.trim_end();
    if let Some(split) = split_competency_suffix(trimmed) {
        return split;
    }
    let note = trimmed
        .strip_suffix(')')
        .and_then(|inner| inner.rfind('(').map(|open| (open, &inner[open + 1..])));
    let Some((open, inside)) = note else {
        return (text.to_owned(), Vec::new());
    };
    // The phrase opens the note or follows a separator (`biggest one — use
    // for`): `(nobody had a use for it)` is no note.
    let starts = std::iter::once(0).chain(
        inside
            .match_indices(['-', '\u{2013}', '\u{2014}', ';', ':', ',', '|'])
            .map(|(at, sep)| at + sep.len()),
    );
    let named = starts
        .map(|start| inside[start..].trim_start())
        .find_map(|rest| {
            ["use for", "use it for", "good for", "works for", "use when"]
                .iter()
                .find_map(|p| match_phrase(rest, p, not_alphanumeric))
                .map(|end| &rest[end..])
        });
    let title = trimmed[..open].trim_end();
    let Some(named) = named.filter(|_| title.split_whitespace().count() >= 2) else {
        return (text.to_owned(), Vec::new());
    };
    let named = named.trim_start_matches([':', ' ']);
    let names = named
        .replace(" qs", "")
        .replace(" questions", "")
        .split([',', '/', ';'])
        .map(|n| {
            n.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|n| !n.is_empty() && n.split_whitespace().count() <= 3)
        .collect();
    (title.to_owned(), names)
}

/// A title with the competencies it is filed under after a spaced dash or
/// bar, `Rollout freeze — conflict`, `The pager storm | Ownership /
/// Dive Deep`, or in brackets at its end, `Night rota mix-up (mistake /
/// accountability)`: the title and those competencies, when every name is
/// a known competency (in brackets, or a ` / ` or comma list of short
/// names) and the title keeps two words. `Launch — and losing` and `Redis
/// cache (data > gut feeling)` stay whole.
pub(crate) fn split_competency_tail(title: &str) -> Option<(&str, Vec<String>)> {
    // `Reopening the ward in 10 days (pressure / planning)`: a list in
    // brackets at the end, each name short, or known ones.
    if let Some(inner) = title.trim_end().strip_suffix(')') {
        let open = inner.rfind('(')?;
        let (head, list) = (inner[..open].trim_end(), &inner[open + 1..]);
        let raw: Vec<&str> = list
            .split(['/', ',', ';', '\u{b7}'])
            .map(str::trim)
            .collect();
        let names: Vec<String> = raw
            .iter()
            .map(|n| normalize_spaces(&n.to_lowercase()))
            .collect();
        let known = names.iter().all(|n| is_known_name(n));
        // Qualities in lower case (`pressure / planning`), not names
        // (`Stripe / Adyen`, `with Dana / Lee`), letters (`A / B test`),
        // a note that the story is unfinished, or nested brackets.
        // A comma list names one competency at least (`(safety, standing
        // firm)`; `(two teams, one dependency)` is a note).
        let commas = (list.contains(", ") || list.contains(" \u{b7} "))
            && names.iter().any(|n| {
                is_known_name(n)
                    || n.split(|c: char| !c.is_alphanumeric() && c != '-')
                        .any(|w| QUALITY_WORDS.contains(&w))
            });
        let listed = names.len() >= 2
            && (list.contains(" / ") || commas)
            && !list.contains(['(', ')'])
            && raw.iter().zip(&names).all(|(r, n)| {
                let words: Vec<&str> = n.split_whitespace().collect();
                (1..=MAX_TAIL_NAME_WORDS).contains(&words.len())
                    && (!r.starts_with(|c: char| c.is_uppercase())
                        || is_known_name(n)
                        || (words.len() == 1 && reads_like_quality(n)))
                    && words[0].chars().count() > 1
                    && !matches!(
                        words[0],
                        "with" | "and" | "for" | "via" | "by" | "at" | "in"
                    )
                    && !matches!(
                        n.as_str(),
                        "draft" | "unfinished" | "wip" | "todo" | "old" | "new"
                    )
                    && !n.contains(|c: char| {
                        c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\u{201d}')
                    })
            });
        // `Falls (patient safety)`, `Night skill mix (my mistake)`: one
        // quality in lower case, named by a word competencies are named by.
        let quality = !list.contains(['(', ')', '"'])
            && list.starts_with(|c: char| c.is_lowercase())
            && names.iter().all(|n| {
                let words: Vec<&str> = n
                    .split(|c: char| !c.is_alphanumeric() && c != '-')
                    .filter(|w| !w.is_empty())
                    .collect();
                (1..=MAX_TAIL_NAME_WORDS).contains(&words.len())
                    && !n.contains(|c: char| c.is_ascii_digit())
                    && words.iter().any(|w| QUALITY_WORDS.contains(w))
            });
        return (head.split_whitespace().count() >= 2 && (known || listed || quality))
            .then_some((head, names));
    }
    let (at, sep) = [" \u{2014} ", " \u{2013} ", " - ", " | "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|&(at, _)| at)?;
    let (head, tail) = (title[..at].trim_end(), &title[at + sep..]);
    if head.split_whitespace().count() < 2 {
        return None;
    }
    let names: Vec<String> = tail
        .split(['/', ',', '&', ';'])
        .map(|n| {
            normalize_spaces(
                &n.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase(),
            )
        })
        .collect();
    names
        .iter()
        .all(|n| is_known_name(n))
        .then_some((head, names))
}

/// Words that name what a story shows in a title's bracket (`(patient
/// safety)`, `(leading change)`, `(my mistake)`).
const QUALITY_WORDS: &[&str] = &[
    "change",
    "deadline",
    "deadlines",
    "feedback",
    "pressure",
    "stress",
    "teamwork",
    "saving",
    "savings",
    "cost",
    "safety",
    "conflict",
    "negotiation",
    "mistake",
    "failure",
    "ownership",
    "leadership",
    "mentoring",
    "coaching",
    "influence",
    "influencing",
    "prioritisation",
    "prioritization",
    "priorities",
    "ambiguity",
    "innovation",
    "integrity",
    "ethics",
    "inclusion",
    "initiative",
    "resilience",
    "communication",
    "collaboration",
    "stakeholder",
    "stakeholders",
    "data-driven",
    "criticism",
    "adaptability",
    "creativity",
    "persuasion",
    "disagreement",
    "complaint",
    "complaints",
    "teamwork",
    "empathy",
    "delegation",
    "accountability",
];

/// Job titles' nouns: a heading naming one names the job applied for.
const JOB_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "manager",
    "designer",
    "analyst",
    "scientist",
    "nurse",
    "teacher",
    "pharmacist",
    "consultant",
    "officer",
    "director",
    "architect",
    "administrator",
    "accountant",
    "curator",
    "paramedic",
    "planner",
    "coordinator",
    "specialist",
    "technician",
    "researcher",
    "recruiter",
    "marketer",
    "clerk",
    "surveyor",
    "lawyer",
    "solicitor",
    "doctor",
    "midwife",
];

/// A known competency, or its plural (`conflicts`).
fn is_known_name(name: &str) -> bool {
    KNOWN_COMPETENCIES.contains(&name)
        || name
            .strip_suffix('s')
            .is_some_and(|s| KNOWN_COMPETENCIES.contains(&s))
}

/// Most words of each name in a bracketed list after a title.
const MAX_TAIL_NAME_WORDS: usize = 4;

/// A title without a note after it that it is unfinished: `Coaching Jodie
/// (UNFINISHED - need result)`, `Supporting a trainee — UNFINISHED`,
/// `Rota (draft, finish this)`. The note is the marker alone, or the
/// marker, a separator and a few words; `(draft contract rejected)` and
/// `Introducing Kanban - WIP limits` are titles.
pub(crate) fn without_draft_note(title: &str) -> &str {
    let trimmed = title.trim_end();
    // The marker alone, or the marker then `-`, `:`, `,` or `!!` and a
    // short reason.
    let note = |text: &str| {
        let text = text.trim().trim_end_matches(['!', '.']);
        let end = text
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(text.len());
        let marker = text[..end].to_ascii_lowercase();
        if !matches!(
            marker.as_str(),
            "unfinished" | "draft" | "wip" | "todo" | "incomplete" | "tbc" | "tbd"
        ) {
            return false;
        }
        let rest = text[end..].trim_start();
        rest.is_empty()
            || (rest.starts_with(['-', ':', ',', '!', '\u{2013}', '\u{2014}'])
                && rest.split_whitespace().count() <= MAX_DRAFT_NOTE_WORDS)
    };
    let cut = if let Some(inner) = trimmed.strip_suffix(')') {
        inner.rfind('(').filter(|&open| note(&inner[open + 1..]))
    } else {
        [" \u{2014} ", " \u{2013} ", " - "]
            .iter()
            .filter_map(|dash| trimmed.rfind(dash).map(|at| (at, dash.len())))
            .max()
            .filter(|&(at, len)| {
                let rest = trimmed[at + len..].trim();
                // A marker alone or in capitals: `- WIP limits` is a title.
                note(rest)
                    && (rest.split_whitespace().count() == 1
                        || rest
                            .chars()
                            .filter(|c| c.is_alphabetic())
                            .all(char::is_uppercase))
            })
            .map(|(at, _)| at)
    };
    match cut {
        Some(at) if trimmed[..at].split_whitespace().count() >= 2 => trimmed[..at].trim_end(),
        _ => title,
    }
}

/// Most words after a draft marker in a [`without_draft_note`] note.
const MAX_DRAFT_NOTE_WORDS: usize = 6;

/// A heading without the writer's marks that it is unfinished, before or
/// after it (`[TODO] Courier switch`, `Night rota (draft)`): the marks
/// name no section of the notes (`todo` alone does).
pub(crate) fn without_draft_marks(text: &str) -> String {
    let start = skip_decoration(text);
    let body = without_draft_marker(&text[start..]);
    let text = if body.len() < text.len() - start {
        body
    } else {
        text
    };
    without_draft_note(text).to_owned()
}

/// A title without the writer's note that it is unfinished: `DRAFT —
/// Developing Ayanda`, `[WIP] Vendor exit` -> the title.
pub(crate) fn without_draft_marker(body: &str) -> &str {
    // (`[WIP]` arrives without its `[`: it is decoration.)
    for marker in [
        "draft", "wip", "todo", "[draft]", "(draft)", "[wip]", "(wip)", "[todo]", "(todo)",
        "[done]", "draft]", "wip]", "todo]", "done]", "draft)", "wip)", "todo)",
    ] {
        let Some(rest) = body
            .get(..marker.len())
            .filter(|m| m.eq_ignore_ascii_case(marker))
            .map(|_| body[marker.len()..].trim_start())
        else {
            continue;
        };
        // `DRAFT — title`, `Draft: title`, `[WIP] title`; not `WIP-limits`
        // or `Draft-day trade`.
        let rest = match rest.strip_prefix([':', '-', '\u{2013}', '\u{2014}']) {
            Some(after) if rest.starts_with(':') || after.starts_with(char::is_whitespace) => {
                after.trim_start()
            }
            None if marker.ends_with([']', ')']) => rest,
            _ => continue,
        };
        if rest.split_whitespace().count() >= 2 {
            return rest;
        }
    }
    body
}

/// A title from the interview question a story answers, for a story told
/// under a `Q:` line with no title of its own: the question without its
/// request ("Tell me about a time you", "Have you ever") and in the
/// writer's voice, "Describe a time you had to say no to someone more
/// senior than you." -> "Had to say no to someone more senior than me".
/// `None` when the question does not open with such a request.
pub(crate) fn title_from_question(question: &str) -> Option<String> {
    // Longest first: the first that opens the question is stripped.
    const REQUESTS: &[&str] = &[
        "can you tell me about a time when you",
        "can you tell me about a time you",
        "can you describe a time when you",
        "can you describe a time you",
        "can you give me an example of a time when you",
        "can you give me an example of a time you",
        "give me an example of a time when you",
        "give me an example of a time you",
        "give me an example of when you",
        "give me an example where you",
        "give an example of a time when you",
        "give an example of a time you",
        "tell me about a situation in which you",
        "tell me about a situation where you",
        "tell me about a situation when you",
        "tell me about a time when you",
        "tell me about a time where you",
        "tell me about a time you",
        "tell us about a time when you",
        "tell us about a time you",
        "describe a situation in which you",
        "describe a situation where you",
        "describe a situation when you",
        "describe a time when you",
        "describe a time you",
        "walk me through a time when you",
        "walk me through a time you",
        "share a time when you",
        "share a time you",
        "talk about a time when you",
        "talk about a time you",
        "have you ever",
        "a time you",
        "a time when you",
        // `Tell me about a time something you shipped broke`: the rest
        // after the request is the title.
        "tell me about a time when",
        "tell me about a time",
        "describe a time when",
        "describe a time",
    ];
    title_after(question, REQUESTS)
}

/// A title from a question that asks for a thing rather than a time: `Tell
/// me about a difficult patient or family member`, `Give an example of a
/// quality improvement project you led`; [`title_from_question`] first.
/// `"Describe a time..." / integrity`: the quoted question only.
pub(crate) fn title_from_request(question: &str) -> Option<String> {
    const REQUESTS: &[&str] = &[
        "can you give me an example of",
        "can you give an example of",
        "give me an example of",
        "give an example of",
        "tell me about",
        "tell us about",
        "describe",
        "walk me through",
        "talk me through",
        // `How have you supported a colleague who was struggling?`
        "how have you",
        "how did you",
        "when have you",
        "when did you",
    ];
    let quoted = strip_wrapping_quotes(question.split(" / ").next().unwrap_or(question));
    // `The school has a deficit budget. Tell us about a difficult
    // financial decision.`: the request may follow a sentence of scene.
    std::iter::once(quoted)
        .chain(
            quoted
                .match_indices(". ")
                .map(|(at, _)| quoted[at + 2..].trim_start()),
        )
        .find_map(|sentence| {
            title_from_question(sentence).or_else(|| title_after(sentence, REQUESTS))
        })
}

/// The rest of a question after the first of `requests` that opens it, in
/// the writer's voice, as a title.
fn title_after(question: &str, requests: &[&str]) -> Option<String> {
    let bare = |word: &str| {
        word.to_lowercase()
            .replace('\u{2019}', "'")
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_owned()
    };
    let words: Vec<&str> = question.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| bare(w)).collect();
    let skip = requests.iter().find_map(|request| {
        let request: Vec<&str> = request.split(' ').collect();
        let opens = request.len() < lower.len() && request.iter().zip(&lower).all(|(r, w)| r == w);
        opens.then_some(request.len())
    })?;
    let said = |i: usize| lower.get(i).map_or("", String::as_str);
    let rest: Vec<String> = (skip..words.len())
        .map(|i| {
            let own = match said(i) {
                // The subject before a verb ("something you felt"), the
                // object otherwise ("a colleague who undermined you").
                "you" if reads_as_verb(said(i + 1)) => "I",
                "you" => "me",
                "your" => "my",
                "yours" => "mine",
                "yourself" => "myself",
                "you're" => "I'm",
                "you've" => "I've",
                "you'd" => "I'd",
                // The request took the subject: "a time you were wrong".
                "were" if i == skip && said(i - 1) == "you" => "I was",
                "were" if said(i - 1) == "you" => "was",
                _ => return words[i].to_owned(),
            };
            // Keep the punctuation around the word: `you?` -> `me?`.
            let core = words[i]
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}');
            words[i].replacen(core, own, 1)
        })
        .collect();
    let title = derive_title(&rest.join(" "))?;
    (title.split_whitespace().count() >= 2).then_some(title)
}

/// Whether a word after "you" is its verb: "you felt", "you had",
/// "you decided"; not "you in meetings" or "you a chance".
fn reads_as_verb(word: &str) -> bool {
    const VERBS: &[&str] = &[
        "were",
        "are",
        "had",
        "have",
        "did",
        "do",
        "felt",
        "feel",
        "thought",
        "think",
        "knew",
        "know",
        "could",
        "would",
        "should",
        "can",
        "will",
        "might",
        "must",
        "made",
        "make",
        "took",
        "take",
        "got",
        "get",
        "saw",
        "see",
        "found",
        "find",
        "went",
        "said",
        "told",
        "gave",
        "give",
        "ran",
        "led",
        "lead",
        "built",
        "wrote",
        "need",
        "want",
        "chose",
        "believe",
        "caught",
        "learnt",
        "was",
        "weren't",
        "didn't",
        "don't",
        "couldn't",
        "wouldn't",
        "shouldn't",
        "can't",
        "won't",
        "hadn't",
        "haven't",
        "never",
        "also",
        "once",
        "really",
    ];
    VERBS.contains(&word) || (word.len() > 4 && word.ends_with("ed")) || is_past_tense(word)
}

/// Words that make a poor last word of a derived title.
const TRAILING_STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "for", "in", "on", "at", "by", "with", "from", "and", "or",
    "but", "that", "which", "where", "who", "when", "while", "as", "was", "were", "is", "are",
    "be", "been", "had", "has", "have", "our", "my", "their", "its", "it", "we", "i", "about",
    "into", "over", "after", "before", "during", "because", "so", "than", "then", "very",
];

/// How many words a derived title keeps.
const DERIVED_TITLE_WORDS: usize = 8;

/// A title taken from a story's first words that names no event: one word
/// (`Jess`), dates only (`Autumn 2023`), or a dated opening (`Autumn 2023`, `When I
/// became KS3 coordinator in 2022`, `In 2021 I pushed for...`, `Last
/// year a second-year teacher`), or the setting (`At a meal-kit company`).
pub(crate) fn weak_title(title: &str) -> bool {
    let words: Vec<String> = title
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let year = |w: &str| {
        w.len() == 4 && w.starts_with(['1', '2']) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let dated = |w: &str| year(w) || MONTHS_AND_SEASONS.contains(&w);
    let first = words.first().map_or("", String::as_str);
    let second = words.get(1).map_or("", String::as_str);
    // A month or season dates the opening only with a year or a day after
    // it (`Autumn 2023`, `March 3rd`), not as an adjective (`Summer interns`).
    let dated_opening = year(first)
        || (dated(first)
            && (second.starts_with(|c: char| c.is_ascii_digit())
                || matches!(second, "of" | "term" | "semester" | "quarter")));
    words.len() < 2
        || words.iter().all(|w| dated(w))
        || dated_opening
        || matches!(first, "when" | "while" | "during" | "after" | "before" | "since")
        // `For release 5.2.0 of our iOS app`, `With the deadline 3 weeks
        // away`: the circumstances, not the event.
        || (matches!(first, "for" | "with" | "following")
            && matches!(second, "a" | "an" | "the" | "my" | "our" | "release" | "version"))
        // The setting, not the event: `At a subscription meal-kit company`,
        // `As the only designer on the team`.
        || (matches!(first, "at" | "as")
            && matches!(second, "a" | "an" | "the" | "my" | "our"))
        || (matches!(first, "in" | "early" | "late" | "back") && dated(second))
        // `Friday evening, around 19h`, `One night on the ward`, `Last
        // day of the month`: when, not what.
        || (matches!(
            first,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        ) && (matches!(second, "morning" | "evening" | "night" | "afternoon" | "lunchtime")
            || second.starts_with(|c: char| c.is_ascii_digit())))
        || (matches!(first, "last" | "first" | "one" | "that" | "late" | "early")
            && matches!(
                second,
                "day" | "morning" | "evening" | "night" | "afternoon" | "weekend" | "shift"
            ))
        || (matches!(first, "last" | "this")
            && matches!(
                second,
                "year"
                    | "month"
                    | "week"
                    | "term"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
                    | "quarter"
            ))
}

/// Words that date a story's opening (see [`weak_title`]).
/// `2024-03-02`, `Mon 3 Mar`, `Wednesday 5 March 2024`, `12/03/24`: a
/// heading that is a date alone, an entry of a dated log, names no story.
pub(crate) fn is_date_heading(text: &str) -> bool {
    const DAYS: [&str; 14] = [
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
    ];
    const MORE_DAYS: [&str; 3] = ["friday", "saturday", "sunday"];
    let body = &text[skip_decoration(text)..];
    let words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let number = |w: &str| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        (1..=4).contains(&digits) && matches!(&w[digits..], "" | "st" | "nd" | "rd" | "th")
    };
    (1..=MAX_DATE_WORDS).contains(&words.len())
        && words.iter().any(|w| number(w))
        && words.iter().all(|w| {
            number(w)
                || DAYS.contains(&w.as_str())
                || MORE_DAYS.contains(&w.as_str())
                || (MONTHS_AND_SEASONS.contains(&w.as_str()) && !w.starts_with('q'))
        })
}

/// Most words of a date heading (`Wednesday 5 March 2024`).
const MAX_DATE_WORDS: usize = 5;

const MONTHS_AND_SEASONS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "q1",
    "q2",
    "q3",
    "q4",
];

/// A short title from the story's own text: the first clause, at most eight
/// words, without a dangling preposition or article at the end.
pub(crate) fn derive_title(text: &str) -> Option<String> {
    let skipped = skip_decoration(text);
    let opened = text[..skipped].trim_end().ends_with('"');
    let body = &text[skipped..];
    let mut end = body.len();
    let mut previous = ' ';
    for (i, c) in body.char_indices() {
        let next_is_space = body[i + c.len_utf8()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
        let next_is_digit = body[i + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_digit());
        let stop = match c {
            // `1,400` and `2.5x` are numbers, not clause ends.
            ',' if previous.is_ascii_digit() && next_is_digit => false,
            ',' | ';' | ':' | '!' | '?' | '(' | '\n' | '\u{2013}' | '\u{2014}' => true,
            '.' => next_is_space,
            '-' => previous == ' ' && next_is_space,
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
        previous = c;
    }
    let mut words: Vec<&str> = body[..end]
        .split_whitespace()
        .take(DERIVED_TITLE_WORDS)
        .collect();
    while let Some(last) = words.last() {
        let bare = last.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() || TRAILING_STOP_WORDS.contains(&bare.to_lowercase().as_str()) {
            words.pop();
        } else {
            break;
        }
    }
    let joined = words.join(" ");
    let trimmed = joined.trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '%');
    // `asked me to "make it better"`: the closing quote trimmed above
    // belongs to the title; a quote left open by the cut goes.
    let mut title = trimmed.to_owned();
    if title.matches('"').count() % 2 == 1 {
        let start = trimmed.as_ptr() as usize - joined.as_ptr() as usize;
        let end = start + trimmed.len();
        if opened || joined[..start].ends_with('"') {
            title.insert(0, '"');
        } else if joined[end..].starts_with('"') {
            title.push('"');
        } else if let Some(at) = title.rfind('"') {
            title.remove(at);
        }
    }
    let mut chars = title.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// Removes quotes that wrap a whole answer, as in `- **Situation:** "We..."`.
pub(crate) fn strip_wrapping_quotes(text: &str) -> &str {
    for (open, close) in [('"', '"'), ('\u{201c}', '\u{201d}'), ('\'', '\'')] {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            if !inner.contains([open, close]) {
                return inner.trim();
            }
        }
    }
    text
}

/// Which story a mapping line points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    Number {
        kind: Option<PrefixKind>,
        number: u32,
    },
    Title(String),
    /// The story filed under question N (`see Q1`), and no other.
    Question(u32),
}

/// `SceneSafety` -> `Scene Safety`: the words of a tag typed in camel case
/// (`#PrehospitalCare`); runs of capitals stay whole (`NHS`, `CQCReady`
/// keeps `CQC`).
fn split_camel_case(tag: &str) -> String {
    let chars: Vec<char> = tag.chars().collect();
    let mut out = String::with_capacity(tag.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let after_lower = i > 0 && chars[i - 1].is_lowercase();
        let acronym_end = i > 0
            && chars[i - 1].is_uppercase()
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        if c.is_uppercase() && (after_lower || acronym_end) {
            out.push(' ');
        }
        out.push(c);
    }
    // Product names and short words stay whole (`DevOps`, `GitHub`,
    // `iOS`): every part must be a word of four letters or more.
    const PRODUCTS: [&str; 12] = [
        "javascript",
        "typescript",
        "coffeescript",
        "actionscript",
        "wordpress",
        "powerpoint",
        "sharepoint",
        "mailchimp",
        "quickbooks",
        "smartsheet",
        "playstation",
        "postgresql",
    ];
    let parts: Vec<&str> = out.split(' ').collect();
    if parts.len() > 1
        && parts.iter().all(|p| p.chars().count() >= 4)
        && !PRODUCTS.contains(&tag.to_lowercase().as_str())
    {
        out
    } else {
        tag.to_owned()
    }
}

/// Splits Obsidian-style tags off a heading: `Handoff #story #collaboration`
/// gives `Handoff` and `collaboration`. Tags that only say the note is a
/// story (`#story`, `#star`) are dropped.
pub(crate) fn split_hashtags(text: &str) -> (String, Vec<String>) {
    if !text.contains('#') {
        return (text.to_owned(), Vec::new());
    }
    let mut kept = Vec::new();
    let mut tags = Vec::new();
    for word in text.split_whitespace() {
        let tag = word
            .strip_prefix('#')
            .filter(|t| t.starts_with(char::is_alphabetic));
        match tag {
            Some(tag) => {
                let tag = tag.trim_end_matches(|c: char| !c.is_alphanumeric());
                // Bear's nested tags, `#interview/stories/conflict`: the
                // last level names the competency.
                let leaf = match tag.rsplit_once('/') {
                    Some((_, leaf)) if leaf.starts_with(char::is_alphabetic) => leaf,
                    _ => tag,
                };
                let name = split_camel_case(&leaf.replace(['_', '/'], " ")).to_lowercase();
                if !is_generic(&name) && !matches!(name.as_str(), "story" | "stories") {
                    tags.push(name);
                }
            }
            None => kept.push(word),
        }
    }
    (kept.join(" "), tags)
}

/// Whether a heading reads as a story's title rather than a section's
/// name: three words or more, none naming an interview event (`Round 2`,
/// `Hiring manager round`, `Amazon onsite`).
pub(crate) fn reads_as_story_title(title: &str) -> bool {
    let words: Vec<String> = words_lower(title).collect();
    words.len() >= 3
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "round"
                    | "interview"
                    | "interviews"
                    | "onsite"
                    | "panel"
                    | "stage"
                    | "screen"
                    | "loop"
                    | "prep"
                    | "questions"
                    | "stories"
                    | "examples"
            )
        })
}

/// `Bedside handover — SOAR (leading change)`, `Feedback to Maureen —
/// STAR + L`: the framework a story is told in, after a dash, names
/// neither the story nor a competency. The heading without it (a bracket
/// after it stays).
pub(crate) fn without_framework_tag(text: &str) -> String {
    const FRAMEWORKS: [&str; 12] = [
        "star", "soar", "carl", "car", "par", "starl", "star+l", "stare", "sao", "sar", "cara", "l",
    ];
    let in_capitals = |tag: &str| {
        let tokens: Vec<&str> = tag
            .split(|c: char| c.is_whitespace() || c == '+')
            .filter(|t| !t.is_empty())
            .collect();
        // `STAR`, `SOAR + L`; `STAR story`, `STAR format` (the framework in
        // capitals, a word for what it is after it).
        let framework = |t: &str| FRAMEWORKS.contains(&t.to_lowercase().as_str());
        !tokens.is_empty()
            && tokens.iter().all(|t| {
                framework(t)
                    || matches!(
                        t.to_lowercase().as_str(),
                        "story" | "format" | "method" | "answer"
                    )
            })
            && tokens.iter().filter(|t| framework(t)).all(|t| {
                t.chars()
                    .filter(char::is_ascii_alphabetic)
                    .all(|c| c.is_ascii_uppercase())
            })
            && tokens.iter().any(|t| framework(t))
    };
    // `Night shift rota (STAR)`, `Vendor exit [CAR]`: the same in a
    // bracket closing the heading.
    let trimmed = text.trim_end();
    for (open, close) in [('(', ')'), ('[', ']')] {
        let Some(inner) = trimmed.strip_suffix(close) else {
            continue;
        };
        let Some(at) = inner.rfind(open) else {
            continue;
        };
        let head = inner[..at].trim_end();
        if in_capitals(&inner[at + 1..]) && head.chars().any(char::is_alphanumeric) {
            return head.to_owned();
        }
    }
    for dash in [" \u{2014} ", " \u{2013} ", " - "] {
        let Some(at) = text.rfind(dash) else {
            continue;
        };
        let tail = &text[at + dash.len()..];
        let (tag, rest) = match tail.find('(') {
            Some(open) => (&tail[..open], &tail[open..]),
            None => (tail, ""),
        };
        if in_capitals(tag) && text[..at].trim().chars().any(char::is_alphanumeric) {
            let head = text[..at].trim_end();
            return if rest.is_empty() {
                head.to_owned()
            } else {
                format!("{head} {}", rest.trim())
            };
        }
    }
    text.to_owned()
}

/// `Shipping the export [ownership] [deliver-results]`: bracketed labels
/// typed after a title name its competencies. Only at the end of the
/// title, one to three words each (`[customer, ownership]` lists two);
/// a link (`[docs](...)`), a task box (`[ ]`, `[x]`), a draft marker
/// (`[WIP]`) or a reference (`[1]`) is no label.
pub(crate) fn split_bracket_tags(text: &str) -> (String, Vec<String>) {
    let mut rest = text.trim_end();
    let mut groups = Vec::new();
    while let Some(inner) = rest.strip_suffix(']') {
        let Some(open) = inner.rfind('[') else {
            break;
        };
        let label = inner[open + 1..].trim();
        let names: Vec<String> = label
            .split([',', ';', '|'])
            .map(|n| n.trim().replace('_', " ").to_lowercase())
            .filter(|n| !n.is_empty())
            .collect();
        let fits = !names.is_empty()
            && names.iter().all(|n| {
                let words = n.split_whitespace().count();
                // `[ownership]`, `[deliver-results]`, `[patient safety]`;
                // not a status (`[needs numbers]`, `[in progress]`).
                let quality = is_known_name(n)
                    || (words == 1 && n.contains('-'))
                    || n.split(|c: char| !c.is_alphanumeric() && c != '-')
                        .any(|w| QUALITY_WORDS.contains(&w));
                (1..=3).contains(&words)
                    && quality
                    && n.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '&' | '\'' | '-'))
                    && n.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && !matches!(n.as_str(), "draft" | "wip" | "todo" | "done" | "tbd")
            });
        if !fits {
            break;
        }
        groups.push(names);
        rest = inner[..open].trim_end();
    }
    // A title of its own must remain: `[Conflict]` alone is a heading.
    if groups.is_empty() || !rest.contains(char::is_alphanumeric) {
        return (text.to_owned(), Vec::new());
    }
    let tags = groups.into_iter().rev().flatten().collect();
    (rest.to_owned(), tags)
}

/// A Logseq or Dataview property of no use to a story (`type:: story`,
/// `date:: [[Nov 2023]]`, `collapsed:: true`): a bookkeeping key, `::`, a
/// short value. Known metadata (`competency::`, `answers::`) is read as
/// such; any other field (`metric:: p99 from 4s to 600ms`) stays text.
pub(crate) fn property_line(text: &str) -> bool {
    let Some((key, value)) = text.trim().split_once("::") else {
        return false;
    };
    const BOOKKEEPING: &[&str] = &[
        "type",
        "date",
        "created",
        "created-at",
        "updated",
        "updated-at",
        "modified",
        "id",
        "collapsed",
        "status",
        "alias",
        "aliases",
        "title",
        "template",
        "icon",
        "public",
        "source",
        "url",
        "link",
        "rating",
        "order",
        "priority",
        "used",
        "used-in",
        "last-used",
        "done",
        "lang",
        "language",
        "author",
        "cssclass",
        "cssclasses",
        "publish",
        "draft",
        "version",
        "year",
        "when",
        "filters",
        "heading",
    ];
    key.len() <= MAX_PROPERTY_KEY
        && BOOKKEEPING.contains(&key.to_ascii_lowercase().as_str())
        && value.split_whitespace().count() <= MAX_PROPERTY_VALUE_WORDS
}

/// Longest key of a [`property_line`].
const MAX_PROPERTY_KEY: usize = 24;

/// Most words in the value of a [`property_line`]; a longer one is a note
/// worth keeping.
const MAX_PROPERTY_VALUE_WORDS: usize = 8;

/// A line of Obsidian tags only (`#research #ambiguity`), as a
/// comma-separated list of competencies.
pub(crate) fn tag_line(text: &str) -> Option<String> {
    // An emoji may lead the tags: `🏷️ #conflict #loans`.
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '#');
    if !text.starts_with('#') {
        return None;
    }
    let (rest, tags) = split_hashtags(text);
    let only_tags = !rest.chars().any(char::is_alphanumeric) && !tags.is_empty();
    // `#Situation` typed without a space is a label, not a tag.
    let label =
        tags.len() == 1 && part_named(&tags[0]).is_some_and(|(_, len)| len == tags[0].len());
    (only_tags && !label).then(|| tags.join(", "))
}

/// A line that is only quoted questions, as noted under a story's title
/// to say what it answers: `❓ "Tell me about a clash" / "How do you
/// balance access and care?"`. Returns them joined by `;`.
pub(crate) fn quoted_questions(text: &str) -> Option<String> {
    let questions = quoted_items(text)?;
    // `"Tell me about a clash" / "a time you challenged a senior"`: the
    // first asks, the rest may be shorthand for more questions.
    questions
        .first()
        .is_some_and(|q| is_question(q))
        .then(|| questions.join("; "))
}

/// The quoted items of a line made only of them (`"a", "b" / "c"`).
fn quoted_items(text: &str) -> Option<Vec<&str>> {
    let body = text.trim_start_matches(|c: char| !c.is_alphanumeric() && !is_quote(c));
    let mut questions = Vec::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let open = rest.chars().next().filter(|&c| is_quote(c))?;
        let inner = &rest[open.len_utf8()..];
        let close = inner.find(is_quote)?;
        let question = inner[..close].trim();
        if !question.chars().any(char::is_alphanumeric) {
            return None;
        }
        questions.push(question);
        rest = inner[close..]
            .trim_start_matches(is_quote)
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | ';' | '|'))
            .trim_start_matches("or ")
            .trim_start();
    }
    Some(questions)
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}')
}

/// A line that is only a bracketed list of short labels, as written under
/// a story to tag it: `_(ownership, bias for action)_`, `(conflict,
/// empathy)`. Returns the list; a bracketed aside in prose (`(see above)`,
/// `(it took two weeks, then a month.)`) is not one.
pub(crate) fn bracketed_tag_list(text: &str) -> Option<&str> {
    const MAX_ITEM_WORDS: usize = 4;
    let trimmed = text.trim();
    let bare = trimmed.trim_matches(['*', '_']).trim();
    let emphasised = bare.len() < trimmed.len();
    let inner = bare.strip_prefix('(')?.strip_suffix(')')?;
    let items: Vec<&str> = inner.split([',', '/']).map(str::trim).collect();
    let short = items.len() >= 2
        && items.iter().all(|item| {
            let words = item.split_whitespace().count();
            (1..=MAX_ITEM_WORDS).contains(&words)
                && !item.contains(['(', ')', '.', '!', '?', ':', ';'])
                && !item.chars().any(|c| c.is_ascii_digit())
        });
    // Set off in italics, or naming a known competency: `(names changed,
    // numbers rounded)` or `(Priya, Tom and me)` are asides.
    let tags = short
        && (emphasised
            || items
                .iter()
                .any(|item| is_known_competency(&item.to_lowercase())));
    tags.then_some(inner)
}

/// `*customer focus / going the extra mile / accessibility*` under a story:
/// a whole line in italics listing short items, one of them a known
/// competency, tags the story. The items, comma-separated.
pub(crate) fn emphasised_tag_list(text: &str) -> Option<String> {
    const MAX_ITEM_WORDS: usize = 4;
    const MAX_ITEMS: usize = 8;
    let items: Vec<&str> = text.trim().split([',', '/']).map(str::trim).collect();
    // A quoted item names the question it answers (`"what would you do
    // differently"`): a longer one is allowed.
    let quoted = |item: &str| {
        item.len() > 2
            && item.starts_with(['"', '\u{201c}'])
            && item.ends_with(['"', '\u{201d}'])
            && item.split_whitespace().count() <= MAX_QUOTED_ITEM_WORDS
    };
    let short = (2..=MAX_ITEMS).contains(&items.len())
        && items.iter().all(|item| {
            let words = item.split_whitespace().count();
            quoted(item) || ((1..=MAX_ITEM_WORDS).contains(&words) && plain_name(item))
        });
    // A known competency among them, or three or more short names
    // (`_incident, on-call, pressure_`).
    let named = items
        .iter()
        .any(|item| is_known_competency(&item.to_lowercase()));
    (short && named).then(|| items.join(", "))
}

/// `incident, on-call, pressure`: three or more short names in lower case
/// (italic right under a story's heading, they tag it).
pub(crate) fn short_name_list(text: &str) -> Option<String> {
    // `*process improvement · leading a team · efficiency*`; a note in
    // brackets on one (`technical (IFRS 15)`) is not part of its name.
    // (`conflict w/ peer` is one name: `w/` is "with".)
    let text = spelled_with(&without_parentheses(text));
    let items: Vec<&str> = text
        .trim()
        .split([',', '/', '\u{b7}'])
        .map(str::trim)
        .collect();
    // (Two names are a list when a middle dot parts them: `ethics ·
    // attention to detail`.)
    let fewest = if text.contains('\u{b7}') { 2 } else { 3 };
    (items.len() >= fewest
        && items.len() <= MAX_SHORT_NAMES
        && items.iter().all(|item| {
            (1..=MAX_UNKNOWN_TAG_WORDS).contains(&item.split_whitespace().count())
                && !item.starts_with(|c: char| c.is_uppercase())
                && plain_name(item)
        }))
    .then(|| items.join(", "))
}

/// `w/` and `w/o` as the words they stand for, where they are words of
/// their own (`conflict w/ peer`; not `overflow/ escalation`).
pub(crate) fn spelled_with(text: &str) -> String {
    text.split(' ')
        .map(|word| match word {
            "w/" => "with",
            "w/o" => "without",
            _ => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Most words of each name in an emphasised tag line naming no known
/// competency.
const MAX_UNKNOWN_TAG_WORDS: usize = 3;

/// An item of a tag line that is a name, not a sentence or a figure: no
/// brackets, sentence marks, quotes or digits.
fn plain_name(item: &str) -> bool {
    !item.contains(['(', ')', '.', '!', '?', ':', ';', '"'])
        && !item.chars().any(|c| c.is_ascii_digit())
}

/// Most names in a short list of tags.
const MAX_SHORT_NAMES: usize = 8;

/// Most words of a quoted item in an emphasised tag line.
const MAX_QUOTED_ITEM_WORDS: usize = 8;

/// Most words before the colon of a commentary line.
const MAX_COMMENTARY_WORDS: usize = 8;

/// `**Why this answer works:** The candidate...`, `What makes this a
/// strong answer:`: a guide's comment on a sample answer, no part of it;
/// likewise `Note to self:`, a bare `TODO:` and `Questions to ask the
/// panel:` below a story.
pub(crate) fn commentary_line(text: &str) -> bool {
    let Some(LeadLine { body, lead, rest }) = lead_line(text) else {
        return false;
    };
    let words: Vec<&str> = lead.split_whitespace().collect();
    // `Coach feedback:`, `Feedback from my mentor:`, `Interviewer's
    // comments:`: someone else's remarks on the answer, and `Score: 3/5`.
    let reviewer = words.iter().any(|w| {
        let name = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("\u{2019}s"))
            .unwrap_or(w);
        matches!(name, "coach" | "mentor" | "interviewer" | "reviewer")
    });
    let remarks = words.iter().any(|w| {
        matches!(
            *w,
            "feedback" | "comments" | "comment" | "notes" | "remarks"
        )
    });
    // With nothing after the colon: the remarks follow below it. Inline
    // (`Mentor feedback: she said the guide was the best...`) it may be
    // the story's own text, which is not dropped.
    let bare = rest.trim().trim_matches(['*', '_']).is_empty();
    if (1..=4).contains(&words.len()) && reviewer && remarks && bare {
        return true;
    }
    if matches!(
        words.as_slice(),
        ["score" | "rating" | "self-score" | "grade"]
    ) && {
        let value: String = rest.split_whitespace().collect();
        let (got, of) = value.split_once('/').unwrap_or(("", ""));
        !got.is_empty()
            && got.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !of.is_empty()
            && of.bytes().all(|b| b.is_ascii_digit())
    } {
        return true;
    }
    // `TODO - still to write:` over a list, `Questions to ask the panel:`:
    // notes on the preparation itself.
    if bare && to_do(&words, body) && body.starts_with(|c: char| c.is_uppercase()) {
        return true;
    }
    if words.len() < 3 || words.len() > MAX_COMMENTARY_WORDS {
        return false;
    }
    // Questions for the other side of the table (`Questions to ask them:`,
    // `Questions for the panel:`), not `Questions to ask each candidate:`.
    let other_side = |rest: &[&str]| {
        rest.iter().any(|w| {
            matches!(
                *w,
                "them"
                    | "panel"
                    | "interviewer"
                    | "interviewers"
                    | "hiring"
                    | "recruiter"
                    | "company"
                    | "employer"
            )
        })
    };
    // `My questions for them:`, `Our questions to ask them:`.
    let words = match words.as_slice() {
        ["my" | "our", rest @ ..] if rest.len() >= 3 => rest.to_vec(),
        _ => words,
    };
    let to_ask = words[0] == "questions"
        && match words[1..] {
            ["to", "ask"] => bare,
            ["to", "ask", ref rest @ ..] | ["for", ref rest @ ..] => other_side(rest),
            _ => false,
        };
    if to_ask {
        return true;
    }
    let why_it_works = words[0] == "why"
        && matches!(words[1], "this" | "it" | "that")
        && words
            .iter()
            .any(|w| matches!(*w, "works" | "work" | "worked"));
    let what_makes = words[0] == "what" && words[1] == "makes" && matches!(words[2], "this" | "it");
    let to_self =
        words.len() == 3 && matches!(words[0], "note" | "notes") && words[1..] == ["to", "self"];
    why_it_works || what_makes || to_self
}

/// Whether the words before a colon name a to-do (`TODO`, `To do`,
/// `TODO - still to write`).
/// The word alone or before a dash (`TODO - still to write`), not in a
/// phrase (`Todo sync`, `To-do lists`, `To do that, I needed`), unless it
/// is in capitals (`body` opens with `TODO check: ...`), which is a marker
/// whatever follows.
fn to_do(words: &[&str], body: &str) -> bool {
    let named = match words {
        [w, ..] if matches!(*w, "todo" | "todos" | "to-do" | "to-dos") => 1,
        ["to", "do", ..] => 2,
        _ => return false,
    };
    let shouted = body.starts_with("TODO") || body.starts_with("TO DO");
    words.len() <= MAX_COMMENTARY_WORDS
        && (shouted
            || words
                .get(named)
                .is_none_or(|w| matches!(*w, "-" | "\u{2013}" | "\u{2014}")))
}

/// `TODO: check the pipeline number`: a to-do of one line in a story's
/// notes, left out of the story (the lines after it are the story's). A
/// bare `TODO:` over a list is a [`commentary_line`]. It opens with a
/// capital; inside a paragraph (`in_paragraph`: a line going on from the
/// one above) only a `TODO` in capitals is one, since `to do: scan, walk,
/// pick` is a sentence wrapped there.
pub(crate) fn to_do_line(text: &str, in_paragraph: bool) -> bool {
    let Some(LeadLine { body, lead, rest }) = lead_line(text) else {
        return false;
    };
    let capitalised = if in_paragraph {
        body.starts_with("TODO")
    } else {
        body.starts_with(|c: char| c.is_uppercase())
    };
    if !capitalised {
        return false;
    }
    let words: Vec<&str> = lead.split_whitespace().collect();
    !rest.trim().trim_matches(['*', '_']).is_empty() && to_do(&words, body)
}

/// A line read as `lead: rest` (`**Coach feedback:**`, `TODO: check`).
struct LeadLine<'a> {
    /// The line after its decoration (bullets, quote marks).
    body: &'a str,
    /// What comes before the first colon, lowercased, emphasis left off.
    lead: String,
    /// What follows the colon.
    rest: &'a str,
}

fn lead_line(text: &str) -> Option<LeadLine<'_>> {
    let body = &text[skip_decoration(text)..];
    let colon = body.find(':')?;
    let lead = body[..colon]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
        .to_lowercase();
    Some(LeadLine {
        body,
        lead,
        rest: &body[colon + 1..],
    })
}

/// Most words in a `Likely follow-ups:` line.
const MAX_FOLLOW_UP_WORDS: usize = 8;

/// `**Likely follow-ups:**`, `Follow-up questions they might ask:`: the
/// line that opens prepared answers to an interviewer's follow-ups.
/// A heading over an interviewer's likely follow-up questions: `####
/// Follow-ups`, `Likely follow-up questions` (not `#### Follow-up`, which
/// may be what was done afterwards).
pub(crate) fn follow_ups_heading(text: &str) -> bool {
    let body = &text[skip_decoration(text)..];
    let lower = body
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .replace(['-', '\u{2010}', '\u{2011}'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let plural =
        words.windows(2).any(|w| w[0] == "follow" && w[1] == "ups") || words.contains(&"followups");
    let asked = words.windows(2).any(|w| w[0] == "follow" && w[1] == "up")
        && words
            .iter()
            .any(|w| matches!(*w, "questions" | "question" | "qs"));
    // Mostly that name: `Lessons and follow-ups` is a Learning heading,
    // `Story: Getting teams to close incident follow-ups` a title.
    let only_follow_ups = words.iter().all(|w| {
        matches!(
            *w,
            "follow"
                | "up"
                | "ups"
                | "followups"
                | "questions"
                | "question"
                | "qs"
                | "likely"
                | "possible"
                | "potential"
                | "expected"
                | "interview"
                | "the"
                | "their"
        )
    });
    only_follow_ups && (plural || asked)
}

pub(crate) fn follow_ups_line(text: &str, emphasised: bool) -> bool {
    let body = &text[skip_decoration(text)..];
    let body = body.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    // `**Follow-up questions to prepare for**`: bold on a line of its own,
    // a label without its colon.
    let Some(body) = body.strip_suffix(':').or(emphasised.then_some(body)) else {
        return false;
    };
    let lower = body
        .to_lowercase()
        .replace(['-', '\u{2010}', '\u{2011}'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let named = words
        .windows(2)
        .take(3)
        .any(|w| w[0] == "follow" && matches!(w[1], "up" | "ups"))
        || words
            .iter()
            .take(3)
            .any(|w| matches!(*w, "followup" | "followups"));
    // Questions an interviewer may ask, not the story's own follow-up
    // actions (`Follow-up actions:`, `**Follow-up:**`).
    let asked = words
        .iter()
        .any(|w| matches!(*w, "questions" | "question" | "ask" | "asks"))
        || words.first().is_some_and(|w| {
            matches!(
                *w,
                "likely" | "possible" | "potential" | "anticipated" | "expected" | "probable"
            )
        });
    words.len() <= MAX_FOLLOW_UP_WORDS && named && asked
}

/// What a story's metadata line lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MetaKind {
    /// `Questions this answers:`
    Questions,
    /// `Competencies:`, `Tags:`, `LPs:`
    Competencies,
    /// `Also works for:`: questions or competencies, by how each item reads.
    Either,
}

/// Labels of metadata lines inside a story, lowercase with single spaces;
/// the longest match wins.
const META_LABELS: &[(&str, MetaKind)] = &[
    ("questions this answers", MetaKind::Questions),
    ("questions it answers", MetaKind::Questions),
    ("questions answered", MetaKind::Questions),
    ("questions", MetaKind::Questions),
    // Dataview fields: `asked-as:: "Tell me about..."`.
    // `Q's: decision with incomplete info / biggest risk you took`.
    ("q's", MetaKind::Either),
    ("q", MetaKind::Either),
    ("qs", MetaKind::Either),
    ("asked as", MetaKind::Questions),
    ("asked-as", MetaKind::Questions),
    ("possible questions", MetaKind::Questions),
    ("likely questions", MetaKind::Questions),
    ("related questions", MetaKind::Questions),
    ("sample questions", MetaKind::Questions),
    ("answers questions", MetaKind::Questions),
    ("use for", MetaKind::Either),
    ("usable for", MetaKind::Either),
    ("usable for questions about", MetaKind::Either),
    ("use for questions about", MetaKind::Competencies),
    ("good for questions about", MetaKind::Competencies),
    ("questions about", MetaKind::Competencies),
    ("use it for", MetaKind::Either),
    ("can also be used for", MetaKind::Either),
    ("can be used for", MetaKind::Either),
    ("also use for", MetaKind::Either),
    ("also used for", MetaKind::Either),
    ("good for", MetaKind::Either),
    ("used for", MetaKind::Either),
    ("works for", MetaKind::Either),
    ("also works for", MetaKind::Either),
    ("also good for", MetaKind::Either),
    ("covers", MetaKind::Either),
    ("also covers", MetaKind::Either),
    ("qs", MetaKind::Either),
    ("competencies", MetaKind::Competencies),
    ("competencies demonstrated", MetaKind::Competencies),
    ("competencies shown", MetaKind::Competencies),
    ("competency", MetaKind::Competencies),
    ("comps", MetaKind::Competencies),
    // The UK Civil Service's Success Profiles call them behaviours
    // (`behaviour:: Communicating and Influencing`).
    ("behaviour", MetaKind::Competencies),
    ("behaviours demonstrated", MetaKind::Competencies),
    ("behaviours shown", MetaKind::Competencies),
    ("civil service behaviours", MetaKind::Competencies),
    ("behaviours", MetaKind::Competencies),
    ("behavior", MetaKind::Competencies),
    ("behaviors", MetaKind::Competencies),
    ("tags", MetaKind::Competencies),
    // Spanish notes (`Preguntas::` in a Roam graph kept in Spanish).
    ("preguntas", MetaKind::Questions),
    ("competencias", MetaKind::Competencies),
    ("etiquetas", MetaKind::Competencies),
    // Portuguese, German and French.
    ("competências", MetaKind::Competencies),
    ("perguntas", MetaKind::Questions),
    ("kompetenzen", MetaKind::Competencies),
    ("fragen", MetaKind::Questions),
    ("compétences", MetaKind::Competencies),
    ("skills", MetaKind::Competencies),
    ("skills shown", MetaKind::Competencies),
    ("skills demonstrated", MetaKind::Competencies),
    ("competencies covered", MetaKind::Competencies),
    ("themes", MetaKind::Competencies),
    ("leadership principles", MetaKind::Competencies),
    ("leadership principle", MetaKind::Competencies),
    ("lps", MetaKind::Competencies),
    ("lp", MetaKind::Competencies),
    ("principles", MetaKind::Competencies),
    ("categories", MetaKind::Competencies),
    ("keywords", MetaKind::Competencies),
    // Only as a Logseq or Dataview property (`answers:: "time you led a
    // team"`): `Answers:` alone may open a reply.
    ("answers", MetaKind::Questions),
    ("prompts", MetaKind::Questions),
    ("category", MetaKind::Competencies),
    ("theme", MetaKind::Competencies),
];

/// Metadata labels read only as a property (`answers:: ...`).
const PROPERTY_ONLY_META_LABELS: &[&str] = &["prompts", "category", "theme"];

/// A metadata line: `Tags: a, b`, `competencies:: [[A]], b` (Dataview),
/// `**Competencies** - a, b`, or `Questions this answers:` before a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MetaLine<'a> {
    pub kind: MetaKind,
    pub rest: &'a str,
    /// Only ever a metadata label (`Tags:`, `Questions this answers:`, a
    /// Dataview `::` field); `Themes:` or `Questions:` inside a story's
    /// text may be prose.
    pub strong: bool,
}

/// Metadata labels that can also start a line of prose.
const WEAK_META_LABELS: &[&str] = &[
    "questions",
    "behaviour",
    "behaviours",
    "behavior",
    "behaviors",
    "skills",
    "themes",
    "principles",
    "categories",
    "keywords",
    "answers questions",
];

/// `Which interview questions could this example answer? "Tell me..."`:
/// the answer after a worksheet's prompt for the questions a story fits.
fn questions_prompt(body: &str) -> Option<&str> {
    let lower = body.to_ascii_lowercase();
    if ![
        "which questions",
        "which interview questions",
        "what questions",
        "what interview questions",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return None;
    }
    let mark = body.find('?')?;
    let prompt = &lower[..mark];
    (prompt.contains("answer") && prompt.split_whitespace().count() <= MAX_QUESTIONS_PROMPT_WORDS)
        .then(|| body[mark + 1..].trim())
}

/// Most words of a worksheet's prompt for the questions a story answers.
const MAX_QUESTIONS_PROMPT_WORDS: usize = 10;

pub(crate) fn meta_line(text: &str, lead_emphasis_end: Option<usize>) -> Option<MetaLine<'_>> {
    let start = skip_decoration(text);
    // `→ use for "tell me about a stretch goal"`: an arrow points at what
    // the story is for, with no colon after the label.
    let lead = text[..start].trim_end();
    let arrow = lead.ends_with('\u{2192}') || lead.ends_with("->") || lead.ends_with("=>");
    let body = &text[start..];
    // `6. Which interview questions could this example answer?`: a
    // worksheet's prompt for the questions, answered after it.
    if let Some(rest) = questions_prompt(body) {
        return Some(MetaLine {
            kind: MetaKind::Questions,
            rest,
            strong: true,
        });
    }
    let first = body.as_bytes().first()?.to_ascii_lowercase();
    let (kind, len, phrase) = META_LABELS
        .iter()
        .filter(|(phrase, _)| phrase.as_bytes().first() == Some(&first))
        .filter_map(|&(phrase, kind)| {
            Some((kind, match_phrase(body, phrase, not_alphanumeric)?, phrase))
        })
        .max_by_key(|&(_, end, _)| end)?;
    let end = start + len;
    let after = text[end..].trim_start_matches(['*', '_']);
    let dataview = after.trim_start().starts_with("::");
    if !dataview && PROPERTY_ONLY_META_LABELS.contains(&phrase) {
        return None;
    }
    // `> [!question] Questions this answers`: a callout's title is a label
    // line without a colon.
    let callout = text[..start]
        .trim_end()
        .trim_end_matches(['+', '-'])
        .ends_with(']')
        && text[..start].contains("[!");
    // `tags = hiring, standards`, `q -> tell me about...`: a story bank's
    // own separators.
    let assigned = ["= ", "-> "]
        .iter()
        .find_map(|sep| after.trim_start().strip_prefix(sep))
        .filter(|_| after.starts_with(char::is_whitespace));
    // `Q: ...` opens a question line; only `q = ...` is a bank's field,
    // and `q = 0.95`, `tags = billing-readonly` in a technical story are
    // settings: a field's value is a list or words.
    if phrase == "q" && assigned.is_none() {
        return None;
    }
    if let Some(value) = assigned {
        let words = value.split_whitespace().count();
        let listed = value.contains(',') || value.contains(" / ");
        if !(listed || words >= 3) || !value.contains(char::is_alphabetic) {
            return None;
        }
    }
    let rest = if let Some(rest) = after.trim_start().strip_prefix(':') {
        rest.trim_start_matches(':')
    } else if let Some(rest) = assigned {
        rest
    } else if arrow && kind == MetaKind::Either && after.starts_with(' ') {
        after
    } else if let Some(listed) = after
        .strip_prefix(" - ")
        .or_else(|| after.strip_prefix(" \u{2013} "))
        .or_else(|| after.strip_prefix(" \u{2014} "))
        .filter(|rest| {
            // `Competencies - ownership, grit`: a dash after a competency
            // key, before a list (a sentence after a dash is prose).
            kind == MetaKind::Competencies
                && phrase != "tags"
                && (rest.contains(',') || rest.split_whitespace().count() <= 3)
        })
    {
        listed
    } else if callout && after.trim().is_empty() {
        ""
    } else if lead_emphasis_end.is_some_and(|e| e >= end && e <= end + 2) {
        let dashed = after.trim_start();
        dashed
            .strip_prefix(['-', '\u{2013}', '\u{2014}'])
            .unwrap_or(dashed)
    } else {
        return None;
    };
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    // `Answers: customer obsession, earn trust` or `Answers: "Tell me about
    // a failure"`: what the story answers, listed. `Answers: I would say...`
    // opens a reply, which is text.
    let kind = if phrase == "answers" && !dataview {
        if !answers_list(rest) {
            return None;
        }
        MetaKind::Either
    } else {
        kind
    };
    // `Behaviours: Working Together, Leadership` names the Civil Service's
    // behaviours; `Behaviour: low-level disruption, phones out.` tells a
    // class's.
    if phrase.starts_with("behavio") && !dataview && !behaviours_list(rest) {
        return None;
    }
    Some(MetaLine {
        kind,
        rest,
        strong: dataview || !WEAK_META_LABELS.contains(&phrase),
    })
}

/// Whether the text after a plain `Answers:` lists what a story answers:
/// questions, or short names (at most [`MAX_ANSWERS_ITEM_WORDS`] words
/// each, none a sentence).
fn answers_list(rest: &str) -> bool {
    let items: Vec<&str> = rest
        .split([',', ';', '/', '|'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    !items.is_empty()
        && (is_question(rest)
            || items.iter().all(|item| {
                (item.split_whitespace().count() <= MAX_ANSWERS_ITEM_WORDS
                    || opens_a_question(item))
                    && !item.ends_with(['.', '!', ':'])
                    && !item.split_whitespace().next().is_some_and(|w| {
                        matches!(
                            w.to_lowercase().as_str(),
                            "i" | "i'd" | "i'm" | "we" | "my" | "the" | "it"
                        )
                    })
            }))
}

/// Whether the text after `Behaviours:` names behaviours: each item opens
/// with a capital and is a few words, no sentence.
fn behaviours_list(rest: &str) -> bool {
    let items: Vec<&str> = rest
        .split([',', ';', '/', '|'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    !items.is_empty()
        && !rest.trim_end().ends_with('.')
        && items.iter().all(|item| {
            item.starts_with(|c: char| c.is_uppercase())
                && item.split_whitespace().count() <= MAX_ANSWERS_ITEM_WORDS
        })
}

/// Most words of one name listed after a plain `Answers:`.
const MAX_ANSWERS_ITEM_WORDS: usize = 4;

/// The items of a metadata line or list item: questions, and competencies
/// lowercased, with wiki-link brackets, `#` and parentheses removed.
pub(crate) fn meta_items(kind: MetaKind, text: &str) -> (Vec<String>, Vec<String>) {
    let mut questions = Vec::new();
    let mut competencies = Vec::new();
    let (mut kind, mut rest) = (kind, text);
    // `"Tell me about..." . Competency: initiative`: a second label after a
    // sentence starts another list.
    loop {
        let next = rest.match_indices(". ").find_map(|(at, _)| {
            // Only where a label can start: `. . . .` is not searched.
            let after = &rest[at + 2..];
            if !after
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic())
            {
                return None;
            }
            let meta = meta_line(after, None)?;
            Some((at + 1, meta))
        });
        match next {
            Some((end, meta)) => {
                add_meta_items(kind, &rest[..end], &mut questions, &mut competencies);
                (kind, rest) = (meta.kind, meta.rest);
            }
            None => {
                add_meta_items(kind, rest, &mut questions, &mut competencies);
                return (questions, competencies);
            }
        }
    }
}

/// `Are Right, A Lot` (any case) without its comma and `Have Backbone;
/// Disagree and Commit` without its semicolon, so that a list split at
/// commas and semicolons keeps each principle whole.
fn whole_principles(text: &str) -> String {
    let mut out = text.to_owned();
    for (from, to) in [
        ("are right, a lot", "are right a lot"),
        ("backbone; disagree", "backbone \u{2014} disagree"),
    ] {
        while let Some(at) = out.to_ascii_lowercase().find(from) {
            if !out.is_char_boundary(at) || !out.is_char_boundary(at + from.len()) {
                break;
            }
            out.replace_range(at..at + from.len(), to);
        }
    }
    out
}

/// Most words of each item in a comma list read as separate topics.
const MAX_TOPIC_WORDS: usize = 4;

fn add_meta_items(
    kind: MetaKind,
    text: &str,
    questions: &mut Vec<String>,
    competencies: &mut Vec<String>,
) {
    // `Tags: failure, ownership, integrity?` is a list, unsure of its last item.
    let whole_question =
        kind == MetaKind::Questions || (kind == MetaKind::Either && is_question(text));
    let plain;
    // `"Tell me about a mistake", "Describe a time..."`: each quote a question.
    // Under a questions label (`answers:: "time you led a team",
    // "prioritising"`) every quote is one, asking or not.
    // `Use for: "tell me about a time you failed", "a mistake you made"`:
    // quotes beside a quoted question are phrasings of questions too.
    let quoted_with_a_question = kind == MetaKind::Either
        && quoted_items(text).is_some_and(|items| items.iter().any(|i| is_question(i)));
    let quoted = if kind == MetaKind::Questions || quoted_with_a_question {
        quoted_items(text).map(|items| items.join("; "))
    } else if whole_question {
        quoted_questions(text)
    } else {
        None
    };
    // `questions this answers: tight deadline, risky decision`: a list of
    // short topics, not one question with commas in it.
    let topics = text.split(',').count() >= 2
        && !is_question(text)
        && text
            .split(',')
            .all(|item| item.split_whitespace().count() <= MAX_TOPIC_WORDS);
    let items: Vec<&str> = if let Some(quoted) = &quoted {
        quoted.split("; ").collect()
    } else if whole_question && topics {
        text.split([',', ';', '|']).collect()
    } else if whole_question {
        split_questions(text)
    } else {
        // `Tags: #incident #on-call`
        let (rest, tags) = split_hashtags(text);
        competencies.extend(tags);
        // Two Leadership Principles hold their own punctuation: `Are Right,
        // A Lot` and `Have Backbone; Disagree and Commit` are one each.
        plain = whole_principles(&without_parentheses(&rest).replace(" / ", ","));
        plain.split([',', ';', '|', '\u{b7}', '\u{2022}']).collect()
    };
    for item in items {
        let clean: String = item.replace("[[", "").replace("]]", "");
        let clean = clean.trim();
        if !clean.chars().any(char::is_alphanumeric) {
            continue;
        }
        if kind == MetaKind::Questions
            || (kind == MetaKind::Either
                && (quoted_with_a_question
                    || is_question(clean)
                    || (whole_question && opens_a_question(clean))))
        {
            let quoted = clean
                .trim_end_matches(['.', ')'])
                .trim_matches(['"', '\u{201c}', '\u{201d}']);
            let question = clean_question(quoted);
            if !question.is_empty() {
                questions.push(question);
            }
            continue;
        }
        // Quotes are dropped, not only trimmed: `"say the hard thing" value`.
        let name = normalize_spaces(
            clean
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .replace(['_', '"', '\u{201c}', '\u{201d}'], " ")
                .replace("backbone \u{2014} disagree", "backbone; disagree")
                .as_str(),
        );
        if !name.is_empty() && name.split_whitespace().count() <= MAX_META_WORDS {
            competencies.push(name);
        }
    }
}

/// Whether `text` opens the way a question or its short form does
/// (`tell me...`, `what...`, `a time you...`): after a ` / ` in a line of
/// questions, it is the next one.
fn opens_a_question(text: &str) -> bool {
    let lower = text
        .trim_start_matches(['"', '\u{201c}'])
        .chars()
        .take(12)
        .collect::<String>()
        .to_lowercase();
    [
        "tell ",
        "describe ",
        "what ",
        "how ",
        "why ",
        "when ",
        "have you ",
        "give ",
        "a time ",
        "time you ",
        "walk ",
        "talk ",
    ]
    .iter()
    .any(|o| lower.starts_with(o))
}

/// A line of questions split into its questions: at `;` and `|`, and
/// after a `?` or at ` / ` where a capital letter starts the next one
/// (`How do you handle disagreements? Tell me about a time you
/// mediated.`, `...onboarding? / Describe a project`) or opens as
/// questions do (`a failure / a time you were wrong`); `failed / made a
/// mistake` stays one.
fn split_questions(text: &str) -> Vec<&str> {
    // `tell me about a failure / a time you were wrong / what would you do
    // differently`: in lower case, a ` / ` before the way a question opens.
    let mut out = Vec::new();
    for piece in text.split([';', '|']) {
        let mut start = 0;
        let bytes = piece.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            let cut = match bytes[k] {
                b'?' => Some(k + 1),
                b'/' if k > 0 && bytes[k - 1] == b' ' => Some(k),
                _ => None,
            };
            if let Some(end) = cut {
                let next = piece[k + 1..].trim_start_matches([' ', '/']);
                if next.starts_with(|c: char| c.is_uppercase())
                    || (bytes[k] == b'/' && opens_a_question(next))
                {
                    out.push(&piece[start..end]);
                    start = piece.len() - next.len();
                    k = start;
                    continue;
                }
            }
            k += 1;
        }
        out.push(&piece[start..]);
    }
    out
}

/// Longest competency taken from a metadata line; longer items are prose.
const MAX_META_WORDS: usize = 6;

/// `- "Tell me about a time you reduced costs" -> Use Story 4`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mapping {
    pub question: String,
    pub target: Target,
    /// Read from a `Competency` column: the left side names competencies.
    pub competencies: bool,
}

const ARROWS: [&str; 8] = [
    "-->", "->", "=>", "\u{2192}", "\u{21d2}", "\u{27f6}", "\u{279c}", "\u{27a1}",
];

/// `(answers Q2, Q6)` under a story's title: the numbers of the questions,
/// from a numbered list elsewhere in the notes, that the story answers.
pub(crate) fn question_refs(text: &str) -> Option<Vec<u32>> {
    let trimmed = text
        .trim()
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.'])
        .trim();
    let lower = trimmed.to_ascii_lowercase();
    let rest = ["answers", "answer", "covers", "use for", "good for", "fits"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    if !rest.starts_with([' ', ':']) {
        return None;
    }
    let mut numbers = Vec::new();
    for token in rest
        .split(|c: char| matches!(c, ',' | '&' | '/' | ':') || c.is_whitespace())
        .filter(|t| !t.is_empty() && *t != "and")
    {
        let number = token.strip_prefix('q')?.trim_start_matches('#');
        numbers.push(number.parse().ok()?);
    }
    (!numbers.is_empty() && numbers.len() <= MAX_QUESTION_REFS).then_some(numbers)
}

/// More references than this on one line is not a story's list.
const MAX_QUESTION_REFS: usize = 20;

/// A row of a question-to-story table, as `blocks` writes it (`question
/// \t story`): the question may be a theme ("Saving an at-risk customer"),
/// since the table's header says what the column holds.
pub(crate) fn table_mapping(text: &str) -> Option<Mapping> {
    let (question, story) = text.split_once('\t')?;
    // `blocks` marks a left column that names competencies with a third
    // field.
    let (story, competencies) = match story.split_once('\t') {
        Some((story, mark)) => (story, mark == COMPETENCY_COLUMN_MARK),
        None => (story, false),
    };
    let question = clean_question(question);
    let target = story_reference(story)
        .or_else(|| bare_story_number(story))
        .or_else(|| {
            let title = clean_title(strip_leading_words(story));
            title
                .chars()
                .any(char::is_alphanumeric)
                .then_some(Target::Title(title))
        })?;
    (!question.is_empty()).then_some(Mapping {
        question,
        target,
        competencies,
    })
}

/// `5`, `1 (backup: 5)`, `4 (or 1)`: a story column holding the number of
/// a story (its first, when it names a fallback too).
fn bare_story_number(cell: &str) -> Option<Target> {
    let cell = cell.trim().trim_start_matches('#');
    let digits = cell.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = cell[digits..].trim_start();
    (rest.is_empty() || rest.starts_with(['(', ',', '/', ';']))
        .then(|| cell[..digits].parse().ok())
        .flatten()
        .map(|number| Target::Number { kind: None, number })
}

/// The third field of a [`table_mapping`] row whose left column names
/// competencies (`| Competency | Story |`).
pub(crate) const COMPETENCY_COLUMN_MARK: &str = "competencies";

/// Reads a line that maps an interview question to a story. Title targets
/// are only trusted in list items and table rows, where such maps live, so
/// an arrow in a story's prose is not mistaken for one.
pub(crate) fn mapping(text: &str, listish: bool) -> Option<Mapping> {
    // One scan for the characters every arrow contains, before the
    // per-arrow searches, since every line of the document comes here.
    // Every Unicode arrow accepted here is encoded with a leading 0xE2 byte.
    let may_have_arrow = text.bytes().any(|b| b == b'>' || b == 0xE2);
    let arrow = ARROWS
        .iter()
        .filter(|_| may_have_arrow)
        .filter_map(|a| text.find(a).map(|at| (at, a.len())))
        .min_by_key(|&(at, _)| at);
    let (left, target) = match arrow {
        Some((at, len)) => {
            let right = &text[at + len..];
            let target = match story_reference(right).or_else(|| bare_story_number(right)) {
                Some(target) => target,
                None if listish => {
                    let title = clean_title(strip_leading_words(right));
                    if title.is_empty() {
                        return None;
                    }
                    Target::Title(title)
                }
                None => return None,
            };
            (&text[..at], target)
        }
        None => {
            let (at, target) = trailing_reference(text)?;
            (&text[..at], target)
        }
    };
    let question = clean_question(left);
    // `- difficult colleague → 2` in a list: a topic, sent to a story by
    // its number, is as good as a question.
    // (Not `- **Result:** complaints 12 → 3` or `- NPS 31 → 47`: a label,
    // or a number before the arrow, makes it a measure.)
    let numbered = listish
        && arrow.is_some()
        && matches!(target, Target::Number { .. })
        && line_label(left, None, true).is_none()
        && left
            .trim_end()
            .ends_with(|c: char| c.is_alphabetic() || matches!(c, '"' | '\u{201d}' | '?'));
    if question.is_empty() || !(is_question(&question) || numbered) {
        return None;
    }
    Some(Mapping {
        question,
        target,
        competencies: false,
    })
}

fn strip_leading_words(text: &str) -> &str {
    let mut text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    for word in ["use", "see", "story", "answer with", "answer"] {
        if let Some(end) = match_phrase(text, word, not_alphanumeric) {
            text = text[end..].trim_start_matches(|c: char| !c.is_alphanumeric());
        }
    }
    text
}

/// `Story 4`, `Example 2` or `#3` anywhere in the target text.
fn story_reference(text: &str) -> Option<Target> {
    let lower = text.to_ascii_lowercase();
    for (word, kind) in [
        ("story", PrefixKind::Story),
        ("example", PrefixKind::Example),
    ] {
        for (at, _) in lower.match_indices(word) {
            if lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let after = at + word.len();
            if let Some(number) =
                number_after(&lower[after..]).or_else(|| letter_after(&text[after..]))
            {
                return Some(Target::Number {
                    kind: Some(kind),
                    number,
                });
            }
        }
    }
    let hash = lower.find('#')?;
    let number = number_after(&lower[hash..])?;
    Some(Target::Number { kind: None, number })
}

/// `Story B` counts as the second story: one capital letter standing alone.
fn letter_after(text: &str) -> Option<u32> {
    let text = text.strip_prefix(' ')?;
    let letter = *text.as_bytes().first().filter(|b| b.is_ascii_uppercase())?;
    // The letter is ASCII, so the next character starts at byte 1.
    let alone = text[1..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    alone.then(|| u32::from(letter - b'A') + 1)
}

fn number_after(text: &str) -> Option<u32> {
    let text = text.trim_start();
    let text = text.strip_prefix('#').unwrap_or(text);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=9).contains(&digits) {
        return None;
    }
    text[..digits].parse().ok()
}

/// `Tell me about X (see Story 2)` / `Tell me about X: Story 2`.
fn trailing_reference(text: &str) -> Option<(usize, Target)> {
    let trimmed =
        text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | '.'));
    let digits = trimmed.bytes().rev().take_while(u8::is_ascii_digit).count();
    if !(1..=9).contains(&digits) {
        return None;
    }
    let number: u32 = trimmed[trimmed.len() - digits..].parse().ok()?;
    let before = trimmed[..trimmed.len() - digits].trim_end();
    let before = before.strip_suffix('#').unwrap_or(before).trim_end();
    let lower = before.to_ascii_lowercase();
    let (word, kind) = [
        ("story", PrefixKind::Story),
        ("example", PrefixKind::Example),
    ]
    .into_iter()
    .find(|(word, _)| lower.ends_with(word))?;
    let at = before.len() - word.len();
    if before[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let mut left = before[..at].trim_end();
    for filler in ["see", "use", "answer with"] {
        let lower_left = left.to_ascii_lowercase();
        if lower_left.ends_with(filler)
            && !lower_left[..lower_left.len() - filler.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        {
            left = left[..left.len() - filler.len()].trim_end();
        }
    }
    Some((
        left.len(),
        Target::Number {
            kind: Some(kind),
            number,
        },
    ))
}

/// A question as written, without `Q1:`, quotes or trailing separators.
/// A question line listing several quoted questions, its outer quotes
/// already gone: `Tell me about a tight deadline" / "a trade-off you
/// made` (from `Q: "..." / "..."`), `...deadline” – also works for “a
/// trade-off...`. Each question; the text itself when it lists none.
pub(crate) fn listed_quoted_questions(text: &str) -> Vec<String> {
    let quote = |c: char| matches!(c, '"' | '\u{201c}' | '\u{201d}');
    let pieces: Vec<&str> = text.split(quote).collect();
    // Questions at even places, separators between them: punctuation and
    // a few joining words (` / `, ` – also works for `, `, or `), never a
    // quoted word inside a question (`you said "no" to`).
    // A trailing note after the last quote (`"..." (Meta)`) goes.
    let mut pieces = pieces;
    if pieces.len() >= 4 && pieces.len().is_multiple_of(2) {
        let last = pieces[pieces.len() - 1];
        if last.split_whitespace().count() <= MAX_QUOTE_SEPARATOR_WORDS {
            pieces.pop();
        }
    }
    // Each question closes its quote right after its last word, and what
    // separates them is short (` / `, ` & `, ` or maybe `, `(Amazon), `):
    // `you said "no" to a senior stakeholder` opens a quote after a space.
    let separators_short = pieces.iter().skip(1).step_by(2).all(|sep| {
        sep.split_whitespace().count() <= MAX_QUOTE_SEPARATOR_WORDS && !sep.contains('?')
    }) && !pieces[0].ends_with(char::is_whitespace)
        && pieces
            .iter()
            .step_by(2)
            .skip(1)
            .all(|q| !q.starts_with(char::is_whitespace));
    if pieces.len() < 3 || pieces.len().is_multiple_of(2) || !separators_short {
        return vec![text.to_owned()];
    }
    pieces
        .iter()
        .step_by(2)
        .map(|q| clean_question(q.trim().trim_start_matches(['.', '\u{2026}'])))
        .filter(|q| q.split_whitespace().count() >= 2)
        .collect()
}

/// Most words between two quoted questions on one line (` / `, ` - also
/// works for `).
const MAX_QUOTE_SEPARATOR_WORDS: usize = 4;

pub(crate) fn clean_question(text: &str) -> String {
    let text = match story_prefix(text) {
        Some(prefix) if prefix.kind == PrefixKind::Question && !prefix.rest.is_empty() => {
            prefix.rest
        }
        _ => text,
    };
    let trimmed = text.trim().trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '|' | '(' | ',' | '\u{2013}' | '\u{2014}')
    });
    let unquoted = strip_wrapping_quotes(trimmed);
    let body = &unquoted[skip_decoration(unquoted)..];
    let body =
        body.trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '?' | '.' | ')'));
    normalize_spaces(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_questions_prompt_is_read_past_curly_quotes_and_w_slash_only_as_a_word() {
        let text = "Which interview questions could this example answer? \u{201c}Tell me about a time I\u{2019}d rushed\u{201d}";
        assert_eq!(
            questions_prompt(text),
            Some("\u{201c}Tell me about a time I\u{2019}d rushed\u{201d}")
        );
        assert_eq!(spelled_with("conflict w/ peer"), "conflict with peer");
        assert_eq!(spelled_with("overflow/ escalation"), "overflow/ escalation");
    }

    #[test]
    fn tellings_of_a_story_in_a_draft_log_share_a_base() {
        assert_eq!(
            version_base("Draft 1 - storm night").as_deref(),
            Some("storm night")
        );
        assert_eq!(
            version_base("Storm night v2 \u{2014} USE THIS ONE").as_deref(),
            Some("Storm night")
        );
        assert_eq!(
            version_base("NOTAM v2 - keeper (tell me about a mistake)").as_deref(),
            Some("NOTAM (tell me about a mistake)")
        );
        assert_eq!(
            version_base("Draft 1 - storm night  (pressure)").as_deref(),
            Some("storm night (pressure)")
        );
        assert!(
            telling_preference("Storm night v2 \u{2014} USE THIS ONE")
                > telling_preference("Draft 1 - storm night")
        );
        assert!(telling_preference("Draft 2 - rota") > telling_preference("Draft 1 - rota"));
        assert!(telling_preference("Rota") > telling_preference("Rota (old, don't use)"));
        assert_eq!(version_base("Version control clean-up"), None);
        assert_eq!(version_base("V8 engine recall"), None);
    }

    #[test]
    fn a_later_time_opens_with_a_month_a_span_a_clock_time_or_a_day() {
        for sentence in [
            "By February he was back on the rota.",
            "After six weeks the scores were up.",
            "Two months later the audit passed.",
            "By 2pm every shop was clear.",
            "By 14:00 the line was running.",
            "By 9 am the backlog was gone.",
            "Um, by Friday the vendor had signed.",
            "By the end of the week we were live.",
        ] {
            assert!(opens_with_a_later_time(sentence), "{sentence}");
        }
        for sentence in [
            "By 10 people joining late, we lost an hour.",
            "By talking to each driver I learned why.",
            "By then I had called the client.",
        ] {
            assert!(!opens_with_a_later_time(sentence), "{sentence}");
        }
    }

    #[test]
    fn bold_label_variants_are_recognised() {
        let label = line_label("Situation: text", None, false);
        assert_eq!(
            label.map(|l| (l.part, l.rest)),
            Some((Part::Situation, "text"))
        );
        let label = line_label("Situation text", Some(9), false);
        assert_eq!(
            label.map(|l| (l.part, l.rest)),
            Some((Part::Situation, "text"))
        );
        let label = line_label("What I did: profiled it", None, false);
        assert_eq!(label.map(|l| l.part), Some(Part::Action));
        assert_eq!(line_label("Action items for next week", None, false), None);
    }

    #[test]
    fn one_letter_labels_need_an_uppercase_letter_and_a_colon() {
        assert_eq!(
            line_label("R: shipped", None, false).map(|l| l.part),
            Some(Part::Result)
        );
        // Lower case with a colon is loose, as a dash is: a label only
        // beside sibling labels (`s:` ... `t:` ... `a:` ... `r:`).
        assert_eq!(
            line_label("a: b", None, false).map(|l| l.dashed),
            Some(true)
        );
        assert_eq!(line_label("a b", None, false), None);
        assert_eq!(line_label("A::new()", None, false), None);
        assert_eq!(line_label("S:tight", None, false), None);
        // A dash set off by spaces is a label too, as typed in a plain editor.
        assert_eq!(
            line_label("S - on call, 3am", None, false).map(|l| (l.part, l.rest)),
            Some((Part::Situation, "on call, 3am"))
        );
        assert_eq!(
            line_label("T \u{2013} fix it", None, false).map(|l| l.part),
            Some(Part::Task)
        );
        assert_eq!(line_label("A-list customers", None, false), None);
        assert_eq!(line_label("A -- note", None, false), None);
        assert_eq!(line_label("s - lower case", None, false), None);
    }

    #[test]
    fn numbered_pieces_of_a_part_are_its_headings() {
        for text in ["Action 1", "Action 2:", "Action #3 - the rota"] {
            assert_eq!(
                heading_label(text).map(|l| l.0),
                Some(Part::Action),
                "{text}"
            );
        }
        assert_eq!(heading_label("Results 2024"), None);
        assert_eq!(heading_label("Result 3 months later"), None);
        assert_eq!(heading_label("Action 1st"), None);
    }

    #[test]
    fn decorated_headings_are_labels() {
        assert_eq!(
            heading_label("🎯 SITUATION"),
            Some((Part::Situation, String::new()))
        );
        assert_eq!(
            heading_label("Action taken"),
            Some((Part::Action, String::new()))
        );
        assert_eq!(
            heading_label("Results 📈"),
            Some((Part::Result, String::new()))
        );
        assert_eq!(
            heading_label("S - Situation"),
            Some((Part::Situation, String::new()))
        );
        assert_eq!(
            heading_label("Action (what I did)"),
            Some((Part::Action, String::new()))
        );
        assert_eq!(
            heading_label("Lessons learned"),
            Some((Part::Learning, String::new()))
        );
        assert_eq!(heading_label("Results-driven culture"), None);
        assert_eq!(heading_label("Sprint planning"), None);
    }

    #[test]
    fn story_prefixes_carry_number_and_rest() {
        let p = story_prefix("Example 1: Production Bug Fix");
        assert_eq!(
            p.map(|p| (p.kind, p.number, p.rest)),
            Some((PrefixKind::Example, Some(1), "Production Bug Fix"))
        );
        let p = story_prefix("Q2: Describe a time");
        assert_eq!(
            p.map(|p| (p.kind, p.rest)),
            Some((PrefixKind::Question, "Describe a time"))
        );
        for text in ["Story 3 of 5: Lab move", "Story 3/5 \u{2014} Lab move"] {
            let p = story_prefix(text);
            assert_eq!(
                p.map(|p| (p.number, p.rest)),
                Some((Some(3), "Lab move")),
                "{text}"
            );
        }
        // A count that is the title's own start stays.
        let p = story_prefix("Story 2: Of 40 clinics, one");
        assert_eq!(p.map(|p| p.rest), Some("Of 40 clinics, one"));
        assert_eq!(story_prefix("Example Response"), None);
        assert_eq!(story_prefix("Examples"), None);
        assert_eq!(story_prefix("Q4 planning"), None);
        assert_eq!(story_prefix("Quick wins"), None);
    }

    #[test]
    fn questions_are_recognised_by_opening_words_or_question_mark() {
        assert!(is_question(
            "Tell me about a complex technical problem you solved"
        ));
        assert!(is_question(
            "How do you approach learning new technologies?"
        ));
        assert!(is_question("\"Describe a conflict\""));
        assert!(!is_question("How we migrated billing"));
        assert!(!is_question("Customer Obsession"));
    }

    #[test]
    fn a_short_story_about_someone_called_max_is_a_story() {
        let parts: Vec<String> = [
            "Max joined mid-release and missed deploy steps.",
            "Get Max releasing on his own.",
            "Paired on three releases, wrote a checklist.",
            "He ran the next release solo; no answer needed.",
        ]
        .map(str::to_string)
        .to_vec();
        assert!(!reminds_of_method(&parts));
    }

    #[test]
    fn a_short_story_that_mentions_times_is_a_story() {
        let parts: Vec<String> = [
            "Builds took 40 minutes.",
            "Halve them.",
            "Cached dependencies, split the suite.",
            "Builds take 12 minutes; cold start fell to two seconds.",
        ]
        .map(str::to_string)
        .to_vec();
        assert!(!reminds_of_method(&parts));
    }

    #[test]
    fn a_reminder_of_the_answers_proportions_is_not_a_story() {
        let parts = |p: [&str; 4]| p.map(str::to_string).to_vec();
        assert!(reads_as_instructions(&parts([
            "2 sentences MAX",
            "what was mine",
            "60% of the answer, say I not we",
            "number + what I learned",
        ])));
        assert!(!reads_as_instructions(&parts([
            "Outage at 2am.",
            "Restore it.",
            "Rolled back in 5 minutes.",
            "Back in 40 mins.",
        ])));
    }

    #[test]
    fn inline_labels_split_at_sentence_ends_in_star_order() {
        assert_eq!(
            inline_labels(
                "It broke. T: fix it. A: I did. R: it works.",
                Part::Situation,
                true,
                false
            ),
            vec![
                (Part::Situation, "It broke."),
                (Part::Task, "fix it."),
                (Part::Action, "I did."),
                (Part::Result, "it works.")
            ]
        );
        // Trailing and inner multi-byte spaces and letters do not split a
        // character.
        let pieces = inline_labels(
            "caf\u{e9}. R:\u{2003}\u{e9}t\u{e9}\u{2003}",
            Part::Action,
            true,
            false,
        );
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[1].0, Part::Result);
        // An earlier part, no colon, or a full word after a full word is text.
        assert_eq!(
            inline_labels("Done. S: again", Part::Action, true, false).len(),
            1
        );
        // Letters with a dash in a paragraph labelled with colons are text:
        // options, not parts.
        assert_eq!(
            inline_labels(
                "Two options. (A) rewrite. A - rewrite, B - patch.",
                Part::Situation,
                true,
                false
            )
            .len(),
            1
        );
        // Dashed one-letter labels split a paragraph written in that style.
        assert_eq!(
            inline_labels(
                "on call. T - fix it. A - paged. R - fixed",
                Part::Situation,
                true,
                true
            ),
            vec![
                (Part::Situation, "on call."),
                (Part::Task, "fix it."),
                (Part::Action, "paged."),
                (Part::Result, "fixed")
            ]
        );
        assert_eq!(
            inline_labels("Done. Result - fine", Part::Action, false, false).len(),
            1
        );
        assert_eq!(
            inline_labels(
                "Tried restarting pods. Result: none.",
                Part::Action,
                false,
                false
            )
            .len(),
            1
        );
        // A learning after a result is split off whatever the style.
        assert_eq!(
            inline_labels(
                "Shipped late. What I learned: flag it early.",
                Part::Result,
                false,
                false
            ),
            vec![
                (Part::Result, "Shipped late."),
                (Part::Learning, "flag it early.")
            ]
        );
        // Bracketed letters after sentence ends, two or more of them.
        assert_eq!(
            inline_labels(
                "a petition. (T) Assess it. (A) Counted. (R) Built.",
                Part::Situation,
                true,
                false
            ),
            vec![
                (Part::Situation, "a petition."),
                (Part::Task, "Assess it."),
                (Part::Action, "Counted."),
                (Part::Result, "Built.")
            ]
        );
        // Parts between pipes, with one-letter or full-word labels.
        assert_eq!(
            inline_labels(
                "a lane | T: sign-off | Action: a survey | R: approved",
                Part::Situation,
                true,
                false
            ),
            vec![
                (Part::Situation, "a lane"),
                (Part::Task, "sign-off"),
                (Part::Action, "a survey"),
                (Part::Result, "approved")
            ]
        );
        // A label whose own text holds `) ` does not cut behind itself.
        assert_eq!(
            inline_labels(
                "It broke. Action (A) : Result (R) : fixed",
                Part::Situation,
                true,
                false
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_line_of_questions_is_split_into_its_questions() {
        let (questions, _) = meta_items(
            MetaKind::Questions,
            "How do you handle disagreements? Tell me about a time you mediated a conflict.",
        );
        assert_eq!(
            questions,
            [
                "How do you handle disagreements?",
                "Tell me about a time you mediated a conflict"
            ]
        );
        let (questions, _) = meta_items(
            MetaKind::Questions,
            "What improved onboarding? / Describe a project you're proud of",
        );
        assert_eq!(questions.len(), 2, "{questions:?}");
        let (questions, _) = meta_items(
            MetaKind::Questions,
            "Tell me about a time you failed / made a mistake",
        );
        assert_eq!(questions.len(), 1, "{questions:?}");
    }

    #[test]
    fn a_template_s_prompts_in_the_first_person_are_no_story() {
        let parts = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let template = parts(&[
            "context, when, where",
            "what was my responsibility",
            "what *I* did (3-4 steps)",
            "numbers! what changed",
        ]);
        assert!(reads_as_instructions(&template));
        assert_eq!(
            instructions_reason(&template),
            "prompts to fill in, not a story (a STAR template?)"
        );
        // Terse real notes say what happened.
        let terse = parts(&[
            "black friday, checkout down",
            "incident commander",
            "rolled back the deploy",
            "what we learned: canary first",
        ]);
        assert!(!reads_as_instructions(&terse));
    }

    #[test]
    fn notes_to_self_are_told_from_story_text() {
        for text in [
            "(remember: don't make Mia sound bad)",
            "NB - practise this one out loud, it runs long",
            "N.B. check the figure with finance",
            "Note: ask Sam if I can name the vendor",
            "Note to self - shorten the Action",
            "Reminder: bring the chart",
            "Don't forget the second outage",
            "TODO add quote from the HR BP",
            "Last updated: March 2024",
            "(ask Dana before naming the client)",
            "Good luck me!! \u{1f4aa} You've got this.",
        ] {
            assert!(note_to_self(text), "{text}");
        }
        for text in [
            "Note: the fix is still live two years on.",
            "Noted the gaps and fixed them in the next release.",
            "Remembering names helped me win the team over.",
            "(about 40% of the tickets)",
            "Todo lists were replaced by a shared board.",
            "Last quarter we cut costs by 12%.",
        ] {
            assert!(!note_to_self(text), "{text}");
        }
    }

    #[test]
    fn remarks_on_telling_a_story_are_told_from_its_text() {
        for text in [
            "Interviewer liked this one at Acme (they asked about the backup).",
            "The recruiter said it ran long",
            "Used this one at the Globex loop - went fine",
            "This story landed well twice",
        ] {
            assert!(interview_remark(text), "{text}");
        }
        for text in [
            "The interviewers were trained on the new rubric and used it from May.",
            "The interviewer was late, so I ran the panel myself.",
            "The panel agreed to hire her.",
            "Used the spare budget to hire a contractor.",
        ] {
            assert!(!interview_remark(text), "{text}");
        }
    }

    #[test]
    fn a_story_named_by_letter_is_referred_to_by_its_place() {
        assert!(matches!(
            story_reference("Use Story B"),
            Some(Target::Number { number: 2, .. })
        ));
        assert!(matches!(
            story_prefix("Story A: Pushing back").and_then(|p| p.number),
            Some(1)
        ));
        // Not a letter of its own, or no letter at all.
        for text in ["Story — TODO", "Story Bank", "story b", "Story é", "Story"] {
            assert!(story_reference(text).is_none(), "{text}");
        }
    }

    #[test]
    fn weak_generic_words_only_make_short_headings_generic() {
        assert!(is_generic("Stories"));
        assert!(is_generic("Question bank"));
        assert!(is_generic("Behavioural interview questions for Amazon"));
        assert!(is_generic("Tips for the loop"));
        assert!(!is_generic("Pushing back on a dark pattern"));
        assert!(!is_generic("The story of the lost backups"));
        // A generic word naming the product the story is about.
        assert!(!is_generic("Todo app rewrite"));
        assert!(!is_generic("FAQ bot that answered nobody"));
        assert!(!is_generic("Questions service outage"));
        assert!(is_generic("Todo"));
        assert!(is_generic("Todo list"));
        assert!(is_generic("Questions to ask"));
    }

    #[test]
    fn an_italic_line_of_short_items_naming_a_competency_is_a_tag_list() {
        assert_eq!(
            emphasised_tag_list("customer focus / going the extra mile / accessibility").as_deref(),
            Some("customer focus, going the extra mile, accessibility")
        );
        // Short names naming no known competency: only as tags right
        // under a heading (`short_name_list`).
        assert_eq!(emphasised_tag_list("incident, on-call, pressure"), None);
        assert_eq!(
            short_name_list("incident, on-call, pressure").as_deref(),
            Some("incident, on-call, pressure")
        );
        assert_eq!(short_name_list("Senior Nurse, St Thomas', London"), None);
        // No known competency, or an item that is a sentence: not tags.
        assert_eq!(emphasised_tag_list("Tom, Priya and me"), None);
        assert_eq!(
            emphasised_tag_list("ownership / we shipped it on time."),
            None
        );
    }

    #[test]
    fn follow_up_lines_open_prepared_answers() {
        for text in [
            "Likely follow-ups:",
            "Follow-up questions they might ask:",
            "Possible followups:",
        ] {
            assert!(follow_ups_line(text, false), "{text}");
        }
        assert!(!follow_ups_line("I followed up with the client:", false));
        assert!(!follow_ups_line("Follow-ups", false));
        // The story's own follow-up steps are its text.
        assert!(!follow_ups_line("Follow-up actions:", false));
        assert!(!follow_ups_line("**Follow-up:**", false));
        // Bold on a line of its own, it needs no colon.
        assert!(follow_ups_line(
            "**Follow-up questions to prepare for**",
            true
        ));
        assert!(!follow_ups_line(
            "Follow-up questions to prepare for",
            false
        ));
    }

    #[test]
    fn metadata_lines_name_questions_or_competencies() {
        let tags = meta_line("tags: failure, ownership, integrity?", None).unwrap();
        assert_eq!(
            meta_items(tags.kind, tags.rest).1,
            ["failure", "ownership", "integrity"]
        );
        let tags = meta_line("Tags: #incident #on-call, ownership", None).unwrap();
        assert_eq!(
            meta_items(tags.kind, tags.rest),
            (
                vec![],
                vec!["incident".into(), "on-call".into(), "ownership".into()]
            )
        );
        let either =
            meta_line("Good for: failure, \"what would you do differently\"", None).unwrap();
        assert_eq!(
            meta_items(either.kind, either.rest),
            (
                vec!["what would you do differently".into()],
                vec!["failure".into()]
            )
        );
        let dataview = meta_line("competencies:: [[Ego]], humility", None).unwrap();
        assert_eq!(
            meta_items(dataview.kind, dataview.rest).1,
            vec!["ego", "humility"]
        );
        assert_eq!(meta_line("Questions this answers:", None).unwrap().rest, "");
        let two = meta_line(
            "(Also works for: \"Tell me about a project you're proud of\". Competency: initiative)",
            None,
        )
        .unwrap();
        assert_eq!(
            meta_items(two.kind, two.rest),
            (
                vec!["Tell me about a project you're proud of".into()],
                vec!["initiative".into()]
            )
        );
        // A colon is required: prose that starts with the word is prose.
        assert!(meta_line("Tags were added to every resource.", None).is_none());
        assert!(meta_line("Questions to ask them", None).is_none());
    }

    #[test]
    fn placeholders_are_short_notes_starting_with_tbd() {
        assert!(is_placeholder("TBD"));
        assert!(is_placeholder("\u{2014}"));
        assert!(is_placeholder("todo: add the numbers"));
        assert!(!is_placeholder("Todos fell by half."));
        assert!(!is_placeholder("Na"));
        assert!(is_placeholder("[Who did you call in? How did you decide?]"));
        assert!(!is_placeholder(
            "[Draft] We cut the queue from 40 to 12 minutes."
        ));
        assert!(is_placeholder(
            "TBD - need the figures from Olu (match rates before/after?)"
        ));
        assert!(!is_placeholder(
            "WIP: the rollout reached every store in the north"
        ));
        assert!(!is_placeholder(
            "TBC - early signs good, complaints well down since"
        ));
        assert!(is_placeholder("??? (don't use until I have numbers)"));
        assert!(!is_placeholder("?? Launched early and the client renewed"));
    }

    #[test]
    fn competency_headings_lose_generic_suffixes_and_split_on_ampersand() {
        assert_eq!(
            competencies("Customer Obsession"),
            vec!["customer obsession"]
        );
        assert_eq!(
            competencies("Problem Solving & Innovation - STAR Examples"),
            vec!["problem solving", "innovation"]
        );
        assert_eq!(competencies("Ownership Stories"), vec!["ownership"]);
        assert_eq!(
            competencies("Disagree and Commit"),
            vec!["disagree and commit"]
        );
        assert!(competencies("STAR Pattern Examples").is_empty());
        assert!(competencies("Interview Tips").is_empty());
        assert!(competencies("My stories").is_empty());
        assert!(competencies("Quick notes").is_empty());
        assert!(competencies("Behavioural questions").is_empty());
        assert!(competencies("Key Backend Focus Areas").is_empty());
        // A document titled by its writer's name or by Amazon's LPs names
        // no competency; one word that reads like a quality does.
        assert!(competencies("Dana \u{2014} STAR stories for EM interviews").is_empty());
        // A document titled by its writer's full name: see names_its_writer.
        assert!(names_its_writer("Dana Whitfield \u{2014} EM loop prep"));
        assert!(names_its_writer("Kwame Asante - SE interview stories"));
        assert!(!names_its_writer("Customer Obsession - examples"));
        assert!(!names_its_writer("Earn Trust - stories"));
        assert!(!names_its_writer("Difficult Conversations - examples"));
        assert!(!names_its_writer("Tough Decisions - STAR examples"));
        assert!(!names_its_writer("Dana Whitfield"));
        assert!(names_its_writer(
            "leila haddad \u{2014} star notes (program mgmt)"
        ));
        assert!(!names_its_writer("customer obsession \u{2014} star notes"));
        assert_eq!(
            competencies("Customer Obsession - examples"),
            vec!["customer obsession"]
        );
        assert_eq!(competencies("Earn Trust - stories"), vec!["earn trust"]);
        assert!(competencies("Amazon LPs \u{2014} story bank").is_empty());
        // An interview event titles the document: not a competency.
        assert!(competencies("Northwind onsite \u{2013} Fleet Scheduler (L5)").is_empty());
        assert!(competencies("Phone screen prep").is_empty());
        assert!(competencies("Final round - Harbour Bank").is_empty());
        assert!(!competencies("Leading on-site teams").is_empty());
        assert!(competencies("Backend").is_empty());
        assert_eq!(competencies("Resilience"), vec!["resilience"]);
        assert_eq!(competencies("Grit - examples"), vec!["grit"]);
        assert_eq!(competencies("Failures"), vec!["failure"]);
        assert_eq!(competencies("Feedback"), vec!["feedback"]);
    }

    #[test]
    fn the_first_sentence_ends_after_abbreviations() {
        let text = "We used a queue, e.g. Kafka. Then it broke.";
        assert_eq!(first_sentence_end(text), Some(27));
        assert_eq!(first_sentence_end("One sentence only."), None);
    }

    #[test]
    fn question_references_name_numbered_questions() {
        assert_eq!(question_refs("(answers Q2, Q6)"), Some(vec![2, 6]));
        assert_eq!(question_refs("Answers: Q1 and Q4."), Some(vec![1, 4]));
        assert_eq!(question_refs("covers q3"), Some(vec![3]));
        assert_eq!(question_refs("answers the question well"), None);
        assert_eq!(question_refs("answers Q2, then more"), None);
        assert_eq!(question_refs("answered Q2"), None);
    }

    #[test]
    fn multi_level_section_numbers_are_not_part_of_a_title() {
        assert_eq!(clean_title("2.1 Fraud model drift"), "Fraud model drift");
        assert_eq!(clean_title("3.2.1. Cutting cost"), "Cutting cost");
        assert_eq!(clean_title("2. Cutting cost"), "Cutting cost");
        assert_eq!(clean_title("2.5x faster checkout"), "2.5x faster checkout");
        assert_eq!(clean_title("1,400 tickets"), "1,400 tickets");
        assert_eq!(
            clean_title("1.5 million orders moved"),
            "1.5 million orders moved"
        );
    }

    #[test]
    fn derived_titles_keep_quotes_balanced() {
        assert_eq!(
            derive_title("New boss asked me to \"make search better\" today.").as_deref(),
            Some("New boss asked me to \"make search better\"")
        );
        assert_eq!(
            derive_title("New boss asked me to \"make search a lot better\" today.").as_deref(),
            Some("New boss asked me to make search")
        );
        assert_eq!(
            derive_title("\"Ship it\" was the whole brief.").as_deref(),
            Some("\"Ship it\" was the whole brief")
        );
    }

    #[test]
    fn derived_titles_keep_numbers_whole() {
        assert_eq!(
            derive_title("We found ~1,400 stale requests, all marked done.").as_deref(),
            Some("We found ~1,400 stale requests")
        );
    }

    #[test]
    fn derived_titles_take_the_first_clause() {
        assert_eq!(
            derive_title("Our customer dashboard was taking 8-12 seconds to load, and users")
                .as_deref(),
            Some("Our customer dashboard was taking 8-12 seconds")
        );
        assert_eq!(
            derive_title("our deploys were slow.").as_deref(),
            Some("Our deploys were slow")
        );
        assert_eq!(derive_title("🎉 !!").as_deref(), None);
    }

    #[test]
    fn a_question_becomes_a_title_in_the_writers_voice() {
        let title = |q: &str| title_from_question(q);
        assert_eq!(
            title("Tell me about a time you spotted something others had missed.").as_deref(),
            Some("Spotted something others had missed")
        );
        assert_eq!(
            title("Describe a time you had to say no to your boss").as_deref(),
            Some("Had to say no to my boss")
        );
        // "you" is "I" before a verb, "me" after a preposition.
        assert_eq!(
            title("Have you ever been asked to do something you felt was wrong?").as_deref(),
            Some("Been asked to do something I felt")
        );
        assert_eq!(
            title("Tell me about a time when you were wrong").as_deref(),
            Some("I was wrong")
        );
        assert_eq!(
            title("Give me an example of a time you disagreed with someone senior to you")
                .as_deref(),
            Some("Disagreed with someone senior to me")
        );
        assert_eq!(
            title("Describe a time you had a colleague who undermined you").as_deref(),
            Some("Had a colleague who undermined me")
        );
        // No request to strip, or nothing left: no title.
        assert_eq!(title("What is your biggest weakness?"), None);
        assert_eq!(title("Tell me about a time you failed."), None);
        assert_eq!(title("Tell me about a time you"), None);
    }

    #[test]
    fn mapping_lines_name_a_question_and_a_story() {
        let m = mapping(
            "\"Tell me about a time you reduced costs\" -> Use Story 4",
            true,
        );
        assert_eq!(
            m,
            Some(Mapping {
                question: "Tell me about a time you reduced costs".to_owned(),
                target: Target::Number {
                    kind: Some(PrefixKind::Story),
                    number: 4
                },
                competencies: false,
            })
        );
        let m = mapping("Describe a time you mentored someone (see Example 2)", true);
        assert_eq!(
            m.map(|m| m.target),
            Some(Target::Number {
                kind: Some(PrefixKind::Example),
                number: 2
            })
        );
        let m = mapping("Give me an example of ownership → Billing migration", true);
        assert_eq!(
            m.map(|m| m.target),
            Some(Target::Title("Billing migration".to_owned()))
        );
        assert_eq!(mapping("I asked why -> nobody knew", false), None);
        assert_eq!(mapping("We shipped story 2 of the epic", true), None);
    }

    #[test]
    fn wrapping_quotes_are_removed_only_when_they_wrap_everything() {
        assert_eq!(strip_wrapping_quotes("\"We shipped\""), "We shipped");
        assert_eq!(strip_wrapping_quotes("\"a\" and \"b\""), "\"a\" and \"b\"");
    }

    #[test]
    fn weak_titles_are_dates_or_single_words() {
        for weak in [
            "2023",
            "Jess",
            "Autumn 2023",
            "When I became coordinator in 2022",
            "In 2021 I pushed for a change",
            "Last year a second-year teacher",
            "During planning my director",
            "At a subscription meal-kit company",
            "As the only designer",
            "For release 5.2.0 of our iOS app",
            "After the company reorganized mobile",
        ] {
            assert!(weak_title(weak), "{weak}");
        }
        for strong in [
            "Clearing 2023",
            "Android release week",
            "Two days before the release",
            "Inherited a failing project",
            "Summer interns had no onboarding plan",
        ] {
            assert!(!weak_title(strong), "{strong}");
        }
    }

    #[test]
    fn see_references_name_a_question_number() {
        assert_eq!(see_reference("see Q1"), Some(1));
        assert_eq!(see_reference("Same as question 3."), Some(3));
        assert_eq!(see_reference("(use the Q2 story)"), Some(2));
        assert_eq!(see_reference("see q 4 above"), Some(4));
        assert_eq!(see_reference("see Q1 but lead with the budget"), None);
        assert_eq!(see_reference("See the results"), None);
        assert_eq!(see_reference("Q1"), None);
    }

    #[test]
    fn notes_and_quoted_questions_in_titles() {
        assert!(!is_question("Pushing back on \"who ran terraform apply?\""));
        assert!(is_question("How would you handle \"the 3am call?\""));
        assert!(is_question("\"Why did it fail?\""));
        assert!(is_question("Tell me about a time you failed?"));
        assert!(is_question(
            "Conflict question \u{2014} \"Tell me about a time you disagreed with your manager?\""
        ));
        assert!(is_question(
            "Amazon LP Ownership \u{2014} \"Describe a time you went outside your role?\""
        ));
        assert_eq!(
            split_use_note(
                "Flaky test cleanup (biggest one \u{2014} use for \"impact\" / \"ownership\" qs)"
            ),
            (
                "Flaky test cleanup".to_owned(),
                vec!["impact".to_owned(), "ownership".to_owned()]
            )
        );
        assert_eq!(
            split_use_note("Vendor exit (use it for: conflict, ambiguity)"),
            (
                "Vendor exit".to_owned(),
                vec!["conflict".to_owned(), "ambiguity".to_owned()]
            )
        );
        assert_eq!(
            split_use_note("Café İstanbul rota (use for teamwork)").0,
            "Café İstanbul rota"
        );
        assert_eq!(split_use_note("Rota (2023)").0, "Rota (2023)");
        for title in [
            "Retiring the legacy tool (nobody had a use for it anymore)",
            "Writing the rollback runbook (what to use when a deploy fails)",
            "Rebuilding the nurse rota (one that works for night staff)",
        ] {
            assert_eq!(split_use_note(title), (title.to_owned(), Vec::new()));
        }
    }

    #[test]
    fn draft_markers_leave_titles() {
        assert_eq!(
            without_draft_note("Coaching Jodie through a grievance (UNFINISHED - need result)"),
            "Coaching Jodie through a grievance"
        );
        assert_eq!(
            without_draft_note("Supporting a trainee \u{2014} UNFINISHED"),
            "Supporting a trainee"
        );
        assert_eq!(
            without_draft_note("Late TODO lists (draft)"),
            "Late TODO lists"
        );
        assert_eq!(
            without_draft_note("Moving the draft - todo"),
            "Moving the draft"
        );
        assert_eq!(
            without_draft_note("Rota rebuild (draft, finish this)"),
            "Rota rebuild"
        );
        for title in [
            "Fixing the draft process",
            "Introducing Kanban - WIP limits",
            "Negotiating the vendor renewal (draft contract rejected by legal)",
        ] {
            assert_eq!(without_draft_note(title), title);
        }
        assert_eq!(
            clean_title("WIP-limits on the support board"),
            "WIP-limits on the support board"
        );
        assert_eq!(
            clean_title("Draft-day trade analysis"),
            "Draft-day trade analysis"
        );
        assert_eq!(
            clean_title("DRAFT \u{2014} Developing Ayanda"),
            "Developing Ayanda"
        );
        assert_eq!(clean_title("[WIP] Vendor exit plan"), "Vendor exit plan");
        assert_eq!(clean_title("Draft: the late audit"), "the late audit");
        // A draft is a thing a story may be about.
        assert_eq!(clean_title("Drafting the policy"), "Drafting the policy");
        assert_eq!(clean_title("Draft - Reorg"), "Draft - Reorg");
    }

    #[test]
    fn outliner_properties_are_recognised() {
        assert!(property_line("type:: story"));
        assert!(property_line("date:: [[Nov 2023]]"));
        assert!(property_line("collapsed:: true"));
        assert!(!property_line("A note:: with spaces in the key"));
        assert!(!property_line("metric:: p99 from 4s to 600ms"));
        assert!(!property_line(
            "std::shared_ptr cycles kept every buffer alive."
        ));
        assert!(!property_line(
            "notes:: a long note that says a great deal more than a property ever would"
        ));
        assert!(meta_line("answers:: \"a time you led\"", None).is_some());
        assert!(meta_line("Answers: we shipped it", None).is_none());
        let (questions, _) = meta_items(
            MetaKind::Questions,
            "\"time you led a team\", \"prioritising demands\"",
        );
        assert_eq!(questions, ["time you led a team", "prioritising demands"]);
        let (questions, _) = meta_items(MetaKind::Questions, "conflict, safety, standing firm");
        assert_eq!(questions, ["conflict", "safety", "standing firm"]);
    }
}
