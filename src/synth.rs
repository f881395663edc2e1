//! Deterministic synthetic stories for scale benchmarks (`examples/gen_corpus.rs`,
//! `benches/`). Not part of the user-facing tool.

use std::path::Path;

use crate::corpus::story_to_yaml;
use crate::story::Story;

/// splitmix64: tiny, fast and good enough to vary text deterministically.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn number(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

const COMPETENCIES: &[&str] = &[
    "conflict",
    "disagreement",
    "failure",
    "mistake",
    "deadline",
    "ambiguity",
    "ownership",
    "customer focus",
    "influence",
    "mentoring",
    "feedback",
    "prioritisation",
    "learning",
    "performance",
    "reliability",
    "cost",
    "data-driven",
    "leadership",
    "communication",
    "teamwork",
    "innovation",
    "simplification",
    "security",
    "hiring",
    "high standards",
];
const SYSTEMS: &[&str] = &[
    "payments service",
    "search cluster",
    "checkout page",
    "mobile app",
    "data pipeline",
    "billing system",
    "recommendation engine",
    "notification service",
    "internal dashboard",
    "identity provider",
    "inventory database",
    "analytics warehouse",
    "video transcoder",
    "feature flag service",
    "message queue",
    "partner API",
    "reporting job",
    "design system",
];
const PROBLEMS: &[&str] = &[
    "kept timing out under load",
    "was missing its launch date",
    "cost far more than planned",
    "had no clear owner",
    "produced wrong numbers for finance",
    "paged the team every night",
    "was blocked by a dispute between two teams",
    "confused new customers",
    "leaked personal data into logs",
    "could not be deployed without manual steps",
    "was built on a library nobody understood",
    "lost orders during peak traffic",
];
const PEOPLE: &[&str] = &[
    "my manager",
    "a senior engineer",
    "our product manager",
    "the data team",
    "a new graduate",
    "the security lead",
    "an enterprise customer",
    "the support team",
    "a peer on another team",
    "our director",
    "the finance partner",
    "two junior engineers",
];
const VERBS: &[&str] = &[
    "profiled",
    "rewrote",
    "measured",
    "negotiated",
    "documented",
    "prototyped",
    "migrated",
    "simplified",
    "automated",
    "instrumented",
    "reviewed",
    "tested",
    "coached",
    "escalated",
    "benchmarked",
    "split",
    "cached",
    "rolled back",
    "interviewed",
    "planned",
];
const OUTCOMES: &[&str] = &[
    "latency fell",
    "costs dropped",
    "incidents stopped",
    "adoption grew",
    "the launch shipped on time",
    "churn went down",
    "reviews got faster",
    "on-call pages fell",
    "error rates dropped",
    "customer satisfaction rose",
];
const QUESTION_STEMS: &[&str] = &[
    "Tell me about a time you",
    "Describe a situation where you",
    "Give me an example of when you",
    "Have you ever",
    "Walk me through how you",
];
const QUESTION_ENDS: &[&str] = &[
    "disagreed with a colleague",
    "missed a deadline",
    "fixed a slow system",
    "saved the company money",
    "mentored someone",
    "dealt with an angry customer",
    "made a mistake",
    "handled an outage",
    "worked with unclear requirements",
    "changed someone's mind",
    "prioritised competing work",
    "learned something quickly",
];

fn sentence(rng: &mut Rng) -> String {
    format!(
        "I {} the {} with {} because it {}.",
        rng.pick(VERBS),
        rng.pick(SYSTEMS),
        rng.pick(PEOPLE),
        rng.pick(PROBLEMS)
    )
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn story(rng: &mut Rng, n: usize) -> Story {
    let system = rng.pick(SYSTEMS);
    let problem = rng.pick(PROBLEMS);
    let competencies = (0..rng.number(2, 3))
        .map(|_| rng.pick(COMPETENCIES).to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    Story {
        id: format!("story-{n}"),
        title: format!("When the {system} {problem} (case {n})"),
        competencies,
        tags: vec![
            system.replace(' ', "-"),
            format!("team-{}", rng.number(1, 400)),
        ],
        questions: (0..rng.number(3, 5))
            .map(|_| format!("{} {}?", rng.pick(QUESTION_STEMS), rng.pick(QUESTION_ENDS)))
            .collect(),
        situation: format!(
            "Our {system} {problem}, and {} raised it at the quarterly review. {}",
            rng.pick(PEOPLE),
            paragraph(rng, 3)
        ),
        task: format!(
            "I owned the fix and had {} weeks to show progress. {}",
            rng.number(2, 12),
            paragraph(rng, 1)
        ),
        action: paragraph(rng, 8),
        result: format!(
            "Within {} weeks {} by {} percent. {}",
            rng.number(2, 20),
            rng.pick(OUTCOMES),
            rng.number(5, 80),
            paragraph(rng, 2)
        ),
        learning: Some(paragraph(rng, 1)),
        source: None,
    }
}

/// Writes `count` stories generated from `seed` into `dir/stories/`.
pub fn write_corpus(dir: &Path, count: usize, seed: u64) -> std::io::Result<()> {
    let stories = dir.join("stories");
    std::fs::create_dir_all(&stories)?;
    let mut rng = Rng(seed);
    for n in 0..count {
        let s = story(&mut rng, n);
        // Plain writes: a generated corpus does not need the fsync of `write_atomic`.
        std::fs::write(stories.join(format!("{}.yaml", s.id)), story_to_yaml(&s))?;
    }
    Ok(())
}
