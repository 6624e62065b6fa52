//! The app driven through egui_kittest, by role and label, with no display and no real file
//! dialog (`native_dialogs` is off, so every path is typed).

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use range_rings::app::{BottomTab, RangeRingsApp, Settings};
use range_rings::geodesy::LatLon;
use range_rings::scenario::{ProjectionKind, Scenario, SiteKind};

fn harness_with(mut app: RangeRingsApp) -> Harness<'static, RangeRingsApp> {
    // The tables in the frame, so tests can read them at once (the window computes them on a
    // worker; `the_window_fills_in_the_reach_table_from_a_worker` drives that).
    app.analyse_in_background(false);
    let mut harness = Harness::builder()
        .with_size(egui::Vec2::new(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut RangeRingsApp| app.show(ui), app);
    harness.run_steps(3);
    harness
}

/// The app on the built-in scenario with the reach table (not the matrix) in the bottom
/// panel, which most tests read.
fn harness() -> Harness<'static, RangeRingsApp> {
    let settings = Settings {
        bottom: BottomTab::ReachTable,
        ..Settings::default()
    };
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(settings));
    app.native_dialogs = false;
    harness_with(app)
}

/// Presses the primary button at `from`, moves to `to` in `steps` frames and releases.
fn drag(h: &mut Harness<'_, RangeRingsApp>, from: egui::Pos2, to: egui::Pos2, steps: usize) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Default::default(),
    };
    h.hover_at(from);
    h.run_steps(1);
    h.event(button(from, true));
    h.run_steps(1);
    for k in 1..=steps {
        h.hover_at(from + (to - from) * (k as f32 / steps as f32));
        h.run_steps(1);
    }
    h.event(button(to, false));
    h.run_steps(2);
}

/// Save As through Ctrl+Shift+S and the typed-path dialog.
fn save_as(h: &mut Harness<'_, RangeRingsApp>, path: &std::path::Path) {
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run_steps(2);
    replace_text(h, "", path.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run_steps(3);
}

fn pairs_label(h: &Harness<'_, RangeRingsApp>) -> String {
    h.get_by_label_contains("pairs in range")
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

/// Types into the text field holding `node_value`, replacing what it holds; an empty
/// `node_value` means the field that has the keyboard focus (a prompt takes it when it opens).
fn replace_text(h: &mut Harness<'_, RangeRingsApp>, node_value: &str, text: &str) {
    let wanted = node_value.to_owned();
    let is_it = |n: &egui_kittest::kittest::AccessKitNode<'_>| {
        n.role() == Role::TextInput
            && if wanted.is_empty() {
                n.is_focused()
            } else {
                n.value().unwrap_or_default() == wanted
            }
    };
    h.get_by(is_it).focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by(is_it).type_text(text);
    h.run_steps(2);
}

/// The "Range km" spin button of the open missile editor that shows `km`.
fn range_spin<'h>(h: &'h Harness<'_, RangeRingsApp>, km: &'h str) -> egui_kittest::Node<'h> {
    h.get_all_by(|n| {
        n.role() == Role::SpinButton
            && n.label().as_deref() == Some("Range km")
            && n.value().as_deref() == Some(km)
    })
    .next()
    .unwrap()
}

/// Waits for a background export to write `path`, and reads it.
fn wait_for(h: &mut Harness<'_, RangeRingsApp>, path: &std::path::Path) -> Vec<u8> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !path.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(1);
    }
    std::fs::read(path).expect("export written")
}

/// Opens a missile's editor by clicking its name in the side panel.
fn select_missile(h: &mut Harness<'_, RangeRingsApp>, id: &str) {
    let index = h
        .state()
        .doc
        .scenario()
        .missiles()
        .iter()
        .position(|m| m.id == id)
        .unwrap();
    h.state_mut().interaction.selected_missile = Some(index);
    h.run_steps(2);
}

#[test]
fn opens_on_the_builtin_scenario_and_draws_the_map() {
    let h = harness();
    let app = h.state();
    assert!(
        app.view.last_transform.is_some(),
        "the map was laid out and drawn"
    );
    assert_eq!(
        app.interaction.selected_site,
        Some(0),
        "Pyongyang, the first site with a visible ring"
    );
    for menu in ["File", "Edit", "View", "Help"] {
        h.get_by_label(menu);
    }
    assert!(
        pairs_label(&h).starts_with("118 of 276"),
        "{}",
        pairs_label(&h)
    );
}

