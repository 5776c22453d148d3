//! Search page glue (feature `search-ui`): reads the index that `search-index.js` left in a
//! global, wires ara.html's box (results as you type, `ara.html?q=…` on load, the count in the
//! polite status line) and builds every result from DOM nodes and text — never HTML.
//! The matching itself is `crate::search`, the same code the builder's tests run natively.

use crate::prelude::*;

use crate::search::{status_message, Index, Marked, Results, Searcher, INDEX_GLOBAL, MAX_SHOWN};
use crate::text::collapse_spaces;
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement, UrlSearchParams, Window};

/// Characters of section text shown under each result.
const EXCERPT_CHARS: usize = 180;
/// Quiet time after the last keystroke before the count is announced, so a screen reader
/// reads one count per word typed rather than one per letter.
const ANNOUNCE_DELAY_MS: i32 = 700;
/// Shown when the index script did not load or does not match this code.
const INDEX_MISSING: &str = "Arama şu anda çalışmıyor: arama dizini yüklenemedi. Sayfayı \
     yenileyin; olmazsa aradığınız bölümü aşağıdaki listeden seçin.";

/// The search page's elements and the loaded index.
struct SearchPage {
    window: Window,
    document: Document,
    input: HtmlInputElement,
    status: Element,
    list: HtmlElement,
    plain: Option<HtmlElement>,
    /// The pointer to the checker's il/ilçe lists, shown when nothing was found.
    places: Option<HtmlElement>,
    searcher: Searcher,
    /// The message waiting for `ANNOUNCE_DELAY_MS` of quiet, and its timer.
    pending: RefCell<String>,
    timer: Cell<Option<i32>>,
    announce: RefCell<Option<Closure<dyn FnMut()>>>,
}

/// Runs when search.js has instantiated the wasm (after the page is parsed: both scripts are
/// `defer`). Does nothing on pages without the search box.
#[wasm_bindgen(start)]
pub fn start_search() {
    if wire().is_err() {
        if let Some(status) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("ara-durum"))
        {
            status.set_text_content(Some(INDEX_MISSING));
        }
    }
}

fn wire() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("pencere yok")?;
    let document = window.document().ok_or("belge yok")?;
    let Some(input) = document.get_element_by_id("ara-q") else {
        return Ok(());
    };
    let input: HtmlInputElement = input.dyn_into()?;
    let status = document.get_element_by_id("ara-durum").ok_or("durum yok")?;
    let list: HtmlElement = document
        .get_element_by_id("ara-sonuclar")
        .ok_or("liste yok")?
        .dyn_into()?;
    let plain = document
        .get_element_by_id("ara-dizin")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let places = document
        .get_element_by_id("ara-yer")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    let text = js_sys::Reflect::get(&window, &JsValue::from_str(INDEX_GLOBAL))?;
    let Some(index) = text.as_string().and_then(|t| Index::decode(&t).ok()) else {
        status.set_text_content(Some(INDEX_MISSING));
        return Ok(());
    };
    let page = Rc::new(SearchPage {
        window,
        document,
        input,
        status,
        list,
        plain,
        places,
        searcher: Searcher::new(index),
        pending: RefCell::new(String::new()),
        timer: Cell::new(None),
        announce: RefCell::new(None),
    });
    let p = page.clone();
    *page.announce.borrow_mut() = Some(Closure::new(move || {
        p.timer.set(None);
        p.status.set_text_content(Some(&p.pending.borrow()));
    }));

    // `ara.html?q=…` (a bookmark, or the header form of another page): search at once.
    let search = page.window.location().search()?;
    if let Some(q) = UrlSearchParams::new_with_str(&search)?.get("q") {
        page.input.set_value(&q);
    }
    page.update(false, false);

    let p = page.clone();
    listen(&page.input, "input", move |_| p.update(true, true))?;
    if let Some(form) = page.document.get_element_by_id("ara-form") {
        let p = page.clone();
        listen(&form, "submit", move |e: Event| {
            // The results are already on the page; a reload would only lose the focus.
            e.prevent_default();
            p.update(false, true);
        })?;
    }
    if let Some(root) = page.document.document_element() {
        root.set_attribute("data-search", "ready")?;
    }
    Ok(())
}

