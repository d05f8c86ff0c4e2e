//! Writing files all or nothing: every destination checked first, every
//! file written to a temporary file beside its destination, then all
//! renamed into place, the ones already renamed put back if one fails; and
//! the temporary files a killed run left behind, removed.
//!
//! Our temporary files are named `.convention-HOST-PID-XXXXXX.tmp` (HOST a
//! tag of the machine's name, PID the writing process). A write to a folder
//! first removes those of a process of this machine that no longer runs,
//! and any `.convention-*.tmp` older than [`STALE_AFTER`].

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::io::SaveError;

/// How old a temporary file of ours must be to be removed whoever wrote it
/// (a process of another machine, on a shared folder): far longer than any
/// write takes.
pub const STALE_AFTER: Duration = Duration::from_secs(5 * 60);

/// What our temporary files' names start with.
const PREFIX: &str = ".convention-";
/// What they end with.
const SUFFIX: &str = ".tmp";

/// Whether a write waits for the disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// The data reaches the disk before the file replaces the old one: for
    /// what the user typed (drafts, recovery copies).
    Flushed,
    /// The rename is still atomic, but the system writes the data back when
    /// it likes: for files that can be produced again (exports).
    Deferred,
}

/// Files written together: each is staged (written to a temporary file
/// beside its destination), then [`Staging::commit`] renames them all into
/// place. Dropped before the commit, it removes its temporary files and
/// leaves every destination as it was.
#[derive(Debug, Default)]
pub struct Staging {
    files: Vec<Staged>,
}

/// One file written, waiting to be renamed.
#[derive(Debug)]
struct Staged {
    /// The destination as asked (for messages and the report).
    asked: PathBuf,
    /// Where it lands: the file a link points to, or the destination.
    target: PathBuf,
    /// The temporary file holding the new content.
    temp: tempfile::TempPath,
}

impl Staging {
    /// Nothing staged yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `bytes` to a temporary file beside `path`, after checking
    /// `path` (see [`check_target`]) and removing the stale temporary files
    /// of its folder. Nothing replaces `path` before [`Staging::commit`].
    pub fn stage(
        &mut self,
        path: &Path,
        bytes: &[u8],
        durability: Durability,
    ) -> Result<(), SaveError> {
        let error = |cause| SaveError {
            path: path.to_owned(),
            cause,
        };
        // The temporary file made next is this write's own test that a
        // file can be created in the folder: no probe file first.
        let target = checked_target(path, Probe::Skip)?;
        let folder = folder_of(&target);
        remove_stale(folder);
        let mut file = tempfile::Builder::new()
            .prefix(&own_prefix())
            .suffix(SUFFIX)
            .tempfile_in(folder)
            .map_err(error)?;
        file.write_all(bytes).map_err(error)?;
        // The temporary file is private (0600); the result should read like
        // any other file: the permissions of the file it replaces, or the
        // usual ones.
        let permissions = match std::fs::metadata(&target) {
            Ok(existing) => existing.permissions(),
            Err(_) => default_permissions(file.as_file()).map_err(error)?,
        };
        file.as_file().set_permissions(permissions).map_err(error)?;
        if durability == Durability::Flushed {
            file.as_file().sync_all().map_err(error)?;
        }
        self.files.push(Staged {
            asked: path.to_owned(),
            target,
            temp: file.into_temp_path(),
        });
        Ok(())
    }

    /// Takes over the files `other` staged, to be renamed after this
    /// one's (a file staged on another thread).
    pub fn absorb(&mut self, mut other: Staging) {
        self.files.append(&mut other.files);
    }

    /// Renames every staged file over its destination, in order, and
    /// returns the destinations. If one rename fails, the files already
    /// renamed get their old content back (or are removed if they did not
    /// exist), so every destination is as it was, and the error names the
    /// file at fault.
    pub fn commit(self) -> Result<Vec<PathBuf>, SaveError> {
        // With several files, each old file is kept (a hard link, or a
        // copy) until all are in place, to put it back on failure.
        let keep_old = self.files.len() > 1;
        let mut done: Vec<(PathBuf, Option<tempfile::TempPath>)> = Vec::new();
        let mut written = Vec::new();
        for staged in self.files {
            let old = if keep_old {
                match backup(&staged.target) {
                    Ok(old) => old,
                    Err(cause) => {
                        roll_back(done);
                        return Err(SaveError {
                            path: staged.asked,
                            cause,
                        });
                    }
                }
            } else {
                None
            };
            if let Err(failed) = staged.temp.persist(&staged.target) {
                roll_back(done);
                return Err(SaveError {
                    path: staged.asked,
                    cause: failed.error,
                });
            }
            done.push((staged.target, old));
            written.push(staged.asked);
        }
        // The old contents kept are removed as `done` drops.
        Ok(written)
    }
}

