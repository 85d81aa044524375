"""Crime analytics for analysts (issue 5), black box over HTTP and the CLI: the pages, their
downloads and the access rules, on committed data: the Stockport burglaries of 2016-02..2019-01
(tests/data/stockport_burglary.csv, written out as a police.uk street file), five Stockport wards
(tests/data/crime/stockport-wards-2025-excerpt.geojson), the Washington DC burglary windows and the
Chicago near-repeat burglaries. Expected values are computed here from the data, independently of
nestguard, or by nestguard's point-file commands (which tests/suites/r-compare checks against R)."""
import csv
import io
import json
import math
import os
import re
import uuid
import xml.etree.ElementTree as ET

from harness import case, check, equal, status
from support import (ADMIN, ANALYST, CASEWORKER, PARTNER, REFERRER, TEAM_LEADER, TOP, run_cli, scratch_dir)

DATA = os.path.join(TOP, "tests", "data")
WARDS = os.path.join(DATA, "crime", "stockport-wards-2025-excerpt.geojson")
BURGLARIES = os.path.join(DATA, "stockport_burglary.csv")
DC_TIMES = os.path.join(DATA, "dc_burglary_times.csv")
CHICAGO = os.path.join(DATA, "chicago_be_month1.csv")
STREET_HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
                 "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"]
PAGES = ["/analytics", "/analytics/trends", "/analytics/hotspots", "/analytics/peak-times",
         "/analytics/near-repeats", "/analytics/cases"]
IMPORT_PAGES = ["/analytics/import", "/analytics/incidents/import"]
EXPORTS = [("/analytics/trends/export", "csv"), ("/analytics/hotspots/export", "csv"),
           ("/analytics/peak-times/export", "csv"), ("/analytics/cases/export", "csv")]
WARD = "E05015018"     # Brinnington & Stockport Central, in the excerpt


# ---- data ----

def burglaries():
    """(month, lon, lat) of the committed Stockport burglaries."""
    with open(BURGLARIES, newline="") as f:
        return [(r["Month"], float(r["Longitude"]), float(r["Latitude"])) for r in csv.DictReader(f)]


