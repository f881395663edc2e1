//! Property tests: the importer never panics, and everything it imports is a
//! valid story that survives a YAML round trip.

use proptest::prelude::*;
use starmatch::markdown::import_document;
use starmatch::story::Story;

fn label_word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Situation",
        "SITUATION",
        "Context",
        "Task",
        "Goal",
        "Action",
        "Actions",
        "What I did",
        "Result",
        "Results",
        "Impact",
        "Lessons learned",
        "S",
        "T",
        "A",
        "R",
        "L",
    ])
}

fn random_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.'\"!?()-]{0,40}",
        2 => "\\PC{0,30}",
        1 => prop::collection::vec(any::<char>(), 0..12).prop_map(|c| c.into_iter().collect()),
        1 => prop::sample::select(vec![
            "caf\u{e9} na\u{ef}ve",
            "don\u{e2}\u{20ac}\u{2122}t",
            "\u{c3}\u{a9}t\u{c3}\u{a9} \u{e2}\u{20ac}\u{201d}",
            "\u{1f3af}\u{1f680} emoji",
            "\u{feff}\u{200b}\u{a0}",
            "tab\there",
            "- not a list",
            "key: value",
            "# not heading",
            "@ & * | > ` ~ %",
            "'single' \"double\" \u{201c}curly\u{201d}",
            "\u{202e}rtl",
            "\u{85}\u{2028}\u{2029}",
            ": ",
            "null",
            "yes",
            "~",
            "0x1F",
        ])
        .prop_map(str::to_owned),
    ]
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        (1..=6usize, label_word(), random_text())
            .prop_map(|(level, label, text)| format!("{} {label}\n{text}", "#".repeat(level))),
        (1..=6usize, random_text())
            .prop_map(|(level, text)| format!("{} {text}", "#".repeat(level))),
        (label_word(), random_text()).prop_map(|(label, text)| format!("**{label}:** {text}")),
        (label_word(), random_text()).prop_map(|(label, text)| format!("**{label}**: {text}")),
        (label_word(), random_text()).prop_map(|(label, text)| format!("{label}: {text}")),
        (label_word(), random_text())
            .prop_map(|(label, text)| format!("- **{label}:** \"{text}\"")),
        random_text().prop_map(|text| format!("- {text}")),
        random_text().prop_map(|text| format!("  1. {text}")),
        random_text().prop_map(|text| format!("Story: {text}")),
        (1..20u32, random_text()).prop_map(|(n, text)| format!("## Story {n}: {text}")),
        (1..20u32, random_text())
            .prop_map(|(n, text)| format!("## Question {n}: Tell me about {text}")),
        (1..20u32, random_text())
            .prop_map(|(n, text)| format!("- \"Tell me about {text}\" -> Story {n}")),
        random_text().prop_map(|text| format!("- Describe {text} \u{2192} {text}")),
        random_text().prop_map(|text| format!("| {text} | a |\n|---|---|\n| b | {text} |")),
        random_text().prop_map(|text| format!("> {text}")),
        // Styles added later: callouts, toggles, metadata, Q&A, one-liners.
        (label_word(), random_text())
            .prop_map(|(label, text)| format!("> [!note] {label}\n> {text}")),
        random_text()
            .prop_map(|text| format!("<details>\n<summary>{text} (Click to expand)</summary>\n")),
        Just("</details>".to_owned()),
        random_text().prop_map(|text| format!("Tags: #a-b {text}, c")),
        random_text().prop_map(|text| format!("Questions this answers:\n- {text}")),
        random_text().prop_map(|text| format!("#{text} #x")),
        random_text().prop_map(|text| format!("**Q: Tell me about {text}**\n\nA: S: {text}")),
        random_text().prop_map(|text| format!("(S) {text}. T: {text}. A: {text}. R: {text}")),
        random_text().prop_map(|text| format!("**S** - {text}")),
        random_text().prop_map(|text| format!("Example Question: \"{text}\"")),
        random_text().prop_map(|text| format!("1. **{text}**\n   - Situation: {text}")),
        // Styles added later still: dashed letters, outlines, wiki HTML.
        random_text().prop_map(|text| format!("S - {text}. T - {text}. A - {text}")),
        random_text().prop_map(|text| format!("- {text}\n\t- situation\n\t\t- {text}")),
        (1..=6usize, random_text()).prop_map(|(n, text)| format!("<h{n}>{text}</h{n}>")),
        random_text().prop_map(|text| format!("<p><strong>Action</strong><br>\n{text}</p>")),
        random_text().prop_map(|text| format!("<ul>\n<li>{text}</li>\n</ul>")),
        random_text().prop_map(|text| format!("## 2.1 {text}")),
        // This session's styles: Word pastes, numbered STAR headings,
        // journal intros, bracketed tag lines, spoken answers.
        random_text()
            .prop_map(|text| format!("Action \u{2013}\\\n\u{2022} {text}\n\u{2022} {text}")),
        (1..9u32, random_text()).prop_map(|(n, text)| format!("## STAR #{n} \u{2014} {text}")),
        random_text().prop_map(|text| format!("Story idea \u{2014} {text}:")),
        random_text().prop_map(|text| format!("_({text}, {text})_")),
        random_text().prop_map(|text| format!("*Competencies: {text}*")),
        random_text()
            .prop_map(|text| format!("Q: Tell me about a time you {text}\n\nSo, {text}; {text}.")),
        // Fourth session of 2026-12-03: containers, Org, YAML fences, chat
        // pastes, transcripts, version headings, keycaps, other languages.
        (label_word(), random_text())
            .prop_map(|(label, text)| format!("!!! note \"{label}\"\n    {text}")),
        (label_word(), random_text()).prop_map(|(label, text)| format!(":::info {label}\n{text}\n:::")),
        random_text().prop_map(|text| format!("#+TITLE: {text}\n** DONE {text}   :a_b:c:\n:PROPERTIES:\n:QUESTION: {text}\n:END:\n- Situation :: {text}")),
        random_text().prop_map(|text| format!("```yaml\ntitle: {text}\nsituation: >\n  {text}\naction: |\n  - {text}\nresult: {text}\n```")),
        random_text().prop_map(|text| format!("Ana\u{eb}l Smith  9:0{} AM\n{text} (edited)\n:+1: 1\n\nAna\u{eb}l Smith  9:12 AM\n{text}", text.len() % 10)),
        random_text().prop_map(|text| format!("**Interviewer:** Tell me about a time you {text}\n\n**Me:** {text} {text} {text}")),
        random_text().prop_map(|text| format!("#### 30-second version\n\n{text}\n\n#### Full version")),
        random_text().prop_map(|text| format!("1\u{fe0f}\u{20e3} Situation \u{2014} {text}")),
        random_text().prop_map(|text| format!("Situaci\u{f3}n: {text}\n\n2) {text}")),
        random_text().prop_map(|text| format!("- [[STAR]] {text} #[[{text}]]\n    - **S**: {text}")),
        random_text().prop_map(|text| format!("**Situation** *(What was {text}?)*\n{text}")),
        // Fifth session: sheets, wiki markup, LaTeX, one-line HTML, styled
        // letters, AI turns, lettered stories, underlined numbered titles.
        random_text().prop_map(|text| format!("Story\tSituation\tTask\tAction\tResult\n{text}\t\"{text}\n{text}\"\t{text}\t\t{text}")),
        random_text().prop_map(|text| format!("h2. {text}\n{{panel:title=Situation}}\n{text}\n{{panel}}\n# {text}\n||a||b||\n{{noformat}}{text}")),
        random_text().prop_map(|text| format!("\\section*{{{text}}}\n\\textbf{{Action:}} {text} % x\n\\begin{{itemize}}\n\\item {text}\n\\end{{itemize}}")),
        random_text().prop_map(|text| format!("<h2>{text}</h2><p>{text}</p><table><tr><td>Situation</td><td>{text}</td></tr><tr><td>{text}")),
        random_text().prop_map(|text| format!("\u{1d7ed}. \u{1d5e7}{text}\n\u{1f3f7} #a\n\u{2753} \"Tell me about {text}\" / \"{text}\"")),
        random_text().prop_map(|text| format!("You said:\n{text}\n\nChatGPT said:\n**Result**\n\n{text}\n\n### {text} (short version)")),
        random_text().prop_map(|text| format!("**Story A:** {text}\nS - {text}\n3 - {text}\nA -\n  - {text}")),
        random_text().prop_map(|text| format!("1. {text}\n-----\n\nSituation. {text}\n\nTask. {text}\n==x== [^1]")),
        // Sixth session: pandoc grid tables and spans, chat exports, Notion
        // toggles, transcripts with follow-ups.
        random_text().prop_map(|text| format!("# []{{#_Toc1 .anchor}}{text}\n+----+------+\n| **S** | {text} |\n|    | {text} |\n+----+------+\n[{text}]{{.mark}}\n::: {{custom-style=\"Q\"}}")),
        random_text().prop_map(|text| format!("[1/2/2025, 10:00:01] Al: STORY 1 \u{2013} {text}\nS \u{2013} {text}\n1/2/2025, 10:01 - Bo: {text}\n[1/2/2025, 10:02:03] Al: R - {text}")),
        random_text().prop_map(|text| format!("- S\n    \n    {text}\n    \n- Action\n    \n    {text}")),
        random_text().prop_map(|text| format!("**Interviewer:** Tell me about a time {text}?\n\n**Me:** {text}\n\n**Interviewer:** What did you do?\n\n**Me:** {text}")),
        random_text(),
        Just("```".to_owned()),
        Just("```rust\nfn main() {}\n```".to_owned()),
        Just("~~~".to_owned()),
        Just("---".to_owned()),
        Just(String::new()),
        Just("#".to_owned()),
    ]
}

