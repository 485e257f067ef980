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


def test_a_hundred_thousand_tiny_lines_give_a_block_each():
    raw = ("SEC_12_Agenda\n" + "· x\n" * 100_000).encode()

    document = read_text(raw)
    minutes = parse(document, "SEC#12")

    assert len(document.blocks) == 100_001 and fed(document) == 13 + 100_000
    assert minutes.meeting.number == "12" and not minutes.warnings
