//! Each ranking signal in isolation, on a tiny corpus built for it, plus the
//! combined ranking's key promise: a declared competency beats mere word overlap.

use std::fs;

use starmatch::search::ranking::{Hit, Signal};
use starmatch::search::Engine;
use starmatch::Corpus;

struct Fixture {
    _dir: tempfile::TempDir,
    engine: Engine,
}

fn story(
    id: &str,
    title: &str,
    competencies: &[&str],
    tags: &[&str],
    questions: &[&str],
    body: &str,
) -> String {
    let list = |items: &[&str]| {
        format!(
            "[{}]",
            items
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    format!(
        "id: {id}\ntitle: \"{title}\"\ncompetencies: {}\ntags: {}\nquestions: {}\nsituation: \"{body}\"\ntask: \"I had a job to do.\"\naction: \"I did the work step by step.\"\nresult: \"It worked out.\"\n",
        list(competencies),
        list(tags),
        list(questions)
    )
}

/// A story tagged `conflict` that shares few words with "a conflict with
/// a coworker".
fn declared_conflict() -> String {
    story(
        "declared-conflict",
        "Settling a dispute over API naming",
        &["conflict"],
        &[],
        &["Describe a disagreement with a peer."],
        "Two of us argued about naming.",
    )
}

/// A story that says "coworker" four times and is about no conflict.
fn coworker_overlap() -> String {
    story(
        "coworker-overlap",
        "Pairing with a coworker",
        &[],
        &[],
        &[],
        "A coworker and I shared a desk; my coworker liked tea and the coworker rota.",
    )
}

/// A story without tagged questions, competencies or tags: the same title,
/// situation and task for every id, its own action and result.
fn bare(id: &str, action: &str, result: &str) -> String {
    format!(
        "id: {id}\ntitle: \"A Tuesday at the agency\"\nsituation: \"It was a Tuesday at the agency.\"\ntask: \"I was asked to help.\"\naction: \"{action}\"\nresult: \"{result}\"\n"
    )
}

fn fixture() -> Fixture {
    fixture_of(&[
        story(
            "tagged-scope",
            "Quarterly planning",
            &[],
            &[],
            &["How do you handle scope creep?"],
            "We planned the quarter.",
        ),
        story(
            "body-scope",
            "Quarterly review",
            &[],
            &[],
            &[],
            "There was some scope creep in the review, and the wiki pages about creep were long.",
        ),
        declared_conflict(),
        coworker_overlap(),
        story(
            "adjacent-phrase",
            "Night shift",
            &[],
            &[],
            &[],
            "A production outage hit the shop at night.",
        ),
        story(
            "scattered-phrase",
            "Day shift",
            &[],
            &[],
            &[],
            "The outage report went to production planning the next week.",
        ),
        story(
            "manager-story",
            "Working with my manager",
            &[],
            &[],
            &["How do you work with your manager?"],
            "My manager set goals.",
        ),
        story(
            "k8s-story",
            "Cluster upgrade",
            &[],
            &["kubernetes"],
            &[],
            "We upgraded the cluster.",
        ),
    ])
}

fn fixture_of(files: &[String]) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let stories = dir.path().join("corpus/stories");
    fs::create_dir_all(&stories).unwrap();
    for (i, text) in files.iter().enumerate() {
        fs::write(stories.join(format!("s{i}.yaml")), text).unwrap();
    }
    let corpus = Corpus::new(dir.path().join("corpus"));
    let (engine, _) = Engine::open_fresh(&corpus, &dir.path().join("index")).unwrap();
    Fixture { _dir: dir, engine }
}

fn ranked(f: &mut Fixture, question: &str, only: Option<Signal>) -> Vec<String> {
    let disabled: Vec<Signal> = match only {
        Some(keep) => Signal::ALL.into_iter().filter(|s| *s != keep).collect(),
        None => Vec::new(),
    };
    ranked_without(f, question, &disabled)
}

fn ranked_without(f: &mut Fixture, question: &str, disabled: &[Signal]) -> Vec<String> {
    hits_without(f, question, disabled)
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// The best eight hits, with scores, with some signals switched off.
fn hits_without(f: &mut Fixture, question: &str, disabled: &[Signal]) -> Vec<Hit> {
    f.engine.ranker.disabled = disabled.iter().copied().collect();
    let searcher = f.engine.searcher();
    let q = f.engine.ranker.analyze(question);
    f.engine.ranker.search(&searcher, &q, 8).unwrap()
}

#[test]
fn the_questions_signal_matches_tagged_questions_only() {
    let mut f = fixture();
    let ids = ranked(&mut f, "Tell me about scope creep", Some(Signal::Questions));
    assert_eq!(ids, ["tagged-scope"]);
}

#[test]
fn the_body_signal_reads_bare_prose() {
    let mut f = fixture();
    let ids = ranked(&mut f, "Tell me about scope creep", Some(Signal::Body));
    assert_eq!(ids, ["body-scope"]);
}

#[test]
fn tagged_questions_outweigh_the_same_words_in_prose() {
    let mut f = fixture();
    let ids = ranked(&mut f, "Tell me about scope creep", None);
    assert_eq!(&ids[..2], ["tagged-scope", "body-scope"]);
}

#[test]
fn a_declared_competency_outranks_word_overlap() {
    let mut f = fixture();
    let ids = ranked(&mut f, "Tell me about a conflict with a coworker", None);
    assert_eq!(ids[0], "declared-conflict", "{ids:?}");
    // The other story's title names a coworker (the `peer` concept) but not a conflict.
    let competency_only = ranked(
        &mut f,
        "Tell me about a conflict with a coworker",
        Some(Signal::Competency),
    );
    assert_eq!(competency_only, ["declared-conflict", "coworker-overlap"]);
}

#[test]
fn the_phrase_signal_prefers_words_next_to_each_other() {
    let mut f = fixture();
    let ids = ranked(&mut f, "production outage", Some(Signal::Phrase));
    assert_eq!(ids, ["adjacent-phrase"]);
    assert_eq!(
        ranked(&mut f, "production outage", None)[0],
        "adjacent-phrase"
    );
}

#[test]
fn the_fuzzy_signal_forgives_a_typo() {
    let mut f = fixture();
    assert!(ranked(&mut f, "kubernetse", Some(Signal::Title)).is_empty());
    let ids = ranked(&mut f, "a cluster upgarde", Some(Signal::Fuzzy));
    assert_eq!(ids, ["k8s-story"]);
}

#[test]
fn a_misspelled_concept_word_is_searched_as_the_word_it_slips_from() {
    let mut f = fixture();
    // "maneger" is in no story; it is a slip of the lexicon's "manager", so
    // the word signals look for "manager", as they would for the real word.
    let ids = ranked(&mut f, "maneger", Some(Signal::Questions));
    assert_eq!(ids, ["manager-story"]);
    // A word the index knows is left as it is, even one letter from a form.
    let mut f = fixture_of(&[
        story("manager", "Boss", &[], &[], &["Who is your manager?"], "x"),
        story("manages", "Rota", &[], &[], &["Who manages the rota?"], "x"),
    ]);
    let ids = ranked(&mut f, "manages", Some(Signal::Questions));
    assert_eq!(ids, ["manages"]);
}

#[test]
fn expansion_reaches_other_forms_of_the_question_concept() {
    let mut f = fixture();
    // "boss" appears in no story; the manager concept expands it to "manager".
    assert!(ranked(&mut f, "my boss", Some(Signal::Questions)).is_empty());
    let ids = ranked(&mut f, "my boss", Some(Signal::Expansion));
    assert_eq!(ids[0], "manager-story");
}

#[test]
fn the_labels_signal_matches_tags() {
    let mut f = fixture();
    assert_eq!(
        ranked(&mut f, "kubernetes", Some(Signal::Labels)),
        ["k8s-story"]
    );
}

#[test]
fn boilerplate_alone_matches_no_story() {
    let mut f = fixture();
    assert!(ranked(&mut f, "Tell me about a time when you", None).is_empty());
    assert!(f
        .engine
        .ranker
        .analyze("Give me an example of a situation where")
        .is_empty());
}

#[test]
fn a_long_paste_is_read_from_its_last_question() {
    let mut f = fixture();
    let blurb = "A production outage hit our shop at night, on the night shift. ".repeat(40);
    let pasted = format!("{blurb}So, tell me about a time your manager set goals.");
    let analyzed = f.engine.ranker.analyze(&pasted);
    assert!(analyzed.truncated);
    assert_eq!(ranked(&mut f, &pasted, None)[0], "manager-story");
    // A long text asking nothing is read from its first words.
    let statement = "Our manager set goals for the night shift. ".repeat(60);
    let analyzed = f.engine.ranker.analyze(&statement);
    assert!(analyzed.truncated);
    assert!(!analyzed.is_empty());
}

#[test]
fn scene_setting_counts_less_than_the_question_it_leads_to() {
    let mut f = fixture();
    let scene = "A production outage hit our shop at night, on the night shift.";
    let ask = "Tell me about a time your manager set goals.";
    // The scene alone points at the outage story...
    assert_eq!(ranked(&mut f, scene, None)[0], "adjacent-phrase");
    // ...but after it comes what is asked.
    assert_eq!(
        ranked(&mut f, &format!("{scene} {ask}"), None)[0],
        "manager-story"
    );
}

#[test]
fn focus_prefers_one_tagged_question_covering_the_whole_question() {
    let mut f = fixture_of(&[
        story(
            "covered-together",
            "Rewrite debate",
            &[],
            &[],
            &["Tell me about a conflict with your manager."],
            "We discussed the plan.",
        ),
        story(
            "covered-apart",
            "A conflict over the roadmap",
            &[],
            &["manager"],
            &[
                "Describe a conflict you resolved.",
                "What conflict taught you the most?",
                "How do you work with your manager?",
            ],
            "We planned the roadmap.",
        ),
    ]);
    let question = "Describe a conflict with your manager.";
    // Semantic closeness, passages and theme agreement would also prefer the story
    // tagged with the whole question: switched off on both sides, so only
    // focus differs.
    let scores = |f: &mut Fixture, disabled: &[Signal]| {
        let hits = hits_without(f, question, disabled);
        let score = |id: &str| hits.iter().find(|h| h.id == id).unwrap().score;
        (score("covered-together"), score("covered-apart"))
    };
    // (`themes` too: it scales the question's concepts by how well the
    // classifier bears them out, which would move the shares.)
    // (`exact` too: the question is the first story's, asked another way.)
    let (together, apart) = scores(
        &mut f,
        &[
            Signal::Focus,
            Signal::Semantic,
            Signal::ThemeFit,
            Signal::Passages,
            Signal::Themes,
            Signal::Exact,
        ],
    );
    assert!(
        apart > together,
        "the words alone favour the split story: {apart} against {together}"
    );
    f.engine.ranker.weights.focus = 0.2;
    let (together_focus, apart_focus) = scores(
        &mut f,
        &[
            Signal::Semantic,
            Signal::ThemeFit,
            Signal::Passages,
            Signal::Themes,
            Signal::Exact,
        ],
    );
    // One tagged question holds both concepts (conflict, manager): x 1.2.
    assert!(
        (together_focus / together - 1.2).abs() < 1e-3,
        "{together} -> {together_focus}"
    );
    // The best single question of the other holds one of the two: x 1.1.
    assert!(
        (apart_focus / apart - 1.1).abs() < 1e-3,
        "{apart} -> {apart_focus}"
    );
    assert!(together_focus > apart_focus, "focus turns the order round");
}

#[test]
fn a_question_asked_as_a_story_is_tagged_finds_that_story_first() {
    let mut f = fixture_of(&[
        story(
            "tagged-as-asked",
            "Rolling back a service split",
            &["learning"],
            &[],
            &["Tell me about a time you failed."],
            "We split a service in two and rolled it back.",
        ),
        story(
            "failure-words",
            "A failed launch, a failed demo and a failure review",
            &["failure"],
            &[],
            &["Tell me about a launch that failed to ship on time."],
            "The launch failed, the demo failed, and the failure review was long.",
        ),
    ]);
    // Other phrasing, word order and inflection than the tagged question,
    // the same words that carry meaning.
    let question = "Describe a time when you FAILED!";
    let words_only = ranked_without(&mut f, question, &[Signal::Exact]);
    assert_eq!(words_only[0], "failure-words", "{words_only:?}");
    let hits = hits_without(&mut f, question, &[]);
    assert_eq!(hits[0].id, "tagged-as-asked");
    assert!(hits[0].exact > 0.0 && hits[1].exact == 0.0);
    // One more word that carries meaning is another question.
    let other = hits_without(&mut f, "Describe a time when you failed a customer", &[]);
    assert!(other.iter().all(|h| h.exact == 0.0));
}

#[test]
fn semantic_closeness_lifts_a_paraphrase_that_shares_no_words() {
    // The same prose in both, so every word signal ties; only the titles
    // differ, and neither shares a word or a concept with the question.
    let body = "On Friday the website team met in the kitchen.";
    let mut f = fixture_of(&[
        story(
            "office-paint",
            "Choosing paint colours for the new office",
            &[],
            &[],
            &[],
            body,
        ),
        story(
            "backyard-vegetables",
            "Planting tomatoes and herbs in the backyard",
            &[],
            &[],
            &[],
            body,
        ),
    ]);
    let question = "What did you grow in your garden on Friday?";
    let hits = hits_without(&mut f, question, &[Signal::Semantic, Signal::ThemeFit]);
    assert_eq!(hits[0].id, "office-paint", "a tie keeps index order");
    assert_eq!(hits[0].score, hits[1].score);
    assert_eq!(
        ranked(&mut f, question, None),
        ["backyard-vegetables", "office-paint"]
    );
}

#[test]
fn semantic_closeness_reads_the_prose_of_a_story_without_tagged_questions() {
    // Same title, situation and task; no tagged questions or competencies.
    // Only the actions and results differ, and neither shares a word or a
    // concept with the question ("check out" is not "checkout" to the
    // stemmer): only the story vector's prose half can tell them apart.
    let mut f = fixture_of(&[
        bare(
            "team-day",
            "I booked a lakeside venue, planned the agenda and ordered lunch for forty people.",
            "Everyone enjoyed the team day and asked to repeat it.",
        ),
        bare(
            "disk-full",
            "The primary database ran out of disk at 2am; I freed space and promoted the replica.",
            "Checkout was back within forty minutes and we added disk alerts.",
        ),
    ]);
    let question = "Tell me about a Tuesday at the agency when customers could not check out.";
    // The theme classifier may read an outage in the question, which one
    // story's prose names: off too, so that only closeness tells them apart.
    let hits = hits_without(
        &mut f,
        question,
        &[
            Signal::Semantic,
            Signal::ThemeFit,
            Signal::Themes,
            Signal::Passages,
        ],
    );
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].score, hits[1].score, "word signals tie");
    assert_eq!(hits[0].id, "team-day", "a tie keeps index order");
    assert_eq!(ranked(&mut f, question, None), ["disk-full", "team-day"]);
}

