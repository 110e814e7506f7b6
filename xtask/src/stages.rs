//! `cargo xtask test`: the test stages (native, wasm in Chromium, dist, browser end-to-end).

use super::*;
use crate::setup::axe_path;
use crate::site::build_dist;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Native,
    Wasm,
    Dist,
    E2e,
}

impl Stage {
    const ALL: [Stage; 4] = [Stage::Native, Stage::Wasm, Stage::Dist, Stage::E2e];

    fn name(self) -> &'static str {
        match self {
            Stage::Native => "native",
            Stage::Wasm => "wasm",
            Stage::Dist => "dist",
            Stage::E2e => "e2e",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Stage::Native => "(a) native tests: cargo test --workspace",
            Stage::Wasm => "(b) wasm tests of tifa-corpus in headless Chromium",
            Stage::Dist => "(c) release build of the web app",
            Stage::E2e => "(d) browser end-to-end tests of the built app",
        }
    }
}

pub(crate) fn test(args: &[String]) -> Result {
    let mut keep_going = false;
    let mut chosen = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--keep-going" => keep_going = true,
            name => {
                let stage = Stage::ALL
                    .into_iter()
                    .find(|stage| stage.name() == name)
                    .ok_or_else(|| format!("unknown test stage `{name}` (stages: native wasm dist e2e)"))?;
                chosen.push(stage);
            }
        }
    }
    if chosen.contains(&Stage::E2e) {
        chosen.push(Stage::Dist); // the end-to-end tests test the build, so build it first
    }
    let stages: Vec<Stage> =
        Stage::ALL.into_iter().filter(|stage| chosen.is_empty() || chosen.contains(stage)).collect();

    let start = Instant::now();
    let needs_browser = stages.iter().any(|stage| matches!(stage, Stage::Wasm | Stage::E2e));
    setup(if needs_browser { Tools::All } else { Tools::Build }).map_err(|error| format!("setup failed: {error}"))?;
    let setup_time = start.elapsed();

    let mut results: Vec<(Stage, Duration, Result)> = Vec::new();
    for stage in stages.iter().copied() {
        let dist_failed = results.iter().any(|(s, _, r)| *s == Stage::Dist && r.is_err());
        if stage == Stage::E2e && dist_failed {
            results.push((stage, Duration::ZERO, Err("skipped: the dist build failed".into())));
            continue;
        }
        println!();
        say(format!("==== {} ====", stage.title()));
        let stage_start = Instant::now();
        let result = run_stage(stage);
        let elapsed = stage_start.elapsed();
        match &result {
            Ok(()) => say(format!("==== {}: passed in {} ====", stage.name(), seconds(elapsed))),
            Err(error) => eprintln!("xtask: ==== {}: FAILED after {}: {error} ====", stage.name(), seconds(elapsed)),
        }
        let failed = result.is_err();
        results.push((stage, elapsed, result));
        if failed && !keep_going {
            break;
        }
    }

    let mut summary = format!("setup {}", seconds(setup_time));
    for stage in &stages {
        let status = match results.iter().find(|(s, _, _)| s == stage) {
            Some((_, elapsed, Ok(()))) => format!("ok {}", seconds(*elapsed)),
            Some((_, _, Err(error))) if error.starts_with("skipped") => "skipped".to_string(),
            Some((_, elapsed, Err(_))) => format!("FAILED {}", seconds(*elapsed)),
            None => "not run".to_string(),
        };
        let _ = write!(summary, " | {} {status}", stage.name());
    }
    let failures: Vec<&str> = results.iter().filter(|(_, _, r)| r.is_err()).map(|(s, _, _)| s.name()).collect();
    println!();
    if failures.is_empty() {
        say(format!("test summary: PASSED in {} — {summary}", seconds(start.elapsed())));
        Ok(())
    } else {
        say(format!("test summary: FAILED ({}) in {} — {summary}", failures.join(", "), seconds(start.elapsed())));
        Err(format!("test stage(s) failed: {}", failures.join(", ")))
    }
}

pub(crate) fn run_stage(stage: Stage) -> Result {
    match stage {
        Stage::Native => run(cargo().args(["test", "--workspace"])),
        Stage::Wasm => wasm_tests(),
        Stage::Dist => build_dist().map(|_| ()), // the tools were set up before the first stage
        Stage::E2e => {
            let dist = repo_root().join("dist");
            run(cargo()
                .args(["test", "-p", "tifa-app", "--test", "e2e", "--", "--ignored", "--test-threads=1"])
                .env("TIFA_DIST", &dist)
                .env("TIFA_AXE", axe_path()))
        }
    }
}

/// `cargo test -p tifa-corpus --target wasm32-unknown-unknown --test wasm`, run by wasm-bindgen-test-runner in
/// headless Chromium through chromedriver.
///
/// The runner starts chromedriver itself (from `$CHROMEDRIVER`) and already asks Chrome for `headless`,
/// `no-sandbox` (required as root) and `disable-dev-shm-usage`; the rest of the flags and the browser binary come from
/// a capabilities file it reads from `$WASM_BINDGEN_TEST_WEBDRIVER_JSON`, written fresh here with a throw-away
/// profile directory. Only the `wasm` test target is built: the crate's other tests may use native-only
/// dev-dependencies (proptest, criterion).
pub(crate) fn wasm_tests() -> Result {
    let work = repo_root().join("target").join("wasm-bindgen-test");
    let profile = work.join(format!("chrome-profile-{}", std::process::id()));
    fs::create_dir_all(&profile).map_err(|error| format!("cannot create {}: {error}", profile.display()))?;
    let webdriver_json = work.join("webdriver.json");
    let mut args: Vec<String> = chrome_flags::CHROME_ARGS.iter().map(|arg| arg.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let capabilities = format!(
        "{{\n  \"goog:chromeOptions\": {{\n    \"binary\": \"{CHROMIUM}\",\n    \"args\": [{}]\n  }}\n}}\n",
        args.iter()
            .map(|arg| format!("\"{}\"", arg.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    fs::write(&webdriver_json, capabilities)
        .map_err(|error| format!("cannot write {}: {error}", webdriver_json.display()))?;

    let result = run(cargo()
        .args(["test", "-p", "tifa-corpus", "--target", WASM_TARGET, "--test", "wasm"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &webdriver_json)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"));
    let _ = fs::remove_dir_all(&profile);
    result
}
