//! The kill test: `convention` exports and saves again and again, and is
//! killed (SIGKILL) at random moments, most of them around its writing.
//! After every kill each target is whole, the old version or the new one
//! byte for byte, and the next run leaves no temporary file.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How many times a run is killed.
const KILLS: usize = 120;

/// A small, seeded random generator (splitmix64): the same kills every
/// time for a seed, and no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A duration between `low` and `high`.
    fn between(&mut self, low: Duration, high: Duration) -> Duration {
        let span = high.saturating_sub(low).as_micros().max(1) as u64;
        low + Duration::from_micros(self.next() % span)
    }
}

/// What a run does: export a draft to the DOCX and the PDF, or save a new
/// draft over the JSON.
#[derive(Clone, Copy, Debug)]
enum Job {
    /// Export draft `0` or `1`.
    Export(usize),
    /// Save the blank draft (`false`) or the example (`true`).
    Save(bool),
}

/// The folders and files of the test.
struct Scene {
    /// Where the two drafts exported are.
    drafts: [PathBuf; 2],
    /// Where the targets are: only they, and our temporary files.
    out: PathBuf,
    /// The complete versions each target may hold, from complete runs.
    docx: [Vec<u8>; 2],
    pdf: [Vec<u8>; 2],
    json: [Vec<u8>; 2],
}

impl Scene {
    fn docx_path(&self) -> PathBuf {
        self.out.join("convention.docx")
    }

    fn pdf_path(&self) -> PathBuf {
        self.out.join("convention.pdf")
    }

    fn json_path(&self) -> PathBuf {
        self.out.join("brouillon.json")
    }

    fn command(&self, job: Job, out: &Path) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_convention"));
        match job {
            Job::Export(which) => {
                command
                    .arg("export")
                    .arg("--docx")
                    .arg(out.join("convention.docx"));
                command.arg("--pdf").arg(out.join("convention.pdf"));
                command.arg(&self.drafts[which]);
            }
            Job::Save(example) => {
                command.arg("new");
                if example {
                    command.arg("--example");
                }
                command
                    .arg("-o")
                    .arg(out.join("brouillon.json"))
                    .arg("--force");
            }
        }
        command
            .env("TZ", "UTC")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }

    /// Runs a job to its end, successfully.
    fn complete(&self, job: Job, out: &Path) {
        let status = self.command(job, out).status().expect("the binary runs");
        assert!(status.success(), "{job:?}: {status}");
    }

    /// The temporary files of ours left in the targets' folder.
    fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(&self.out)
            .expect("list")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.starts_with(".convention-"))
            .collect()
    }

    /// Asserts that each target holds one complete version.
    fn assert_whole(&self, after: &str) {
        for (path, versions) in [
            (self.docx_path(), &self.docx),
            (self.pdf_path(), &self.pdf),
            (self.json_path(), &self.json),
        ] {
            let bytes = std::fs::read(&path).expect("the target is still there");
            assert!(
                versions.contains(&bytes),
                "{after}: {} is neither version ({} bytes)",
                path.display(),
                bytes.len()
            );
        }
    }
}

/// Checks that the versions are sound files of their kind, and different.
fn assert_sound(scene: &Scene) {
    for docx in &scene.docx {
        zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the DOCX is a zip");
    }
    for pdf in &scene.pdf {
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
        lopdf::Document::load_mem(pdf).expect("the PDF parses");
    }
    for json in &scene.json {
        serde_json::from_slice::<serde_json::Value>(json).expect("the JSON parses");
    }
    assert_ne!(scene.docx[0], scene.docx[1]);
    assert_ne!(scene.pdf[0], scene.pdf[1]);
    assert_ne!(scene.json[0], scene.json[1]);
}

