//! A throwaway PostgreSQL server for the tests: one per test process, in a temporary folder,
//! reached only through a Unix socket in that folder, and gone when the process ends.
//!
//! Why a real server: the PostgreSQL store must be tested against PostgreSQL itself, and a
//! private one means the tests need no setup, no password and no running system service.
//!
//! Use it like this, and return early when it is `None` (the programs are not installed, which
//! the module has already said once on stderr):
//!
//! ```ignore
//! let Some(pg) = common::postgres::server() else { return };
//! let mut client = postgres::Client::connect(&pg.create_database("import"), postgres::NoTls)?;
//! ```
//!
//! Every test gets a database of its own from [`ThrowawayServer::create_database`], so tests
//! running at the same time never see each other's rows, and the server is started only once.
//!
//! The server is written for speed, not durability (`fsync=off`, no full-page writes): a
//! crash loses it, and nothing in it is worth keeping.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The superuser `initdb` creates; the tests connect as it, without a password (`trust`).
pub const ADMIN: &str = "tester";

/// The port in the socket's name (`.s.PGSQL.5432`). A fixed one is enough: with
/// `listen_addresses=''` the server opens no TCP port, and its socket and socket lock file live
/// in our own temporary folder, so neither a developer's own server on 5432 nor the server of
/// another test process can collide with it. Searching for a "free" port would add a race and
/// nothing else.
pub const PORT: u16 = 5432;

/// Where Debian and Ubuntu's `postgresql` package puts the server programs, one folder per
/// major version (`/usr/lib/postgresql/15/bin`), none of them on `PATH`.
pub const DEBIAN_LIB_DIR: &str = "/usr/lib/postgresql";

/// The one line printed when the programs are missing, so that a run without PostgreSQL says
/// plainly that these tests did not run instead of passing in silence.
pub const SKIP_MESSAGE: &str = "PostgreSQL tests SKIPPED: no PostgreSQL server programs (initdb, pg_ctl) found on PATH or in /usr/lib/postgresql/*/bin; install Debian's postgresql to run them";

/// The unprivileged account the server programs run as when the tests run as root (`initdb`
/// refuses root); Debian's `postgresql` package creates it.
const SERVICE_USER: &str = "postgres";

/// The server programs the module runs, from the same folder so their versions match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programs {
    /// Creates the data folder (the cluster).
    pub initdb: PathBuf,
    /// Starts and stops the server, waiting until it accepts connections.
    pub pg_ctl: PathBuf,
}

/// A running PostgreSQL server private to this test process.
///
/// It lives in a static and statics are never dropped, so it is not stopped by a `Drop`: a
/// watchdog started with it stops it and removes its folder when the process ends, however it
/// ends (see [`ThrowawayServer::start`]).
#[derive(Debug)]
pub struct ThrowawayServer {
    /// The folder holding `data/`, `log` and the socket; the socket folder is the `host`.
    /// Kept so the folder is not removed while the process runs (the watchdog removes it).
    dir: tempfile::TempDir,
    /// The write end of the pipe the watchdog reads: held open until the process ends, when
    /// the kernel closes it and the watchdog sees end of file.
    _lifeline: ChildStdin,
}

/// The one server of this process, or why there is none.
static SERVER: OnceLock<Result<Option<ThrowawayServer>, String>> = OnceLock::new();

/// Numbers the databases of this process, so that every call gets a new name.
static DATABASES: AtomicU32 = AtomicU32::new(0);

/// The process's server, started on first use and shared by every test of the binary; `None`
/// when the PostgreSQL server programs are not installed (said once on stderr).
///
/// # Panics
///
/// When the programs are there but the server does not start, with the server's log: a broken
/// installation must fail the tests, not skip them. The start is tried once; every later call
/// panics with the same message.
pub fn server() -> Option<&'static ThrowawayServer> {
    let outcome = SERVER.get_or_init(|| {
        // Straight to stderr, not `eprintln!`: the test harness captures that and shows it
        // only for failing tests, while the skip must be seen on a passing run.
        let path = std::env::var_os("PATH");
        match locate(
            path.as_deref(),
            Path::new(DEBIAN_LIB_DIR),
            &mut std::io::stderr(),
        ) {
            None => Ok(None),
            Some(programs) => ThrowawayServer::start(&programs).map(Some),
        }
    });
    match outcome {
        Ok(server) => server.as_ref(),
        Err(why) => panic!("{why}"),
    }
}

