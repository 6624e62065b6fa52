//! Text for people: numbers with thousands separators, coordinates, angles, dates and
//! distances in the reader's units. One home, so that the app, the command line and the
//! briefings write the same figure the same way.

use crate::geodesy::LatLon;
use serde::{Deserialize, Serialize};

/// Kilometres in one statute mile.
pub const KM_PER_MILE: f64 = 1.609_344;
/// Kilometres in one nautical mile.
pub const KM_PER_NMI: f64 = 1.852;

/// A whole number with thousands separators: `15000.0` as "15,000".
///
/// # Examples
/// ```
/// use range_rings::format::thousands;
/// assert_eq!(thousands(15_000.0), "15,000");
/// assert_eq!(thousands(-1_234_567.4), "-1,234,567");
/// assert_eq!(thousands(-0.2), "0");
/// ```
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 && digits != "0" {
        format!("-{out}")
    } else {
        out
    }
}

/// A position as "39.039° N, 125.763° E".
///
/// # Examples
/// ```
/// use range_rings::format::lat_lon;
/// use range_rings::geodesy::LatLon;
/// assert_eq!(lat_lon(LatLon::lat_lon(-33.9, 18.4)), "33.900° S, 18.400° E");
/// ```
pub fn lat_lon(p: LatLon) -> String {
    format!(
        "{:.3}° {}, {:.3}° {}",
        p.lat.abs(),
        if p.lat >= 0.0 { "N" } else { "S" },
        p.lon.abs(),
        if p.lon >= 0.0 { "E" } else { "W" }
    )
}

/// A longitude in whole degrees with its hemisphere, as map titles write it: "150 E", "30 W",
/// "0".
pub fn lon_whole(lon: f64) -> String {
    let lon = crate::geodesy::normalize_lon(lon);
    match lon {
        l if l.round() > 0.0 => format!("{l:.0} E"),
        l if l.round() < 0.0 => format!("{:.0} W", -l),
        _ => "0".into(),
    }
}

/// A latitude in whole degrees with its hemisphere: "39 N", "33 S", "0".
pub fn lat_whole(lat: f64) -> String {
    match lat {
        l if l.round() > 0.0 => format!("{l:.0} N"),
        l if l.round() < 0.0 => format!("{:.0} S", -l),
        _ => "0".into(),
    }
}

/// An azimuth with three decimals, kept in [0, 360) after rounding and never negative zero:
/// 359.9996 is 0, not 360, and -0.0 is 0.
///
/// # Examples
/// ```
/// use range_rings::format::azimuth_3dp;
/// assert_eq!(azimuth_3dp(359.9996), 0.0);
/// assert!(azimuth_3dp(-0.0).is_sign_positive());
/// assert_eq!(format!("{:.3}", azimuth_3dp(-0.0)), "0.000");
/// ```
pub fn azimuth_3dp(azimuth_deg: f64) -> f64 {
    let rounded = round_to(azimuth_deg, 3);
    // Adding zero turns -0.0 into +0.0.
    if rounded >= 360.0 { 0.0 } else { rounded + 0.0 }
}

/// An azimuth at full precision in [0, 360), never negative zero (a value a hair below 0
/// wraps to 0, not to 360).
///
/// # Examples
/// ```
/// use range_rings::format::azimuth_full;
/// assert_eq!(azimuth_full(-1e-17), 0.0);
/// assert!(azimuth_full(-0.0).is_sign_positive());
/// assert_eq!(azimuth_full(146.583_217), 146.583_217);
/// ```
pub fn azimuth_full(azimuth_deg: f64) -> f64 {
    let wrapped = azimuth_deg.rem_euclid(360.0);
    if wrapped >= 360.0 { 0.0 } else { wrapped + 0.0 }
}

/// `x` rounded to `decimals` places.
pub fn round_to(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
}

/// Units for distances on screen and in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DistanceUnit {
    /// Kilometres.
    #[default]
    Km,
    /// Statute miles.
    Mi,
    /// Nautical miles.
    Nmi,
}

impl DistanceUnit {
    /// The unit's symbol: "km", "mi" or "nmi".
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Km => "km",
            Self::Mi => "mi",
            Self::Nmi => "nmi",
        }
    }

    /// `km` kilometres in this unit.
    pub fn from_km(self, km: f64) -> f64 {
        match self {
            Self::Km => km,
            Self::Mi => km / KM_PER_MILE,
            Self::Nmi => km / KM_PER_NMI,
        }
    }

    /// `km` in this unit, whole, with thousands separators and the symbol: "9,321 mi".
    ///
    /// # Examples
    /// ```
    /// use range_rings::format::DistanceUnit;
    /// assert_eq!(DistanceUnit::Mi.format(15_000.0), "9,321 mi");
    /// ```
    pub fn format(self, km: f64) -> String {
        format!("{} {}", thousands(self.from_km(km)), self.symbol())
    }
}

/// Today's date (UTC) as YYYY-MM-DD, or the one given by `SOURCE_DATE_EPOCH` (seconds) for
/// reproducible output.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            web_time::SystemTime::now()
                .duration_since(web_time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    civil_date(seconds.div_euclid(86_400))
}

/// A time in seconds since 1970 as "YYYY-MM-DD HH:MM" (UTC).
pub fn date_time_utc(seconds: u64) -> String {
    let seconds = seconds as i64;
    let (day, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    format!(
        "{} {:02}:{:02}",
        civil_date(day),
        rest / 3600,
        rest % 3600 / 60
    )
}

/// Days since 1970-01-01 to "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_418), "2025-11-26");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(date_time_utc(86_400 + 3_600 + 120), "1970-01-02 01:02");
    }

    #[test]
    fn hemispheres_in_whole_degrees() {
        assert_eq!(lon_whole(150.0), "150 E");
        assert_eq!(lon_whole(-30.0), "30 W");
        assert_eq!(lon_whole(180.0), "180 W");
        assert_eq!(lon_whole(0.2), "0");
        assert_eq!(lat_whole(-33.9), "34 S");
        assert_eq!(lat_whole(0.0), "0");
    }
}
