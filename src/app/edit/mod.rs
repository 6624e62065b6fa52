//! Edits of the document as values: panels and the map say what to change, the app applies it
//! after layout (validated, as one undo step or as part of the running one).

use crate::color::Rgba;
use crate::format;
use crate::geodesy::{LatLon, normalize_lon};
use crate::scenario::ScenarioFile;
use crate::scenario::file::{Missile, Platform, Site, SiteKind, Target, TargetArea};

mod authoring;

pub use authoring::new_missile;
use authoring::town_name;

/// Whether an edit starts an undo step or continues the running one (a drag, a slider).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A new undo step.
    New,
    /// Part of the step taken when the continuous edit started.
    Continue,
}

/// One change to the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Rename a site.
    RenameSite {
        /// Index into the sites.
        site: usize,
        /// The new name.
        name: String,
    },
    /// Move a site; its patrol area moves with it.
    MoveSite {
        /// Index into the sites.
        site: usize,
        /// Where to.
        to: LatLon,
    },
    /// Make a site a launch site or a patrol point.
    SetSiteKind {
        /// Index into the sites.
        site: usize,
        /// The kind.
        kind: SiteKind,
    },
    /// Give a patrol point a 5 x 4 degree patrol area round it.
    AddPatrolArea {
        /// Index into the sites.
        site: usize,
    },
    /// Remove a site's patrol area.
    RemovePatrolArea {
        /// Index into the sites.
        site: usize,
    },
    /// Move one corner of a patrol area.
    MoveCorner {
        /// Index into the sites.
        site: usize,
        /// Index into the area's corners.
        corner: usize,
        /// Where to.
        to: LatLon,
    },
    /// Add a site with a fresh id, named as given or after the nearest town.
    AddSite {
        /// Launch site or patrol point (patrol points are marked illustrative).
        kind: SiteKind,
        /// Where.
        at: LatLon,
        /// Its name; when `None`, the nearest town's or a generic one.
        name: Option<String>,
    },
    /// Remove a site.
    RemoveSite {
        /// Index into the sites.
        site: usize,
    },
    /// Show or hide a missile's rings.
    SetMissileVisible {
        /// Index into the missiles.
        missile: usize,
        /// Shown.
        visible: bool,
    },
    /// Change a missile's colour.
    SetMissileColor {
        /// Index into the missiles.
        missile: usize,
        /// The colour.
        color: Rgba,
    },
    /// Change a missile's nominal range; its band widens to hold it.
    SetRange {
        /// Index into the missiles.
        missile: usize,
        /// Kilometres.
        km: f64,
    },
    /// Change the low edge of a missile's band.
    SetBandMin {
        /// Index into the missiles.
        missile: usize,
        /// Kilometres.
        km: f64,
    },
    /// Change the high edge of a missile's band.
    SetBandMax {
        /// Index into the missiles.
        missile: usize,
        /// Kilometres.
        km: f64,
    },
    /// Add a missile; its id is made unique (`id`, `id-2`...).
    AddMissile {
        /// The missile as it goes in the file.
        missile: Box<Missile>,
    },
    /// Add a target with a fresh id, named as given or after the nearest town (or its
    /// position, far from any).
    AddTarget {
        /// Where.
        at: LatLon,
        /// Its name; when `None`, the nearest town's or the position.
        name: Option<String>,
    },
    /// Move a target.
    MoveTarget {
        /// Index into the targets.
        target: usize,
        /// Where to.
        to: LatLon,
    },
    /// Remove a target.
    RemoveTarget {
        /// Index into the targets.
        target: usize,
    },
    /// Rename a missile.
    RenameMissile {
        /// Index into the missiles.
        missile: usize,
        /// The new name.
        name: String,
    },
    /// Set or clear a missile's class ("SRBM", "ICBM"...), which also picks its boost profile.
    SetMissileClass {
        /// Index into the missiles.
        missile: usize,
        /// The class; none when `None` or blank.
        class: Option<String>,
    },
    /// Launched from land or from a submarine.
    SetPlatform {
        /// Index into the missiles.
        missile: usize,
        /// Land or sea.
        platform: Platform,
    },
    /// Which sites a missile flies from: the listed site ids, or (`None`) every site whose kind
    /// matches its platform.
    SetLaunchSites {
        /// Index into the missiles.
        missile: usize,
        /// Site ids, or `None` for every matching site.
        from: Option<Vec<String>>,
    },
    /// Give a missile a band of estimates round its range, or take it away.
    SetBand {
        /// Index into the missiles.
        missile: usize,
        /// Lowest and highest estimates, km; `None` removes the band.
        band: Option<(f64, f64)>,
    },
    /// Copy a missile (a fresh id, "(copy)" after the name), placed after it.
    DuplicateMissile {
        /// Index into the missiles.
        missile: usize,
    },
    /// Remove a missile.
    RemoveMissile {
        /// Index into the missiles.
        missile: usize,
    },
    /// Show or hide several missiles at once (a class, a platform, all).
    SetMissilesVisible {
        /// Indices into the missiles.
        missiles: Vec<usize>,
        /// Shown.
        visible: bool,
    },
    /// Show this missile alone.
    Solo {
        /// Index into the missiles.
        missile: usize,
    },
    /// Add a site to the `from` list of every missile of its platform that has one, so that
    /// every such missile flies from it too.
    FlyAllFrom {
        /// Index into the sites.
        site: usize,
    },
    /// Rename a target.
    RenameTarget {
        /// Index into the targets.
        target: usize,
        /// The new name.
        name: String,
    },
    /// Make a target a key place (a matrix column, always labelled) or an ordinary one.
    SetTargetKey {
        /// Index into the targets.
        target: usize,
        /// Key place.
        key: bool,
    },
    /// Add target areas (drawn, or imported from a file); their ids are made unique.
    AddTargetAreas {
        /// The areas as they go in the file.
        areas: Vec<TargetArea>,
    },
    /// Rename a target area.
    RenameTargetArea {
        /// Index into the target areas.
        area: usize,
        /// The new name.
        name: String,
    },
    /// Remove a target area.
    RemoveTargetArea {
        /// Index into the target areas.
        area: usize,
    },
    /// A quick ring: a site at a point and a missile of the given range flying only from it.
    RingHere {
        /// Centre.
        at: LatLon,
        /// Radius, km.
        km: f64,
    },
}

