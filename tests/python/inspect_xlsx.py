"""Reads a workbook with openpyxl (an independent reader) and prints what the tests assert, as JSON."""
import datetime
import json
import sys

from openpyxl import load_workbook


def cell(v):
    if isinstance(v, datetime.datetime):
        return {"date": v.isoformat()}
    return v


def main(path):
    formulas = load_workbook(path, data_only=False)
    values = load_workbook(path, data_only=True)
    out = {}
    for ws in formulas.worksheets:
        wv = values[ws.title]
        ps = ws.page_setup
        rows = []
        for r in range(1, ws.max_row + 1):
            rows.append([cell(ws.cell(r, c).value) for c in range(1, ws.max_column + 1)])
        cached = []
        for r in range(1, ws.max_row + 1):
            cached.append([cell(wv.cell(r, c).value) for c in range(1, ws.max_column + 1)])
        out[ws.title] = {
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "rows": rows,
            "cached": cached,
            "number_formats": {f"{c.coordinate}": c.number_format for row in ws.iter_rows() for c in row if c.number_format != "General"},
            "fonts": sorted({c.font.name for row in ws.iter_rows() for c in row if c.value is not None and c.font is not None and c.font.name}),
            "paper": ps.paperSize,
            "orientation": ps.orientation,
            "fit_width": ws.page_setup.fitToWidth,
            "fit_height": ws.page_setup.fitToHeight,
            "fit_to_page": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
            "print_titles": ws.print_title_rows,
            "freeze": ws.freeze_panes,
            "footer": ws.oddFooter.center.text if ws.oddFooter and ws.oddFooter.center else None,
            "print_area": ws.print_area,
            "heights": {str(r): d.height for r, d in ws.row_dimensions.items() if d.height is not None},
            "widths": {k: round(d.width, 2) for k, d in ws.column_dimensions.items() if d.width},
            "validations": sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation),
            "conditional": sorted(str(cf.sqref) for cf in ws.conditional_formatting),
        }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
