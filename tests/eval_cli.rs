//! `starmatch eval` end to end on the fixture corpus: output, quiet mode,
//! and problems with the question file or the flags.

mod common;

use std::fs;
use std::path::Path;

use common::{scratch, starmatch};
use predicates::prelude::*;

/// Writes `corpus/eval/questions.yaml` with two labelled questions, one per split.
fn write_questions(dir: &Path) {
    let eval = dir.join("corpus/eval");
    fs::create_dir_all(&eval).unwrap();
    fs::write(
        eval.join("questions.yaml"),
        "- question: Tell me about a time you disagreed with your manager.\n  best: [roadmap-disagreement]\n  kind: seen\n  split: tune\n- question: Have you ever coached a junior developer?\n  best: [mentoring-intern]\n  kind: unseen\n  split: test\n",
    )
    .unwrap();
}

#[test]
fn quiet_eval_prints_the_table_without_summaries() {
    let dir = scratch();
    write_questions(dir.path());
    starmatch(dir.path())
        .args(["eval"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 questions from"))
        .stdout(predicate::str::contains("evaluated in"));
    starmatch(dir.path())
        .args(["eval", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::contains("starmatch  all"))
        .stdout(predicate::str::contains("questions from").not())
        .stdout(predicate::str::contains("evaluated in").not());
}
