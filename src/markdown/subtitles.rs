//! Subtitles of a recorded mock interview (`.srt`, WebVTT `.vtt`), as a
//! video call or a captioning app saves them: numbered cues of a line or
//! two, each under its timing (`00:00:21,852 --> 00:00:27,313`), that cut
//! sentences anywhere; speakers marked only now and then (`NAT: ...`,
//! `<v Nat>`, a dash for a new voice); the interviewer reads each story's
//! title in quotes (`"The A64 rollover".`) and asks its question, and the
//! candidate says the parts ("so the situation was", "my task as the
//! senior clinician was", "Result: ...").
//!
//! The cues are joined into what each voice said (a new voice, a quoted
//! title or a pause after a sentence starts another paragraph) and the
//! document is rewritten as Markdown: a `##` heading per quoted title, the
//! question asked under it as a `Questions:` line, then the answer with a
//! label on each sentence that opens with a spoken part. The interviewer's
//! later follow-ups and remarks are left out. Each line points at the
//! source line of the cue it starts in.

use std::collections::HashSet;

use unicode_segmentation::UnicodeSegmentation;

use super::labels::{self, Part};
use super::transcript;
use super::{LineWriter, Rewritten};

/// Fewest timed cues for a document to be read as subtitles.
const MIN_CUES: usize = 3;

/// A pause, in milliseconds, after a finished sentence that ends what a
/// voice was saying: answers run on with pauses of a few tenths of a
/// second; a question and its answer are a second or more apart.
const PAUSE_MS: u64 = 1_000;

/// Most words of a quoted story title.
const MAX_TITLE_WORDS: usize = 12;

/// Most words said before a quoted title on the same line (`Okay. First
/// one on your list — "The A64 rollover".`).
const MAX_WORDS_BEFORE_TITLE: usize = 10;

/// Most words of a follow-up question no voice marks as new.
const MAX_FOLLOW_UP_WORDS: usize = 15;

/// Most words of the interviewer's remark that closes the stories.
const MAX_CLOSING_WORDS: usize = 30;

/// Answers this short that carry no part are chatter (`Yeah. Fair.`).
const MIN_ANSWER_WORDS: usize = 4;

/// One subtitle cue: its timing and its text on one line.
struct Cue {
    /// 1-based source line of its first text line.
    line: usize,
    start_ms: u64,
    end_ms: u64,
    text: String,
}