/// A whole story in one of the supported formats, with random text and a
/// random fragment of noise after each part, so most cases import something.
fn story_block() -> impl Strategy<Value = String> {
    (
        0..5usize,
        prop::collection::vec(random_text(), 4),
        prop::collection::vec(prop_oneof![3 => Just(String::new()), 1 => fragment()], 4),
        random_text(),
    )
        .prop_map(|(format, texts, noise, title)| {
            let mut out = match format {
                0 => format!("## {title}\n"),
                3 => format!("Story: {title}\n"),
                _ => String::new(),
            };
            for (i, (text, noise)) in texts.iter().zip(&noise).enumerate() {
                let (word, letter) = [
                    ("Situation", "S"),
                    ("Task", "T"),
                    ("Action", "A"),
                    ("Result", "R"),
                ][i];
                let part = match format {
                    0 => format!("### {word}\n{text}\n"),
                    1 => format!("**{word}:** {text}\n"),
                    2 => format!("**{word}:**\n\n{text}\n"),
                    3 => format!("{letter}: {text}\n"),
                    _ => format!("- **{word}:** \"{text}\"\n"),
                };
                out.push_str(&part);
                if !noise.is_empty() {
                    out.push_str(noise);
                    out.push('\n');
                }
            }
            out
        })
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![2 => story_block(), 3 => fragment()], 0..24)
        .prop_map(|parts| parts.join("\n"))
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(import) = import_document("prop.md", bytes) else {
        return Ok(());
    };
    prop_assert!(!import.stories.is_empty());
    for imported in &import.stories {
        let story = &imported.story;
        prop_assert_eq!(story.validate(), Ok(()), "{:?}", story);
        prop_assert!(imported.line >= 1);
        // Rewrites that add or move lines map each back to its source line.
        // (A lone `\r` ends a line too, as in old Mac files.)
        let lone_cr = bytes
            .windows(2)
            .filter(|w| w[0] == b'\r' && w[1] != b'\n')
            .count()
            + usize::from(bytes.last() == Some(&b'\r'));
        let source_lines = bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1;
        prop_assert!(
            imported.line <= source_lines,
            "line {} of {}",
            imported.line,
            source_lines
        );
        // What `import` writes must load back through the corpus loader unchanged.
        let yaml = starmatch::corpus::story_to_yaml(story);
        let back: Story = starmatch::corpus::parse_story(
            std::path::Path::new("prop.yaml"),
            &story.id,
            yaml.as_bytes(),
        )
        .map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
        prop_assert_eq!(&back, story, "YAML was:\n{}", yaml);
    }
    Ok(())
}

