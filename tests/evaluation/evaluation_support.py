"""Support for the evaluation tests: a database holding the published pilot (tests/data/
pilot_cases.csv, imported with `nestguard import cases`), the report in each format, and a
parser per format (html.parser, pdftotext, the XLSX's XML, csv) that turns it back into
tables of printed values, so a test can ask "what does this format say for this row?"."""
import csv
import html.parser
import io
import os
import re
import shutil
import sqlite3
import subprocess
import threading
import xml.etree.ElementTree as ET
import zipfile

from harness import Failure, Skip
from support import TOP, run_cli, scratch_dir

DATA = os.path.join(TOP, "tests", "data")
PILOT_CSV = os.path.join(DATA, "pilot_cases.csv")
PILOT_AREAS = os.path.join(DATA, "pilot_areas.csv")
OWNER = "Stockport Council"

# The published pilot's figures.
TOTALS = {"Cases received": 161, "Positively resolved": 129, "Ongoing": 26, "Households kept in their tenancy": 68}
MOVED = 11
OUTCOMES = {"Arrested / conviction": 4, "Target hardening & wrap-around support": 68,
            "Community protection warning / notice (CPW/N)": 14, "Moved": 11, "Warnings issued": 5,
            "Perpetrators excluded": 11}
AREAS = {"Adswood": 14, "Bramhall": 1, "Bredbury": 4, "Brinnington": 28, "Cale Green": 2, "Cheadle/Cheadle Hulme": 13,
         "Central": 3, "Davenport": 1, "Edgeley": 10, "Hazel Grove": 2, "Heald Green": 1, "The Heatons": 7, "Heaviley": 2,
         "Hillgate": 2, "Lancashire Hill": 10, "Mottram Street Estate": 18, "Marple": 5, "Offerton": 7,
         "Rectory Fields": 2, "Reddish": 15, "Romiley": 7, "Victoria Park": 3, "Woodley": 4}
NET_BENEFIT = "\u00a3289,114"
STATEMENT = "68 households \u00d7 \u00a34,659.10 \u2212 \u00a327,705 = \u00a3289,114"

# Which XLSX sheet holds which section's table.
SHEETS = {"summary": "Summary", "referrals-by-month": "Referrals by month", "referrals-by-agency": "Referrals by agency",
          "exploitation-types": "Exploitation types", "outcomes": "Outcomes", "interventions": "Interventions",
          "cases-by-area": "Cases by area", "cases-by-ward": "Cases by ward", "cost-benefit": "Cost-benefit",
          "wider-cost-benefit": "Wider cost-benefit", "assumptions": "Assumptions", "case-studies": "Case studies"}

_lock = threading.Lock()
_pilot = None


def check_ok(result, what):
    if result.returncode != 0:
        raise Failure(f"{what} exited {result.returncode}: {result.stderr.strip()[:600]}")
    return result


def import_cases(db, path, *options):
    """`nestguard import cases PATH OPTIONS`."""
    return run_cli(db, "import", "cases", path, *options)


def add_neighbourhoods(db):
    """The pilot's named areas that are not wards, as an administrator would add them."""
    con = sqlite3.connect(db, timeout=10)
    with con:
        for row in csv.DictReader(open(PILOT_AREAS)):
            con.execute("INSERT INTO locality(kind, name, ward_id) SELECT 'neighbourhood', ?, id FROM locality"
                        " WHERE kind = 'ward' AND name = ?", (row["Neighbourhood"], row["Ward"]))
    con.close()


def new_pilot_db(directory):
    """A database with the owning agency, the neighbourhoods and the pilot imported."""
    db = os.path.join(directory, "pilot.db")
    check_ok(run_cli(db, "agency", "add", "--name", OWNER, "--kind", "council"), "agency add")
    add_neighbourhoods(db)
    check_ok(import_cases(db, PILOT_CSV, "--agency", OWNER, "--create-agencies"), "import cases")
    return db


class Pilot:
    """The pilot database, made once per run; copy() for tests that change it."""

    def __init__(self):
        self.dir = scratch_dir("pilot")
        self.db = new_pilot_db(self.dir)
        self._exports = {}
        self._export_lock = threading.Lock()

    def copy(self):
        d = scratch_dir("pilotcopy")
        path = os.path.join(d, "pilot.db")
        for suffix in ("", ".access"):   # the records and the access log
            con = sqlite3.connect(self.db + suffix, timeout=10)
            dst = sqlite3.connect(path + suffix)
            con.backup(dst)
            dst.close()
            con.close()
        return path

    def export(self, fmt, *args, db=None):
        """The report's bytes (cached per arguments for the shared database)."""
        key = (fmt,) + args
        if db is None:
            with self._export_lock:
                if key not in self._exports:
                    self._exports[key] = export(self.db, fmt, *args)
                return self._exports[key]
        return export(db, fmt, *args)


def pilot():
    global _pilot
    with _lock:
        if isinstance(_pilot, Exception):
            raise Failure("no pilot database (see the first failure)")
        if _pilot is None:
            try:
                _pilot = Pilot()
            except Exception as exc:
                _pilot = exc
                raise
        return _pilot


