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

#[test]
fn an_empty_question_file_is_named_as_having_no_questions() {
    let dir = scratch();
    for text in ["", "[]\n"] {
        fs::write(dir.path().join("empty.yaml"), text).unwrap();
        starmatch(dir.path())
            .args(["eval", "--questions", "empty.yaml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("empty.yaml has no questions"))
            .stderr(predicate::str::contains("split").not());
    }
}

#[test]
fn every_unknown_id_and_kind_of_a_question_file_is_listed_at_once() {
    let dir = scratch();
    fs::write(
        dir.path().join("bad.yaml"),
        "- question: Tell me about a time you disagreed with your manager.\n  best: [roadmap-disagreement, no-such-story]\n  kind: sen\n- question: Have you ever coached a junior developer?\n  best: [mentoring-intern]\n  ok: [another-missing-one]\n",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["eval", "--questions", "bad.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "question 1 (\"Tell me about a time you disagreed with your manager.\") in bad.yaml: unknown story id `no-such-story`",
        ))
        .stderr(predicate::str::contains(
            "question 1 (\"Tell me about a time you disagreed with your manager.\") in bad.yaml: unknown kind `sen`: write `kind: seen`",
        ))
        .stderr(predicate::str::contains(
            "question 2 (\"Have you ever coached a junior developer?\") in bad.yaml: unknown story id `another-missing-one`",
        ));
}

#[test]
fn an_unknown_split_lists_the_splits_that_exist() {
    let dir = scratch();
    write_questions(dir.path());
    starmatch(dir.path())
        .args(["eval", "--split", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "has split `nope`: its splits are `test`, `tune`",
        ));
}

#[test]
fn a_weight_that_is_not_a_number_of_zero_or_more_is_a_usage_error() {
    let dir = scratch();
    write_questions(dir.path());
    for weight in ["questions=NaN", "questions=-1", "questions=inf"] {
        starmatch(dir.path())
            .args(["eval", "--weight", weight])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("zero or more"));
    }
    starmatch(dir.path())
        .args(["eval", "-q", "--weight", "questions=0"])
        .assert()
        .success();
}
