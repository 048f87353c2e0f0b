//! Files and folders g287 writes: exports, reports, backups and the data folder itself.
//!
//! Everything is owner-only (files 0600, folders 0700): the registry names officers. A file is
//! written whole to a temporary file created exclusively (`O_EXCL`, so a symbolic link planted
//! at its name is never followed) in the target's own folder, and renamed over the target only
//! once complete, so a full disk or a kill never leaves a truncated file under the real name.
//! A target that exists and is not a regular file (a symbolic link, a pipe, a device) is
//! refused. Temporary files left by a killed process are removed at the next start
//! ([`remove_debris`]).

use std::io::Write;
use std::path::{Path, PathBuf};

/// What every temporary file g287 writes has in its name: `.NAME.g287-tmp-PID-N`.
pub const TMP_MARK: &str = ".g287-tmp-";

/// Why a file was not written. Nothing is left behind in either case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    /// The target exists and replacing it was not asked for.
    #[error("{0} already exists (nothing was overwritten)")]
    Exists(PathBuf),
    /// The target exists and is not a regular file.
    #[error(
        "{0} is not a regular file (a symbolic link, pipe, device or folder); nothing was written"
    )]
    NotRegular(PathBuf),
    /// The system refused: full disk, read-only folder, no permission.
    #[error("{path}: {reason}; nothing was written")]
    Io {
        /// The target.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
}

/// Creates `dir` and any missing parent, each folder created here owner-only (0700).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Refuses a target that exists and is not a regular file; says whether it exists. A symbolic
/// link is refused even when it points at a regular file: writing through it would change a
/// file elsewhere.
pub fn check_target(path: &Path) -> Result<bool, WriteError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => Ok(true),
        Ok(_) => Err(WriteError::NotRegular(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(WriteError::Io {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// A temporary file beside `target`, created exclusively and owner-only, removed on drop unless
/// [`TempFile::install`] moved it to its target.
pub struct TempFile {
    path: PathBuf,
    file: Option<std::fs::File>,
}

impl TempFile {
    /// Creates a fresh temporary file in `target`'s folder.
    pub fn beside(target: &Path) -> std::io::Result<TempFile> {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        loop {
            let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = dir.join(format!(".{name}{TMP_MARK}{}-{n}", std::process::id()));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file: Some(file),
                    });
                }
                // Someone else's file (or a planted link) at that name: take the next name.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The temporary file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The open file, for writing (`None` once closed).
    pub fn file(&mut self) -> Option<&mut std::fs::File> {
        self.file.as_mut()
    }

    /// Closes the file, so that another program (SQLite) may write it by its path.
    pub fn close(&mut self) {
        self.file = None;
    }

    /// Makes the written file durable and moves it to `target`: replacing it if `replace`,
    /// else failing with [`WriteError::Exists`] if it appeared meanwhile.
    pub fn install(mut self, target: &Path, replace: bool) -> Result<(), WriteError> {
        let io = |e: std::io::Error| WriteError::Io {
            path: target.to_path_buf(),
            reason: e.to_string(),
        };
        let file = match self.file.take() {
            Some(file) => file,
            None => std::fs::File::open(&self.path).map_err(io)?,
        };
        file.sync_all().map_err(io)?;
        drop(file);
        if check_target(target)? && !replace {
            return Err(WriteError::Exists(target.to_path_buf()));
        }
        if replace {
            std::fs::rename(&self.path, target).map_err(io)?;
        } else {
            // A link never replaces: if the target appeared since the check, it is kept.
            match std::fs::hard_link(&self.path, target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(WriteError::Exists(target.to_path_buf()));
                }
                // File systems without links (FAT): the check above stands.
                Err(_) => std::fs::rename(&self.path, target).map_err(io)?,
            }
        }
        // Either renamed away or linked: the temporary name goes (a no-op after a rename).
        let _ = std::fs::remove_file(&self.path);
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        self.file = None;
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Writes `bytes` to `path`, owner-only, through a temporary file renamed over it when
/// complete; an existing `path` is replaced only if `replace`, and never when it is not a
/// regular file. On any failure nothing is left behind.
pub fn write_private(path: &Path, bytes: &[u8], replace: bool) -> Result<(), WriteError> {
    let io = |e: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    if check_target(path)? && !replace {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let mut tmp = TempFile::beside(path).map_err(io)?;
    if let Some(file) = tmp.file() {
        file.write_all(bytes).map_err(io)?;
    }
    tmp.install(path, replace)
}

/// Removes what a killed g287 left in `dir`: temporary files ([`TMP_MARK`]) and the scratch
/// copy of a restore. Returns how many were removed.
pub fn remove_debris(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with('.')
                && (name.contains(TMP_MARK) || name.starts_with(".g287-restore-check"))
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_file_is_written_whole_owner_only_and_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out.csv");
        write_private(&file, b"first", false).unwrap();
        assert_eq!(
            write_private(&file, b"second", false),
            Err(WriteError::Exists(file.clone()))
        );
        write_private(&file, b"third", true).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"third");
        #[cfg(unix)]
        assert_eq!(mode(&file), 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
    }

    /// A symbolic link planted at the target, or at the name the temporary file used to have,
    /// is never written through.
    #[cfg(unix)]
    #[test]
    fn links_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("report.html");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        assert_eq!(
            write_private(&target, b"x", true),
            Err(WriteError::NotRegular(target.clone()))
        );
        let export = dir.path().join("e.csv");
        for n in 0..4 {
            let planted = dir
                .path()
                .join(format!(".e.csv{TMP_MARK}{}-{n}", std::process::id()));
            let _ = std::os::unix::fs::symlink(&victim, planted);
        }
        std::os::unix::fs::symlink(&victim, dir.path().join(".e.csv.g287-tmp")).unwrap();
        write_private(&export, b"data", false).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read(&export).unwrap(), b"data");
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_created_owner_only_and_debris_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("a").join("data");
        create_private_dir(&data).unwrap();
        assert_eq!((mode(&data), mode(&dir.path().join("a"))), (0o700, 0o700));
        std::fs::write(data.join(format!(".x.csv{TMP_MARK}1-0")), "half").unwrap();
        std::fs::write(data.join(".g287-restore-check.sqlite3"), "half").unwrap();
        std::fs::write(data.join("keep.csv"), "mine").unwrap();
        assert_eq!(remove_debris(&data), 2);
        assert_eq!(std::fs::read_dir(&data).unwrap().count(), 1);
    }
}