/// A link to (or a copy of) the file at `target` under a temporary name of
/// ours, or `None` when there is no such file.
fn backup(target: &Path) -> std::io::Result<Option<tempfile::TempPath>> {
    if !target.exists() {
        return Ok(None);
    }
    let make = |link: bool| {
        tempfile::Builder::new()
            .prefix(&own_prefix())
            .suffix(SUFFIX)
            .make_in(folder_of(target), |path| {
                if link {
                    std::fs::hard_link(target, path)
                } else {
                    std::fs::copy(target, path).map(drop)
                }
            })
    };
    // A copy where the file system has no hard links.
    let kept = make(true).or_else(|_| make(false))?;
    Ok(Some(kept.into_temp_path()))
}

/// Puts back what `done` replaced: each old content kept, or no file where
/// there was none. Best effort: this runs after a failure already reported.
fn roll_back(done: Vec<(PathBuf, Option<tempfile::TempPath>)>) {
    for (target, old) in done.into_iter().rev() {
        let restored = match old {
            Some(old) => old.persist(&target).map_err(|e| e.error),
            None => std::fs::remove_file(&target),
        };
        if let Err(error) = restored {
            eprintln!(
                "convention: {}: l'ancien contenu n'a pas pu être remis : {error}",
                target.display()
            );
        }
    }
}

/// Checks that a file can be written at `path` without harm, and returns
/// where it lands (through symbolic links). Refused: a folder, a device, a
/// pipe or a socket (they would be replaced by a plain file), a missing
/// folder or one where no file can be created, a read-only file (it is
/// kept, not replaced), a file the user may not write.
pub fn check_target(path: &Path) -> Result<PathBuf, SaveError> {
    checked_target(path, Probe::Make)
}

/// Whether [`checked_target`] makes a file in the folder to learn whether
/// one can be created there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Probe {
    /// A temporary file, made and removed.
    Make,
    /// Not: the caller creates its own file there next.
    Skip,
}

/// [`check_target`], the probe file made or not.
fn checked_target(path: &Path, probe: Probe) -> Result<PathBuf, SaveError> {
    let error = |cause| SaveError {
        path: path.to_owned(),
        cause,
    };
    let refuse = |reason: String| error(std::io::Error::other(reason));
    // A link is followed: the file it points to is replaced, the link stays.
    let target = resolve_link(path).map_err(error)?;
    let folder = folder_of(&target);
    match std::fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => {
            if meta.permissions().readonly() {
                return Err(refuse(format!(
                    "le dossier {} est en lecture seule",
                    folder.display()
                )));
            }
        }
        Ok(_) => {
            return Err(refuse(format!("{} n'est pas un dossier", folder.display())));
        }
        Err(_) => {
            return Err(refuse(format!(
                "dossier introuvable : {}",
                folder.display()
            )));
        }
    }
    // Whether this user may create a file there (a folder of another
    // user's, a read-only mount): a temporary file, made and removed.
    if probe == Probe::Make {
        tempfile::Builder::new()
            .prefix(&own_prefix())
            .suffix(SUFFIX)
            .tempfile_in(folder)
            .map_err(error)?;
    }
    match std::fs::metadata(&target) {
        Ok(existing) if existing.is_dir() => Err(error(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "c'est un dossier",
        ))),
        Ok(existing) if !existing.is_file() => Err(refuse(
            "ce n'est pas un fichier ordinaire (périphérique, tube…)".to_owned(),
        )),
        Ok(existing) if existing.permissions().readonly() => Err(refuse(
            "le fichier est en lecture seule : il n'est pas remplacé".to_owned(),
        )),
        Ok(_) => {
            // Opened for writing, not truncated, nothing written: says
            // whether this user may change the file (owned by another, or
            // locked by another program), which a rename would ignore.
            match std::fs::OpenOptions::new().write(true).open(&target) {
                Ok(_) => Ok(target),
                Err(cause) if cause.kind() == std::io::ErrorKind::PermissionDenied => Err(refuse(
                    "vous n'avez pas le droit de modifier ce fichier : il n'est pas remplacé"
                        .to_owned(),
                )),
                Err(cause) => Err(error(cause)),
            }
        }
        Err(_) => Ok(target),
    }
}

/// Whether two paths name the same file: through links and `..`, and a
/// file's other hard links too. A file not created yet is compared by its
/// folder and name. Every writer of the program asks it before replacing a
/// file, so that no output replaces one of the drafts it was made from.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    fn resolved(path: &Path) -> PathBuf {
        if let Ok(full) = std::fs::canonicalize(path) {
            return full;
        }
        // A link to a file not made yet: where writing through it lands.
        let path = &resolve_link(path).unwrap_or_else(|_| path.to_owned());
        match (std::fs::canonicalize(folder_of(path)), path.file_name()) {
            (Ok(folder), Some(name)) => folder.join(name),
            _ => path.to_owned(),
        }
    }
    resolved(a) == resolved(b)
}

