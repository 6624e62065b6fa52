#!/usr/bin/env python3
"""Writes a scenario of N dispersed launch points (scale benchmarks).

    python3 tools/bench/dispersed.py N > dispersed-N.json

N launch sites on a jittered grid over a lon/lat box round North Korea (some fall at sea or
across the border; deterministic: the same N gives the same file), the built-in scenario's targets and target areas, and three missiles flying
from every site: an SRBM (690 km), an IRBM (4,500 km) and an ICBM (13,000 km), so 3 N rings.
"""
import json
import math
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main() -> None:
    n = int(sys.argv[1])
    builtin = json.loads((ROOT / "assets/scenarios/builtin.json").read_text())
    rng = random.Random(n)
    side = math.ceil(math.sqrt(n))
    sites = []
    for i in range(n):
        row, col = divmod(i, side)
        lat = 38.3 + (row + rng.random()) / side * 3.9
        lon = 124.6 + (col + rng.random()) / side * 4.6
        sites.append(
            {"id": f"tel-{i + 1}", "name": f"TEL {i + 1}", "kind": "launch",
             "lat": round(lat, 4), "lon": round(lon, 4)}
        )
    ids = [s["id"] for s in sites]
    basis = [{"text": "Benchmark figure", "km": [0], "basis": "assumed"}]

    def missile(mid, name, cls, km, color):
        return {"id": mid, "name": name, "class": cls, "platform": "land", "range_km": km,
                "color": color, "from": ids,
                "sources": [dict(basis[0], km=[km])]}

    scenario = {
        "format": builtin["format"],
        "title": f"{n} dispersed launch points",
        "as_of": builtin["as_of"],
        "sites": sites,
        "missiles": [
            missile("srbm", "SRBM", "SRBM", 690, "#0077bb"),
            missile("irbm", "IRBM", "IRBM", 4500, "#ee7733"),
            missile("icbm", "ICBM", "ICBM", 13000, "#cc3311"),
        ],
        "targets": builtin["targets"],
        "target_areas": builtin.get("target_areas", []),
        "view": builtin["view"],
    }
    json.dump(scenario, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
