//! `cargo xtask update-data`: regenerates the compact il/ilçe/posta kodu data file (issue 4).

pub fn run(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("update-data henüz hazır değil")
}
