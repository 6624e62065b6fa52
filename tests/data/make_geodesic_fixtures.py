#!/usr/bin/env python3
"""Generate tests/data/geodesic_reference.json for range-rings.

What it makes
-------------
Reference values on the WGS84 ellipsoid computed with Charles Karney's
GeographicLib (Python package ``geographiclib``), used by the Rust test suite
to check range-rings' geodesic maths:

* ``inverse``: Geodesic.WGS84.Inverse for Pyongyang -> every target and
  Sinpo -> every target in /work/shared/reference/places.csv (kind=target),
  plus ~35 named hard cases (poles, antimeridian, nearly antipodal, 1 m line,
  equatorial, meridional, coincident points).
* ``direct``: Geodesic.WGS84.Direct for 10 centres x 9 distances x 8 azimuths.
  lon2 is normalised to [-180, 180] (LONG_UNROLL off, the default).
* ``rings``: range rings (centre, radius_m) with probe points; each probe has
  the exact geodesic distance from the centre (Inverse) and
  ``inside = distance_m <= radius_m``.  Probes: 12 random points uniform on the
  sphere (fixed seed), 12 points near the ring edge (Direct from the centre at
  12 azimuths, alternately at radius-d and radius+d, d = 0.2 % of the radius,
  20 m for the 1 km ring; on the outside d is capped at half the gap to the
  antipodal distance), the North Pole, the South Pole and the centre's
  antipode.  Radii not below the centre's antipodal distance (Inverse(lat, lon,
  -lat, lon+180)) are skipped.  Two extra Pyongyang rings (12,420 km and
  15,000 km) are probed at every place in places.csv (plus poles/antipode).
  Note: the recorded ``inside`` is the truth from the exact distance; near the
  antipode an "outside" edge probe may come out inside (the Direct path is then
  not the shortest geodesic), which is intentional test material.

All angles in degrees, distances in metres; floats are written with
json's default repr (full double precision).  Output is deterministic.

How to re-run (from the repository root /work/main)
---------------------------------------------------
    pip install geographiclib==2.1 && python3 tests/data/make_geodesic_fixtures.py

Optional arguments: --places PATH (default /work/shared/reference/places.csv,
falling back to tests/data/places.csv) and --out PATH (default
tests/data/geodesic_reference.json next to this script).
"""

import argparse
import csv
import json
import math
import os
import random
import sys

import geographiclib
from geographiclib.geodesic import Geodesic

HERE = os.path.dirname(os.path.abspath(__file__))
GEOD = Geodesic.WGS84
SEED = 20240601  # fixed seed for the random ring probes

PYONGYANG = (39.0392, 125.7625)
SINPO = (40.0333, 128.2)


def norm_lon(x):
    """Normalise a longitude to [-180, 180)."""
    y = math.fmod(x + 180.0, 360.0)
    if y < 0:
        y += 360.0
    return y - 180.0


def load_places(path):
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["lat"] = float(r["lat"])
        r["lon"] = float(r["lon"])
    return rows


def inv(lat1, lon1, lat2, lon2):
    return GEOD.Inverse(lat1, lon1, lat2, lon2)


def inverse_entry(name, lat1, lon1, lat2, lon2):
    g = inv(lat1, lon1, lat2, lon2)
    return {
        "name": name,
        "lat1": lat1, "lon1": lon1, "lat2": lat2, "lon2": lon2,
        "s12_m": g["s12"], "azi1_deg": g["azi1"], "azi2_deg": g["azi2"],
    }


def direct_point(lat, lon, azi, s):
    g = GEOD.Direct(lat, lon, azi, s)  # default outmask: LONG_UNROLL off
    return g


