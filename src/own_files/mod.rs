//! Your own corpus: `.txt` files chosen with the picker (several at once, or a folder) or dropped on the page are
//! read ([`reading`]), then parsed, tagged and indexed in a Web Worker ([`worker`]; `crates/tifa-worker`, loaded only
//! now, with the full dictionary) while the page stays responsive, with progress, a cancel button and a plain-words
//! report per file ([`panel`]). Nothing leaves the browser. The result is shown like the shipped corpus; buttons
//! switch between the shipped corpus, the user's and both ([`corpora`]).
//!
//! [`OwnFiles`] is the state and its actions, provided as context by the root, in the manner of a leptos-use hook.

mod corpora;
mod panel;
mod reading;
mod worker;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tifa_corpus::search::Index;
use tifa_protocol::{FileOutcome, Progress};

use crate::i18n::Text;
use crate::loader::Load;
use crate::state::Explorer;
pub use corpora::Shown;
pub use panel::{OpenButtons, OwnFilesPanel, accept_drops};

/// Where opening files stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Job {
    /// Nothing opened.
    #[default]
    Idle,
    /// Reading the files from disk.
    Reading,
    /// The worker is at a stage.
    Working(Progress),
    /// Finished: the user's corpus is loaded.
    Done,
    /// Loaded, but the browser would not keep it for the next visit.
    DoneNotKept,
    /// The user's corpus was kept from an earlier visit.
    Kept,
    /// Stopped by the user.
    Cancelled,
    /// Could not build anything; why.
    Failed(Text),
}

/// The user's files: what is being done with them, their report, and the corpora to show.
#[derive(Clone, Copy)]
pub struct OwnFiles {
    /// Where the current job stands.
    pub job: RwSignal<Job>,
    /// What became of each file of the current job.
    pub lines: RwSignal<Vec<FileOutcome>>,
    corpora: corpora::Corpora,
    /// The current job's number; messages and reads of an older (cancelled or replaced) job are ignored.
    job_id: StoredValue<u64>,
    /// The running worker, if any.
    worker: StoredValue<Option<worker::Running>, LocalStorage>,
    explorer: Explorer,
    load: RwSignal<Load>,
}

impl OwnFiles {
    /// The state for a page; `load` is the root's loading state (a corpus shown makes it ready).
    pub fn new(explorer: Explorer, load: RwSignal<Load>) -> OwnFiles {
        OwnFiles {
            job: RwSignal::new(Job::Idle),
            lines: RwSignal::new(Vec::new()),
            corpora: corpora::Corpora::new(),
            job_id: StoredValue::new(0),
            worker: StoredValue::new_local(None),
            explorer,
            load,
        }
    }

    /// Remember the shipped corpus (to switch back to it), and bring back the user's corpus kept from an earlier
    /// visit.
    pub fn remember_shipped(self, index: &Arc<Index>, asset: Vec<u8>) {
        if !self.corpora.remember_shipped(index, asset) {
            return;
        }
        spawn_local(async move {
            let Some((asset, lines)) = crate::store::load().await else { return };
            // Files opened meanwhile come first.
            if self.job.get_untracked() != Job::Idle {
                return;
            }
            let Ok(index) = tifa_corpus::search::asset::decode(&asset) else {
                // Written by another version, or damaged: not worth keeping.
                let _ = crate::store::remove().await;
                return;
            };
            self.corpora.set_own(Arc::new(index), Arc::new(asset));
            self.lines.set(lines);
            // Kept from an earlier visit: offered, not forced on the page.
            self.job.set(Job::Kept);
        });
    }

    /// Start with these files (nothing chosen — an empty folder, a drop of text — leaves the running job alone).
    pub fn open(self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let job = self.next_job();
        self.lines.set(Vec::new());
        self.job.set(Job::Reading);
        spawn_local(async move {
            let read = reading::read(files, || self.current(job), |refused| self.lines.update(|l| l.push(refused)));
            let Some(read) = read.await else { return };
            if read.names.is_empty() {
                self.job.set(Job::Failed(Text::new("没有可读取的文件。", "no file could be read")));
                return;
            }
            worker::start(self, job, worker::Request::Build(read));
        });
    }

    /// Stop the running job.
    pub fn cancel(self) {
        self.next_job();
        self.job.set(Job::Cancelled);
    }

    /// Forget the user's corpus (here and in the browser's storage) and show the shipped one.
    pub fn forget(self) {
        self.corpora.clear_own();
        self.lines.set(Vec::new());
        self.job.set(Job::Idle);
        self.show(Shown::Shipped);
        spawn_local(async {
            let _ = crate::store::remove().await;
        });
    }

    /// Whether the user's corpus is loaded.
    pub fn has_own(self) -> bool {
        self.corpora.has_own()
    }

    /// Which corpus the explorer shows.
    pub fn shown(self) -> Shown {
        self.corpora.shown(&self.explorer)
    }

    /// Show a corpus: the explorer is rebuilt on it, at the search page. Both together are first combined (the
    /// reuse between them found by a worker, with progress).
    pub fn show(self, which: Shown) {
        if which == Shown::Both && self.corpora.get(which).is_none() {
            return self.combine();
        }
        if let Some(index) = self.corpora.get(which) {
            crate::browser::push_hash("#/");
            self.explorer.show(index);
            self.load.set(Load::Ready);
        }
    }

    /// Combine the shipped corpus and the user's, then show them: a worker finds the reuse between them.
    fn combine(self) {
        let Some(assets) = self.corpora.assets() else { return };
        let then = self.job.get_untracked();
        let job = self.next_job();
        worker::start(self, job, worker::Request::Compare { assets, then });
    }

    /// The worker found the reuse between the two corpora (its bytes; nothing when it could not, and the page
    /// finds it itself): show them together, and the job as it was.
    fn compared(self, reuse: Option<Vec<u8>>, then: Job) {
        let reuse = reuse.and_then(|bytes| tifa_corpus::search::asset::decode_reuse(&bytes).ok());
        self.corpora.combine(reuse);
        self.job.set(then);
        self.show(Shown::Both);
    }

    /// Start a new job, making every older one stale (and stopping its worker); its number.
    fn next_job(self) -> u64 {
        worker::stop(self);
        self.job_id.update_value(|j| *j += 1);
        self.job_id.get_value()
    }

    /// Whether `job` is still the current job.
    fn current(self, job: u64) -> bool {
        self.job_id.get_value() == job
    }

    /// The worker built the user's corpus: show it and keep it for the next visit.
    fn finished(self, asset: Vec<u8>) {
        match tifa_corpus::search::asset::decode(&asset) {
            Ok(index) => {
                let asset = Arc::new(asset);
                self.corpora.set_own(Arc::new(index), asset.clone());
                self.job.set(Job::Done);
                self.show(Shown::Own);
                let lines = self.lines.get_untracked();
                spawn_local(async move {
                    if crate::store::save(&asset, &lines).await.is_err() && self.job.get_untracked() == Job::Done {
                        self.job.set(Job::DoneNotKept);
                    }
                });
            }
            Err(e) => self.job.set(Job::Failed(Text::new(format!("处理结果无法读取：{e}"), e.to_string()))),
        }
    }
}

/// The own-files state provided by the root.
pub fn own_files() -> OwnFiles {
    expect_context::<OwnFiles>()
}
