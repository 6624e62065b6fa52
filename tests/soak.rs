//! A seeded monkey drives the real app through egui_kittest: random clicks on widgets and
//! menus, clicks, right-clicks, drags and wheel turns on the map, keys and typed text. After
//! every step nothing has panicked and the document is a valid scenario; every 100 steps,
//! undoing everything through Ctrl+Z gives back the first scenario.
//!
//! `cargo test` sends 1,200 input events (about 400 steps). A long run, in release:
//! `RANGE_RINGS_SOAK_EVENTS=100000 RANGE_RINGS_SOAK_SEED=7 cargo test --release --test tests soak -- --nocapture`.

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use range_rings::app::{RangeRingsApp, Settings};
use range_rings::scenario::Scenario;
use std::collections::VecDeque;
use std::path::Path;

/// A small, seeded generator (xorshift64*): the same seed gives the same run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Widgets the monkey leaves alone: they replace the document (New, Open) or end the app,
/// which would end the soak, not test it, or start another program (Open folder).
const HANDS_OFF: [&str; 5] = ["New", "Open path…", "Open recent", "Quit", "Open folder"];

const WINDOW: egui::Vec2 = egui::Vec2::new(1600.0, 1000.0);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn button(pos: egui::Pos2, button: egui::PointerButton, pressed: bool) -> egui::Event {
    egui::Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: egui::Modifiers::default(),
    }
}

/// Keeps every file the app writes inside `dir`: export and save-as paths are moved there,
/// and exports are made small so that they stay quick.
fn confine_files(app: &mut RangeRingsApp, dir: &Path) {
    let inside = |typed: &str| {
        let name = Path::new(typed.trim())
            .file_name()
            .map_or_else(|| "x".into(), |n| n.to_os_string());
        dir.join(name).to_string_lossy().into_owned()
    };
    if let Some(form) = &mut app.dialogs.export {
        form.path = inside(&form.path);
        form.width = form.width.clamp(1, 320);
        form.height = form.height.clamp(1, 240);
    }
    if let Some(prompt) = &mut app.dialogs.path {
        prompt.text = inside(&prompt.text);
    }
}

/// One random action; returns what it did, for the report if a later step fails, and how
/// many input events it sent (pointer moves, presses, releases, wheel turns, key downs and
/// ups, text).
fn act(h: &mut Harness<'_, RangeRingsApp>, rng: &mut Rng) -> (String, u64) {
    let map = h.state().view.rect.unwrap_or(egui::Rect::from_min_size(
        egui::pos2(300.0, 60.0),
        WINDOW * 0.5,
    ));
    let on_map = |rng: &mut Rng| {
        egui::pos2(
            map.left() + rng.unit() * map.width(),
            map.top() + rng.unit() * map.height(),
        )
    };
    match rng.below(9) {
        0..=2 => {
            let roles = [
                Role::Button,
                Role::CheckBox,
                Role::RadioButton,
                Role::MenuItem,
                Role::ComboBox,
                Role::Tab,
                Role::Link,
                Role::TextInput,
                Role::Slider,
            ];
            let targets: Vec<(String, egui::Pos2)> = h
                .query_all_by(|n| roles.contains(&n.role()))
                .filter_map(|n| {
                    let label = n.accesskit_node().label().unwrap_or_default();
                    let hands_off = HANDS_OFF.contains(&label.as_str()) || label.starts_with('/');
                    let centre = n.rect().center();
                    let visible =
                        egui::Rect::from_min_size(egui::Pos2::ZERO, WINDOW).contains(centre);
                    (!hands_off && visible).then_some((label, centre))
                })
                .collect();
            if targets.is_empty() {
                return ("no widget".into(), 0);
            }
            let (label, pos) = rng.pick(&targets).clone();
            h.hover_at(pos);
            h.event(button(pos, egui::PointerButton::Primary, true));
            h.event(button(pos, egui::PointerButton::Primary, false));
            (format!("click {label:?} at {pos:?}"), 3)
        }
        3 => {
            let pos = on_map(rng);
            let which = *rng.pick(&[egui::PointerButton::Primary, egui::PointerButton::Secondary]);
            h.hover_at(pos);
            h.event(button(pos, which, true));
            h.event(button(pos, which, false));
            (format!("{which:?} click on the map at {pos:?}"), 3)
        }
        4 => {
            // Half the drags start on a site, which moves it (an edit); the rest pan.
            let app = h.state();
            let site = app.view.last_transform.and_then(|t| {
                let sites = app.doc.scenario().sites();
                let site = sites.get(rng.below(sites.len().max(1)))?;
                let (x, y) = t.to_px(app.projection().forward(site.position)?);
                Some(egui::pos2(x as f32, y as f32)).filter(|p| map.contains(*p))
            });
            let from = match site {
                Some(pos) if rng.below(2) == 0 => pos,
                _ => on_map(rng),
            };
            let to = on_map(rng);
            let steps = 1 + rng.below(5);
            h.hover_at(from);
            h.run_steps(1);
            h.event(button(from, egui::PointerButton::Primary, true));
            h.run_steps(1);
            for k in 1..=steps {
                h.hover_at(from + (to - from) * (k as f32 / steps as f32));
                h.run_steps(1);
            }
            h.event(button(to, egui::PointerButton::Primary, false));
            (
                format!("drag {from:?} to {to:?} in {steps}"),
                steps as u64 + 3,
            )
        }
        5 => {
            let pos = on_map(rng);
            let delta = egui::vec2(0.0, (rng.unit() - 0.5) * 400.0);
            h.hover_at(pos);
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::default(),
            });
            (format!("wheel {delta:?} at {pos:?}"), 2)
        }
        6 | 7 => {
            use egui::{Key, Modifiers as M};
            let keys = [
                (M::NONE, Key::ArrowLeft),
                (M::NONE, Key::ArrowRight),
                (M::NONE, Key::ArrowUp),
                (M::NONE, Key::ArrowDown),
                (M::NONE, Key::Plus),
                (M::NONE, Key::Minus),
                (M::NONE, Key::Escape),
                (M::NONE, Key::Enter),
                (M::NONE, Key::Tab),
                (M::NONE, Key::Delete),
                (M::NONE, Key::Backspace),
                (M::NONE, Key::Space),
                (M::NONE, Key::F1),
                (M::COMMAND, Key::Z),
                (M::COMMAND, Key::Y),
                (M::COMMAND | M::SHIFT, Key::Z),
                (M::COMMAND, Key::E),
                (M::COMMAND, Key::S),
                (M::COMMAND | M::SHIFT, Key::S),
                (M::COMMAND, Key::A),
            ];
            let (modifiers, key) = *rng.pick(&keys);
            h.key_press_modifiers(modifiers, key);
            (format!("key {modifiers:?} {key:?}"), 2)
        }
        _ => {
            let texts = [
                "1200", "-5", "0", "1e308", "40076", "abc", "", "ä漢字", "99999", "#ff00ff",
                "Seoul", " ", "3.5", "NaN",
            ];
            let text = *rng.pick(&texts);
            h.event(egui::Event::Text(text.into()));
            (format!("type {text:?}"), 1)
        }
    }
}