def street_file(directory, rows=None, name="stockport-burglary-street.csv"):
    """The burglaries as a police.uk street-level file (no Crime ID: the extract has none)."""
    path = os.path.join(directory, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(STREET_HEADER)
        for month, lon, lat in (rows if rows is not None else burglaries()):
            w.writerow(["", month, "Greater Manchester Police", "Greater Manchester Police", f"{lon:.6f}",
                        f"{lat:.6f}", "On or near a street", "", "", "Burglary", "", ""])
    return path


def ward_polygons():
    """{code: (name, [polygon rings...])} from the committed ward excerpt (lon/lat)."""
    with open(WARDS) as f:
        doc = json.load(f)
    out = {}
    for feat in doc["features"]:
        g = feat["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        out[feat["properties"]["WD25CD"]] = (feat["properties"]["WD25NM"], polys)
    return out


def inside(polys, x, y):
    """Even-odd rule over every ring of every polygon, as nestguard's geometry_contains()."""
    c = False
    for poly in polys:
        for ring in poly:
            n = len(ring)
            j = n - 1
            for i in range(n):
                xi, yi = ring[i][0], ring[i][1]
                xj, yj = ring[j][0], ring[j][1]
                if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                    c = not c
                j = i
    return c


def loaded_server(ctx, incidents=False):
    """A server whose database holds the wards, the burglaries and (optionally) incident logs,
    loaded with the import commands."""
    server = ctx.server()
    work = scratch_dir("analytics")
    r = server.cli("import", "boundaries", "--level", "ward", WARDS)
    check(r.returncode == 0, f"importing the wards failed: {r.stderr}")
    r = server.cli("import", "policeuk", street_file(work))
    check(r.returncode == 0, f"importing the burglaries failed: {r.stderr}")
    if incidents:
        r = server.cli("import", "incidents", DC_TIMES, "--from", "from", "--to", "to")
        check(r.returncode == 0, f"importing the DC incidents failed: {r.stderr}")
        r = server.cli("import", "incidents", chicago_with_header(work), "--from", "date", "--x", "x", "--y", "y",
                       "--type", "type")
        check(r.returncode == 0, f"importing the Chicago incidents failed: {r.stderr}")
    return server


def chicago_with_header(directory):
    path = os.path.join(directory, "chicago-burglary.csv")
    with open(CHICAGO, newline="") as src, open(path, "w", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["x", "y", "date", "type"])
        for x, y, d in csv.reader(src):
            w.writerow([x, y, d, "Residential burglary"])
    return path


def multipart(fields, files):
    """A multipart/form-data body: FIELDS [(name, value)], FILES [(name, filename, bytes)]."""
    boundary = "----nestguard" + uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields:
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    for name, filename, data in files:
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                  "Content-Type: text/csv\r\n\r\n".encode())
        out.write(data)
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def upload(client, path, fields, files):
    token = client.csrf_token(path if path.startswith("/analytics/import") else "/analytics/incidents/import")
    body, ctype = multipart([("csrf_token", token)] + fields, files)
    return client.request("POST", path, body=body, headers={"Content-Type": ctype})


def csv_rows(response):
    check(response.header("Content-Type", "").startswith("text/csv"),
          f"{response.path}: Content-Type {response.header('Content-Type')!r}, not CSV")
    return list(csv.DictReader(io.StringIO(response.text)))


def cli_csv(server, *args):
    r = server.cli(*args)
    check(r.returncode == 0, f"nestguard {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return list(csv.DictReader(io.StringIO(r.stdout)))


def close(a, b, rel=1e-9, absolute=1e-12):
    return abs(a - b) <= max(absolute, rel * max(abs(a), abs(b)))


# ---- access ----

@case("an analyst sees every analytics page; a referrer, a caseworker and a partner are refused")
def _(ctx):
    server = ctx.server()
    analyst = server.client().signed_in(ANALYST)
    home = analyst.get("/")
    check('href="/analytics"' in home.text, "the analyst's home page does not link to the crime analytics")
    for path in PAGES + IMPORT_PAGES:
        status(analyst.get(path), 200, f"analyst GET {path}")
    for email in (REFERRER, CASEWORKER, PARTNER):
        c = server.client().signed_in(email)
        check('href="/analytics"' not in c.get("/").text, f"{email}'s navigation offers the crime analytics")
        for path in PAGES + IMPORT_PAGES + [p for p, _ in EXPORTS]:
            status(c.get(path + ("?format=csv" if path.endswith("export") else "")), 403, f"{email} GET {path}")
    denied = server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'access.denied' AND record_id LIKE '/analytics%'")
    check(denied >= 3 * len(PAGES), f"only {denied} refusals were audited")


@case("a team leader and an administrator see the analytics; only analysts and administrators import data")
def _(ctx):
    server = ctx.server()
    leader = server.client().signed_in(TEAM_LEADER)
    for path in PAGES:
        status(leader.get(path), 200, f"team leader GET {path}")
    for path in IMPORT_PAGES:
        status(leader.get(path), 403, f"team leader GET {path}")
    admin = server.client().signed_in(ADMIN)
    for path in PAGES + IMPORT_PAGES:
        status(admin.get(path), 200, f"administrator GET {path}")


@case("the analytics pages say what to import when the database has no crime yet")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ANALYST)
    for path in ("/analytics/trends", "/analytics/hotspots"):
        r = c.get(path)
        status(r, 200, path)
        check("No crime data has been imported yet" in r.text, f"{path} does not say that no crime is imported")
        check('href="/analytics/import"' in r.text, f"{path} does not link to the import page")


# ---- trends ----

@case("the trends of a ward count the crimes inside its boundary month by month, with the Mann-Kendall test of that series")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(ANALYST)
    name, polys = ward_polygons()[WARD]
    expected = {}
    for month, lon, lat in burglaries():
        expected.setdefault(month, 0)
        if inside(polys, lon, lat):
            expected[month] += 1
    r = c.get(f"/analytics/trends/export?area={WARD}&type=Burglary&format=csv")
    status(r, 200, "trends CSV")
    rows = csv_rows(r)
    got = {row["month"]: int(row["total"]) for row in rows}
    equal(got, expected, f"monthly burglaries in {name}")
    series = [expected[m] for m in sorted(expected)]
    for i, row in enumerate(rows):
        want = sum(series[i - 11:i + 1]) if i >= 11 else None
        equal(int(row["rolling_12_month_total"]) if row["rolling_12_month_total"] else None, want,
              f"rolling 12-month total for {row['month']}")
    j = c.get(f"/analytics/trends/export?area={WARD}&type=Burglary&format=json").json()
    s = sum((series[k] > series[i]) - (series[k] < series[i]) for i in range(len(series)) for k in range(i + 1, len(series)))
    equal(j["trend"]["s"], s, "Mann-Kendall S")
    n = len(series)
    ties = {}
    for v in series:
        ties[v] = ties.get(v, 0) + 1
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties.values())) / 18
    z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0
    check(close(j["trend"]["z"], z, 1e-9), f"Mann-Kendall z {j['trend']['z']} != {z}")
    check(close(j["trend"]["p"], math.erfc(abs(z) / math.sqrt(2)), 1e-9), "Mann-Kendall p-value")
    last, prev = series[-1], series[-2]
    latest = j["changes"][0]
    equal((latest["count"], latest["change_on_previous_period"]["change"]), (last, last - prev), "latest month's change")
    page = c.get(f"/analytics/trends?area={WARD}&type=Burglary")
    status(page, 200, "trends page")
    check(name.replace("&", "&amp;") in page.text, "the page does not name the ward")
    check("<svg" in page.text and "<desc" in page.text, "the page has no chart with a text description")
    check(re.search(r"<caption[^>]*>[^<]*by month</caption>", page.text), "the monthly table has no caption")


