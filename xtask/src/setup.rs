//! `cargo xtask setup`: install whatever the build and the tests need, saying what and why.

use super::*;

/// Which tools a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tools {
    /// What building the web app needs.
    Build,
    /// Also what the browser tests need.
    All,
}

pub(crate) fn setup(tools: Tools) -> Result {
    let start = Instant::now();
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    if tools == Tools::All {
        ensure_browser()?;
        ensure_axe()?;
    }
    say(format!("setup: everything needed is installed ({})", seconds(start.elapsed())));
    Ok(())
}

pub(crate) fn ensure_wasm_target() -> Result {
    // Run in the repository so rustup answers for the toolchain pinned in rust-toolchain.toml.
    let installed = output_of("rustup", &["target", "list", "--installed"])
        .ok_or("`rustup` is needed to manage the Rust toolchain; see https://rustup.rs")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        say(format!("ok: Rust target {WASM_TARGET}"));
        return Ok(());
    }
    say(format!("installing the Rust target {WASM_TARGET}"));
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

pub(crate) fn ensure_trunk() -> Result {
    if let Some(version) = output_of("trunk", &["--version"]) {
        if version.trim().starts_with(TRUNK_VERSION_PREFIX) {
            say(format!("ok: {}", version.trim()));
            return Ok(());
        }
        say(format!("found {}, but Tifa needs trunk {TRUNK_VERSION_REQ}", version.trim()));
    }
    say(format!("installing trunk {TRUNK_VERSION_REQ} (a few minutes)"));
    run(cargo().args(["install", "trunk", "--version", TRUNK_VERSION_REQ, "--locked"]))?;
    match output_of("trunk", &["--version"]) {
        Some(version) if version.trim().starts_with(TRUNK_VERSION_PREFIX) => Ok(()),
        _ => Err("trunk was installed but `trunk --version` does not answer: is ~/.cargo/bin on PATH?".into()),
    }
}

/// The version of the package `name` in Cargo.lock (the first one if several are locked).
pub(crate) fn locked_version(name: &str) -> Result<String> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock =
        fs::read_to_string(&lock_path).map_err(|error| format!("cannot read {}: {error}", lock_path.display()))?;
    let name_line = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line
            && let Some(version) = lines.next().and_then(|line| line.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_string());
        }
    }
    Err(format!("{name} is not in Cargo.lock"))
}