def build_inverse(places):
    out = []
    targets = [p for p in places if p["kind"] == "target"]
    for origin_name, (la, lo) in (("pyongyang", PYONGYANG), ("sinpo", SINPO)):
        for t in targets:
            out.append(inverse_entry("%s->%s" % (origin_name, t["id"]),
                                     la, lo, t["lat"], t["lon"]))

    py_lat, py_lon = PYONGYANG
    g1m = direct_point(py_lat, py_lon, 45.0, 1.0)
    g1m_n = direct_point(py_lat, py_lon, 0.0, 1.0)
    geq = direct_point(0.0, 0.0, 90.0, 1.0e6)
    hard = [
        ("near north pole (89.9,0)->(89.9,180) over the pole", 89.9, 0.0, 89.9, 180.0),
        ("near north pole (89.99,0)->(89.99,90)", 89.99, 0.0, 89.99, 90.0),
        ("over north pole (80,0)->(80,180)", 80.0, 0.0, 80.0, 180.0),
        ("across antimeridian (10,179.5)->(-10,-179.5)", 10.0, 179.5, -10.0, -179.5),
        ("across antimeridian short (35,179.99)->(35,-179.99)", 35.0, 179.99, 35.0, -179.99),
        ("across antimeridian equator (0,179.9)->(0,-179.9)", 0.0, 179.9, 0.0, -179.9),
        ("across antimeridian westward (40,-140)->(40,160)", 40.0, -140.0, 40.0, 160.0),
        ("lon 180 vs -180 same point (35,180)->(35,-180)", 35.0, 180.0, 35.0, -180.0),
        ("nearly antipodal (0,0)->(0.5,179.7)", 0.0, 0.0, 0.5, 179.7),
        ("nearly antipodal (0,0)->(0.5,179.5)", 0.0, 0.0, 0.5, 179.5),
        ("nearly antipodal Karney (-30,0)->(29.9,179.8)", -30.0, 0.0, 29.9, 179.8),
        ("exact antipode of pyongyang", py_lat, py_lon, -py_lat, norm_lon(py_lon + 180.0)),
        ("nearly antipodal pyongyang->(-38.9,-54.0)", py_lat, py_lon, -38.9, -54.0),
        ("exact antipodal (-60,170)->(60,-10)", -60.0, 170.0, 60.0, -10.0),
        ("nearly antipodal across poles (-89.5,45)->(89.5,-135)", -89.5, 45.0, 89.5, -135.0),
        ("equatorial antipodal (0,0)->(0,180)", 0.0, 0.0, 0.0, 180.0),
        ("equatorial still along equator (0,0)->(0,179.3)", 0.0, 0.0, 0.0, 179.3),
        ("equatorial beyond equator-shortest (0,0)->(0,179.5)", 0.0, 0.0, 0.0, 179.5),
        ("equatorial quarter (0,0)->(0,90)", 0.0, 0.0, 0.0, 90.0),
        ("from north pole (90,0)->(10,50)", 90.0, 0.0, 10.0, 50.0),
        ("from south pole (-90,0)->(-10,-120)", -90.0, 0.0, -10.0, -120.0),
        ("to north pole pyongyang->(90,0)", py_lat, py_lon, 90.0, 0.0),
        ("pole to pole (90,0)->(-90,0)", 90.0, 0.0, -90.0, 0.0),
        ("pole to equator (90,0)->(0,0)", 90.0, 0.0, 0.0, 0.0),
        ("short line 1 m NE at pyongyang", py_lat, py_lon, g1m["lat2"], g1m["lon2"]),
        ("short line 1 m N at pyongyang", py_lat, py_lon, g1m_n["lat2"], g1m_n["lon2"]),
        ("short line ~1 m east on equator (0,0)->(0,1e-5)", 0.0, 0.0, 0.0, 1.0e-5),
        ("equator east 1000 km", 0.0, 0.0, geq["lat2"], geq["lon2"]),
        ("meridional (0,0)->(60,0)", 0.0, 0.0, 60.0, 0.0),
        ("meridional southward (45,10)->(-30,10)", 45.0, 10.0, -30.0, 10.0),
        ("meridional across pole (60,20)->(70,-160)", 60.0, 20.0, 70.0, -160.0),
        ("coincident pyongyang", py_lat, py_lon, py_lat, py_lon),
        ("coincident (0,0)", 0.0, 0.0, 0.0, 0.0),
        ("coincident north pole (90,0)->(90,0)", 90.0, 0.0, 90.0, 0.0),
        ("long haul pyongyang->(24.7136,-81.0904) marathon", py_lat, py_lon, 24.7136, -81.0904),
    ]
    for name, a, b, c, d in hard:
        out.append(inverse_entry(name, a, b, c, d))
    return out


DIRECT_CENTRES = [
    ("pyongyang", PYONGYANG[0], PYONGYANG[1]),
    ("(89.99,0)", 89.99, 0.0),
    ("(90,0)", 90.0, 0.0),
    ("(-89.5,45)", -89.5, 45.0),
    ("(0,180)", 0.0, 180.0),
    ("(35,180)", 35.0, 180.0),
    ("(35,-179.9)", 35.0, -179.9),
    ("(40,-140)", 40.0, -140.0),
    ("(-60,170)", -60.0, 170.0),
    ("(0,0)", 0.0, 0.0),
]
DIRECT_RADII = [1000.0, 195000.0, 1000000.0, 5000000.0, 10000000.0,
                13000000.0, 15000000.0, 19900000.0, 20003000.0]
DIRECT_AZIMUTHS = [0.0, 37.5, 90.0, 135.25, 180.0, 226.0, 270.0, 333.0]


def fmt_num(x):
    return ("%d" % x) if float(x).is_integer() else repr(x)


def build_direct():
    out = []
    for cname, lat, lon in DIRECT_CENTRES:
        for s in DIRECT_RADII:
            for az in DIRECT_AZIMUTHS:
                g = direct_point(lat, lon, az, s)
                out.append({
                    "name": "c=%s r=%s az=%s" % (cname, fmt_num(s), fmt_num(az)),
                    "lat1": lat, "lon1": lon, "azi1_deg": az, "s12_m": s,
                    "lat2": g["lat2"], "lon2": g["lon2"], "azi2_deg": g["azi2"],
                })
    return out


