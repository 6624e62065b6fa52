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
import sys
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "basemap"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "basemap"))
from rrb1 import read_rrb1  # noqa: E402


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
