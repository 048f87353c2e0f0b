//! The command line: `g287 [--data-dir DIR] [COMMAND]`. With no command the desktop window
//! opens. Each command prints a table for people or JSON for scripts, and exits with a code
//! that says what happened (see [`Exit`]).

mod calendar;
mod catalogue;
mod commands;
mod documents;
mod export;
mod import;
mod national;
mod records;
mod report;
mod table;
mod team;
pub mod terminal;
mod verify;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::domain::claims::ClaimId;
use crate::domain::{AgencyId, AgreementId};
use crate::registry::RegistryError;
use crate::registry::RestoreRefusal;
use crate::registry::StoreError;

/// g287: the workbench of 287(g) program coordinators.
#[derive(Debug, Parser)]
#[command(name = "g287", version, about, long_about = None)]
pub struct Args {
    /// The data folder (default: the platform's data folder for g287).
    #[arg(long, global = true, env = crate::paths::DATA_DIR_VAR, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A team's registry on a PostgreSQL server (postgres://ROLE@HOST/DATABASE, or libpq's
    /// key=value form) instead of the SQLite file in the data folder.
    #[arg(long, global = true, env = crate::paths::DATABASE_VAR, value_name = "URL")]
    pub database: Option<String>,
    /// What to do; with none, the desktop window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What `g287 admin` does on a team's server.
#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Create the registry in an empty database: its tables, the roles viewer, coordinator and
    /// decider with their grants, the requirement catalogue and the national list.
    Init,
    /// Give LOGIN one of the roles (viewer, coordinator, decider), creating the login when
    /// there is none; any other g287 role of it is taken away.
    Grant {
        /// viewer (reads), coordinator (records agencies, requests, nominees, oversight,
        /// imports), or decider (also records decisions and edits the catalogue).
        role: String,
        /// The login (a PostgreSQL role that logs in).
        login: String,
    },
}

