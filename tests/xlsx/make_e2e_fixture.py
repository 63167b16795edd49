"""Writes tests/e2e/fixtures/from-excel.xlsx, the workbook xlsx.spec.js imports: made by
openpyxl (not by the app's writer), so the app reads a workbook it did not write.

Sheet "Notes": a line of text (the import starts on the first sheet; the test chooses
the next one). Sheet "Costs": the cost-line table with English headers, an amount as a
number in ¥#,##0.00, an amount typed as bad text, and a formula never calculated.
Sheet "Slots": appointments with one date as an Excel serial date and one as text.

Run: tests/xlsx/.venv/bin/python tests/xlsx/make_e2e_fixture.py
"""

import datetime
import os

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "e2e", "fixtures", "from-excel.xlsx")

wb = openpyxl.Workbook()
notes = wb.active
notes.title = "Notes"
notes["A1"] = "Exported from the head office's back office"

costs = wb.create_sheet("Costs")
costs.append(["Cost item", "Scenario type", "Category", "Amount"])
costs.append(["Pop-up rent", "新客引流", "线下活动", 1234567.89])
costs["D2"].number_format = "¥#,##0.00"
costs.append(["Posters", "新客引流", "线下活动", "12.3.4"])
costs.append(["Banner", "老客复购", "线下活动", "=2*21"])

slots = wb.create_sheet("Slots")
slots.append(["Online slot", "Date", "Booked", "Reserved", "Arrived"])
slots.append(["09:00-10:00", datetime.date(2026, 10, 20), 12, 4, 10])
slots["B2"].number_format = "yyyy/m/d"
slots.append(["10:00-11:00", "2026-10-21", 8, 2, 7])

# Fixed timestamps, so the file only changes when this script does.
wb.properties.created = datetime.datetime(2026, 3, 1)
wb.properties.modified = datetime.datetime(2026, 3, 1)
wb.save(OUT)
print(f"wrote {os.path.normpath(OUT)}")
