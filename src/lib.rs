//! starmatch: match behavioural interview questions to STAR stories.
//!
//! Data flows one way: story files ([`corpus`]) -> [`story::Story`] -> index
//! documents ([`search::index`]) -> ranked hits ([`search::ranking`]) ->
//! output ([`render`]).

pub mod cli;
pub mod commands;
pub mod corpus;
pub mod eval;
pub mod markdown;
pub mod render;
pub mod search;
pub mod story;
#[doc(hidden)]
pub mod synth;

pub use corpus::{Corpus, CorpusError};
pub use story::Story;