@case("the trends page refuses an unknown area or an impossible month with a message by the field")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(ANALYST)
    r = c.get("/analytics/trends?area=E99999999&from=2018-13")
    status(r, 400, "bad trends arguments")
    check("govuk-error-summary" in r.text and 'href="#area"' in r.text and 'href="#from"' in r.text,
          "the error summary does not link to the area and month fields")
    status(c.get("/analytics/trends/export?from=2018-13&format=csv"), 400, "bad month on the CSV download")
    status(c.get("/analytics/trends/export?format=xlsx"), 400, "a format the trends do not offer")


# ---- hot spots ----

@case("kernel density on the hot spots page equals the point-file command on the same crimes")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(ANALYST)
    r = c.get("/analytics/hotspots/export?type=Burglary&cell=100&bandwidth=300&format=csv")
    status(r, 200, "KDE CSV")
    page = {(float(x["x"]), float(x["y"])): float(x["density_per_km2"]) for x in csv_rows(r)}
    check(len(page) > 1000, f"only {len(page)} cells in the study area")
    reference = cli_csv(server, "analyse", "kde", "--points", BURGLARIES, "--x", "Longitude", "--y", "Latitude",
                        "--lonlat", "--cell", "100", "--bandwidth", "300")
    ref = {(float(x["x"]), float(x["y"])): float(x["density"]) * 1e6 for x in reference}
    compared = 0
    for key, density in page.items():
        want = ref.get(key, 0.0)
        check(close(density, want, 1e-9, 1e-8), f"density at {key}: page {density}, command {want}")
        compared += want > 0
    check(compared > 500, f"only {compared} cells with crime were compared")


@case("Gi* on grid cells uses only the cells whose centre lies inside the wards, and their z-scores follow from those cells alone")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(ANALYST)
    r = c.get("/analytics/hotspots/export?type=Burglary&method=gistar&cell=200&format=csv")
    status(r, 200, "Gi* CSV")
    rows = csv_rows(r)
    wards = ward_polygons()
    outside = [row for row in rows if not any(inside(p, float(row["lon"]), float(row["lat"])) for _, p in wards.values())]
    check(len(outside) <= 2, f"{len(outside)} cells lie outside the wards, e.g. {outside[:2]}")
    cells = {(int(row["col"]), int(row["row"])): row for row in rows}
    n = len(cells)
    xs = [float(row["count"]) for row in cells.values()]
    mean = sum(xs) / n
    s = math.sqrt(sum(v * v for v in xs) / n - mean * mean)
    for (col, rw), row in cells.items():
        block = [cells[(col + dc, rw + dr)] for dc in (-1, 0, 1) for dr in (-1, 0, 1) if (col + dc, rw + dr) in cells]
        w = len(block)
        total = sum(float(b["count"]) for b in block)
        z = (total - mean * w) / (s * math.sqrt((n * w - w * w) / (n - 1)))
        check(close(float(row["z"]), z, 1e-6, 1e-9), f"cell {col},{rw}: z {row['z']} != {z}")
    counted = sum(xs)
    check(0 < counted < len(burglaries()), f"{counted} crimes counted: the cells outside the wards should not count")


