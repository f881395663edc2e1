//! `starmatch query`: ranking on a small fixture corpus, input channels,
//! output shapes and hostile question text.

mod common;

use common::{ranked_ids, scratch, starmatch};
use predicates::prelude::*;

#[test]
fn the_expected_story_ranks_first_for_typical_questions() {
    let dir = scratch();
    let cases = [
        (
            "Tell me about a time you disagreed with your manager",
            "roadmap-disagreement",
        ),
        (
            "Describe a conflict you had with a teammate",
            "naming-conflict",
        ),
        ("What's your biggest failure?", "failed-launch"),
        (
            "Give me an example of when you cut spending",
            "storage-costs",
        ),
        (
            "Have you ever coached a junior developer?",
            "mentoring-intern",
        ),
        (
            "Walk me through how you handled a site outage",
            "failover-outage",
        ),
    ];
    for (question, expected) in cases {
        let ids = ranked_ids(dir.path(), question);
        assert_eq!(
            ids.first().map(String::as_str),
            Some(expected),
            "{question}: {ids:?}"
        );
    }
}

#[test]
fn a_synonym_from_the_lexicon_finds_a_story_that_shares_no_words() {
    let dir = scratch();
    // "boss" and "clashed" appear in no fixture story; the lexicon maps them
    // to the manager and conflict concepts.
    let ids = ranked_ids(dir.path(), "When have you clashed with your boss?");
    assert_eq!(ids[0], "roadmap-disagreement", "{ids:?}");
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = scratch();
    let out = starmatch(dir.path())
        .args([
            "query",
            "--json",
            "-k",
            "2",
            "Tell me about a production outage",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["question"], "Tell me about a production outage");
    let hits = json["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let first = &hits[0];
    for key in [
        "rank",
        "id",
        "title",
        "score",
        "path",
        "competencies",
        "tags",
        "matched_question",
        "snippet",
    ] {
        assert!(first.get(key).is_some(), "missing {key} in {first}");
    }
    assert_eq!(first["rank"], 1);
    assert_eq!(first["id"], "failover-outage");
    assert!(first["path"]
        .as_str()
        .unwrap()
        .ends_with("failover-outage.yaml"));
    assert_eq!(
        first["matched_question"],
        "Tell me about a time you handled a production outage."
    );
    assert!(first["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
}

#[test]
fn a_multi_line_question_can_be_piped_on_stdin() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["query", "-k", "1"])
        .write_stdin(
            "We have a lot of cloud spend.\nTell me how you reduced costs\nin a previous role.\n",
        )
        .assert()
        .success()
        .stdout(predicate::str::contains("Halving our object storage bill"));
}

#[test]
fn text_output_shows_rank_title_competencies_question_and_snippet() {
    let dir = scratch();
    starmatch(dir.path())
        .args([
            "query",
            "-k",
            "1",
            "Tell me about a time you mentored someone",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1. Coaching an intern to ship a real feature",
        ))
        .stdout(predicate::str::contains(
            "competencies: mentoring, leadership",
        ))
        .stdout(predicate::str::contains(
            "answers: \"Tell me about a time you mentored someone.\"",
        ))
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn explain_lists_the_signals_of_each_hit() {
    let dir = scratch();
    let out = starmatch(dir.path())
        .args([
            "query",
            "--json",
            "--explain",
            "-k",
            "1",
            "clashed with my boss",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &json["hits"][0];
    let signals: Vec<&str> = hit["explain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["signal"].as_str().unwrap())
        .collect();
    assert!(
        signals.contains(&"competency") || signals.contains(&"concept-text"),
        "{signals:?}"
    );
    let total: f64 = hit["explain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["score"].as_f64().unwrap())
        .sum();
    let score = hit["score"].as_f64().unwrap();
    assert!(
        (total - score).abs() < 0.01 * score.max(1.0),
        "contributions {total} vs score {score}"
    );
}

#[test]
fn explain_in_text_says_what_the_question_is_about() {
    let dir = scratch();
    starmatch(dir.path())
        .args([
            "query",
            "--explain",
            "-k",
            "1",
            "Tell me about a time you clashed with your boss",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "question words: clashed, boss\nquestion themes: conflict, manager",
        ));
}

#[test]
fn explain_says_how_a_typo_was_read() {
    let dir = scratch();
    starmatch(dir.path())
        .args([
            "query",
            "--explain",
            "-k",
            "1",
            "Tell me about a time you clashed with your freind",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "question words: clashed, freind (read \"freind\" as \"friend\")\n",
        ));
}

#[test]
fn explain_in_text_lists_the_themes_read_from_the_question_s_meaning() {
    let dir = scratch();
    let out = starmatch(dir.path())
        .args([
            "query",
            "--explain",
            "-k",
            "1",
            "How do you start when nobody can say what they want?",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let themes = text.lines().nth(1).unwrap();
    // No word of the question is a form of `ambiguity`; the classifier
    // reads it, with its probability as a percentage.
    assert!(themes.starts_with("question themes: none"), "{themes}");
    let meaning = themes.split("from its meaning: ").nth(1).unwrap();
    assert!(meaning.starts_with("ambiguity "), "{themes}");
    assert!(meaning.trim_end_matches(')').ends_with('%'), "{themes}");
}

#[test]
fn an_empty_question_is_a_usage_error() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["query", "   "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the question is empty"));
    starmatch(dir.path())
        .arg("query")
        .write_stdin("\n\t \n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the question is empty"));
}

#[test]
fn boilerplate_alone_matches_nothing() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["query", "Tell me about a time"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("nothing to match"));
}

#[test]
fn invalid_utf8_on_stdin_is_reported() {
    let dir = scratch();
    starmatch(dir.path())
        .arg("query")
        .write_stdin(&b"conflict with \xff\xfe a peer"[..])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8"));
}

#[test]
fn hostile_question_text_never_breaks_the_query() {
    let dir = scratch();
    let long = "conflict ".repeat(120_000); // about 1 MB
    let hostile = [
        "\"unbalanced quote conflict",
        "title:failure AND (manager OR) NOT",
        "[brackets] {braces} ^boost~2 *wild* +must -not",
        "AND OR NOT",
        "😀🔥 конфликт с менеджером 冲突",
        "conflict\u{0}with\u{0}nul",
        "a -- b || c && d ! e ? f / g \\ h",
        long.as_str(),
    ];
    for q in hostile {
        // Arguments cannot hold NUL bytes or a megabyte: such questions come on stdin.
        let out = if q.contains('\u{0}') || q.len() > 100_000 {
            starmatch(dir.path())
                .args(["query", "--json"])
                .write_stdin(q)
                .output()
                .unwrap()
        } else {
            starmatch(dir.path())
                .args(["query", "--json", q])
                .output()
                .unwrap()
        };
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "{:?} for {:.60}: {}",
            code,
            q,
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("valid JSON even for hostile text");
        assert!(json["hits"].is_array());
    }
}

#[test]
fn a_broken_pipe_exits_quietly() {
    let dir = scratch();
    // Prime the index so the query itself prints nothing on stderr.
    starmatch(dir.path()).arg("index").assert().success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("starmatch"))
        .current_dir(dir.path())
        .args(["query", "-k", "6", "conflict"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_broken_concepts_file_is_named_as_the_problem_not_the_index() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("corpus/concepts.yaml"),
        "- name: kubernetes\n  form: [k8s]\n",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["query", "conflict with my manager"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "corpus/concepts.yaml:2:3: entry 1: unknown field `form`",
        ))
        .stderr(predicate::str::contains("fix the concepts file"))
        .stderr(predicate::str::contains("opening the index").not());
}

#[test]
fn explain_shows_the_question_s_own_words_not_their_stems() {
    let dir = scratch();
    starmatch(dir.path())
        .args([
            "query",
            "--explain",
            "-k",
            "1",
            "What are your Salary expectations?",
        ])
        .assert()
        .stdout(predicate::str::starts_with(
            "question words: Salary, expectations\n",
        ));
}

#[test]
fn a_question_without_words_is_told_so() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["query", "?!? 😀 ..."])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the question has no words"))
        .stderr(predicate::str::contains("interview phrasing").not());
}

#[test]
fn words_too_long_to_read_are_not_called_punctuation() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["query", "上司と意見が合わなかった時のことを教えてください"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "every word of the question is too long to read",
        ))
        .stderr(predicate::str::contains("punctuation").not());
}

#[test]
fn a_corpus_named_at_its_stories_folder_says_where_the_stories_are() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["--corpus", "corpus/stories", "query", "a conflict"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "holds YAML files itself; if those are your stories, pass the folder above it as --corpus",
        ));
}

#[test]
fn a_query_over_an_empty_corpus_says_there_are_no_stories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus/stories")).unwrap();
    starmatch(dir.path())
        .args(["query", "Tell me about a conflict"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the corpus has no stories yet"))
        .stderr(predicate::str::contains("starmatch import"));
}

#[test]
fn a_missing_corpus_folder_is_named_as_the_problem_not_the_index() {
    let dir = tempfile::tempdir().unwrap();
    starmatch(dir.path())
        .args(["--corpus", "nowhere", "query", "conflict"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Error: nowhere: corpus folder does not exist",
        ));
}
