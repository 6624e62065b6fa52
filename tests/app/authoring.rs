//! Building a scenario in the window: from File > New to a briefing, missiles and targets
//! edited, places found, areas drawn and imported, the ruler, the reach table's filters and
//! sorting, and the prompts before a file is replaced.

use super::{
    harness, harness_with, pairs_label, range_spin, replace_text, save_as, select_missile, wait_for,
};
use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use range_rings::analysis::{Verdict, reach_table};
use range_rings::app::{MapTool, RangeRingsApp, Settings};
use range_rings::geodesy::{LatLon, distance_m};
use range_rings::scenario::Scenario;

/// The pixel position of `p` on the map as last drawn.
fn pixel_of(h: &Harness<'_, RangeRingsApp>, p: LatLon) -> egui::Pos2 {
    let projection = h.state().projection();
    let t = h.state().view.last_transform.unwrap();
    let (x, y) = t.to_px(projection.forward(p).unwrap());
    egui::Pos2::new(x as f32, y as f32)
}

/// A primary click at `at` on the map.
fn click_at(h: &mut Harness<'_, RangeRingsApp>, at: egui::Pos2) {
    let button = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Default::default(),
    };
    h.hover_at(at);
    h.run_steps(1);
    h.event(button(true));
    h.run_steps(1);
    h.event(button(false));
    h.run_steps(2);
}

/// Finds `query` with the place search and, on the first place listed, presses the button
/// whose name ends with `action` ("Go to", "as a target", "as a launch site").
fn find_place(h: &mut Harness<'_, RangeRingsApp>, query: &str, action: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    replace_text(h, "", query);
    h.get_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l.contains(action)))
        .next()
        .expect("a place found")
        .click();
    h.run_steps(3);
}

fn empty_app() -> Harness<'static, RangeRingsApp> {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(3);
    assert!(h.state().doc.scenario().missiles().is_empty());
    h
}

#[test]
fn a_scenario_built_from_new_becomes_a_briefing_with_two_missiles() {
    let mut h = empty_app();
    find_place(&mut h, "Pyongyang", "as a launch site");
    find_place(&mut h, "Tokyo", "as a target");
    find_place(&mut h, "Manila", "as a target");
    let s = h.state().doc.scenario();
    assert_eq!(s.sites()[0].name, "Pyongyang");
    assert_eq!(s.targets().len(), 2);

    // A missile added flies from every launch site; its editor opens.
    h.get_by_label("Add missile").click_accesskit();
    h.run_steps(2);
    replace_text(&mut h, "New missile", "Medium");
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    let spin = h
        .get_all_by(|n| n.role() == Role::SpinButton && n.label().as_deref() == Some("Range km"))
        .next()
        .unwrap();
    spin.set_value_accesskit(1_500.0);
    h.run_steps(2);
    h.get_by_label("Add missile").click_accesskit();
    h.run_steps(2);
    replace_text(&mut h, "New missile", "Long");
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    let spin = range_spin(&h, "1000");
    spin.set_value_accesskit(3_500.0);
    h.run_steps(2);

    let s = h.state().doc.scenario().clone();
    let names: Vec<&str> = s.missiles().iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Medium", "Long"]);
    assert_eq!(s.ring_specs().len(), 2, "both fly from Pyongyang");
    // Tokyo is about 1,290 km from Pyongyang and Manila about 2,900 km.
    let verdict = |missile: usize, target: &str| {
        reach_table(&s)
            .into_iter()
            .find(|r| r.missile == missile && s.targets()[r.target].name == target)
            .unwrap()
            .verdict()
    };
    assert_eq!(verdict(0, "Tokyo"), Verdict::InRange);
    assert_eq!(verdict(0, "Manila"), Verdict::OutOfRange);
    assert_eq!(verdict(1, "Manila"), Verdict::InRange);

    // And it exports: the briefing names both missiles and both targets.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("built.svg");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    replace_text(&mut h, "briefing.png", out.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run_steps(2);
    let svg = String::from_utf8(wait_for(&mut h, &out)).unwrap();
    for name in ["Medium", "Long", "Tokyo", "Manila", "Pyongyang"] {
        assert!(svg.contains(name), "{name} missing from the briefing");
    }
}

