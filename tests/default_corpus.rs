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