@case("Gi* by ward compares the wards that share a boundary")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(ANALYST)
    j = c.get("/analytics/hotspots/export?method=gistar-wards&format=json").json()
    equal(sorted(a["code"] for a in j["areas"]), sorted(ward_polygons()), "the wards tested")
    wards = ward_polygons()
    for a in j["areas"]:
        want = sum(1 for _, lon, lat in burglaries() if inside(wards[a["code"]][1], lon, lat))
        equal(a["count"], want, f"burglaries counted in {a['name']}")
        check(a["bin"] in (-3, -2, -1, 0, 1, 2, 3), f"bin {a['bin']}")
    page = c.get("/analytics/hotspots?method=gistar-wards")
    status(page, 200, "Gi* by ward page")
    check("Gi* by ward" in page.text, "no table of wards on the page")


@case("a hot spot grid too fine for a web request is refused with a pointer to the command line")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(ANALYST)
    r = c.get("/analytics/hotspots?cell=10&bandwidth=5000")
    status(r, 400, "10 m cells with a 5 km bandwidth")
    check("nestguard analyse hotspots" in r.text, "the refusal does not name the command line")


@case("maps download as SVG, PNG and GeoJSON, and every analysis as CSV and JSON")
def _(ctx):
    server = loaded_server(ctx, incidents=True)
    c = server.client().signed_in(ANALYST)
    for path in ("/analytics/hotspots/export?method=gistar", "/analytics/cases/export?x=1"):
        svg = c.get(path + "&format=svg")
        status(svg, 200, f"{path} SVG")
        equal(svg.header("Content-Type"), "image/svg+xml", "SVG content type")
        root = ET.fromstring(svg.body)
        check(root.tag.endswith("svg") and root.find("{http://www.w3.org/2000/svg}desc") is not None,
              "the SVG has no <desc> text alternative")
        check("attachment" in svg.header("Content-Disposition", ""), "the SVG is not sent as a download")
        png = c.get(path + "&format=png")
        status(png, 200, f"{path} PNG")
        check(png.body[:8] == b"\x89PNG\r\n\x1a\n", "the PNG download is not a PNG")
        geo = c.get(path + "&format=geojson")
        status(geo, 200, f"{path} GeoJSON")
        doc = geo.json()
        equal(doc["type"], "FeatureCollection", "GeoJSON type")
        check(doc["features"] and doc["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon"), "no polygons")
        lon, lat = doc["features"][0]["geometry"]["coordinates"][0][0][0] if doc["features"][0]["geometry"]["type"] == \
            "MultiPolygon" else doc["features"][0]["geometry"]["coordinates"][0][0]
        check(-3 < lon < -1.5 and 53 < lat < 54, f"GeoJSON not in WGS84 around Stockport: {lon}, {lat}")
    for path in ("/analytics/trends/export?x=1", "/analytics/hotspots/export?x=1", "/analytics/peak-times/export?x=1",
                 "/analytics/near-repeats/export?iterations=19", "/analytics/cases/export?x=1"):
        status(c.get(path + "&format=csv"), 200, f"{path} CSV")
        c.get(path + "&format=json").json()


# ---- imports ----