/// The value of `key = "value"` in Trunk.toml, if present.
pub(crate) fn trunk_toml_value(key: &str) -> Option<String> {
    let text = fs::read_to_string(repo_root().join("Trunk.toml")).ok()?;
    text.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

pub(crate) fn ensure_wasm_bindgen() -> Result {
    let version = locked_version("wasm-bindgen")?;
    // Trunk downloads its own wasm-bindgen unless Trunk.toml names exactly the version on PATH.
    match trunk_toml_value("wasm_bindgen") {
        Some(pinned) if pinned == version => {}
        pinned => {
            return Err(format!(
                "Cargo.lock has wasm-bindgen {version} but Trunk.toml [tools] has wasm_bindgen = {pinned:?}; \
                 set it to \"{version}\""
            ));
        }
    }
    let installed = |program: &str| {
        output_of(program, &["--version"]).is_some_and(|out| out.split_whitespace().nth(1) == Some(version.as_str()))
    };
    if installed("wasm-bindgen") && installed("wasm-bindgen-test-runner") {
        say(format!("ok: wasm-bindgen-cli {version} (as in Cargo.lock)"));
        return Ok(());
    }
    say(format!("installing wasm-bindgen-cli {version}, the version in Cargo.lock (a few minutes)"));
    // Not --locked: old lock files of wasm-bindgen-cli pin crates that no longer build with current Rust.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &format!("={version}")]))?;
    if installed("wasm-bindgen") && installed("wasm-bindgen-test-runner") {
        Ok(())
    } else {
        Err(format!("wasm-bindgen-cli {version} was installed but is not the one on PATH (`which -a wasm-bindgen`)"))
    }
}

pub(crate) fn ensure_wasm_opt() -> Result {
    let wasm_opt_ok = || output_of("wasm-opt", &["--version"]).filter(|out| out.contains(WASM_OPT_VERSION));
    if let Some(version) = wasm_opt_ok() {
        say(format!("ok: {}", version.trim()));
        return Ok(());
    }
    if let Some(other) = output_of("wasm-opt", &["--version"]) {
        say(format!("found {} on PATH, but Tifa needs binaryen {WASM_OPT_VERSION}", other.trim()));
    }
    if output_of("npm", &["--version"]).is_none() {
        say("npm is missing; installing Node.js and npm (needed for binaryen's wasm-opt)");
        apt_install(&["nodejs", "npm"])?;
    }
    // Debian's binaryen package (version 108) corrupts the output: binaryen comes from npm only.
    say(format!("installing wasm-opt: npm install -g {BINARYEN_NPM}"));
    run(Command::new("npm").args(["install", "-g", BINARYEN_NPM]))?;
    match wasm_opt_ok() {
        Some(_) => Ok(()),
        None => Err(format!(
            "installed {BINARYEN_NPM}, but the `wasm-opt` on PATH is not {WASM_OPT_VERSION}: check `which -a wasm-opt` \
             (if Debian's binaryen package is installed, remove it: it corrupts the output)"
        )),
    }
}

/// Where axe-core (the accessibility audit the browser tests inject) is installed from npm.
pub(crate) fn axe_path() -> PathBuf {
    repo_root().join("target").join("npm").join("node_modules").join("axe-core").join("axe.min.js")
}

pub(crate) fn ensure_axe() -> Result {
    if axe_path().is_file() {
        say(format!("ok: {AXE_NPM} ({})", axe_path().display()));
        return Ok(());
    }
    if output_of("npm", &["--version"]).is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    let prefix = repo_root().join("target").join("npm");
    fs::create_dir_all(&prefix).map_err(|error| format!("cannot create {}: {error}", prefix.display()))?;
    say(format!("installing {AXE_NPM} into {} (accessibility audit for the browser tests)", prefix.display()));
    run(Command::new("npm")
        .args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(AXE_NPM))?;
    if axe_path().is_file() {
        Ok(())
    } else {
        Err(format!("npm installed {AXE_NPM} but {} is missing", axe_path().display()))
    }
}

pub(crate) fn ensure_browser() -> Result {
    let missing: Vec<&str> = BROWSER_PACKAGES.into_iter().filter(|package| !deb_installed(package)).collect();
    if missing.is_empty() && Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        say("ok: chromium, chromium-driver and fonts-wqy-zenhei");
        return Ok(());
    }
    let missing = if missing.is_empty() { BROWSER_PACKAGES.to_vec() } else { missing };
    say(format!("installing {} (for the browser tests)", missing.join(" ")));
    apt_install(&missing)?;
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        Ok(())
    } else {
        Err(format!("installed {}, but {CHROMIUM} or {CHROMEDRIVER} is still missing", missing.join(" ")))
    }
}

pub(crate) fn deb_installed(package: &str) -> bool {
    output_of("dpkg-query", &["-W", "-f=${Status}", package])
        .is_some_and(|status| status.contains("install ok installed"))
}

pub(crate) fn is_root() -> bool {
    output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

/// `apt-get update && apt-get install -y PACKAGES`, as root, through `sudo -n`, or else explained.
pub(crate) fn apt_install(packages: &[&str]) -> Result {
    let command_line = format!("apt-get update && apt-get install -y {}", packages.join(" "));
    if output_of("apt-get", &["--version"]).is_none() {
        return Err(format!("apt-get is not available: install {} yourself", packages.join(" ")));
    }
    let sudo = if is_root() {
        false
    } else if output_of("sudo", &["-n", "true"]).is_some() {
        true
    } else {
        return Err(format!("installing needs root; run:\n    sudo sh -c '{command_line}'\nthen run xtask again"));
    };
    let apt = |args: &[&str]| {
        let mut command = if sudo {
            let mut command = Command::new("sudo");
            command.args(["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
            command
        } else {
            let mut command = Command::new("apt-get");
            command.env("DEBIAN_FRONTEND", "noninteractive");
            command
        };
        command.args(args);
        command
    };
    run(&mut apt(&["update"]))?;
    let mut install = apt(&["install", "-y"]);
    install.args(packages);
    run(&mut install)
}