/// [`find_programs`], writing [`SKIP_MESSAGE`] to `report` when it finds nothing; apart from
/// [`server`] so the skip path can be tested with an empty search path.
pub fn locate(path: Option<&OsStr>, lib_dir: &Path, report: &mut dyn Write) -> Option<Programs> {
    let found = find_programs(path, lib_dir);
    if found.is_none() {
        // Nothing useful to do if stderr itself fails.
        let _ = writeln!(report, "{SKIP_MESSAGE}");
    }
    found
}

/// The first folder of `path` (a `PATH` value) holding both `initdb` and `pg_ctl`, or else
/// the highest version's `<lib_dir>/<version>/bin`; a pure function of its arguments and the
/// files, so that it can be tested without changing the environment.
pub fn find_programs(path: Option<&OsStr>, lib_dir: &Path) -> Option<Programs> {
    let in_dir = |dir: &Path| {
        let programs = Programs {
            initdb: dir.join("initdb"),
            pg_ctl: dir.join("pg_ctl"),
        };
        (is_executable(&programs.initdb) && is_executable(&programs.pg_ctl)).then_some(programs)
    };
    if let Some(found) = path
        .into_iter()
        .flat_map(std::env::split_paths)
        .find_map(|d| in_dir(&d))
    {
        return Some(found);
    }
    let mut versions: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir(lib_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name();
            // "15", "9.6": compared as numbers, so that 10 is above 9.6.
            let version: Option<Vec<u32>> = name
                .to_str()?
                .split('.')
                .map(|part| part.parse().ok())
                .collect();
            Some((version?, entry.path().join("bin")))
        })
        .collect();
    versions.sort();
    versions.iter().rev().find_map(|(_, bin)| in_dir(bin))
}