@case("police.uk files uploaded twice add nothing the second time, and the summary says so")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ANALYST)
    work = scratch_dir("upload")
    rows = burglaries()[:500]
    data = open(street_file(work, rows), "rb").read()
    r = upload(c, "/analytics/import", [("kind", "wards")], [("file", "wards.geojson", open(WARDS, "rb").read())])
    status(r, 200, "uploading the wards")
    r = upload(c, "/analytics/import", [("kind", "policeuk")], [("file", "burglary.csv", data)])
    status(r, 200, "first upload")
    check(re.search(r"burglary\.csv</th><td[^>]*>street</td>(<td[^>]*>\d+</td>){5}", r.text), "no summary row")
    cells = re.findall(r"burglary\.csv</th><td[^>]*>street</td>((?:<td[^>]*>\d+</td>){5})", r.text)[0]
    equal([int(v) for v in re.findall(r">(\d+)<", cells)], [500, 500, 0, 0, 0], "rows read, added, present, unlocated, rejected")
    r = upload(c, "/analytics/import", [("kind", "policeuk")], [("file", "burglary.csv", data)])
    status(r, 200, "second upload")
    cells = re.findall(r"burglary\.csv</th><td[^>]*>street</td>((?:<td[^>]*>\d+</td>){5})", r.text)[0]
    equal([int(v) for v in re.findall(r">(\d+)<", cells)], [500, 0, 500, 0, 0], "second upload's counts")
    equal(server.scalar("SELECT count(*) FROM crime"), 500, "crimes stored")
    check(server.scalar("SELECT count(*) FROM audit_trail WHERE action = 'import.street'") == 2, "the imports were not audited")
    check("/tmp/" not in r.text and "nestguard-uploads" not in r.text, "the summary shows the temporary path")


@case("a police.uk file with a bad row is rejected with its line and reason, and nothing is imported")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ANALYST)
    work = scratch_dir("bad")
    path = street_file(work, burglaries()[:50])
    lines = open(path).read().splitlines()
    lines[10] = lines[10].replace(",2016-02,", ",2016-13,")
    r = upload(c, "/analytics/import", [("kind", "policeuk")], [("file", "bad.csv", ("\n".join(lines) + "\n").encode())])
    status(r, 400, "a bad file")
    check("govuk-error-summary" in r.text and "nothing was imported" in r.text, "no error summary")
    check(re.search(r"<th scope=\"row\"[^>]*>11</th><td[^>]*>2 \(Month\)</td><td[^>]*>[^<]*2016-13", r.text),
          "the problem is not listed with line 11, column 2 (Month) and the bad value")
    equal(server.scalar("SELECT count(*) FROM crime"), 0, "crimes stored from a rejected file")
    r = upload(c, "/analytics/import", [("kind", "policeuk")], [])
    status(r, 400, "no file")
    check('href="#file"' in r.text, "the error summary does not point at the file field")


@case("an incident log uploaded with a column mapping gives the same peak-time table as the aoristic command")
def _(ctx):
    server = ctx.server()
    c = server.client().signed_in(ANALYST)
    r = upload(c, "/analytics/incidents/upload", [], [("file", "dc.csv", open(DC_TIMES, "rb").read())])
    status(r, 200, "uploading the incident log")
    form = r.form("/analytics/incidents/import")
    check(set(form.field_names()) >= {"from", "to", "x", "y", "lon", "lat", "type", "upload"}, "mapping fields missing")
    r = c.submit(r, "/analytics/incidents/import", {"from": "1", "to": "2", "type": "", "x": "", "y": "", "lon": "", "lat": ""})
    status(r, 200, "importing with the mapping")
    equal(server.scalar("SELECT count(*) FROM incident"), 1025, "incidents stored")
    page = csv_rows(c.get("/analytics/peak-times/export?format=csv"))
    ref = cli_csv(server, "analyse", "aoristic", "--points", DC_TIMES, "--from", "from", "--to", "to")
    equal(len(page), 168, "hours of the week")
    for a, b in zip(page, ref):
        check(a["hour_of_week"] == b["hour_of_week"] and close(float(a["weight"]), float(b["weight"]), 1e-8, 1e-8),
              f"hour {b['hour_of_week']}: page {a['weight']}, command {b['weight']}")
    heat = c.get("/analytics/peak-times")
    status(heat, 200, "peak times page")
    check(heat.text.count('<th scope="row"') >= 24 and heat.text.count('<th scope="col"') >= 8,
          "the heat map is not a table with row and column headers")
    r = c.post("/analytics/incidents/import", {"csrf_token": c.csrf_token("/analytics/incidents/import"),
                                                "upload": "0" * 32, "from": "1"})
    status(r, 400, "an expired upload")


