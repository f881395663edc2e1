//! `starmatch index`: incremental refresh, broken corpus files, staleness,
//! version changes, corruption and locking.

mod common;

use std::fs;
use std::path::Path;

use common::{ranked_ids, scratch, starmatch, write_story};
use predicates::prelude::*;

fn index_summary(dir: &std::path::Path, extra: &[&str]) -> String {
    let out = starmatch(dir).arg("index").args(extra).output().unwrap();
    assert!(
        out.status.success(),
        "index failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn only_the_edited_story_is_reindexed_and_deleted_ones_disappear() {
    let dir = scratch();
    let stories = dir.path().join("corpus/stories");
    assert!(index_summary(dir.path(), &[]).contains("6 added, 0 updated, 0 removed, 0 unchanged"));
    assert!(index_summary(dir.path(), &[]).contains("0 added, 0 updated, 0 removed, 6 unchanged"));

    let path = stories.join("storage-costs.yaml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Halving", "Cutting in half");
    fs::write(&path, text).unwrap();
    assert!(index_summary(dir.path(), &[]).contains("0 added, 1 updated, 0 removed, 5 unchanged"));
    starmatch(dir.path())
        .args(["query", "-k", "1", "reduced costs"])
        .assert()
        .stdout(predicate::str::contains(
            "Cutting in half our object storage bill",
        ));

    fs::remove_file(stories.join("failover-outage.yaml")).unwrap();
    assert!(index_summary(dir.path(), &[]).contains("0 added, 0 updated, 1 removed, 5 unchanged"));
    let ids = ranked_ids(dir.path(), "Tell me about a production outage");
    assert!(!ids.contains(&"failover-outage".to_string()), "{ids:?}");
}

#[test]
fn a_folder_with_a_meta_json_of_the_user_s_is_never_wiped() {
    let dir = scratch();
    let folder = dir.path().join("settings");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("meta.json"), "{\"theme\": \"dark\"}").unwrap();
    starmatch(dir.path())
        .args(["--index", "settings", "index", "--full"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "holds a meta.json that is not a starmatch index (left as it is)",
        ));
    assert_eq!(
        fs::read_to_string(folder.join("meta.json")).unwrap(),
        "{\"theme\": \"dark\"}"
    );
}

#[test]
fn notes_files_and_folders_in_the_stories_folder_are_named_as_not_read() {
    let dir = scratch();
    let stories = dir.path().join("corpus/stories");
    fs::write(stories.join("toad.md"), "## A story\nS: s\nT: t\n").unwrap();
    fs::create_dir(stories.join("old")).unwrap();
    fs::write(stories.join(".notes.md"), "hidden").unwrap();
    starmatch(dir.path())
        .arg("index")
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "  - {}: notes, not a story file: `starmatch import",
            Path::new("corpus/stories").join("toad.md").display()
        )))
        .stderr(predicate::str::contains(format!(
            "  - {}: a folder: move its story files up",
            Path::new("corpus/stories").join("old").display()
        )))
        .stderr(predicate::str::contains(".notes.md").not());
}

#[test]
fn touching_a_file_without_changing_it_reindexes_nothing() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let path = dir.path().join("corpus/stories/naming-conflict.yaml");
    let text = fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, text).unwrap();
    assert!(index_summary(dir.path(), &[]).contains("0 added, 0 updated, 0 removed, 6 unchanged"));
}

#[test]
fn full_rebuilds_everything() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let summary = index_summary(dir.path(), &["--full"]);
    assert!(
        summary.contains("6 added") && summary.contains("full rebuild"),
        "{summary}"
    );
}

#[test]
fn a_query_refreshes_a_stale_index_and_says_so() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    write_story(
        &dir.path().join("corpus/stories"),
        "zeppelin-story",
        "zeppelin",
    );
    starmatch(dir.path())
        .args(["query", "-k", "1", "zeppelin"])
        .assert()
        .success()
        .stderr(predicate::str::contains("index refreshed"))
        .stdout(predicate::str::contains("zeppelin-story"));
}

