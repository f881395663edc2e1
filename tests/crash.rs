//! Crash safety and concurrent use: `index` killed with SIGKILL at several
//! points, and queries running while the index is rebuilt.

mod common;

use std::fs;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{ranked_ids, starmatch, write_story};

/// Starts `starmatch index --full` in `dir` without waiting for it.
fn spawn_full_index(dir: &std::path::Path) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("starmatch"))
        .current_dir(dir)
        .args(["index", "--full"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn big_corpus(stories: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let stories_dir = dir.path().join("corpus/stories");
    fs::create_dir_all(&stories_dir).unwrap();
    for i in 0..stories {
        write_story(&stories_dir, &format!("story-{i}"), &format!("topic{i}"));
    }
    dir
}

#[test]
fn index_killed_at_any_point_leaves_a_usable_index() {
    let dir = big_corpus(300);
    for delay_ms in [0u64, 5, 15, 30, 60, 120, 250] {
        let mut child = spawn_full_index(dir.path());
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        // The next query opens whatever was left (rebuilding if needed) and answers.
        let ids = ranked_ids(dir.path(), "topic7 problem");
        assert_eq!(
            ids.first().map(String::as_str),
            Some("story-7"),
            "after kill at {delay_ms} ms"
        );
    }
    // And the next `index` finishes normally, with every story present.
    let out = starmatch(dir.path()).arg("index").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ranked_ids(dir.path(), "topic299")[0], "story-299");
}

#[test]
fn queries_during_a_rebuild_get_complete_results() {
    let dir = big_corpus(200);
    starmatch(dir.path()).arg("index").assert().success();
    let mut rebuild = spawn_full_index(dir.path());
    for i in 0..5 {
        let ids = ranked_ids(dir.path(), &format!("topic{i} numbers"));
        assert_eq!(ids[0], format!("story-{i}"));
        assert_eq!(ids.len(), 5, "a query must see a complete index: {ids:?}");
    }
    assert!(rebuild.wait().unwrap().success());
}
