//! The system packages `cargo xtask test` needs (the one list), and installing the missing
//! ones on Debian/Ubuntu when it can (root, or passwordless sudo): `apt-get update` once, then
//! `apt-get install --no-install-recommends`. Where it cannot, it stops with the exact command.

use anyhow::{bail, Result};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A command the tests run and the Debian package that provides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    pub command: &'static str,
    pub package: &'static str,
    /// Why the tests need it (printed when it is installed).
    pub why: &'static str,
}

/// Everything the test command needs from the system, once.
pub const SYSTEM: &[Need] = &[
    Need {
        command: "chromium",
        package: "chromium",
        why: "the browser tests run the site in headless Chromium",
    },
    Need {
        command: "chromedriver",
        package: "chromium-driver",
        why: "drives Chromium over WebDriver for the gates that run in every engine",
    },
    Need {
        command: "firefox-esr",
        package: "firefox-esr",
        why: "the gates run in Firefox too (school PCs); driven by geckodriver",
    },
    Need {
        command: "WebKitWebDriver",
        package: "webkit2gtk-driver",
        why: "the gates run in WebKit too (iPhones): WebKitWebDriver and MiniBrowser",
    },
    Need {
        command: "Xvfb",
        package: "xvfb",
        why: "MiniBrowser has no headless mode: it draws on a virtual display",
    },
    Need {
        command: "java",
        package: "default-jre-headless",
        why: "the Nu HTML Checker (vnu.jar) runs on Java",
    },
    Need {
        command: "node",
        package: "nodejs",
        why: "the browser tests are Node scripts",
    },
    Need {
        command: "npm",
        package: "npm",
        why: "installs the browser tests' packages (playwright-core, axe-core, vnu-jar)",
    },
    Need {
        command: "nginx",
        package: "nginx",
        why: "the README's nginx recipe is tested on a real nginx",
    },
    Need {
        command: "apache2",
        package: "apache2",
        why: "the generated .htaccess is tested on a real Apache",
    },
    Need {
        command: "caddy",
        package: "caddy",
        why: "the README's Caddy recipe is tested on a real Caddy",
    },
];

/// The needs whose command is not found in any folder of `path` (a PATH value). Chromium counts
/// as present when `chromium` is an existing file (CHROMIUM_PATH or /usr/bin/chromium).
pub fn plan(needs: &[Need], path: &OsStr, chromium: &Path) -> Vec<Need> {
    needs
        .iter()
        .filter(|n| {
            let found =
                find(n.command, path).is_some() || (n.command == "chromium" && chromium.is_file());
            !found
        })
        .copied()
        .collect()
}

/// `command` in one of the folders of `path`, if it is there. Servers live in /usr/sbin,
/// which a normal user's PATH may lack.
pub fn find(command: &str, path: &OsStr) -> Option<PathBuf> {
    std::env::split_paths(path)
        .chain(std::env::split_paths(SBIN))
        .map(|dir| dir.join(command))
        .find(|p| p.is_file())
}

const SBIN: &str = "/usr/sbin:/sbin";

/// How packages can be installed here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installer {
    /// Running as root on a system with apt-get.
    Root,
    /// Not root, but `sudo -n` works (passwordless).
    Sudo,
    /// Neither: why not.
    Cannot(String),
}