#[test]
fn every_broken_file_is_reported_and_nothing_is_committed() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let stories = dir.path().join("corpus/stories");
    fs::write(
        stories.join("bad-yaml.yaml"),
        "title: [unclosed\nsituation: x\n",
    )
    .unwrap();
    fs::write(
        stories.join("typo.yaml"),
        "titel: x\nsituation: s\ntask: t\naction: a\nresult: r\n",
    )
    .unwrap();
    fs::write(
        stories.join("no-title.yaml"),
        "situation: s\ntask: t\naction: a\nresult: r\n",
    )
    .unwrap();
    fs::write(stories.join("one-part.yaml"), "title: x\naction: a\n").unwrap();
    fs::write(
        stories.join("wrong-type.yaml"),
        "title: x\nsituation: s\ntask: t\naction: a\nresult: r\nquestions: \"a string\"\n",
    )
    .unwrap();
    fs::write(stories.join("empty.yaml"), "").unwrap();
    fs::write(
        stories.join("latin1.yaml"),
        b"title: caf\xe9\nsituation: s\ntask: t\naction: a\nresult: r\n",
    )
    .unwrap();
    fs::write(stories.join("huge.yaml"), "x".repeat(1024 * 1024 + 1)).unwrap();
    fs::create_dir(stories.join("folder.yaml")).unwrap();
    std::os::unix::fs::symlink(
        stories.join("missing-target.yaml"),
        stories.join("dangling.yaml"),
    )
    .unwrap();
    let copy = fs::read_to_string(stories.join("naming-conflict.yaml")).unwrap();
    fs::write(
        stories.join("copy.yaml"),
        format!("id: naming-conflict\n{copy}"),
    )
    .unwrap();
    write_story(&stories, "valid-new", "zeppelin");

    let out = starmatch(dir.path()).arg("index").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "bad-yaml.yaml:",
        "unknown field `titel`",
        "no-title.yaml:1:1: missing field `title`",
        "one-part.yaml: only `action` has text",
        "wrong-type.yaml:6:",
        "invalid type",
        "empty.yaml: file is empty",
        "latin1.yaml:1: file is not valid UTF-8",
        "huge.yaml: is 1048577 bytes",
        "folder.yaml: is a directory",
        "dangling.yaml: is a dangling symlink",
        "duplicate story id `naming-conflict`",
        "index was left unchanged",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(
        err.contains("copy.yaml") && err.contains("naming-conflict.yaml"),
        "{err}"
    );

    // A query still takes in the valid new story, and names the broken files.
    let out = starmatch(dir.path())
        .args(["query", "--json", "zeppelin"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("11 broken story file(s)"), "{err}");
    assert!(err.contains("and 8 more"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["hits"][0]["id"], "valid-new");
    starmatch(dir.path())
        .args([
            "query",
            "-k",
            "1",
            "Tell me about a time you mentored someone",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("mentoring-intern"));

    // --skip-invalid lists the skipped ones.
    starmatch(dir.path())
        .args(["index", "--skip-invalid"])
        .assert()
        .success()
        .stderr(predicate::str::contains("skipped 11 broken story file(s)"));
    assert_eq!(ranked_ids(dir.path(), "zeppelin")[0], "valid-new");
}

#[test]
fn a_broken_file_does_not_freeze_the_index_for_other_changes() {
    let dir = scratch();
    let stories = dir.path().join("corpus/stories");
    starmatch(dir.path()).arg("index").assert().success();
    fs::write(stories.join("empty.yaml"), "").unwrap();
    fs::remove_file(stories.join("failover-outage.yaml")).unwrap();
    write_story(&stories, "valid-new", "zeppelin");
    // A story broken while being edited keeps its last good version.
    let mentoring = stories.join("mentoring-intern.yaml");
    let text = fs::read_to_string(&mentoring).unwrap();
    fs::write(&mentoring, format!("{text}\ntitel: oops\n")).unwrap();

    let out = starmatch(dir.path())
        .args(["query", "--json", "-k", "10", "production outage"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 broken story file(s)"), "{err}");
    assert!(err.contains("empty.yaml: file is empty"), "{err}");
    assert!(
        err.contains("mentoring-intern.yaml:") && err.contains("unknown field `titel`"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.contains(&"failover-outage"),
        "deleted story returned: {ids:?}"
    );
    assert_eq!(ranked_ids(dir.path(), "zeppelin")[0], "valid-new");
    assert_eq!(
        ranked_ids(dir.path(), "Tell me about a time you mentored someone")[0],
        "mentoring-intern"
    );
    // `index` itself still refuses to commit over broken files.
    starmatch(dir.path())
        .arg("index")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("index was left unchanged"));
}

#[test]
fn a_missing_corpus_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    starmatch(dir.path())
        .args(["--corpus", "nowhere", "index"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nowhere: corpus folder does not exist",
        ));
}

/// Sets one key of the index's commit payload, as another build would have
/// written it.
fn set_payload(dir: &Path, key: &str, value: serde_json::Value) {
    let meta_path = dir.join("index/meta.json");
    let meta = fs::read_to_string(&meta_path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let mut payload: serde_json::Value =
        serde_json::from_str(json["payload"].as_str().unwrap()).unwrap();
    payload[key] = value;
    json["payload"] = serde_json::Value::String(payload.to_string());
    fs::write(&meta_path, json.to_string()).unwrap();
}

/// Segment files in the index folder (`<32 hex digits>.<ext>`), sorted.
fn segment_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("index"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.split_once('.').is_some_and(|(stem, _)| stem.len() == 32))
        .collect();
    names.sort();
    names
}

#[test]
fn an_interrupted_first_build_is_rebuilt_saying_so_and_leaves_no_files_behind() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    // What a first build killed before its commit leaves: the empty index
    // tantivy creates (no segments, no payload) beside the files it was writing.
    let meta_path = dir.path().join("index/meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["segments"] = serde_json::json!([]);
    meta["payload"] = serde_json::Value::Null;
    fs::write(&meta_path, meta.to_string()).unwrap();
    let orphans = segment_files(dir.path());
    assert!(!orphans.is_empty());

    let summary = index_summary(dir.path(), &[]);
    assert!(
        summary.contains("(full rebuild: the previous build did not finish)"),
        "{summary}"
    );
    let left = segment_files(dir.path());
    assert!(
        orphans.iter().all(|o| !left.contains(o)),
        "{orphans:?} still in {left:?}"
    );
}

#[test]
fn files_of_a_run_killed_after_its_commit_are_removed_by_the_next_index() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let living = segment_files(dir.path());
    // A merge killed after the commit: a copy of the segment under another
    // id, known to tantivy's list of the files it manages.
    let index = dir.path().join("index");
    let orphan_id = "0123456789abcdef0123456789abcdef";
    let managed_path = index.join(".managed.json");
    let mut managed: Vec<String> =
        serde_json::from_str(&fs::read_to_string(&managed_path).unwrap()).unwrap();
    for name in &living {
        let (_, ext) = name.split_once('.').unwrap();
        let copy = format!("{orphan_id}.{ext}");
        fs::copy(index.join(name), index.join(&copy)).unwrap();
        managed.push(copy);
    }
    fs::write(&managed_path, serde_json::to_string(&managed).unwrap()).unwrap();

    assert!(index_summary(dir.path(), &[]).contains("0 added, 0 updated, 0 removed, 6 unchanged"));
    assert_eq!(segment_files(dir.path()), living);
    assert_eq!(
        ranked_ids(dir.path(), "production outage")[0],
        "failover-outage"
    );
}

#[test]
fn an_index_from_another_version_is_rebuilt_automatically() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    set_payload(dir.path(), "schema", 999.into());
    starmatch(dir.path())
        .args(["query", "-k", "1", "outage"])
        .assert()
        .success()
        .stderr(predicate::str::contains("another version of starmatch"))
        .stdout(predicate::str::contains("failover-outage"));
}

#[test]
fn story_vectors_from_another_semantic_model_are_rebuilt() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    set_payload(dir.path(), "semantic", 12345.into());
    starmatch(dir.path())
        .args(["index"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(full rebuild: the semantic model changed)",
        ));
    starmatch(dir.path())
        .args(["index"])
        .assert()
        .success()
        .stdout(predicate::str::contains("full rebuild").not());
}

