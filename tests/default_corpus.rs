//! The shipped corpus and both labelled eval sets stay consistent: every id
//! a question names is a story of the default corpus.

mod common;

use std::path::Path;

use common::starmatch;
use predicates::prelude::*;

#[test]
fn both_eval_sets_name_only_stories_of_the_default_corpus() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for (file, count) in [("questions.yaml", 145), ("blind.yaml", 137)] {
        starmatch(dir.path())
            .arg("--corpus")
            .arg(repo.join("corpus"))
            .arg("--index")
            .arg(dir.path().join("index"))
            .args(["eval", "--questions"])
            .arg(repo.join("corpus/eval").join(file))
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("{count} questions from")));
    }
}

/// A candidate who asks a question exactly as one of the default stories is
/// tagged with gets a story tagged with it first (several stories may share
/// a question, or differ only in small words: any of them will do).
#[test]
fn every_tagged_question_asked_as_written_finds_a_story_tagged_with_it_first() {
    use starmatch::search::analysis::{question_key_of, Analyzer};
    use starmatch::search::Engine;
    use starmatch::Corpus;

    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let corpus = Corpus::new(repo.join("corpus"));
    let (stories, problems) = corpus.load_all().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let (mut engine, _) = Engine::open_fresh(&corpus, &dir.path().join("index")).unwrap();
    let mut analyzer = Analyzer::new();
    let mut asked = 0;
    let mut misses = Vec::new();
    for loaded in &stories {
        for question in &loaded.story.questions {
            asked += 1;
            let key = question_key_of(&mut analyzer, question);
            let searcher = engine.searcher();
            let q = engine.ranker.analyze(question);
            let hits = engine.ranker.search(&searcher, &q, 1).unwrap();
            let first = stories
                .iter()
                .find(|s| hits.first().is_some_and(|h| h.id == s.story.id))
                .expect("a hit");
            let tagged = first
                .story
                .questions
                .iter()
                .any(|t| question_key_of(&mut analyzer, t) == key);
            if !tagged {
                misses.push(format!("{question} -> {}", first.story.id));
            }
        }
    }
    assert!(asked > 150, "{asked}");
    assert!(misses.is_empty(), "{misses:#?}");
}
