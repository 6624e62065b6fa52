#!/usr/bin/env python3
"""Converts the repository's 1:50m basemap (RRB1, see assets/basemap/README.md) to GeoJSON.

    python3 tools/bench/basemap_geojson.py OUT_DIR

Writes OUT_DIR/land-50m.geojson (one Polygon feature per land polygon: the exterior ring, then
its holes; exteriors counter-clockwise and holes clockwise, as RFC 7946 asks) and
OUT_DIR/borders-50m.geojson (one LineString feature per border line), so that a peer tool
(tools/bench/cartopy_map.py) draws the same Natural Earth data without downloading it.
Standard library only.
"""
import json
import struct
import sys
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "basemap"


def read_rrb1(path):
    """Returns (kind, items): kind 1 = polygons (lists of rings), 2 = lines; points (lon, lat).

    Copied from tools/basemap/check.py.
    """
    data = path.read_bytes()
    assert data[:4] == b"RRB1", path
    kind = data[4]
    assert data[5:8] == b"\0\0\0"
    (count,) = struct.unpack_from("<I", data, 8)
    off = 12

    def points():
        nonlocal off
        (n,) = struct.unpack_from("<I", data, off)
        off += 4
        vals = struct.unpack_from(f"<{2 * n}i", data, off)
        off += 8 * n
        return [(vals[2 * i] / 1e6, vals[2 * i + 1] / 1e6) for i in range(n)]

    items = []
    for _ in range(count):
        if kind == 1:
            (nr,) = struct.unpack_from("<I", data, off)
            off += 4
            items.append([points() for _ in range(nr)])
        else:
            items.append(points())
    assert off == len(data), (path, off, len(data))
    return kind, items


def write(path, geom_type, items):
    """Writes the items as a FeatureCollection of geom_type features."""
    features = [
        {"type": "Feature", "properties": {}, "geometry": {"type": geom_type, "coordinates": c}}
        for c in items
    ]
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, separators=(",", ":"))
    print(f"wrote {path}: {len(features)} {geom_type} features")


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    kind, polys = read_rrb1(ASSETS / "land-50m.bin")
    assert kind == 1
    write(out / "land-50m.geojson", "Polygon", polys)
    kind, lines = read_rrb1(ASSETS / "borders-50m.bin")
    assert kind == 2
    write(out / "borders-50m.geojson", "LineString", lines)


if __name__ == "__main__":
    main()