#[test]
fn the_passages_signal_finds_the_one_sentence_a_question_asks_about() {
    // Both stories spend most of their words on the same project; one of
    // them also tells, in one sentence, of a harsh email to a supplier and
    // the apology after. The question shares no word with that sentence.
    let project = "I rebuilt the stock spreadsheet, trained the night shift on it and moved the weekly count to Mondays.";
    let mut f = fixture_of(&[
        bare(
            "stock-count",
            &format!("{project} I also reorganised the storeroom shelves by supplier."),
            "Counts took half the time.",
        ),
        bare(
            "stock-count-apology",
            &format!("{project} I also sent our packaging supplier a furious email over a late delivery, then rang the next morning to apologise."),
            "Counts took half the time.",
        ),
    ]);
    let question = "Ever fired off a message to a vendor that you wished you could take back?";
    // Only the passages signal reads the sentences one by one; the story
    // vectors (semantic, themes) see two near-identical stories.
    let others = [Signal::Semantic, Signal::ThemeFit, Signal::Themes];
    let mut without = others.to_vec();
    without.push(Signal::Passages);
    let hits = hits_without(&mut f, question, &without);
    assert_eq!(hits.len(), 2, "both stories match words of the question");
    assert_eq!(hits[0].score, hits[1].score, "word signals tie");
    assert_eq!(hits[0].id, "stock-count", "a tie keeps index order");
    let hits = hits_without(&mut f, question, &others);
    assert_eq!(hits[0].id, "stock-count-apology");
    assert!(hits[0].passages > 0.0 && hits[1].passages < 0.0);
}

