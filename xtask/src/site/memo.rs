//! What `serve` keeps between two builds of one process, so that saving one page re-renders
//! only that page's body: each page's rendered body, reused while the page itself and all a
//! body can read (site.toml, the data files, the step numbers, the templates' sources, for
//! components) are equal to last time. Compared by value, never by a hash, so a reused body
//! is the one a fresh build would render. A plain `build` starts empty and reuses nothing.

use super::content::Page;
use super::markdown::Rendered;
use minijinja::{Environment, Value};
use std::collections::{BTreeMap, HashMap};

/// What every page body may read besides its own page.
#[derive(PartialEq)]
pub struct Shared {
    pub site: Value,
    pub data: Value,
    pub numbers: BTreeMap<String, String>,
    /// Each template's name and source (components render inside bodies).
    pub templates: Vec<(String, String)>,
}

impl Shared {
    pub fn templates(env: &Environment<'static>) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = env
            .templates()
            .map(|(name, t)| (name.to_string(), t.source().to_string()))
            .collect();
        all.sort();
        all
    }
}

/// One page's own inputs to its body.
#[derive(PartialEq)]
struct Own {
    body: String,
    body_line: usize,
    meta: Value,
}

/// The bodies of the previous build, by page source, with what they were rendered from.
#[derive(Default)]
pub struct Bodies {
    shared: Option<Shared>,
    pages: HashMap<String, (Own, Rendered)>,
    /// How many bodies the last build took from here (for tests and the report).
    pub reused: usize,
}

impl Bodies {
    /// Starts a build whose bodies see `shared`: when it differs from the last build's,
    /// nothing kept is valid any more.
    pub fn begin(&mut self, shared: Shared) {
        if self.shared.as_ref() != Some(&shared) {
            self.pages.clear();
        }
        self.shared = Some(shared);
        self.reused = 0;
    }

    /// The body kept for `page` (whose template metadata is `meta`), if rendered from the same.
    pub fn get(&self, page: &Page, meta: &Value) -> Option<Rendered> {
        let (own, body) = self.pages.get(&page.rel)?;
        (own.body == page.body && own.body_line == page.body_line && own.meta == *meta)
            .then(|| body.clone())
    }

    /// Keeps the bodies of this build (all pages; pages gone from the site are dropped).
    pub fn keep<'a>(&mut self, rendered: impl Iterator<Item = (&'a Page, Value, &'a Rendered)>) {
        self.pages = rendered
            .map(|(page, meta, body)| {
                let own = Own {
                    body: page.body.clone(),
                    body_line: page.body_line,
                    meta,
                };
                (page.rel.clone(), (own, body.clone()))
            })
            .collect();
    }
}