#[test]
fn an_index_with_another_schema_is_replaced_not_reused() {
    let dir = scratch();
    // What an older starmatch could have left: a valid tantivy index with
    // fewer fields than this version writes.
    let index_dir = dir.path().join("index");
    fs::create_dir_all(&index_dir).unwrap();
    let mut builder = tantivy::schema::Schema::builder();
    let key = builder.add_text_field("key", tantivy::schema::STRING);
    let index = tantivy::Index::create_in_dir(&index_dir, builder.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer
        .add_document(tantivy::doc!(key => "failover-outage.yaml"))
        .unwrap();
    writer.commit().unwrap();
    drop(writer);
    starmatch(dir.path())
        .args(["query", "-k", "1", "outage"])
        .assert()
        .success()
        .stderr(predicate::str::contains("another version of starmatch"))
        .stdout(predicate::str::contains("failover-outage"));
}

#[test]
fn a_corrupted_index_names_the_fix_and_full_recovers() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    fs::write(dir.path().join("index/meta.json"), "{ not json").unwrap();
    starmatch(dir.path())
        .args(["query", "outage"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("starmatch index --full"));
    full_rebuild_recovers(dir.path());
}

#[test]
fn a_second_indexer_is_told_the_index_is_busy() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let lock = fs::File::options()
        .write(true)
        .open(dir.path().join("index/.starmatch.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    starmatch(dir.path())
        .args(["index", "--full", "--wait", "0"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("being updated by another process"))
        // No wait to speak of: no "(waited 5.53µs)".
        .stderr(predicate::str::contains("waited").not());
    // Queries still answer from the committed index meanwhile.
    assert_eq!(ranked_ids(dir.path(), "outage")[0], "failover-outage");
    drop(lock);
    starmatch(dir.path())
        .args(["index", "--full"])
        .assert()
        .success();
}

#[test]
fn lock_files_left_by_a_killed_process_do_not_block_indexing() {
    let dir = scratch();
    let index = dir.path().join("index");
    fs::create_dir_all(&index).unwrap();
    // What a killed process leaves behind: lock files nobody holds any more.
    for name in [
        ".starmatch.lock",
        ".tantivy-writer.lock",
        ".tantivy-meta.lock",
    ] {
        fs::write(index.join(name), "").unwrap();
    }
    starmatch(dir.path())
        .args(["index", "--wait", "0"])
        .assert()
        .success();
    starmatch(dir.path())
        .args(["index", "--full", "--wait", "0"])
        .assert()
        .success();
}

#[test]
fn a_truncated_segment_file_names_the_fix_and_full_recovers() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let index = dir.path().join("index");
    for entry in fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path
            .extension()
            .is_some_and(|e| e == "term" || e == "idx" || e == "store")
        {
            let len = fs::metadata(&path).unwrap().len();
            fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_len(len / 3)
                .unwrap();
        }
    }
    let out = starmatch(dir.path())
        .args(["query", "outage"])
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(101),
        "no panic: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    if !out.status.success() {
        assert_eq!(out.status.code(), Some(3));
        assert!(String::from_utf8_lossy(&out.stderr).contains("starmatch index --full"));
    }
    starmatch(dir.path())
        .arg("index")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("starmatch index --full"));
    full_rebuild_recovers(dir.path());
}