#[test]
fn missiles_are_duplicated_soloed_shown_by_class_and_removed() {
    let mut h = harness();
    let count = h.state().doc.scenario().missiles().len();
    select_missile(&mut h, "nodong");
    h.get_by_label("Duplicate").click_accesskit();
    h.run_steps(2);
    let s = h.state().doc.scenario().clone();
    assert_eq!(s.missiles().len(), count + 1);
    let copy = h.state().interaction.selected_missile.unwrap();
    assert_eq!(s.missiles()[copy].name, "Nodong (Hwasong-7) (copy)");
    assert_eq!(s.missiles()[copy].range_km, 1_300.0);
    assert_ne!(s.missiles()[copy].id, "nodong");

    h.get_by_label("Solo").click_accesskit();
    h.run_steps(2);
    let visible: Vec<usize> = (0..count + 1)
        .filter(|&i| h.state().doc.scenario().missiles()[i].visible)
        .collect();
    assert_eq!(visible, [copy]);

    // "ICBM" shows every ICBM; pressed again, it hides them all.
    h.get_by_role_and_label(Role::Button, "ICBM")
        .click_accesskit();
    h.run_steps(2);
    let icbms = |h: &Harness<'_, RangeRingsApp>| {
        let s = h.state().doc.scenario();
        s.missiles()
            .iter()
            .filter(|m| m.class.as_deref() == Some("ICBM"))
            .map(|m| m.visible)
            .collect::<Vec<_>>()
    };
    assert!(icbms(&h).len() >= 3 && icbms(&h).iter().all(|v| *v));
    h.get_by_role_and_label(Role::Button, "ICBM")
        .click_accesskit();
    h.run_steps(2);
    assert!(icbms(&h).iter().all(|v| !*v));

    h.get_by_label("Remove missile").click_accesskit();
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario().missiles().len(), count);
    assert_eq!(h.state().interaction.selected_missile, None);
    // Undo walks back through remove, hide, show, solo and duplicate.
    for _ in 0..5 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run_steps(1);
    }
    assert_eq!(h.state().doc.scenario(), &Scenario::builtin());
}

#[test]
fn a_missile_flies_from_the_sites_ticked_by_name() {
    let mut h = harness();
    select_missile(&mut h, "nodong");
    let nodong = h.state().interaction.selected_missile.unwrap();
    let from = |h: &Harness<'_, RangeRingsApp>| {
        let s = h.state().doc.scenario();
        s.missiles()[nodong]
            .launch_sites
            .iter()
            .map(|&i| s.sites()[i].name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(from(&h), ["Pyongyang"]);
    h.get_by_role_and_label(Role::CheckBox, "Kusong")
        .click_accesskit();
    h.run_steps(2);
    assert_eq!(from(&h), ["Pyongyang", "Kusong"]);
    h.get_by_role_and_label(Role::CheckBox, "Every launch site")
        .click_accesskit();
    h.run_steps(2);
    let launch_sites = h
        .state()
        .doc
        .scenario()
        .sites()
        .iter()
        .filter(|s| s.kind == range_rings::scenario::SiteKind::Launch)
        .count();
    assert_eq!(from(&h).len(), launch_sites);
}

#[test]
fn a_site_without_missiles_says_why_and_offers_a_way() {
    let mut h = harness();
    let at = LatLon::lat_lon(40.0, 127.5);
    h.state_mut()
        .doc
        .edit(|f| {
            range_rings::app::Edit::AddSite {
                kind: range_rings::scenario::SiteKind::Launch,
                at,
                name: Some("Test range".into()),
            }
            .apply(f)
        })
        .unwrap();
    let site = h.state().doc.scenario().sites().len() - 1;
    h.state_mut().interaction.selected_site = Some(site);
    h.run_steps(2);
    h.get_by_label_contains("No missile flies from here");
    h.get_by_label_contains("from here too").click_accesskit();
    h.run_steps(2);
    let s = h.state().doc.scenario();
    let land = s
        .missiles()
        .iter()
        .filter(|m| m.platform == range_rings::scenario::Platform::Land)
        .count();
    let flying = s
        .missiles()
        .iter()
        .filter(|m| m.launch_sites.contains(&site))
        .count();
    assert_eq!(flying, land);
}

#[test]
fn a_target_is_renamed_made_key_and_dragged() {
    let mut h = harness();
    let at = LatLon::lat_lon(27.533, 114.117);
    // Added on the map (as the context menu does): named after the nearest town.
    h.state_mut()
        .doc
        .edit(|f| range_rings::app::Edit::AddTarget { at, name: None }.apply(f))
        .unwrap();
    let t = h.state().doc.scenario().targets().len() - 1;
    let named = h.state().doc.scenario().targets()[t].name.clone();
    assert!(!named.starts_with("Target "), "{named}");
    h.get_by_label("Targets").click_accesskit();
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, &named)
        .click_accesskit();
    h.run_steps(3);
    assert_eq!(h.state().interaction.selected_target, Some(t));
    // Clicking its name centred the map on it.
    let centre = h.state().view_centre_lat_lon();
    assert!(distance_m(centre, at) < 50_000.0, "{centre:?}");
    replace_text(&mut h, &named, "Depot 7");
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario().targets()[t].name, "Depot 7");
    let key_before = h.state().doc.scenario().key_targets().len();
    h.get_all_by_label("☆").last().unwrap().click_accesskit();
    h.run_steps(2);
    assert!(h.state().doc.scenario().targets()[t].key);
    assert_eq!(h.state().doc.scenario().key_targets().len(), key_before + 1);

    // Dragged on the map: east and south, one undo step.
    let before = h.state().doc.scenario().targets()[t].position;
    let from = pixel_of(&h, before);
    super::drag(&mut h, from, from + egui::vec2(40.0, 25.0), 5);
    let after = h.state().doc.scenario().targets()[t].position;
    assert!(
        after.lon > before.lon + 0.3 && after.lat < before.lat - 0.3,
        "{after:?}"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario().targets()[t].position, before);
}

