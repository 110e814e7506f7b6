//! The corpora a page can show: the one the site shipped, the user's, and both together (merged once, when first
//! asked for: the reuse between them is found by a worker from the two assets, kept here for that, and the rest of
//! the merge is done on the page).

use std::sync::Arc;

use leptos::prelude::*;
use tifa_corpus::reuse::Reuse;
use tifa_corpus::search::{Index, merge};

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

/// The two assets a combination is made from: the shipped corpus's and the user's.
pub struct Assets {
    /// The shipped corpus's asset.
    pub shipped: Arc<Vec<u8>>,
    /// The user's.
    pub own: Arc<Vec<u8>>,
}

/// The shipped corpus, the user's, and their combination.
#[derive(Clone, Copy)]
pub struct Corpora {
    shipped: StoredValue<Option<Arc<Index>>>,
    /// A signal: the panel's buttons follow it.
    own: RwSignal<Option<Arc<Index>>>,
    both: StoredValue<Option<Arc<Index>>>,
    shipped_asset: StoredValue<Option<Arc<Vec<u8>>>>,
    own_asset: StoredValue<Option<Arc<Vec<u8>>>>,
}

impl Corpora {
    /// None yet.
    pub fn new() -> Corpora {
        Corpora {
            shipped: StoredValue::new(None),
            own: RwSignal::new(None),
            both: StoredValue::new(None),
            shipped_asset: StoredValue::new(None),
            own_asset: StoredValue::new(None),
        }
    }

    /// Keep the shipped corpus (and its asset) the first time it is ready; whether this was the first time.
    pub fn remember_shipped(&self, index: &Arc<Index>, asset: Vec<u8>) -> bool {
        let first = self.shipped.with_value(Option::is_none);
        if first {
            self.shipped.set_value(Some(index.clone()));
            self.shipped_asset.set_value(Some(Arc::new(asset)));
        }
        first
    }

    /// The user's corpus, with its asset: the combination must be made again.
    pub fn set_own(&self, index: Arc<Index>, asset: Arc<Vec<u8>>) {
        self.own.set(Some(index));
        self.own_asset.set_value(Some(asset));
        self.both.set_value(None);
    }

    /// No corpus of the user's any more.
    pub fn clear_own(&self) {
        self.own.set(None);
        self.own_asset.set_value(None);
        self.both.set_value(None);
    }

    /// The assets to combine, when both corpora are there.
    pub fn assets(&self) -> Option<Assets> {
        Some(Assets { shipped: self.shipped_asset.get_value()?, own: self.own_asset.get_value()? })
    }

    /// Combine the two with the reuse a worker found between them (or, without it, find it here), once.
    pub fn combine(&self, reuse: Option<Reuse>) -> Option<Arc<Index>> {
        let shipped = self.shipped.get_value()?;
        let own = self.own.get_untracked()?;
        let both = Arc::new(match reuse {
            Some(reuse) => merge::merge_with_reuse(&shipped, &own, reuse),
            None => merge::merge(&shipped, &own),
        });
        self.both.set_value(Some(both.clone()));
        Some(both)
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
            Shown::Both => self.both.get_value(),
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
}