/// `index --full` succeeds and the rebuilt index answers again.
fn full_rebuild_recovers(dir: &Path) {
    starmatch(dir).args(["index", "--full"]).assert().success();
    assert_eq!(ranked_ids(dir, "outage")[0], "failover-outage");
}

#[test]
fn an_index_inside_the_stories_folder_is_refused() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["--index", "corpus/stories/idx", "index"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is inside the stories folder"));
    assert!(!dir.path().join("corpus/stories/idx").exists());
}

#[test]
fn a_missing_file_s_os_error_is_printed_once() {
    let dir = scratch();
    let out = starmatch(dir.path())
        .args(["eval", "--questions", "nope.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
}

#[test]
fn garbled_segment_files_give_the_index_error_never_a_panic() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let index = dir.path().join("index");
    let good = dir.path().join("good");
    common::copy_dir(&index, &good);
    let segment_files: Vec<std::path::PathBuf> = fs::read_dir(&good)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "term" || e == "fast" || e == "idx")
        })
        .collect();
    assert!(!segment_files.is_empty());
    // A fixed pseudo-random sequence: the same bytes are garbled each run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut refused = 0;
    for file in &segment_files {
        for _ in 0..8 {
            fs::remove_dir_all(&index).unwrap();
            common::copy_dir(&good, &index);
            let target = index.join(file.file_name().unwrap());
            let mut bytes = fs::read(&target).unwrap();
            let len = bytes.len().max(1);
            for _ in 0..20 {
                let at = (next() as usize) % len;
                if let Some(b) = bytes.get_mut(at) {
                    *b = next() as u8;
                }
            }
            fs::write(&target, &bytes).unwrap();
            let out = starmatch(dir.path())
                .env_remove("RUST_BACKTRACE")
                .args(["query", "-q", "Tell me about a deadline"])
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_ne!(
                out.status.code(),
                Some(101),
                "{}: {stderr}",
                target.display()
            );
            assert!(!stderr.contains("panicked"), "{stderr}");
            // A garbled term dictionary may also just match nothing (1);
            // an unreadable index says what to do (3).
            match out.status.code() {
                Some(0 | 1) => {}
                Some(3) => {
                    assert!(stderr.contains("index --full"), "{stderr}");
                    refused += 1;
                }
                other => panic!("exit {other:?}: {stderr}"),
            }
        }
    }
    // Some of the garbled indexes were unreadable, and said so.
    assert!(refused > 0);
}

