"""The app's workbooks checked in real spreadsheet software (`make test-xlsx`).

1. The app writes the demo plan's workbook (examples/xlsx_check.rs). LibreOffice Calc,
   headless, converts every sheet to CSV as its cells are shown: each figure must read
   exactly as the app's value (money from fen as ¥1,234.50, rates as 25.00%, counts as
   3,000, dates as 2026-03-01, bad entries and formula-looking text verbatim).
2. openpyxl reads the same file: the cell types, the values (yuan = fen / 100), the
   number formats, the bold and frozen header, the computed columns' note and style,
   widths that fit.
3. LibreOffice saves a CSV as .xlsx, .ods and .xls; the app's reader gives every cell
   back as the text the CSV held.

Usage: check_libreoffice.py <path of the xlsx_check example binary>
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

import openpyxl
from openpyxl.utils import get_column_letter

FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)


def soffice(args, workdir):
    profile = "file://" + os.path.join(workdir, "lo-profile")
    cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}"] + args
    subprocess.run(cmd, cwd=workdir, check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def grouped(n):
    return f"{n:,}"


def shown(cell):
    """How the cell reads in Calc, computed from the app's exact value."""
    t = cell["t"]
    if t == "empty":
        return ""
    if t == "text":
        return cell["s"]
    if t == "money":
        fen = cell["fen"]
        sign = "-" if fen < 0 else ""
        return f"{sign}¥{grouped(abs(fen) // 100)}.{abs(fen) % 100:02d}"
    if t == "percent":
        h = cell["h"]
        sign = "-" if h < 0 else ""
        return f"{sign}{abs(h) // 100}.{abs(h) % 100:02d}%"
    if t == "int":
        return grouped(cell["v"])
    if t == "date":
        return cell["iso"]
    raise ValueError(t)


def width(text):
    return max((sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
                for line in str(text).split("\n")), default=0)


def check_in_calc(book, expected, work):
    soffice(["--convert-to",
             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
             "--outdir", work, book], work)
    stem = os.path.splitext(os.path.basename(book))[0]
    cells = 0
    for sheet in expected:
        path = os.path.join(work, f"{stem}-{sheet['name']}.csv")
        check(os.path.exists(path), f"Calc wrote no CSV for sheet {sheet['name']}")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        check(rows[0] == sheet["headers"], f"{sheet['name']}: headers {rows[0]}")
        check(len(rows) == len(sheet["rows"]) + 1,
              f"{sheet['name']}: {len(rows) - 1} rows in Calc, {len(sheet['rows'])} written")
        for r, row in enumerate(sheet["rows"]):
            got = rows[r + 1] if r + 1 < len(rows) else []
            for c, cell in enumerate(row):
                if cell["t"] == "number":
                    continue  # a computed figure in a general format: checked by openpyxl
                value = got[c] if c < len(got) else ""
                check(value == shown(cell),
                      f"Calc {sheet['name']} row {r + 2} col {c + 1}: {value!r} != {shown(cell)!r}")
                cells += 1
    print(f"LibreOffice Calc: {cells} cells of {len(expected)} sheets read as the app's figures")


def check_in_openpyxl(book, expected):
    wb = openpyxl.load_workbook(book)
    check(wb.sheetnames == [s["name"] for s in expected], f"sheet names {wb.sheetnames}")
    formats = set()
    for sheet in expected:
        ws = wb[sheet["name"]]
        check(ws.freeze_panes == "A2", f"{sheet['name']}: frozen at {ws.freeze_panes}")
        for c, header in enumerate(sheet["headers"]):
            h = ws.cell(row=1, column=c + 1)
            check(h.value == header and h.font.b, f"{sheet['name']}: header {c + 1} {h.value!r} bold={h.font.b}")
            if sheet["computed"][c]:
                check(h.comment is not None and h.font.i,
                      f"{sheet['name']}: computed column {header} is not marked")
            letter = get_column_letter(c + 1)
            w = ws.column_dimensions[letter].width
            widest = max([width(header)] + [width(shown(row[c])) for row in sheet["rows"]
                                             if row[c]["t"] != "number"])
            check(w >= widest, f"{sheet['name']}: column {letter} is {w} wide, needs {widest}")
        for r, row in enumerate(sheet["rows"]):
            for c, cell in enumerate(row):
                x = ws.cell(row=r + 2, column=c + 1)
                where = f"openpyxl {sheet['name']}!{x.coordinate}"
                t = cell["t"]
                formats.add(x.number_format)
                if t == "empty":
                    check(x.value is None, f"{where}: {x.value!r}")
                elif t == "text":
                    check(x.data_type == "s" and x.value == cell["s"],
                          f"{where}: type {x.data_type} value {x.value!r}")
                elif t == "money":
                    check(x.data_type == "n" and x.value == cell["fen"] / 100
                          and round(x.value * 100) == cell["fen"]
                          and x.number_format == "¥#,##0.00",
                          f"{where}: {x.value!r} {x.number_format!r}")
                elif t == "percent":
                    check(x.data_type == "n" and x.value == cell["h"] / 10000
                          and x.number_format == "0.00%", f"{where}: {x.value!r} {x.number_format!r}")
                elif t == "int":
                    check(x.data_type == "n" and x.value == cell["v"]
                          and x.number_format == "#,##0", f"{where}: {x.value!r} {x.number_format!r}")
                elif t == "date":
                    check(x.is_date and x.value.date().isoformat() == cell["iso"]
                          and x.number_format == "yyyy-mm-dd", f"{where}: {x.value!r} {x.number_format!r}")
                elif t == "number":
                    check(x.data_type == "n" and x.value == cell["h"] / 100, f"{where}: {x.value!r}")
    print(f"openpyxl: types, values and number formats as written ({', '.join(sorted(formats))})")


CSV_ROWS = [
    ["门店", "金额", "转化率", "开始日期", "人数"],
    ["静安店", "1234567.89", "25", "2026-03-01", "3000"],
    ["徐汇店", "0.10", "12.5", "2024-02-29", "0"],
    ["Store C", "-15.00", "100", "2099-12-31", "1048576"],
    ["浦东 店", "88.00", "0.25", "1900-03-01", "7"],
]
KINDS = "text,money,percent,date,integer"


def check_reader(binary, work):
    src = os.path.join(work, "from-csv.csv")
    with open(src, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(CSV_ROWS)
    for ext, filt in [("xlsx", "xlsx:Calc MS Excel 2007 XML"), ("ods", "ods"), ("xls", "xls:MS Excel 97")]:
        soffice(["--infilter=CSV:44,34,76,1,,1033,false,true", "--convert-to", filt,
                 "--outdir", work, src], work)
        book = os.path.join(work, f"from-csv.{ext}")
        out = subprocess.run([binary, "read", book, "0", KINDS], check=True,
                             capture_output=True, text=True).stdout
        got = json.loads(out)
        check(got == CSV_ROWS, f"the app read LibreOffice's .{ext} as {got}")
        print(f"LibreOffice .{ext} from a CSV: the app's reader gives {len(got)} rows back as the CSV held them")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="xlsx-check-") as work:
        book = os.path.join(work, "demo.xlsx")
        expected_path = os.path.join(work, "expected.json")
        subprocess.run([binary, "write", book, expected_path], check=True)
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
        check_in_calc(book, expected, work)
        check_in_openpyxl(book, expected)
        check_reader(binary, work)
    if FAILURES:
        print(f"{len(FAILURES)} failures:")
        for f in FAILURES[:50]:
            print("  " + f)
        sys.exit(1)
    print("xlsx: all checks passed")


if __name__ == "__main__":
    main()
