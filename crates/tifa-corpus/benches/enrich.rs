//! Enrichment throughput: segmentation and every tagger over the default corpus (and the cost of building the
//! taggers once). Run with `cargo bench -p tifa-corpus --bench enrich`; the README quotes the medians.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tifa_corpus::enrich::Enricher;
use tifa_corpus::{DEFAULT_CORPUS_BYTES, default_corpus};

fn enrich(c: &mut Criterion) {
    let mut group = c.benchmark_group("enrich");
    group.sample_size(10);
    group.bench_function("build taggers (dictionary, gazetteer, data files)", |b| {
        b.iter(|| Enricher::with_embedded_dict().map(|e| e.segmenter().has_general_dictionary()))
    });
    let enricher = Enricher::with_embedded_dict().expect("enricher builds");
    let corpus = default_corpus();
    group.throughput(Throughput::Bytes(DEFAULT_CORPUS_BYTES.len() as u64));
    group.bench_function("default corpus", |b| {
        b.iter_batched(|| corpus.clone(), |mut c| enricher.enrich(&mut c), criterion::BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, enrich);
criterion_main!(benches);
