"""Word (.docx) minutes give the record their text export gives, and damaged files a clear error.

The Word documents are built here from the sample's own text (see docx_builder): headings
numbered by Word's automatic numbering, bullets as list paragraphs, tables as tables.
"""

import io
import random
import re
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

from meetings.minutes import find_files, load
from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.docx import read_docx
from meetings.minutes.readers import DEFAULT_MAX_BYTES, MinutesError, read_text

from .docx_builder import (
    add_abstract,
    add_bullets,
    add_num,
    heading_levels,
    link_style_numbering,
    minutes_docx,
    set_numbering,
    to_bytes,
)
from .helpers import SAMPLE

# The one warning that quotes line numbers in its message: they are the rows' lines in each file.
_LINES_IN_MESSAGE = re.compile(r"\(lines \d+(?:(?:, | and )\d+)*\)")


@pytest.fixture(scope="module")
def sample_raw():
    return SAMPLE.read_bytes()


@pytest.fixture(scope="module")
def sample_docx(sample_raw):
    return minutes_docx(sample_raw.decode("utf-8"))


@pytest.fixture(scope="module")
def document(sample_docx):
    return read_docx(sample_docx)


def without_lines(value):
    """`value` with every "line" key taken out, at any depth."""
    if isinstance(value, dict):
        return {key: without_lines(item) for key, item in value.items() if key != "line"}
    if isinstance(value, list):
        return [without_lines(item) for item in value]
    return value


def same_record(minutes):
    record = without_lines(minutes.to_dict())
    for warning in record["warnings"]:
        warning["message"] = _LINES_IN_MESSAGE.sub("(lines …)", warning["message"])
    return record


def body(document, xml):
    """Append a body element written as XML (namespace w declared for it)."""
    element = parse_xml(re.sub(r"^<(w:\w+)", rf"<\1 {nsdecls('w')}", xml, count=1))
    document.element.body.sectPr.addprevious(element)


# The sample ----------------------------------------------------------------------------------


def test_the_word_document_gives_the_record_of_its_text_export(document, sample_raw):
    from_word = parse(document)
    from_text = parse(read_text(sample_raw))

    assert document.format == "docx"
    assert same_record(from_word) == same_record(from_text)
    record = from_word.to_dict()
    assert len(record["sections"]) == 27
    decided = [r for c in record["contributions"] for r in c["revisions"] if r["decision"]]
    assert len(decided) == 57
    assert without_lines(record["meeting"]) == {
        "group": "SEC",
        "number": "12",
        "group_alias": "WG4",
        "group_name": None,
        "date": None,
        "dates": [],
        "chair": None,
        "plenary": "TP12",
        "next_meeting": "TP 13, September 2014, Phoenix, AZ, USA",
    }
    assert [(a["reference"], len(a["mentions"])) for a in record["actions"]][8:12] == [
        ("A-WG4-TP12-009", 1),
        ("A-WG4-TP12-010", 1),
        ("A-WG4-TP12-011", 1),
        ("A-WG4-TP12-012", 1),
    ]


def test_the_repeated_action_reference_warning_names_the_rows_word_lines(document):
    rows = [b for b in document.blocks if b.is_row and b.cells[0] == "A-WG4-TP12-012"]
    lines = document.text.split("\n")

    messages = [w["message"] for w in parse(document).to_dict()["warnings"]]
    assert f"(lines {rows[0].line} and {rows[1].line})" in next(
        m for m in messages if "A-WG4-TP12-012" in m
    )
    assert lines[rows[1].line - 1] == (
        "A-WG4-TP12-012\tContribute to WG3 the XSD for the Access Control Policy Resource"
        "\tVolunteers\tOPEN"
    )


