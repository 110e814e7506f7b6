//! The header of one compilation: its title and how many articles it claims and contains.

use leptos::prelude::*;
use tifa_corpus::Source;

use crate::components::note_list::NoteList;

/// Title, declared vs found article count, encoding and source-level notes of one compilation.
#[component]
pub fn SourceSummary(source: Source) -> impl IntoView {
    let Source { name, encoding, title, declared_count, found_count, notes, .. } = source;
    // A compilation without a header title is shown under its file name.
    let (heading, untitled) = match title {
        Some(title) if !title.trim().is_empty() => (title, false),
        _ => (name.clone(), true),
    };
    let mismatch = declared_count.is_some_and(|declared| declared != found_count);
    let declared = match declared_count {
        Some(n) => format!("{n} 篇"),
        None => "未声明".to_string(),
    };

    view! {
        <section class="source">
            <h1 class="source-title" class:untitled=untitled>{heading}</h1>
            <dl class="source-facts" class:mismatch=mismatch>
                <div>
                    <dt>"声明篇数"</dt>
                    <dd class="declared-count">{declared}</dd>
                </div>
                <div>
                    <dt>"解析篇数"</dt>
                    <dd class="found-count">{format!("{found_count} 篇")}</dd>
                </div>
                <div>
                    <dt>"文件"</dt>
                    <dd class="source-file">{name}</dd>
                </div>
                <div>
                    <dt>"编码"</dt>
                    <dd class="source-encoding">{encoding}</dd>
                </div>
            </dl>
            <NoteList notes />
        </section>
    }
}
