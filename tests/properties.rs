//! Properties over open input spaces: any pasted question is analysed and
//! searched without panicking, and any story survives a YAML round trip.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use starmatch::corpus::{parse_story, story_to_yaml};
use starmatch::search::Engine;
use starmatch::{Corpus, Story};

struct Shared {
    _dir: tempfile::TempDir,
    engine: std::sync::Mutex<Engine>,
}

fn engine() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = common::scratch();
        let corpus = Corpus::new(dir.path().join("corpus"));
        let (engine, _) =
            Engine::open_fresh(&corpus, &dir.path().join("index")).expect("index fixtures");
        Shared {
            _dir: dir,
            engine: std::sync::Mutex::new(engine),
        }
    })
}

fn question() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z \"():^~*+\\-\\[\\]{}!?\\\\/]{0,200}",
        prop::collection::vec(
            prop_oneof![
                Just("AND".to_string()),
                Just("OR".to_string()),
                Just("NOT".to_string()),
                Just("tell me about a time".to_string()),
                Just("conflict".to_string()),
                Just("\"".to_string()),
                Just("title:".to_string()),
                Just("😀".to_string()),
                "[a-z]{1,12}",
            ],
            0..40
        )
        .prop_map(|words| words.join(" ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_question_is_analysed_and_searched_without_error(q in question()) {
        let shared = engine();
        let mut engine = shared.engine.lock().unwrap();
        let searcher = engine.searcher();
        let analyzed = engine.ranker.analyze(&q);
        let hits = engine.ranker.search(&searcher, &analyzed, 3).expect("search never fails");
        prop_assert!(hits.len() <= 3);
        if analyzed.is_empty() {
            prop_assert!(hits.is_empty());
        }
        let mut hits = hits;
        engine.ranker.explain(&searcher, &analyzed, &mut hits).expect("explain never fails");
    }

    #[test]
    fn any_story_survives_a_yaml_round_trip(
        title in "\\PC{1,80}",
        situation in "\\PC{1,200}",
        action in any::<String>(),
        questions in prop::collection::vec("\\PC{1,60}", 0..4),
    ) {
        prop_assume!(!title.trim().is_empty() && !situation.trim().is_empty() && !action.trim().is_empty());
        prop_assume!(questions.iter().all(|q| !q.trim().is_empty()));
        let story = Story {
            id: "round-trip".into(),
            title,
            situation,
            task: "t".into(),
            action,
            result: "r".into(),
            questions,
            ..Story::default()
        };
        let yaml = story_to_yaml(&story);
        let back = parse_story(Path::new("round-trip.yaml"), "round-trip", yaml.as_bytes());
        prop_assert_eq!(back.ok(), Some(story));
    }
}
