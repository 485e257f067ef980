"""CSV downloads as spreadsheet users expect them: UTF-8 with a BOM, one header row."""

import csv
import re

from django.http import HttpResponse


def csv_response(filename, header, rows):
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", filename)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([_inert(cell) for cell in row] for row in rows)
    return response


def _inert(cell):
    """Minutes are written by members: a cell that a spreadsheet would run as a formula is
    quoted so it shows as text."""
    text = str(cell)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
