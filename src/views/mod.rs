//! The pages of the explorer, one module each.

pub mod about;
pub mod article;
pub mod browse;
pub mod formulations;
pub mod regions;
pub mod reuse;
pub mod terms;