#[test]
fn the_themes_signal_reads_a_concept_the_question_never_names() {
    // Same title and prose; only the tagged competency differs. The question
    // uses no form of `ambiguity` from the lexicon, but that is what it asks
    // (the bank, which infers it too, is switched off below).
    let mut f = fixture_of(&[
        story(
            "fast-pages",
            "A project at work",
            &["performance"],
            &[],
            &[],
            "I had to start somewhere.",
        ),
        story(
            "vague-brief",
            "A project at work",
            &["ambiguity"],
            &[],
            &[],
            "I had to start somewhere.",
        ),
    ]);
    let question = "How do you start when nobody can say what they want?";
    let analyzed = f.engine.ranker.analyze(question);
    let ambiguity = f.engine.ranker.lexicon.find("ambiguity").unwrap();
    assert!(!analyzed.concepts.contains(&ambiguity));
    assert_eq!(analyzed.themes.first(), Some(&ambiguity));
    assert!(
        analyzed.theme_weights[0] > 0.5,
        "{:?}",
        analyzed.theme_weights
    );
    assert_eq!(
        ranked(&mut f, question, Some(Signal::Themes)),
        ["vague-brief"]
    );
    assert_eq!(ranked(&mut f, question, None)[0], "vague-brief");
    // Without the vector's reading, nothing the question says tells the
    // two apart: both match "start", equally.
    let hits = hits_without(
        &mut f,
        question,
        &[
            Signal::Themes,
            Signal::Bank,
            Signal::Semantic,
            Signal::ThemeFit,
        ],
    );
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0].score, hits[1].score);
}