proptest! {
    #[test]
    fn markdown_ish_documents_never_panic_and_import_valid_stories(doc in document()) {
        check(doc.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes)?;
    }

    #[test]
    fn complete_stories_always_import(
        texts in prop::collection::vec("[a-zA-Z][a-zA-Z0-9 ,.'-]{0,30}", 4),
        bold in any::<bool>(),
    ) {
        // A part that is only a placeholder (`TBD`, `todo later`) is not text.
        let placeholder = |t: &str| {
            let first = t.split(|c: char| !c.is_alphanumeric() && c != '/').find(|w| !w.is_empty());
            first.is_some_and(|w| ["tbd", "tbc", "todo", "n/a", "wip"].contains(&w.to_ascii_lowercase().as_str()))
        };
        prop_assume!(!texts.iter().any(|t| placeholder(t)));
        let labels = ["Situation", "Task", "Action", "Result"];
        let doc: String = labels
            .iter()
            .zip(&texts)
            .map(|(label, text)| if bold { format!("**{label}:** {text}\n") } else { format!("{label}: {text}\n") })
            .collect();
        let import = import_document("complete.md", doc.as_bytes());
        prop_assert!(import.is_ok(), "{:?}\n{}", import, doc);
        if let Ok(import) = import {
            prop_assert_eq!(import.stories.len(), 1);
            // Whitespace runs collapse, as in rendered Markdown.
            let collapsed = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(&import.stories[0].story.situation, &collapsed(&texts[0]));
            prop_assert_eq!(&import.stories[0].story.result, &collapsed(&texts[3]));
        }
    }
}
