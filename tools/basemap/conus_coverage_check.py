#!/usr/bin/env python3
"""Monte Carlo estimate of how much of CONUS lies within given ranges of a site.

Independent check for tests of the range-rings coverage figures. It reads the
CONUS outline written by conus.mjs (assets/scenarios/conus.json) and, for a site
(default Pyongyang, 39.0392 N 125.7625 E, as in assets/scenarios/builtin.json),
estimates the share of CONUS surface area whose WGS84 geodesic distance
(geographiclib Geodesic.WGS84.Inverse) from the site is at most 10,000, 11,000
and 12,000 km.

Method (deterministic: fixed seed, fixed batch size):
  * draw points uniformly on the unit sphere inside the outline's lon/lat bounding
    box: lon uniform, sin(lat) uniform (this is the exact inverse-CDF form of
    "random lat with acceptance probability cos(lat)");
  * keep the points that fall inside a CONUS polygon (shapely.contains_xy,
    planar lon/lat test, which is what the polygons mean) until N are kept;
  * share = fraction of kept points within the range; standard error
    sqrt(p (1 - p) / N).
The primary figures are "uniform on the sphere" (geodetic latitude used as
spherical latitude). The script also prints the same shares weighted to equal
area on the WGS84 ellipsoid (importance weight (1 - e^2 sin^2 lat)^-2, the ratio
of the ellipsoidal to the spherical area element up to a constant); the two
differ by far less than the sampling error.

    pip install geographiclib shapely numpy
    python3 tools/basemap/conus_coverage_check.py [--n 250000] [--seed 20240611]
        [--lat 39.0392 --lon 125.7625] [--ranges 10000,11000,12000]
"""
import argparse
import json
import math
from pathlib import Path

import numpy as np
import shapely
from geographiclib.geodesic import Geodesic
from shapely.geometry import MultiPolygon, Polygon

CONUS = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "conus.json"
BATCH = 100_000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=250_000, help="points kept inside CONUS")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--lat", type=float, default=39.0392)
    ap.add_argument("--lon", type=float, default=125.7625)
    ap.add_argument("--ranges", default="10000,11000,12000", help="km, comma-separated")
    ap.add_argument("--conus", type=Path, default=CONUS)
    args = ap.parse_args()
    ranges_km = [float(r) for r in args.ranges.split(",")]

    data = json.loads(args.conus.read_text())
    geom = MultiPolygon([Polygon(r) for r in data["polygons"]])
    if not geom.is_valid:
        raise SystemExit(f"CONUS geometry is not valid: {shapely.validation.explain_validity(geom)}")
    shapely.prepare(geom)
    lon0, lat0, lon1, lat1 = geom.bounds
    z0, z1 = math.sin(math.radians(lat0)), math.sin(math.radians(lat1))

    rng = np.random.default_rng(args.seed)
    lons, lats, drawn = [], [], 0
    kept = 0
    while kept < args.n:
        x = rng.uniform(lon0, lon1, BATCH)
        y = np.degrees(np.arcsin(rng.uniform(z0, z1, BATCH)))
        drawn += BATCH
        inside = shapely.contains_xy(geom, x, y)
        lons.append(x[inside])
        lats.append(y[inside])
        kept += int(inside.sum())
    lon = np.concatenate(lons)[: args.n]
    lat = np.concatenate(lats)[: args.n]
    n = len(lon)

    g = Geodesic.WGS84
    dist_km = np.fromiter(
        (g.Inverse(args.lat, args.lon, float(b), float(a), Geodesic.DISTANCE)["s12"] / 1000.0
         for a, b in zip(lon, lat)),
        dtype=float,
        count=n,
    )
    e2 = g.f * (2 - g.f)
    w = (1 - e2 * np.sin(np.radians(lat)) ** 2) ** -2
    w /= w.sum()

    print(f"outline: {args.conus.name}, {len(data['polygons'])} polygons; bbox lon [{lon0}, {lon1}] lat [{lat0}, {lat1}]")
    print(f"site: {args.lat}, {args.lon}; seed {args.seed}; {n} points inside of {drawn} drawn")
    print(f"distance to sampled points: min {dist_km.min():.1f} km, max {dist_km.max():.1f} km")
    for r in ranges_km:
        hit = dist_km <= r
        p = hit.mean()
        se = math.sqrt(p * (1 - p) / n)
        pw = float(w[hit].sum())
        sew = math.sqrt(float(np.sum(w**2 * (hit - pw) ** 2)))  # ratio-estimator SE
        print(f"within {r:,.0f} km: {100 * p:6.2f} % +- {100 * se:.2f} (sphere)   "
              f"{100 * pw:6.2f} % +- {100 * sew:.2f} (WGS84 equal-area weighting)")


if __name__ == "__main__":
    main()