#[test]
fn place_search_goes_there_whatever_the_accents() {
    let mut h = harness();
    find_place(&mut h, "sao paulo", "Go to");
    let view = &h.state().view;
    assert!(view.zoom >= 4.0);
    let centre = h.state().view_centre_lat_lon();
    let sao_paulo = LatLon::lat_lon(-23.55, -46.63);
    assert!(distance_m(centre, sao_paulo) < 20_000.0, "{centre:?}");
    h.get_by_label("São Paulo, Brazil");
    h.get_by_label_contains("GeoNames");
}

#[test]
fn the_ruler_measures_geodesic_distance_and_bearing() {
    let mut h = harness();
    h.get_by_label("Tools").click();
    h.run_steps(2);
    h.get_by_label("Ruler (distance and bearing)").click();
    h.run_steps(2);
    assert_eq!(h.state().interaction.tool, MapTool::Ruler);
    let (seoul, tokyo) = (
        LatLon::lat_lon(37.5665, 126.978),
        LatLon::lat_lon(35.6762, 139.6503),
    );
    let (a, b) = (pixel_of(&h, seoul), pixel_of(&h, tokyo));
    click_at(&mut h, a);
    click_at(&mut h, b);
    let ruler = h.state().interaction.ruler.clone();
    assert_eq!(ruler.len(), 2);
    // The points are where the pixels are: within a pixel's worth of the cities.
    let km = distance_m(ruler[0], ruler[1]) / 1000.0;
    assert!((km - 1_159.0).abs() < 25.0, "{km} km");
    let reading = h
        .get_by_label_contains(" · bearing ")
        .accesskit_node()
        .value();
    assert!(reading.unwrap_or_default().contains("km"));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().interaction.tool, MapTool::Browse);
    assert!(h.state().interaction.ruler.is_empty());
}

#[test]
fn a_target_area_drawn_on_the_map_gets_its_coverage() {
    let mut h = harness();
    let areas = h.state().doc.scenario().target_areas().len();
    // Esc drops an area half drawn.
    h.get_by_label("Draw on the map").click_accesskit();
    h.run_steps(2);
    let p = pixel_of(&h, LatLon::lat_lon(34.0, 135.0));
    click_at(&mut h, p);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().interaction.tool, MapTool::Browse);
    assert!(h.state().interaction.area_draft.is_empty());
    h.get_by_label("Draw on the map").click_accesskit();
    h.run_steps(2);
    for (lat, lon) in [(34.0, 135.0), (34.0, 140.0), (38.0, 140.0), (38.0, 135.0)] {
        let p = pixel_of(&h, LatLon::lat_lon(lat, lon));
        click_at(&mut h, p);
    }
    assert_eq!(h.state().interaction.area_draft.len(), 4);
    h.key_press(egui::Key::Backspace);
    h.run_steps(1);
    assert_eq!(h.state().interaction.area_draft.len(), 3);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let s = h.state().doc.scenario();
    assert_eq!(s.target_areas().len(), areas + 1);
    assert_eq!(s.target_areas()[areas].name, format!("Area {}", areas + 1));
    assert_eq!(h.state().interaction.tool, MapTool::Browse);
    // Renamed in the panel.
    replace_text(&mut h, &format!("Area {}", areas + 1), "Kansai");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.scenario().target_areas()[areas].name,
        "Kansai"
    );
    h.get_by_label_contains("Kansai");
}

