//! Charts drawn as SVG by hand: horizontal bars, a histogram, and a dispersion strip. Labels are SVG text nodes.

use leptos::prelude::*;

/// One bar: label, value, and where a click on it leads (a hash link).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The label shown left of the bar.
    pub label: String,
    /// The value (bar length).
    pub value: f64,
    /// The value as printed.
    pub shown: String,
    /// Link target, if the bar is clickable.
    pub href: Option<String>,
}

const ROW: f64 = 22.0;
const LABEL_W: f64 = 150.0;
const WIDTH: f64 = 560.0;

/// Horizontal bars, largest first as given.
#[component]
pub fn BarChart(bars: Vec<Bar>, #[prop(into)] title: String) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let height = ROW * bars.len() as f64 + 4.0;
    let plot = WIDTH - LABEL_W - 60.0;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = i as f64 * ROW + 2.0;
            let w = (b.value / max * plot).max(1.0);
            let label: String = if b.label.chars().count() > 10 {
                b.label.chars().take(9).chain(std::iter::once('…')).collect()
            } else {
                b.label.clone()
            };
            let bar = view! {
                <g class="bar-row">
                    <title>{format!("{}: {}", b.label, b.shown)}</title>
                    <text x=LABEL_W - 6.0 y=y + 15.0 text-anchor="end" class="bar-label">{label}</text>
                    <rect x=LABEL_W y=y + 3.0 width=w height=ROW - 6.0 rx="2" class="bar"></rect>
                    <text x=LABEL_W + w + 5.0 y=y + 15.0 class="bar-value">{b.shown.clone()}</text>
                </g>
            };
            let name = format!("{}: {}", b.label, b.shown);
            match b.href {
                // Wrapped in <g> so that the view macro makes an SVG <a>, not an HTML one (which SVG would not draw).
                Some(href) => view! { <g><a href=href aria-label=name>{bar}</a></g> }.into_any(),
                None => bar.into_any(),
            }
        })
        .collect_view();
    let label = title.clone();
    view! {
        <svg class="chart bars" viewBox=format!("0 0 {WIDTH} {height}") role="group" aria-label=label
            preserveAspectRatio="xMinYMin meet">
            <title>{title}</title>
            {rows}
        </svg>
    }
}

/// Vertical bars over labelled bins.
#[component]
pub fn Histogram(bins: Vec<(String, u32)>, #[prop(into)] title: String) -> impl IntoView {
    let (w, h, base) = (WIDTH, 180.0, 150.0);
    let max = bins.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let bw = (w - 20.0) / bins.len().max(1) as f64;
    // Labels that would overlap are thinned to about a dozen (a time line of forty years).
    let step = bins.len().div_ceil(16).max(1);
    // Counts over the bars only while they fit; each bar's tooltip has its count anyway.
    let few = bins.len() <= 24;
    let bars = bins
        .into_iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let x = 10.0 + i as f64 * bw;
            let bh = n as f64 / max * (base - 20.0);
            view! {
                <g>
                    <title>{format!("{label}: {n}")}</title>
                    <rect x=x + 2.0 y=base - bh width=bw - 4.0 height=bh class="bar"></rect>
                    {(few && n > 0).then(|| view! { <text x=x + bw / 2.0 y=base - bh - 4.0 text-anchor="middle" class="bar-value">{n}</text> })}
                    {(i % step == 0).then(|| view! { <text x=x + bw / 2.0 y=base + 16.0 text-anchor="middle" class="bar-label small">{label}</text> })}
                </g>
            }
        })
        .collect_view();
    let label = title.clone();
    view! {
        <svg class="chart histogram" viewBox=format!("0 0 {w} {h}") role="img" aria-label=label>
            <title>{title}</title>
            <line x1="10" x2=w - 10.0 y1=base y2=base class="axis"></line>
            {bars}
        </svg>
    }
}

/// Where a term occurs across the articles of a selection: one column per article (in selection order), its height
/// the term's rate in that article.
#[component]
pub fn Dispersion(
    /// Per article of the selection: (label, occurrences, rate per 10,000 characters, link).
    columns: Vec<(String, u32, f64, String)>,
    #[prop(into)] title: String,
) -> impl IntoView {
    let (w, h) = (WIDTH, 90.0);
    let n = columns.len().max(1) as f64;
    let cw = (w - 20.0) / n;
    let max = columns.iter().map(|c| c.2).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE);
    let cols = columns
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.1 > 0)
        .map(|(i, (label, count, rate, href))| {
            let x = 10.0 + i as f64 * cw;
            let bh = (rate / max * (h - 20.0)).max(2.0);
            let name = format!("{label}: {count}");
            let aria = name.clone();
            view! {
                <g>
                    // Out of the tab order: thousands of bars must not stand between the keyboard and the concordance.
                    <a href=href aria-label=aria tabindex="-1">
                        <title>{name}</title>
                        <rect x=x y=h - 10.0 - bh width=(cw - 1.0).max(1.0) height=bh class="bar"></rect>
                    </a>
                </g>
            }
        })
        .collect_view();
    let label = title.clone();
    view! {
        <svg class="chart dispersion" viewBox=format!("0 0 {w} {h}") role="group" aria-label=label
            preserveAspectRatio="none">
            <title>{title}</title>
            <line x1="10" x2=w - 10.0 y1=h - 10.0 y2=h - 10.0 class="axis"></line>
            {cols}
        </svg>
    }
}
