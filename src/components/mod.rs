//! UI components, one per file.

pub mod article_item;
pub mod article_list;
pub mod block_view;
pub mod note_list;
pub mod source_summary;