#[test]
fn theme_fit_reads_what_a_bare_story_is_about() {
    // Same title and situation, no tagged questions or competencies; the
    // actions and results share no word with the question. The theme
    // classifier reads `ambiguity` in the question and in the second story.
    let mut f = fixture_of(&[
        bare(
            "slow-report",
            "The report page took nine seconds to load, so I added an index and cached the totals.",
            "It loaded in under a second.",
        ),
        bare(
            "one-line-brief",
            "The client's brief was one line long and no one could tell me who the report was for, so I drafted three mock-ups and asked their staff to pick.",
            "They chose the second mock-up and we built that one.",
        ),
    ]);
    let question = "Tell me about a Tuesday at the agency when nobody could say what they wanted.";
    // Only the word signals and theme agreement: the concept signals would
    // find `ambiguity` in both texts by the lexicon alone.
    let words = [
        Signal::Questions,
        Signal::Title,
        Signal::Labels,
        Signal::Body,
        Signal::Phrase,
    ];
    let others = |keep: &[Signal]| -> Vec<Signal> {
        Signal::ALL
            .into_iter()
            .filter(|s| !keep.contains(s))
            .collect()
    };
    let hits = hits_without(&mut f, question, &others(&words));
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].score, hits[1].score, "word signals tie");
    assert_eq!(hits[0].id, "slow-report", "a tie keeps index order");
    let with_fit: Vec<Signal> = words.into_iter().chain([Signal::ThemeFit]).collect();
    let hits = hits_without(&mut f, question, &others(&with_fit));
    assert_eq!(hits[0].id, "one-line-brief");
    assert!(
        hits[0].theme_fit > 0.0 && hits[1].theme_fit < 0.0,
        "{hits:?}"
    );
    assert_eq!(ranked(&mut f, question, None)[0], "one-line-brief");
}