#[test]
fn toggling_a_missile_changes_the_map_and_the_reach_table() {
    let mut h = harness();
    let before = pairs_label(&h);
    h.get_by_label("Show KN-25 (600 mm MRL)").click();
    h.run_steps(2);
    assert!(h.state().doc.scenario().missiles()[0].visible);
    assert!(h.state().doc.dirty);
    let after = pairs_label(&h);
    assert_ne!(before, after);
    assert!(
        after.ends_with("of 322 site-missile-target pairs in range (visible missiles)"),
        "{after}"
    );
}

#[test]
fn editing_a_range_updates_the_reach_table_and_undo_restores_it() {
    let mut h = harness();
    // Nodong (1,300 km) reaches Tokyo (1,287 km) but not Yokosuka (1,302 km) or Kadena
    // (1,440 km); at 1,600 km, the top of its band, it reaches both.
    let nodong = |h: &Harness<'_, RangeRingsApp>| {
        h.state()
            .doc
            .scenario()
            .missiles()
            .iter()
            .find(|m| m.id == "nodong")
            .unwrap()
            .range_km
    };
    let before = pairs_label(&h);
    select_missile(&mut h, "nodong");
    let spin = range_spin(&h, "1300");
    // As a screen reader would: AccessKit's SetValue on the "Range km" spin button.
    spin.set_value_accesskit(1600.0);
    h.run_steps(2);
    assert_eq!(nodong(&h), 1600.0);
    let after = pairs_label(&h);
    assert!(
        before.starts_with("118 of") && after.starts_with("120 of"),
        "{before} -> {after}"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(nodong(&h), 1300.0);
    assert_eq!(pairs_label(&h), before);
}

#[test]
fn adding_a_patrol_point_selects_it_and_draws_its_rings() {
    let mut h = harness();
    let sites = h.state().doc.scenario().sites().len();
    h.get_by_label("Add patrol point").click();
    h.run_steps(2);
    let scenario = h.state().doc.scenario().clone();
    assert_eq!(scenario.sites().len(), sites + 1);
    let new = scenario.sites().last().unwrap();
    assert_eq!(new.kind, SiteKind::Patrol);
    assert!(new.illustrative);
    assert_eq!(h.state().interaction.selected_site, Some(sites));
    // Every built-in SLBM names the near-home patrol points it flies from, so the new point
    // has no ring until a missile is given it.
    assert!(!scenario.ring_specs().iter().any(|s| s.site == sites));
    assert!(!new.hypothetical);
}

/// Regression: undoing back to the saved state left the unsaved mark (only redo cleared it).
#[test]
fn undo_back_to_the_saved_state_clears_the_unsaved_mark() {
    let mut h = harness();
    assert!(!h.state().doc.dirty);
    h.get_by_label("Show KN-25 (600 mm MRL)").click();
    h.run_steps(2);
    h.get_by_label("Show KN-24 (Hwasong-11B)").click();
    h.run_steps(2);
    assert!(h.state().doc.dirty);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(h.state().doc.dirty, "one edit is still undone");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(!h.state().doc.dirty, "back at the saved state");
    assert!(!h.state().doc.title().starts_with('*'));
    assert_eq!(
        h.state().doc.title(),
        "North Korean missile reach - range-rings"
    );
    assert!(h.query_by_label_contains("unsaved changes").is_none());
    // Redo makes it unsaved again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run_steps(2);
    assert!(h.state().doc.dirty);
}

#[test]
fn dragging_a_patrol_point_moves_it_and_its_rings_follow() {
    let mut h = harness();
    let index = h
        .state()
        .doc
        .scenario()
        .sites()
        .iter()
        .position(|s| s.id == "patrol-p2")
        .unwrap();
    let site = h.state().doc.scenario().sites()[index].clone();
    let projection = h.state().projection();
    let t = h.state().view.last_transform.unwrap();
    let (x, y) = t.to_px(projection.forward(site.position).unwrap());
    let from = egui::Pos2::new(x as f32, y as f32);
    let to = from + egui::Vec2::new(60.0, 30.0);
    drag(&mut h, from, to, 6);
    let moved = &h.state().doc.scenario().sites()[index];
    // East (across the antimeridian, perhaps) and south.
    let east = range_rings::geodesy::normalize_lon(moved.position.lon - site.position.lon);
    assert!(
        east > 1.0 && moved.position.lat < site.position.lat - 0.5,
        "{site:?} -> {moved:?}"
    );
    assert_eq!(h.state().interaction.selected_site, Some(index));
    // One undo step for the whole drag.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario().sites()[index], site);
}