#[test]
fn target_areas_are_imported_from_geojson() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zones.geojson");
    std::fs::write(
        &path,
        r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"Hokkaido box"},"geometry":{"type":"Polygon",
           "coordinates":[[[140,42],[145,42],[145,45],[140,45],[140,42]]]}},
          {"type":"Feature","properties":{"name":"Road"},"geometry":{"type":"LineString",
           "coordinates":[[0,0],[1,1]]}}]}"#,
    )
    .unwrap();
    let mut h = harness();
    h.get_by_label("Import GeoJSON…").click_accesskit();
    h.run_steps(3);
    replace_text(&mut h, "", path.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run_steps(3);
    let s = h.state().doc.scenario();
    let imported = s.target_areas().last().unwrap();
    assert_eq!(imported.name, "Hokkaido box");
    h.get_by_label_contains("Skipped features[1]: a LineString, not a polygon");
}

#[test]
fn the_reach_table_filters_by_text_and_verdict_and_sorts_every_column() {
    let mut h = harness();
    let all = pairs_label(&h);
    let filter =
        h.get_by(|n| n.role() == Role::TextInput && n.label().as_deref() == Some("Filter"));
    filter.focus();
    h.run_steps(1);
    h.get_by(|n| n.role() == Role::TextInput && n.label().as_deref() == Some("Filter"))
        .type_text("tokyo");
    h.run_steps(2);
    let label = pairs_label(&h);
    assert!(label.contains("filtered from"), "{label} (was {all})");
    let tokyo_rows: usize = label
        .split(" of ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let s = h.state().doc.scenario().clone();
    let visible_specs = s.visible_ring_specs().count();
    assert_eq!(tokyo_rows, visible_specs, "one Tokyo row per visible ring");
    h.get_by_role_and_label(Role::Button, "in range").click();
    h.run_steps(2);
    let label = pairs_label(&h);
    let (reached, shown) = label.split_once(" of ").unwrap();
    assert_eq!(reached, shown.split(' ').next().unwrap(), "{label}");
    // Every header sorts (a second click reverses).
    for column in [
        "Site",
        "Missile",
        "Target",
        "Distance",
        "Bearing",
        "Range",
        "Margin",
        "Flight (min)",
        "Rotating",
        "Verdict",
    ] {
        h.get_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l.trim_end_matches([' ', '▲', '▼']) == column)
        })
        .click();
        h.run_steps(1);
        let sort = h.state().interaction.reach_sort;
        assert!(sort.ascending, "{column}");
    }
}

#[test]
fn sorting_by_flight_time_puts_rows_without_one_last() {
    let s = Scenario::builtin();
    let mut rows = reach_table(&s);
    for ascending in [true, false] {
        range_rings::app::sort_reach_rows(
            &mut rows,
            &s,
            range_rings::app::ReachSort {
                column: range_rings::app::ReachColumn::Flight,
                ascending,
            },
        );
        let first_none = rows
            .iter()
            .position(|r| r.flight_time_min.is_none())
            .unwrap();
        assert!(
            rows[first_none..]
                .iter()
                .all(|r| r.flight_time_min.is_none())
        );
        let times: Vec<f64> = rows[..first_none]
            .iter()
            .map(|r| r.flight_time_min.unwrap())
            .collect();
        assert!(times.windows(2).all(|w| if ascending {
            w[0] <= w[1]
        } else {
            w[0] >= w[1]
        }));
    }
}

