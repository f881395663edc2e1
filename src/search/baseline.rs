//! The baseline `eval --baseline` compares against: plain BM25 over one field
//! holding all of a story's text, tantivy's default English stemming, every
//! question word as a query term. No boilerplate removal, no concepts.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, Value, STORED, STRING, TEXT};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use crate::story::Story;

pub struct Baseline {
    index: Index,
    analyzer: TextAnalyzer,
    id: tantivy::schema::Field,
    all: tantivy::schema::Field,
}

impl Baseline {
    /// Indexes the stories in memory.
    pub fn build<'a>(stories: impl IntoIterator<Item = &'a Story>) -> tantivy::Result<Baseline> {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let all = b.add_text_field(
            "all",
            TEXT.set_indexing_options(
                tantivy::schema::TextFieldIndexing::default()
                    .set_tokenizer("en_stem")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        );
        let index = Index::create_in_ram(b.build());
        let mut writer: IndexWriter<TantivyDocument> =
            index.writer_with_num_threads(1, 20_000_000)?;
        for s in stories {
            let mut doc = TantivyDocument::default();
            doc.add_text(id, &s.id);
            let text = [
                s.title.as_str(),
                &s.questions.join("\n"),
                &s.competencies.join(", "),
                &s.tags.join(", "),
                &s.situation,
                &s.task,
                &s.action,
                &s.result,
                s.learning.as_deref().unwrap_or(""),
            ]
            .join("\n");
            doc.add_text(all, text);
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let analyzer = index.tokenizer_for_field(all)?;
        Ok(Baseline {
            index,
            analyzer,
            id,
            all,
        })
    }

    /// The ids of the `k` best stories for `question`.
    pub fn rank_ids(&mut self, question: &str, k: usize) -> tantivy::Result<Vec<String>> {
        let mut terms: Vec<String> = Vec::new();
        let mut stream = self.analyzer.token_stream(question);
        while stream.advance() {
            let t = stream.token().text.clone();
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
        drop(stream);
        let clauses: Vec<Box<dyn Query>> = terms
            .iter()
            .map(|t| {
                Box::new(TermQuery::new(
                    Term::from_field_text(self.all, t),
                    IndexRecordOption::WithFreqs,
                )) as Box<dyn Query>
            })
            .collect();
        let query = BooleanQuery::union(clauses);
        let searcher = self.index.reader()?.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(k).order_by_score())?;
        let mut ids = Vec::new();
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = doc.get_first(self.id).and_then(|v| v.as_str()) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }
}