#[test]
fn switching_projection_from_the_view_menu() {
    let mut h = harness();
    h.get_by_label("View").click();
    h.run_steps(3);
    h.get_by_label("Orthographic globe").click();
    h.run_steps(2);
    assert_eq!(h.state().settings.projection, ProjectionKind::Orthographic);
    assert!(h.state().projection().is_azimuthal());
    h.get_by_label("View").click();
    h.run_steps(3);
    h.get_by_label("Equal Earth").click();
    h.run_steps(2);
    assert_eq!(h.state().settings.projection, ProjectionKind::EqualEarth);
}

#[test]
fn exporting_from_the_window_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("from-app.png");
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    replace_text(&mut h, "briefing.png", out.to_str().unwrap());
    h.get_by_label("Slide").click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run_steps(2);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !out.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(1);
    }
    let bytes = std::fs::read(&out).expect("export written");
    let pix = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
    assert_eq!((pix.width(), pix.height()), (1920, 1080));
}

/// The export form offers PDF, and for SVG text as outlines.
#[test]
fn the_window_exports_pdf_and_svg_with_text_as_outlines() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    let base = dir.path().join("page.png");
    replace_text(&mut h, "briefing.png", base.to_str().unwrap());
    h.get_by_label("PDF").click();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run_steps(2);
    let pdf = wait_for(&mut h, &dir.path().join("page.pdf"));
    assert!(pdf.starts_with(b"%PDF-"));

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    h.get_by_label("SVG").click();
    h.run_steps(2);
    h.get_by_label_contains("As outlines").click();
    h.run_steps(1);
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run_steps(2);
    let svg = String::from_utf8(wait_for(&mut h, &dir.path().join("page.svg"))).unwrap();
    assert!(svg.contains("<path") && !svg.contains("<text"));
}

#[test]
fn a_bad_file_is_reported_and_the_work_is_kept() {
    let mut h = harness();
    h.get_by_label("Show KN-25 (600 mm MRL)").click();
    h.run_steps(2);
    let edited = h.state().doc.scenario().clone();
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Open path…").click();
    h.run_steps(2);
    let broken =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/broken/band-min.json");
    replace_text(&mut h, "", broken.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run_steps(3);
    // Unsaved edits: the app asks first; discard them to try the open.
    h.get_by_label("Discard changes").click();
    h.run_steps(3);
    h.get_by_label_contains("Could not open the scenario");
    h.get_by_label_contains("range_min_km");
    // The failed open left the previous document in place.
    assert_eq!(h.state().doc.scenario(), &edited);
}

#[test]
fn unsaved_changes_prompt_then_save_failure_keeps_the_edits() {
    let mut h = harness();
    h.get_by_label("Show KN-25 (600 mm MRL)").click();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(2);
    h.get_by_label("Unsaved changes");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().doc.dirty && h.state().doc.scenario().missiles().len() == 26);
    // Save As to a folder that does not exist: an error over the map, edits kept.
    save_as(&mut h, std::path::Path::new("/nonexistent-folder/x.json"));
    h.get_by_label_contains("Could not save /nonexistent-folder/x.json");
    assert!(h.state().doc.dirty);
    assert!(h.state().doc.scenario().missiles()[0].visible);
}

#[test]
fn saving_and_reopening_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.json");
    let mut h = harness();
    h.get_by_label("Show KN-25 (600 mm MRL)").click();
    h.run_steps(2);
    save_as(&mut h, &path);
    assert!(!h.state().doc.dirty);
    assert_eq!(h.state().settings.recent.first(), Some(&path));
    let reloaded = Scenario::load(&path).unwrap();
    assert_eq!(&reloaded, h.state().doc.scenario());
}

