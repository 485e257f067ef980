"""Hostile minutes files: each gives a record or one clear error, with work bounded by its size.

Every file is built here, from sentences of the sample minutes. None of these tests times
anything: each states the work done (blocks, characters fed to the parser, warnings, memory
traced) and the sizes are such that the quadratic reading they guard against would take
minutes, so a regression shows as a run that hangs.
"""

import inspect
import io
import os
import random
import sys
import tracemalloc
import zipfile

import pytest
from docx.opc.oxml import oxml_parser as package_parser
from docx.oxml.parser import oxml_parser as part_parser
from lxml import etree

from config import settings as project_settings
from meetings.minutes import docx as docx_reader
from meetings.minutes import load, read_word
from meetings.minutes.dialects.onem2m import parse
from meetings.minutes.docx import (
    MAX_PARTS,
    MAX_RATIO,
    MAX_TOTAL_UNPACKED_BYTES,
    MAX_UNPACKED_BYTES,
    read_docx,
)
from meetings.minutes.readers import MAX_LINE_CHARS, MinutesError, read_text

from .docx_builder import W_NAMESPACE, paragraph_xml, word_package
from .helpers import SAMPLE

# Sentences of the sample minutes.
AGREED = "SEC-2014-0386R03 was AGREED. "
RELATED = "This contribution is related to contribution -0362R01. "
INTRODUCED = "SEC-2014-0366R02, Acquisition of Location Information for Location Based Access"
PRESENTED = "Presented by Wei Zhou, CATT"
ACTION_ITEM = (
    "ACTION ITEM: The Rapporteaur was given an action replace all instances of security "
    "bootstrapping with remote provisioning in the baseline document"
)
ACTION_ROW = (
    "The Rapporteur was given an action replace all instances of security bootstrapping "
    "with remote provisioning in the baseline document"
)
CUT = f"Line too long for minutes: cut to {MAX_LINE_CHARS:,} characters."
LIMITS_OFF = {"max_unpacked_bytes": 10**12, "max_ratio": 10**9}


