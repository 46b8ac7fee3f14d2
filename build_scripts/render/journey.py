"""The journey map: an inline SVG (no tiles, no request leaving the site), built with lxml.

Land and sea are drawn from Natural Earth (map_data.py); the legs of the journey as what they were, a sea passage
or a railway through its main stations, each styled by how certain the edition holds it; the stops the edition
holds to be true as filled circles joined by the legs; an uncertain or only intended stop apart, as an open circle
marked so. A text alternative lists the stops and the legs with what each rests on."""
from __future__ import annotations

import math

from lxml import etree

from ..model import Edition, Leg, Stop
from ..paths import JOURNEY_PATH, entity_path, href
from .chronology import EvidenceMarkup
from .html import E, Page
from ..cache import cached
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


def journey_svg(ed: Edition, page: str) -> etree._Element:
    j, L = ed.journey, ed.labels
    places = {e.id: e for e in ed.entities}
    stops = list(j.stops) + list(j.intended)
    points = [places[s.place].coordinates for s in stops] + [w.coordinates for g in j.legs for w in g.points]
    xy, box, height = _frame(points)
    svg = etree.Element("svg", {"class": "ed-map", "viewBox": f"0 0 {WIDTH} {height}", "role": "img",
                                "aria-labelledby": "ed-map-title ed-map-desc"}, nsmap={"xlink": XLINK})
    _s(svg, "title", j.title, id="ed-map-title")
    _s(svg, "desc", L["journey_legend"], id="ed-map-desc")
    _s(svg, "rect", class_="ed-map-sea", x="0", y="0", width=str(WIDTH), height=str(height))
    # The land's outline is a pure function of the frame: kept in the cache (cite/cache.py), not traced again.
    land = cached("map-land", [box, WIDTH, PAD, RESOLUTION], lambda: _path(land_rings(str(fetch())), xy, box))
    _s(svg, "path", class_="ed-map-land", d=land)
    held = [s for s in j.stops if s.evidence.certainty != "uncertain"]
    legs = _s(svg, "g", class_="ed-map-legs")
    for g in j.legs:
        line = " ".join("{},{}".format(*xy(*w.coordinates)) for w in g.points)
        _s(legs, "polyline", points=line, class_=f"ed-map-leg ed-map-{g.mode} ed-map-{g.evidence.certainty}")
    if not j.legs:  # no legs in the data: the stops held true, joined straight
        _s(legs, "polyline", class_="ed-map-route", points=" ".join("{},{}".format(*xy(*places[s.place].coordinates))
                                                                     for s in held))
    labels = _s(svg, "g", class_="ed-map-stations")
    named = {tuple(places[s.place].coordinates) for s in stops}
    for g in j.legs:
        for w in g.points:
            if w.label and tuple(w.coordinates) not in named:
                x, y = xy(*w.coordinates)
                _s(labels, "circle", cx=str(x), cy=str(y), r="3.5")
                _s(labels, "text", w.name, x=str(x + 6), y=str(y - 6), font_size=str(round(LABEL * .8)))
    for s in stops:
        apart = s not in held
        x, y = xy(*places[s.place].coordinates)
        # xlink:href: Material's instant loading takes every [href] for an HTML link, which an SVG link is not.
        a = _s(svg, "a", **{"class": "ed-map-apart" if apart else "ed-map-stop"})
        a.set(f"{{{XLINK}}}href", href(page, entity_path(s.place)))
        _s(a, "circle", cx=str(x), cy=str(y), r="8")
        name = places[s.place].short_name + (f" ({L['evidence_' + s.evidence.certainty]})" if apart else "")
        _s(a, "text", name, x=str(x + 12), y=str(y + LABEL * .35), font_size=str(LABEL))
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
    figure = E("figure", frame, E("figcaption", f"{j.title}. {L['journey_legend']} {L['journey_credit']}"),
               class_="ed-map-figure")
    out = Page(L["journey_title"], description=j.title).heading(1, L["journey_title"])
    out.add(figure, *evidence.apparatus.prose(j.note, page))
    out.heading(2, L["journey_stops"]).add(E("ul", *[item(s) for s in j.stops], class_="ed-stops"))
    if j.legs:
        out.heading(2, L["journey_legs"]).add(E("ul", *[leg(g) for g in j.legs], class_="ed-stops"))
    if j.intended:
        out.heading(2, L["journey_not_reached"]).add(E("ul", *[item(s) for s in j.intended], class_="ed-stops"))
    return out
