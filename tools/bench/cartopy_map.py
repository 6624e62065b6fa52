#!/usr/bin/env python3
"""The built-in scenario's world map drawn with matplotlib + cartopy: the peer of
`range-rings export --layout map --preset slide-4k` for tools/bench/peer.sh.

    PYTHON tools/bench/cartopy_map.py OUT.png GEOJSON_DIR [--platecarree]   # draw the map
    PYTHON tools/bench/cartopy_map.py --rings     # print site,missile,visible of every ring

PYTHON is an interpreter with cartopy, matplotlib, shapely, pyproj and numpy (peer.sh uses
/work/bench-venv/bin/python). GEOJSON_DIR holds land-50m.geojson and borders-50m.geojson as
written by tools/bench/basemap_geojson.py (the repository's own Natural Earth 1:50m data, so
cartopy downloads nothing). Scripted as an analyst would: PlateCarree centred on 150 E; ocean,
land, coastlines, borders and a 30-degree graticule; for each visible missile and each of its
sites a WGS84 geodesic circle of range_km (pyproj.Geod.fwd, 360 azimuths), tinted at alpha 0.25
and outlined, the band of estimates (range_min_km..range_max_km) as a hatched annulus; the
target area outlines; launch and patrol sites and targets as markers with halo labels.
Patrol sites with an area are drawn at their lat/lon.

Rings are handed to cartopy in ccrs.Geodetic() with the azimuths counter-clockwise (360 -> 0,
as cartopy.geodesic.Geodesic.circle and GeoAxes.tissot do): cartopy then splits them at the
map edge and fills the side on their left, which is right for rings across the antimeridian
and round a pole. --platecarree hands the same rings over in ccrs.PlateCarree() with azimuths
0 -> 360 instead (the naive script); cartopy then fills rings that cross lon +-180 or enclose a
pole on the wrong side or with streaks (kept to show that; peer.sh times the default).
"""
import json
import sys
import warnings
from pathlib import Path

SCENARIO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "builtin.json"

# The light theme's colours (src/scene/style.rs).
OCEAN, LAND, COAST, BORDER, GRATICULE, TEXT = (
    "#cfe0ec", "#f7f4ec", "#8f9ca6", "#b9b4aa", "#c4d3de", "#1c252e")


def rings(scenario):
    """(site, missile) of every ring: each missile from each of its sites, hidden ones too."""
    sites = {s["id"]: s for s in scenario["sites"]}
    return [(sites[sid], m) for m in scenario["missiles"] for sid in m["from"]]


def main():
    scenario = json.loads(SCENARIO.read_text())
    if sys.argv[1] == "--rings":
        for site, m in rings(scenario):
            print(f"{site['id']},{m['id']},{str(m.get('visible', True)).lower()}")
        return
    out, geo_dir = sys.argv[1], Path(sys.argv[2])
    naive = "--platecarree" in sys.argv[3:]
    # Clipping Geodetic geometries to the view warns that it approximates with PlateCarree.
    warnings.filterwarnings("ignore", message="Approximating coordinate system")

    import cartopy.crs as ccrs
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.patheffects as pe
    import matplotlib.pyplot as plt
    import numpy as np
    import pyproj
    from shapely.geometry import LineString, MultiLineString, Polygon, shape

    data_crs = ccrs.PlateCarree()
    fig = plt.figure(figsize=(38.4, 21.6), dpi=100, facecolor="white")
    ax = fig.add_axes([0, 0, 1, 1], projection=ccrs.PlateCarree(central_longitude=150))
    ax.set_global()
    ax.set_facecolor(OCEAN)

    def geometries(name):
        features = json.loads((geo_dir / name).read_text())["features"]
        return [shape(f["geometry"]) for f in features]

    # Basemap: land filled without edges; the coastline is the land rings without the cuts
    # the basemap makes along lon = +-180 and lat = -90 (which are not coast).
    land = geometries("land-50m.geojson")
    ax.add_geometries(land, data_crs, facecolor=LAND, edgecolor="none", zorder=1)
    coast = []
    for ring in (r for poly in land for r in [poly.exterior, *poly.interiors]):
        part = []
        for p in ring.coords:
            cut = part and (abs(p[0]) == abs(part[-1][0]) == 180 or p[1] == part[-1][1] == -90)
            if cut:
                coast.append(part)
                part = []
            part.append(p)
        coast.append(part)
    coast = MultiLineString([part for part in coast if len(part) > 1])
    ax.add_geometries([coast], data_crs, facecolor="none", edgecolor=COAST, linewidth=1.0, zorder=2)
    ax.add_geometries(geometries("borders-50m.geojson"), data_crs, facecolor="none",
                      edgecolor=BORDER, linewidth=0.7, zorder=2)
    ax.gridlines(crs=data_crs, xlocs=range(-180, 181, 30), ylocs=range(-90, 91, 30),
                 color=GRATICULE, linewidth=0.7, zorder=3)

    # Rings: geodesic circles on WGS84 in lon/lat (closed: the first azimuth is repeated).
    geod = pyproj.Geod(ellps="WGS84")
    az = np.linspace(0, 360, 361) if naive else np.linspace(360, 0, 361)
    ring_crs = data_crs if naive else ccrs.Geodetic()

    def circle(site, km):
        lon, lat, _ = geod.fwd(np.full(az.size, site["lon"]), np.full(az.size, site["lat"]), az,
                               np.full(az.size, km * 1000.0))
        return list(zip(lon, lat))

    used = {}
    for site, m in rings(scenario):
        if not m.get("visible", True):
            continue
        used[site["id"]] = site
        c, ring = m["color"], circle(site, m["range_km"])
        ax.add_geometries([Polygon(ring)], ring_crs, facecolor=c, alpha=0.25, edgecolor="none",
                          zorder=4)
        ax.add_geometries([LineString(ring)], ring_crs, facecolor="none", edgecolor=c,
                          linewidth=2.5, zorder=5)
        # The band of estimates; a missing edge is the nominal range (as range-rings does).
        lo, hi = m.get("range_min_km", m["range_km"]), m.get("range_max_km", m["range_km"])
        if lo < hi:
            band = Polygon(circle(site, hi), [circle(site, lo)[::-1]])
            ax.add_geometries([band], ring_crs, facecolor="none", edgecolor=c, hatch="////",
                              linewidth=0.6, alpha=0.6, zorder=5)

    # Target areas (outlines), sites and targets with labels.
    for area in scenario.get("target_areas", []):
        ax.add_geometries([Polygon(p) for p in area["polygons"]], data_crs, facecolor="none",
                          edgecolor=TEXT, linewidth=1.0, zorder=6)
    halo = [pe.withStroke(linewidth=4, foreground="white")]
    for s in used.values():
        ax.plot(s["lon"], s["lat"], "^" if s["kind"] == "launch" else "D", color=TEXT,
                markersize=9, transform=data_crs, zorder=7)
        ax.text(s["lon"], s["lat"], " " + s["name"], fontsize=16, color=TEXT, va="bottom",
                transform=data_crs, path_effects=halo, zorder=8)
    for t in scenario["targets"]:
        ax.plot(t["lon"], t["lat"], "o", color=TEXT, markerfacecolor="white", markersize=8,
                transform=data_crs, zorder=7)
        ax.text(t["lon"], t["lat"], "  " + t["name"], fontsize=16, color=TEXT, va="center",
                transform=data_crs, path_effects=halo, zorder=8)

    fig.savefig(out, dpi=100)


if __name__ == "__main__":
    main()
