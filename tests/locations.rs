//! Missing or unusable corpus and index locations give clear errors.

mod common;

use common::{scratch, starmatch};
use predicates::prelude::*;

#[test]
fn an_index_location_that_cannot_be_created_is_reported() {
    let dir = scratch();
    std::fs::write(dir.path().join("not-a-dir"), "x").unwrap();
    starmatch(dir.path())
        .args(["--index", "not-a-dir/index", "index"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "cannot write the index in not-a-dir/index",
        ));
}

#[test]
fn a_query_without_corpus_or_index_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    starmatch(dir.path())
        .args(["--corpus", "missing", "query", "conflict"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing: corpus folder does not exist",
        ));
}

#[test]
fn a_query_whose_corpus_folder_is_gone_says_so_instead_of_naming_missing_files() {
    let dir = scratch();
    starmatch(dir.path()).arg("index").assert().success();
    std::fs::rename(dir.path().join("corpus"), dir.path().join("moved")).unwrap();
    // The index still holds the stories, but every file it would name is
    // gone: a mistyped --corpus must not answer from another corpus.
    starmatch(dir.path())
        .args(["query", "-k", "1", "outage"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "corpus: corpus folder does not exist",
        ));
    // Where it went, it answers.
    starmatch(dir.path())
        .args(["--corpus", "moved", "query", "-k", "1", "outage"])
        .assert()
        .success()
        .stdout(predicate::str::contains("failover-outage"));
}

#[test]
fn a_read_only_index_still_answers_queries() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    starmatch(dir.path()).arg("index").assert().success();
    let index = dir.path().join("index");
    // Root ignores permissions, so probe whether read-only really binds here.
    std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = std::fs::write(index.join("probe"), "x").is_err();
    common::write_story(&dir.path().join("corpus/stories"), "new-one", "zeppelin");
    let assert = starmatch(dir.path())
        .args(["query", "-k", "1", "outage"])
        .assert();
    std::fs::set_permissions(&index, std::fs::Permissions::from_mode(0o755)).unwrap();
    let assert = assert
        .success()
        .stdout(predicate::str::contains("failover-outage"));
    if probe {
        assert.stderr(predicate::str::contains("answering from the previous one"));
    }
}