def repeated(sentence, size):
    return sentence * (size // len(sentence))


def fed(document):
    """The characters the readers hand the parser: what every pattern may read."""
    return sum(len(block.text) + sum(map(len, block.cells or ())) for block in document.blocks)


def traced(function, *args, **kwargs):
    """`function`'s result, and the peak of the Python memory it allocated, in bytes."""
    tracemalloc.start()
    try:
        return function(*args, **kwargs), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def refusal(raw, **limits):
    """The one-line message the Word reader refuses `raw` with."""
    with pytest.raises(MinutesError) as raised:
        read_docx(raw, **limits)
    message = str(raised.value)
    assert message and "\n" not in message
    return message


# Text files ------------------------------------------------------------------------------------


def test_a_giant_line_is_cut_with_a_warning_and_the_parser_reads_only_what_is_kept():
    raw = f"SEC_12_Agenda\n{repeated(AGREED, 3_000_000)}\n".encode()

    document, peak = traced(read_text, raw)
    minutes = parse(document, "SEC#12")

    assert [len(block.text) for block in document.blocks] == [13, MAX_LINE_CHARS]
    assert [(w.line, w.message) for w in document.warnings] == [(2, CUT)]
    assert (2, CUT) in [(w.line, w.message) for w in minutes.warnings]
    assert fed(document) <= MAX_LINE_CHARS * len(document.blocks)
    assert peak < 6 * len(raw)  # the text decoded, its lines, and the line kept
    (contribution,) = minutes.contributions
    assert [entry.decision for entry in contribution.revisions] == ["agreed"]


def test_lines_just_under_the_cut_are_parsed_in_work_linear_in_their_numbers():
    line = repeated(RELATED, MAX_LINE_CHARS - 100)
    raw = "\n".join([INTRODUCED, *[line] * 30]).encode()

    document = read_text(raw)
    minutes = parse(document, "SEC#12")

    assert len(document.blocks) == 31 and not document.warnings
    # Every "-0362R01" is read once, as a short number, in every line.
    short = [w for w in minutes.warnings if w.message.startswith("Short number")]
    assert len(short) == 30 * line.count("-0362R01")
    (relation,) = minutes.contributions[0].relations
    assert (relation.from_, relation.type, relation.to) == (
        "SEC-2014-0366R02",
        "related_to",
        "SEC-2014-0362R01",
    )


def test_a_hundred_thousand_tiny_lines_give_a_block_each():
    raw = ("SEC_12_Agenda\n" + "· x\n" * 100_000).encode()

    document = read_text(raw)
    minutes = parse(document, "SEC#12")

    assert len(document.blocks) == 100_001 and fed(document) == 13 + 100_000
    assert minutes.meeting.number == "12" and not minutes.warnings


def test_long_white_space_in_a_line_is_read_once():
    presenter = "Presented by Wei Zhou," + " " * (MAX_LINE_CHARS - 40) + "CATT"
    raw = "\n".join([INTRODUCED, *[presenter] * 20, "SEC_12_Agenda"]).encode()

    minutes = parse(read_text(raw))

    assert minutes.contributions[0].presented_by == "Wei Zhou"
    assert minutes.contributions[0].sources == ["CATT"]


def test_deeply_nested_sections_find_their_parents_in_one_step_each():
    lines = ["SEC_12_Agenda"]
    for a in range(1, 21):
        lines.append(f"{a} Chapter {a}")
        for b in range(1, 31):
            lines.append(f"{a}.{b} Clause {a}.{b}")
            lines += [f"{a}.{b}.{c} Clause {a}.{b}.{c}" for c in range(1, 31)]

    minutes = parse(read_text("\n".join(lines).encode()))

    assert len(minutes.sections) == 20 * (1 + 30 * (1 + 30))
    parents = {section.number: section.parent for section in minutes.sections}
    assert parents["20.30.30"] == "20.30" and parents["20.30"] == "20" and parents["20"] is None


def test_an_action_table_of_thousands_of_columns_and_repeated_rows_stays_linear():
    header = ["REFERENCE", "WHAT", "WHO", "STATUS", *[f"NOTE {i}" for i in range(20_000)]]
    rows = ["\n".join(f"\t{cell}" for cell in header)]
    rows += [f"\tA-WG4-TP12-012\n\t{ACTION_ROW}\n\tAll\n\tOPEN" for _ in range(5_000)]
    raw = ("SEC_12_Agenda\n5\nAction Item Status\n" + "\n\n".join(rows) + "\n").encode()

    minutes = parse(read_text(raw))

    assert len(minutes.actions) == 5_000
    assert all(action.description == ACTION_ROW for action in minutes.actions)
    repeats = [w.message for w in minutes.warnings if "more than one row" in w.message]
    assert len(repeats) == 4_999
    assert max(map(len, repeats)) < 200  # the lines before are named up to four


def test_action_items_beyond_what_can_be_compared_stand_alone_with_a_warning():
    rows = [f"\tA-WG4-TP12-{i:03d}\n\t{ACTION_ROW} {i}\n\tAll\n\tOPEN" for i in range(3_000)]
    raw = "\n".join(
        [
            "SEC_12_Agenda\n5\nAction Item Status\nREFERENCE",
            "\tREFERENCE\n\tWHAT\n\tWHO\n\tSTATUS\n",
            "\n\n".join(rows),
            "6\nContributions",
            *[f"· {ACTION_ITEM}" for _ in range(3_000)],
        ]
    ).encode()

    minutes = parse(read_text(raw))

    # Each sentence shares its dozen words with all 3,000 rows: 36,000 comparisons a sentence.
    matched = sum(len(action.mentions) for action in minutes.actions if action.reference)
    alone = [action for action in minutes.actions if not action.reference]
    assert matched + len(alone) == 3_000
    assert 0 < matched < 100 and minutes.actions[0].mentions
    warnings = [w for w in minutes.warnings if w.message.startswith("Too many action items")]
    assert len(warnings) == 1 and warnings[0].line == alone[0].line


# Word files: refused before unpacking ---------------------------------------------------------


@pytest.fixture
def python_docx_never_called(monkeypatch):
    def unpacked(*args, **kwargs):
        raise AssertionError("python-docx was asked to unpack a file refused before")

    monkeypatch.setattr(docx_reader.docx, "Document", unpacked)


def test_a_zip_bomb_is_refused_by_its_ratio_before_it_is_unpacked(python_docx_never_called):
    raw = word_package("<w:p/>" * 10_000 for _ in range(200))  # 12 MB of XML in a few kB

    message = refusal(raw)

    assert len(raw) < 50_000
    assert message.startswith("the Word document would unpack to ")
    assert "(word/document.xml), over the limit of 100 (setting DOCX_MAX_RATIO" in message


def test_a_bomb_hidden_behind_a_large_plain_part_is_refused_by_its_own_ratio(
    python_docx_never_called,
):
    picture = random.Random(12).randbytes(2_000_000)  # as a photograph: no smaller packed
    raw = word_package(
        ("<w:p/>" * 10_000 for _ in range(100)),  # 6 MB of XML in a few kB
        parts=[("word/media/image1.jpeg", picture)],
        stored=["word/media/image1.jpeg"],
    )

    message = refusal(raw)

    assert len(raw) < 2_100_000 and "(word/document.xml)" in message


def test_a_file_unpacking_past_the_limit_is_refused_before_it_is_unpacked(
    python_docx_never_called,
):
    raw = word_package(paragraph_xml(f"{AGREED} {i}") for i in range(20_000))

    message = refusal(raw, max_unpacked_bytes=1_000_000)

    assert message.startswith("the Word document's XML unpacks to ")
    assert message.endswith(
        "over the 1.0 MB limit "
        "(setting DOCX_MAX_UNPACKED_BYTES, from PLENARY_DOCX_MAX_UNPACKED_BYTES)"
    )


RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def sample_with_picture(picture, **package):
    """The sample's paragraphs in a Word file, with `picture` as word/media/image1.png: an
    image by its Default content type, related to the body so python-docx loads it."""
    body = [paragraph_xml(line) for line in SAMPLE.read_text(encoding="utf-8").split("\n")]
    return word_package(
        body,
        parts=[("word/media/image1.png", picture)],
        types='<Default Extension="png" ContentType="image/png"/>',
        links=[("rId9", f"{RELATIONSHIPS}/image", "media/image1.png")],
        **package,
    )


def test_pictures_past_the_xml_limit_are_read():
    picture = os.urandom(17_000_000)  # three photographs: they do not compress
    raw = sample_with_picture(picture, stored=["word/media/image1.png"])
    plain = parse(read_text(SAMPLE.read_bytes()), "SEC#12")

    minutes = parse(read_docx(raw), "SEC#12")

    assert MAX_UNPACKED_BYTES < len(raw) < MAX_TOTAL_UNPACKED_BYTES
    numbers = [c.number for c in minutes.contributions]
    assert len(numbers) > 30 and numbers == [c.number for c in plain.contributions]


def test_a_file_past_the_bound_on_all_parts_is_refused_before_it_is_unpacked(
    python_docx_never_called, monkeypatch
):
    monkeypatch.setattr(docx_reader, "MAX_TOTAL_UNPACKED_BYTES", 1_000_000)
    raw = sample_with_picture(random.Random(12).randbytes(1_000_000))

    assert refusal(raw, max_unpacked_bytes=500_000) == (
        "the Word document unpacks to 1.0 MB, pictures included, over the 1.0 MB limit "
        "for all its parts"
    )
    # A limit on XML set higher than the bound on all parts raises that bound with it.
    assert "pictures included" not in refusal(raw, max_unpacked_bytes=2_000_000)


def test_xml_named_as_a_picture_counts_as_xml_and_is_refused_before_it_is_unpacked(
    python_docx_never_called,
):
    # A header part, which python-docx parses, named as a picture: its Override says what it is.
    noise = random.Random(12).randbytes(4_500_000).hex()  # text that packs about 3 times
    paragraphs = (
        f"<w:p><w:r><w:t>{noise[i : i + 40]}</w:t></w:r></w:p>" for i in range(0, len(noise), 40)
    )
    header = f'<w:hdr xmlns:w="{W_NAMESPACE}">{"".join(paragraphs)}</w:hdr>'
    raw = word_package(
        [paragraph_xml(INTRODUCED)],
        parts=[("word/media/image1.png", header)],
        types=f'<Override PartName="/word/media/image1.png" ContentType="{HEADER_TYPE}"/>',
        links=[("rId9", f"{RELATIONSHIPS}/header", "media/image1.png")],
    )
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        part = archive.getinfo("word/media/image1.png")

    message = refusal(raw)

    assert part.file_size > MAX_UNPACKED_BYTES and part.file_size < part.compress_size * MAX_RATIO
    assert message.startswith("the Word document's XML unpacks to 16.")
    assert message.endswith(
        "over the 16.0 MB limit (setting DOCX_MAX_UNPACKED_BYTES, "
        "from PLENARY_DOCX_MAX_UNPACKED_BYTES)"
    )


def with_content_types(raw, edit):
    """The archive `raw` with its [Content_Types].xml passed through `edit`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, edit(data) if info.filename == "[Content_Types].xml" else data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (
            lambda types: b'<!DOCTYPE Types [<!ENTITY x "x">]>' + types,
            "its part /[Content_Types].xml declares a DOCTYPE, which Word documents never do",
        ),
        (
            lambda types: types.replace(b"</Types>", b"<!--" + b" " * 2_000_000 + b"--></Types>"),
            "its [Content_Types].xml unpacks to 2.0 MB, over the 1.0 MB a Word document's needs",
        ),
    ],
    ids=["doctype", "too large"],
)
def test_content_types_that_word_never_writes_are_refused(python_docx_never_called, edit, reason):
    raw = with_content_types(word_package([paragraph_xml(INTRODUCED)]), edit)

    assert refusal(raw) == f"the file is not a readable Word document (.docx): {reason}"


def test_a_file_of_thousands_of_parts_is_refused_before_it_is_unpacked(python_docx_never_called):
    raw = word_package([], parts=[(f"word/media/{i}.bin", b"") for i in range(MAX_PARTS)])

    assert refusal(raw).endswith(
        f"it holds {MAX_PARTS + 3:,} parts, more than the {MAX_PARTS:,} "
        "a Word document of minutes could need"
    )


def test_the_settings_set_the_limits_of_files_loaded(tmp_path, settings):
    path = tmp_path / "minutes.docx"
    body = [
        paragraph_xml("SEC_12_Agenda"),
        *(paragraph_xml(f"{AGREED} {i}" * 20) for i in range(2_000)),
    ]
    path.write_bytes(word_package(body))  # 1.3 MB of XML
    settings.DOCX_MAX_UNPACKED_BYTES = 5_000

    with pytest.raises(MinutesError, match=r"over the 5\.0 kB limit \(setting DOCX_MAX_UNPACKED"):
        load(path, max_bytes=10**6)

    settings.DOCX_MAX_UNPACKED_BYTES, settings.DOCX_MAX_RATIO = 10**7, 2
    with pytest.raises(MinutesError, match=r"over the limit of 2 \(setting DOCX_MAX_RATIO"):
        read_word(path.read_bytes())
    assert read_word(path.read_bytes(), max_ratio=1000).blocks


def test_the_settings_default_to_the_readers_own_limits():
    assert project_settings.DOCX_MAX_UNPACKED_BYTES == MAX_UNPACKED_BYTES
    assert project_settings.DOCX_MAX_RATIO == MAX_RATIO


# Word files: entities ------------------------------------------------------------------------

# "Billion laughs": each entity ten of the one before, nine deep.
LAUGHS = "".join(
    [
        '<!DOCTYPE w:document [<!ENTITY lol0 "lol">',
        *(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)),
        "]>",
    ]
)


@pytest.fixture
def nothing_is_loaded():
    """Every parser python-docx uses, watched: any file or URL it tries to load fails the test."""
    loaded = []

    class Watch(etree.Resolver):
        def resolve(self, url, public_id, context):
            loaded.append(url)
            return self.resolve_empty(context)

    watch = Watch()
    for parser in (part_parser, package_parser):
        parser.resolvers.add(watch)
    yield loaded
    for parser in (part_parser, package_parser):
        parser.resolvers.remove(watch)
    assert loaded == []


def test_entity_expansion_is_refused(nothing_is_loaded):
    body = [paragraph_xml("SEC_12_Agenda"), "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"]

    message = refusal(word_package(body, prolog=LAUGHS))

    assert message.startswith("the file is not a readable Word document (.docx): ")
    assert message.endswith("which Word documents never do")


def test_a_few_entities_are_refused_for_their_doctype(nothing_is_loaded):
    prolog = '<!DOCTYPE w:document [<!ENTITY agreed "SEC-2014-0386R03 was AGREED">]>'
    body = [paragraph_xml("SEC_12_Agenda"), "<w:p><w:r><w:t>&agreed;</w:t></w:r></w:p>"]

    assert refusal(word_package(body, prolog=prolog)).endswith(
        "its part /word/document.xml declares a DOCTYPE, which Word documents never do"
    )


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{url}">]>',
        '<!DOCTYPE w:document [<!ENTITY % secret SYSTEM "{url}"> %secret;]>',
        '<!DOCTYPE w:document SYSTEM "{url}">',
    ],
    ids=["entity", "parameter entity", "external subset"],
)
def test_an_external_entity_is_never_read(tmp_path, nothing_is_loaded, prolog):
    secret = tmp_path / "secret.txt"
    secret.write_text("PLENARY-SECRET-6e1f")
    body = [paragraph_xml("SEC_12_Agenda"), "<w:p><w:r><w:t>&secret;</w:t></w:r></w:p>"]

    message = refusal(word_package(body, prolog=prolog.format(url=secret.as_uri())))

    assert "DOCTYPE" in message and "PLENARY-SECRET" not in message


def test_an_external_entity_in_a_relationship_part_is_never_read(tmp_path, nothing_is_loaded):
    secret = tmp_path / "secret.txt"
    secret.write_text("PLENARY-SECRET-6e1f")
    rels = (
        f'<!DOCTYPE Relationships [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://example.com/&secret;" Target="x.xml" '
        'TargetMode="External"/></Relationships>'
    )
    raw = word_package(
        [paragraph_xml("SEC_12_Agenda", AGREED)],
        parts=[("word/_rels/document.xml.rels", rels)],
    )

    try:
        document = read_docx(raw)
    except MinutesError as error:
        assert "PLENARY-SECRET" not in str(error)
    else:
        assert "PLENARY-SECRET" not in document.text


# Word files: shapes read in linear work ------------------------------------------------------


def test_a_giant_paragraph_of_many_runs_is_cut_with_a_warning():
    words = RELATED.split()
    runs = [f"{words[i % len(words)]} " for i in range(40_000)]  # 300,000 characters
    raw = word_package([paragraph_xml(INTRODUCED), paragraph_xml(*runs)])

    document = read_docx(raw, **LIMITS_OFF)
    minutes = parse(document, "SEC#12")

    assert [len(block.text) for block in document.blocks] == [len(INTRODUCED), MAX_LINE_CHARS]
    assert [(w.line, w.message) for w in document.warnings] == [(2, CUT)]
    assert fed(document) <= MAX_LINE_CHARS * len(document.blocks)
    (relation,) = minutes.contributions[0].relations
    assert relation.to == "SEC-2014-0362R01"


def test_a_hundred_thousand_tiny_paragraphs_give_a_block_each():
    raw = word_package(
        [paragraph_xml("SEC_12_Agenda"), *(paragraph_xml(f"· {i}") for i in range(100_000))]
    )

    document = read_docx(raw)
    minutes = parse(document)

    assert len(document.blocks) == 100_001 and not document.warnings
    assert minutes.meeting.number == "12"


def test_tables_nested_as_deep_as_lxml_reads_give_their_text_and_deeper_a_clear_error():
    cell = "<w:tbl><w:tr><w:tc>" + paragraph_xml("SEC_12_Agenda")
    nested = word_package([cell * 80, "</w:tc></w:tr></w:tbl>" * 80])
    too_deep = word_package([cell * 90, "</w:tc></w:tr></w:tbl>" * 90])

    (row,) = _with_recursion_limit(read_docx, nested).blocks
    assert row.cells == [" ".join(["SEC_12_Agenda"] * 80)]
    assert refusal(too_deep).endswith("its XML is nested deeper than a Word document's")


def test_content_controls_nested_deep_are_read_without_recursion():
    control = "<w:sdt><w:sdtContent><w:customXml>"
    raw = word_package(
        [control * 80, paragraph_xml(AGREED), "</w:customXml></w:sdtContent></w:sdt>" * 80]
    )

    document = _with_recursion_limit(read_docx, raw)

    assert [block.text for block in document.blocks] == [AGREED.strip()]


def _with_recursion_limit(function, *args):
    """`function` run with Python's stack little deeper than the test's: no walk recurses."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 120)
    try:
        return function(*args)
    finally:
        sys.setrecursionlimit(limit)


def test_thousands_of_cells_and_long_vertical_merges_are_read_in_one_pass():
    cells = "".join(f"<w:tc>{paragraph_xml(f'SEC-2014-{i:04d}')}</w:tc>" for i in range(20_000))
    merged = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + paragraph_xml(INTRODUCED)
    below = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
    rows = [f"<w:tr>{merged}</w:tc><w:tc>{paragraph_xml(PRESENTED)}</w:tc></w:tr>"]
    rows += [f"<w:tr>{below}<w:tc>{paragraph_xml(str(i))}</w:tc></w:tr>" for i in range(3_000)]
    raw = word_package(["<w:tbl><w:tr>", cells, "</w:tr></w:tbl>", "<w:tbl>", *rows, "</w:tbl>"])

    document = read_docx(raw)

    wide, *tall = document.blocks
    assert len(wide.cells) == 20_000 and len(tall) == 3_001
    assert [row.cells[0] for row in tall] == [INTRODUCED] * 3_001
    assert tall[-1].cells == [INTRODUCED, "2999"]


def test_a_long_chain_of_styles_is_worked_out_once():
    styles = '<w:style w:type="paragraph" w:styleId="S0"><w:name w:val="heading 1"/></w:style>'
    styles += "".join(
        f'<w:style w:type="paragraph" w:styleId="S{i}"><w:name w:val="s{i}"/>'
        f'<w:basedOn w:val="S{i - 1}"/></w:style>'
        for i in range(1, 5_000)
    )
    body = [
        paragraph_xml(f"{i % 99 + 1} Clause", properties=f'<w:pStyle w:val="S{i}"/>')
        for i in range(1, 5_000)
    ]

    document = read_docx(word_package(body, styles=styles))

    assert len(document.blocks) == 4_999  # every one a heading, from the chain's first style
    assert len(parse(document, "SEC#12").sections) == 99


def test_lists_nested_to_every_level_give_numbers_of_bounded_length():
    placeholders = "".join(f"%{n}." for n in range(1, 10)) * 1_000
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{"9" * 40}"/><w:numFmt w:val="upperLetter"/>'
        f'<w:lvlText w:val="{placeholders}"/></w:lvl>'
        for ilvl in [*range(9), 1_000_000]
    )
    numbering = (
        f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    styles = '<w:style w:type="paragraph" w:styleId="H"><w:name w:val="heading 1"/></w:style>'
    body = [
        paragraph_xml(
            AGREED,
            properties='<w:pStyle w:val="H"/>'
            f'<w:numPr><w:ilvl w:val="{i % 10 if i % 10 < 9 else 1_000_000}"/>'
            '<w:numId w:val="1"/></w:numPr>',
        )
        for i in range(10_000)
    ]
    raw = word_package(body, styles=styles, numbering=numbering)

    document = read_docx(raw, **LIMITS_OFF)

    # Nine levels at most, each a number no larger than Word starts one at (32767).
    assert len(document.blocks) == 10_000
    assert max(len(block.text) for block in document.blocks) <= 9 * len("32767.") + len(AGREED)
