//! Edits of the document as values: panels and the map say what to change, the app applies it
//! after layout (validated, as one undo step or as part of the running one).

use crate::color::Rgba;
use crate::format;
use crate::geodesy::{LatLon, normalize_lon};
use crate::scenario::ScenarioFile;
use crate::scenario::file::{Missile, Platform, Site, SiteKind, Target, TargetArea};

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

/// How near a town must be to name a point added on the map after it, km.
const TOWN_RADIUS_KM: f64 = 30.0;

/// The name of the nearest town within [`TOWN_RADIUS_KM`] of `at`, made unique among `taken`
/// ("Changsha", "Changsha 2"...); `None` far from any town.
fn town_name(at: LatLon, taken: &[&String]) -> Option<String> {
    let town = crate::gazetteer::nearest(at, TOWN_RADIUS_KM)?;
    let free = |name: &String| !taken.contains(&name);
    std::iter::once(town.name.clone())
        .chain((2..).map(|n| format!("{} {n}", town.name)))
        .find(free)
}

/// `name`, or `name 2`, `name 3`... the first not in `taken`.
fn unique_name<'a>(taken: impl Iterator<Item = &'a str> + Clone, name: &str) -> String {
    std::iter::once(name.to_owned())
        .chain((2..).map(|n| format!("{name} {n}")))
        .find(|candidate| !taken.clone().any(|t| t == candidate))
        .unwrap_or_else(|| name.to_owned())
}

fn missile_mut(file: &mut ScenarioFile, i: usize) -> Option<&mut Missile> {
    file.missiles.get_mut(i)
}

/// A new missile: 1,000 km, land-launched from every launch site, coloured from the palette.
pub fn new_missile(file: &ScenarioFile) -> Missile {
    let names = file.missiles.iter().map(|m| m.name.as_str());
    Missile {
        id: unique_id(file.missiles.iter().map(|m| m.id.as_str()), "missile"),
        name: unique_name(names, "New missile"),
        class: None,
        platform: None,
        range_km: 1000.0,
        range_min_km: None,
        range_max_km: None,
        color: None,
        visible: None,
        assumed: None,
        from: None,
        sources: Vec::new(),
        flight: None,
        cruise_speed_kmh: None,
        minimum_range_km: None,
        ballistics: None,
    }
}

impl Edit {
    /// The edits that build a scenario: missiles, their sites and bands, targets, areas.
    fn apply_authoring(self, file: &mut ScenarioFile) {
        match self {
            Self::RenameMissile { missile, name } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.name = name;
                }
            }
            Self::SetMissileClass { missile, class } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.class = class.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
                }
            }
            Self::SetPlatform { missile, platform } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.platform = (platform == Platform::Sea).then_some(Platform::Sea);
                }
            }
            Self::SetLaunchSites { missile, from } => {
                if let Some(m) = missile_mut(file, missile) {
                    m.from = from;
                }
            }
            Self::SetBand { missile, band } => {
                if let Some(m) = missile_mut(file, missile) {
                    (m.range_min_km, m.range_max_km) = match band {
                        Some((min, max)) => (Some(min.min(m.range_km)), Some(max.max(m.range_km))),
                        None => (None, None),
                    };
                }
            }
            Self::DuplicateMissile { missile } => {
                if let Some(original) = file.missiles.get(missile) {
                    let mut copy = original.clone();
                    let ids = file.missiles.iter().map(|m| m.id.as_str());
                    copy.id = unique_id(ids, &original.id);
                    let names = file.missiles.iter().map(|m| m.name.as_str());
                    copy.name = unique_name(names, &format!("{} (copy)", original.name));
                    // Its own colour from the palette, not the original's.
                    copy.color = None;
                    file.missiles.insert(missile + 1, copy);
                }
            }
            Self::RemoveMissile { missile } if missile < file.missiles.len() => {
                file.missiles.remove(missile);
            }
            Self::SetMissilesVisible { missiles, visible } => {
                for i in missiles {
                    if let Some(m) = missile_mut(file, i) {
                        m.visible = if visible { None } else { Some(false) };
                    }
                }
            }
            Self::Solo { missile } => {
                for (i, m) in file.missiles.iter_mut().enumerate() {
                    m.visible = if i == missile { None } else { Some(false) };
                }
            }
            Self::FlyAllFrom { site } => {
                let Some(s) = file.sites.get(site) else {
                    return;
                };
                let (id, platform) = match s.kind.unwrap_or_default() {
                    SiteKind::Launch => (s.id.clone(), Platform::Land),
                    SiteKind::Patrol => (s.id.clone(), Platform::Sea),
                };
                for m in &mut file.missiles {
                    if m.platform.unwrap_or_default() == platform
                        && let Some(from) = &mut m.from
                        && !from.contains(&id)
                    {
                        from.push(id.clone());
                    }
                }
            }
            Self::RenameTarget { target, name } => {
                if let Some(t) = file.targets.get_mut(target) {
                    t.name = name;
                }
            }
            Self::SetTargetKey { target, key } => {
                if let Some(t) = file.targets.get_mut(target) {
                    t.key = key.then_some(true);
                }
            }
            Self::AddTargetAreas { areas } => {
                for mut area in areas {
                    let ids = file.target_areas.iter().map(|a| a.id.as_str());
                    if ids.clone().any(|id| id == area.id) {
                        area.id = unique_id(ids, &area.id);
                    }
                    file.target_areas.push(area);
                }
            }
            Self::RenameTargetArea { area, name } => {
                if let Some(a) = file.target_areas.get_mut(area) {
                    a.name = name;
                }
            }
            Self::RemoveTargetArea { area } if area < file.target_areas.len() => {
                file.target_areas.remove(area);
            }
            Self::RingHere { at, km } => {
                Self::AddSite {
                    kind: SiteKind::Launch,
                    at,
                    name: None,
                }
                .apply(file);
                let Some(site) = file.sites.last_mut() else {
                    return;
                };
                site.illustrative = Some(true);
                let site_id = site.id.clone();
                let site_name = site.name.clone();
                let mut ring = new_missile(file);
                ring.name = unique_name(
                    file.missiles.iter().map(|m| m.name.as_str()),
                    &format!("{} km from {site_name}", format::thousands(km)),
                );
                ring.range_km = km;
                ring.from = Some(vec![site_id]);
                ring.assumed = Some(true);
                file.missiles.push(ring);
            }
            // The edits of sites, ranges, colours and targets are applied by `apply`.
            _ => {}
        }
    }
}
