//! The importer against the two real-world note files in `shared/samples`.
//!
//! The files belong to the project's shared folder, not this crate, so the
//! tests skip (with a message) when they are absent.

use std::path::PathBuf;

use starmatch::markdown::{import_document, DocumentImport};

fn sample(name: &str) -> Option<Vec<u8>> {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples")
        .join(name);
    let fallback = PathBuf::from("/work/shared/samples").join(name);
    let found = std::fs::read(&beside)
        .or_else(|_| std::fs::read(&fallback))
        .ok();
    if found.is_none() {
        eprintln!("skipping: sample {name} not found");
    }
    found
}

fn import(name: &str) -> Option<DocumentImport> {
    let bytes = sample(name)?;
    let result = import_document(name, &bytes);
    assert!(result.is_ok(), "{name}: {result:?}");
    let import = result.ok()?;
    for imported in &import.stories {
        println!(
            "# {name}:{}\n{}",
            imported.line,
            starmatch::corpus::story_to_yaml(&imported.story)
        );
    }
    for skipped in &import.skipped {
        println!(
            "# skipped {name}:{} {:?}: {}",
            skipped.line, skipped.title, skipped.reason
        );
    }
    Some(import)
}

fn titles(import: &DocumentImport) -> Vec<&str> {
    import
        .stories
        .iter()
        .map(|s| s.story.title.as_str())
        .collect()
}

fn skipped_titles(import: &DocumentImport) -> Vec<&str> {
    import.skipped.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn customer_obsession_notes_give_four_stories_and_skip_the_rest() {
    let Some(import) = import("customer-obsession-notes.md") else {
        return;
    };
    assert_eq!(
        titles(&import),
        vec![
            "Funnel visibility for collections ops",
            "Production Bug Fix",
            "API Performance Optimization",
            "Data Loss Prevention"
        ]
    );
    for imported in &import.stories {
        assert_eq!(imported.story.competencies, vec!["customer obsession"]);
        assert_eq!(imported.story.validate(), Ok(()));
    }
    assert_eq!(
        skipped_titles(&import),
        vec!["Definition", "Key Backend Focus Areas", "Interview Tips"]
    );
    let first = &import.stories[0].story;
    assert!(first.situation.starts_with("Loan recovery teams"));
    assert!(first
        .result
        .starts_with("Teams now have real-time visibility"));
    let bug_fix = &import.stories[1].story;
    assert!(bug_fix.action.contains("- Set up monitoring alerts"));
    assert!(!bug_fix.action.contains("Result"));
    assert!(bug_fix
        .result
        .starts_with("Resolved issue within 1.5 hours"));
}

#[test]
fn problem_solving_answers_give_four_stories_with_their_questions() {
    let Some(import) = import("problem-solving-answers.md") else {
        return;
    };
    assert_eq!(import.stories.len(), 4);
    let questions: Vec<&str> = import
        .stories
        .iter()
        .map(|s| s.story.questions.first().map_or("", String::as_str))
        .collect();
    assert_eq!(
        questions,
        vec![
            "Tell me about a complex technical problem you solved",
            "Describe a time you improved a process or system",
            "How do you approach learning new technologies?",
            "Tell me about a time you identified and fixed a performance issue"
        ]
    );
    for imported in &import.stories {
        assert_eq!(
            imported.story.competencies,
            vec!["problem solving", "innovation"]
        );
        assert_eq!(imported.story.validate(), Ok(()));
        assert_ne!(imported.story.title, "Example Response");
    }
    assert_eq!(
        skipped_titles(&import),
        vec!["Tips for Problem Solving Questions"]
    );
    assert!(import.stories[1]
        .story
        .action
        .contains("Phase 4 - Observability"));
    assert!(import.stories[2]
        .story
        .action
        .contains("- Paired with our DevOps engineer"));
    assert!(import.stories[3]
        .story
        .action
        .contains("6. Images: Product images"));
    assert!(import.stories[3]
        .story
        .result
        .starts_with("Dashboard load time dropped"));
}