/// The rewritten document; `None` unless it is a subtitle file.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let cues = cues(text)?;
    let mut paragraphs = paragraphs(&cues);
    let mut out = LineWriter::with_capacity(text.len());
    let mut titled = paragraphs.iter().any(|p| p.title.is_some());
    if !titled {
        // No title in quotes: a short line naming the next story (`Okay,
        // second one, the rota row.`), as in a transcript.
        for p in &mut paragraphs {
            p.title = transcript::spoken_title(&p.text);
            titled |= p.title.is_some();
        }
    }
    // The voices that name the stories: the interviewer.
    let interviewers: HashSet<&str> = paragraphs
        .iter()
        .filter(|p| p.title.is_some())
        .filter_map(|p| p.speaker.as_deref())
        .collect();
    let mut in_story = !titled;
    let mut asked = false;
    // The current story's answer: each piece with its part and line.
    let mut answer: Vec<Piece> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        // `Okay. Number three,` before a title announces it (a short
        // last answer, `Result: we kept them.`, does not).
        let announces = paragraphs
            .get(i + 1)
            .is_some_and(|next| next.title.is_some())
            && p.text.split_whitespace().count() <= MAX_WORDS_BEFORE_TITLE
            && labelled_pieces(&p.text)
                .iter()
                .all(|piece| piece.part.is_none());
        if announces {
            continue;
        }
        if let Some(title) = &p.title {
            write_answer(&mut out, &mut answer);
            out.line("", p.line);
            out.line(&format!("## {title}"), p.line);
            (in_story, asked) = (true, false);
            continue;
        }
        if !in_story {
            continue;
        }
        let answered = !answer.is_empty();
        let mut said: &str = &p.text;
        // Untitled: each question asking for a story heads the next one;
        // a short question after an answer is a follow-up (`How did you
        // feel afterwards?`) unless it plainly asks for another story.
        let heads = |q: &str| {
            labels::asks_for_a_story(q)
                && (!answered || !q.ends_with('?') || labels::plainly_asks_for_a_story(q))
        };
        if !titled {
            if let Some((question, rest)) = question_and_rest(&p.text).filter(|(q, _)| heads(q)) {
                // What was said before the question ends the last answer.
                let before = &p.text[..p.text.len() - rest.len()];
                let before = before
                    .get(..before.rfind(question).unwrap_or(0))
                    .unwrap_or("");
                if before.split_whitespace().count() >= MIN_ANSWER_WORDS {
                    answer.extend(labelled_pieces(before).into_iter().map(|piece| Piece {
                        at: p.line_at(piece.at),
                        ..piece
                    }));
                }
                write_answer(&mut out, &mut answer);
                out.line("", p.line);
                out.line(&format!("## {question}"), p.line);
                asked = true;
                said = rest;
            }
        }
        if !answered && !asked {
            if let Some((question, rest)) = question_and_rest(&p.text) {
                out.line("", p.line);
                out.line(&format!("Questions: {question}"), p.line);
                asked = true;
                said = rest;
            }
        }
        let interviewer = p
            .speaker
            .as_deref()
            .is_some_and(|s| interviewers.contains(s));
        // The interviewer's (or a new voice's short) `Okay, stop there.
        // Any questions for us?`; not the candidate's "no further
        // questions for us" in a Result.
        let remark = (interviewer || p.turn || p.text.trim_end().ends_with('?'))
            && p.text.split_whitespace().count() <= MAX_CLOSING_WORDS
            && labelled_pieces(&p.text)
                .iter()
                .all(|piece| piece.part.is_none());
        if answered && remark && closes_the_interview(&p.text) {
            in_story = false;
            continue;
        }
        // `- And if he'd been unconscious?`, `What would you do differently?`
        let follow_up = answered
            && p.text.trim_end().ends_with('?')
            && (p.turn || p.text.split_whitespace().count() <= MAX_FOLLOW_UP_WORDS);
        if interviewer || follow_up || said.trim().is_empty() {
            continue;
        }
        let offset = p.text.len() - said.len();
        let pieces = labelled_pieces(said);
        let labelled = pieces.iter().any(|piece| piece.part.is_some());
        if !labelled && said.split_whitespace().count() < MIN_ANSWER_WORDS {
            continue;
        }
        answer.extend(pieces.into_iter().map(|piece| Piece {
            at: p.line_at(offset + piece.at),
            ..piece
        }));
    }
    write_answer(&mut out, &mut answer);
    Some(out.finish(false))
}

/// A piece of an answer: the part its first sentence names, its text, and
/// where it starts (a byte offset, then a source line).
struct Piece {
    part: Option<Part>,
    text: String,
    at: usize,
}

/// Writes a story's answer, a paragraph per piece. Its opening, before the
/// first part it names, is the situation (`So Ryan's an EMT I was
/// mentoring... My task — ...`).
fn write_answer(out: &mut LineWriter, answer: &mut Vec<Piece>) {
    let first_named = answer.iter().find_map(|piece| piece.part);
    if first_named.is_some_and(|part| part != Part::Situation) {
        if let Some(first) = answer.first_mut() {
            first.part.get_or_insert(Part::Situation);
        }
    }
    for piece in answer.drain(..) {
        out.line("", piece.at);
        match piece.part {
            Some(part) => out.line(&format!("{}: {}", part.name(), piece.text), piece.at),
            None => out.line(&piece.text, piece.at),
        }
    }
}

/// What an interviewer says to end the stories: `Okay, stop there. Have
/// you got questions for the panel?`.
fn closes_the_interview(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "questions for",
        "any questions",
        "stop there",
        "wrap up",
        "wrap it up",
    ]
    .iter()
    .any(|cue| lower.contains(cue))
}