/// Adds an event listener that lives as long as the page.
fn listen(target: &Element, event: &str, f: impl FnMut(Event) + 'static) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())?;
    closure.forget();
    Ok(())
}

impl SearchPage {
    /// Searches for the box's text, shows the results and announces the count (`later`:
    /// after a quiet moment). `remember` puts the query in the address (`?q=`).
    fn update(&self, later: bool, remember: bool) {
        let query = self.input.value();
        let results = self.searcher.search(&query, MAX_SHOWN);
        // Building nodes only fails if the document is gone; nothing useful to do then.
        let _ = self.show(&results);
        let message = status_message(&query, &results);
        if let Some(t) = self.timer.take() {
            self.window.clear_timeout_with_handle(t);
        }
        *self.pending.borrow_mut() = message;
        let scheduled = later
            .then(|| self.announce.borrow().as_ref().map(|c| c.as_ref().clone()))
            .flatten()
            .and_then(|f| {
                self.window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        f.unchecked_ref(),
                        ANNOUNCE_DELAY_MS,
                    )
                    .ok()
            });
        match scheduled {
            Some(t) => self.timer.set(Some(t)),
            None => self.status.set_text_content(Some(&self.pending.borrow())),
        }
        if remember {
            self.remember(&query);
        }
    }

    /// Replaces the result list; shows the plain index instead when there is nothing to list.
    fn show(&self, results: &Results) -> Result<(), JsValue> {
        self.list.set_text_content(None);
        let any = !results.hits.is_empty();
        self.list.set_hidden(!any);
        if let Some(plain) = &self.plain {
            plain.set_hidden(any);
        }
        // Nothing found for real words: perhaps a place name; the checker's lists have them.
        if let Some(places) = &self.places {
            places.set_hidden(any || results.terms.is_empty());
        }
        for hit in &results.hits {
            let item = self.element("li", "ara-sonuc")?;
            let heading = self.element("h2", "ara-sonuc__baslik")?;
            let link = self.element("a", "")?;
            link.set_attribute("href", &self.searcher.url(hit))?;
            append_marked(
                &link,
                &self.searcher.title(hit, &results.terms),
                &self.document,
            )?;
            heading.append_child(&link)?;
            item.append_child(&heading)?;
            let path = self.searcher.path(hit);
            if !path.is_empty() {
                let p = self.element("p", "ara-sonuc__yol")?;
                p.set_text_content(Some(&path));
                item.append_child(&p)?;
            }
            let excerpt = self.searcher.excerpt(hit, &results.terms, EXCERPT_CHARS);
            if !excerpt.text.is_empty() {
                let p = self.element("p", "ara-sonuc__ozet")?;
                append_marked(&p, &excerpt, &self.document)?;
                item.append_child(&p)?;
            }
            self.list.append_child(&item)?;
        }
        Ok(())
    }

    fn element(&self, tag: &str, class: &str) -> Result<Element, JsValue> {
        let e = self.document.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        Ok(e)
    }

    /// Puts the query in the address bar so the search can be bookmarked or shared. Browsers
    /// may refuse this for file:// pages; the search works the same without it.
    fn remember(&self, query: &str) {
        let Ok(history) = self.window.history() else {
            return;
        };
        let Ok(path) = self.window.location().pathname() else {
            return;
        };
        let query = collapse_spaces(query);
        let url = if query.is_empty() {
            path
        } else {
            let Ok(params) = UrlSearchParams::new() else {
                return;
            };
            params.set("q", &query);
            let mut url = path;
            url.push('?');
            url.push_str(&String::from(params.to_string()));
            url
        };
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Appends `marked` to `parent`: plain pieces as text, matched words as `<mark>` elements
/// whose text is set with `textContent`.
fn append_marked(parent: &Element, marked: &Marked, document: &Document) -> Result<(), JsValue> {
    for (text, is_match) in marked.pieces() {
        if is_match {
            let mark = document.create_element("mark")?;
            mark.set_text_content(Some(text));
            parent.append_child(&mark)?;
        } else {
            parent.append_with_str_1(text)?;
        }
    }
    Ok(())
}
