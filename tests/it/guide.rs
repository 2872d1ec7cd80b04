//! The editors' guide (docs/editors.md) as a test: its commands run in a
//! copy of the repository's site, in order, each file it shows written
//! where it says, and what each command prints compared with the guide,
//! so the guide cannot drift from the program.
//!
//! In the guide, a ```console block holds commands (`$ peixun …`) each
//! followed by its output (“……” stands for any lines; times and ports
//! vary), and a block whose info string names `file=PATH` is a file the
//! editor writes. `peixun serve` runs until it says where it serves.

use crate::support::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

enum Step {
    Run { command: String, expected: String },
    Write { path: String, text: String },
}

fn steps(guide: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let mut block = Vec::new();
        for l in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                break;
            }
            block.push(l.get(indent..).unwrap_or(l.trim_start()));
        }
        if let Some(path) = info
            .split_whitespace()
            .find_map(|w| w.strip_prefix("file="))
        {
            steps.push(Step::Write {
                path: path.to_string(),
                text: block.join("\n") + "\n",
            });
        } else if info.trim() == "console" {
            for l in block {
                match l.strip_prefix("$ ") {
                    Some(command) => steps.push(Step::Run {
                        command: command.to_string(),
                        expected: String::new(),
                    }),
                    None => match steps.last_mut() {
                        Some(Step::Run { expected, .. }) => {
                            expected.push_str(l);
                            expected.push('\n');
                        }
                        _ => panic!("output before any command in the guide: {l}"),
                    },
                }
            }
        }
    }
    steps
}

/// What varies from run to run, made the same: times and ports.
fn steady(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_string();
        for (before, after) in [("用时 ", " 毫秒"), ("127.0.0.1:", "/")] {
            let mut from = 0;
            while let Some(i) = line[from..].find(before) {
                let start = from + i + before.len();
                let digits = line[start..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .count();
                if digits > 0 && line[start + digits..].starts_with(after) {
                    line.replace_range(start..start + digits, "N");
                }
                from = start;
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Whether `got` is `expected`, where a line “……” stands for any lines.
fn matches(expected: &str, got: &str) -> bool {
    let got: Vec<&str> = got.lines().collect();
    let parts: Vec<Vec<&str>> = expected
        .split("……\n")
        .map(|p| p.lines().collect())
        .collect();
    let (first, rest) = parts.split_first().expect("split gives one part");
    if !got.starts_with(first) {
        return false;
    }
    let mut at = first.len();
    for (i, part) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        if last {
            return got.len() >= at + part.len() && got.ends_with(part);
        }
        match (at..=got.len().saturating_sub(part.len())).find(|&s| got[s..].starts_with(part)) {
            Some(s) => at = s + part.len(),
            None => return false,
        }
    }
    at == got.len()
}

fn run(site: &TestSite, command: &str) -> (i32, String) {
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(
        words.first(),
        Some(&"peixun"),
        "the guide runs only peixun: {command}"
    );
    let args = &words[1..];
    if args.first() == Some(&"serve") {
        // Any free port; stopped once it says where it serves.
        let mut child = peixun_command()
            .current_dir(site.root())
            .args(args)
            .args(["--port", "0"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start peixun serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut said = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            said.push_str(&line);
            said.push('\n');
            if line.starts_with("正在预览") {
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        return (0, said);
    }
    let out = peixun_command()
        .current_dir(site.root())
        .args(args)
        .output()
        .expect("run peixun");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn every_command_of_the_editors_guide_prints_what_the_guide_says() {
    let guide = std::fs::read_to_string(repo().join("docs/editors.md")).expect("docs/editors.md");
    let steps = steps(&guide);
    let commands = steps
        .iter()
        .filter(|s| matches!(s, Step::Run { .. }))
        .count();
    assert!(
        commands >= 10,
        "only {commands} commands found in the guide"
    );

    // The repository as an editor has it: settings, theme, content, examples.
    let site = TestSite::new(&[]);
    std::fs::copy(repo().join("site.toml"), site.root().join("site.toml")).expect("site.toml");
    copy_dir(&repo().join("content"), &site.root().join("content"));
    copy_dir(
        &repo().join("docs/examples"),
        &site.root().join("docs/examples"),
    );

    let mut wrong = Vec::new();
    for step in steps {
        match step {
            Step::Write { path, text } => site.write(&path, text.as_bytes()),
            Step::Run { command, expected } => {
                let (code, got) = run(&site, &command);
                let got = steady(&got);
                let expected = steady(&expected);
                // A command whose output names an error fails; any other succeeds.
                let want_code = if expected.lines().any(|l| l.starts_with("错误：")) {
                    1
                } else {
                    0
                };
                if code != want_code || !matches(&expected, &got) {
                    wrong.push(format!(
                        "$ {command}\n--- the guide says (exit {want_code})\n{expected}--- it printed (exit {code})\n{got}"
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "docs/editors.md differs from the program:\n\n{}",
        wrong.join("\n")
    );
}

#[test]
fn an_elided_output_matches_only_what_it_elides() {
    assert!(matches("a\n……\nz\n", "a\nb\nc\nz\n"));
    assert!(matches("a\n……\nz\n", "a\nz\n"));
    assert!(!matches("a\n……\nz\n", "a\nb\n"));
    assert!(!matches("a\nz\n", "a\nb\nz\n"));
    assert!(matches("……\nm\n……\nz\n", "a\nm\nb\nz\n"));
    assert!(!matches("……\nm\n……\nz\n", "a\nb\nz\n"));
    assert_eq!(
        steady("用时 123 毫秒，http://127.0.0.1:4567/\n"),
        "用时 N 毫秒，http://127.0.0.1:N/\n"
    );
}
