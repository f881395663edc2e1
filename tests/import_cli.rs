//! `starmatch import` end to end: files written, reports, re-imports,
//! broken inputs, and the imported stories answering queries.

mod common;

use std::fs;
use std::path::Path;

use common::{ranked_ids, scratch, starmatch, zip_of};
use predicates::prelude::*;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn story_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("corpus/stories"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn imported_stories_are_written_and_found_by_the_next_query() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["import", &fixture("bold-inline.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 story(ies)"))
        .stdout(predicate::str::contains(
            "+ migrating-the-job-scheduler \"Migrating the job scheduler\" (line 3): wrote",
        ));
    let text = fs::read_to_string(
        dir.path()
            .join("corpus/stories/migrating-the-job-scheduler.yaml"),
    )
    .unwrap();
    // The fixture lies outside the current folder: its path is recorded whole.
    assert!(
        text.contains(&format!("source: {}:3", fixture("bold-inline.md"))),
        "{text}"
    );
    let ids = ranked_ids(
        dir.path(),
        "Tell me about moving cron jobs to a workflow engine",
    );
    assert_eq!(ids[0], "migrating-the-job-scheduler");
}

#[test]
fn dry_run_writes_nothing() {
    let dir = scratch();
    let before = story_files(dir.path());
    starmatch(dir.path())
        .args(["import", "--dry-run", &fixture("bold-inline.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains("would write"))
        .stdout(predicate::str::contains("dry run: nothing was written"));
    assert_eq!(story_files(dir.path()), before);
}

#[test]
fn a_second_import_leaves_stories_alone_unless_forced() {
    let dir = scratch();
    starmatch(dir.path())
        .args(["import", &fixture("bold-inline.md")])
        .assert()
        .success();
    let path = dir
        .path()
        .join("corpus/stories/migrating-the-job-scheduler.yaml");
    fs::write(
        &path,
        fs::read_to_string(&path)
            .unwrap()
            .replace("120 jobs", "121 jobs"),
    )
    .unwrap();
    let count = story_files(dir.path()).len();
    starmatch(dir.path())
        .args(["import", &fixture("bold-inline.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "= migrating-the-job-scheduler \"Migrating the job scheduler\" (line 3): left alone (already imported, but the notes and the story file now differ; --force replaces it",
        ));
    assert_eq!(story_files(dir.path()).len(), count, "no -2 duplicates");
    assert!(
        fs::read_to_string(&path).unwrap().contains("121 jobs"),
        "the user's edit survives"
    );
    starmatch(dir.path())
        .args(["import", "--force", &fixture("bold-inline.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains("overwrote"));
    assert!(fs::read_to_string(&path).unwrap().contains("120 jobs"));
}

#[test]
fn notes_edited_above_a_story_or_named_from_another_folder_import_no_copies() {
    let dir = scratch();
    let notes = dir.path().join("notes");
    fs::create_dir(&notes).unwrap();
    let original = fs::read_to_string(fixture("bold-inline.md")).unwrap();
    fs::write(notes.join("prep.md"), &original).unwrap();
    starmatch(dir.path())
        .args(["import", "notes/prep.md"])
        .assert()
        .success();
    let count = story_files(dir.path()).len();
    // Lines added above the stories move them down the file.
    fs::write(
        notes.join("prep.md"),
        format!("# Prep notes\n\nUpdated after the phone screen.\n\n{original}"),
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", "notes/prep.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "= migrating-the-job-scheduler \"Migrating the job scheduler\" (line 7): left alone",
        ));
    assert_eq!(story_files(dir.path()).len(), count, "no -2 copies");
    // The same notes named from inside their folder.
    let corpus = dir.path().join("corpus");
    starmatch(&notes)
        .args(["--corpus", corpus.to_str().unwrap(), "import", "prep.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("left alone"));
    assert_eq!(story_files(dir.path()).len(), count, "no -2 copies");
}

#[test]
fn force_never_replaces_a_story_of_other_notes_of_the_same_name() {
    let dir = scratch();
    for (folder, what) in [("a", "slow for all users"), ("b", "broken on Safari")] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        fs::write(
            dir.path().join(folder).join("star.md"),
            format!("## Fixing login\nS: Login was {what}.\nT: I had to fix it.\nA: I added an index.\nR: Login got 5x faster.\n"),
        )
        .unwrap();
    }
    starmatch(dir.path())
        .args(["import", "a/star.md"])
        .assert()
        .success();
    // b's notes, named from inside b: `star.md` ends like `a/star.md`.
    let corpus = dir.path().join("corpus");
    starmatch(&dir.path().join("b"))
        .args([
            "--corpus",
            corpus.to_str().unwrap(),
            "import",
            "--force",
            "star.md",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("+ fixing-login-2"));
    let first = fs::read_to_string(corpus.join("stories/fixing-login.yaml")).unwrap();
    assert!(first.contains("slow for all users"), "{first}");
}

#[test]
fn a_different_story_with_the_same_title_gets_a_suffixed_id() {
    let dir = scratch();
    let other = dir.path().join("other.md");
    fs::write(
        &other,
        "## Story: Migrating the job scheduler\nS: A different scheduler.\nT: Move it.\nA: I moved it.\nR: It moved.\n",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", &fixture("bold-inline.md")])
        .assert()
        .success();
    starmatch(dir.path())
        .args(["import", other.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("migrating-the-job-scheduler-2"));
}

#[test]
fn an_id_declared_by_a_renamed_story_file_is_not_written_again() {
    let dir = scratch();
    let stories = dir.path().join("corpus/stories");
    // A hand-written story whose file was renamed keeps its id.
    fs::write(
        stories.join("my-own-name.yaml"),
        "id: 'migrating-the-job-scheduler'\ntitle: My scheduler move\nsituation: Cron on one box.\naction: I moved the jobs.\nresult: No missed runs.\n",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", &fixture("bold-inline.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "+ migrating-the-job-scheduler-2 \"Migrating the job scheduler\"",
        ));
    assert!(!stories.join("migrating-the-job-scheduler.yaml").exists());
    // The corpus still indexes: no id is used twice.
    starmatch(dir.path()).args(["index"]).assert().success();
}

#[test]
fn broken_files_are_reported_and_the_others_still_import() {
    let dir = scratch();
    let binary = dir.path().join("photo.md");
    fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let tips = dir.path().join("tips");
    fs::write(&tips, "# Interview tips\n\n- Smile\n- Be concise\n").unwrap();
    let out = starmatch(dir.path())
        .args([
            "import",
            "--json",
            binary.to_str().unwrap(),
            empty.to_str().unwrap(),
            tips.to_str().unwrap(),
            &fixture("one-letter.md"),
            "missing.md",
        ])
        .output()
        .unwrap();
    // Three files could not be read: an input error, though the others went in.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("3 of 5 file(s) could not be imported")
            && err.contains("missing.md")
            && err.contains("the other files were imported"),
        "{err}"
    );
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 5);
    assert!(reports[0]["error"].as_str().unwrap().contains("binary"));
    assert!(reports[1]["error"].as_str().unwrap().contains("empty"));
    assert!(reports[2]["error"]
        .as_str()
        .unwrap()
        .contains("no STAR stories"));
    assert_eq!(reports[2]["skipped"][0]["title"], "Interview tips");
    assert!(!reports[3]["stories"].as_array().unwrap().is_empty());
    assert!(reports[4]["error"]
        .as_str()
        .unwrap()
        .contains("cannot read"));
}

#[test]
fn a_file_with_no_stories_exits_with_no_result() {
    let dir = scratch();
    let tips = dir.path().join("tips.md");
    fs::write(&tips, "# Tips\nBe brief.\n").unwrap();
    starmatch(dir.path())
        .args(["import", tips.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no STAR stories found"));
}

#[test]
fn a_story_written_under_its_old_ascii_id_is_found_again_on_reimport() {
    // Before ids folded accents, "Día de nieve" was `d-a-de-nieve`.
    let dir = scratch();
    let notes = dir.path().join("notas.md");
    fs::write(
        &notes,
        "## Día de nieve\n\nSituation: snow closed the runway.\n\nTask: clear it.\n\nAction: I closed it once for 40 minutes.\n\nResult: 41 of 54 flights left.\n",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", notes.to_str().unwrap()])
        .assert()
        .success();
    let stories = dir.path().join("corpus/stories");
    fs::rename(
        stories.join("dia-de-nieve.yaml"),
        stories.join("d-a-de-nieve.yaml"),
    )
    .unwrap();
    let text = fs::read_to_string(stories.join("d-a-de-nieve.yaml")).unwrap();
    fs::write(
        stories.join("d-a-de-nieve.yaml"),
        text.replace("id: dia-de-nieve", "id: d-a-de-nieve"),
    )
    .unwrap();
    let count = story_files(dir.path()).len();
    starmatch(dir.path())
        .args(["import", notes.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("left alone"));
    assert_eq!(story_files(dir.path()).len(), count, "no duplicate");
}

/// Writes `notes/<folder>/star.md` holding one story titled "Fixing the flaky deploy".
fn write_star_notes(dir: &Path, folder: &str, what: &str) {
    let notes = dir.join("notes").join(folder);
    fs::create_dir_all(&notes).unwrap();
    fs::write(
        notes.join("star.md"),
        format!("# Fixing the flaky deploy\n\n**Situation:** The {what} deploy failed often.\n**Task:** Make it reliable.\n**Action:** I fixed the {what} step.\n**Result:** No failures for a month.\n"),
    )
    .unwrap();
}

#[test]
fn notes_files_with_the_same_name_in_different_folders_are_different_sources() {
    let dir = scratch();
    write_star_notes(dir.path(), "a", "backend");
    write_star_notes(dir.path(), "b", "mobile");
    let stories = dir.path().join("corpus/stories");
    for force in [false, true] {
        let mut cmd = starmatch(dir.path());
        cmd.arg("import");
        if force {
            cmd.arg("--force");
        }
        cmd.args(["notes/a/star.md", "notes/b/star.md"])
            .assert()
            .success();
        let a = fs::read_to_string(stories.join("fixing-the-flaky-deploy.yaml")).unwrap();
        let b = fs::read_to_string(stories.join("fixing-the-flaky-deploy-2.yaml")).unwrap();
        assert!(
            a.contains("backend") && a.contains("source: notes/a/star.md:1"),
            "{a}"
        );
        assert!(
            b.contains("mobile") && b.contains("source: notes/b/star.md:1"),
            "{b}"
        );
    }
    // The same notes named another way (`./`) are the same source.
    starmatch(dir.path())
        .args(["import", "./notes/a/star.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("left alone"));
    assert_eq!(
        story_files(dir.path())
            .iter()
            .filter(|n| n.starts_with("fixing-the-flaky-deploy"))
            .count(),
        2
    );
}

#[test]
fn a_story_whose_source_is_a_bare_file_name_is_still_recognised() {
    // Stories imported before sources held paths say `source: star.md:1`.
    let dir = scratch();
    write_star_notes(dir.path(), "a", "backend");
    write_star_notes(dir.path(), "b", "mobile");
    starmatch(dir.path())
        .args(["import", "notes/a/star.md"])
        .assert()
        .success();
    let path = dir
        .path()
        .join("corpus/stories/fixing-the-flaky-deploy.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("source: notes/a/star.md:1", "source: star.md:1"),
    )
    .unwrap();
    let count = story_files(dir.path()).len();
    starmatch(dir.path())
        .args(["import", "notes/a/star.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("left alone"));
    assert_eq!(story_files(dir.path()).len(), count, "no duplicate");

    // Two `star.md` in one run: only the one that tells the same story is
    // it, and --force never puts the other's story in its place.
    starmatch(dir.path())
        .args(["import", "--force", "notes/b/star.md", "notes/a/star.md"])
        .assert()
        .success();
    let a = fs::read_to_string(&path).unwrap();
    assert!(
        a.contains("backend") && a.contains("source: notes/a/star.md:1"),
        "{a}"
    );
    let b = fs::read_to_string(
        dir.path()
            .join("corpus/stories/fixing-the-flaky-deploy-2.yaml"),
    )
    .unwrap();
    assert!(b.contains("mobile"), "{b}");
}

#[test]
fn a_story_told_twice_in_one_notes_file_is_imported_once_and_the_copy_reported() {
    let dir = scratch();
    write_star_notes(dir.path(), "a", "backend");
    let once = fs::read_to_string(dir.path().join("notes/a/star.md")).unwrap();
    fs::write(dir.path().join("twice.md"), format!("{once}\n{once}")).unwrap();
    let count = story_files(dir.path()).len();
    starmatch(dir.path())
        .args(["import", "twice.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("twice.md: 1 story(ies)"))
        .stdout(predicate::str::contains(
            "- skipped \"Fixing the flaky deploy\" (line 8): the same story as line 1",
        ));
    assert_eq!(story_files(dir.path()).len(), count + 1);
}

#[test]
fn a_reimport_says_whether_the_story_left_alone_is_unchanged() {
    let dir = scratch();
    write_star_notes(dir.path(), "a", "backend");
    starmatch(dir.path())
        .args(["import", "notes/a/star.md"])
        .assert()
        .success();
    starmatch(dir.path())
        .args(["import", "notes/a/star.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "= fixing-the-flaky-deploy \"Fixing the flaky deploy\" (line 1): left alone (already imported, unchanged)",
        ));
    write_star_notes(dir.path(), "a", "payments");
    let out = starmatch(dir.path())
        .args(["import", "--json", "notes/a/star.md"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let story = &report[0]["stories"][0];
    assert_eq!(story["outcome"], "left_alone");
    assert_eq!(story["differs"], true);
}

#[test]
fn many_stories_of_one_title_get_their_own_ids_and_a_reimport_finds_each_again() {
    let dir = scratch();
    let notes = |n: usize, what: &str| -> String {
        (1..=n)
            .map(|i| format!("## Outage\nS: {what} number {i} went down.\nT: Fix it.\nA: I rolled back.\nR: It came back.\n\n"))
            .collect()
    };
    fs::write(dir.path().join("a.md"), notes(120, "The billing service")).unwrap();
    fs::write(dir.path().join("b.md"), notes(30, "The search cluster")).unwrap();
    let before = story_files(dir.path()).len();
    starmatch(dir.path())
        .args(["import", "a.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("a.md: 120 story(ies)"))
        .stdout(predicate::str::contains("+ outage-120 \"Outage\" (line "));
    // Other notes with the same title continue the numbering and overwrite nothing.
    starmatch(dir.path())
        .args(["import", "b.md", "a.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("+ outage-150 \"Outage\""))
        .stdout(predicate::str::contains("= outage-120 \"Outage\""))
        .stdout(predicate::str::contains("wrote").count(30));
    assert_eq!(story_files(dir.path()).len(), before + 150);
    let first = fs::read_to_string(dir.path().join("corpus/stories/outage.yaml")).unwrap();
    assert!(
        first.contains("The billing service number 1 went down"),
        "{first}"
    );
    let last = fs::read_to_string(dir.path().join("corpus/stories/outage-150.yaml")).unwrap();
    assert!(
        last.contains("The search cluster number 30 went down"),
        "{last}"
    );
    // The same file given twice in one run is the same stories.
    starmatch(dir.path())
        .args(["import", "b.md", "b.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote").not());
    assert_eq!(story_files(dir.path()).len(), before + 150);
    // Both again, in either order: each story finds its own file.
    for order in [["a.md", "b.md"], ["b.md", "a.md"]] {
        starmatch(dir.path())
            .arg("import")
            .args(order)
            .assert()
            .success()
            .stdout(predicate::str::contains("wrote").not())
            .stdout(predicate::str::contains("= outage-150 \"Outage\""))
            .stdout(predicate::str::contains("= outage \"Outage\""));
    }
    assert_eq!(story_files(dir.path()).len(), before + 150);
}

#[test]
fn a_folder_is_searched_for_its_notes_files() {
    let dir = scratch();
    write_star_notes(dir.path(), "a", "backend");
    write_star_notes(dir.path(), "b/deeper", "mobile");
    let notes = dir.path().join("notes");
    // Left out: hidden folders, other files, a Takeout note's JSON twin.
    fs::create_dir_all(notes.join(".obsidian")).unwrap();
    fs::write(
        notes.join(".obsidian/star.md"),
        "# Hidden\n\n**Situation:** a\n**Task:** b\n**Action:** c\n**Result:** d\n",
    )
    .unwrap();
    fs::write(notes.join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    fs::write(
        notes.join("a/star.json"),
        r#"{"title": "Twin", "textContent": "the same note"}"#,
    )
    .unwrap();
    fs::write(
        notes.join("a/star.html"),
        "<html><body><p>A page of tips.</p></body></html>",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", "notes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("notes/a/star.md: 1 story(ies)"))
        .stdout(predicate::str::contains(
            "notes/b/deeper/star.md: 1 story(ies)",
        ))
        .stdout(predicate::str::contains("star.json").not())
        .stdout(predicate::str::contains("Hidden").not());
    let files = story_files(dir.path());
    assert!(
        files.contains(&"fixing-the-flaky-deploy.yaml".to_owned()),
        "{files:?}"
    );
    assert!(
        files.contains(&"fixing-the-flaky-deploy-2.yaml".to_owned()),
        "{files:?}"
    );
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("hidden") || f.starts_with("twin")),
        "{files:?}"
    );
    // A folder without notes is reported as such.
    fs::create_dir_all(dir.path().join("empty")).unwrap();
    starmatch(dir.path())
        .args(["import", "empty"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "empty: is a folder holding no notes files",
        ));
}

#[test]
fn a_zip_export_imports_the_notes_inside_it() {
    let dir = scratch();
    let story = |what: &str| {
        format!("# Fixing the flaky deploy\n\n**Situation:** The {what} deploy failed often.\n**Task:** Make it reliable.\n**Action:** I fixed the {what} step.\n**Result:** No failures for a month.\n")
    };
    // Notion splits a large export into parts, a ZIP inside the ZIP.
    let part = zip_of(&[("Stories/mobile.md", story("mobile").as_bytes())]);
    let export = zip_of(&[
        ("Export/Stories/backend.md", story("backend").as_bytes()),
        ("Export/image.png", &[0x89, b'P', b'N', b'G']),
        ("__MACOSX/Export/._backend.md", b"junk"),
        ("Export-Part-2.zip", &part),
    ]);
    fs::write(dir.path().join("export.zip"), export).unwrap();
    starmatch(dir.path())
        .args(["import", "export.zip"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "export.zip/Export/Stories/backend.md: 1 story(ies)",
        ))
        .stdout(predicate::str::contains(
            "export.zip/Export-Part-2.zip/Stories/mobile.md: 1 story(ies)",
        ))
        .stdout(predicate::str::contains("MACOSX").not());
    let stories = dir.path().join("corpus/stories");
    let both = [
        "fixing-the-flaky-deploy.yaml",
        "fixing-the-flaky-deploy-2.yaml",
    ]
    .map(|name| fs::read_to_string(stories.join(name)).unwrap())
    .join("\n");
    assert!(
        both.contains("source: export.zip/Export/Stories/backend.md:1"),
        "{both}"
    );
    assert!(
        both.contains("source: export.zip/Export-Part-2.zip/Stories/mobile.md:1"),
        "{both}"
    );
    // Imported again, the stories are found and left alone.
    starmatch(dir.path())
        .args(["import", "export.zip"])
        .assert()
        .success()
        .stdout(predicate::str::contains("left alone"));
    // An archive without notes says so.
    fs::write(
        dir.path().join("photos.zip"),
        zip_of(&[("a.png", &[1, 2, 3])]),
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", "photos.zip"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "photos.zip: is a ZIP archive holding no notes files",
        ));
}

#[test]
fn a_folder_named_twice_or_with_a_file_in_it_imports_each_file_once() {
    let dir = scratch();
    write_star_notes(dir.path(), "a", "backend");
    // Notion keeps a database as `Name.csv` and `Name_all.csv`.
    let csv = "Name,Situation,Task,Action,Result\nRota fix,Overtime was high.,Cut it.,Rebuilt the rota.,Overtime halved.\n";
    fs::write(dir.path().join("notes/a/Stories.csv"), csv).unwrap();
    fs::write(dir.path().join("notes/a/Stories_all.csv"), csv).unwrap();
    starmatch(dir.path())
        .args(["import", "--dry-run", "notes", "notes", "notes/a/star.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("notes/a/star.md: 1 story(ies)").count(1))
        .stdout(predicate::str::contains("Stories.csv: 1 story(ies)"))
        .stdout(predicate::str::contains("Stories_all.csv").not());
}

#[test]
fn a_notion_database_is_read_from_its_pages_not_its_csv_copies() {
    let dir = scratch();
    let export = dir.path().join("Export");
    fs::create_dir_all(export.join("Stories 8f3e")).unwrap();
    let csv = "Name,Situation,Task,Action,Result\nRota fix,Overtime was high.,Cut it.,Rebuilt the rota.,Overtime halved.\n";
    fs::write(export.join("Stories 8f3e.csv"), csv).unwrap();
    fs::write(export.join("Stories 8f3e_all.csv"), csv).unwrap();
    fs::write(
        export.join("Stories 8f3e/Rota fix 1c9d.md"),
        "# Rota fix\n\nSituation: Overtime was high.\n\nTask: Cut it.\n\nAction: Rebuilt the rota.\n\nResult: Overtime halved.\n",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", "--dry-run", "Export"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Rota fix 1c9d.md: 1 story(ies)"))
        .stdout(predicate::str::contains(".csv").not());
}

#[test]
fn notes_imported_when_their_title_gave_a_longer_id_are_found_again() {
    let dir = scratch();
    fs::write(
        dir.path().join("shifts.md"),
        "## Night skill mix — CARL (my mistake)\n\nS: I signed off a night rota with two new starters and no senior nurse.\nT: Own the gap and close it.\nA: I told the matron the same morning and added a skill-mix rule to the rota template.\nR: Every rota since has met the rule.\n",
    )
    .unwrap();
    // The story file an earlier version wrote, under the longer title.
    fs::write(
        dir.path().join("corpus/stories/night-skill-mix-carl-my-mistake.yaml"),
        "title: Night skill mix — CARL (my mistake)\nsituation: I signed off a night rota with two new starters and no senior nurse.\ntask: Own the gap and close it.\naction: I told the matron the same morning and added a skill-mix rule to the rota template.\nresult: Every rota since has met the rule.\nsource: shifts.md:1\n",
    )
    .unwrap();
    let before = story_files(dir.path());
    starmatch(dir.path())
        .args(["import", "shifts.md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("night-skill-mix-carl-my-mistake"))
        .stdout(predicate::str::contains("left alone"));
    assert_eq!(story_files(dir.path()), before);
}

#[test]
fn ids_of_indexed_story_files_come_from_the_index_and_edited_files_are_read() {
    let dir = scratch();
    let stories = dir.path().join("corpus/stories");
    // A renamed story file holding the id an import would choose, indexed:
    // the manifest names its id without the file being read.
    fs::write(
        stories.join("my-own-name.yaml"),
        "id: migrating-the-job-scheduler\ntitle: My scheduler move\nsituation: Cron on one box.\ntask: Move it.\naction: I moved the jobs.\nresult: No missed runs.\n",
    )
    .unwrap();
    starmatch(dir.path()).arg("index").assert().success();
    starmatch(dir.path())
        .args(["import", "--dry-run", &fixture("bold-inline.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "migrating-the-job-scheduler-2 \"Migrating the job scheduler\"",
        ));
    // Edited since the index was built, it is read: its id now is another.
    fs::write(
        stories.join("my-own-name.yaml"),
        "id: my-scheduler-move\ntitle: My scheduler move\nsituation: Cron on one box.\ntask: Move it.\naction: I moved the jobs.\nresult: No missed runs at all.\n",
    )
    .unwrap();
    starmatch(dir.path())
        .args(["import", "--dry-run", &fixture("bold-inline.md")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "migrating-the-job-scheduler \"Migrating the job scheduler\"",
        ));
}
