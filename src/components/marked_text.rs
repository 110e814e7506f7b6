//! Text with highlighted stretches, built as spans from character offsets: corpus text is only ever a text node.

use leptos::prelude::*;
use tifa_corpus::search::highlight::{runs, slice_chars};

/// One highlighted stretch: character offsets, a CSS class, and an explanation shown on hover and focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// First character.
    pub start: u32,
    /// Character after the last.
    pub end: u32,
    /// Kind of mark (`q` for a query match, `formulation`, `place`).
    pub class: &'static str,
    /// What the mark means (empty for query matches).
    pub tip: String,
}

/// `text` with `marks` as `<mark>` spans; overlapping marks combine their classes and explanations.
#[component]
pub fn MarkedText(#[prop(into)] text: String, marks: Vec<Mark>) -> impl IntoView {
    if marks.is_empty() {
        return text.into_any();
    }
    let len = text.chars().count() as u32;
    let spans: Vec<[u32; 2]> = marks.iter().map(|m| [m.start, m.end]).collect();
    runs(len, &spans)
        .into_iter()
        .map(|run| {
            let piece = slice_chars(&text, run.start, run.end).to_string();
            if run.marks.is_empty() {
                return piece.into_any();
            }
            let mut classes: Vec<&str> = run.marks.iter().map(|&i| marks[i].class).collect();
            classes.sort_unstable();
            classes.dedup();
            let tips: Vec<&str> = run.marks.iter().map(|&i| marks[i].tip.as_str()).filter(|t| !t.is_empty()).collect();
            let tip = tips.join("；");
            let class = classes.join(" ");
            if tip.is_empty() {
                view! { <mark class=class>{piece}</mark> }.into_any()
            } else {
                view! { <mark class=class tabindex="0" title=tip.clone() data-tip=tip>{piece}</mark> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