@case("the Knox test on the page equals the Knox command on the same incidents, and a job too large for a web request is refused")
def _(ctx):
    server = loaded_server(ctx, incidents=True)
    c = server.client().signed_in(ANALYST)
    q = "incident_type=Residential+burglary&iterations=99&seed=7&run=1"
    page = csv_rows(c.get(f"/analytics/near-repeats/export?{q}&format=csv"))
    ref = cli_csv(server, "analyse", "knox", "--points", CHICAGO, "--no-header", "--x", "1", "--y", "2", "--date", "3",
                  "--iterations", "99", "--seed", "7")
    equal(len(page), len(ref), "cells of the Knox table")
    for a, b in zip(page, ref):
        equal((a["distance_band"], a["time_band"], int(a["observed"])), (b["distance_band"], b["time_band"], int(b["observed"])),
              "observed pairs")
        check(close(float(a["p_value"]), float(b["p_value"]), 1e-9), f"p-value {a['p_value']} != {b['p_value']}")
    r = c.get(f"/analytics/near-repeats?{q}")
    status(r, 200, "Knox page")
    check("Observed pairs of incidents" in r.text and "p-value" in r.text, "the page lacks the observed and p-value tables")
    r = c.get("/analytics/near-repeats?run=1&distance_bands=0,1000,200000&iterations=99999")
    status(r, 400, "a Knox job too large for the web")
    check("nestguard analyse near-repeats" in r.text and "Too large" in r.text, "the refusal does not point to the command line")
    check(c.get("/analytics/near-repeats").text.count("Observed pairs") == 0, "the test ran without being asked")


# ---- cases ----

@case("cases by ward equal the case records' counts, with counts from 1 to 4 never shown")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(ANALYST)
    rows = csv_rows(c.get("/analytics/cases/export?kind=all&status=all&format=csv"))
    truth = dict(server.query(
        "SELECT w.ons_code, count(*) FROM case_file cf JOIN locality l ON l.id = cf.ward_id "
        "JOIN locality w ON w.id = coalesce(l.ward_id, l.id) GROUP BY 1"))
    shown = 0
    for row in rows:
        if row["ward_code"] == "":
            continue
        want = truth.get(row["ward_code"], 0)
        if row["suppressed"] == "yes":
            check(row["cases"] in ("fewer than 5", "suppressed"), f"suppressed cell shows {row['cases']!r}")
            check(row["cases"] != "fewer than 5" or 1 <= want <= 4, f"{row['ward']} marked fewer than 5 but has {want}")
        else:
            equal(int(row["cases"]), want, f"cases in {row['ward']}")
            check(want == 0 or want >= 5, f"{row['ward']}: a count of {want} is shown")
            shown += 1
    total = [row for row in rows if row["ward"] == "Total"][0]
    equal(int(total["cases"]), server.scalar("SELECT count(*) FROM case_file"), "total")
    check(shown >= 1, "no ward's count is shown")
    page = c.get("/analytics/cases?kind=all&status=all")
    status(page, 200, "cases page")
    check("<svg" in page.text and "fewer than 5" in page.text, "no map, or no suppressed wards")
    over = c.get("/analytics/hotspots?cases=1")
    status(over, 200, "hot spots with cases")
    check("Open cuckooing (property takeover) cases" in over.text, "the cases are not on the crime map")


@case("no analytics page or download shows a person's name or an address")
def _(ctx):
    server = loaded_server(ctx, incidents=True)
    names = [n for (n,) in server.query("SELECT family_name FROM person WHERE length(family_name) > 3 "
                                         "UNION SELECT address_line1 FROM property WHERE length(address_line1) > 5 "
                                         "UNION SELECT postcode FROM property WHERE length(postcode) > 4")]
    check(len(names) > 50, f"the demo has only {len(names)} names and addresses to look for")
    c = server.client().signed_in(ANALYST)
    urls = PAGES + ["/analytics/hotspots?cases=1", "/analytics/cases?kind=all&status=all",
                    "/analytics/near-repeats?run=1&iterations=9"]
    for path in ("/analytics/cases/export?kind=all&status=all", "/analytics/hotspots/export?cases=1&method=gistar-wards",
                 "/analytics/trends/export?x=1", "/analytics/peak-times/export?x=1"):
        for f in ("csv", "json", "geojson", "svg"):
            urls.append(f"{path}&format={f}")
    for url in urls:
        r = c.get(url)
        if r.status == 400 and "format" in r.text:
            continue
        status(r, 200, url)
        text = r.text
        for n in names:
            check(n not in text, f"{url} shows {n!r}")


