"""Hostile minutes files: each gives a record or one clear error, with work bounded by its size.

Every file is built here, from sentences of the sample minutes. None of these tests times
anything: each states the work done (blocks, characters fed to the parser, warnings, memory
traced) and the sizes are such that the quadratic reading they guard against would take
minutes, so a regression shows as a run that hangs.
"""

import tracemalloc

from meetings.minutes.parser import parse
from meetings.minutes.readers import MAX_LINE_CHARS, read_text

# Sentences of the sample minutes.
AGREED = "SEC-2014-0386R03 was AGREED. "
RELATED = "This contribution is related to contribution -0362R01. "
INTRODUCED = "SEC-2014-0366R02, Acquisition of Location Information for Location Based Access"
ACTION_ITEM = (
    "ACTION ITEM: The Rapporteaur was given an action replace all instances of security "
    "bootstrapping with remote provisioning in the baseline document"
)
ACTION_ROW = (
    "The Rapporteur was given an action replace all instances of security bootstrapping "
    "with remote provisioning in the baseline document"
)
CUT = f"Line too long for minutes: cut to {MAX_LINE_CHARS:,} characters."


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
    presenter = "Presented by Wei Zhou," + " " * 19_000 + "CATT"
    raw = "\n".join([INTRODUCED, presenter, "SEC_12_Agenda"]).encode()

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
