//! Deterministic synthetic corpus generator for scale benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --stories 100000 --out /tmp/corpus-100k --seed 1
//! ```
//!
//! Writes `OUT/stories/story-N.yaml`: stories of about 250 words built from
//! varied sentence templates, competencies, tags and tagged questions. The
//! same seed always gives the same files.

use std::path::PathBuf;
use std::process::ExitCode;

use starmatch::synth::write_corpus;

fn main() -> ExitCode {
    let mut stories = 1000usize;
    let mut out = PathBuf::from("target/gen-corpus");
    let mut seed = 1u64;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--stories" => stories = value.parse().unwrap_or(stories),
            "--out" => out = PathBuf::from(value),
            "--seed" => seed = value.parse().unwrap_or(seed),
            other => {
                eprintln!(
                    "unknown argument {other}; usage: gen_corpus --stories N --out DIR --seed S"
                );
                return ExitCode::from(2);
            }
        }
        i += 2;
    }
    if let Err(e) = write_corpus(&out, stories, seed) {
        eprintln!("cannot write the corpus to {}: {e}", out.display());
        return ExitCode::from(3);
    }
    println!(
        "wrote {stories} stories to {}",
        out.join("stories").display()
    );
    ExitCode::SUCCESS
}