def test_each_block_is_its_paragraph_or_row_in_document_order(document, sample_docx):
    word = docx.Document(io.BytesIO(sample_docx))
    items = []  # what python-docx sees, one entry per paragraph and per table row
    for item in word.iter_inner_content():
        if isinstance(item, Paragraph):
            items.append(item)
        else:
            items.extend(item.rows)
    lines = document.text.split("\n")

    assert len(lines) == len(items)
    for block in document.blocks:
        item, line = items[block.line - 1], lines[block.line - 1]
        if block.is_row:
            assert block.cells == [cell.text.strip() for cell in item.cells]
            assert line == "\t".join(block.cells)
        else:
            assert isinstance(item, Paragraph)
            assert line.endswith(item.text)  # after its automatic number, for a heading
            assert line.strip() == block.text
    empty = [number for number, line in enumerate(lines, start=1) if not line.strip()]
    assert empty
    assert not {block.line for block in document.blocks} & set(empty)


def test_bullets_are_list_paragraphs_and_the_export_shows_them_as_a_dot(document, sample_raw):
    text_blocks = read_text(sample_raw).blocks
    paragraphs = [(b.text, b.bullet) for b in document.blocks if not b.is_row]
    exported = [(b.text, b.bullet) for b in text_blocks if not b.is_row and b.bullet]

    assert ("SEC-2014-0356, TS-003 CR on Definitions", True) in paragraphs
    # "Bootstrap Clean up CR" lost its mark in the export; it is a plain paragraph here too.
    assert ("SEC-2014-0369, Bootstrap Clean up CR", False) in paragraphs
    assert [p for p in paragraphs if p[1]] == exported
    assert "·" not in document.text


def test_headings_take_their_numbers_from_word_automatic_numbering(document, sample_docx):
    headings = [b.text for b in document.blocks if re.match(r"\d{1,2}(\.\d{1,2})*\s", b.text)]
    written = {p.text.strip() for p in docx.Document(io.BytesIO(sample_docx)).paragraphs}

    assert headings[headings.index("6.9 Annexes") + 1] == "6.10 New chapters"
    assert headings[12:15] == [
        "6.5 Clause 8.2 - Security Associations",
        # The slip was typed, not numbered: the list cannot show 5.6 there.
        "5.6\tClause 8.3 – Bootstrapping aka Remote Security Provisioning",
        "6.7 Chapter 9",  # the list's value set to 7 after it
    ]
    assert headings[-3:] == [
        "8 Planning for next Meeting(s)",
        "9 Any other business",
        "10 Closure of meeting",
    ]
    # In the Word document the numbers are not text, except the typed one.
    assert {"Annexes", "New chapters", "Chapter 9", "SEC/ARC Joint Discussions:"} <= written
    assert {text for text in written if re.match(r"\d", text)} == {
        "5.6\tClause 8.3 – Bootstrapping aka Remote Security Provisioning"
    }


# Automatic numbering -------------------------------------------------------------------------


