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
    writer.writerows(rows)
    return response
