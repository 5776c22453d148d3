//! Bench section `stress`: pages far larger than any real one, to show the build stays
//! linear in the size of a page. A page of 1, 2 and 4 MB with about 9k, 18k and 36k links
//! (and as many inline HTML fragments)
//! (the Markdown stage once rescanned the page for each link: 4 MB took 31 s).

use super::common::{fresh_dir, ms, own_build, print_table, section, timed, Bench};
use super::corpus::{write_own, write_own_theme, Page};
use anyhow::Result;
use serde_json::{json, Value};
use std::fmt::Write;

/// One page of about `mb` megabytes: paragraphs each with a link (to the page itself, with
/// and without an anchor) and some inline HTML, so every kind of line lookup is exercised.
fn big_page(mb: usize) -> (Page, usize) {
    let mut body = String::from("## Başlık {#baslik}\n\n");
    let mut links = 0;
    while body.len() < mb * 1024 * 1024 {
        let _ = writeln!(
            body,
            "Satır {links}: [bağlantı](index.html#baslik) ve <abbr title=\"x\">kısaltma</abbr> \
             ile biraz metin, biraz daha metin ve bir cümle daha; sonra yine metin ve metin.\n"
        );
        links += 1;
    }
    let page = Page {
        slug: "index".into(),
        title: "Büyük sayfa".into(),
        order: 0,
        in_menu: true,
        body,
    };
    (page, links)
}

pub(super) fn stress(bench: &Bench) -> Result<Value> {
    section("Çok büyük sayfa (doğrusal derleme)");
    let mut rows = vec![vec![
        "sayfa".to_string(),
        "bağlantı".into(),
        "derleme (medyan)".into(),
    ]];
    let mut out = Vec::new();
    for mb in [1usize, 2, 4] {
        let dir = bench.dir.join(format!("stress-{mb}mb"));
        fresh_dir(&dir)?;
        let (page, links) = big_page(mb);
        write_own(
            &[page],
            &dir,
            &bench.root.join("content").join("site.toml"),
            &dir.join("no-data"),
        )?;
        write_own_theme(&dir.join("templates"))?;
        let site = dir.join("out");
        let mut times = Vec::new();
        for _ in 0..bench.runs {
            times.push(timed(|| own_build(bench, &dir, &site, false))?);
        }
        times.sort();
        let median = times[times.len() / 2];
        rows.push(vec![format!("{mb} MB"), links.to_string(), ms(median)]);
        out.push(json!({ "mb": mb, "links": links, "build_ms": super::common::millis(median) }));
    }
    print_table(&rows);
    Ok(Value::Array(out))
}