/// The start of this process's temporary files' names.
fn own_prefix() -> String {
    format!("{PREFIX}{}-{}-", host_tag(), std::process::id())
}

/// A short tag of this machine's name (8 hexadecimal digits), so that a
/// shared folder tells our temporary files from another machine's.
/// Read and hashed once a process: every temporary file's name uses it.
fn host_tag() -> &'static str {
    static TAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAG.get_or_init(|| {
        use sha2::Digest as _;
        let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
            .or_else(|_| std::env::var("COMPUTERNAME"))
            .or_else(|_| std::env::var("HOSTNAME"))
            .unwrap_or_default();
        let digest = sha2::Sha256::digest(name.trim().as_bytes());
        digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
    })
}

/// Removes the temporary files of ours in `folder` that no process will
/// rename any more: a dead process's of this machine, or any older than
/// [`STALE_AFTER`]. Best effort: a file that cannot be removed stays.
pub fn remove_stale(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let host = host_tag();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(middle) = name
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.strip_suffix(SUFFIX))
        else {
            continue;
        };
        // Only plain files: never follow a link or enter a folder.
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|time| time.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        let orphan = writer(middle)
            .is_some_and(|(tag, pid)| tag == host && pid != std::process::id() && !alive(pid));
        if old || orphan {
            // Another run may have removed it first.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The machine tag and process of a temporary file's name, without its
/// prefix and suffix (`HOST-PID-XXXXXX`).
fn writer(middle: &str) -> Option<(&str, u32)> {
    let mut parts = middle.splitn(3, '-');
    let tag = parts.next()?;
    let pid = parts.next()?.parse().ok()?;
    parts.next()?;
    Some((tag, pid))
}

/// Whether process `pid` runs (a zombie does not). Where the system does
/// not say, it is taken as running: only age then removes its files.
fn alive(pid: u32) -> bool {
    if !Path::new("/proc/self/stat").exists() {
        return true;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command's name, in parentheses.
        Ok(stat) => stat
            .rsplit_once(") ")
            .and_then(|(_, rest)| rest.chars().next())
            .is_none_or(|state| !matches!(state, 'Z' | 'X')),
        Err(_) => false,
    }
}

/// The folder a file is (or would be) in: its parent, or the current
/// folder for a bare name.
pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Where a write to `path` lands: the file a symbolic link points to (even
/// one not created yet), or `path` itself.
fn resolve_link(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    // A bound on the chain, as the system has: a loop is an error.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let pointed = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if pointed.is_relative() => parent.join(pointed),
                    _ => pointed,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("trop de liens symboliques enchaînés"))
}

/// Read and write for the owner, read for others, as most programs create
/// documents.
#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Ok(std::fs::Permissions::from_mode(0o644))
}

