//! What every view shares: the corpus shown, the route (the URL hash) and the interface language — one [`Explorer`],
//! provided as Leptos context by the root and captured by the views (it is `Copy`: handles to reactive values).

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use tifa_corpus::Article;
use tifa_corpus::search::{Facet, Index, SearchOptions, Sort};

use crate::i18n::Lang;
use crate::route::Route;

/// The explorer's state.
#[derive(Clone, Copy)]
pub struct Explorer {
    /// The corpus shown and its index; set with [`Explorer::show`].
    index: RwSignal<Arc<Index>>,
    /// The view state; set from the URL hash only (see [`Explorer::go`]).
    pub route: RwSignal<Route>,
    /// Interface language.
    pub lang: RwSignal<Lang>,
    /// The articles of the route's selection in result order (for previous/next and the selection views).
    pub selection: Memo<Arc<Vec<u32>>>,
    /// Article id → position in the shown corpus.
    by_id: StoredValue<Arc<HashMap<String, u32>>>,
    /// The last selection computed, by what it depends on: views and previous/next share it.
    last_selection: StoredValue<Option<CachedSelection>>,
}

/// What a selection depends on: the typed query, the filters, the order.
#[derive(Debug, Clone, PartialEq)]
struct SelectionKey {
    q: String,
    filters: Vec<(Facet, String)>,
    order: Sort,
}

/// A selection with the key it was computed for.
struct CachedSelection {
    key: SelectionKey,
    articles: Arc<Vec<u32>>,
}

impl Explorer {
    /// State with no corpus yet, at the route of the URL hash. Call inside the root's reactive owner.
    pub fn new(lang: RwSignal<Lang>) -> Explorer {
        let index = RwSignal::new(Arc::new(Index::empty()));
        let route = RwSignal::new(Route::parse(&crate::browser::hash()));
        let by_id = StoredValue::new(Arc::default());
        let last_selection = StoredValue::new(None);
        let selection = Memo::new(move |_| {
            index.track();
            route.with(|r| selection_of(index, last_selection, r))
        });
        Explorer { index, route, lang, selection, by_id, last_selection }
    }

    /// Show a corpus: the explorer's views are rebuilt on it.
    pub fn show(&self, index: Arc<Index>) {
        let by_id = index.corpus.articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u32)).collect();
        self.by_id.set_value(Arc::new(by_id));
        self.last_selection.set_value(None);
        self.index.set(index);
    }

    /// The corpus shown (untracked: the views are rebuilt when it changes).
    pub fn index(&self) -> Arc<Index> {
        self.index.get_untracked()
    }

    /// Subscribe to changes of the corpus shown.
    pub fn track_index(&self) {
        self.index.track();
    }

    /// Whether the explorer shows `index`.
    pub fn shows(&self, index: &Arc<Index>) -> bool {
        self.index.with(|shown| Arc::ptr_eq(shown, index))
    }

    /// Navigate to a route, adding a history entry (the hashchange listener then updates [`Explorer::route`]).
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

    /// Position of an article by id.
    pub fn position(&self, id: &str) -> Option<u32> {
        self.by_id.with_value(|m| m.get(id).copied())
    }

    /// The articles of any route's selection in result order (the current route's is [`Explorer::selection`]).
    pub fn selection_of(&self, route: &Route) -> Arc<Vec<u32>> {
        selection_of(self.index, self.last_selection, route)
    }
}

/// A route's selection, from the cache when only the page or the view options changed.
fn selection_of(
    index: RwSignal<Arc<Index>>,
    cache: StoredValue<Option<CachedSelection>>,
    route: &Route,
) -> Arc<Vec<u32>> {
    let key = SelectionKey { q: route.q.clone(), filters: route.filters.clone(), order: route.order };
    if let Some(found) = cache.with_value(|c| c.as_ref().filter(|c| c.key == key).map(|c| c.articles.clone())) {
        return found;
    }
    let index = index.get_untracked();
    let articles: Arc<Vec<u32>> = Arc::new(if route.order == Sort::Corpus {
        index.matching(&route.query())
    } else {
        let options = SearchOptions { offset: 0, limit: usize::MAX, sort: route.sort(), snippets: 0 };
        index.search(&route.query(), &options).hits.into_iter().map(|h| h.article).collect()
    });
    cache.set_value(Some(CachedSelection { key, articles: articles.clone() }));
    articles
}

/// The explorer provided by the root.
pub fn explorer() -> Explorer {
    expect_context::<Explorer>()
}

/// The articles of a route's selection in corpus order, recomputed only when the selection changes (for the views
/// that count over it).
pub fn selection_in_corpus_order(route: impl Get<Value = Route> + Send + Sync + Copy + 'static) -> Memo<Arc<Vec<u32>>> {
    let c = explorer();
    Memo::new(move |_| {
        let r = route.get();
        c.selection_of(&Route { order: Sort::Corpus, ..r })
    })
}

/// The displayed title of an article.
pub fn shown_title(article: &Article, lang: Lang) -> String {
    if article.title.trim().is_empty() { crate::i18n::untitled(lang).to_string() } else { article.title.clone() }
}
