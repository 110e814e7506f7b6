//! Parsing throughput (MB/s) on the default corpus and on a 100× concatenation of it.
//! Run with `cargo bench -p tifa-corpus --bench parse`; the README quotes the medians.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tifa_corpus::{DEFAULT_CORPUS_BYTES, ParseOptions, parse_bytes};

fn corpus_times(n: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(DEFAULT_CORPUS_BYTES.len() * n + 4 * n);
    for _ in 0..n {
        bytes.extend_from_slice(DEFAULT_CORPUS_BYTES);
        bytes.extend_from_slice(b"\n\n\n");
    }
    bytes
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (label, n, samples) in [("default corpus", 1, 50), ("100x concatenation", 100, 10)] {
        let bytes = corpus_times(n);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.sample_size(samples);
        group.bench_function(label, |b| {
            b.iter(|| parse_bytes("bench.txt", black_box(&bytes), ParseOptions::default()).map(|p| p.articles.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