#[test]
fn save_as_and_export_ask_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("mine.json");
    std::fs::write(&existing, "keep me").unwrap();
    let mut h = harness();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run_steps(2);
    replace_text(&mut h, "", existing.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run_steps(2);
    h.get_by_label_contains("exists. Replace it?");
    h.get_by_label("Keep it").click();
    h.run_steps(2);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run_steps(2);
    h.get_by_label("Replace").click();
    h.run_steps(3);
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .contains("range-rings/1")
    );
    // The notice gives the whole path, with a way to the folder.
    h.get_by_label_contains(&format!("Saved {}", existing.display()));
    h.get_by_label("Open folder");

    let png = dir.path().join("b.png");
    std::fs::write(&png, "not yet an image").unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run_steps(2);
    replace_text(&mut h, "briefing.png", png.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run_steps(2);
    h.get_by_label_contains("exists. Replace it?");
    assert_eq!(std::fs::read_to_string(&png).unwrap(), "not yet an image");
}

#[test]
fn arrow_keys_pan_and_plus_minus_zoom_when_no_field_has_the_keyboard() {
    let mut h = harness();
    let start = h.state().view.clone();
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    assert!(h.state().view.centre.x > start.centre.x);
    h.key_press(egui::Key::Plus);
    h.run_steps(2);
    assert!(h.state().view.zoom > start.zoom);
    h.key_press(egui::Key::Minus);
    h.key_press(egui::Key::Minus);
    h.run_steps(2);
    assert!(h.state().view.zoom < start.zoom * 1.01);
    // Typing in a field does not move the map.
    let zoom = h.state().view.zoom;
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    replace_text(&mut h, "", "+-");
    assert_eq!(h.state().view.zoom, zoom);
}

#[test]
fn a_quick_ring_here_adds_its_centre_and_its_ring() {
    let mut h = harness();
    let (sites, missiles) = (
        h.state().doc.scenario().sites().len(),
        h.state().doc.scenario().missiles().len(),
    );
    let at = LatLon::lat_lon(39.15, 127.44);
    h.state_mut()
        .doc
        .edit(|f| range_rings::app::Edit::RingHere { at, km: 1_000.0 }.apply(f))
        .unwrap();
    h.run_steps(2);
    let s = h.state().doc.scenario();
    assert_eq!(s.sites().len(), sites + 1);
    let ring = &s.missiles()[missiles];
    assert_eq!(ring.range_km, 1_000.0);
    assert_eq!(ring.launch_sites, [sites]);
    assert!(ring.name.starts_with("1,000 km from "), "{}", ring.name);
}

#[test]
fn opening_a_file_with_three_typos_lists_all_three() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typos.json");
    let text = Scenario::builtin().file().clone();
    let mut json = serde_json::to_value(&text).unwrap();
    json["titel"] = "x".into();
    json["missiles"][0]["rnage_km"] = 5.into();
    json["targets"][1]["lattitude"] = 5.into();
    std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(Settings::default()));
    app.native_dialogs = false;
    app.dialogs.refused = match Scenario::load(&path) {
        Err(e) => Some((path.clone(), e.to_string())),
        Ok(_) => panic!("typos accepted"),
    };
    let h = harness_with(app);
    h.get_by_label_contains("Could not open the scenario");
    h.get_by_label_contains("did you mean `title`");
    h.get_by_label_contains("did you mean `range_km`");
    h.get_by_label_contains("lattitude");
    assert_eq!(h.state().doc.scenario(), &Scenario::builtin());
}

#[test]
fn the_briefing_image_is_copied_to_the_clipboard() {
    let mut h = harness();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::C,
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let copied = loop {
        h.run_steps(1);
        let image = h
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                egui::OutputCommand::CopyImage(image) => Some(image.clone()),
                _ => None,
            });
        if let Some(image) = image {
            break image;
        }
        assert!(std::time::Instant::now() < deadline, "no image copied");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    // A slide-sized briefing: not blank, the page's white and the map's colours.
    assert_eq!(copied.size, [1920, 1080]);
    let colours: std::collections::HashSet<[u8; 4]> = copied
        .pixels
        .iter()
        .step_by(97)
        .map(|c| c.to_array())
        .collect();
    assert!(colours.len() > 50, "{} colours", colours.len());
    h.run_steps(1);
    h.get_by_label_contains("Copied the briefing image (1920x1080)");
}

