//! Reusable pieces of the views.

pub mod charts;
pub mod chips;
pub mod export_menu;
pub mod facet_panel;
pub mod kwic_table;
pub mod marked_text;
pub mod search_box;