/// The timed cues of a subtitle file; `None` when the text is not one.
fn cues(text: &str) -> Option<Vec<Cue>> {
    let mut cues: Vec<Cue> = Vec::new();
    let mut in_cue = false;
    let mut blocks = 0;
    let mut previous_blank = true;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            in_cue = false;
            previous_blank = true;
            continue;
        }
        // WebVTT's header, notes and style blocks are not cues.
        let webvtt_block = ["WEBVTT", "NOTE", "STYLE", "REGION"]
            .iter()
            .any(|w| line.starts_with(w));
        if previous_blank && !webvtt_block {
            blocks += 1;
        }
        previous_blank = false;
        if let Some((start_ms, end_ms)) = timing(line) {
            cues.push(Cue {
                line: i + 2,
                start_ms,
                end_ms,
                text: String::new(),
            });
            in_cue = true;
            continue;
        }
        if in_cue {
            if let Some(cue) = cues.last_mut() {
                if cue.text.is_empty() {
                    cue.line = i + 1;
                } else {
                    cue.text.push(' ');
                }
                cue.text.push_str(line);
            }
        }
    }
    // Every block of a subtitle file is a cue (WebVTT's header and notes
    // aside): a few timings in prose are a log or a diary.
    if cues.len() < MIN_CUES || cues.len() * 4 < blocks * 3 {
        return None;
    }
    cues.retain(|c| !c.text.is_empty());
    Some(cues)
}

/// `00:00:21,852 --> 00:00:27,313` (SRT) or `00:21.852 --> 00:27.313
/// align:start` (WebVTT): the start and end in milliseconds.
fn timing(line: &str) -> Option<(u64, u64)> {
    let (start, rest) = line.split_once("-->")?;
    let end = rest.split_whitespace().next()?;
    Some((clock_ms(start.trim())?, clock_ms(end)?))
}

/// `01:02:03,456`, `01:02:03.456` or `02:03.456` in milliseconds.
fn clock_ms(clock: &str) -> Option<u64> {
    let (time, fraction) = clock.split_once([',', '.'])?;
    if fraction.is_empty() || fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let pieces: Vec<&str> = time.split(':').collect();
    if !(2..=3).contains(&pieces.len()) {
        return None;
    }
    let mut seconds: u64 = 0;
    for piece in &pieces {
        if piece.is_empty() || piece.len() > 2 || !piece.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        seconds = seconds * 60 + piece.parse::<u64>().ok()?;
    }
    let millis: u64 = format!("{fraction:0<3}").parse().ok()?;
    Some(seconds * 1000 + millis)
}

/// What one voice said without a break, or a quoted title.
struct Paragraph {
    text: String,
    /// Byte offset in `text` where each cue starts, and its source line.
    starts: Vec<(usize, usize)>,
    line: usize,
    /// The speaker named where it starts (`NAT:`, `<v Nat>`).
    speaker: Option<String>,
    /// It starts a new voice (a name or a dash).
    turn: bool,
    title: Option<String>,
}

impl Paragraph {
    fn new(line: usize, speaker: Option<String>, turn: bool) -> Paragraph {
        Paragraph {
            text: String::new(),
            starts: Vec::new(),
            line,
            speaker,
            turn,
            title: None,
        }
    }

    fn push(&mut self, text: &str, line: usize) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.starts.push((self.text.len(), line));
        self.text.push_str(text);
    }

    /// The source line of the cue holding byte `at` of the text.
    fn line_at(&self, at: usize) -> usize {
        let after = self.starts.partition_point(|&(start, _)| start <= at);
        after
            .checked_sub(1)
            .and_then(|i| self.starts.get(i))
            .map_or(self.line, |&(_, line)| line)
    }
}