fn setup(root: &Path) -> Scene {
    let drafts = [root.join("a.json"), root.join("b.json")];
    std::fs::write(&drafts[0], common::REFERENCE).expect("write");
    let mut other: serde_json::Value = serde_json::from_str(common::REFERENCE).expect("json");
    other["title"] = "Convention modifiée pour le test".into();
    std::fs::write(&drafts[1], other.to_string()).expect("write");
    let out = root.join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let mut scene = Scene {
        drafts,
        out,
        docx: Default::default(),
        pdf: Default::default(),
        json: Default::default(),
    };
    for which in 0..2 {
        let folder = root.join(format!("version-{which}"));
        std::fs::create_dir(&folder).expect("mkdir");
        scene.complete(Job::Export(which), &folder);
        scene.complete(Job::Save(which == 1), &folder);
        let read = |name: &str| std::fs::read(folder.join(name)).expect("read");
        scene.docx[which] = read("convention.docx");
        scene.pdf[which] = read("convention.pdf");
        scene.json[which] = read("brouillon.json");
    }
    assert_sound(&scene);
    // The targets start as complete files.
    scene.complete(Job::Export(0), &scene.out);
    scene.complete(Job::Save(false), &scene.out);
    scene
}

/// How long a complete run of `job` takes, and when it starts writing (its
/// first temporary file seen).
fn timing(scene: &Scene, job: Job) -> (Duration, Duration) {
    let start = Instant::now();
    let mut child = scene.command(job, &scene.out).spawn().expect("spawn");
    let mut writing = None;
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if writing.is_none() && !scene.leftovers().is_empty() {
            writing = Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let total = start.elapsed();
    let writing = writing.unwrap_or(total.saturating_sub(Duration::from_millis(20)));
    (total, writing)
}

fn kill(mut child: Child) {
    // Already finished is fine: the kill came after the run.
    let _ = child.kill();
    child.wait().expect("reaped");
}

#[test]
fn killed_runs_leave_whole_files_and_no_temporary_file() {
    let seed = std::env::var("CONVENTION_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(14);
    let root = tempfile::tempdir().expect("tempdir");
    let scene = setup(root.path());
    let jobs = [
        Job::Export(0),
        Job::Export(1),
        Job::Save(false),
        Job::Save(true),
    ];
    let timings: Vec<(Duration, Duration)> = jobs.iter().map(|&job| timing(&scene, job)).collect();
    let mut random = Random(seed);
    let mut left_temporary = 0;
    for round in 0..KILLS {
        let pick = (random.next() % jobs.len() as u64) as usize;
        let (job, (total, writing)) = (jobs[pick], timings[pick]);
        // A third anywhere in the run, the rest around its writing.
        let delay = if random.next().is_multiple_of(3) {
            random.between(Duration::ZERO, total)
        } else {
            let before = writing.saturating_sub(Duration::from_millis(15));
            random.between(before, total + Duration::from_millis(2))
        };
        let child = scene.command(job, &scene.out).spawn().expect("spawn");
        std::thread::sleep(delay);
        kill(child);
        let after = format!("seed {seed}, kill {round} ({job:?} after {delay:?})");
        scene.assert_whole(&after);
        if !scene.leftovers().is_empty() {
            left_temporary += 1;
            // The next run, to its end, removes what the killed one left.
            scene.complete(job, &scene.out);
            assert_eq!(
                scene.leftovers(),
                Vec::<String>::new(),
                "{after}: after the next run"
            );
            scene.assert_whole(&after);
        }
    }
    scene.complete(Job::Export(1), &scene.out);
    scene.complete(Job::Save(true), &scene.out);
    assert!(scene.leftovers().is_empty(), "{:?}", scene.leftovers());
    assert_eq!(
        std::fs::read(scene.docx_path()).expect("docx"),
        scene.docx[1]
    );
    assert_eq!(std::fs::read(scene.pdf_path()).expect("pdf"), scene.pdf[1]);
    assert_eq!(
        std::fs::read(scene.json_path()).expect("json"),
        scene.json[1]
    );
    println!("{KILLS} kills (seed {seed}), {left_temporary} in the middle of writing");
    // The kills did reach the writing: some left a temporary file, which
    // the next run removed.
    assert!(
        left_temporary > 0,
        "no kill landed while a file was written"
    );
}
