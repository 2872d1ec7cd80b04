//! The layer rule of docs/architecture.md, held by the project itself:
//! each top-level module of `src/` names (as `crate::…`) only the modules
//! below it, so data flows one way and no module reaches back up.

use crate::support::repo;
use std::collections::BTreeSet;

/// The layers, lowest first.
const LAYERS: &[&str] = &[
    "util", "config", "content", "model", "check", "present", "search", "output", "write",
    "pipeline", "serve", "cli",
];

/// Modules beside the chain, and the layers each may use.
const BESIDE: &[(&str, &[&str])] = &[("import", &["util", "config", "content"])];

/// The top-level modules a module's files name.
fn named_by(module: &str) -> BTreeSet<String> {
    let src = repo().join("src");
    let files = walkdir::WalkDir::new(src.join(module))
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .chain(std::iter::once(src.join(format!("{module}.rs"))))
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && p.is_file());
    let known: Vec<&str> = LAYERS
        .iter()
        .copied()
        .chain(BESIDE.iter().map(|(m, _)| *m))
        .collect();
    let mut out = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if known.contains(&name.as_str()) && name != module {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn no_module_names_one_above_it() {
    let mut wrong = Vec::new();
    for (i, module) in LAYERS.iter().enumerate() {
        for name in named_by(module) {
            let below = LAYERS[..i].contains(&name.as_str());
            let beside_for_cli = *module == "cli" && BESIDE.iter().any(|(m, _)| *m == name);
            if !below && !beside_for_cli {
                wrong.push(format!("{module} names {name}, which is not below it"));
            }
        }
    }
    for (module, may) in BESIDE {
        for name in named_by(module) {
            if !may.contains(&name.as_str()) {
                wrong.push(format!("{module} names {name}; it may use only {may:?}"));
            }
        }
        // Only the command line uses a module beside the chain.
        for user in LAYERS.iter().filter(|l| **l != "cli") {
            if named_by(user).contains(*module) {
                wrong.push(format!("{user} names {module}, which only cli may use"));
            }
        }
    }
    // Every module of src/ is placed.
    for entry in std::fs::read_dir(repo().join("src")).unwrap().flatten() {
        let name = entry
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        let placed = LAYERS.contains(&name.as_str()) || BESIDE.iter().any(|(m, _)| *m == name);
        if !placed && !["lib", "main", "locales"].contains(&name.as_str()) {
            wrong.push(format!(
                "src/{name} is in no layer: place it in LAYERS or BESIDE"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
