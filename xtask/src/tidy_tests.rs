//! Tidy checks that keep the documentation honest: every source file says what it is for, ARCHITECTURE.md's code
//! map names every module and crate, and `cargo xtask help` lists every command.

use std::fs;
use std::path::{Path, PathBuf};

use crate::repo_root;

/// The Rust files under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The library and application sources: `src/` of the app and of every crate.
fn source_dirs() -> Vec<PathBuf> {
    let root = repo_root();
    let mut dirs = vec![root.join("src"), root.join("xtask/src")];
    if let Ok(entries) = fs::read_dir(root.join("crates")) {
        let mut crates: Vec<PathBuf> = entries.flatten().map(|e| e.path().join("src")).filter(|p| p.is_dir()).collect();
        crates.sort();
        dirs.extend(crates);
    }
    dirs
}

#[test]
fn every_source_file_begins_with_its_module_doc() {
    let undocumented: Vec<String> = source_dirs()
        .iter()
        .flat_map(|d| rust_files(d))
        .filter(|f| {
            let text = fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(undocumented.is_empty(), "files without a `//!` module doc: {undocumented:#?}");
}

/// A core module's path as the code map writes it: `parse::noise`, `search`, `model`.
fn module_path(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?.with_extension("");
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let parts: Vec<String> = match parts.last().map(String::as_str) {
        Some("mod") => parts[..parts.len() - 1].to_vec(),
        _ => parts,
    };
    (!parts.is_empty()).then(|| parts.join("::"))
}

#[test]
fn the_code_map_names_every_core_module_app_module_and_crate() {
    let root = repo_root();
    let map = fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let core = root.join("crates/tifa-corpus/src");
    let modules: Vec<String> =
        rust_files(&core).iter().filter_map(|f| module_path(&core, f)).filter(|m| m != "lib").collect();
    assert!(
        modules.len() >= 30 && modules.contains(&"parse::noise".to_string()),
        "core modules not found: {modules:?}"
    );
    let mut missing: Vec<String> = modules.into_iter().filter(|m| !map.contains(&format!("`{m}`"))).collect();
    // The app: each file as `name.rs`, each folder as `name/`.
    let app = root.join("src");
    for entry in fs::read_dir(&app).expect("src/").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let written = if entry.path().is_dir() { format!("`{name}/`") } else { format!("`{name}`") };
        if !map.contains(&written) {
            missing.push(written);
        }
    }
    for entry in fs::read_dir(root.join("crates")).expect("crates/").flatten() {
        let written = format!("`crates/{}`", entry.file_name().to_string_lossy());
        if entry.path().join("Cargo.toml").is_file() && !map.contains(&written) {
            missing.push(written);
        }
    }
    assert!(missing.is_empty(), "ARCHITECTURE.md's code map does not name: {missing:#?}");
}

#[test]
fn the_help_lists_every_command() {
    let main = fs::read_to_string(repo_root().join("xtask/src/main.rs")).expect("xtask/src/main.rs");
    let commands: Vec<&str> = main
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Some(\""))
        .filter_map(|l| l.split('"').next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 8, "the command dispatch was not found: {commands:?}");
    let usage = &main[main.find("const USAGE").expect("USAGE")..];
    let missing: Vec<&&str> = commands.iter().filter(|c| !usage.contains(&format!("\n  {c} "))).collect();
    assert!(missing.is_empty(), "commands missing from `cargo xtask help`: {missing:?}");
}
