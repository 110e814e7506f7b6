//! The messages between the page and the Web Worker that turns the user's own files into a corpus asset — one typed
//! definition that both sides compile, so neither reads the other's fields by name.
//!
//! A message travels as a plain object `{message: "<JSON of the enum>", bytes: [Uint8Array, …]}` (serde writes the
//! JSON; the page reads its messages with the browser's JSON parser and [`ToPage::read`]): the enum says
//! what happened, and the binary payloads (the files going in, the asset coming out) travel beside it, transferred
//! rather than copied. The order of events:
//!
//! 1. worker → page [`ToPage::Ready`] once it can take work;
//! 2. page → worker [`ToWorker::Build`] with the file names, the files' bytes beside it in the same order;
//! 3. worker → page [`ToPage::Progress`] as it goes, and [`ToPage::File`] for every file (a file that cannot be read is
//!    reported in plain words and the others go on);
//! 4. worker → page [`ToPage::Done`] with the asset's bytes beside it, or [`ToPage::Failed`].
//!
//! To show the shipped corpus and the user's together, the page asks a worker for the reuse between them (the
//! one part of a merge that takes seconds): [`ToWorker::Compare`] with both assets beside it, answered by
//! [`ToPage::Progress`] in [`Stage::Compare`] and [`ToPage::Done`] with the reuse's bytes
//! (`tifa_corpus::search::asset::encode_reuse`).
//!
//! Cancelling is the page terminating the worker.

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use tifa_corpus::lang::Text;
use wasm_bindgen::JsValue;

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Build a corpus of these files (their bytes travel beside the message, in the same order).
    Build {
        /// File names, with the folder path when a folder was opened.
        names: Vec<String>,
    },
    /// Find the reuse in the shipped corpus and the user's merged (their assets travel beside the message: the
    /// shipped one first).
    Compare,
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPage {
    /// The worker has started and can take work.
    Ready,
    /// A stage is under way: `done` of `total` steps.
    Progress(Progress),
    /// What became of one file.
    File(FileOutcome),
    /// The asset is built, or the reuse of two corpora found (the bytes travel beside the message).
    Done,
    /// Nothing could be built; why.
    Failed {
        /// The reason, in both languages.
        why: Text,
    },
}

/// Where a build stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The stage.
    pub stage: Stage,
    /// Steps done.
    pub done: u32,
    /// Steps in the stage.
    pub total: u32,
}

/// The stages of a build, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Decoding and parsing the files, one step per file.
    Parse,
    /// Segmenting and tagging (the full dictionary is loaded first).
    Tag,
    /// Indexing and writing the asset.
    Encode,
    /// Comparing two corpora for the passages they share: step 0 reading them, step 1 comparing.
    Compare,
}

impl Progress {
    /// The share of the whole build done, from 0 to 1 (parsing is the first half).
    pub fn share(&self) -> f64 {
        match self.stage {
            Stage::Parse if self.total > 0 => f64::from(self.done) / f64::from(self.total) * 0.5,
            Stage::Parse => 0.0,
            Stage::Tag => 0.6,
            Stage::Encode => 0.9,
            Stage::Compare if self.total > 0 => f64::from(self.done) / f64::from(self.total),
            Stage::Compare => 0.0,
        }
    }
}

/// One file's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileOutcome {
    /// File name (as the browser gives it, with its folder path when a folder was opened).
    pub name: String,
    /// Articles found, or why the file was not used.
    pub result: Result<u32, Text>,
}

/// A message ready to post: the object, and the buffers to transfer with it.
pub struct Envelope {
    /// `{message, bytes}`.
    pub object: Object,
    /// The payloads' buffers (posting transfers them: the sender no longer has them).
    pub transfer: Array,
}

/// Pack a message with its binary payloads.
pub fn pack<T: Serialize>(message: &T, payloads: &[Uint8Array]) -> Envelope {
    let object = Object::new();
    // Serialising these enums cannot fail: every field is a string, a number or a nested enum of them.
    let json = serde_json::to_string(message).unwrap_or_default();
    let _ = Reflect::set(&object, &"message".into(), &json.into());
    let bytes = Array::new();
    let transfer = Array::new();
    for p in payloads {
        bytes.push(p);
        transfer.push(&p.buffer());
    }
    let _ = Reflect::set(&object, &"bytes".into(), &bytes);
    Envelope { object, transfer }
}

/// A message for the worker and its binary payloads; `None` for anything that is not one.
pub fn unpack_for_worker(data: &JsValue) -> Option<(ToWorker, Vec<Uint8Array>)> {
    let json = Reflect::get(data, &"message".into()).ok()?.as_string()?;
    Some((serde_json::from_str(&json).ok()?, payloads(data)))
}

/// A message for the page and its binary payloads; `None` for anything that is not one. The page reads the JSON
/// with the browser's own parser and [`ToPage::read`]: serde's deserializer would add some 50 KB to the page's wasm.
pub fn unpack_for_page(data: &JsValue) -> Option<(ToPage, Vec<Uint8Array>)> {
    let json = Reflect::get(data, &"message".into()).ok()?.as_string()?;
    let value = js_sys::JSON::parse(&json).ok()?;
    Some((ToPage::read(&value)?, payloads(data)))
}

fn payloads(data: &JsValue) -> Vec<Uint8Array> {
    let bytes = Reflect::get(data, &"bytes".into()).ok().map(|b| Array::from(&b)).unwrap_or_default();
    bytes.iter().map(|b| Uint8Array::new(&b)).collect()
}