#[test]
fn opening_a_file_by_typed_path_loads_it_and_remembers_it() {
    let mut h = harness();
    h.get_by_label("File").click();
    h.run_steps(3);
    h.get_by_label("Open path…").click();
    h.run_steps(2);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/edge-cases.json");
    replace_text(&mut h, "", path.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Open").click();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(app.doc.scenario().missiles().len(), 3);
    assert!(!app.doc.dirty);
    assert_eq!(app.settings.recent.first(), Some(&path));
    assert!(
        h.query_all_by_label_contains("Polar ring").next().is_some(),
        "the side panel lists the file's missiles"
    );
}

#[test]
fn right_click_on_the_map_adds_a_target_there() {
    let mut h = harness();
    let targets = h.state().doc.scenario().targets().len();
    let projection = h.state().projection();
    let t = h.state().view.last_transform.unwrap();
    let (x, y) = t.to_px(projection.forward(LatLon::lat_lon(10.0, 170.0)).unwrap());
    let at = egui::Pos2::new(x as f32, y as f32);
    h.hover_at(at);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Default::default(),
        });
        h.run_steps(1);
    }
    h.run_steps(2);
    h.get_by_label("Add target here").click();
    h.run_steps(2);
    let scenario = h.state().doc.scenario();
    assert_eq!(scenario.targets().len(), targets + 1);
    let new = scenario.targets().last().unwrap();
    assert!(
        (new.position.lat - 10.0).abs() < 0.5 && (new.position.lon - 170.0).abs() < 0.5,
        "{new:?}"
    );
    // The new target is in the reach table at once.
    assert!(pairs_label(&h).contains("of 288"), "{}", pairs_label(&h));
}

#[test]
fn a_patrol_area_can_be_reshaped_removed_and_added_back() {
    let mut h = harness();
    h.get_by_label("◆ North of Midway").click();
    h.run_steps(2);
    let index = h
        .state()
        .doc
        .scenario()
        .sites()
        .iter()
        .position(|s| s.id == "patrol-p3")
        .unwrap();
    assert_eq!(h.state().interaction.selected_site, Some(index));
    let before = h.state().doc.scenario().file().sites[index]
        .area
        .clone()
        .unwrap();
    // Drag the first corner 40 px west.
    let projection = h.state().projection();
    let t = h.state().view.last_transform.unwrap();
    let [lon, lat] = before[0];
    let (x, y) = t.to_px(projection.forward(LatLon::lat_lon(lat, lon)).unwrap());
    let from = egui::Pos2::new(x as f32, y as f32);
    drag(&mut h, from, from + egui::Vec2::new(-40.0, 0.0), 5);
    let after = h.state().doc.scenario().file().sites[index]
        .area
        .clone()
        .unwrap();
    assert!(
        after[0][0] < before[0][0] - 1.0 || after[0][0] > 170.0 && before[0][0] < 0.0,
        "{before:?} -> {after:?}"
    );
    assert_eq!(after[1..], before[1..], "only the dragged corner moves");
    h.get_by_label("Remove patrol area").click();
    h.run_steps(2);
    assert!(h.state().doc.scenario().file().sites[index].area.is_none());
    h.get_by_label("Add patrol area").click();
    h.run_steps(2);
    assert_eq!(
        h.state().doc.scenario().file().sites[index]
            .area
            .as_ref()
            .map(Vec::len),
        Some(4)
    );
}

#[test]
fn work_survives_a_kill_through_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery.json");
    let settings = Settings {
        bottom: BottomTab::ReachTable,
        ..Settings::default()
    };
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(settings))
        .with_recovery(recovery.clone());
    app.native_dialogs = false;
    app.recovery.interval = std::time::Duration::ZERO;
    let mut h = harness_with(app);
    h.get_by_label("Show KN-25 (600 mm MRL)").click();
    h.run_steps(3);
    let edited = h.state().doc.scenario().clone();
    assert!(recovery.exists(), "unsaved edits were autosaved");
    // The process is killed: no save, no quit, the harness is simply dropped.
    drop(h);

    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(Settings::default()))
        .with_recovery(recovery.clone());
    app.native_dialogs = false;
    let mut h = harness_with(app);
    h.get_by_label("Restore unsaved work?");
    h.get_by_label("Restore").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.scenario(), &edited);
    assert!(h.state().doc.dirty, "restored work is still unsaved");

    // Once saved, nothing is left to recover.
    let saved = dir.path().join("saved.json");
    save_as(&mut h, &saved);
    assert!(saved.exists() && !recovery.exists());
}

