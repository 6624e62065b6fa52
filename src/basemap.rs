//! The embedded Natural Earth basemap: land polygons and country borders at two levels of
//! detail, decoded once on first use.
//!
//! The data are planar polygons in longitude/latitude degrees on [-180, 180] x [-90, 90], already
//! cut at the antimeridian and with Antarctica closed along the South Pole line (see
//! `assets/basemap/README.md` for the format and provenance).

use geo::{Coord, LineString, MultiPolygon, Polygon};
use std::sync::OnceLock;

/// How detailed the basemap is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Detail {
    /// Natural Earth 1:110m: for world views.
    Coarse,
    /// Natural Earth 1:50m: for regional views and large images.
    Fine,
}

impl Detail {
    /// The level for a map drawn at `px_per_degree` pixels per degree of longitude at the
    /// equator: 1:110m until its roughly 10 km vertex spacing would show.
    pub fn for_scale(px_per_degree: f64) -> Self {
        if px_per_degree >= 6.0 {
            Self::Fine
        } else {
            Self::Coarse
        }
    }
}

/// One level of the basemap.
#[derive(Debug, Clone)]
pub struct Basemap {
    /// Land areas, planar lon/lat degrees.
    pub land: MultiPolygon<f64>,
    /// Coastlines: the land outlines without the artificial edges along the antimeridian cut and
    /// the South Pole line, which are not coast.
    pub coastlines: Vec<LineString<f64>>,
    /// Land borders between countries.
    pub borders: Vec<LineString<f64>>,
}

/// A malformed basemap file (only possible if the embedded assets are corrupt).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("basemap data is malformed at byte {0}")]
pub struct BasemapError(usize);

const LAND_110M: &[u8] = include_bytes!("../assets/basemap/land-110m.bin");
const LAND_50M: &[u8] = include_bytes!("../assets/basemap/land-50m.bin");
const BORDERS_110M: &[u8] = include_bytes!("../assets/basemap/borders-110m.bin");
const BORDERS_50M: &[u8] = include_bytes!("../assets/basemap/borders-50m.bin");

impl Basemap {
    /// The embedded basemap at `detail`, decoded on first use and shared afterwards.
    pub fn get(detail: Detail) -> &'static Basemap {
        static COARSE: OnceLock<Basemap> = OnceLock::new();
        static FINE: OnceLock<Basemap> = OnceLock::new();
        let (cell, land, borders) = match detail {
            Detail::Coarse => (&COARSE, LAND_110M, BORDERS_110M),
            Detail::Fine => (&FINE, LAND_50M, BORDERS_50M),
        };
        // A unit test decodes both levels, so the embedded data cannot be malformed.
        #[allow(clippy::expect_used, reason = "embedded data, decoded by a unit test")]
        cell.get_or_init(|| Self::decode(land, borders).expect("embedded basemap decodes"))
    }

    /// Decodes the RRB1 land (polygons) and border (lines) files.
    pub fn decode(land: &[u8], borders: &[u8]) -> Result<Self, BasemapError> {
        let land = decode_polygons(land)?;
        let coastlines = crate::projection::lonlat::outline_without(&land.0, is_artificial);
        Ok(Self {
            land,
            coastlines,
            borders: decode_lines(borders)?,
        })
    }
}

/// Whether a segment lies on the antimeridian cut or the South Pole line: drawn as fill
/// boundary only, never as coast.
fn is_artificial(a: Coord<f64>, b: Coord<f64>) -> bool {
    (a.x.abs() == 180.0 && a.x == b.x) || (a.y == -90.0 && b.y == -90.0)
}

/// A little-endian reader that reports where the data ran out.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn u32(&mut self) -> Result<u32, BasemapError> {
        let bytes = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or(BasemapError(self.pos))?;
        self.pos += 4;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn count(&mut self) -> Result<usize, BasemapError> {
        let n = self.u32()? as usize;
        // Each item takes at least 4 bytes: a count larger than that is corrupt, not a reason
        // to allocate gigabytes.
        if n > (self.bytes.len() - self.pos) / 4 + 1 {
            return Err(BasemapError(self.pos));
        }
        Ok(n)
    }

    fn points(&mut self) -> Result<LineString<f64>, BasemapError> {
        let n = self.count()?;
        let mut coords = Vec::with_capacity(n);
        for _ in 0..n {
            let lon = self.u32()? as i32;
            let lat = self.u32()? as i32;
            coords.push(Coord {
                x: f64::from(lon) * 1e-6,
                y: f64::from(lat) * 1e-6,
            });
        }
        Ok(LineString::from(coords))
    }

    fn header(bytes: &[u8], kind: u8) -> Result<(Reader<'_>, usize), BasemapError> {
        if bytes.get(0..4) != Some(b"RRB1") || bytes.get(4) != Some(&kind) {
            return Err(BasemapError(0));
        }
        let mut reader = Reader { bytes, pos: 8 };
        let n = reader.count()?;
        Ok((reader, n))
    }
}

fn decode_polygons(bytes: &[u8]) -> Result<MultiPolygon<f64>, BasemapError> {
    let (mut r, n) = Reader::header(bytes, 1)?;
    let mut polygons = Vec::with_capacity(n);
    for _ in 0..n {
        let rings = r.count()?;
        if rings == 0 {
            return Err(BasemapError(r.pos));
        }
        let exterior = r.points()?;
        let holes = (1..rings)
            .map(|_| r.points())
            .collect::<Result<Vec<_>, _>>()?;
        polygons.push(Polygon::new(exterior, holes));
    }
    Ok(MultiPolygon(polygons))
}

fn decode_lines(bytes: &[u8]) -> Result<Vec<LineString<f64>>, BasemapError> {
    let (mut r, n) = Reader::header(bytes, 2)?;
    (0..n).map(|_| r.points()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point};

    #[test]
    fn both_levels_decode_with_land_where_land_is() {
        for detail in [Detail::Coarse, Detail::Fine] {
            let map = Basemap::get(detail);
            assert!(map.land.0.len() > 100);
            assert!(!map.borders.is_empty() && !map.coastlines.is_empty());
            let land = |lon: f64, lat: f64| map.land.contains(&Point::new(lon, lat));
            assert!(land(125.76, 39.04), "Pyongyang");
            assert!(land(-100.0, 40.0), "Kansas");
            assert!(land(0.0, -85.0), "Antarctica");
            assert!(
                land(179.0, 67.0) && land(-179.0, 67.0),
                "Chukotka both sides of 180"
            );
            assert!(!land(-150.0, 30.0), "Pacific");
            assert!(!land(-30.0, 0.0), "Atlantic");
        }
    }

    #[test]
    fn coastlines_leave_out_the_cut_and_the_pole_line() {
        for detail in [Detail::Coarse, Detail::Fine] {
            for line in &Basemap::get(detail).coastlines {
                for seg in line.lines() {
                    assert!(!is_artificial(seg.start, seg.end));
                    assert!((seg.end.x - seg.start.x).abs() <= 180.0);
                }
            }
        }
    }

    #[test]
    fn corrupt_data_is_an_error_not_a_panic() {
        assert!(Basemap::decode(b"", b"").is_err());
        assert!(Basemap::decode(b"RRB1\x01\0\0\0\xff\xff\xff\xff", b"").is_err());
        let mut truncated = LAND_110M.to_vec();
        truncated.truncate(truncated.len() / 2);
        assert!(Basemap::decode(&truncated, BORDERS_110M).is_err());
    }
}
