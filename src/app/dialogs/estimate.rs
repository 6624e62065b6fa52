//! "Estimate from a test": a lofted test's apogee, range and time to the range on a standard
//! trajectory, with both trajectories plotted (altitude against downrange) and a button that
//! adds the result as a missile with the test as its source.
//!
//! The fit runs on a thread of its own (about a second with a flight time), so the window
//! stays live; the frame loop asks for repaints only while it runs.

use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::edit::{Edit, Step};
use crate::ballistics::estimate::{Estimate, Test, estimate};
use crate::ballistics::powered::TrackPoint;
use crate::ballistics::profiles::PROFILE_NAMES;
use crate::format::thousands;
use crate::scenario::file::{Ballistics, Basis, Missile, Platform, ProfileName, Source, StageSpec};
use eframe::egui::{self, Color32};
use egui_plot::{Legend, Line, Plot, PlotPoints};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

/// The form and its last result.
#[derive(Debug)]
pub struct EstimateForm {
    /// Apogee of the test, km.
    pub apogee_km: f64,
    /// Ground range of the test, km.
    pub range_km: f64,
    /// Whether the flight time is given.
    pub use_time: bool,
    /// Flight time of the test, minutes.
    pub flight_time_min: f64,
    /// Boost profile name.
    pub profile: &'static str,
    /// The fit running now.
    job: Option<Receiver<Result<Estimate, String>>>,
    /// The test and the last fit, or why it failed.
    pub result: Option<(Test, Result<Estimate, String>)>,
}

impl Default for EstimateForm {
    /// The Hwasong-14 test of 28 July 2017 (KCNA: 3,724.9 km apogee, 998 km, 47 min 12 s).
    fn default() -> Self {
        Self {
            apogee_km: 3_724.9,
            range_km: 998.0,
            use_time: false,
            flight_time_min: 47.2,
            profile: "icbm-liquid",
            job: None,
            result: None,
        }
    }
}

impl EstimateForm {
    fn test(&self) -> Test {
        Test {
            apogee_km: self.apogee_km,
            range_km: self.range_km,
            flight_time_min: self.use_time.then_some(self.flight_time_min),
        }
    }

    /// Starts the fit on its own thread.
    fn start(&mut self) {
        let (send, receive) = channel();
        let (test, profile) = (self.test(), self.profile);
        crate::threads::spawn(move || {
            let _ = send.send(estimate(test, profile).map_err(|e| e.to_string()));
        });
        self.job = Some(receive);
        self.result = None;
    }

    /// Takes the fit's answer if it has come.
    fn poll(&mut self) {
        let Some(job) = &self.job else { return };
        match job.try_recv() {
            Ok(answer) => {
                self.result = Some((self.test(), answer));
                self.job = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                self.result = Some((self.test(), Err("the fit stopped unexpectedly".into())));
                self.job = None;
            }
        }
    }

    /// Whether a fit is running.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Waits for a running fit (tests only: the window never blocks).
    #[doc(hidden)]
    pub fn wait(&mut self) {
        if let Some(job) = self.job.take() {
            let answer = job
                .recv()
                .unwrap_or_else(|_| Err("the fit stopped unexpectedly".into()));
            self.result = Some((self.test(), answer));
        }
    }
}

/// The estimate window.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    // The new missile flies from the selected site, if one is selected.
    let site = app
        .interaction
        .selected_site
        .and_then(|i| app.doc.scenario().sites().get(i))
        .map(|s| s.id.clone());
    let Some(form) = app.dialogs.estimate.as_mut() else {
        return;
    };
    form.poll();
    if form.running() {
        ctx.request_repaint_after(Duration::from_millis(50));
    }
    let mut open = true;
    let mut add: Option<Missile> = None;
    egui::Window::new("Estimate from a test")
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(
                "A lofted test's apogee and ground range (and flight time) fit a rocket of the \
                 chosen class; the same rocket then flies the range-maximising trajectory. \
                 Non-rotating Earth, no drag.",
            );
            egui::Grid::new("estimate-inputs")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Apogee km");
                    ui.add(
                        egui::DragValue::new(&mut form.apogee_km)
                            .range(10.0..=20_000.0)
                            .speed(10.0),
                    );
                    ui.end_row();
                    ui.label("Ground range km");
                    ui.add(
                        egui::DragValue::new(&mut form.range_km)
                            .range(10.0..=15_000.0)
                            .speed(5.0),
                    );
                    ui.end_row();
                    ui.checkbox(&mut form.use_time, "Flight time min");
                    ui.add_enabled(
                        form.use_time,
                        egui::DragValue::new(&mut form.flight_time_min)
                            .range(1.0..=200.0)
                            .speed(0.1),
                    );
                    ui.end_row();
                    ui.label("Boost profile");
                    egui::ComboBox::from_id_salt("estimate-profile")
                        .selected_text(form.profile)
                        .show_ui(ui, |ui| {
                            for name in PROFILE_NAMES {
                                ui.selectable_value(&mut form.profile, name, name);
                            }
                        });
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!form.running(), egui::Button::new("Estimate"))
                    .clicked()
                {
                    form.start();
                }
                if form.running() {
                    ui.spinner();
                    ui.label("Fitting…");
                }
            });
            let Some((test, result)) = &form.result else {
                return;
            };
            match result {
                Err(message) => {
                    ui.colored_label(Color32::from_rgb(0xc0, 0x39, 0x2b), message);
                }
                Ok(e) => {
                    numbers(ui, *test, e);
                    chart(ui, e);
                    let button =
                        ui.add_enabled(e.standard.is_some(), egui::Button::new("Add as a missile"));
                    if button.clicked() {
                        add = missile_from(*test, e, site.clone());
                    }
                }
            }
        });
    if let Some(missile) = add {
        app.commands.push(Command::Edit(
            Edit::AddMissile {
                missile: Box::new(missile),
            },
            Step::New,
        ));
    }
    if !open {
        app.dialogs.estimate = None;
    }
}