/// Elsewhere the temporary file's own permissions are the usual ones.
#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    file.metadata().map(|m| m.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("list")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(PREFIX))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn files_land_together_and_leave_no_temporary_file() {
        let folder = tempfile::tempdir().expect("tempdir");
        let a = folder.path().join("a.docx");
        let b = folder.path().join("b.pdf");
        std::fs::write(&a, "old a").expect("write");
        let mut staging = Staging::new();
        staging
            .stage(&a, b"new a", Durability::Deferred)
            .expect("a");
        staging.stage(&b, b"new b", Durability::Flushed).expect("b");
        assert_eq!(
            std::fs::read(&a).expect("a"),
            b"old a",
            "nothing before the commit"
        );
        assert!(!b.exists());
        assert_eq!(staging.commit().expect("commit"), [a.clone(), b.clone()]);
        assert_eq!(std::fs::read(&a).expect("a"), b"new a");
        assert_eq!(std::fs::read(&b).expect("b"), b"new b");
        assert!(ours(folder.path()).is_empty(), "{:?}", ours(folder.path()));
    }

    #[test]
    fn a_refused_destination_writes_nothing() {
        let folder = tempfile::tempdir().expect("tempdir");
        let a = folder.path().join("a.docx");
        std::fs::write(&a, "old a").expect("write");
        let mut staging = Staging::new();
        staging
            .stage(&a, b"new a", Durability::Deferred)
            .expect("a");
        let missing = folder.path().join("missing/b.pdf");
        let error = staging
            .stage(&missing, b"new b", Durability::Deferred)
            .expect_err("missing folder");
        assert!(error.to_string().contains("dossier introuvable"), "{error}");
        drop(staging);
        assert_eq!(std::fs::read(&a).expect("a"), b"old a");
        assert!(ours(folder.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_puts_the_first_file_back() {
        let folder = tempfile::tempdir().expect("tempdir");
        let a = folder.path().join("a.docx");
        let fresh = folder.path().join("fresh.docx");
        let b = folder.path().join("b.pdf");
        std::fs::write(&a, "old a").expect("write");
        let mut staging = Staging::new();
        staging
            .stage(&a, b"new a", Durability::Deferred)
            .expect("a");
        staging
            .stage(&fresh, b"new", Durability::Deferred)
            .expect("fresh");
        staging
            .stage(&b, b"new b", Durability::Deferred)
            .expect("b");
        // Between staging and commit, the last destination becomes a
        // folder that is not empty: the rename over it fails.
        std::fs::create_dir(&b).expect("mkdir");
        std::fs::write(b.join("x"), "x").expect("write");
        let error = staging.commit().expect_err("rename over a folder");
        assert_eq!(error.path, b);
        assert_eq!(std::fs::read(&a).expect("a"), b"old a", "put back");
        assert!(!fresh.exists(), "a file that did not exist is removed");
        assert!(ours(folder.path()).is_empty(), "{:?}", ours(folder.path()));
    }

    #[test]
    fn odd_destinations_are_refused_before_anything_is_written() {
        let folder = tempfile::tempdir().expect("tempdir");
        let refused = |path: &Path, fragment: &str| {
            let error = check_target(path).expect_err("refused");
            assert!(error.to_string().contains(fragment), "{error}");
        };
        refused(folder.path(), "dossier");
        refused(&folder.path().join("nope/a.pdf"), "dossier introuvable");
        let plain = folder.path().join("plain");
        std::fs::write(&plain, "x").expect("write");
        refused(&plain.join("a.pdf"), "n'est pas un dossier");
        let locked = folder.path().join("locked.pdf");
        std::fs::write(&locked, "keep").expect("write");
        let mut permissions = std::fs::metadata(&locked).expect("meta").permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&locked, permissions).expect("chmod");
        refused(&locked, "lecture seule");
        let mut staging = Staging::new();
        assert!(staging.stage(&locked, b"new", Durability::Flushed).is_err());
        assert_eq!(std::fs::read(&locked).expect("read"), b"keep");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        let error = check_target(Path::new("/dev/null")).expect_err("device");
        assert!(error.to_string().contains("fichier ordinaire"), "{error}");
    }

    #[test]
    fn stale_temporary_files_are_removed_and_live_ones_kept() {
        let folder = tempfile::tempdir().expect("tempdir");
        let host = host_tag();
        // A process that cannot exist (above the kernel's pid limit).
        let dead = folder
            .path()
            .join(format!("{PREFIX}{host}-999999999-abcdef{SUFFIX}"));
        let live = folder.path().join(format!(
            "{PREFIX}{host}-{}-abcdef{SUFFIX}",
            std::process::id()
        ));
        let elsewhere = folder
            .path()
            .join(format!("{PREFIX}00000000-1-abcdef{SUFFIX}"));
        let theirs = folder.path().join(".other-1.tmp");
        for file in [&dead, &live, &elsewhere, &theirs] {
            std::fs::write(file, "x").expect("write");
        }
        remove_stale(folder.path());
        assert!(!dead.exists() || !Path::new("/proc/self/stat").exists());
        assert!(live.exists() && elsewhere.exists() && theirs.exists());
        // An old file of ours goes, whoever wrote it.
        let old = std::time::SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&elsewhere)
            .and_then(|f| f.set_modified(old))
            .expect("age");
        remove_stale(folder.path());
        assert!(!elsewhere.exists() && live.exists() && theirs.exists());
    }

    #[test]
    fn names_say_their_writer() {
        assert_eq!(writer("0a1b2c3d-42-XyZ123"), Some(("0a1b2c3d", 42)));
        assert_eq!(writer("AbC123"), None);
        assert!(alive(std::process::id()));
    }
}

#[cfg(all(test, unix))]
mod link_tests {
    use super::*;

    #[test]
    fn two_links_to_one_file_not_made_yet_are_the_same_file() {
        let folder = tempfile::tempdir().expect("tempdir");
        let docx = folder.path().join("x.docx");
        let pdf = folder.path().join("x.pdf");
        std::os::unix::fs::symlink("t.bin", &docx).expect("link");
        std::os::unix::fs::symlink("t.bin", &pdf).expect("link");
        assert!(same_file(&docx, &pdf));
        // A chain of links lands at the same place as a direct one.
        let chain = folder.path().join("chain.pdf");
        std::os::unix::fs::symlink("x.pdf", &chain).expect("link");
        assert!(same_file(&chain, &docx));
        assert!(same_file(&folder.path().join("t.bin"), &docx));
        assert!(!same_file(&folder.path().join("other.pdf"), &docx));
    }
}
