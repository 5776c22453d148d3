//! The list of `cargo xtask` commands with their flags: what `help` prints, what usage errors
//! quote, and what the README's command table must say (xtask/tests/it/tidy.rs checks).

/// One command of `cargo xtask`: how it is called and what it does.
pub struct Command {
    pub name: &'static str,
    /// Flags and arguments after the name.
    pub args: &'static str,
    pub about: &'static str,
}

pub const COMMANDS: &[Command] = &[
    Command {
        name: "build",
        args:
            "[--out DIR] [--base-url URL] [--content DIR] [--templates DIR] [--no-wasm] [--yayin]",
        about: "siteyi dist/ klasörüne üretir; --yayin: yayın derlemesi, site.toml'da örnek \
                (# ÖRNEK) değer kalmışsa durur",
    },
    Command {
        name: "serve",
        args: "[--port 8000]",
        about: "siteyi üretir, http://127.0.0.1:8000 adresinde sunar, değişince yeniler",
    },
    Command {
        name: "test",
        args: "[--browser-only] [FILE.test.mjs…]",
        about: "bütün testleri çalıştırır (biçim, clippy, Rust, site, tarayıcı)",
    },
    Command {
        name: "bench",
        args: "[--runs N] [--skip SECTION,…] [--only SECTION,…] [--checkform-mb N]",
        about: "ölçümleri yazdırır ve target/bench.json dosyasına yazar",
    },
    Command {
        name: "check-form",
        args: "FILE [--json]",
        about: "başvuru alanlarını toplu denetler (JSON ya da CSV)",
    },
    Command {
        name: "update-data",
        args: "[--package FILE.tgz] [--version X.Y.Z]",
        about: "il/ilçe/posta kodu verisini npm paketinden yeniden üretir",
    },
    Command {
        name: "fuzz",
        args:
            "[TARGET…] [--seconds N] [--inputs N] [--seed S] [--release] [--coverage] [--replay FILE]",
        about: "alan kurallarını, sayfa okumayı, check-form'u ve aramayı rastgele girdilerle \
                dener (hedef başına 10 saniye); hata bulan girdileri target/fuzz/crashes/ \
                klasörüne yazar",
    },
];

impl Command {
    /// `cargo xtask name args`.
    pub fn synopsis(&self) -> String {
        match self.args {
            "" => format!("cargo xtask {}", self.name),
            args => format!("cargo xtask {} {args}", self.name),
        }
    }
}

/// "kullanım: cargo xtask name args", for a command's usage errors.
pub fn usage_of(name: &str) -> String {
    let line = COMMANDS
        .iter()
        .find(|c| c.name == name)
        .map(Command::synopsis)
        .unwrap_or_else(|| format!("cargo xtask {name}"));
    format!("kullanım: {line}")
}

/// What `cargo xtask help` prints.
pub fn usage() -> String {
    let mut out = String::from("kullanım: cargo xtask <komut>\n\nkomutlar:\n");
    for c in COMMANDS {
        out.push_str(&format!("  {} {}\n      {}\n", c.name, c.args, c.about));
    }
    out
}