/// The fitted figures.
fn numbers(ui: &mut egui::Ui, test: Test, e: &Estimate) {
    let f = &e.test_flight;
    ui.label(format!(
        "Fitted: velocity gain {:.2} km/s, burn {:.0} s, kick {:.2}°; the model flies the test \
         to {:.0} km apogee and {:.0} km in {:.1} min.",
        e.rocket.delta_v_km_s,
        e.rocket.profile.burn_s(),
        e.test_kick_deg,
        f.apogee_km,
        f.range_km,
        f.time_s / 60.0
    ));
    if e.time_matched == Some(false) {
        ui.label(format!(
            "The test's {:.1} min was not matched (no drag in the model); the profile's burn \
             times are kept.",
            test.flight_time_min.unwrap_or_default()
        ));
    }
    match &e.standard {
        Some(s) => {
            ui.strong(format!(
                "Standard trajectory: {} km, burnout {:.2} km/s, apogee {} km, {:.1} min",
                thousands(s.range_km),
                s.burnout.speed_km_s,
                thousands(s.apogee_km),
                s.time_s / 60.0
            ));
        }
        None => {
            ui.strong(
                "Standard trajectory: beyond the model (orbital speed or past the antipode; \
                 the range is not a ring).",
            );
        }
    }
    if let Some(km) = e.two_body_range_km {
        ui.label(format!(
            "Two-body reading (burnout at the surface, no boost): {} km",
            thousands(km)
        ));
    }
}

fn track_points(track: &[TrackPoint]) -> PlotPoints<'static> {
    track
        .iter()
        .map(|p| [p.downrange_km, p.altitude_km])
        .collect()
}

/// Both trajectories, altitude against downrange, one km to one km.
fn chart(ui: &mut egui::Ui, e: &Estimate) {
    let test = e.test_track();
    let standard = e.standard_track();
    Plot::new("estimate-trajectories")
        .height(260.0)
        .legend(Legend::default())
        .data_aspect(1.0)
        .x_axis_label("Downrange km")
        .y_axis_label("Altitude km")
        .show(ui, |plot| {
            plot.line(
                Line::new("Test (lofted)", track_points(&test))
                    .color(Color32::from_rgb(0xc0, 0x39, 0x2b))
                    .width(2.0),
            );
            if !standard.is_empty() {
                plot.line(
                    Line::new("Standard trajectory", track_points(&standard))
                        .color(Color32::from_rgb(0x1f, 0x6f, 0xb4))
                        .width(2.0),
                );
            }
        });
}

/// The estimate as a missile of the scenario, with the test as its source, flying from
/// `site` (an id) or, without one, from every site of its platform.
fn missile_from(test: Test, e: &Estimate, site: Option<String>) -> Option<Missile> {
    let standard = e.standard.as_ref()?;
    let km = (standard.range_km / 10.0).round() * 10.0;
    let profile = profile_name(&e.rocket.profile.name);
    let class = match profile {
        Some(ProfileName::Srbm) => "SRBM",
        Some(ProfileName::Mrbm) => "MRBM",
        Some(ProfileName::Irbm) => "IRBM",
        Some(ProfileName::Slbm) => "SLBM",
        _ => "ICBM",
    };
    let time = test
        .flight_time_min
        .map_or_else(String::new, |t| format!(", {t:.1} min"));
    Some(Missile {
        id: "estimate".into(),
        name: format!("Estimate from a {:.0} km test", test.range_km),
        class: Some(class.into()),
        platform: Some(if profile == Some(ProfileName::Slbm) {
            Platform::Sea
        } else {
            Platform::Land
        }),
        range_km: km,
        range_min_km: None,
        range_max_km: None,
        color: None,
        visible: None,
        assumed: None,
        from: site.map(|id| vec![id]),
        sources: vec![Source {
            text: format!(
                "Estimated by range-rings from a lofted test: apogee {:.0} km, ground range \
                 {:.0} km{time}; {} profile, standard trajectory on a non-rotating Earth",
                test.apogee_km, test.range_km, e.rocket.profile.name
            ),
            date: None,
            url: None,
            km: vec![km],
            basis: Some(Basis::Estimated),
        }],
        flight: None,
        cruise_speed_kmh: None,
        minimum_range_km: None,
        // With a fitted flight time the burn times are the test's, not the profile's.
        ballistics: Some(Ballistics {
            profile,
            stages: (e.burn_scale != 1.0).then(|| {
                e.rocket
                    .profile
                    .stages
                    .iter()
                    .map(|s| StageSpec {
                        burn_s: s.burn_s,
                        mass_ratio: s.mass_ratio,
                        share: s.share,
                    })
                    .collect()
            }),
            vertical_rise_s: None,
        }),
    })
}

fn profile_name(name: &str) -> Option<ProfileName> {
    [
        ProfileName::Srbm,
        ProfileName::Mrbm,
        ProfileName::Irbm,
        ProfileName::Slbm,
        ProfileName::IcbmSolid,
        ProfileName::IcbmLiquid,
    ]
    .into_iter()
    .find(|p| p.text() == name)
}