#[test]
fn a_broken_recovery_file_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery.json");
    std::fs::write(
        &recovery,
        b"{\"range_rings_recovery\": 1, \"scenario\": {\"format\": 7}}",
    )
    .unwrap();
    let app = RangeRingsApp::new(Scenario::builtin(), None, Some(Settings::default()))
        .with_recovery(recovery.clone());
    assert!(app.dialogs.recovery.is_none());
    assert!(!recovery.exists() && dir.path().join("recovery.json.broken").exists());
}

#[test]
fn a_failed_export_is_reported_in_the_window() {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    replace_text(&mut h, "briefing.png", "/nonexistent-folder/briefing.png");
    h.get_by_role_and_label(Role::Button, "Export").click();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while h.query_by_label_contains("Export failed").is_none()
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.run_steps(1);
    }
    h.get_by_label_contains("cannot write /nonexistent-folder/briefing.png");
}

#[test]
fn dragging_the_globe_turns_it() {
    let mut h = harness();
    h.get_by_label("View").click();
    h.run_steps(3);
    h.get_by_label("Orthographic globe").click();
    h.run_steps(3);
    let before = h.state().settings.centre.unwrap();
    let rect = h.state().view.rect.unwrap();
    // Drag from a point of open map, well away from markers, 120 px to the left.
    let from = rect.center() + egui::Vec2::new(60.0, 150.0);
    drag(&mut h, from, from - egui::Vec2::new(120.0, 0.0), 6);
    let after = h.state().settings.centre.unwrap();
    assert!(
        after.1 > before.1 + 5.0,
        "dragging left brings the east into view: {before:?} -> {after:?}"
    );
    assert!(h.state().projection().is_azimuthal());
}

#[test]
fn the_first_window_shows_the_reach_matrix_and_a_click_shows_a_cell_on_the_map() {
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(Settings::default()));
    app.native_dialogs = false;
    let mut h = harness_with(app);
    assert_eq!(
        h.state().settings.bottom,
        BottomTab::Matrix,
        "the matrix by default"
    );
    // Hwasong-14 falls 484 km short of Washington from Mupyong-ni, its nearer site; the
    // Hwasong-12 reaches Guam from Sunan with 1,187 km to spare.
    h.get_by_label("○ -484 km");
    let zoom_before = h.state().view.zoom;
    h.get_by_label("● +1,187 km").click();
    h.run_steps(3);
    let scenario = h.state().doc.scenario();
    let picked = h.state().interaction.picked.expect("the cell is picked");
    assert_eq!(scenario.missiles()[picked.missile].id, "hwasong-12");
    assert_eq!(scenario.targets()[picked.target].id, "guam");
    assert_eq!(scenario.sites()[picked.site].id, "sunan");
    // The view fits the 4,600 km ring and the geodesic to Guam: zoomed in, centred near them.
    assert!(
        h.state().view.zoom > 1.5 * zoom_before,
        "{}",
        h.state().view.zoom
    );
    let projection = h.state().projection();
    let centre = projection.inverse(h.state().view.centre).unwrap();
    let pyongyang = LatLon::lat_lon(39.0392, 125.7625);
    assert!(
        range_rings::geodesy::distance_m(centre, pyongyang) < 3_000_000.0,
        "{centre:?}"
    );
    // The legend on the map lists the missiles and the symbols.
    h.get_by_label("Legend");
    h.get_by_label("Hwasong-12 · 4,600 km");
    h.get_by_label("Launch site");
    // Clicking again lets go.
    h.get_by_label("● +1,187 km").click();
    h.run_steps(2);
    assert!(h.state().interaction.picked.is_none());
}