#[test]
fn a_declared_competency_outranks_word_overlap_among_more_candidates() {
    // The same two stories as in the fixture, among six others that also
    // mention a coworker: eight candidates, so the re-ranking signals count
    // 8 / 12 of their weight, not a third.
    let mut files = vec![declared_conflict(), coworker_overlap()];
    for (i, body) in [
        "A coworker lent me a charger before the demo.",
        "My coworker and I drove to the offsite together.",
        "I covered a coworker's support shift in August.",
        "A coworker showed me how the build cache works.",
        "We planned a coworker's leaving party.",
        "A coworker asked me to review the quarterly slides.",
    ]
    .iter()
    .enumerate()
    {
        files.push(story(
            &format!("filler-{i}"),
            "An ordinary week",
            &[],
            &[],
            &[],
            body,
        ));
    }
    let mut f = fixture_of(&files);
    let question = "Tell me about a conflict with a coworker";
    let hits = hits_without(&mut f, question, &[]);
    assert_eq!(hits.len(), 8, "{hits:?}");
    assert_eq!(hits[0].id, "declared-conflict", "{hits:?}");
}

#[test]
fn a_concept_the_questions_meaning_does_not_bear_out_counts_less() {
    let mut f = fixture_of(&[story(
        "any",
        "A project at work",
        &[],
        &[],
        &[],
        "I had to start somewhere.",
    )]);
    let weight_of = |f: &mut Fixture, question: &str, concept: &str| {
        let analyzed = f.engine.ranker.analyze(question);
        let c = f.engine.ranker.lexicon.find(concept).unwrap();
        let i = analyzed.concepts.iter().position(|&x| x == c);
        i.map(|i| analyzed.concept_weights[i])
    };
    // The classifier reads a conflict in a question about one: full weight.
    let conflict = "Tell me about a conflict you had with a colleague.";
    assert_eq!(weight_of(&mut f, conflict, "conflict"), Some(1.0));
    // "Happy sheets" are training feedback forms: the lexicon hears
    // `morale` in "happy", the classifier does not, and it counts less.
    let sheets = "How do you evaluate a training course beyond the happy sheets?";
    let damped = weight_of(&mut f, sheets, "morale").expect("morale is named");
    assert!((0.5..1.0).contains(&damped), "{damped}");
    // Without `themes` the words alone decide.
    f.engine.ranker.disabled = [Signal::Themes].into_iter().collect();
    assert_eq!(weight_of(&mut f, sheets, "morale"), Some(1.0));
}

