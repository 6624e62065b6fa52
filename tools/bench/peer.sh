#!/bin/bash
# Whole-process time of our 4K world map against the same map scripted with matplotlib + cartopy.
#
#   tools/bench/peer.sh [BINARY]      (run from the repository root; default target/release/range-rings)
#
# Needs hyperfine and a Python with cartopy, matplotlib, shapely, pyproj and numpy, given by
# PEER_PYTHON (default /work/bench-venv/bin/python; made with
#   /usr/bin/python3 -m venv /work/bench-venv && /work/bench-venv/bin/pip install cartopy matplotlib shapely pyproj numpy).
# No network: cartopy draws the repository's own Natural Earth 1:50m basemap, converted to
# GeoJSON once (tools/bench/basemap_geojson.py, not timed). Checks that the peer draws the rings
# `BINARY reach` lists, then times both processes with `hyperfine -N -w 1 -r 5`:
#   BINARY export --layout map --preset slide-4k -o OUT/ours.png
#   PEER_PYTHON tools/bench/cartopy_map.py OUT/cartopy.png GEOJSON_DIR
# and prints the means, the min..max of the runs, the CPU time (user + sys) and the ratio
# (cartopy / ours). The two images are left in OUT (PEER_OUT, default /tmp/peer-bench).
set -euo pipefail
BIN=${1:-target/release/range-rings}
PY=${PEER_PYTHON:-/work/bench-venv/bin/python}
OUT=${PEER_OUT:-/tmp/peer-bench}
GEO=$(mktemp -d)
trap 'rm -rf "$GEO"' EXIT
mkdir -p "$OUT"

python3 tools/bench/basemap_geojson.py "$GEO" >/dev/null

# The peer's rings (each missile from each of its sites, hidden ones too) are the reach table's.
if ! diff <("$PY" tools/bench/cartopy_map.py --rings | cut -d, -f1,2 | sort) \
          <("$BIN" reach --format csv | tail -n +2 | cut -d, -f1,2 | sort -u) >/dev/null; then
    echo "ring list differs from '$BIN reach'" >&2
    exit 1
fi

hyperfine -N -w 1 -r 5 --export-json "$GEO/times.json" \
    -n ours "$BIN export --layout map --preset slide-4k -o $OUT/ours.png" \
    -n cartopy "$PY tools/bench/cartopy_map.py $OUT/cartopy.png $GEO"

python3 - "$GEO/times.json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
for name, x in r.items():
    print(f"{name:8} mean {x['mean']:.3f} s  (min {x['min']:.3f} .. max {x['max']:.3f}, "
          f"{len(x['times'])} runs)  CPU {x['user'] + x['system']:.3f} s")
print(f"ratio cartopy / ours: {r['cartopy']['mean'] / r['ours']['mean']:.1f}x wall, "
      f"{(r['cartopy']['user'] + r['cartopy']['system']) / (r['ours']['user'] + r['ours']['system']):.1f}x CPU")
EOF
echo "images: $OUT/ours.png $OUT/cartopy.png"
