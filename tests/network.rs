//! The no-network proof: `check`, `export` and the app's headless path
//! (`--screenshot`) run in a sandbox without network (`unshare -rn`: a
//! user and network namespace of their own), under `strace -f -e
//! trace=%network`, and every socket they open must be a local one
//! (AF_UNIX). The app opens such sockets to the X server, the D-Bus
//! session bus (accessibility, file dialogs) and the system's name service
//! cache (nscd); nothing else, no AF_INET, AF_INET6, AF_NETLINK or other
//! family, is allowed. Needs strace, unshare (util-linux) and xvfb-run:
//! missing, each fails the test under `CONVENTION_REQUIRE_TOOLS` (tests/tools).
#![cfg(target_os = "linux")]

mod common;
mod tools;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The socket families a trace shows that are not local, with the line of
/// each: the `socket`/`socketpair` calls, and every address passed or got.
fn non_local(log: &str) -> Vec<String> {
    log.lines()
        .filter(|line| {
            let created = ["socket(", "socketpair("].iter().any(|call| {
                line.split_once(call).is_some_and(|(_, args)| {
                    !args.starts_with("AF_UNIX") && !args.starts_with("AF_LOCAL")
                })
            });
            let addressed = line
                .match_indices("sa_family=")
                .any(|(at, _)| !line[at + "sa_family=".len()..].starts_with("AF_UNIX"));
            created || addressed
        })
        .map(str::to_owned)
        .collect()
}

/// Whether `unshare -rn` may be used here (user namespaces allowed). When
/// it may not: a note, or, where tools are required, a failure.
fn sandbox_allowed() -> bool {
    if !tools::available("unshare") {
        return false;
    }
    let allowed = Command::new("unshare")
        .args(["-rn", "true"])
        .status()
        .is_ok_and(|status| status.success());
    if !allowed {
        if std::env::var_os("CONVENTION_REQUIRE_TOOLS").is_some() {
            panic!("unshare -rn is required here (CONVENTION_REQUIRE_TOOLS) but not permitted");
        }
        println!("note: unshare -rn is not permitted here; check skipped");
    }
    allowed
}

/// Runs `convention` with `args` (after `prefix`, such as `xvfb-run`) in
/// the sandbox under strace, asserts it succeeds, and returns the trace.
fn traced(prefix: &[&str], args: &[&str], folder: &Path, name: &str) -> String {
    let log = folder.join(format!("{name}.strace"));
    let mut command = Command::new(prefix.first().copied().unwrap_or("unshare"));
    let mut rest: Vec<&str> = prefix.iter().skip(1).copied().collect();
    if !prefix.is_empty() {
        rest.push("unshare");
    }
    command
        .args(rest)
        .args(["-rn", "strace", "-f", "-qq", "-e", "trace=%network", "-o"])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_convention"))
        .args(args)
        .current_dir(folder)
        .env("TZ", "UTC");
    let status = tools::run(&mut command, Duration::from_secs(180));
    assert!(status.success(), "{name}: {command:?} failed: {status}");
    std::fs::read_to_string(&log).expect("the trace is written")
}

#[test]
fn the_detector_sees_an_outside_socket() {
    if !tools::available("strace") || !sandbox_allowed() {
        return;
    }
    let folder = tempfile::tempdir().expect("tempdir");
    let log = folder.path().join("bash.strace");
    // bash's /dev/tcp opens an AF_INET socket (the connection fails: there
    // is no network in the sandbox).
    let status = Command::new("unshare")
        .args(["-rn", "strace", "-f", "-qq", "-e", "trace=%network", "-o"])
        .arg(&log)
        .args(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("strace runs");
    assert!(status.success());
    let trace = std::fs::read_to_string(&log).expect("trace");
    assert!(!non_local(&trace).is_empty(), "{trace}");
    // And lets local sockets through.
    let local = "1 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3\n\
                 1 connect(3, {sa_family=AF_UNIX, sun_path=\"/tmp/.X11-unix/X0\"}, 21) = 0\n";
    assert!(non_local(local).is_empty());
}

#[test]
fn check_and_export_open_no_socket() {
    if !tools::available("strace") || !sandbox_allowed() {
        return;
    }
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("c.json"), common::REFERENCE).expect("write");
    for (name, args) in [
        ("check", &["check", "c.json"][..]),
        (
            "export",
            &["export", "--docx", "c.docx", "--pdf", "c.pdf", "c.json"][..],
        ),
    ] {
        let trace = traced(&[], args, folder.path(), name);
        // Not even a local socket: the command line needs none.
        assert!(
            trace.trim().is_empty(),
            "{name} used the network API:\n{trace}"
        );
    }
    assert!(folder.path().join("c.pdf").is_file());
}

/// The app exists only with the `gui` feature.
#[cfg(feature = "gui")]
#[test]
fn the_app_opens_local_sockets_only() {
    if !tools::available("strace") || !tools::available("xvfb-run") || !sandbox_allowed() {
        return;
    }
    let folder = tempfile::tempdir().expect("tempdir");
    std::fs::write(folder.path().join("c.json"), common::REFERENCE).expect("write");
    let trace = traced(
        &[
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1400x900x24 -nolisten tcp",
        ],
        &["--screenshot", "shot.png", "c.json", "--step", "budget"],
        folder.path(),
        "app",
    );
    assert!(
        folder.path().join("shot.png").is_file(),
        "the window was shown"
    );
    // The trace did follow the app: it spoke to the X server.
    assert!(trace.contains("X11-unix"), "{trace}");
    let outside = non_local(&trace);
    assert!(
        outside.is_empty(),
        "sockets other than AF_UNIX:\n{}",
        outside.join("\n")
    );
}
