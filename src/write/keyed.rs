//! Output files a build may keep instead of making them again: a group of
//! files (the search index and its pinyin data) made from inputs summed up
//! in one key, noted in the site's `.peixun-cache/` with the hash of each
//! file. A later build whose inputs give the same key keeps the group when
//! the output holds every file of it just so
//! ([`super::Stager::keep_held`]); the files are then byte for byte what
//! making them again would give.

use std::path::{Path, PathBuf};

/// Where a build notes the search index files it made and their key.
pub const KEYED_INDEX: &str = ".peixun-cache/index-files";

const MAGIC: &str = "peixun keyed files 1";

/// A group of output files and the key of what they were made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedFiles {
    pub key: u128,
    /// Each file's path inside the output and the hash of its bytes
    /// (`record::hash`).
    pub files: Vec<(PathBuf, u128)>,
}

impl KeyedFiles {
    /// The group noted in `file`; none when there is none or it is damaged.
    pub fn load(file: &Path) -> Option<KeyedFiles> {
        KeyedFiles::parse(&std::fs::read_to_string(file).ok()?)
    }

    fn parse(text: &str) -> Option<KeyedFiles> {
        let mut lines = text.lines();
        if lines.next()? != MAGIC {
            return None;
        }
        let (key, count) = lines.next()?.split_once(' ')?;
        let key = u128::from_str_radix(key, 16).ok()?;
        let count: usize = count.parse().ok()?;
        let files: Vec<(PathBuf, u128)> = lines
            .map(|line| {
                let (hash, path) = line.split_once(' ')?;
                Some((PathBuf::from(path), u128::from_str_radix(hash, 16).ok()?))
            })
            .collect::<Option<_>>()?;
        // Cut short, a group would drop the files left out.
        (files.len() == count).then_some(KeyedFiles { key, files })
    }

    /// Notes the group in `file`, whole or not at all. A path that a line
    /// cannot hold (a line break in it) leaves no note: a group must be
    /// whole, or a build keeping it would drop the file left out.
    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        let mut text = format!("{MAGIC}\n{:032x} {}\n", self.key, self.files.len());
        for (path, hash) in &self.files {
            let Some(path) = path.to_str().filter(|p| !p.contains(['\n', '\r'])) else {
                return match std::fs::remove_file(file) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => Ok(()),
                };
            };
            text.push_str(&format!("{hash:032x} {path}\n"));
        }
        crate::util::replace::replace_whole(file, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_group_loads_as_it_was_and_a_damaged_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache/index-files");
        let group = KeyedFiles {
            key: u128::MAX - 7,
            files: vec![
                ("search_index.json".into(), 1),
                ("search_index/12 3.bin".into(), u128::MAX),
            ],
        };
        group.save(&file).unwrap();
        assert_eq!(KeyedFiles::load(&file), Some(group.clone()));
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for damaged in [
            String::new(),
            text.replacen(MAGIC, "peixun keyed files 0", 1),
            text.replacen(" search_index.json", "search_index.json", 1),
            format!("{text}00 x\n"),
            // Cut at a line: one file fewer than the count says.
            format!("{}\n", lines[..lines.len() - 1].join("\n")),
            text[..text.len() / 2].to_string(),
        ] {
            std::fs::write(&file, &damaged).unwrap();
            assert_eq!(KeyedFiles::load(&file), None, "{damaged:?}");
        }
        // A path no line can hold: no note at all, not a partial one.
        group.save(&file).unwrap();
        let odd = KeyedFiles {
            key: 1,
            files: vec![("a\nb".into(), 2)],
        };
        odd.save(&file).unwrap();
        assert_eq!(KeyedFiles::load(&file), None);
    }

    proptest::proptest! {
        #[test]
        fn random_and_mutated_notes_load_without_panicking(
            random in ".{0,200}",
            flips in proptest::collection::vec((0usize..1000, proptest::prelude::any::<char>()), 1..4),
        ) {
            let _ = KeyedFiles::parse(&random);
            let mut note: Vec<char> = format!("{MAGIC}\n{:032x} 2\n{:032x} a/b.bin\n{:032x} c\n", 5, 6, 7)
                .chars()
                .collect();
            proptest::prop_assert_eq!(
                KeyedFiles::parse(&note.iter().collect::<String>()).map(|k| k.files.len()),
                Some(2)
            );
            for (at, c) in flips {
                let at = at % note.len();
                note[at] = c;
            }
            let _ = KeyedFiles::parse(&note.iter().collect::<String>());
        }
    }
}