impl Installer {
    /// Looks at this machine: apt-get on PATH, then root or passwordless sudo.
    pub fn detect(path: &OsStr) -> Installer {
        if find("apt-get", path).is_none() {
            return Installer::Cannot("this is not a Debian/Ubuntu system (no apt-get)".into());
        }
        if is_root() {
            return Installer::Root;
        }
        let sudo = Command::new("sudo")
            .args(["-n", "true"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if sudo {
            Installer::Sudo
        } else {
            Installer::Cannot("not root, and sudo asks for a password".into())
        }
    }

    /// The commands that install `packages`, in order (apt-get update once, then install).
    pub fn commands(&self, packages: &[&str]) -> Vec<Vec<String>> {
        let prefix: Vec<String> = match self {
            Installer::Sudo => vec!["sudo".into(), "-n".into()],
            _ => vec![],
        };
        let with = |args: &[&str]| -> Vec<String> {
            prefix
                .iter()
                .cloned()
                .chain(args.iter().map(|s| s.to_string()))
                .collect()
        };
        let mut install = with(&["apt-get", "install", "-y", "-qq", "--no-install-recommends"]);
        install.extend(packages.iter().map(|p| p.to_string()));
        vec![with(&["apt-get", "update", "-qq"]), install]
    }
}

/// Whether this process runs as root (`id -u` is 0).
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The command a person runs to install `missing` by hand.
pub fn manual_command(missing: &[Need]) -> String {
    let packages: Vec<&str> = missing.iter().map(|n| n.package).collect();
    format!(
        "sudo apt-get update && sudo apt-get install --no-install-recommends {}",
        packages.join(" ")
    )
}

/// Installs what `plan` finds missing, running each command through `run` (the real one runs
/// it; tests record it). Nothing missing: no command at all. Prints one line per package.
pub fn install_missing(
    missing: &[Need],
    installer: &Installer,
    run: &mut dyn FnMut(&[String]) -> Result<()>,
) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    if let Installer::Cannot(why) = installer {
        let list: Vec<String> = missing
            .iter()
            .map(|n| format!("{} ({}: {})", n.command, n.package, n.why))
            .collect();
        bail!(
            "the tests need tools this machine lacks, and {why}:\n  - {}\ninstall them with:\n  {}",
            list.join("\n  - "),
            manual_command(missing)
        );
    }
    for n in missing {
        println!("kuruluyor: {} ({}) — {}", n.package, n.command, n.why);
    }
    let packages: Vec<&str> = missing.iter().map(|n| n.package).collect();
    for cmd in installer.commands(&packages) {
        run(&cmd)?;
    }
    Ok(())
}

/// What `cargo xtask test` calls: installs missing system packages when it can, then checks
/// that each command is really there now.
pub fn ensure_system_tools(chromium: &Path) -> Result<()> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let missing = plan(SYSTEM, &path, chromium);
    if missing.is_empty() {
        return Ok(());
    }
    let installer = Installer::detect(&path);
    install_missing(&missing, &installer, &mut |cmd| {
        let status = Command::new(&cmd[0])
            .args(&cmd[1..])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdin(Stdio::null())
            .status()?;
        if !status.success() {
            bail!("'{}' failed ({status})", cmd.join(" "));
        }
        Ok(())
    })?;
    let still = plan(SYSTEM, &path, chromium);
    if !still.is_empty() {
        bail!(
            "installed, but still not found on PATH: {}",
            still
                .iter()
                .map(|n| n.command)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

/// The geckodriver the suite drives Firefox with: pinned, built from crates.io (Debian has no
/// package for it) into `<target>/tools`, and kept there for the next run.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// Whether `geckodriver --version`'s first line names exactly the pinned version.
pub fn is_pinned_geckodriver(version_line: &str) -> bool {
    version_line.split_whitespace().take(2).collect::<Vec<_>>()
        == ["geckodriver", GECKODRIVER_VERSION]
}

/// `<target>/tools/bin/geckodriver` at the pinned version: used as it is when already there,
/// else `cargo install geckodriver --version … --locked --root <target>/tools` (a few minutes,
/// once). A failed install is an error: without it the Firefox gates cannot run.
pub fn ensure_geckodriver(target: &Path) -> Result<PathBuf> {
    let root = target.join("tools");
    let exe = root.join("bin").join("geckodriver");
    let current = |exe: &Path| {
        crate::tools::version_line(&exe.to_string_lossy(), &["--version"])
            .is_some_and(|v| is_pinned_geckodriver(&v))
    };
    if current(&exe) {
        return Ok(exe);
    }
    println!(
        "kuruluyor: geckodriver {GECKODRIVER_VERSION} (cargo install, {}) — Firefox'u WebDriver ile sürer",
        root.display()
    );
    let status = Command::new(crate::tools::cargo())
        .args([
            "install",
            "geckodriver",
            "--version",
            GECKODRIVER_VERSION,
            "--locked",
            "--force",
            "--root",
        ])
        .arg(&root)
        .stdin(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("'cargo install geckodriver --version {GECKODRIVER_VERSION}' failed ({status})");
    }
    if !current(&exe) {
        bail!(
            "geckodriver {GECKODRIVER_VERSION} installed, but {} does not report that version",
            exe.display()
        );
    }
    Ok(exe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    /// A folder holding empty files named like the given commands, as a PATH value.
    fn bin_with(commands: &[&str]) -> (tempfile::TempDir, OsString) {
        let dir = tempfile::tempdir().unwrap();
        for c in commands {
            std::fs::write(dir.path().join(c), "").unwrap();
        }
        let path = dir.path().as_os_str().to_owned();
        (dir, path)
    }

    /// Every command of SYSTEM except `java`.
    const ALL_BUT_JAVA: [&str; 10] = [
        "chromium",
        "chromedriver",
        "firefox-esr",
        "WebKitWebDriver",
        "Xvfb",
        "node",
        "npm",
        "nginx",
        "apache2",
        "caddy",
    ];

    #[test]
    fn each_engine_and_its_driver_is_a_need() {
        let packages: Vec<&str> = SYSTEM.iter().map(|n| n.package).collect();
        for p in [
            "chromium",
            "chromium-driver",
            "firefox-esr",
            "webkit2gtk-driver",
            "xvfb",
        ] {
            assert!(packages.contains(&p), "{p} missing from {packages:?}");
        }
    }

    #[test]
    fn geckodriver_counts_only_at_the_pinned_version() {
        assert!(is_pinned_geckodriver("geckodriver 0.37.1"));
        assert!(is_pinned_geckodriver("geckodriver 0.37.1 (abc 2025-01-01)"));
        assert!(!is_pinned_geckodriver("geckodriver 0.36.0"));
        assert!(!is_pinned_geckodriver("geckodriver 0.37.10"));
        assert!(!is_pinned_geckodriver(""));
    }

    fn no_chromium() -> PathBuf {
        PathBuf::from("/nonexistent/chromium")
    }

    #[test]
    fn plans_exactly_the_package_whose_command_is_missing() {
        let (_d, path) = bin_with(&ALL_BUT_JAVA);
        let missing = plan(SYSTEM, &path, &no_chromium());
        assert_eq!(
            missing.iter().map(|n| n.package).collect::<Vec<_>>(),
            ["default-jre-headless"]
        );
    }

    #[test]
    fn everything_present_plans_nothing_and_runs_no_apt() {
        let (_d, path) = bin_with(&[&ALL_BUT_JAVA[..], &["java"]].concat());
        let missing = plan(SYSTEM, &path, &no_chromium());
        assert!(missing.is_empty(), "{missing:?}");
        let mut ran = Vec::new();
        install_missing(&missing, &Installer::Root, &mut |c| {
            ran.push(c.to_vec());
            Ok(())
        })
        .unwrap();
        assert!(ran.is_empty(), "no command may run: {ran:?}");
    }

    #[test]
    fn a_chromium_file_elsewhere_counts_as_present() {
        let others: Vec<&str> = ALL_BUT_JAVA
            .iter()
            .copied()
            .filter(|c| *c != "chromium")
            .collect();
        let (_d, path) = bin_with(&[&others[..], &["java"]].concat());
        let (elsewhere, _) = bin_with(&["chromium"]);
        let missing = plan(SYSTEM, &path, &elsewhere.path().join("chromium"));
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn installs_with_one_update_then_one_install() {
        let (_d, path) = bin_with(&["npm", "nginx", "apache2", "caddy", "chromedriver", "Xvfb"]);
        let missing = plan(SYSTEM, &path, &no_chromium());
        let mut ran = Vec::new();
        install_missing(&missing, &Installer::Sudo, &mut |c| {
            ran.push(c.join(" "));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            ran,
            [
                "sudo -n apt-get update -qq",
                "sudo -n apt-get install -y -qq --no-install-recommends chromium firefox-esr webkit2gtk-driver default-jre-headless nodejs"
            ]
        );
    }

    #[test]
    fn without_root_or_sudo_it_stops_with_the_command_to_run() {
        let (_d, path) = bin_with(&ALL_BUT_JAVA);
        let missing = plan(SYSTEM, &path, &no_chromium());
        let err = install_missing(&missing, &Installer::Cannot("not root".into()), &mut |_| {
            panic!("must not run anything")
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("java (default-jre-headless"), "{err}");
        assert!(
            err.contains(
                "sudo apt-get update && sudo apt-get install --no-install-recommends default-jre-headless"
            ),
            "{err}"
        );
    }
}