/// `stem-1`, `stem-2`... the first not in `existing`.
fn unique_id<'a>(existing: impl Iterator<Item = &'a str> + Clone, stem: &str) -> String {
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !existing.clone().any(|e| e == id))
        .unwrap_or_else(|| stem.to_owned())
}

impl Edit {
    /// Applies the change to the file. Indices that point nowhere change nothing. Positions are
    /// taken as given, not clamped: the document validates the result and refuses what is out
    /// of range, with a message.
    pub fn apply(self, file: &mut ScenarioFile) {
        match self {
            Self::RenameSite { site, name } => {
                if let Some(s) = file.sites.get_mut(site) {
                    s.name = name;
                }
            }
            Self::MoveSite { site, to } => {
                let Some(s) = file.sites.get_mut(site) else {
                    return;
                };
                let (lat, lon) = (to.lat, to.lon);
                let (dlat, dlon) = (lat - s.lat, normalize_lon(lon - s.lon));
                (s.lat, s.lon) = (lat, lon);
                for [clon, clat] in s.area.iter_mut().flatten() {
                    *clat = (*clat + dlat).clamp(-90.0, 90.0);
                    *clon = normalize_lon(*clon + dlon).clamp(-180.0, 180.0);
                }
            }
            Self::SetSiteKind { site, kind } => {
                if let Some(s) = file.sites.get_mut(site) {
                    s.kind = Some(kind);
                }
            }
            Self::AddPatrolArea { site } => {
                if let Some(s) = file.sites.get_mut(site) {
                    let (lat, lon) = (s.lat, s.lon);
                    let corners =
                        [(-2.0, -2.5), (-2.0, 2.5), (2.0, 2.5), (2.0, -2.5)].map(|(dlat, dlon)| {
                            [normalize_lon(lon + dlon), (lat + dlat).clamp(-89.0, 89.0)]
                        });
                    s.area = Some(corners.to_vec());
                }
            }
            Self::RemovePatrolArea { site } => {
                if let Some(s) = file.sites.get_mut(site) {
                    s.area = None;
                }
            }
            Self::MoveCorner { site, corner, to } => {
                if let Some(c) = file
                    .sites
                    .get_mut(site)
                    .and_then(|s| s.area.as_mut())
                    .and_then(|a| a.get_mut(corner))
                {
                    *c = [to.lon, to.lat];
                }
            }
            Self::AddSite { kind, at, name } => {
                let (stem, generic) = match kind {
                    SiteKind::Launch => ("site", "New launch site"),
                    SiteKind::Patrol => ("patrol", "New patrol point"),
                };
                let name = name
                    .or_else(|| {
                        town_name(at, &file.sites.iter().map(|s| &s.name).collect::<Vec<_>>())
                    })
                    .unwrap_or_else(|| generic.to_owned());
                let (lat, lon) = (at.lat, at.lon);
                let id = unique_id(file.sites.iter().map(|s| s.id.as_str()), stem);
                file.sites.push(Site {
                    id,
                    name,
                    kind: Some(kind),
                    lat,
                    lon,
                    note: None,
                    illustrative: (kind == SiteKind::Patrol).then_some(true),
                    hypothetical: None,
                    area: None,
                });
            }
            Self::RemoveSite { site } => {
                if site < file.sites.len() {
                    file.sites.remove(site);
                }
            }
            Self::SetMissileVisible { missile, visible } => {
                if let Some(m) = file.missiles.get_mut(missile) {
                    m.visible = if visible { None } else { Some(false) };
                }
            }
            Self::SetMissileColor { missile, color } => {
                if let Some(m) = file.missiles.get_mut(missile) {
                    m.color = Some(color.to_hex());
                }
            }
            Self::SetRange { missile, km } => {
                if let Some(m) = file.missiles.get_mut(missile) {
                    m.range_km = km;
                    // The band widens to hold the new range (its edge becomes the nominal
                    // range itself), instead of the edit being refused.
                    if let Some(min) = m.range_min_km.filter(|min| *min > km) {
                        m.range_min_km = Some(km.min(min));
                    }
                    if let Some(max) = m.range_max_km.filter(|max| *max < km) {
                        m.range_max_km = Some(km.max(max));
                    }
                }
            }
            Self::SetBandMin { missile, km } => {
                if let Some(m) = file.missiles.get_mut(missile) {
                    m.range_min_km = Some(km);
                }
            }
            Self::SetBandMax { missile, km } => {
                if let Some(m) = file.missiles.get_mut(missile) {
                    m.range_max_km = Some(km);
                }
            }
            Self::AddMissile { missile } => {
                let mut missile = *missile;
                let taken = |id: &str| file.missiles.iter().any(|m| m.id == id);
                if taken(&missile.id) {
                    missile.id = (2..)
                        .map(|n| format!("{}-{n}", missile.id))
                        .find(|id| !taken(id))
                        .unwrap_or_default();
                }
                file.missiles.push(missile);
            }
            Self::AddTarget { at, name } => {
                let (lat, lon) = (at.lat, at.lon);
                let id = unique_id(file.targets.iter().map(|t| t.id.as_str()), "target");
                let taken: Vec<&String> = file.targets.iter().map(|t| &t.name).collect();
                let name = name
                    .or_else(|| town_name(at, &taken))
                    .unwrap_or_else(|| format!("Target {}", format::lat_lon(at)));
                file.targets.push(Target {
                    id,
                    name,
                    lat,
                    lon,
                    group: None,
                    note: None,
                    key: None,
                });
            }
            Self::MoveTarget { target, to } => {
                if let Some(t) = file.targets.get_mut(target) {
                    (t.lat, t.lon) = (to.lat, to.lon);
                }
            }
            Self::RemoveTarget { target } => {
                if target < file.targets.len() {
                    file.targets.remove(target);
                }
            }
            other => other.apply_authoring(file),
        }
    }
}