def export(db, fmt, *args):
    """Run `report evaluation --format FMT ARGS -o FILE`; return the file's bytes."""
    out = os.path.join(scratch_dir("out"), "report." + fmt)
    r = run_cli(db, "report", "evaluation", "--format", fmt, "-o", out, *args)
    check_ok(r, f"report evaluation --format {fmt} {' '.join(args)}")
    with open(out, "rb") as f:
        return f.read()


# ---- parsers: each gives {table key: [[printed cell, ...], ...]} ----------------------------------

class _TableParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.text = {}, []
        self._table = self._row = self._cell = None
        self._caption = None
        self._stack = []
        self.svgs = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "table":
            self._table = {"id": a.get("id", ""), "caption": "", "rows": []}
        elif tag == "caption" and self._table is not None:
            self._caption = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []
        elif tag == "svg":
            self.svgs.append(a)

    def handle_endtag(self, tag):
        if tag == "caption" and self._caption is not None:
            self._table["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table["rows"].append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.tables[self._table["id"]] = self._table
            self.tables[self._table["caption"]] = self._table
            self._table = None

    def handle_data(self, data):
        self.text.append(data)
        if self._caption is not None:
            self._caption.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse_html(data):
    p = _TableParser()
    p.feed(data.decode("utf-8"))
    p.close()
    p.all_text = " ".join("".join(p.text).split())
    return p


def html_table(parsed, section_id):
    t = parsed.tables.get("table-" + section_id)
    if t is None:
        raise Failure(f"the HTML has no table for {section_id} (tables: {sorted(k for k in parsed.tables if k)[:20]})")
    return t["rows"]


def pdf_text(data):
    if not shutil.which("pdftotext"):
        raise Skip("pdftotext (poppler-utils) is not installed")
    r = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, timeout=60)
    if r.returncode != 0:
        raise Failure("pdftotext failed: " + r.stderr.decode()[:300])
    return r.stdout.decode("utf-8")


def pdf_row_value(text, label):
    """The value printed after LABEL on a table line of the PDF's text (-layout), or None."""
    pattern = re.compile(r"^\s*" + re.escape(label) + r"\s{2,}(\S.*?)\s*$")
    for line in text.splitlines():
        m = pattern.match(line)
        if m:
            return m.group(1)
    return None


def pdf_plain(text):
    return " ".join(text.split())


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


def _column_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def parse_xlsx(data):
    """{sheet name: [[value, ...] per row]} from the workbook's XML; numbers as floats."""
    z = zipfile.ZipFile(io.BytesIO(data))
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", _NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % _NS["m"])))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("rel:Relationship", _NS)}
    sheets = {}
    for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", _NS):
        target = rels[s.get("{%s}id" % _NS["r"])]
        path = "xl/" + target if not target.startswith("/") else target[1:]
        rows = []
        for row in ET.fromstring(z.read(path)).iter("{%s}row" % _NS["m"]):
            cells = {}
            for c in row.findall("m:c", _NS):
                v = c.find("m:v", _NS)
                kind = c.get("t")
                if kind == "s":
                    value = strings[int(v.text)]
                elif kind == "inlineStr":
                    value = "".join(t.text or "" for t in c.iter("{%s}t" % _NS["m"]))
                elif kind == "str":
                    value = v.text or ""
                elif v is not None:
                    value = float(v.text)
                else:
                    continue
                cells[_column_index(c.get("r"))] = value
            rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
        sheets[s.get("name")] = rows
    sheets["__files__"] = z.namelist()
    return sheets


def xlsx_rows(book, section_id):
    name = SHEETS[section_id]
    if name not in book:
        raise Failure(f"the workbook has no sheet {name!r} (sheets: {[k for k in book if k != '__files__']})")
    return book[name]


def parse_csv(data):
    """{"__head__": records before the first section, ID: {"heading", "rows", "records"}}."""
    text = data.decode("utf-8")
    out, current = {"__head__": []}, None
    for rec in csv.reader(io.StringIO(text, newline="")):
        if not rec:
            current = None
            continue
        if rec[0] == "section":
            current = {"heading": rec[2], "rows": [], "records": []}
            out[rec[1]] = current
        elif current is None:
            out["__head__"].append(rec)
        elif rec[0] in ("note", "text", "statement", "empty") and current["rows"] and len(rec) == 2:
            current["records"].append(rec)
        else:
            current["rows"].append(rec)
    return out


def csv_rows(book, section_id):
    if section_id not in book:
        raise Failure(f"the CSV has no section {section_id}")
    return book[section_id]["rows"]


def row_value(rows, label, column=1):
    """The printed value in COLUMN of the row whose first cell is LABEL (None when absent)."""
    for r in rows:
        if r and r[0] == label:
            if column >= len(r):
                return ""
            v = r[column]
            if isinstance(v, float):
                return str(int(v)) if v == int(v) else repr(v)
            return v
    return None