def test_style_linked_numbering_counts_levels_from_its_start():
    word = docx.Document()
    abstract = add_abstract(word, heading_levels(start=6, styles=True))
    num_id = add_num(word, abstract)
    link_style_numbering(word, "Heading 1", num_id, 0)
    link_style_numbering(word, "Heading 2", num_id, 1)
    word.add_paragraph("Contributions for decision on TS-0003", style="Heading 1")
    for title in [
        "Introductory chapters (1-5)",
        "Chapter 6",
        "Chapter 7 – Access Control",
        "Clause 8.1 – Security Frameworks",
        "Clause 8.2 - Security Associations",
    ]:
        word.add_paragraph(title, style="Heading 2")
    typed = word.add_paragraph(
        "5.6\tClause 8.3 – Bootstrapping aka Remote Security Provisioning", style="Heading 2"
    )
    set_numbering(typed, 0, 1)  # numbering taken off this heading: it does not count
    for title in [
        "Chapter 9",
        "Chapter 10",
        "Annexes",
        "New chapters",
        "SEC/ARC Joint Discussions:",
    ]:
        word.add_paragraph(title, style="Heading 2")
    word.add_paragraph("Other contributions", style="Heading 1")
    word.add_paragraph(
        "Work Item on End-to-End Security and Group Authentication", style="Heading 2"
    )
    word.add_paragraph("SEC-2014-0355R02-SEC_12_Agenda")

    document = read_docx(to_bytes(word))
    minutes = parse(document)

    assert [b.text for b in document.blocks][:13] == [
        "6 Contributions for decision on TS-0003",
        "6.1 Introductory chapters (1-5)",
        "6.2 Chapter 6",
        "6.3 Chapter 7 – Access Control",
        "6.4 Clause 8.1 – Security Frameworks",
        "6.5 Clause 8.2 - Security Associations",
        "5.6\tClause 8.3 – Bootstrapping aka Remote Security Provisioning",
        "6.6 Chapter 9",
        "6.7 Chapter 10",
        "6.8 Annexes",
        "6.9 New chapters",
        "6.10 SEC/ARC Joint Discussions:",
        "7 Other contributions",
    ]
    assert [s.number for s in minutes.sections][-4:] == ["6.9", "6.10", "7", "7.1"]
    assert [s.parent for s in minutes.sections][-4:] == ["6", "6", None, "7"]
    assert [w.message for w in minutes.warnings] == [
        'Section "5.6" is out of sequence after "6.5"; kept as written, in document order.'
    ]


def test_numbering_continues_across_instances_and_restarts_where_a_value_is_set():
    word = docx.Document()
    abstract = add_abstract(word, heading_levels())
    first, second = add_num(word, abstract), add_num(word, abstract)
    restart = add_num(word, abstract, {1: 11})
    for title, num_id, level in [
        ("Contributions for decision on TS-0003", first, 0),
        ("Introductory chapters (1-5)", first, 1),
        ("Chapter 6", second, 1),  # another instance of the same list: it continues
        ("SEC/ARC Joint Discussions:", restart, 1),  # "Set Numbering Value" to 11
        ("SEC/PRO Joint Discussions Wednesday 30/07/14:", first, 1),
        ("Other contributions", second, 0),
        ("Informative contributions", first, 1),
    ]:
        set_numbering(word.add_paragraph(title, style=f"Heading {level + 1}"), num_id, level)

    assert [b.text for b in read_docx(to_bytes(word)).blocks] == [
        "1 Contributions for decision on TS-0003",
        "1.1 Introductory chapters (1-5)",
        "1.2 Chapter 6",
        "1.11 SEC/ARC Joint Discussions:",
        "1.12 SEC/PRO Joint Discussions Wednesday 30/07/14:",
        "2 Other contributions",
        "2.1 Informative contributions",
    ]


# Paragraphs ----------------------------------------------------------------------------------


def test_what_makes_a_paragraph_a_bullet():
    word = docx.Document()
    bullets = add_bullets(word)
    numbers = add_num(word, add_abstract(word, heading_levels()))
    word.add_paragraph("Presented by Qualcomm", style="List Paragraph")  # style alone
    set_numbering(word.add_paragraph("SEC-2014-0371R02 was AGREED"), bullets, 0)  # numbering
    word.add_paragraph("SEC-2014-0384, TS-0003 CR Clause 617 cleanup", style="List Bullet")
    word.add_paragraph("• SEC-2014-0384 was AGREED")  # typed mark
    word.add_paragraph("SEC-2014-0369, Bootstrap Clean up CR")
    # A numbered paragraph that is not a heading: no bullet, and no number put before it.
    set_numbering(word.add_paragraph("Organization of e-mail discussion threads"), numbers, 0)

    assert [(b.text, b.bullet) for b in read_docx(to_bytes(word)).blocks] == [
        ("Presented by Qualcomm", True),
        ("SEC-2014-0371R02 was AGREED", True),
        ("SEC-2014-0384, TS-0003 CR Clause 617 cleanup", True),
        ("SEC-2014-0384 was AGREED", True),
        ("SEC-2014-0369, Bootstrap Clean up CR", False),
        ("Organization of e-mail discussion threads", False),
    ]


