//! Fuzz the whole parser: arbitrary bytes must never panic, and any parse that succeeds must keep every
//! content character exactly once (the nothing-lost invariant).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tifa_corpus::{ParseOptions, parse::check_conservation, parse_bytes};

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse_bytes("fuzz.txt", data, ParseOptions::default()) {
        let text = tifa_corpus::decode::decode(data).expect("decoded once, decodes again").text;
        if let Err(message) = check_conservation(&text, &parsed) {
            panic!("{message}");
        }
    }
});
