//! Data-quality notes left by the parser.

use leptos::prelude::*;
use tifa_corpus::Note;

/// A list of notes; renders nothing when there are none.
#[component]
pub fn NoteList(notes: Vec<Note>) -> impl IntoView {
    if notes.is_empty() {
        return None;
    }
    let items = notes
        .into_iter()
        .map(|note| {
            let line = note.line.map(|line| view! { <span class="note-line">{format!("第 {line} 行")}</span> });
            view! {
                <li class="note">
                    <span class="note-message">{note.message}</span>
                    {line}
                </li>
            }
        })
        .collect_view();
    Some(view! { <ul class="notes">{items}</ul> })
}
