"""Readers turn a minutes file's raw bytes into a `Document`: its text, and the structure a
dialect reads. Which reader is chosen by content (`sniff`), not only by the file's name.

Plain text and Word give blocks, paragraphs and table rows:

Text exported from Word keeps tables as tab-prefixed lines, one cell per line and a blank line
between rows; bullets are marked with "·" (some lost their mark on the way). A Word file gives
the same blocks from its paragraphs and tables. A block's `line` is the 1-based line of the text
(for Word: the paragraph or table row in document order), and `Document.text` holds those lines,
so every line number can be shown.

HTML and Markdown keep their text as written; a dialect walks `Document.tree` (lxml, each
element with its `sourceline`) or `Document.tokens` (markdown-it, each block token with its
source line `map`), so every fact still carries the line it was read from.
"""

import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property

from .records import Warning

BULLETS = "·•◦▪"
# Control characters that are not white space, as a table for str.translate to drop them.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20)])
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A longer line or table cell is cut, so that no pattern reads more than this at once; real
# minutes stay far below it (docs/benchmarks.md).
MAX_LINE_CHARS = 20_000


class MinutesError(Exception):
    """The file cannot be read as minutes. The message is one line a secretary understands."""


@dataclass
class Block:
    line: int
    text: str = ""
    cells: list[str] | None = None  # a table row
    bullet: bool = False

    @property
    def is_row(self):
        return self.cells is not None


@dataclass
class Document:
    format: str  # "text", "docx", "html" or "markdown" (SourceFileFormat)
    text: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    name: str = ""  # the file's name, which some bodies' files carry the meeting in

    @cached_property
    def tree(self):
        """The HTML document's root element (lxml), parsed on first use."""
        import lxml.html  # only HTML minutes pay for it

        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=False)
        try:
            return lxml.html.document_fromstring(self.text.encode("utf-8"), parser=parser)
        except Exception as error:  # lxml's ParserError, or "Document is empty"
            raise MinutesError(f"the HTML cannot be read: {error}") from None

    @cached_property
    def tokens(self):
        """The Markdown's block tokens (markdown-it, CommonMark with tables), parsed on first
        use; front matter is left to the dialect (`front_matter`)."""
        from markdown_it import MarkdownIt

        return MarkdownIt("commonmark").enable("table").parse(self.text)


def decode(raw):
    """Text from bytes: UTF-16 with its byte order mark (Word's "Unicode Text"), UTF-8 (BOM
    or not), else Windows-1252 with a warning."""
    warnings = []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise MinutesError("the file starts as UTF-16 text but is not valid UTF-16") from None
    else:
        if b"\x00" in raw and raw.strip():
            raise MinutesError("the file contains NUL bytes: it is binary, not minutes text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise MinutesError(
                    f"the file is neither UTF-8 nor Windows-1252 text (byte {error.start + 1})"
                ) from None
            warnings.append(Warning(1, "The file is not UTF-8; it was read as Windows-1252."))
    if not text.strip():
        raise MinutesError("the file is empty")
    controls = len(text) - len(text.translate(_CONTROLS))
    if controls > max(8, len(text) // 100):
        raise MinutesError("the file looks binary (control characters), not minutes text")
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


_HTML_START = re.compile(
    r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_MARKDOWN_SIGN = re.compile(r"\A---[ \t]*\n|^#{1,6}[ \t]+\S|^\*\*[^*\n]+:\*\*", re.MULTILINE)
_SNIFF_CHARS = 4096  # how much of a text file the format is told from


def read_text_like(raw, name=""):
    """HTML, Markdown or plain text, as the decoded text shows: HTML saved as .txt is still
    HTML. The name decides only between Markdown and text when the content shows neither."""
    text, warnings = decode(raw)
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return Document("html", text, warnings=warnings, name=name)
    suffix = name.rpartition(".")[2].lower() if "." in name else ""
    if suffix in ("md", "markdown") or _MARKDOWN_SIGN.search(head):
        return Document("markdown", text, warnings=warnings, name=name)
    return read_text(raw, name, decoded=(text, warnings))


def read_text(raw, name="", decoded=None):
    """A `Document` (format "text") from a text file's bytes; MinutesError if it is not one."""
    text, warnings = decoded or decode(raw)
    blocks = []
    row = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("\t"):
            if row is None:
                row = Block(number, cells=[])
                blocks.append(row)
            row.cells.append(cut(number, _clean(line), warnings))
            continue
        row = None
        block = paragraph(number, line, warnings)
        if block:
            blocks.append(block)
    return Document("text", text, blocks, warnings, name)


def paragraph(number, text, warnings):
    """A paragraph block, its bullet mark taken off; None for an empty line."""
    text = cut(number, _clean(text), warnings)
    bullet = text[:1] in BULLETS
    if bullet:
        text = text[1:].strip()
    return Block(number, text, bullet=bullet) if text else None


def cut(number, text, warnings):
    """`text` cut to MAX_LINE_CHARS, with a warning on line `number` in `warnings` if it was."""
    if len(text) <= MAX_LINE_CHARS:
        return text
    warnings.append(
        Warning(number, f"Line too long for minutes: cut to {MAX_LINE_CHARS:,} characters.")
    )
    return text[:MAX_LINE_CHARS]


def describe_size(count):
    """ "25.3 MB", "812.0 kB", "310 bytes": a size as a message gives it."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    if count >= 1000:
        return f"{count / 1000:.1f} kB"
    return f"{count} bytes"


def _clean(text):
    return text.replace("\u00a0", " ").strip()