/// Whether `file` is a file (through symbolic links) that someone may execute.
fn is_executable(file: &Path) -> bool {
    std::fs::metadata(file).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

impl ThrowawayServer {
    /// Creates the cluster, starts the server and its watchdog; the error carries the output
    /// of the step that failed and the server's log.
    ///
    /// The watchdog is a shell reading a pipe whose only write end this process holds: when
    /// the process ends (normally, by a panic or by `kill -9`) the kernel closes it, the shell
    /// reads end of file, stops the server (`-m immediate`: nothing to keep) and removes the
    /// folder. A pipe rather than polling `kill -0 <pid>`: run as `postgres`, `kill -0` on a
    /// root process fails with "not permitted" as if it were gone, and a pid can be reused.
    /// The watchdog has its own process group, so a Ctrl+C at the terminal does not kill it
    /// before it cleans up (`pg_ctl` already detaches the server).
    fn start(programs: &Programs) -> Result<Self, String> {
        let dir = tempfile::Builder::new()
            .prefix("g287-pg-")
            .tempdir()
            .map_err(|e| format!("PostgreSQL tests: cannot create a temporary folder: {e}"))?;
        let folder = dir.path().to_str().unwrap_or_default().to_owned();
        // The folder goes into `pg_ctl -o`, which a shell reads, and into the socket's path,
        // which Linux limits to 107 bytes.
        if folder.is_empty()
            || !folder
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b))
            || folder.len() + "/.s.PGSQL.5432".len() > 100
        {
            return Err(format!(
                "PostgreSQL tests: the temporary folder {:?} is too long or has characters a \
                 shell would read; set TMPDIR to a short plain folder such as /tmp",
                dir.path()
            ));
        }
        // The folder is ours, so its owner is who we run as.
        let root = dir.path().metadata().map(|m| m.uid() == 0).unwrap_or(false);
        if root {
            let status = Command::new("chown")
                .args([SERVICE_USER, &folder])
                .status()
                .map_err(|e| format!("PostgreSQL tests: cannot run chown: {e}"))?;
            if !status.success() {
                return Err(format!(
                    "PostgreSQL tests: chown {SERVICE_USER} {folder} failed ({status}); \
                     running as root, the server programs run as the `{SERVICE_USER}` user"
                ));
            }
        }
        let data = format!("{folder}/data");
        let log = format!("{folder}/log");
        let as_server_user = |program: &Path| {
            let mut command = if root {
                let mut c = Command::new("runuser");
                c.args(["-u", SERVICE_USER, "--"]).arg(program);
                c
            } else {
                Command::new(program)
            };
            // Not the test's own folder, which the server user may not be allowed to enter.
            command.current_dir(&folder);
            command
        };
        let run = |what: &str, command: &mut Command| -> Result<(), String> {
            let out = command
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("PostgreSQL tests: cannot run {what}: {e}"))?;
            if out.status.success() {
                return Ok(());
            }
            Err(format!(
                "PostgreSQL tests: {what} failed ({}).\n--- output ---\n{}{}\n--- server log ({log}) ---\n{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                std::fs::read_to_string(&log).unwrap_or_else(|e| format!("(none: {e})")),
            ))
        };
        // First, so that nothing is left behind even if the process dies during initdb or
        // while pg_ctl waits for the server. If it dies before the server has written its pid
        // file, the watchdog's stop finds nothing and removes the folder; the server then
        // shuts itself down within a minute, when it finds its lock file gone.
        let script = r#"while read -r _; do :; done; "$1" -D "$2" stop -m immediate; rm -rf "$3""#;
        let watchdog = as_server_user(Path::new("sh"))
            .args(["-c", script, "g287-pg-watchdog"])
            .args([
                programs.pg_ctl.as_os_str(),
                OsStr::new(&data),
                OsStr::new(&folder),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        // Never waited for: it outlives us on purpose (init adopts it). On an error return
        // below, `lifeline` drops and the watchdog stops whatever started and removes the
        // folder (the log is already in the error).
        let lifeline = match watchdog.map(|mut child| child.stdin.take()) {
            Ok(Some(lifeline)) => lifeline,
            Ok(None) | Err(_) => {
                return Err("PostgreSQL tests: cannot start the watchdog shell".into());
            }
        };
        run(
            "initdb",
            as_server_user(&programs.initdb).args([
                "-D",
                &data,
                "--auth=trust",
                &format!("--username={ADMIN}"),
                "--encoding=UTF8",
                "--locale=C",
            ]),
        )?;
        let options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{folder}' -c port={PORT} \
             -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        );
        let started = run(
            "pg_ctl start",
            as_server_user(&programs.pg_ctl)
                .args(["-D", &data, "-l", &log, "-w", "-o", &options, "start"]),
        );
        started?;
        Ok(ThrowawayServer {
            dir,
            _lifeline: lifeline,
        })
    }

    /// The folder of the server's socket: the `host` of a connection string.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Creates an empty database of its own for one test and returns its key-value connection
    /// string (`host=... port=... user=... dbname=...`) for `postgres::Client::connect`.
    ///
    /// The name is the hint made safe (`[a-z0-9_]`, at most 40 characters) followed by the
    /// process id and a counter, so it is new on every call and says which test made it. The
    /// database is made like the ones the README tells people to create: UTF-8 with the `C`
    /// collation, from `template0` (which, unlike `template1`, no one connects to, so
    /// concurrent creations do not fail with "source database is being accessed").
    ///
    /// # Panics
    ///
    /// When the database cannot be created: the test cannot go on.
    pub fn create_database(&self, name_hint: &str) -> String {
        self.create_database_from(name_hint, "template0")
    }

    /// [`ThrowawayServer::create_database`], as a copy of the database `template` (which no
    /// session may be connected to).
    pub fn create_database_from(&self, name_hint: &str, template: &str) -> String {
        let mut name: String = name_hint
            .chars()
            .map(|c| c.to_ascii_lowercase())
            .map(|c| {
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    c
                } else {
                    '_'
                }
            })
            .take(40)
            .collect();
        if name.is_empty() {
            name.push_str("db");
        }
        let n = DATABASES.fetch_add(1, Ordering::Relaxed);
        // At most 40 + 1 + 10 + 1 + 10 = 62 bytes, under PostgreSQL's 63.
        let _ = write!(name, "_{}_{n}", std::process::id());
        let mut admin =
            ::postgres::Client::connect(&self.connection_string("postgres"), ::postgres::NoTls)
                .unwrap_or_else(|e| panic!("PostgreSQL tests: cannot connect to the server: {e}"));
        admin
            .batch_execute(&format!(
                "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" ENCODING 'UTF8' \
                 LC_COLLATE 'C' LC_CTYPE 'C'"
            ))
            .unwrap_or_else(|e| panic!("PostgreSQL tests: cannot create database {name}: {e}"));
        self.connection_string(&name)
    }

    /// The key-value connection string of database `db` (as the `postgres` crate and `psql`
    /// read it), quoting the values so that any folder name works.
    pub fn connection_string(&self, db: &str) -> String {
        let quote = |value: &str| format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"));
        format!(
            "host={} port={PORT} user={ADMIN} dbname={}",
            quote(&self.socket_dir().to_string_lossy()),
            quote(db)
        )
    }

    /// The `postgresql://` URL of database `db`, the form people pass to `g287 --database`:
    /// the socket folder, percent-encoded, is the host (`postgresql://g287_admin@%2Ftmp%2F...`).
    pub fn url(&self, db: &str) -> String {
        let host = percent_encode(self.socket_dir().as_os_str().as_encoded_bytes());
        let db = percent_encode(db.as_bytes());
        format!("postgresql://{ADMIN}@{host}:{PORT}/{db}")
    }
}

/// Every byte but the URL's unreserved ones as `%XX`.
fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
