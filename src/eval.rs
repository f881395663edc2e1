//! Ranking-quality metrics: pure functions over ranked ids and labels.
//!
//! A labelled question names its ideal stories (`best`) and acceptable ones
//! (`ok`). P@1 asks for a `best` story first; MRR@10 and Hit@3 accept either;
//! nDCG@5 gives gain 2 to `best` and 1 to `ok`.

use serde::{Deserialize, Serialize};

/// One labelled question of an eval set (`corpus/eval/questions.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledQuestion {
    pub question: String,
    pub best: Vec<String>,
    #[serde(default)]
    pub ok: Vec<String>,
    /// `seen` (close to a tagged question of the story) or `unseen`.
    #[serde(default)]
    pub kind: Option<String>,
    /// `tune` or `test`.
    #[serde(default)]
    pub split: Option<String>,
}

impl LabelledQuestion {
    fn gain(&self, id: &str) -> f64 {
        if self.best.iter().any(|b| b == id) {
            2.0
        } else if self.ok.iter().any(|o| o == id) {
            1.0
        } else {
            0.0
        }
    }
}

/// 1 if the first ranked story is one of the best ones.
pub fn precision_at_1(ranked: &[String], q: &LabelledQuestion) -> f64 {
    ranked
        .first()
        .map_or(0.0, |id| f64::from(q.best.contains(id)))
}

/// 1/rank of the first best-or-ok story within the top `k`, else 0.
pub fn reciprocal_rank(ranked: &[String], q: &LabelledQuestion, k: usize) -> f64 {
    first_relevant_rank(ranked, q)
        .filter(|&r| r <= k)
        .map_or(0.0, |r| 1.0 / r as f64)
}

/// 1-based rank of the first best-or-ok story, if any was ranked.
pub fn first_relevant_rank(ranked: &[String], q: &LabelledQuestion) -> Option<usize> {
    ranked.iter().position(|id| q.gain(id) > 0.0).map(|i| i + 1)
}

/// 1 if any best-or-ok story is in the top `k`.
pub fn hit_at(ranked: &[String], q: &LabelledQuestion, k: usize) -> f64 {
    f64::from(first_relevant_rank(ranked, q).is_some_and(|r| r <= k))
}

/// Normalised discounted cumulative gain over the top `k`.
pub fn ndcg_at(ranked: &[String], q: &LabelledQuestion, k: usize) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, id)| q.gain(id) / (i as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<f64> = q
        .best
        .iter()
        .map(|_| 2.0)
        .chain(q.ok.iter().map(|_| 1.0))
        .collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| g / (i as f64 + 2.0).log2())
        .sum();
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

/// Mean metrics over a group of questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metrics {
    pub questions: usize,
    pub p_at_1: f64,
    pub mrr_at_10: f64,
    pub hit_at_3: f64,
    pub ndcg_at_5: f64,
}

/// Averages the metrics of (question, ranking) pairs.
pub fn summarise<'a>(
    results: impl IntoIterator<Item = (&'a LabelledQuestion, &'a [String])>,
) -> Metrics {
    let mut m = Metrics::default();
    for (q, ranked) in results {
        m.questions += 1;
        m.p_at_1 += precision_at_1(ranked, q);
        m.mrr_at_10 += reciprocal_rank(ranked, q, 10);
        m.hit_at_3 += hit_at(ranked, q, 3);
        m.ndcg_at_5 += ndcg_at(ranked, q, 5);
    }
    if m.questions > 0 {
        let n = m.questions as f64;
        m.p_at_1 /= n;
        m.mrr_at_10 /= n;
        m.hit_at_3 /= n;
        m.ndcg_at_5 /= n;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(best: &[&str], ok: &[&str]) -> LabelledQuestion {
        LabelledQuestion {
            question: "?".into(),
            best: best.iter().map(|s| s.to_string()).collect(),
            ok: ok.iter().map(|s| s.to_string()).collect(),
            kind: None,
            split: None,
        }
    }

    fn ranked(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn p_at_1_needs_a_best_story_first() {
        let label = q(&["a"], &["b"]);
        assert_eq!(precision_at_1(&ranked(&["a", "b"]), &label), 1.0);
        assert_eq!(precision_at_1(&ranked(&["b", "a"]), &label), 0.0);
        assert_eq!(precision_at_1(&[], &label), 0.0);
    }

    #[test]
    fn reciprocal_rank_accepts_ok_stories_and_stops_at_k() {
        let label = q(&["a"], &["b"]);
        assert_eq!(reciprocal_rank(&ranked(&["x", "b", "a"]), &label, 10), 0.5);
        assert_eq!(reciprocal_rank(&ranked(&["x", "y", "a"]), &label, 2), 0.0);
    }

    #[test]
    fn hit_at_3_is_any_relevant_story_in_the_top_three() {
        let label = q(&["a"], &[]);
        assert_eq!(hit_at(&ranked(&["x", "y", "a"]), &label, 3), 1.0);
        assert_eq!(hit_at(&ranked(&["x", "y", "z", "a"]), &label, 3), 0.0);
    }

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_lower_otherwise() {
        let label = q(&["a"], &["b"]);
        let ideal = ndcg_at(&ranked(&["a", "b", "x"]), &label, 5);
        let swapped = ndcg_at(&ranked(&["b", "a", "x"]), &label, 5);
        let none = ndcg_at(&ranked(&["x", "y"]), &label, 5);
        assert!((ideal - 1.0).abs() < 1e-12);
        assert!(swapped < ideal && swapped > none);
        assert_eq!(none, 0.0);
    }

    #[test]
    fn summaries_average_over_questions() {
        let labels = [q(&["a"], &[]), q(&["b"], &[])];
        let rankings = [ranked(&["a"]), ranked(&["x", "b"])];
        let m = summarise(labels.iter().zip(rankings.iter().map(Vec::as_slice)));
        assert_eq!(m.questions, 2);
        assert_eq!(m.p_at_1, 0.5);
        assert_eq!(m.mrr_at_10, 0.75);
        assert_eq!(m.hit_at_3, 1.0);
    }
}
