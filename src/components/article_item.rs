//! One article in the list: a summary line that expands to the full text.

use leptos::prelude::*;
use tifa_corpus::{Article, BlockKind};

use crate::components::block_view::BlockView;
use crate::components::note_list::NoteList;

/// Shown in place of a title the source lost.
const UNTITLED: &str = "（无标题）";

/// Ordinal, title, block counts and notes; clicking the title shows the article's headings and paragraphs.
#[component]
pub fn ArticleItem(article: Article) -> impl IntoView {
    let Article { id, ordinal, title, blocks, notes, .. } = article;
    let expanded = RwSignal::new(false);

    let headings = blocks.iter().filter(|block| block.kind == BlockKind::Heading).count();
    let paragraphs = blocks.iter().filter(|block| block.kind == BlockKind::Paragraph).count();
    let untitled = title.trim().is_empty();
    let shown_title = if untitled { UNTITLED.to_string() } else { title };
    let item_id = format!("article-{id}");
    let body_id = format!("article-body-{id}");
    let blocks = StoredValue::new(blocks);

    view! {
        <li class="article" id=item_id data-id=id class:open=move || expanded.get()>
            <button
                type="button"
                class="article-toggle"
                aria-expanded=move || expanded.get().to_string()
                aria-controls=body_id.clone()
                on:click=move |_| expanded.update(|open| *open = !*open)
            >
                <span class="article-ordinal">{ordinal}</span>
                <span class="article-title" class:untitled=untitled>{shown_title}</span>
                <span class="article-counts">
                    <span class="heading-count">{format!("{headings} 个小标题")}</span>
                    <span class="paragraph-count">{format!("{paragraphs} 段")}</span>
                </span>
            </button>
            <NoteList notes />
            <Show when=move || expanded.get()>
                <div class="article-body" id=body_id.clone()>
                    {blocks
                        .get_value()
                        .into_iter()
                        .map(|block| view! { <BlockView block /> })
                        .collect_view()}
                </div>
            </Show>
        </li>
    }
}