#[test]
fn a_word_read_inside_another_concepts_phrase_is_not_a_theme_of_its_own() {
    // "customer feedback" is about customers: the classifier, swayed by
    // the word "feedback", must not add interpersonal feedback as a theme.
    let mut f = fixture();
    let question = "Tell me about a time you used customer feedback to improve a product.";
    let analyzed = f.engine.ranker.analyze(question);
    let lexicon = &f.engine.ranker.lexicon;
    let customer = lexicon.find("customer").unwrap();
    let feedback = lexicon.find("feedback").unwrap();
    assert!(analyzed.concepts.contains(&customer));
    assert!(!analyzed.concepts.contains(&feedback));
    assert!(
        !analyzed.themes.contains(&feedback),
        "{:?}",
        analyzed.themes
    );
}

#[test]
fn a_spoken_hedge_is_no_question_about_honesty() {
    // "If I'm honest" and "frankly" are asides of a rambling question; the
    // integrity concept comes only from a question about honesty itself.
    let mut f = fixture();
    let integrity = f.engine.ranker.lexicon.find("integrity").unwrap();
    for hedged in [
        "Our release train is, if I'm honest, a bit chaotic. How do you plan a launch?",
        "Frankly our roadmap slips a lot, and to be honest nobody tracks it. How do you keep a plan on track?",
        "Honestly, the last rollout went badly. How would you run the next one?",
        "Our roadmap, to be honest, slips a lot. How do you keep a plan on track?",
        "Our docs are honestly a mess. How do you plan a launch?",
        "To be honest with you, our on-call is rough. How do you plan a launch?",
    ] {
        let q = f.engine.ranker.analyze(hedged);
        assert!(!q.concepts.contains(&integrity), "{hedged}");
    }
    for earnest in [
        "Tell me about a time you had to be honest with a client about a delay.",
        "Tell me about a time you found it hard to be honest.",
        "Tell me about a time you acted honestly when it cost you.",
    ] {
        let q = f.engine.ranker.analyze(earnest);
        assert!(q.concepts.contains(&integrity), "{earnest}");
    }
}

#[test]
fn feedback_received_and_feedback_given_are_told_apart() {
    // Neither story says "feedback": the direction decides.
    let mut f = fixture_of(&[
        bare(
            "received",
            "My manager told me my design docs were too long, so I rewrote them.",
            "Reviews got faster.",
        ),
        bare(
            "given",
            "I pulled a peer aside about talking over people in meetings.",
            "Meetings got calmer.",
        ),
    ]);
    let ids = ranked(
        &mut f,
        "Tell me about a time you received critical feedback.",
        None,
    );
    assert_eq!(ids[0], "received");
    let ids = ranked(
        &mut f,
        "Tell me about a time you had to give a colleague tough feedback.",
        None,
    );
    assert_eq!(ids[0], "given");
}

#[test]
fn a_phrase_naming_two_concepts_counts_once_between_them() {
    // "say no" is a form of both `pushback` and `prioritisation`; it is one
    // piece of evidence, as "manager" is. (The classifier's confirmation,
    // part of `themes`, is off so the weights are the lexicon's alone.)
    let mut f = fixture();
    f.engine.ranker.disabled = [Signal::Themes].into_iter().collect();
    let q = f
        .engine
        .ranker
        .analyze("Describe a time you had to say no to your manager.");
    let names = f.engine.ranker.lexicon.names_of(&q.concepts);
    let weight = |name: &str| {
        names
            .iter()
            .position(|n| n == name)
            .map(|i| q.concept_weights[i])
            .unwrap_or_else(|| panic!("{name} not in {names:?}"))
    };
    assert_eq!(weight("manager"), 1.0);
    assert_eq!(weight("pushback"), 0.5);
    assert_eq!(weight("prioritisation"), 0.5);
}
