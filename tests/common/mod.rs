//! Shared helpers for the CLI tests: a scratch copy of the fixture corpus and
//! a `starmatch` command running inside it.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub fn fixture_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// A temp dir holding `corpus/` (a copy of the fixtures) and room for `index/`.
pub fn scratch() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture_corpus(), &dir.path().join("corpus"));
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture");
        }
    }
}

/// `starmatch` run in `dir`, with the default corpus/ and index/ locations.
pub fn starmatch(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("starmatch").expect("binary built");
    cmd.current_dir(dir)
        .env_remove("STARMATCH_CORPUS")
        .env_remove("STARMATCH_INDEX")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `query --json` and returns the ranked ids.
pub fn ranked_ids(dir: &Path, question: &str) -> Vec<String> {
    let out = starmatch(dir)
        .args(["query", "--json", "-k", "5", question])
        .output()
        .expect("run query");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "query failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    json["hits"]
        .as_array()
        .expect("hits array")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

/// Writes a valid story file with the given id and a distinctive word.
pub fn write_story(dir: &Path, id: &str, word: &str) {
    let text = format!(
        "title: Story {id} about {word}\nsituation: The {word} service was in trouble.\ntask: Fix the {word} problem.\naction: I rebuilt the {word} pipeline step by step.\nresult: The {word} numbers improved.\n"
    );
    fs::write(dir.join(format!("{id}.yaml")), text).expect("write story");
}

/// A ZIP archive holding `files` (name, bytes), in that order, deflated:
/// a Word or Excel package, an OpenDocument file or an export as
/// downloaded.
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    buffer.into_inner()
}
