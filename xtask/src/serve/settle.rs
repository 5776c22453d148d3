//! When a save is over: the watcher's events are gathered until the files written are closed
//! (or renamed into place, or removed), then for `SETTLED` more in case the editor writes
//! another; a file still open for writing waits `WRITING` after its last event, as every
//! event did before the close was noticed (which cost a whole `WRITING` on every save).

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

/// The wait after the last event while a file written is still open.
pub const WRITING: Duration = Duration::from_millis(8);
/// The wait after the last event once every file written was closed.
pub const SETTLED: Duration = Duration::from_millis(1);

/// What an event says about the files it names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Being written: more may follow.
    Writing,
    /// Complete: closed after writing, renamed into place, or removed.
    Done,
    /// Nothing changed (opened, read).
    Nothing,
}

pub fn step(kind: &EventKind) -> Step {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Step::Done,
        EventKind::Access(_) => Step::Nothing,
        EventKind::Modify(ModifyKind::Name(_)) | EventKind::Remove(_) => Step::Done,
        _ => Step::Writing,
    }
}

/// The files of one save, and which of them are still open for writing.
#[derive(Default)]
pub struct Save {
    pub paths: Vec<PathBuf>,
    open: BTreeSet<PathBuf>,
}

impl Save {
    pub fn add(&mut self, step: Step, paths: Vec<PathBuf>) {
        for p in &paths {
            match step {
                Step::Writing => {
                    self.open.insert(p.clone());
                }
                Step::Done => {
                    self.open.remove(p);
                }
                Step::Nothing => {}
            }
        }
        self.paths.extend(paths);
    }

    /// How long to wait for another event before rebuilding.
    pub fn wait(&self) -> Duration {
        if self.open.is_empty() {
            SETTLED
        } else {
            WRITING
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind, RenameMode};

    #[test]
    fn a_file_written_waits_until_it_is_closed() {
        let mut save = Save::default();
        let p = PathBuf::from("content/index.md");
        save.add(
            step(&EventKind::Modify(ModifyKind::Data(DataChange::Any))),
            vec![p.clone()],
        );
        assert_eq!(save.wait(), WRITING);
        save.add(
            step(&EventKind::Access(AccessKind::Close(AccessMode::Write))),
            vec![p.clone()],
        );
        assert_eq!(save.wait(), SETTLED);
        assert_eq!(save.paths, vec![p.clone(), p]);
    }

    #[test]
    fn one_open_file_keeps_the_long_wait() {
        let mut save = Save::default();
        let (a, b) = (PathBuf::from("a.md"), PathBuf::from("b.md"));
        save.add(step(&EventKind::Create(CreateKind::File)), vec![a.clone()]);
        save.add(step(&EventKind::Create(CreateKind::File)), vec![b.clone()]);
        save.add(
            step(&EventKind::Access(AccessKind::Close(AccessMode::Write))),
            vec![a],
        );
        assert_eq!(save.wait(), WRITING);
        save.add(
            step(&EventKind::Modify(ModifyKind::Name(RenameMode::To))),
            vec![b],
        );
        assert_eq!(save.wait(), SETTLED);
    }

    #[test]
    fn reads_and_removals_are_not_writes() {
        assert_eq!(
            step(&EventKind::Access(AccessKind::Open(AccessMode::Any))),
            Step::Nothing
        );
        assert_eq!(step(&EventKind::Remove(RemoveKind::File)), Step::Done);
    }
}
