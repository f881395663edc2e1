//! Criterion benchmarks: in-process query latency at 44 (the default corpus),
//! 1,000 and (opt-in) 100,000 stories, the explanations of the shown hits,
//! indexing throughput, and the staleness check a query runs before answering.
//!
//! ```sh
//! cargo bench                                   # default corpus and 1,000 stories
//! STARMATCH_BENCH_LARGE=1 cargo bench           # adds the 100,000-story rows
//! ```
//! Generated corpora and indexes are cached under `target/bench-data/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use indicatif::ProgressBar;
use starmatch::search::analysis::Analyzer;
use starmatch::search::index::{self, RefreshOptions};
use starmatch::search::{load_lexicon, snippet, Engine};
use starmatch::synth::write_corpus;
use starmatch::Corpus;

const QUESTIONS: &[&str] = &[
    "Tell me about a time you disagreed with your manager",
    "Describe a situation where a system you owned kept timing out under load",
    "Give me an example of when you saved the company money",
    "Biggest failure?",
];

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data")
}

/// A generated corpus of `count` stories with a fresh index, built once and cached.
fn generated(count: usize) -> (Corpus, PathBuf) {
    let root = data_dir().join(format!("corpus-{count}"));
    if !root.join("stories").is_dir() {
        write_corpus(&root, count, 1).expect("generate corpus");
    }
    let corpus = Corpus::new(&root);
    let index_dir = data_dir().join(format!("index-{count}"));
    let lexicon = load_lexicon(&mut Analyzer::new(), &corpus, None).expect("lexicon");
    index::refresh(
        &corpus,
        &index_dir,
        &lexicon,
        &RefreshOptions::default(),
        &ProgressBar::hidden(),
    )
    .expect("index generated corpus");
    (corpus, index_dir)
}

fn default_corpus() -> (Corpus, PathBuf) {
    let corpus = Corpus::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    (corpus, data_dir().join("index-default"))
}

fn bench_query(c: &mut Criterion, name: &str, corpus: &Corpus, index_dir: &Path) {
    let (mut engine, _) = Engine::open_fresh(corpus, index_dir).expect("open index");
    let searcher = engine.searcher();
    let mut i = 0;
    c.bench_function(&format!("query/{name}"), |b| {
        b.iter(|| {
            let q = QUESTIONS[i % QUESTIONS.len()];
            i += 1;
            let analyzed = engine.ranker.analyze(q);
            engine
                .ranker
                .search(&searcher, &analyzed, 3)
                .expect("search")
        })
    });
    c.bench_function(&format!("open-and-query/{name}"), |b| {
        b.iter(|| {
            let (mut engine, _) = Engine::open_fresh(corpus, index_dir).expect("open index");
            let searcher = engine.searcher();
            let analyzed = engine.ranker.analyze(QUESTIONS[0]);
            engine
                .ranker
                .search(&searcher, &analyzed, 3)
                .expect("search")
        })
    });
    // What a one-shot `query` adds per shown hit: the explanation, with a
    // fresh analyzer (empty stem cache) as in a new process.
    let analyzed = engine.ranker.analyze(QUESTIONS[0]);
    let hits = engine
        .ranker
        .search(&searcher, &analyzed, 3)
        .expect("search");
    c.bench_function(&format!("explain-3-hits/{name}"), |b| {
        b.iter_batched(
            Analyzer::new,
            |mut analyzer| {
                hits.iter()
                    .map(|hit| snippet::why(&mut analyzer, &engine.ranker.lexicon, &analyzed, hit))
                    .collect::<Vec<_>>()
            },
            BatchSize::SmallInput,
        )
    });
    c.bench_function(&format!("staleness-check/{name}"), |b| {
        let open = index::open(index_dir).expect("open");
        let manifest = open.manifest().expect("manifest");
        b.iter(|| {
            let scan = corpus.scan().expect("scan");
            index::staleness(&scan.files, &manifest)
        })
    });
}

fn queries(c: &mut Criterion) {
    let model = starmatch::search::semantic::Model::builtin();
    c.bench_function("semantic-embed-question", |b| {
        b.iter(|| {
            model.embed(std::hint::black_box(
                "Tell me about a time you disagreed with your manager about a technical decision",
            ))
        })
    });
    let (corpus, index_dir) = default_corpus();
    bench_query(c, "default-44", &corpus, &index_dir);
    let (corpus, index_dir) = generated(1_000);
    bench_query(c, "generated-1k", &corpus, &index_dir);
    if std::env::var_os("STARMATCH_BENCH_LARGE").is_some() {
        let (corpus, index_dir) = generated(100_000);
        bench_query(c, "generated-100k", &corpus, &index_dir);
    }
}

fn indexing(c: &mut Criterion) {
    let (corpus, _) = generated(1_000);
    let lexicon = load_lexicon(&mut Analyzer::new(), &corpus, None).expect("lexicon");
    let mut group = c.benchmark_group("index");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.throughput(criterion::Throughput::Elements(1_000));
    group.bench_function("full-1k", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                index::refresh(
                    &corpus,
                    dir.path(),
                    &lexicon,
                    &RefreshOptions::default(),
                    &ProgressBar::hidden(),
                )
                .expect("index")
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, queries, indexing);
criterion_main!(benches);