#[test]
fn estimate_from_a_test_plots_both_trajectories_and_adds_a_missile() {
    let mut h = harness();
    h.get_by_label("Tools").click();
    h.run_steps(2);
    h.get_by_label("Estimate from a test…").click();
    h.run_steps(2);
    // The form opens on the Hwasong-14 test of 28 July 2017; the fit runs on its own thread.
    h.get_by_role_and_label(Role::Button, "Estimate").click();
    h.run_steps(1);
    assert!(h.state().dialogs.estimate.as_ref().unwrap().running());
    h.state_mut().dialogs.estimate.as_mut().unwrap().wait();
    h.run_steps(3);
    h.get_by_label_contains("Standard trajectory: 10,356 km");
    h.get_by_label_contains("Two-body reading");
    let before = h.state().doc.scenario().missiles().len();
    h.get_by_label("Add as a missile").click();
    h.run_steps(3);
    let scenario = h.state().doc.scenario().clone();
    assert_eq!(scenario.missiles().len(), before + 1);
    let added = scenario.missiles().last().unwrap();
    assert_eq!(added.range_km, 10_360.0);
    assert!(
        added.sources[0]
            .text
            .contains("apogee 3725 km, ground range 998 km")
    );
    assert_eq!(
        added.sources[0].basis,
        Some(range_rings::scenario::file::Basis::Estimated)
    );
    // It flies from the selected site, Pyongyang, and counts in the reach table.
    assert_eq!(added.launch_sites, vec![0]);
    assert!(h.state().doc.dirty);
    // Undo takes it away again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario().missiles().len(), before);
}

#[test]
fn plots_show_coverage_against_range_and_flight_time_against_distance() {
    let mut h = harness();
    h.get_by_label("Tools").click();
    h.run_steps(2);
    h.get_by_label("Coverage against range…").click();
    h.run_steps(2);
    h.get_by_label("Plots");
    h.get_by_label_contains("From Pyongyang");
    h.get_by_label_contains("Solid: nominal range; dashed: the band of estimates");
    h.get_by_label("Flight time against distance").click();
    h.run_steps(2);
    h.get_by_label_contains("Points: the targets within each missile's reach");
    // Another site: the plots follow the selection.
    let mupyong = h
        .state()
        .doc
        .scenario()
        .sites()
        .iter()
        .position(|s| s.id == "mupyong-ni")
        .unwrap();
    h.state_mut().interaction.selected_site = Some(mupyong);
    h.run_steps(2);
    h.get_by_label_contains("From Mupyong-ni (Jagang)");
}

#[test]
fn a_range_beyond_its_band_widens_the_band_instead_of_being_refused() {
    let mut h = harness();
    let nodong = |h: &Harness<'_, RangeRingsApp>| {
        h.state()
            .doc
            .scenario()
            .missiles()
            .iter()
            .find(|m| m.id == "nodong")
            .unwrap()
            .clone()
    };
    assert_eq!(nodong(&h).band.unwrap().max_km, 1_600.0);
    select_missile(&mut h, "nodong");
    let spin = range_spin(&h, "1300");
    spin.set_value_accesskit(2_000.0);
    h.run_steps(2);
    let widened = nodong(&h);
    assert_eq!(widened.range_km, 2_000.0);
    assert_eq!(widened.band.unwrap().max_km, 2_000.0);
    // The band's top is now the nominal range itself, the user's figure.
    assert_eq!(widened.band.unwrap().min_km, 1_000.0);
    assert!(h.state().dialogs.notices.0.is_empty(), "no refusal");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    let back = nodong(&h);
    assert_eq!(
        (back.range_km, back.band.unwrap().max_km),
        (1_300.0, 1_600.0)
    );
}

/// Building a scenario in the window.
mod authoring;

/// The window computes a document's first reach table and its coverage on a worker (the
/// order of frames and results is tested in `app::caches`); the rows arrive without input.
#[test]
fn the_window_fills_in_the_reach_table_from_a_worker() {
    let settings = Settings {
        bottom: BottomTab::ReachTable,
        ..Settings::default()
    };
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(settings));
    app.native_dialogs = false;
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut RangeRingsApp| app.show(ui), app);
    let started = std::time::Instant::now();
    while !h.state().analysis_done() && started.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    h.run_steps(2);
    assert!(h.state().analysis_done(), "the tables never arrived");
    assert!(h.query_by_label_contains("Computing the reach").is_none());
    let summary = pairs_label(&h);
    assert!(summary.contains("of 276 site-missile-target"), "{summary}");
}

/// Every shape of a frame, out of the lists egui nests them in.
fn painted_shapes(output: &egui::FullOutput) -> Vec<egui::Shape> {
    fn flatten(shape: &egui::Shape, out: &mut Vec<egui::Shape>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(s, out)),
            other => out.push(other.clone()),
        }
    }
    let mut out = Vec::new();
    for clipped in &output.shapes {
        flatten(&clipped.shape, &mut out);
    }
    out
}

