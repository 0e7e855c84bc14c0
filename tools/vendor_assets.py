"""Vendor the web explorer's offline basemap into ``newsgraph/web/static/vendor``.

Run by hand after ``npm ci`` (the output is committed, so a fresh checkout runs
``newsgraph serve`` with no npm and no network). Source: the npm package
``world-atlas`` (Natural Earth 1:110m admin-0 countries, public domain, as
TopoJSON, ISC licence). The TopoJSON is decoded here and each country written
as one SVG path in an equirectangular projection (x = lon + 180, y = 90 - lat,
viewBox 0 0 360 180), so the browser draws the map with no projection library.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
OUT = ROOT / "newsgraph" / "web" / "static" / "vendor" / "countries-110m.json"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON quantized delta encoding)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        pts: list[tuple[float, float]] = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join a ring's arcs (a negative index ~i means arc i reversed)."""
    pts: list[tuple[float, float]] = []
    for i in ring:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def svg_path(rings: list[list[tuple[float, float]]]) -> str:
    """Rings as an SVG path in the 360x180 equirectangular frame, 0.1 degree precision."""
    parts: list[str] = []
    for ring in rings:
        coords = [f"{lon + 180:.1f} {90 - lat:.1f}" for lon, lat in ring]
        parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def main() -> int:
    if not SRC.exists():
        print(f"{SRC} missing: run `npm ci` first", file=sys.stderr)
        return 1
    topo = json.loads(SRC.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        rings = [ring_points(r, arcs) for poly in polys for r in poly]
        countries.append({
            "id": geom.get("id"),
            "name": (geom.get("properties") or {}).get("name"),
            "d": svg_path(rings),
        })
    payload = {
        "provenance": "Natural Earth 1:110m countries (public domain) via npm world-atlas 2.0.2 "
                      "(ISC); equirectangular, viewBox 0 0 360 180; tools/vendor_assets.py",
        "viewBox": [0, 0, 360, 180],
        "countries": countries,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(countries)} countries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
