//! What every view shares: the index, the route (the URL hash) and the interface language.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use tifa_corpus::Article;
use tifa_corpus::search::{Index, SearchOptions};

use crate::i18n::Lang;
use crate::route::Route;

/// Shared state, provided as context by the explorer.
#[derive(Clone)]
pub struct Ctx {
    /// The loaded corpus and its index.
    pub index: Arc<Index>,
    /// The view state; set from the URL hash only (see [`Ctx::go`]).
    pub route: RwSignal<Route>,
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// Article id → position.
    by_id: Arc<HashMap<String, u32>>,
    /// The last selection computed, by its query: the views and previous/next share it instead of searching again.
    last_selection: Rc<RefCell<Option<CachedSelection>>>,
}

/// What a selection depends on: the typed query, the filters, the order.
type SelectionKey = (String, Vec<(tifa_corpus::search::Facet, String)>, bool);

/// A selection with the key it was computed for.
type CachedSelection = (SelectionKey, Arc<Vec<u32>>);

impl Ctx {
    /// State over a loaded index.
    pub fn new(index: Arc<Index>, route: RwSignal<Route>, lang: RwSignal<Lang>) -> Ctx {
        let by_id = index.corpus.articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u32)).collect();
        Ctx { index, route, lang, by_id: Arc::new(by_id), last_selection: Rc::default() }
    }

    /// Navigate to a route, adding a history entry (the hashchange listener then updates [`Ctx::route`]).
    pub fn go(&self, route: &Route) {
        crate::browser::push_hash(&route.to_hash());
    }

    /// Show a route in place of the current one (no history entry: used while typing).
    pub fn replace(&self, route: Route) {
        if crate::browser::replace_hash(&route.to_hash()) {
            self.route.set(route);
        } else {
            self.go(&route);
        }
    }

    /// Whether this state shows `index`.
    pub fn same_index(&self, index: &Arc<Index>) -> bool {
        Arc::ptr_eq(&self.index, index)
    }

    /// Position of an article by id.
    pub fn position(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The article at a position.
    pub fn article(&self, position: u32) -> &Article {
        &self.index.corpus.articles[position as usize]
    }

    /// The articles of the current selection in result order (for previous/next and the selection views).
    pub fn selection(&self, route: &Route) -> Arc<Vec<u32>> {
        let key: SelectionKey = (route.q.clone(), route.filters.clone(), route.corpus_order);
        if let Some((k, v)) = &*self.last_selection.borrow()
            && *k == key
        {
            return v.clone();
        }
        let found: Arc<Vec<u32>> = Arc::new(if route.corpus_order {
            self.index.matching(&route.query())
        } else {
            let options = SearchOptions { offset: 0, limit: usize::MAX, sort: route.sort(), snippets: 0 };
            self.index.search(&route.query(), &options).hits.into_iter().map(|h| h.article).collect()
        });
        *self.last_selection.borrow_mut() = Some((key, found.clone()));
        found
    }
}

thread_local! {
    /// The one explorer of the page. A thread-local rather than a Leptos context, so that timers and event handlers,
    /// which run outside the reactive owner, reach it too.
    static CURRENT: std::cell::RefCell<Option<Ctx>> = const { std::cell::RefCell::new(None) };
}

impl Ctx {
    /// Make this the state [`ctx`] returns (once the corpus is loaded, before the explorer renders).
    pub fn install(self) {
        CURRENT.with(|c| *c.borrow_mut() = Some(self));
    }
}

/// The shared state. Views exist only after [`Ctx::install`], so it is always there when they ask.
pub fn ctx() -> Ctx {
    CURRENT.with(|c| c.borrow().clone()).expect("the explorer's state is installed before any view renders")
}

/// The articles of the route's selection in corpus order, recomputed only when the selection changes (for the views
/// that count over it).
pub fn selection_in_corpus_order(route: impl Get<Value = Route> + Send + Sync + Copy + 'static) -> Memo<Arc<Vec<u32>>> {
    Memo::new(move |_| {
        let r = route.get();
        ctx().selection(&Route { corpus_order: true, ..r })
    })
}

/// The displayed title of an article.
pub fn shown_title(article: &Article, lang: Lang) -> String {
    if article.title.trim().is_empty() { crate::i18n::untitled(lang).to_string() } else { article.title.clone() }
}