def test_a_paragraph_reads_as_word_shows_it():
    word = docx.Document()
    body(
        word,
        '<w:p><w:r><w:t xml:space="preserve">SEC-2014-0363 was </w:t></w:r>'
        '<w:del w:id="1" w:author="Secretary"><w:r><w:delText>AGREED</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="Secretary"><w:r><w:t>NOTED</w:t></w:r></w:ins></w:p>',
    )
    body(
        word,
        "<w:p><w:r><w:t>Presented by Qualcomm</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t> (draft)</w:t></w:r></w:p>",
    )
    body(
        word,
        '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/>'
        "<w:t>No questions or comments.</w:t><w:br/><w:t>SEC-2014-0386R03 was AGREED.</w:t>"
        "</w:r></w:p>",
    )
    document = read_docx(to_bytes(word))

    assert document.text.split("\n") == [
        "SEC-2014-0363 was NOTED",
        "Presented by Qualcomm",
        "·\tNo questions or comments. SEC-2014-0386R03 was AGREED.",
    ]
    assert [(b.line, b.text, b.bullet) for b in document.blocks] == [
        (1, "SEC-2014-0363 was NOTED", False),
        (2, "Presented by Qualcomm", False),
        (3, "No questions or comments. SEC-2014-0386R03 was AGREED.", True),
    ]


def test_a_table_of_contents_keeps_its_lines_but_is_not_read_as_headings():
    word = docx.Document()
    word.styles.add_style("TOC 2", WD_STYLE_TYPE.PARAGRAPH)
    body(
        word,
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        "<w:p><w:r><w:t>Contents</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>6.10</w:t></w:r><w:r><w:tab/><w:t>New chapters</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>",
    )
    word.add_paragraph("6.11\tSEC/ARC Joint Discussions:", style="TOC 2")
    word.add_paragraph("SEC-2014-0355R02-SEC_12_Agenda")
    word.add_paragraph("6.10\tNew chapters", style="Heading 2")
    document = read_docx(to_bytes(word))

    assert document.text.split("\n")[:3] == [
        "Contents",
        "6.10\tNew chapters",
        "6.11\tSEC/ARC Joint Discussions:",
    ]
    assert [(b.line, b.text) for b in document.blocks] == [
        (4, "SEC-2014-0355R02-SEC_12_Agenda"),
        (5, "6.10\tNew chapters"),
    ]
    assert [(s.number, s.line) for s in parse(document).sections] == [("6.10", 5)]


# Tables --------------------------------------------------------------------------------------