#[test]
fn a_vanished_stories_folder_is_refused_and_the_index_kept() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let stories = dir.path().join("corpus/stories");
    let away = dir.path().join("corpus/stories.away");
    fs::rename(&stories, &away).unwrap();
    for args in [&["index"][..], &["query", "outage"][..]] {
        starmatch(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "the stories folder is missing, but the index holds 6 stories",
            ));
    }
    fs::rename(&away, &stories).unwrap();
    assert!(index_summary(dir.path(), &[]).contains("0 removed, 6 unchanged"));
    // A corpus folder that does not exist is no corpus, whatever the index holds.
    starmatch(dir.path())
        .args(["--corpus", "corpusx", "query", "outage"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "corpusx: corpus folder does not exist",
        ));
}

#[test]
fn an_edit_that_keeps_size_and_mtime_is_still_seen() {
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let path = dir.path().join("corpus/stories/storage-costs.yaml");
    let before = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replacen("Halving", "Zebrafy", 1);
    assert_eq!(edited.len(), text.len());
    fs::write(&path, edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(before)
        .unwrap();
    assert!(index_summary(dir.path(), &[]).contains("1 updated"));
    assert_eq!(ranked_ids(dir.path(), "zebrafy")[0], "storage-costs");
}

#[test]
fn unreadable_story_names_and_special_files_are_named_not_skipped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch();
    index_summary(dir.path(), &[]);
    let stories = dir.path().join("corpus/stories");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-notes.yaml");
    fs::copy(stories.join("storage-costs.yaml"), stories.join(name)).unwrap();
    std::os::unix::fs::symlink("/dev/null", stories.join("null.yaml")).unwrap();
    starmatch(dir.path())
        .arg("index")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the file name is not valid UTF-8"))
        .stderr(predicate::str::contains("null.yaml: is not a regular file"));
    // A query answers, and names them.
    starmatch(dir.path())
        .args(["query", "outage"])
        .assert()
        .success()
        .stderr(predicate::str::contains("rename the file"));
}

#[test]
fn index_folders_that_are_no_index_folders_are_named_for_what_they_are() {
    let dir = scratch();
    // A file where the folder should be.
    fs::write(dir.path().join("ifile"), "hi").unwrap();
    starmatch(dir.path())
        .args(["--index", "ifile", "index"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("it is a file, not a folder"));
    // A folder of the user's own, with a meta.json of its own.
    fs::create_dir(dir.path().join("home")).unwrap();
    fs::write(dir.path().join("home/meta.json"), r#"{"theme":"dark"}"#).unwrap();
    starmatch(dir.path())
        .args(["--index", "home", "query", "outage"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not a starmatch index"));
    // The stories folder reached through a link is still the stories folder.
    std::os::unix::fs::symlink("corpus/stories", dir.path().join("st")).unwrap();
    starmatch(dir.path())
        .args(["--index", "st/idx", "index"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inside the stories folder"));
    assert!(!dir.path().join("corpus/stories/idx").exists());
}