#[test]
fn a_colour_is_typed_as_hex_and_a_band_edge_stops_at_the_range() {
    let mut h = harness();
    select_missile(&mut h, "nodong");
    let nodong = h.state().interaction.selected_missile.unwrap();
    let old = h.state().doc.scenario().missiles()[nodong].color.to_hex();
    replace_text(&mut h, &old, "#123456");
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.scenario().missiles()[nodong].color.to_hex(),
        "#123456"
    );
    // Not a colour: refused with the way to write one.
    replace_text(&mut h, "#123456", "teal");
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    h.get_by_label_contains("is not a colour: type #rrggbb");
    // The lowest estimate cannot pass the range (1,300 km): it stops there.
    h.get_by_label("Lowest estimate km")
        .set_value_accesskit(5_000.0);
    h.run_steps(2);
    let m = &h.state().doc.scenario().missiles()[nodong];
    assert_eq!((m.range_km, m.band.unwrap().min_km), (1_300.0, 1_300.0));
}

#[test]
fn a_reach_row_clicked_is_shown_on_the_map_and_the_table_saves_as_csv() {
    let mut h = harness();
    let zoom = h.state().view.zoom;
    let row = h.get_all_by_label("Seoul").next().unwrap().rect().center();
    super::drag(&mut h, row, row, 0);
    let picked = h.state().interaction.picked.expect("the row is picked");
    assert_eq!(
        h.state().doc.scenario().targets()[picked.target].name,
        "Seoul"
    );
    assert!(
        h.state().view.zoom > zoom,
        "the view fits the ring and the path"
    );

    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("reach.csv");
    h.get_by_label("Save as CSV…").click();
    h.run_steps(3);
    replace_text(&mut h, "", csv.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run_steps(2);
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows = h.state().doc.scenario().visible_ring_specs().count()
        * h.state().doc.scenario().targets().len();
    assert_eq!(
        text.lines().count(),
        rows + 1,
        "a header and every visible row"
    );
    assert!(text.lines().next().unwrap().contains("distance_km"));
}

#[test]
fn information_fades_and_errors_stay_until_dismissed() {
    let mut notices = range_rings::app::Notices::default();
    notices.push("Saved", range_rings::app::NoticeKind::Info);
    notices.push("Could not save", range_rings::app::NoticeKind::Error);
    let wait = notices.next_expiry().unwrap();
    assert!(wait <= std::time::Duration::from_secs(6) && wait > std::time::Duration::from_secs(5));
    notices.0[0].at -= std::time::Duration::from_secs(7);
    notices.expire();
    let left: Vec<&str> = notices.0.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(left, ["Could not save"]);
    // Errors have no expiry; a flood of information keeps at most four notices.
    assert_eq!(notices.next_expiry(), None);
    for k in 0..10 {
        notices.push(format!("info {k}"), range_rings::app::NoticeKind::Info);
    }
    assert_eq!(notices.0.len(), 4);
    assert_eq!(notices.0[0].text, "Could not save");

    let mut h = harness();
    h.state_mut()
        .notify("Could not save /x", range_rings::app::NoticeKind::Error);
    h.run_steps(2);
    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(h.state().dialogs.notices.0.is_empty());
}

#[test]
fn the_view_fits_the_visible_rings_and_a_site_clicked_in_the_list() {
    let mut h = harness();
    select_missile(&mut h, "kn-25");
    h.get_by_label("Solo").click_accesskit();
    h.run_steps(2);
    // Only the 380 km rings: Ctrl+0 zooms in to them.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run_steps(3);
    assert!(h.state().view.zoom > 10.0, "zoom {}", h.state().view.zoom);
    let centre = h.state().view_centre_lat_lon();
    let pyongyang = h.state().doc.scenario().sites()[0].position;
    assert!(distance_m(centre, pyongyang) < 400_000.0, "{centre:?}");
    // A site clicked in the list is selected and shown.
    h.get_by_label("▲ Kusong").click_accesskit();
    h.run_steps(3);
    let kusong = h
        .state()
        .doc
        .scenario()
        .sites()
        .iter()
        .position(|s| s.name == "Kusong")
        .unwrap();
    assert_eq!(h.state().interaction.selected_site, Some(kusong));
    let site = h.state().doc.scenario().sites()[kusong].position;
    assert!(distance_m(h.state().view_centre_lat_lon(), site) < 20_000.0);
}

#[test]
fn esc_in_a_name_field_keeps_the_old_name() {
    let mut h = harness();
    select_missile(&mut h, "nodong");
    let nodong = h.state().interaction.selected_missile.unwrap();
    replace_text(&mut h, "Nodong (Hwasong-7)", "Typo");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.scenario().missiles()[nodong].name,
        "Nodong (Hwasong-7)"
    );
    assert!(!h.state().doc.dirty);
}

