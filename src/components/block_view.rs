//! One heading or paragraph of an article's text.

use leptos::prelude::*;
use tifa_corpus::{Block, BlockKind};

/// A heading (as `h3`–`h6` by nesting level) or a paragraph. Text only: corpus text is never parsed as HTML.
#[component]
pub fn BlockView(block: Block) -> impl IntoView {
    let Block { kind, text, level, .. } = block;
    match kind {
        BlockKind::Paragraph => view! { <p class="paragraph">{text}</p> }.into_any(),
        BlockKind::Heading => {
            let level = level.unwrap_or(2).clamp(1, 4);
            let class = format!("heading level-{level}");
            match level {
                1 => view! { <h3 class=class>{text}</h3> }.into_any(),
                2 => view! { <h4 class=class>{text}</h4> }.into_any(),
                3 => view! { <h5 class=class>{text}</h5> }.into_any(),
                _ => view! { <h6 class=class>{text}</h6> }.into_any(),
            }
        }
    }
}