/// The cues joined into paragraphs: a new voice, a quoted title, or a pause
/// after a finished sentence starts the next one.
fn paragraphs(cues: &[Cue]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut previous_end: Option<u64> = None;
    for cue in cues {
        let cleaned = without_markup(&cue.text);
        let (speaker, turn, said) = voice(&cleaned);
        let paused = previous_end.is_some_and(|end| cue.start_ms >= end + PAUSE_MS);
        previous_end = Some(cue.end_ms);
        if said.is_empty() {
            continue;
        }
        if let Some((before, title)) = quoted_title(said) {
            // The voice saying the title: the cue's, or the one speaking
            // unless a new (unnamed) voice starts with the title.
            let title_speaker = if turn {
                speaker.clone()
            } else {
                speaker
                    .clone()
                    .or_else(|| current.as_ref().and_then(|p| p.speaker.clone()))
            };
            out.extend(current.take());
            if !before.is_empty() {
                let mut lead = Paragraph::new(cue.line, speaker.clone(), turn);
                lead.push(before, cue.line);
                out.push(lead);
            }
            let mut titled = Paragraph::new(cue.line, title_speaker, false);
            titled.title = Some(title.to_string());
            out.push(titled);
            continue;
        }
        let finished = current
            .as_ref()
            .is_some_and(|p| p.text.trim_end().ends_with(['.', '?', '!', '\u{2026}']));
        if turn || (paused && finished) || current.is_none() {
            if let Some(done) = current.take() {
                out.push(done);
            }
            current = Some(Paragraph::new(cue.line, speaker, turn));
        }
        if let Some(p) = current.as_mut() {
            p.push(said, cue.line);
        }
    }
    out.extend(current);
    out
}

