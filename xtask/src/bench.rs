//! `cargo xtask bench`: prints the project's figures (build speed, sizes, browser timings).

pub fn run(_args: &[String]) -> anyhow::Result<()> {
    anyhow::bail!("bench henüz hazır değil")
}
