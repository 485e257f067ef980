"""Hostile minutes: the time and peak memory of reading and parsing each shape a security probe
tried, at the probe's sizes, each in a fresh process (docs/benchmarks.md).

`python bench/hostile.py` runs every shape; `--shape NAME` (repeatable) runs some. Each file is
built first and written to a temporary directory; a fresh process then reads it, so its peak
memory is the interpreter's (about 35 MB), the file's and the reading's. A shape marked
"limits off" reads the Word file with the unpacked-size and ratio limits lifted, to measure
what those limits allow.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Sentences of the sample minutes (samples/oneM2M-SEC12-minutes.txt).
DECIDED = "SEC-2014-0386R03 was AGREED. "
DISCUSSED = "This contribution is related to contribution -0362R01. "
INTRODUCED = "SEC-2014-0366R02, Acquisition of Location Information for Location Based Access"


def repeated(sentence, size):
    return sentence * (size // len(sentence))


def text_line(size):
    return f"SEC_12_Agenda\n{repeated(DECIDED, size)}\n".encode()


def text_lines(count):
    return ("SEC_12_Agenda\n" + "· x\n" * count).encode()


def text_long_lines(size):
    """Lines just under the cut, each full of numbers the parser follows."""
    line = repeated(DISCUSSED, 19_900)
    return "\n".join([INTRODUCED, *[line] * (size // len(line))]).encode()


def docx_bomb(size):
    from tests.meetings.minutes.docx_builder import paragraph_xml, word_package

    count = size // len(paragraph_xml(DECIDED))
    return word_package(paragraph_xml(DECIDED) for _ in range(count))


def docx_runs(count):
    """One paragraph, a word of "… was AGREED." a run: a decision at every number."""
    from tests.meetings.minutes.docx_builder import paragraph_xml, word_package

    words = DECIDED.split()
    runs = (words[i % len(words)] + " " for i in range(count))
    return word_package([paragraph_xml(INTRODUCED), paragraph_xml(*runs)])


def docx_paragraphs(size):
    """Distinct paragraphs, as real minutes compress, up to `size` bytes of XML."""
    from tests.meetings.minutes.docx_builder import paragraph_xml, word_package

    def body():
        written, index = 0, 0
        while written < size:
            xml = paragraph_xml(f"SEC-2014-{index % 10000:04d}R{index % 97:02d} was AGREED.")
            written, index = written + len(xml), index + 1
            yield xml

    return word_package(body())


def docx_empty_paragraphs(size):
    from tests.meetings.minutes.docx_builder import word_package

    return word_package("<w:p/>" * 10_000 for _ in range(size // 60_000))


def docx_cells(count):
    from tests.meetings.minutes.docx_builder import word_package

    cells = (f"<w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc>" for i in range(count))
    return word_package(["<w:tbl><w:tr>", *cells, "</w:tr></w:tbl>"])


def docx_nested_tables(depth):
    from tests.meetings.minutes.docx_builder import word_package

    opening = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>SEC_12_Agenda</w:t></w:r></w:p>"
    return word_package([opening * depth, "</w:tc></w:tr></w:tbl>" * depth])


LIMITS_OFF = {"max_unpacked_bytes": 10**12, "max_ratio": 10**9}
RATIO_OFF = {"max_ratio": 10**9}
AT_LIMIT = 15_990_000  # bytes of body XML: with the other parts, just under 16 MB unpacked
# name: (what, build, argument, options for the Word reader)
SHAPES = {
    "docx-bomb": ("docx, 250 MB of XML packed small", docx_bomb, 250_000_000, {}),
    "txt-line": ("txt, one 19 MB line", text_line, 19_000_000, {}),
    "docx-runs": ("docx, one paragraph of 600,000 runs", docx_runs, 600_000, {}),
    "docx-runs-off": ("docx, the same, limits off", docx_runs, 600_000, LIMITS_OFF),
    "txt-lines": ("txt, 100,000 tiny lines", text_lines, 100_000, {}),
    "txt-long-lines": ("txt, 4 MB of 19,900-character lines", text_long_lines, 4_000_000, {}),
    "docx-cells": ("docx, one row of 200,000 cells", docx_cells, 200_000, {}),
    "docx-nested": ("docx, tables nested 80 deep", docx_nested_tables, 80, {}),
    "docx-at-limit": ("docx, 16 MB of paragraphs", docx_paragraphs, AT_LIMIT, {}),
    "docx-empty-at-limit": (
        "docx, 16 MB of empty paragraphs, ratio off",
        docx_empty_paragraphs,
        AT_LIMIT,
        RATIO_OFF,
    ),
}


def measure(name, path):
    """Read and parse one shape's file in this process; print its line of the table."""
    from meetings.minutes.dialects.onem2m import parse
    from meetings.minutes.docx import read_docx
    from meetings.minutes.readers import MinutesError, read_text

    what, _, _, options = SHAPES[name]
    raw = Path(path).read_bytes()
    start = time.perf_counter()
    try:
        read = read_docx if name.startswith("docx") else read_text
        document = read(raw, **options)
        minutes = parse(document, "SEC#12")
        outcome = f"{len(document.blocks):,} blocks, {len(minutes.warnings):,} warnings"
    except MinutesError as error:
        outcome = f"refused: {str(error)[:70]}"
    seconds = time.perf_counter() - start
    peak = _peak_memory() / 1e6
    print(f"| {what} | {len(raw) / 1e6:.2f} MB | {seconds:.2f} s | {peak:.0f} MB | {outcome} |")


def _peak_memory():
    """This process's peak resident memory in bytes: VmHWM, which, unlike getrusage's maximum,
    does not count the memory of the process it was forked from."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", action="append", choices=SHAPES, help="a shape to run")
    parser.add_argument("--timeout", type=float, help="give a shape up after so many seconds")
    parser.add_argument("--run", nargs=2, metavar=("SHAPE", "FILE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.run:
        measure(*options.run)
        return
    print("| shape | file | read and parse | peak memory | result |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as directory:
        for name in options.shape or SHAPES:
            _, build, argument, _ = SHAPES[name]
            path = Path(directory) / name
            path.write_bytes(build(argument))
            command = [sys.executable, __file__, "--run", name, path]
            try:
                subprocess.run(command, check=True, timeout=options.timeout)
            except subprocess.TimeoutExpired:
                print(f"| {SHAPES[name][0]} | | over {options.timeout:.0f} s | | given up |")
            path.unlink()


if __name__ == "__main__":
    main()