/// The cue's text without formatting tags (`<i>`, `{\an8}`) and sound
/// notes (`[laughs]`, `(coughs)`); a WebVTT voice tag `<v Nat>` is kept as
/// `Nat: `.
fn without_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let close = match c {
            '<' => Some('>'),
            '{' if rest.starts_with("{\\") => Some('}'),
            '[' => Some(']'),
            '(' => Some(')'),
            _ => None,
        };
        // Only a short span can be a tag or a note: a cue of `((((` is
        // not searched to its end for each bracket.
        let window = &rest[..floor_boundary(rest, MAX_MARKUP_BYTES)];
        if let Some(end) = close.and_then(|close| window.find(close)) {
            let inner = &rest[1..end];
            let drop = match c {
                '<' if !is_tag(inner) => false,
                '<' => {
                    // `<v Nat>`, `<v.loud Nat>`: the speaker's name.
                    if let Some(voice) = inner
                        .strip_prefix("v ")
                        .or_else(|| inner.strip_prefix("v."))
                    {
                        let name = if inner.starts_with("v.") {
                            voice.split_once(' ').map_or("", |(_, name)| name)
                        } else {
                            voice
                        };
                        let name = name.trim();
                        if !name.is_empty() {
                            out.push_str(name);
                            out.push_str(": ");
                        }
                    }
                    true
                }
                '{' => true,
                // A sound or a stage note: `[laughs]`, `[INAUDIBLE]`,
                // `(coughs)`.
                '[' => inner.split_whitespace().count() <= 3,
                _ => {
                    inner.split_whitespace().count() <= 2
                        && !inner
                            .chars()
                            .any(|ch| ch.is_uppercase() || ch.is_ascii_digit())
                }
            };
            if drop {
                rest = &rest[end + close.map_or(1, char::len_utf8)..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A WebVTT or HTML tag's inside: `i`, `/i`, `v Nat`, `v.loud Nat`,
/// `c.yellow`, or a karaoke timestamp `00:00:01.520`.
fn is_tag(inner: &str) -> bool {
    let timestamp = clock_ms(inner).is_some();
    inner.len() <= 40
        && (timestamp || inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'))
        && (!inner.contains(' ')
            || inner.starts_with("v ")
            || inner.starts_with("v.")
            || inner.starts_with("lang "))
}

/// Longest span read as a tag or a sound note.
const MAX_MARKUP_BYTES: usize = 80;

/// The largest char boundary of `text` at or below `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Who speaks (`NAT: ...`, `Nat: ...`, `- ...`): the speaker named, whether
/// a new voice starts, and what is said.
fn voice(text: &str) -> (Option<String>, bool, &str) {
    let dashed = text
        .strip_prefix(['-', '\u{2013}', '\u{2014}'])
        .filter(|rest| rest.starts_with(' '));
    let text = dashed.map_or(text, str::trim_start);
    if let Some((name, said)) = text.split_once(": ") {
        let words: Vec<&str> = name.split_whitespace().collect();
        let named = (1..=3).contains(&words.len())
            && name.len() <= 30
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(char::is_alphabetic)
            })
            && labels::heading_label(name).is_none();
        if named {
            return (Some(name.to_uppercase()), true, said.trim());
        }
    }
    (None, dashed.is_some(), text)
}

/// A story title read out in quotes: `"The A64 rollover".` alone, or after
/// a few words (`First one on your list — "The A64 rollover".`). Returns
/// the words before it and the title.
fn quoted_title(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end_matches(['.', ',', '!', ':', ';', ' ']);
    let close = trimmed.chars().last()?;
    let open = match close {
        '"' => '"',
        '\u{201d}' => '\u{201c}',
        _ => return None,
    };
    let inner_end = trimmed.len() - close.len_utf8();
    let open_at = trimmed[..inner_end].rfind(open)?;
    let title = trimmed[open_at + open.len_utf8()..inner_end].trim();
    let before = trimmed[..open_at].trim();
    let words = title.split_whitespace().count();
    let starts_well = title.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let lead_ok = before.is_empty()
        || (before.split_whitespace().count() <= MAX_WORDS_BEFORE_TITLE
            && before.ends_with(['-', '\u{2013}', '\u{2014}', ':', ',']));
    ((1..=MAX_TITLE_WORDS).contains(&words) && starts_well && lead_ok && !title.contains(open))
        .then_some((before, title))
}

/// The question asked in a paragraph (`Prioritising. Tell me about a time
/// you had to prioritise.`): from its first sentence that asks for a story
/// to the end of that sentence; the rest is the start of the answer.
fn question_and_rest(text: &str) -> Option<(&str, &str)> {
    let mut at = 0;
    for sentence in text.split_sentence_bounds() {
        let trimmed = sentence.trim();
        // `Tell me about a failure.`, `How did you handle it?`; not a
        // sentence of the answer (`...who would not share a shift.`).
        let asks = labels::asks_for_a_story(trimmed) || trimmed.ends_with('?');
        if asks && labels::is_question(trimmed) && spoken_part(trimmed).is_none() {
            let end = at + sentence.len();
            return Some((trimmed, &text[end..]));
        }
        at += sentence.len();
    }
    None
}

/// The answer cut before each sentence that opens with a spoken part, each
/// piece with its part (if it names one) and its byte offset.
fn labelled_pieces(text: &str) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut at = 0;
    for sentence in text.split_sentence_bounds() {
        let offset = at;
        at += sentence.len();
        let trimmed = sentence.trim();
        if trimmed.is_empty() {
            continue;
        }
        match (spoken_part(trimmed), pieces.last_mut()) {
            (Some((part, rest)), _) => pieces.push(Piece {
                part: Some(part),
                text: rest,
                at: offset,
            }),
            (None, Some(piece)) => {
                piece.text.push(' ');
                piece.text.push_str(trimmed);
            }
            (None, None) => pieces.push(Piece {
                part: None,
                text: trimmed.to_string(),
                at: offset,
            }),
        }
    }
    pieces
}

/// Words said before a part that do not belong to it: `So, um, the
/// situation was...`.
const FILLERS: &[&str] = &[
    "so",
    "um",
    "umm",
    "uh",
    "er",
    "erm",
    "right",
    "okay",
    "ok",
    "and",
    "then",
    "yeah",
    "well",
    "now",
    "basically",
    "anyway",
];

/// The part a spoken sentence opens (`Result: the driver went...`, `So
/// what I did — I stopped...`, `My task as the senior clinician was to
/// get...`) and the sentence without the words that name it.
fn spoken_part(sentence: &str) -> Option<(Part, String)> {
    let mut rest = sentence;
    loop {
        let word_end = rest
            .find(|c: char| !c.is_alphanumeric() && c != '\'')
            .unwrap_or(rest.len());
        let word = rest[..word_end].to_ascii_lowercase();
        if word_end == 0 || !FILLERS.contains(&word.as_str()) {
            break;
        }
        rest = rest[word_end..].trim_start_matches([',', ' ', '.', '\u{2014}', '\u{2013}', '-']);
    }
    if let Some((part, text)) = labels::heading_label(rest) {
        if !text.is_empty() {
            return Some((part, text));
        }
    }
    if let Some((part, text)) = transcript::spoken_cue(rest) {
        return Some((part, text.to_string()));
    }
    // `My task as the senior clinician was to...`, `My job that night was
    // to...`: the whole sentence is the task.
    let lower = rest.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 3
        && words[0] == "my"
        && matches!(words[1], "task" | "job" | "role" | "responsibility")
        && words[2..words.len().min(9)]
            .iter()
            .any(|w| matches!(*w, "was" | "is"))
    {
        return Some((Part::Task, rest.to_string()));
    }
    // `What I took from it: ...`, `The learning for me was...`.
    const LEARNING: [&str; 6] = [
        "what i took from",
        "what i take from",
        "the learning for me",
        "the lesson for me",
        "the learning was",
        "the lesson was",
    ];
    if LEARNING.iter().any(|cue| lower.starts_with(cue)) {
        return Some((Part::Learning, rest.to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOCK: &str = "1\n00:00:01,240 --> 00:00:02,691\nANA: Is it recording?\n\n2\n00:00:02,801 --> 00:00:04,549\nYes. First one on your list —\n\n3\n00:00:04,628 --> 00:00:05,923\n\"The flooded basement\".\n\n4\n00:00:06,000 --> 00:00:08,100\nTell me about a time you worked\nunder pressure.\n\n5\n00:00:09,900 --> 00:00:12,000\nSo, um, the situation was a burst\nmain under the archive [laughs]\n\n6\n00:00:12,100 --> 00:00:14,000\non a Sunday night. My task as the duty\nmanager was to save the records.\n\n7\n00:00:14,200 --> 00:00:16,000\nWhat I did, I called in four volunteers and\nwe moved every box upstairs.\n\n8\n00:00:16,100 --> 00:00:18,000\nResult: we lost nothing but one\nshelf of spare leaflets.\n\n9\n00:00:19,500 --> 00:00:20,500\n- And if nobody had come?\n\n10\n00:00:21,700 --> 00:00:23,000\nANA: Fine. Good.\n";

    #[test]
    fn a_mock_interview_becomes_a_titled_story_with_its_question_and_parts() {
        let (out, lines) = rewrite(MOCK).unwrap();
        assert!(out.contains("\n## The flooded basement\n"), "{out}");
        assert!(
            out.contains("\nQuestions: Tell me about a time you worked under pressure.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nSituation: a burst main under the archive on a Sunday night.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nTask: My task as the duty manager was to save the records.\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "\nAction: I called in four volunteers and we moved every box upstairs.\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("\nResult: we lost nothing but one shelf of spare leaflets.\n"),
            "{out}"
        );
        // The chatter before the first title, the follow-up question and
        // the interviewer's remark are left out.
        for gone in ["recording", "nobody had come", "Fine", "laughs", "-->"] {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
        assert_eq!(lines.len(), out.matches('\n').count());
        // The title points at its cue's text line; the result at cue 8's.
        let at = |needle: &str| {
            let n = out[..out.find(needle).unwrap()].matches('\n').count();
            lines[n]
        };
        assert_eq!(at("## The flooded"), 11);
        assert_eq!(at("Result:"), 35);
    }

    #[test]
    fn webvtt_cues_and_voice_tags_are_read() {
        let text = "WEBVTT\n\nNOTE made by an app\n\n00:01.000 --> 00:03.000 align:start\n<v Sam>\"Saving the Harper account\"</v>\n\n00:03.100 --> 00:05.000\n<v Sam>Describe a time you kept a customer.</v>\n\n00:06.500 --> 00:09.000\n<v Jo>Situation: the client was leaving us after two late deliveries.</v>\n\n00:09.100 --> 00:12.000\n<v Jo>Action — I drove the parts over myself and set up weekly calls.</v>\n";
        let (out, _) = rewrite(text).unwrap();
        assert!(out.contains("\n## Saving the Harper account\n"), "{out}");
        assert!(
            out.contains("\nQuestions: Describe a time you kept a customer.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nSituation: the client was leaving us"),
            "{out}"
        );
        assert!(out.contains("\nAction: I drove the parts over"), "{out}");
        assert!(!out.contains("<v"), "{out}");
    }

    #[test]
    fn without_quoted_titles_a_line_naming_the_story_starts_it() {
        let text = "1\n00:00:01,000 --> 00:00:02,000\nRight. First one, the rota row.\n\n2\n00:00:03,500 --> 00:00:06,000\nSo the situation was two chefs\nwho would not share a shift.\n\n3\n00:00:06,100 --> 00:00:09,000\nWhat I did was sit them down together\nand rebuild the rota with both of them.\n\n4\n00:00:11,000 --> 00:00:12,000\nOkay, second one, the broken oven.\n\n5\n00:00:13,500 --> 00:00:16,000\nThe situation was our only oven failed at noon on a Saturday.\n";
        let (out, _) = rewrite(text).unwrap();
        assert!(out.contains("\n## the rota row\n"), "{out}");
        assert!(out.contains("\n## the broken oven\n"), "{out}");
        assert!(
            out.contains("\nSituation: two chefs who would not share a shift.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nAction: sit them down together and rebuild the rota"),
            "{out}"
        );
    }

    #[test]
    fn without_titles_each_question_asked_heads_a_story() {
        let text = "1\n00:00:01,000 --> 00:00:03,000\nTell me about a time you failed.\n\n2\n00:00:04,500 --> 00:00:07,000\nSo the situation was a product launch\nI planned for a trade show.\n\n3\n00:00:07,100 --> 00:00:09,000\nResult: we missed the show by a week.\n\n4\n00:00:10,500 --> 00:00:12,000\nDescribe a time you led a team through change.\n\n5\n00:00:13,500 --> 00:00:16,000\nThe situation was a merger of two depots.\n";
        let (out, _) = rewrite(text).unwrap();
        assert!(
            out.contains("\n## Tell me about a time you failed.\n"),
            "{out}"
        );
        assert!(
            out.contains("\n## Describe a time you led a team through change.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nResult: we missed the show by a week.\n"),
            "{out}"
        );
    }

    /// Subtitles of the given cues, a second apart (pauses of 0.1 s).
    fn srt(cues: &[&str]) -> String {
        cues.iter()
            .enumerate()
            .map(|(i, text)| {
                format!(
                    "{}\n00:00:{:02},000 --> 00:00:{:02},900\n{text}\n\n",
                    i + 1,
                    i,
                    i
                )
            })
            .collect()
    }

    #[test]
    fn the_candidate_is_never_taken_for_the_interviewer() {
        let text = srt(&[
            "JO: First one \u{2014}",
            "\"The lost keys\".",
            "SAM: Situation: the office keys went missing on a Friday.",
            "Result: the client had no further questions for us, and we kept the contract.",
            "- \"The second site\".",
            "SAM: Situation: a second site opened with no manager.",
            "Result: we kept them.",
            "- \"The third one\".",
            "SAM: Task: to hire a manager in a week.",
            "<00:00:09.100>Result: <c.yellow>hired</c> in six days.",
        ]);
        let (out, _) = rewrite(&text).unwrap();
        assert!(out.contains("\nSituation: a second site opened"), "{out}");
        assert!(out.contains("no further questions for us"), "{out}");
        assert!(out.contains("\nResult: we kept them.\n"), "{out}");
        assert!(out.contains("\nResult: hired in six days.\n"), "{out}");
        assert!(out.contains("\n## The third one\n"), "{out}");
    }

    #[test]
    fn timings_in_prose_are_not_subtitles() {
        let diary = "Standup notes\n\n09:00:00,000 --> 09:15:00,000 planning, then\nwe argued about the rota for an hour and nobody wrote it down.\nThen lunch.\n\nMore notes here.\n\nAnd here.\n\nAnd here too.\n";
        assert!(rewrite(diary).is_none());
        assert_eq!(clock_ms("00:01:02,5"), Some(62_500));
        assert_eq!(clock_ms("1:02.250"), Some(62_250));
        assert_eq!(clock_ms("00:01:02"), None);
        assert_eq!(clock_ms("aa:01.000"), None);
    }

    #[test]
    fn quoted_titles_need_few_words_before_them() {
        assert_eq!(
            quoted_title("\"The A64 rollover\"."),
            Some(("", "The A64 rollover"))
        );
        assert_eq!(
            quoted_title("Okay. Next one \u{2014} \u{201c}Budget cuts\u{201d}"),
            Some(("Okay. Next one \u{2014}", "Budget cuts"))
        );
        assert_eq!(quoted_title("and she said \"fine\"."), None);
        assert_eq!(quoted_title("people would ask \"does it work\""), None);
    }
}
