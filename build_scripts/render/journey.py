"""The journey map: an inline SVG (no tiles, no request leaving the site), built with lxml.

Land and sea are drawn from Natural Earth (map_data.py); the legs of the journey as what they were, a sea passage
or a railway through its main stations, each styled by how certain the edition holds it; the stops the edition
holds to be true as filled circles joined by the legs; an uncertain or only intended stop apart, as an open circle
marked so. A text alternative lists the stops and the legs with what each rests on."""
from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import etree

from ..model import Edition, Leg, Stop
from ..paths import JOURNEY_PATH, entity_path, href
from .chronology import EvidenceMarkup
from .html import E, Page
from ..cache import cached
from ..load.schema import JOURNEY_MODES
from .map_data import RESOLUTION, fetch, land_rings

WIDTH, PAD = 1000, 30
LABEL = 22  # label size in the drawing's units: about 12 px on a 540 px wide phone screen


def _frame(points: list[tuple[float, float]]):
    """The drawing's frame around the points, a little margin of land and sea around them, and its projection:
    equirectangular, scaled by the cosine of the middle latitude."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat0, lat1 = min(lats) - 4, max(lats) + 4
    lon0, lon1 = min(lons) - 4, max(lons) + 14  # room east of the last stop for its name
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (WIDTH - 2 * PAD) / ((lon1 - lon0) * k)
    height = round((lat1 - lat0) * scale + 2 * PAD)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round(PAD + (lon - lon0) * k * scale, 1), round(PAD + (lat1 - lat) * scale, 1)
    return xy, (lat0, lat1, lon0, lon1), height


def _path(rings, xy, box) -> str:
    """The land as one SVG path: the rings that reach into the frame, thinned to points a pixel apart."""
    lat0, lat1, lon0, lon1 = box
    out = []
    for ring in rings:
        if not any(lat0 - 10 <= lat <= lat1 + 10 and lon0 - 10 <= lon <= lon1 + 10 for lat, lon in ring):
            continue
        pts, last = [], None
        for lat, lon in ring:
            x, y = (round(v) for v in xy(lat, lon))
            if last is None or abs(x - last[0]) + abs(y - last[1]) >= 3:
                pts.append(f"{x},{y}")
                last = (x, y)
        if len(pts) > 2:
            out.append("M" + "L".join(pts) + "Z")
    return "".join(out)


XLINK = "http://www.w3.org/1999/xlink"


def _s(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


# Labels are placed so that none overlaps another or a stop, and none leaves the drawing: each tries, in order, the
# places beside its point a map reader looks first (right, then above or below, then left), and takes the first
# free one. A label's box is estimated from its length: the interface's sans-serif averages about 0.56 em a
# character (0.6 in bold), generous for the narrow faces of the font stacks.
CHAR = {False: .56, True: .6}


@dataclass
class _Label:
    text: str
    x: float  # the point labelled
    y: float
    size: float
    bold: bool
    parent: etree._Element
    r: float  # the radius of the point's mark
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # left, top, right, bottom
    at: tuple[float, float, str] = (0, 0, "start")  # x, baseline y, text-anchor

    far: bool = False  # placed away from its point: a leader line joins them

    def candidates(self):
        """(box, (x, baseline, anchor), far) for each place tried, nearest first; then the same further out, where
        a leader line will join the label to its point."""
        w, h = len(self.text) * self.size * CHAR[self.bold], self.size
        mid = self.y + h * .35  # baseline for a label centred on the point
        for level in range(3):
            gap = self.r + 4 + level * h * 1.2
            for dx, base, anchor in ((gap, mid, "start"), (gap * .7, self.y - gap * .7, "start"),
                                     (gap * .7, self.y + gap * .7 + h * .8, "start"), (-gap, mid, "end"),
                                     (-gap * .7, self.y - gap * .7, "end"), (-gap * .7, self.y + gap * .7 + h * .8, "end"),
                                     (0, self.y - gap - h * .2, "middle"), (0, self.y + gap + h * .8, "middle")):
                if level and anchor != "middle" and base == mid:
                    continue  # far beside the point on its own line reads as another point's name
                x = self.x + dx
                left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
                yield (left, base - h * .8, left + w, base + h * .25), (x, base, anchor), level > 0


def _overlap(a, b, margin: float = 2) -> bool:
    return a[0] < b[2] + margin and b[0] < a[2] + margin and a[1] < b[3] + margin and b[1] < a[3] + margin


def _place(labels: list[_Label], points: list[tuple[float, float, float]], width: float, height: float) -> None:
    """Each label at its first free place (in the order given: the stops' names first); where none is free, at the
    one that overlaps least."""
    taken = [(x - r, y - r, x + r, y + r) for x, y, r in points]
    for label in labels:
        best = None
        for box, at, far in label.candidates():
            inside = box[0] >= 2 and box[1] >= 2 and box[2] <= width - 2 and box[3] <= height - 2
            clashes = sum(_overlap(box, t) for t in taken) + (0 if inside else 100)
            if best is None or clashes < best[0]:
                best = (clashes, box, at, far)
            if clashes == 0:
                break
        _, label.box, label.at, label.far = best
        taken.append(label.box)


def legend(ed: Edition) -> str:
    """What the marks and lines of the map mean: the stops, the modes of travel the journey uses, the ways."""
    L, used = ed.labels, {g.mode for g in ed.journey.legs}
    return " ".join([L["journey_legend_stops"], *[L[f"journey_mode_{m}"] for m in JOURNEY_MODES if m in used],
                     L["journey_legend_ways"]])


def journey_svg(ed: Edition, page: str) -> etree._Element:
    j, L = ed.journey, ed.labels
    places = {e.id: e for e in ed.entities}
    stops = list(j.stops) + list(j.intended)
    points = [places[s.place].coordinates for s in stops] + [w.coordinates for g in j.legs for w in g.points]
    xy, box, height = _frame(points)
    svg = etree.Element("svg", {"class": "ed-map", "viewBox": f"0 0 {WIDTH} {height}", "role": "img",
                                "aria-labelledby": "ed-map-title ed-map-desc"}, nsmap={"xlink": XLINK})
    _s(svg, "title", j.title, id="ed-map-title")
    _s(svg, "desc", legend(ed), id="ed-map-desc")
    _s(svg, "rect", class_="ed-map-sea", x="0", y="0", width=str(WIDTH), height=str(height))
    # The land's outline is a pure function of the frame: kept in the cache (cite/cache.py), not traced again.
    land = cached("map-land", [box, WIDTH, PAD, RESOLUTION], lambda: _path(land_rings(str(fetch())), xy, box))
    _s(svg, "path", class_="ed-map-land", d=land)
    held = [s for s in j.stops if s.evidence.certainty != "uncertain"]
    legs = _s(svg, "g", class_="ed-map-legs")
    for g in j.legs:
        line = " ".join("{},{}".format(*xy(*w.coordinates)) for w in g.points)
        _s(legs, "polyline", points=line, class_=f"ed-map-leg ed-map-by-{g.mode} ed-map-{g.evidence.certainty}")
    if not j.legs:  # no legs in the data: the stops held true, joined straight
        _s(legs, "polyline", class_="ed-map-route", points=" ".join("{},{}".format(*xy(*places[s.place].coordinates))
                                                                     for s in held))
    stations = _s(svg, "g", class_="ed-map-stations")
    named = {tuple(places[s.place].coordinates) for s in stops}
    marks: list[tuple[float, float, float]] = []
    station_labels, stop_labels = [], []
    for g in j.legs:
        for w in g.points:
            if w.label and tuple(w.coordinates) not in named:
                x, y = xy(*w.coordinates)
                _s(stations, "circle", cx=str(x), cy=str(y), r="3.5")
                marks.append((x, y, 3.5))
                station_labels.append(_Label(w.name, x, y, round(LABEL * .8), False, stations, 3.5))
    for s in stops:
        apart = s not in held
        x, y = xy(*places[s.place].coordinates)
        # xlink:href: Material's instant loading takes every [href] for an HTML link, which an SVG link is not.
        a = _s(svg, "a", **{"class": "ed-map-apart" if apart else "ed-map-stop"})
        a.set(f"{{{XLINK}}}href", href(page, entity_path(s.place)))
        _s(a, "circle", cx=str(x), cy=str(y), r="8")
        marks.append((x, y, 8))
        name = places[s.place].short_name + (f" ({L['evidence_' + s.evidence.certainty]})" if apart else "")
        stop_labels.append(_Label(name, x, y, LABEL, True, a, 8))
    _place(stop_labels + station_labels, marks, WIDTH, height)
    for label in stop_labels + station_labels:
        x, y, anchor = label.at
        if label.far:  # a leader from the point's edge to the nearest edge of the label
            left, top, right, bottom = label.box
            tx, ty = min(max(label.x, left), right), min(max(label.y, top), bottom)
            d = math.hypot(tx - label.x, ty - label.y) or 1
            sx, sy = label.x + (tx - label.x) * label.r / d, label.y + (ty - label.y) * label.r / d
            _s(label.parent, "line", x1=f"{sx:.1f}", y1=f"{sy:.1f}", x2=f"{tx:.1f}", y2=f"{ty:.1f}", class_="ed-map-leader")
        _s(label.parent, "text", label.text, x=f"{x:.1f}", y=f"{y:.1f}", font_size=str(label.size),
           **({"text_anchor": anchor} if anchor != "start" else {}))
    return svg


def journey_page(ed: Edition, evidence: EvidenceMarkup) -> Page:
    page, j, L = JOURNEY_PATH, ed.journey, ed.labels
    places = {e.id: e for e in ed.entities}

    def item(s: Stop):  # the text alternative: one item per stop, its entry, and what it rests on
        head = E("p", E("a", places[s.place].name, href=href(page, entity_path(s.place))), f": {s.label}"
                 + (f", {s.when}" if s.when else ""))
        return E("li", head, evidence.element(s.evidence, page))

    def leg(g: Leg):
        stations = ", ".join(w.name for w in g.points if w.label)
        return E("li", E("p", g.label + (f" ({stations})" if stations else "")), evidence.element(g.evidence, page))
    frame = E("div", class_="ed-map-frame", tabindex="0", role="group", aria_label=j.title)
    frame.append(journey_svg(ed, page))
    # On a screen too narrow for the whole map at a readable size, the map is wider than the frame: this says so
    # (shown there only), and the page script opens the map on the journey's first stop.
    pan = E("p", "↔ " + L["journey_pan"], class_="ed-map-pan ed-editorial")
    figure = E("figure", pan, frame, E("figcaption", f"{j.title}. {legend(ed)} {L['journey_credit']}"),
               class_="ed-map-figure")
    out = Page(L["journey_title"], description=j.title).heading(1, L["journey_title"])
    out.add(figure, *evidence.apparatus.prose(j.note, page))
    out.heading(2, L["journey_stops"]).add(E("ul", *[item(s) for s in j.stops], class_="ed-stops"))
    if j.legs:
        out.heading(2, L["journey_legs"]).add(E("ul", *[leg(g) for g in j.legs], class_="ed-stops"))
    if j.intended:
        out.heading(2, L["journey_not_reached"]).add(E("ul", *[item(s) for s in j.intended], class_="ed-stops"))
    return out
