//! The design's dependency rule: only `app` may use egui, eframe, egui_extras or rfd. (The
//! library also builds with `--no-default-features`, which leaves those crates out entirely.)

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_app_module_knows_the_gui_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 15);
    let app = src.join("app");
    for file in files
        .iter()
        .filter(|f| !f.starts_with(&app) && !f.ends_with("main.rs"))
    {
        let text = std::fs::read_to_string(file).unwrap();
        for word in ["egui", "eframe", "rfd::", "egui_extras"] {
            let used = text.lines().any(|l| {
                let code = l.split("//").next().unwrap_or("");
                code.contains(&format!("{word}::")) || code.contains(&format!("use {word}"))
            });
            assert!(!used, "{} uses {word}; only src/app may", file.display());
        }
    }
}

/// Longest a source file may be without saying why (in a `//` line containing "longer than").
const MAX_LINES: usize = 600;

#[test]
fn every_module_says_what_it_owns_and_stays_short() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} does not open with a //! line saying what it owns",
            file.display()
        );
        let lines = text.lines().count();
        let reason = text
            .lines()
            .any(|l| l.trim_start().starts_with("//") && l.contains("longer than"));
        assert!(
            lines <= MAX_LINES || reason,
            "{} has {lines} lines, over {MAX_LINES}, without a stated reason",
            file.display()
        );
    }
}

#[test]
fn the_readme_layout_table_matches_the_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let layout = readme
        .split("\n## Layout\n")
        .nth(1)
        .expect("README has a Layout section");
    let listed: Vec<&str> = layout
        .lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    assert!(listed.len() > 10, "{listed:?}");
    for path in &listed {
        assert!(
            root.join(path).exists(),
            "README lists {path}, which does not exist"
        );
    }
    // Every module of the library is listed: files and folders directly under src/ (the
    // entry points lib.rs and main.rs aside), and the app's folders.
    for dir in [root.join("src"), root.join("src/app")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if ["lib.rs", "main.rs", "mod.rs"].contains(&name.as_str()) {
                continue;
            }
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let shown = if path.is_dir() {
                format!("{relative}/")
            } else {
                relative
            };
            assert!(
                listed.contains(&shown.as_str()),
                "{shown} is not in the README's layout table"
            );
        }
    }
}
