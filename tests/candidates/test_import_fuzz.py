"""The importer under attack (issue 13, item 5): whatever bytes arrive, reading a table either gives headers and rows
or raises ImportFileError with a message; cleaning a row never raises; a file broken far below its first rows is
refused when it is uploaded (400), not half-way through a run, and nobody's data changes."""

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from candidates.models import Candidate
from candidates.services.imports import ImportFileError, clean_row, read_table, suggest_mapping
from talentpool.tenancy.context import tenant_context
from tests.conftest import bearer
from tests.factories import make_candidate

FUZZ = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
HEADERS = ["姓名", "email", "phone", "tags", "工作年限", "学历", "source", "入库日期", "external_id"]


def read_all(data: bytes, filename: str):
    headers, rows = read_table(data, filename)
    return headers, list(rows)


@FUZZ
@given(data=st.binary(max_size=600), filename=st.sampled_from(["a.csv", "a.xlsx", "a.xls", "", "简历.txt"]))
def test_any_bytes_are_a_table_or_a_clear_refusal(data, filename):
    try:
        headers, rows = read_all(data, filename)
    except ImportFileError as refusal:
        assert str(refusal)
        return
    assert all(isinstance(header, str) for header in headers)
    assert all(isinstance(cell, str) for row in rows for cell in row)


cell = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@FUZZ
@given(
    rows=st.lists(st.lists(cell, min_size=1, max_size=len(HEADERS)), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_in_any_encoding_cleans_without_raising(rows, encoding, delimiter):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return  # GBK cannot hold every character; such a file cannot exist
    try:
        headers, read_rows = read_all(data, "pool.csv")
    except ImportFileError:
        return
    mapping = {header: target for header, target in suggest_mapping(headers).items()}
    for number, values in enumerate(read_rows, start=1):
        row = clean_row(number, dict(zip(headers, values, strict=False)), mapping)
        assert row.rejected == (not row.name and not row.emails and not row.phones)


def _huge_cell_csv() -> bytes:
    rows = ["name,email"] + [f"Person {n},p{n}@example.com" for n in range(300)]
    rows.append('"' + "x" * 200_000 + '",late@example.com')  # past the preview, over csv's field limit
    return "\n".join(rows).encode()


def test_a_cell_over_the_field_limit_far_down_is_refused_at_upload(client, tenant_a, key_a):
    with tenant_context(tenant_a):
        make_candidate(tenant_a, full_name="Existing Person")
        before = Candidate.objects.count()
    response = client.post(
        "/api/v1/imports/", {"file": _upload(_huge_cell_csv(), "pool.csv")}, **bearer(key_a)
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert "line 302" in json.dumps(body), body
    with tenant_context(tenant_a):
        assert Candidate.objects.count() == before


def test_a_spreadsheet_broken_below_its_first_row_is_refused(tenant_a):
    with pytest.raises(ImportFileError):
        read_all(_truncated_xlsx(), "pool.xlsx")


def _truncated_xlsx() -> bytes:
    """A real workbook whose sheet XML is cut off after the header row: openpyxl opens it and fails reading on."""
    import zipfile

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "email"])
    for n in range(500):
        sheet.append([f"Person {n}", f"p{n}@example.com"])
    source = io.BytesIO()
    book.save(source)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source.getvalue())) as original, zipfile.ZipFile(broken, "w") as copy:
        for info in original.infolist():
            content = original.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            copy.writestr(info, content)
    return broken.getvalue()


def _upload(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")