# ---- the model and the command line ----

@case("a property saved with coordinates is given the ward whose boundary holds it")
def _(ctx):
    server = loaded_server(ctx)
    c = server.client().signed_in(CASEWORKER)
    name, polys = ward_polygons()[WARD]
    month, lon, lat = next(b for b in burglaries() if inside(polys, b[1], b[2]))
    token = c.csrf_token("/cases")
    r = c.request("POST", "/api/v1/properties", json={"address_line1": "1 Test Row", "town": "Stockport",
                  "postcode": "SK1 1AA", "longitude": f"{lon}", "latitude": f"{lat}"}, headers={"X-CSRF-Token": token})
    status(r, 201, "creating a property with coordinates")
    pid = int(r.header("Location").rsplit("/", 1)[1])
    equal(server.scalar("SELECT w.ons_code FROM property p JOIN locality w ON w.id = p.ward_id WHERE p.id = ?", (pid,)),
          WARD, "the property's ward")
    r = c.request("POST", "/api/v1/properties", json={"address_line1": "2 Test Row", "town": "Nowhere", "postcode": "SK1 1AB",
                  "longitude": "-1.0", "latitude": "52.0"}, headers={"X-CSRF-Token": token})
    status(r, 201, "a property outside every ward")
    pid = int(r.header("Location").rsplit("/", 1)[1])
    equal(server.scalar("SELECT ward_id FROM property WHERE id = ?", (pid,)), None, "the ward of a point outside the wards")


@case("the analyse commands on the database write what the pages' downloads hold")
def _(ctx):
    server = loaded_server(ctx, incidents=True)
    c = server.client().signed_in(ANALYST)
    pairs = [
        (["analyse", "trends", "--area", WARD, "--type", "Burglary"], f"/analytics/trends/export?area={WARD}&type=Burglary"),
        (["analyse", "hotspots", "--method", "gistar", "--cell", "250", "--fdr"], "/analytics/hotspots/export?method=gistar&cell=250&fdr=1"),
        (["analyse", "peak-times", "--incident-type", "all"], "/analytics/peak-times/export?incident_type=all"),
        (["analyse", "near-repeats", "--iterations", "19", "--incident-type", "Residential burglary"],
         "/analytics/near-repeats/export?iterations=19&incident_type=Residential+burglary"),
        (["analyse", "cases", "--kind", "all", "--status", "all"], "/analytics/cases/export?kind=all&status=all"),
    ]
    for args, url in pairs:
        r = server.cli(*args)
        check(r.returncode == 0, f"nestguard {' '.join(args)}: {r.stderr.strip()}")
        web = c.get(url + "&format=csv")
        status(web, 200, url)
        equal(r.stdout.replace("\r\n", "\n"), web.text.replace("\r\n", "\n"), f"nestguard {' '.join(args)} against {url}")
    for sub in ("trends", "hotspots", "peak-times", "near-repeats", "cases"):
        r = server.cli("analyse", sub, "--help")
        check(r.returncode == 0 and "--format" in r.stdout, f"analyse {sub} --help")
    r = server.cli("analyse", "trends", "--area", "E99999999")
    equal(r.returncode, 2, "exit status for an unknown area")
    check("--area" in r.stderr, f"the message does not name --area: {r.stderr!r}")
    out = os.path.join(scratch_dir("out"), "map.png")
    r = server.cli("analyse", "hotspots", "--format", "png", "-o", out)
    check(r.returncode == 0 and open(out, "rb").read(8) == b"\x89PNG\r\n\x1a\n", "hotspots -o map.png")