/// Presses Ctrl+Z (after Escape, so no text field holds the keys) until nothing is left to
/// undo; the undo history keeps 200 steps and a segment makes at most 100 edits.
fn undo_everything(h: &mut Harness<'_, RangeRingsApp>) -> usize {
    for undone in 0..250 {
        if !h.state().doc.can_undo() {
            return undone;
        }
        h.key_press(egui::Key::Escape);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run_steps(1);
    }
    panic!("undo never reached the start");
}

#[test]
fn a_random_soak_never_panics_keeps_the_document_valid_and_undoes_back_to_the_start() {
    let events_wanted = env_number("RANGE_RINGS_SOAK_EVENTS", 1_200);
    let seed = env_number("RANGE_RINGS_SOAK_SEED", 1);
    let dir = tempfile::tempdir().unwrap();
    let first = Scenario::builtin();
    let mut app = RangeRingsApp::new(first.clone(), None, Some(Settings::default()));
    app.native_dialogs = false;
    // As in the real app, a character no bundled font has is drawn as a box (the harness
    // would panic by default): the monkey types other scripts on purpose.
    let mut h = Harness::builder()
        .with_size(WINDOW)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RangeRingsApp| app.show(ui), app);
    h.run_steps(3);

    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut recent: VecDeque<String> = VecDeque::new();
    let mut undone = 0;
    let (mut events, mut steps) = (0u64, 0u64);
    let started = std::time::Instant::now();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut step = 0;
        let mut last_report = 0;
        while events < events_wanted {
            step += 1;
            confine_files(h.state_mut(), dir.path());
            let (did, sent) = act(&mut h, &mut rng);
            events += sent;
            recent.push_back(format!("{step}: {did}"));
            if recent.len() > 12 {
                recent.pop_front();
            }
            h.run_steps(1 + rng.below(2));
            confine_files(h.state_mut(), dir.path());

            let doc = h.state().doc.scenario();
            let again = Scenario::try_from(doc.file().clone());
            assert!(again.is_ok(), "step {step}: the document is not valid");
            let json = serde_json::to_vec(doc.file()).unwrap();
            assert!(Scenario::from_json(&json, "soak").is_ok());

            if events >= last_report + 10_000 {
                last_report = events;
                eprintln!(
                    "soak: {events} events in {step} steps, {undone} edits undone, {:.0} s",
                    started.elapsed().as_secs_f64()
                );
            }
            if step % 100 == 0 || events >= events_wanted {
                let undo = undo_everything(&mut h);
                undone += undo;
                // Escape and Ctrl+Z (down and up each) per step undone.
                events += 4 * undo as u64;
                assert!(
                    h.state().doc.scenario() == &first,
                    "step {step}: undoing everything did not give back the first scenario"
                );
            }
        }
        steps = step;
    }));
    if let Err(panic) = outcome {
        eprintln!(
            "soak failed with seed {seed}; last steps:\n{}",
            Vec::from(recent).join("\n")
        );
        std::panic::resume_unwind(panic);
    }
    println!(
        "soak: {events} events in {steps} steps, seed {seed}, {undone} edits undone, {:.1} s, {} files written",
        started.elapsed().as_secs_f64(),
        std::fs::read_dir(dir.path()).map_or(0, Iterator::count)
    );
    // The monkey did change the document, so undoing it was a real check.
    assert!(
        undone as u64 >= steps / 40,
        "only {undone} edits in {steps} steps"
    );
}
