//! Keeping the user's corpus in the browser across visits (IndexedDB), until they remove it: the built asset and the
//! per-file report, under one key. Every call fails softly (private windows may have no storage): the explorer
//! then simply does not remember.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

use tifa_protocol::FileOutcome;

use crate::i18n::Text;

const DB: &str = "tifa";
const STORE: &str = "corpora";
const KEY: &str = "mine";

/// Wait for an IndexedDB request; its result.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = window().indexed_db()?.ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    let request = factory.open_with_u32(DB, 1)?;
    let upgrade_target = request.clone();
    let on_upgrade = Closure::once(move |_: web_sys::Event| {
        if let Ok(db) = upgrade_target.result().and_then(|r| r.dyn_into::<IdbDatabase>())
            && !db.object_store_names().contains(STORE)
        {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db = done(&request).await?;
    drop(on_upgrade);
    db.dyn_into::<IdbDatabase>()
}

/// Keep the asset and the report.
pub async fn save(asset: &[u8], lines: &[FileOutcome]) -> Result<(), JsValue> {
    let db = open().await?;
    let transaction = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    let store = transaction.object_store(STORE)?;
    let value = Object::new();
    Reflect::set(&value, &"asset".into(), &Uint8Array::from(asset))?;
    let report = Array::new();
    for l in lines {
        let row = Array::new();
        row.push(&l.name.clone().into());
        match &l.result {
            Ok(n) => row.push(&JsValue::from(*n)),
            Err(m) => {
                row.push(&m.zh.clone().into());
                row.push(&m.en.clone().into())
            }
        };
        report.push(&row);
    }
    Reflect::set(&value, &"report".into(), &report)?;
    done(&store.put_with_key(&value, &KEY.into())?).await?;
    // Kept only once the transaction commits (a full disk or quota shows up here, not on the request).
    committed(&transaction).await
}

/// Wait until a transaction has committed; an error if it aborted.
async fn committed(transaction: &web_sys::IdbTransaction) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    JsFuture::from(promise).await.map(|_| ())
}

/// The kept asset and report, if any.
pub async fn load() -> Option<(Vec<u8>, Vec<FileOutcome>)> {
    let db = open().await.ok()?;
    let store = db.transaction_with_str(STORE).ok()?.object_store(STORE).ok()?;
    let value = done(&store.get(&KEY.into()).ok()?).await.ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    let asset = Uint8Array::new(&Reflect::get(&value, &"asset".into()).ok()?).to_vec();
    let report = Reflect::get(&value, &"report".into()).ok().map(|r| Array::from(&r)).unwrap_or_default();
    let lines = report
        .iter()
        .map(|row| {
            let row = Array::from(&row);
            let name = row.get(0).as_string().unwrap_or_default();
            let second = row.get(1);
            let result = match second.as_f64() {
                Some(n) => Ok(n as u32),
                None => {
                    Err(Text::new(second.as_string().unwrap_or_default(), row.get(2).as_string().unwrap_or_default()))
                }
            };
            FileOutcome { name, result }
        })
        .collect();
    Some((asset, lines))
}

/// Forget the kept corpus.
pub async fn remove() -> Result<(), JsValue> {
    let db = open().await?;
    let store = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?.object_store(STORE)?;
    done(&store.delete(&KEY.into())?).await.map(|_| ())
}