RING_CENTRES = [
    ("pyongyang", PYONGYANG[0], PYONGYANG[1]),
    ("(85,30)", 85.0, 30.0),
    ("(89.99,0)", 89.99, 0.0),
    ("(-88,-100)", -88.0, -100.0),
    ("(35,180)", 35.0, 180.0),
    ("(0,179.9)", 0.0, 179.9),
    ("(40,-140)", 40.0, -140.0),
    ("(0,0)", 0.0, 0.0),
]
RING_RADII = [1000.0, 500000.0, 2000000.0, 6000000.0, 10000000.0,
              15000000.0, 19990000.0]


def probe(clat, clon, radius, plat, plon):
    d = inv(clat, clon, plat, plon)["s12"]
    return {"lat": plat, "lon": plon, "distance_m": d, "inside": d <= radius}


def fixed_probes(clat, clon, radius):
    return [probe(clat, clon, radius, 90.0, 0.0),
            probe(clat, clon, radius, -90.0, 0.0),
            probe(clat, clon, radius, -clat, norm_lon(clon + 180.0))]


def build_rings(places, rng):
    out = []
    for cname, clat, clon in RING_CENTRES:
        anti = inv(clat, clon, -clat, clon + 180.0)["s12"]
        for r in RING_RADII:
            if not r < anti:
                continue
            probes = []
            for _ in range(12):
                u, v = rng.random(), rng.random()
                plat = math.degrees(math.asin(2.0 * u - 1.0))
                plon = 360.0 * v - 180.0
                probes.append(probe(clat, clon, r, plat, plon))
            base = 20.0 if r <= 1000.0 else 0.002 * r
            for k in range(12):
                az = 30.0 * k + 7.5
                if k % 2 == 0:
                    s = r - base
                else:
                    s = r + min(base, 0.5 * (anti - r))
                g = direct_point(clat, clon, az, s)
                probes.append(probe(clat, clon, r, g["lat2"], g["lon2"]))
            probes.extend(fixed_probes(clat, clon, r))
            out.append({"name": "c=%s r=%s" % (cname, fmt_num(r)),
                        "lat": clat, "lon": clon, "radius_m": r,
                        "probes": probes})
    clat, clon = PYONGYANG
    for r in (12420000.0, 15000000.0):
        probes = [probe(clat, clon, r, p["lat"], p["lon"]) for p in places]
        probes.extend(fixed_probes(clat, clon, r))
        out.append({"name": "c=pyongyang r=%s probes=places.csv" % fmt_num(r),
                    "lat": clat, "lon": clon, "radius_m": r, "probes": probes})
    return out


def dump(doc, path):
    """json with one entry per line: compact but diff-friendly."""
    def d(x):
        return json.dumps(x, allow_nan=False)
    lines = ["{"]
    scalars = ["generator", "geographiclib_version", "ellipsoid"]
    for k in scalars:
        lines.append("  %s: %s," % (d(k), d(doc[k])))
    sections = ["inverse", "direct", "rings"]
    for i, k in enumerate(sections):
        lines.append("  %s: [" % d(k))
        items = doc[k]
        for j, it in enumerate(items):
            lines.append("    " + d(it) + ("," if j + 1 < len(items) else ""))
        lines.append("  ]" + ("," if i + 1 < len(sections) else ""))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # self-check
    with open(path, "w") as fh:
        fh.write(text)
    return len(text)


def sanity(inverse):
    by = {e["name"]: e for e in inverse}
    published = [("seoul", 195.0, 146.6), ("tokyo", 1287.2, 102.4),
                 ("guam", 3391.8, 141.0), ("washington", 11067.4, 17.8)]
    ok = True
    for tid, km, az in published:
        e = by["pyongyang->" + tid]
        got_km, got_az = e["s12_m"] / 1000.0, e["azi1_deg"]
        good = abs(got_km - km) <= 0.05 + 1e-9 and abs(got_az - az) <= 0.05 + 1e-9
        ok &= good
        print("pyongyang->%-10s %9.1f km az %6.1f  (published %9.1f km az %6.1f) %s"
              % (tid, got_km, got_az, km, az, "OK" if good else "MISMATCH"))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_places = "/work/shared/reference/places.csv"
    if not os.path.exists(default_places):
        default_places = os.path.join(HERE, "places.csv")
    ap.add_argument("--places", default=default_places)
    ap.add_argument("--out", default=os.path.join(HERE, "geodesic_reference.json"))
    args = ap.parse_args()

    places = load_places(args.places)
    rng = random.Random(SEED)
    doc = {
        "generator": "tests/data/make_geodesic_fixtures.py",
        "geographiclib_version": geographiclib.__version__,
        "ellipsoid": {"a": GEOD.a, "f": GEOD.f},
        "inverse": build_inverse(places),
        "direct": build_direct(),
        "rings": build_rings(places, rng),
    }
    size = dump(doc, args.out)
    nprobes = sum(len(r["probes"]) for r in doc["rings"])
    print("wrote %s (%d bytes): geographiclib %s, inverse=%d direct=%d rings=%d probes=%d"
          % (args.out, size, doc["geographiclib_version"], len(doc["inverse"]),
             len(doc["direct"]), len(doc["rings"]), nprobes))
    return 0 if sanity(doc["inverse"]) else 1


if __name__ == "__main__":
    sys.exit(main())