/// The fields of a parsed JSON object: a browser object on the page, `serde_json::Value` in native tests.
pub trait Fields: Sized {
    /// A string field.
    fn text(&self, key: &str) -> Option<String>;
    /// A number field.
    fn number(&self, key: &str) -> Option<f64>;
    /// An object field.
    fn object(&self, key: &str) -> Option<Self>;
}

impl Fields for JsValue {
    fn text(&self, key: &str) -> Option<String> {
        Reflect::get(self, &key.into()).ok()?.as_string()
    }

    fn number(&self, key: &str) -> Option<f64> {
        Reflect::get(self, &key.into()).ok()?.as_f64()
    }

    fn object(&self, key: &str) -> Option<JsValue> {
        Reflect::get(self, &key.into()).ok().filter(JsValue::is_object)
    }
}

impl Fields for serde_json::Value {
    fn text(&self, key: &str) -> Option<String> {
        self.get(key)?.as_str().map(str::to_string)
    }

    fn number(&self, key: &str) -> Option<f64> {
        self.get(key)?.as_f64()
    }

    fn object(&self, key: &str) -> Option<serde_json::Value> {
        self.get(key).filter(|v| v.is_object()).cloned()
    }
}

impl ToPage {
    /// Read a message from the fields of its JSON (the shape serde writes; a test holds the two together).
    pub fn read(fields: &impl Fields) -> Option<ToPage> {
        fn sentence(o: &impl Fields) -> Option<Text> {
            Some(Text::new(o.text("message_zh")?, o.text("message")?))
        }
        let count = |key: &str| fields.number(key).filter(|n| *n >= 0.0).map(|n| n as u32);
        Some(match fields.text("type")?.as_str() {
            "ready" => ToPage::Ready,
            "progress" => ToPage::Progress(Progress {
                stage: Stage::named(&fields.text("stage")?)?,
                done: count("done")?,
                total: count("total")?,
            }),
            "file" => {
                let result = fields.object("result")?;
                let result = match result.number("Ok") {
                    Some(n) => Ok(n as u32),
                    None => Err(sentence(&result.object("Err")?)?),
                };
                ToPage::File(FileOutcome { name: fields.text("name")?, result })
            }
            "done" => ToPage::Done,
            "failed" => ToPage::Failed { why: sentence(&fields.object("why")?)? },
            _ => return None,
        })
    }
}

impl Stage {
    /// The stage a name in a message names.
    fn named(name: &str) -> Option<Stage> {
        [Stage::Parse, Stage::Tag, Stage::Encode, Stage::Compare].into_iter().find(|s| s.name() == name)
    }

    /// The stage's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Parse => "parse",
            Stage::Tag => "tag",
            Stage::Encode => "encode",
            Stage::Compare => "compare",
        }
    }
}

/// A message as the JSON text of its `message` field (what [`pack`] writes, for code that is not Rust).
pub fn to_json<T: Serialize>(message: &T) -> String {
    serde_json::to_string(message).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_survive_the_round_trip_through_json() {
        let all = [
            ToPage::Ready,
            ToPage::Progress(Progress { stage: Stage::Parse, done: 1, total: 3 }),
            ToPage::Progress(Progress { stage: Stage::Compare, done: 1, total: 2 }),
            ToPage::File(FileOutcome { name: "a/b.txt".into(), result: Ok(12) }),
            ToPage::File(FileOutcome {
                name: "c.txt".into(),
                result: Err(Text::new("文件是空的。", "the file is empty")),
            }),
            ToPage::Done,
            ToPage::Failed { why: Text::new("无法载入词典", "the dictionary could not be loaded") },
        ];
        for m in all {
            let back: ToPage = serde_json::from_str(&to_json(&m)).unwrap();
            assert_eq!(back, m);
            // What the page reads with the browser's parser is what serde wrote.
            let value: serde_json::Value = serde_json::from_str(&to_json(&m)).unwrap();
            assert_eq!(ToPage::read(&value), Some(m));
        }
        let not_ours = serde_json::json!({"type": "progress", "stage": "dance", "done": 1, "total": 2});
        assert_eq!(ToPage::read(&not_ours), None);
        for m in [ToWorker::Build { names: vec!["x.txt".into()] }, ToWorker::Compare] {
            assert_eq!(serde_json::from_str::<ToWorker>(&to_json(&m)).unwrap(), m);
        }
    }

    #[test]
    fn the_json_is_what_the_bundle_boot_code_writes() {
        // The one-file bundle's start-up code (JavaScript) reports a failed start in this shape.
        let js =
            r#"{"type":"failed","why":{"message":"the worker could not start: x","message_zh":"后台线程无法启动：x"}}"#;
        let m: serde_json::Value = serde_json::from_str(js).unwrap();
        let expected =
            ToPage::Failed { why: Text::new("后台线程无法启动：x", "the worker could not start: x") };
        assert_eq!(ToPage::read(&m), Some(expected.clone()));
        assert_eq!(serde_json::from_value::<ToPage>(m).unwrap(), expected);
    }

    #[test]
    fn progress_only_grows() {
        let p = |stage, done, total| Progress { stage, done, total }.share();
        let steps = [
            p(Stage::Parse, 0, 2),
            p(Stage::Parse, 1, 2),
            p(Stage::Parse, 2, 2),
            p(Stage::Tag, 0, 1),
            p(Stage::Encode, 0, 1),
        ];
        assert!(steps.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
    }
}