/// Output format of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned columns for people.
    #[default]
    Table,
    /// JSON for scripts.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill an empty database with a realistic synthetic registry.
    Demo {
        /// How many agencies (18000 is every U.S. agency).
        #[arg(long, default_value_t = 300)]
        agencies: usize,
        /// Seed: the same seed gives the same data.
        #[arg(long, default_value_t = 287)]
        seed: u64,
    },
    /// List agencies with their agreements.
    Agencies {
        /// Only agencies of this state (code or name).
        #[arg(long)]
        state: Option<String>,
        /// Only agencies with an agreement of this model (jem, tfm, wso).
        #[arg(long)]
        model: Option<String>,
        /// Only agencies with an agreement in this status.
        #[arg(long)]
        status: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check agreements against the requirement catalogue.
    Check {
        /// Only this agency's agreements.
        #[arg(long)]
        agency: Option<AgencyId>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Record a decision of ICE or CBP on an agreement.
    Decide {
        /// The agreement's id.
        #[arg(long)]
        agreement: AgreementId,
        /// ice or cbp.
        #[arg(long)]
        component: String,
        /// accepted, declined, withdrawn, suspended or terminated.
        #[arg(long)]
        outcome: String,
        /// Date of the decision (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// The deciding official, name and title.
        #[arg(long)]
        official: String,
        /// The grounds.
        #[arg(long)]
        grounds: Option<String>,
        /// Written justification for accepting against unmet requirements.
        #[arg(long = "override")]
        override_justification: Option<String>,
        /// For a suspension: the day it ends, as ICE's notice states its length (YYYY-MM-DD;
        /// required for JEM and TFM agreements).
        #[arg(long)]
        until: Option<String>,
    },
    /// Record the MOA's signatures: the agreement takes effect, and a pending (accepted)
    /// agreement becomes active, once both parties' signatures are recorded.
    Sign {
        /// The agreement's id.
        #[arg(long)]
        agreement: AgreementId,
        /// The agency's signer, as the signature page names them.
        #[arg(long)]
        agency_signer: Option<String>,
        /// The agency signer's title (Sheriff, Chief of Police...).
        #[arg(long)]
        agency_title: Option<String>,
        /// The date beside the agency's signature (YYYY-MM-DD).
        #[arg(long)]
        agency_date: Option<String>,
        /// ICE's or CBP's signer.
        #[arg(long)]
        component_signer: Option<String>,
        /// ICE's or CBP's signer's title (Acting Director...).
        #[arg(long)]
        component_title: Option<String>,
        /// The date beside ICE's or CBP's signature (YYYY-MM-DD).
        #[arg(long)]
        component_date: Option<String>,
        /// The year of the MOA template (2019, 2020, 2025...).
        #[arg(long)]
        template_year: Option<i32>,
        /// The MOA's addenda, as a line of text.
        #[arg(long)]
        addenda: Option<String>,
    },
    /// Record whether an obligation the checklist shows as "no record" is in place (an
    /// Interconnection Security Agreement, systems access, posters...), with the evidence.
    Attest {
        /// The agreement's id.
        #[arg(long)]
        agreement: AgreementId,
        /// The requirement's id (agency.isa, agency.systems_access...).
        #[arg(long)]
        requirement: String,
        /// yes: in place; no: missing.
        #[arg(long)]
        met: String,
        /// The date it was seen in place (or missing), YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The evidence: the document or visit it rests on.
        #[arg(long)]
        evidence: Option<String>,
    },
    /// Record a claim of U.S. citizenship (reported to ICE within one hour under the JEM and
    /// WSO MOAs), or, with --id, when ICE was told of one.
    Claim {
        /// The agreement under which the officers worked.
        #[arg(long)]
        agreement: AgreementId,
        /// The claim to update (default: record a new one).
        #[arg(long)]
        id: Option<ClaimId>,
        /// When the person claimed to be a U.S. citizen: "YYYY-MM-DD HH:MM".
        #[arg(long)]
        claimed_at: String,
        /// When ICE was told: "YYYY-MM-DD HH:MM".
        #[arg(long)]
        reported_at: Option<String>,
        /// Where and how (no name).
        #[arg(long)]
        note: Option<String>,
    },
    /// Show the history of changes.
    History {
        /// Only this agency's history.
        #[arg(long)]
        agency: Option<AgencyId>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the compliance calendar's deadlines, by due date, overdue first.
    Calendar {
        /// Only overdue deadlines.
        #[arg(long)]
        overdue: bool,
        /// Only this kind (refresher, authorization_expiry, first_review, oversight_meeting,
        /// request_waiting, complaint_reported, complaint_resolved, termination_takes_effect).
        #[arg(long)]
        kind: Option<String>,
        /// Only agencies of this state (code or name).
        #[arg(long)]
        state: Option<String>,
        /// Only deadlines due within this many days (overdue ones included).
        #[arg(long, value_name = "DAYS")]
        within: Option<u32>,
        /// How many days a request may wait for a decision before it is listed.
        #[arg(long, value_name = "DAYS", default_value_t = crate::registry::REQUEST_DAYS)]
        request_days: u32,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the requirement catalogue: the version in force, or any version kept.
    Catalogue {
        /// The version to list (default: the one in force).
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Change one of the MOA terms that set the calendar's deadlines (a CBP agreement, a new
    /// MOA template): a new catalogue version, kept and in the history.
    Term {
        /// The term's id, as `g287 catalogue` lists it (complaint_reported, ...).
        id: String,
        /// The models it applies to, e.g. jem,tfm,wso.
        #[arg(long, value_delimiter = ',')]
        models: Option<Vec<String>>,
        /// The components it applies to (ice, cbp; none given: both).
        #[arg(long, value_delimiter = ',')]
        components: Option<Vec<String>>,
        /// The period: "48 hours", "90 days", "2 weekdays", "24 months".
        #[arg(long)]
        period: Option<String>,
        /// yes: a deadline that can be overdue; no: advisory.
        #[arg(long)]
        binding: Option<String>,
        /// The agreement's own words for the term.
        #[arg(long)]
        wording: Option<String>,
        /// Where the agreement says so.
        #[arg(long)]
        source: Option<String>,
    },
    /// Check the database's integrity, the history, and that the history replayed gives every row of the registry.
    Verify {
        /// A chain head kept outside (`N:HASH`, as exports, reports and backups carry it): the
        /// history must still hold that entry unchanged.
        #[arg(long, value_name = "N:HASH")]
        head: Option<String>,
        /// Output format; JSON gives the chain's end as `head`, in the form `--head` takes.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Import ICE's published lists (xlsx or csv).
    Import {
        /// The files, applied in date order.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Which list the files are, when their columns do not say.
        #[arg(long = "as", value_name = "participating|pending|registry")]
        list: Option<String>,
        /// The lists' date (YYYY-MM-DD), when their names do not say.
        #[arg(long)]
        as_of: Option<String>,
        /// Report what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Read a newer national list of law enforcement agencies (the FBI's Law Enforcement
    /// Employees CSV) into the registry: agencies added, changed and removed by ORI, agencies
    /// linked again, the file and its SHA-256 in the history
    AgenciesReference {
        /// The FBI's CSV (columns ori, data_year, pub_agency_name, state_abbr, county_name,
        /// agency_type_name, population, officer_ct, civilian_ct).
        file: PathBuf,
    },
    /// List the agencies whose link to the national list waits for a coordinator, with the
    /// candidates, best first
    Links {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Link an agency to its ORI in the national list (--ori), say it has none there (--none
    /// with --reason), or undo its link (--undo): a coordinator's decision, kept in the history
    Link {
        /// The agency's id.
        agency: AgencyId,
        /// The ORI of the national list it is.
        #[arg(long, conflicts_with_all = ["none", "undo"])]
        ori: Option<String>,
        /// It has no ORI in the national list (a county jail without its own, a state agency
        /// the FBI does not list).
        #[arg(long, conflicts_with = "undo", requires = "reason")]
        none: bool,
        /// Undo its link: the ORI is cleared and the agency goes to review.
        #[arg(long)]
        undo: bool,
        /// Why (required with --none; a note with --ori).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Attach a document (PDF, image, office file) to an agreement, nominee, decision,
    /// complaint or meeting; kept inside the registry, once per SHA-256
    Attach {
        /// The record.
        #[command(flatten)]
        on: documents::SubjectArgs,
        /// The file (at most 64 MiB).
        file: PathBuf,
        /// `moa` for a signed MOA: it is read and compared with the agreement.
        #[arg(long)]
        role: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Attach every PDF of a folder of ICE's MOAs to its agreement, matched by the file name
    /// of its MOA link in ICE's lists, or else by what the PDF says; lists what matches nothing
    #[command(name = "attach-moas")]
    AttachMoas {
        /// The folder.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the documents attached to a record.
    Documents {
        /// The record.
        #[command(flatten)]
        on: documents::SubjectArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show, open, save a copy of, or remove one attached document.
    Document {
        /// The document's id (as `g287 documents` lists it).
        id: i64,
        /// Open it with the system's viewer.
        #[arg(long, conflicts_with_all = ["save", "remove"])]
        open: bool,
        /// Save a copy to this file (which must not exist).
        #[arg(long, value_name = "FILE", conflicts_with = "remove")]
        save: Option<PathBuf>,
        /// Remove it from its record (recorded in the history; its bytes stay).
        #[arg(long)]
        remove: bool,
        /// Confirm the removal.
        #[arg(long, requires = "remove")]
        yes: bool,
    },
    /// List what MOAs disagree with in the registry, and the signatures they could fill in.
    #[command(name = "moa-checks")]
    MoaChecks {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Accept a signature read from an MOA (it fills the agreement's empty one), or dismiss a
    /// check with the reason.
    #[command(name = "moa-check")]
    MoaCheck {
        /// The check's id (as `g287 moa-checks` lists it).
        id: i64,
        /// Fill the empty field from the MOA.
        #[arg(long, conflicts_with = "dismiss", required_unless_present = "dismiss")]
        accept: bool,
        /// Dismiss it, saying why.
        #[arg(long, value_name = "REASON")]
        dismiss: Option<String>,
    },
    /// List the flagged values of imports still open for review.
    Review {
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Create a team's registry on a PostgreSQL server (`admin init`), or give a login one of
    /// its roles (`admin grant ROLE LOGIN`); run by the database's owner, with --database.
    Admin {
        /// What to do.
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Copy the registry, history and all, to an empty PostgreSQL database (--to
    /// postgres://...), or a registry on a server to a new SQLite file (--to FILE.sqlite3);
    /// both are verified.
    Copy {
        /// The destination: an empty PostgreSQL database, or a new SQLite file.
        #[arg(long, value_name = "URL or FILE")]
        to: String,
    },
    /// Write a consistent copy of the database to FILE (safe while the app runs).
    Backup {
        /// The file to write; it must not exist yet.
        file: PathBuf,
    },
    /// Replace the database with a backup, after checking it; the replaced one is kept.
    Restore {
        /// The backup to restore.
        file: PathBuf,
    },
    /// Write a printable report (PDF or HTML): one agency's compliance, or the program summary.
    Report {
        /// The agency whose compliance report to write.
        #[arg(long, required_unless_present = "summary", conflicts_with = "summary")]
        agency: Option<AgencyId>,
        /// Write the program summary (the dashboard's figures) instead.
        #[arg(long)]
        summary: bool,
        /// With --summary: count changes since this date (YYYY-MM-DD; default a year ago).
        #[arg(long, requires = "summary")]
        since: Option<String>,
        /// The file to write: FILE.pdf for a PDF, FILE.html for a web page.
        #[arg(long)]
        out: PathBuf,
        /// Replace --out if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Export agencies and agreements.
    Export {
        /// csv, xlsx or json.
        #[arg(long)]
        format: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Only this state.
        #[arg(long)]
        state: Option<String>,
        /// Only this model.
        #[arg(long)]
        model: Option<String>,
        /// Only this status.
        #[arg(long)]
        status: Option<String>,
    },
}

/// How a command ended, as its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Done = 0,
    /// 1: done, with values flagged for review.
    Flagged = 1,
    /// 2: bad input; nothing written.
    BadInput = 2,
    /// 3: refused by a program rule; nothing written.
    Refused = 3,
    /// 4: verification failed.
    VerifyFailed = 4,
    /// 5: the database cannot be used.
    Unusable = 5,
}

/// A command's failure: its exit code and the message for the user.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The exit code.
    pub exit: Exit,
    /// What was wrong and what was kept.
    pub message: String,
}

impl Failure {
    /// The output (the terminal, a pipe) could not be written.
    pub fn output(e: std::io::Error) -> Failure {
        Failure {
            exit: Exit::Unusable,
            message: format!("cannot write the output: {e}"),
        }
    }

    /// Bad input.
    pub fn bad_input(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::BadInput,
            message: message.into(),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        let exit = match &e {
            StoreError::Invalid(_)
            | StoreError::NotFound { .. }
            | StoreError::Conflict(_)
            | StoreError::Changed(_) => Exit::BadInput,
            StoreError::Refused(_) | StoreError::NotAllowed { .. } => Exit::Refused,
            StoreError::Disconnected(_) => Exit::Unusable,
            StoreError::Newer { .. }
            | StoreError::Locked(_)
            | StoreError::Unusable { .. }
            | StoreError::Emptied { .. }
            | StoreError::Io(_) => Exit::Unusable,
            StoreError::Database(_) => Exit::Unusable,
            StoreError::HistoryBroken { .. } => Exit::VerifyFailed,
        };
        let kept = match exit {
            Exit::Unusable => "",
            _ => "; nothing was written",
        };
        Failure {
            exit,
            message: format!("{e}{kept}"),
        }
    }
}

impl From<RegistryError> for Failure {
    fn from(e: RegistryError) -> Failure {
        match e {
            RegistryError::Store(e) | RegistryError::Restore(RestoreRefusal::Store(e)) => e.into(),
            e @ RegistryError::Unreadable(_) => {
                Failure::bad_input(format!("{e}\nnothing was imported or written"))
            }
            RegistryError::Export(message) | RegistryError::Document(message) => {
                Failure::bad_input(message)
            }
            e @ (RegistryError::Report(_) | RegistryError::NationalList { .. }) => {
                Failure::bad_input(e.to_string())
            }
            RegistryError::Restore(RestoreRefusal::NotG287(m)) => Failure::bad_input(m),
            e @ RegistryError::Restore(RestoreRefusal::FailsVerification { .. }) => Failure {
                exit: Exit::VerifyFailed,
                message: e.to_string(),
            },
            e @ RegistryError::Io { .. } => Failure {
                exit: Exit::Unusable,
                message: e.to_string(),
            },
        }
    }
}

/// Runs the program with the process's arguments.
pub fn main() -> ExitCode {
    let args = Args::parse();
    let data_dir = match crate::paths::data_dir(args.data_dir.clone()) {
        Ok(d) => d,
        Err(message) => {
            eprintln!("g287: {}", terminal::escape(&message));
            return ExitCode::from(Exit::Unusable as u8);
        }
    };
    let Some(command) = args.command else {
        let location = crate::registry::Location {
            data_dir,
            server: args.database.clone().filter(|s| !s.trim().is_empty()),
        };
        return match crate::ui::run(location, args.database.is_none()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("g287: {}", terminal::escape(&message));
                ExitCode::from(Exit::Unusable as u8)
            }
        };
    };
    // Buffered: a national `check --format json` is 160 MB, and written line by line to the
    // terminal's stream it spent more time in write calls than in the check itself.
    // Escaped: names and other text from the data must not drive the terminal.
    // The buffer goes in front of the escaping, which then sees 64 KiB at a time rather than
    // every token serde writes (the other way round, escaping was a third of `check`'s time).
    let mut out = std::io::BufWriter::with_capacity(
        1 << 16,
        terminal::Escaping::new(std::io::stdout().lock()),
    );
    let at = crate::registry::Location {
        data_dir,
        server: args.database.clone().filter(|s| !s.trim().is_empty()),
    };
    let result = commands::run(&at, command, &mut out).and_then(|exit| {
        out.flush().map_err(Failure::output)?;
        Ok(exit)
    });
    match result {
        Ok(exit) => ExitCode::from(exit as u8),
        Err(f) => {
            eprintln!("g287: {}", terminal::escape(&f.message));
            ExitCode::from(f.exit as u8)
        }
    }
}