/// The panels paint no fill (a software GL renderer spent a third of its pixels on them): the
/// window is cleared to their colour, in both themes (from the first frame, which eframe
/// clears before the app has set its theme), and scroll areas in them still fade their edges
/// into that colour. Run in a bare egui context, as eframe runs the app (the harness paints a
/// frame of its own round it, whose fill would hide a missing one).
#[test]
fn the_panels_are_the_window_cleared_to_their_colour() {
    for dark in [false, true] {
        let settings = Settings {
            dark,
            ..Settings::default()
        };
        let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(settings));
        app.native_dialogs = false;
        app.analyse_in_background(false);
        let ctx = egui::Context::default();
        // egui's own theme, before the app's first frame, is the other one.
        ctx.set_visuals(if dark {
            egui::Visuals::light()
        } else {
            egui::Visuals::dark()
        });
        let before = eframe::App::clear_color(&app, &ctx.global_style().visuals);
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
        let mut output = None;
        for _ in 0..3 {
            let input = egui::RawInput {
                screen_rect: Some(screen),
                ..Default::default()
            };
            let mut frame = ctx.run_ui(input, |ui| app.show(ui));
            frame.textures_delta.clear();
            output = Some(frame);
        }
        let panel_fill = ctx.global_style().visuals.panel_fill;
        assert_eq!(before, panel_fill.to_normalized_gamma_f32(), "dark {dark}");
        let shapes = painted_shapes(&output.expect("three frames"));
        // A panel reaches the window's left or right edge (the legend, in the panels'
        // colour too, floats on the map).
        let filled: Vec<egui::Rect> = shapes
            .iter()
            .filter_map(|shape| match shape {
                egui::Shape::Rect(r) if r.fill == panel_fill && r.rect.area() > 20_000.0 => {
                    Some(r.rect)
                        .filter(|rect| rect.left() <= 1.0 || rect.right() >= screen.right() - 1.0)
                }
                _ => None,
            })
            .collect();
        assert!(
            filled.is_empty(),
            "dark {dark}: panel fills painted: {filled:?}"
        );
        // The side panel's list runs past its bottom: its fade is in the panels' colour.
        let in_panel_colour = |c: egui::Color32| {
            let [r, g, b, a] = c.to_array();
            let scaled = |p: u8| (u32::from(p) * u32::from(a)).div_ceil(255) as i32;
            let [pr, pg, pb, _] = panel_fill.to_array();
            (1..255).contains(&a)
                && [(r, pr), (g, pg), (b, pb)]
                    .iter()
                    .all(|&(c, p)| (i32::from(c) - scaled(p)).abs() <= 2)
        };
        let fades = shapes
            .iter()
            .filter(|shape| match shape {
                egui::Shape::Mesh(mesh) => mesh.vertices.iter().any(|v| in_panel_colour(v.color)),
                _ => false,
            })
            .count();
        assert!(
            fades > 0,
            "dark {dark}: no scroll area fades into the panels' colour"
        );
    }
}

/// A window whose map's image with its margin would be wider than the largest texture (2048
/// pixels in the harness, as in some browsers; a 1920x1080 window's image is 2601 wide) runs
/// without a panic (egui's check, in debug builds) and shows an image with a narrower margin.
#[test]
fn a_wide_window_keeps_its_map_image_within_the_largest_texture() {
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(Settings::default()));
    app.native_dialogs = false;
    app.analyse_in_background(false);
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1920.0, 1080.0))
        .build_ui_state(|ui, app: &mut RangeRingsApp| app.show(ui), app);
    let max_side = h.ctx.input(|i| i.max_texture_side) as f32;
    let mut widest = 0.0_f32;
    let started = std::time::Instant::now();
    // The image is rendered at a lower priority, beside other tests on few cores.
    while widest <= 1600.0 && started.elapsed().as_secs() < 60 {
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(20));
        for shape in painted_shapes(h.output()) {
            if let egui::Shape::Mesh(mesh) = shape
                && mesh.texture_id != egui::TextureId::default()
            {
                let mut bounds = egui::Rect::NOTHING;
                mesh.vertices.iter().for_each(|v| bounds.extend_with(v.pos));
                widest = widest.max(bounds.width());
            }
        }
    }
    assert!(
        widest > 1600.0,
        "no map image with a margin: {widest} points wide"
    );
    assert!(widest <= max_side, "{widest} points wide, over {max_side}");
}
