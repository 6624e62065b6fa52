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
