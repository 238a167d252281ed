"""A land/water raster of the Natural Earth country outlines, for the network's own checks (the
detour index's "sea in between", the sea lanes' land crossings). Python 3, standard library only.

    mask = LandMask.load(path_to_ne_50m_admin_0_countries.geojson.xz)
    mask.is_land(lon, lat)                 # True on land (cell of `step` degrees, default 0.05)
    mask.water_fraction(a, b)              # share of the straight segment a -> b (lon, lat) over water
    mask.longest_land_run_km(points)       # longest stretch of a polyline over land, km

The raster is filled by scanlines (even-odd rule per polygon) over the region
lon 55..150, lat -15..60; outside it every point is water. At 0.05 degrees (~5.5 km) a coastal
port can sit in a land or a water cell: callers allow a margin near the ends."""
import json
import lzma
import math

R_KM = 6371.0088


def haversine_km(a, b):
    (lo1, la1), (lo2, la2) = a, b
    p = math.pi / 180
    h = (math.sin((la2 - la1) * p / 2) ** 2
         + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2)
    return 2 * R_KM * math.asin(math.sqrt(min(1.0, h)))


class LandMask:
    LON0, LON1, LAT0, LAT1 = 55.0, 150.0, -15.0, 60.0

    def __init__(self, rings, step=0.05):
        self.step = step
        self.cols = int(round((self.LON1 - self.LON0) / step))
        self.rows = int(round((self.LAT1 - self.LAT0) / step))
        self.cells = bytearray(self.cols * self.rows)
        for ring_group in rings:
            self._fill(ring_group)

    @classmethod
    def load(cls, path, step=0.05):
        opener = lzma.open if path.endswith(".xz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        polygons = []
        for feat in data["features"]:
            geom = feat.get("geometry") or {}
            if geom.get("type") == "Polygon":
                polygons.append(geom["coordinates"])
            elif geom.get("type") == "MultiPolygon":
                polygons.extend(geom["coordinates"])
        return cls(polygons, step)

    def _fill(self, polygon):
        """Even-odd scanline fill of one polygon (outer ring and holes) at each row's centre."""
        crossings = {}
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                if y1 == y2:
                    continue
                lo, hi = min(y1, y2), max(y1, y2)
                r0 = max(0, math.ceil((lo - self.LAT0) / self.step - 0.5))
                r1 = min(self.rows - 1, math.floor((hi - self.LAT0) / self.step - 0.5))
                for r in range(r0, r1 + 1):
                    y = self.LAT0 + (r + 0.5) * self.step
                    if not (lo <= y < hi):
                        continue
                    crossings.setdefault(r, []).append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        for r, xs in crossings.items():
            xs.sort()
            base = r * self.cols
            for xa, xb in zip(xs[0::2], xs[1::2]):
                c0 = max(0, math.ceil((xa - self.LON0) / self.step - 0.5))
                c1 = min(self.cols - 1, math.floor((xb - self.LON0) / self.step - 0.5))
                if c1 >= c0:
                    self.cells[base + c0:base + c1 + 1] = b"\x01" * (c1 - c0 + 1)

    def is_land(self, lon, lat):
        c = int((lon - self.LON0) / self.step)
        r = int((lat - self.LAT0) / self.step)
        if not (0 <= c < self.cols and 0 <= r < self.rows):
            return False
        return self.cells[r * self.cols + c] == 1

    @staticmethod
    def _samples(a, b, every_km):
        n = max(2, int(haversine_km(a, b) / every_km) + 1)
        return [(a[0] + (b[0] - a[0]) * i / (n - 1), a[1] + (b[1] - a[1]) * i / (n - 1))
                for i in range(n)]

    def water_fraction(self, a, b, every_km=5.0):
        """Share of the straight lon/lat segment a -> b over water (sampled every `every_km`)."""
        pts = self._samples(a, b, every_km)
        return sum(1 for p in pts if not self.is_land(*p)) / len(pts)

    def longest_land_run_km(self, points, every_km=2.0, skip_ends_km=15.0):
        """The longest stretch of the polyline `points` (lon, lat) over land, km, leaving out the
        first and last `skip_ends_km` (a port's own cell and approach)."""
        total = sum(haversine_km(p, q) for p, q in zip(points, points[1:]))
        run = best = walked = 0.0
        for p, q in zip(points, points[1:]):
            seg = self._samples(p, q, every_km)
            step = haversine_km(p, q) / max(1, len(seg) - 1)
            for i, s in enumerate(seg[1:], 1):
                walked_here = walked + i * step
                inside = skip_ends_km < walked_here < total - skip_ends_km
                if inside and self.is_land(*s):
                    run += step
                    best = max(best, run)
                else:
                    run = 0.0
            walked += haversine_km(p, q)
        return best