#[test]
fn the_csv_asks_before_replacing_and_a_refused_import_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("old.csv");
    std::fs::write(&csv, "mine").unwrap();
    let mut h = harness();
    h.get_by_label("Save as CSV…").click();
    h.run_steps(3);
    replace_text(&mut h, "", csv.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Save").click();
    h.run_steps(2);
    h.get_by_label_contains("exists. Replace it?");
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "mine");
    h.get_by_label("Keep it").click();
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(1);

    // More areas than a scenario may hold: refused whole, and no "Imported".
    let features: Vec<String> = (0..2_001)
        .map(|k| {
            let x = f64::from(k % 300) * 0.5 - 75.0;
            let y = f64::from(k / 300) * 0.5;
            format!(
                r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x1},{y}],[{x1},{y1}],[{x},{y}]]]}}}}"#,
                x1 = x + 0.2,
                y1 = y + 0.2
            )
        })
        .collect();
    let path = dir.path().join("many.geojson");
    std::fs::write(
        &path,
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        ),
    )
    .unwrap();
    let areas = h.state().doc.scenario().target_areas().len();
    h.state_mut().dialogs.path = None;
    h.get_by_label("Import GeoJSON…").click_accesskit();
    h.run_steps(3);
    replace_text(&mut h, "", path.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Import").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.scenario().target_areas().len(), areas);
    h.get_by_label_contains("Not applied");
    let imported = h.query_by_label_contains("Imported ");
    assert!(
        imported.is_none(),
        "{:?}",
        imported.map(|n| n.accesskit_node().value())
    );
}

#[test]
fn undo_forgets_a_selection_that_no_longer_exists() {
    let mut h = harness();
    let count = h.state().doc.scenario().missiles().len();
    select_missile(&mut h, "hwasong-19");
    h.get_by_label("Duplicate").click_accesskit();
    h.run_steps(2);
    assert!(h.state().interaction.selected_missile.is_some());
    // The copy is gone after the undo, and so is its editor (not opened on the next missile).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().doc.scenario().missiles().len(), count);
    assert_eq!(h.state().interaction.selected_missile, None);
    // A missile still there stays selected across an undo that moves it.
    select_missile(&mut h, "hwasong-19");
    let before = h.state().interaction.selected_missile.unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run_steps(2);
    assert_eq!(h.state().interaction.selected_missile, Some(before));
}

/// A link whose scenario is broken (the browser's `#scenario=...`) gets the same window as a
/// file, worded for a link, without "Open again" (there is no file to fix and reopen).
#[test]
fn a_broken_link_is_refused_with_every_problem_and_no_file_to_reopen() {
    let fragment = format!(
        "scenario={}",
        "A".repeat(7) // cut short part-way through a character: not even base64
    );
    let problems = match Scenario::from_link_fragment(&fragment) {
        Some(Err(e)) => e.to_string(),
        other => panic!("a broken link was not refused: {other:?}"),
    };
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(Settings::default()));
    app.native_dialogs = false;
    app.dialogs.refused = Some((range_rings::app::LINK_SOURCE.into(), problems));
    let h = harness_with(app);
    h.get_by_label_contains("The scenario in the link cannot be used");
    h.get_by_label_contains("cut short");
    assert!(h.query_by_label("Open again").is_none());
    assert!(h.query_by_label_contains("Fix these in the file").is_none());
}

/// A scenario that is no file's (built in, new, from a link) is named by its title in the
/// window's title and the status bar; a file by its name.
#[test]
fn a_scenario_without_a_file_is_named_by_its_title() {
    let mut h = harness();
    assert_eq!(
        h.state().doc.title(),
        "North Korean missile reach - range-rings"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(3);
    let title = h.state().doc.title();
    assert!(!title.contains("North Korean"), "{title}");
    assert!(title.ends_with(" - range-rings"), "{title}");
    let dir = tempfile::tempdir().unwrap();
    save_as(&mut h, &dir.path().join("mine.json"));
    assert_eq!(h.state().doc.title(), "mine.json - range-rings");
}
