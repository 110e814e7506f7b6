//! The root component: parses the default corpus once and lays out the page.

use leptos::prelude::*;

use crate::components::article_list::ArticleList;
use crate::components::source_summary::SourceSummary;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let corpus = tifa_corpus::default_corpus();
    let article_count = corpus.articles.len();

    let sources = corpus.sources.into_iter().map(|source| view! { <SourceSummary source /> }).collect_view();

    let body = if article_count == 0 {
        view! { <p class="empty">"未能从汇编中解析出文章。"</p> }.into_any()
    } else {
        view! { <ArticleList articles=corpus.articles /> }.into_any()
    };

    view! {
        <header class="site-header">
            <p class="brand">
                <span class="brand-name">"提法"</span>
                <span class="brand-sub">"政策文件汇编浏览"</span>
            </p>
        </header>
        <main class="tifa" data-article-count=article_count.to_string()>
            {sources}
            {body}
        </main>
    }
}