def test_merged_cells_appear_once_and_cell_paragraphs_join():
    subscription = "Subscription Verification needs to be aligned with ARC."
    xsd, resource = "Contribute to WG3 the XSD", "for the Access Control Policy Resource"
    word = docx.Document()
    table = word.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ["REFERENCE", "WHAT", "WHO", "STATUS"], strict=True):
        cell.text = text
    for row, (reference, what, who) in zip(
        table.rows[1:],
        [
            ("A-WG4-TP12-011", subscription, "All"),
            ("A-WG4-TP12-012", xsd, "Volunteers"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = reference, what, who
    table.cell(2, 1).add_paragraph(resource)
    table.cell(1, 3).merge(table.cell(2, 3)).text = "OPEN"  # one status for both rows
    word.add_paragraph("6.11 SEC/ARC Joint Discussions:")
    spanning = word.add_table(rows=1, cols=4)
    spanning.cell(0, 0).text = "ARC-2014-1500"
    spanning.cell(0, 1).merge(spanning.cell(0, 3)).text = "ID for AE Registration"
    word.add_paragraph("SEC-2014-0355R02-SEC_12_Agenda")
    document = read_docx(to_bytes(word))

    assert [(b.line, b.cells) for b in document.blocks if b.is_row] == [
        (1, ["REFERENCE", "WHAT", "WHO", "STATUS"]),
        (2, ["A-WG4-TP12-011", subscription, "All", "OPEN"]),
        (3, ["A-WG4-TP12-012", f"{xsd} {resource}", "Volunteers", "OPEN"]),
        (5, ["ARC-2014-1500", "ID for AE Registration"]),
    ]
    minutes = parse(document)
    assert [(a.reference, a.status) for a in minutes.actions] == [
        ("A-WG4-TP12-011", "open"),
        ("A-WG4-TP12-012", "open"),
    ]
    titles = {c.number: c.title for c in minutes.contributions}
    assert titles["ARC-2014-1500"] == "ID for AE Registration"


# Bad files -----------------------------------------------------------------------------------


def _without(raw, name):
    """The archive `raw` with the part `name` left out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
    return out.getvalue()


def _damaged_xml(raw):
    """The archive `raw` with word/document.xml cut off halfway."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    return out.getvalue()


def _as_template(raw):
    """The archive `raw` declared a Word template (.dotx) instead of a document."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b".document.main+xml", b".template.main+xml")
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda raw: raw[: len(raw) // 2], "it is not a complete zip archive"),
        (lambda raw: random.Random(12).randbytes(len(raw)), "it is not a complete zip archive"),
        (lambda raw: _without(raw, "word/document.xml"), "it has no word/document.xml"),
        (_damaged_xml, "a part of it is damaged or missing"),
        (lambda raw: _without(raw, "[Content_Types].xml"), "a part of it is damaged or missing"),
        (
            _as_template,
            "it is a template or a macro-enabled document; save it as a Word document (.docx)",
        ),
    ],
    ids=["truncated", "random bytes", "no document part", "broken XML", "no types", "template"],
)
def test_a_damaged_file_is_refused_in_one_line(sample_docx, damage, reason):
    with pytest.raises(MinutesError) as raised:
        read_docx(damage(sample_docx))

    message = str(raised.value)
    assert message == f"the file is not a readable Word document (.docx): {reason}"
    assert "\n" not in message


def test_an_old_or_protected_word_file_is_named_as_such():
    with pytest.raises(MinutesError, match=r"old Word document \(\.doc\)"):
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def test_a_document_without_text_is_empty():
    word = docx.Document()
    word.add_paragraph()
    word.add_paragraph("   ")
    word.add_table(rows=2, cols=4)

    for raw in [b"", to_bytes(word)]:
        with pytest.raises(MinutesError, match=r"^the file is empty$"):
            read_docx(raw)


# The pipeline --------------------------------------------------------------------------------


def test_load_reads_word_files_found_in_a_directory(tmp_path, sample_docx):
    path = tmp_path / "oneM2M-SEC12-minutes.docx"
    path.write_bytes(sample_docx)
    (tmp_path / "notes.odt").write_bytes(b"not minutes")

    assert find_files([tmp_path]) == [path]
    loaded = load(path, max_bytes=DEFAULT_MAX_BYTES)
    assert loaded.document.format == "docx"
    assert (loaded.minutes.meeting.group, loaded.minutes.meeting.number) == ("SEC", "12")


@pytest.mark.django_db
def test_an_imported_word_file_shows_the_paragraph_each_decision_came_from(sample_docx):
    from contributions.models import Handling
    from meetings.minutes.importer import import_minutes

    document = read_docx(sample_docx)
    result = import_minutes(parse(document), document, name="minutes.docx", raw=sample_docx)

    assert result.status == "created"
    handling = Handling.objects.get(revision__number="SEC-2014-0363R01", section__number="6.2")
    assert (handling.decision, handling.source_text()) == ("agreed", "SEC-2014-0363R01 was AGREED")
    assert handling.source.format == "docx"
    assert Handling.objects.exclude(decision="").count() == 57
