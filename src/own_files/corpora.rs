//! The corpora a page can show: the one the site shipped, the user's, and both together (merged once, when first
//! asked for).

use std::sync::Arc;

use leptos::prelude::*;
use tifa_corpus::search::Index;

use crate::state::Explorer;

/// Which corpus the explorer shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The corpus the site shipped.
    Shipped,
    /// The user's files.
    Own,
    /// Both together.
    Both,
}

/// The shipped corpus, the user's, and their combination.
#[derive(Clone, Copy)]
pub struct Corpora {
    shipped: StoredValue<Option<Arc<Index>>>,
    /// A signal: the panel's buttons follow it.
    own: RwSignal<Option<Arc<Index>>>,
    both: StoredValue<Option<Arc<Index>>>,
}

impl Corpora {
    /// None yet.
    pub fn new() -> Corpora {
        Corpora { shipped: StoredValue::new(None), own: RwSignal::new(None), both: StoredValue::new(None) }
    }

    /// Keep the shipped corpus the first time it is ready; whether this was the first time.
    pub fn remember_shipped(&self, index: &Arc<Index>) -> bool {
        let first = self.shipped.with_value(Option::is_none);
        if first {
            self.shipped.set_value(Some(index.clone()));
        }
        first
    }

    /// The user's corpus changed: the combination must be made again.
    pub fn set_own(&self, index: Option<Arc<Index>>) {
        self.own.set(index);
        self.both.set_value(None);
    }

    /// Whether the user's corpus is loaded (tracked).
    pub fn has_own(&self) -> bool {
        self.own.with(Option::is_some)
    }

    /// A corpus, if there is one to show.
    pub fn get(&self, which: Shown) -> Option<Arc<Index>> {
        match which {
            Shown::Shipped => self.shipped.get_value(),
            Shown::Own => self.own.get_untracked(),
            Shown::Both => self.both(),
        }
    }

    /// Which of them the explorer shows (tracked).
    pub fn shown(&self, explorer: &Explorer) -> Shown {
        let is = |i: Option<Arc<Index>>| i.is_some_and(|i| explorer.shows(&i));
        if is(self.own.get()) {
            Shown::Own
        } else if is(self.both.get_value()) {
            Shown::Both
        } else {
            Shown::Shipped
        }
    }

    fn both(&self) -> Option<Arc<Index>> {
        if let Some(both) = self.both.get_value() {
            return Some(both);
        }
        let shipped = self.shipped.get_value()?;
        let own = self.own.get_untracked()?;
        let merged = Arc::new(tifa_corpus::search::merge::merge(&shipped, &own));
        self.both.set_value(Some(merged.clone()));
        Some(merged)
    }
}
