//! The list of all articles.

use leptos::prelude::*;
use tifa_corpus::Article;

use crate::components::article_item::ArticleItem;

/// Every article of the corpus, in reading order.
#[component]
pub fn ArticleList(articles: Vec<Article>) -> impl IntoView {
    let items = articles.into_iter().map(|article| view! { <ArticleItem article /> }).collect_view();
    view! {
        <section class="article-section">
            <h2 class="section-title">"文章"</h2>
            <ol class="articles">{items}</ol>
        </section>
    }
}
