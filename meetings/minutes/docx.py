"""The Word (.docx) reader: paragraphs and table rows in document order, as blocks.

Each body paragraph is one line and each table row is one line (its cells joined with a tab),
empty paragraphs included, so a block's `line` is the paragraph's or row's position in the
document and `Document.text` shows every line a warning can point to.

What Word shows but does not store as text is put back: a heading's automatic number ("6.11")
is computed from the numbering definitions and written before its title, as the text export
prints it; a paragraph in a list style, or with bullet numbering, is a bullet. Deleted tracked
changes and hidden text are left out, inserted ones kept. A table of contents keeps its lines
but gives no blocks: its entries would read as a second set of section headings.

A file that would blow up is refused before python-docx unpacks it: too much unpacked XML (the
parts parsed into trees, which cost memory many times their size), too much unpacked content
in all (pictures are held as bytes), too many parts, or content compressed far more than Word's
(a zip bomb). Which parts are XML is decided as python-docx decides it, by their content type in
[Content_Types].xml, never by their names. A part that declares a DOCTYPE is refused too: Word
never writes one, and entities come in through it (python-docx's parser neither expands them
nor reads files or the network for them). Every walk over the XML is a loop, not a recursion,
so any nesting lxml accepts is read; deeper is refused by lxml.
"""

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from itertools import chain

import docx
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from .readers import Block, Document, MinutesError, cut, describe_size, paragraph

UNREADABLE = "the file is not a readable Word document (.docx)"
# Limits checked before unpacking; the measurements behind them are in docs/benchmarks.md.
# The first two are the defaults of the settings DOCX_MAX_UNPACKED_BYTES and DOCX_MAX_RATIO.
MAX_UNPACKED_BYTES = 16_000_000  # of XML: minutes unpack to a few MB; memory grows with it
# All parts, pictures included: a 20 MiB file of pictures (which do not compress) unpacks to
# about 20 MiB, and is held as bytes, about 3 MB of memory per MB.
MAX_TOTAL_UNPACKED_BYTES = 64_000_000
MAX_CONTENT_TYPES_BYTES = 1_000_000  # [Content_Types].xml, read before the limits: a few kB
MAX_RATIO = 100  # unpacked to packed size; Word's own parts pack 5 to 30 times
RATIO_FROM_BYTES = 1_000_000  # smaller parts, and archives, cannot blow up: any ratio
MAX_PARTS = 1000  # python-docx walks the parts in time growing with their square
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and password-protected .docx
_CONTENT_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
W_P, W_TBL, W_TR, W_TC, W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
W_VAL, W_T, W_SYM = qn("w:val"), qn("w:t"), qn("w:sym")
W_RPR, W_VANISH = qn("w:rPr"), qn("w:vanish")
W_NUM_ID, W_ILVL, W_CHAR, W_FONT = qn("w:numId"), qn("w:ilvl"), qn("w:char"), qn("w:font")
W_PSTYLE = f"{qn('w:pPr')}/{qn('w:pStyle')}"
W_NUMPR = f"{qn('w:pPr')}/{qn('w:numPr')}"
W_VMERGE = f"{qn('w:tcPr')}/{qn('w:vMerge')}"
W_GRID_SPAN = f"{qn('w:tcPr')}/{qn('w:gridSpan')}"
W_GRID_BEFORE = f"{qn('w:trPr')}/{qn('w:gridBefore')}"
W_GALLERY = f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}"
# Runs inside these, between the run and its paragraph, are not the paragraph's visible text:
# deleted changes, the fallback copy of alternate content, and text boxes' own paragraphs.
_NOT_SHOWN = {qn("w:del"), qn("w:moveFrom"), _MC_FALLBACK, qn("w:txbxContent"), W_P}
_HEADING_STYLE = re.compile(r"heading [1-9]")
_FALSE = {"0", "false", "off"}


def read_docx(raw, *, max_unpacked_bytes=MAX_UNPACKED_BYTES, max_ratio=MAX_RATIO):
    """A `Document` (format "docx") from a .docx file's bytes; MinutesError if it is not one,
    or if unpacked it would pass `max_unpacked_bytes` or be compressed over `max_ratio`."""
    if not raw.strip():
        raise MinutesError("the file is empty")
    if raw.startswith(_OLE_MAGIC):
        raise MinutesError(
            "the file is an old Word document (.doc) or a password-protected one: "
            "save it as .docx without a password"
        )
    names = _archive_names(raw, max_unpacked_bytes, max_ratio)
    try:
        word = docx.Document(io.BytesIO(raw))
        _refuse_doctypes(word)
        reader = _Reader(word)
        reader.run()
    except MinutesError:
        raise
    except Exception as error:  # python-docx, zipfile and lxml raise many kinds: any means damage
        raise MinutesError(f"{UNREADABLE}: {_damage(error, names)}") from error
    if not any(line.strip() for line in reader.lines):
        raise MinutesError("the file is empty")
    return Document("docx", "\n".join(reader.lines), reader.blocks, reader.warnings)


def _archive_names(raw, max_unpacked_bytes, max_ratio):
    """The names in the zip archive; MinutesError if it is none, or would blow up unpacked.

    The sizes are those the archive declares: zipfile never unpacks a part beyond its own.
    Only [Content_Types].xml is unpacked here, after its own size is checked.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise MinutesError(
                    f"{UNREADABLE}: it holds {len(infos):,} parts, more than the "
                    f"{MAX_PARTS:,} a Word document of minutes could need"
                )
            unpacked = sum(info.file_size for info in infos)
            most = max(MAX_TOTAL_UNPACKED_BYTES, max_unpacked_bytes)
            if unpacked > most:
                raise MinutesError(
                    f"the Word document unpacks to {describe_size(unpacked)}, pictures included, "
                    f"over the {describe_size(most)} limit for all its parts"
                )
            is_xml = _xml_parts(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise MinutesError(f"{UNREADABLE}: it is not a complete zip archive") from error
    xml = sum(info.file_size for info in infos if is_xml(info.filename))
    if xml > max_unpacked_bytes:
        raise MinutesError(
            f"the Word document's XML unpacks to {describe_size(xml)}, over the "
            f"{describe_size(max_unpacked_bytes)} limit "
            "(setting DOCX_MAX_UNPACKED_BYTES, from PLENARY_DOCX_MAX_UNPACKED_BYTES)"
        )
    packed = sum(info.compress_size for info in infos)
    larger = [info for info in infos if info.file_size > RATIO_FROM_BYTES]
    ratios = [(_ratio(info.file_size, info.compress_size), info.filename) for info in larger]
    if unpacked > RATIO_FROM_BYTES:
        ratios.append((_ratio(unpacked, packed), "the whole archive"))
    ratio, where = max(ratios, default=(0, None))
    if ratio > max_ratio:
        raise MinutesError(
            f"the Word document would unpack to {ratio:,.0f} times its size ({where}), over "
            f"the limit of {max_ratio:g} (setting DOCX_MAX_RATIO, from PLENARY_DOCX_MAX_RATIO)"
        )
    return {info.filename for info in infos}


def _xml_parts(archive):
    """A test of a member's name: whether python-docx could parse it as XML.

    As python-docx (OPC) does, a part's content type is the Override for its part name, else
    the Default for its extension, both without regard to case; a part whose content type ends
    in "xml" is XML, whatever its name. Relationship parts and [Content_Types].xml are parsed
    whatever their type. Without [Content_Types].xml python-docx reads nothing, but every part
    is counted as XML.
    """
    try:
        info = archive.getinfo(_CONTENT_TYPES)
    except KeyError:
        return lambda name: True
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        raise MinutesError(
            f"{UNREADABLE}: its {_CONTENT_TYPES} unpacks to {describe_size(info.file_size)}, "
            f"over the {describe_size(MAX_CONTENT_TYPES_BYTES)} a Word document's needs"
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(archive.read(info), parser)
    except Exception as error:  # zipfile and lxml raise many kinds: any means damage
        raise MinutesError(f"{UNREADABLE}: a part of it is damaged or missing") from error
    if root.getroottree().docinfo.doctype:
        raise MinutesError(
            f"{UNREADABLE}: its part /{_CONTENT_TYPES} declares a DOCTYPE, "
            "which Word documents never do"
        )
    overrides, defaults = {}, {}
    for override in root.iterchildren(f"{_CT}Override"):
        overrides[(override.get("PartName") or "").lower()] = override.get("ContentType") or ""
    for default in root.iterchildren(f"{_CT}Default"):
        defaults[(default.get("Extension") or "").lower()] = default.get("ContentType") or ""

    def is_xml(name):
        partname = f"/{name}".lower()
        if partname.endswith(".rels") or name == _CONTENT_TYPES:
            return True
        extension = posixpath.splitext(partname)[1].removeprefix(".")
        content_type = overrides.get(partname, defaults.get(extension))
        return content_type is not None and content_type.strip().lower().endswith("xml")

    return is_xml


def _ratio(unpacked, packed):
    return unpacked / max(packed, 1)


def _refuse_doctypes(word):
    """MinutesError for a part that declares a DOCTYPE (see the module's docstring)."""
    for part in word.part.package.iter_parts():
        if isinstance(part, XmlPart) and part.element.getroottree().docinfo.doctype:
            raise MinutesError(
                f"{UNREADABLE}: its part {part.partname} declares a DOCTYPE, "
                "which Word documents never do"
            )


def _damage(error, names):
    """What is wrong with a file python-docx could not read, for a MinutesError."""
    if "word/document.xml" not in names:
        return "it has no word/document.xml"
    if isinstance(error, ValueError) and "is not a Word file" in str(error):
        return "it is a template or a macro-enabled document; save it as a Word document (.docx)"
    if isinstance(error, etree.XMLSyntaxError):
        if "depth" in str(error):
            return "its XML is nested deeper than a Word document's"
        if "entit" in str(error).lower():
            return "it declares XML entities, which Word documents never do"
    return "a part of it is damaged or missing"


class _Reader:
    def __init__(self, word):
        self.word = word
        self.styles = _Styles(word.styles.element)
        try:
            numbering = word.part.part_related_by(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
            ).element
        except KeyError:
            numbering = None
        self.numbering = _Numbering(numbering, self.styles)
        self.lines = []
        self.blocks = []
        self.warnings = []

    def run(self):
        for element, in_contents in _content(self.word.element.body):
            if element.tag == W_P:
                self.body_paragraph(element, in_contents)
            else:
                self.table(element)

    def line(self, text):
        self.lines.append(text)
        return len(self.lines)

    def body_paragraph(self, p, in_contents):
        text, style, bullet = self.paragraph(p)
        number = self.line(text)
        if in_contents or style.contents:
            return
        block = paragraph(number, text, self.warnings)
        if block:
            block.bullet = block.bullet or bullet
            self.blocks.append(block)

    def paragraph(self, p):
        """The paragraph's text as Word shows it, its style, and whether it is a bullet."""
        style = self.styles.of(p)
        text = _text(p)
        numbered = self.numbering.count(p, style)
        if style.heading:
            if numbered and numbered.number:
                text = f"{numbered.number} {text.lstrip()}"
            return text, style, False
        return text, style, style.list or bool(numbered and numbered.format == "bullet")

    def table(self, tbl):
        texts = {}  # a vertically merged cell is read (and its numbering counted) once
        for row in _grid(tbl):
            cells = []
            for tc in row:
                if tc not in texts:
                    texts[tc] = _one_line(self.cell_text(tc))
                cells.append(texts[tc])
            number = self.line("\t".join(cells))
            warnings = []  # one for the row, however many of its cells are cut
            cells = [cut(number, cell, warnings) for cell in cells]
            self.warnings.extend(warnings[:1])
            self.blocks.append(Block(number, cells=cells))

    def cell_text(self, tc):
        """A cell's paragraphs, those of the tables inside it included, joined with a space."""
        texts = (self.paragraph(p)[0].strip() for p in _cell_paragraphs(tc))
        return " ".join(text for text in texts if text)


def _content(container):
    """Paragraphs and tables in document order, with whether they are in a table of contents;
    content controls and custom XML are looked into, not skipped."""
    stack = [(container.iterchildren(), False)]
    while stack:
        children, in_contents = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif child.tag in (W_P, W_TBL):
            yield child, in_contents
        elif child.tag == W_SDT:
            gallery = child.find(W_GALLERY)
            contents = gallery is not None and gallery.get(W_VAL) == "Table of Contents"
            stack.append((_inside(child), in_contents or contents))
        elif child.tag == W_CUSTOM_XML:
            stack.append((child.iterchildren(), in_contents))


def _rows(tbl):
    """The table's rows, looking into content controls and custom XML around them."""
    stack = [tbl.iterchildren()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == W_TR:
            yield child
        elif child.tag == W_CUSTOM_XML:
            stack.append(child.iterchildren())
        elif child.tag == W_SDT:
            stack.append(_inside(child))


def _inside(sdt):
    """The children of a content control's content."""
    return chain.from_iterable(part.iterchildren() for part in sdt.iterchildren(W_SDT_CONTENT))


def _cell_paragraphs(tc):
    """A cell's paragraphs in document order, looking into the tables inside it."""
    stack = [_content(tc)]
    while stack:
        element, _ = next(stack[-1], (None, None))
        if element is None:
            stack.pop()
        elif element.tag == W_P:
            yield element
        else:
            cells = (inner for tr in _rows(element) for inner in tr.iterchildren(W_TC))
            stack.append(chain.from_iterable(map(_content, cells)))


def _grid(tbl):
    """Each row's cells, each once, in one pass over the table: a cell spanning columns is one
    cell, and a vertically merged cell is its first row's cell in the rows below (its text
    belongs to them too). A row whose merge points at no cell above keeps its own cells."""
    above = {}  # grid column: the cell starting there in the row above, merges followed
    for tr in _rows(tbl):
        column = _int(_val(tr.find(W_GRID_BEFORE)), 0)
        here, cells, broken = {}, [], False
        for tc in tr.iterchildren(W_TC):
            merge = tc.find(W_VMERGE)
            continued = merge is not None and merge.get(W_VAL, "continue") == "continue"
            origin = here[column] = above.get(column) if continued else tc
            broken = broken or origin is None
            span = _int(_val(tc.find(W_GRID_SPAN)), 1)
            if span > 0:
                cells.append(origin)
            column += span
        above = here
        yield list(tr.iterchildren(W_TC)) if broken else list(dict.fromkeys(cells))


def _text(p):
    """The paragraph's visible text on one line: tabs kept, line breaks as spaces."""
    parts = []
    stack = [p.iterchildren()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag not in _NOT_SHOWN:
            if child.tag == W_R and not _hidden(child):
                parts.extend(_run_text(child))
            stack.append(child.iterchildren())
    return "".join(parts).replace("\r", " ").replace("\n", " ")


def _hidden(run):
    properties = run.find(W_RPR)
    vanish = properties.find(W_VANISH) if properties is not None else None
    return vanish is not None and vanish.get(W_VAL, "true").lower() not in _FALSE


_RUN_TEXT = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): " ",
    qn("w:cr"): " ",
    qn("w:noBreakHyphen"): "-",
}


def _run_text(run):
    for child in run.iterchildren():
        if child.tag == W_T:
            yield child.text or ""
        elif child.tag in _RUN_TEXT:
            yield _RUN_TEXT[child.tag]
        elif child.tag == W_SYM:
            # Symbol's F0B7 is the "·" bullet typed by hand; other fonts' symbols are pictures.
            code = _int(child.get(W_CHAR), base=16)
            if code and code <= 0x10FFFF and child.get(W_FONT, "").lower() == "symbol":
                yield chr(code - 0xF000 if 0xF020 <= code <= 0xF0FF else code)


def _one_line(text):
    return text.replace("\t", " ").replace("\u00a0", " ").strip()


def _int(value, default=None, base=10):
    try:
        return int(value, base)
    except (TypeError, ValueError):
        return default


def _val(element, default=None):
    return element.get(W_VAL, default) if element is not None else default


# Styles ----------------------------------------------------------------------------------------


@dataclass
class _Style:
    id: str | None
    heading: bool = False
    list: bool = False  # "List Paragraph", "List Bullet", ...: bullets in the minutes
    contents: bool = False  # "TOC 1", ...: a table of contents
    num_id: int | None = None
    ilvl: int | None = None


class _Styles:
    """Paragraph styles: which are headings, lists and contents, and their numbering, each
    looked up through the styles they are based on.

    Every style is worked out once, from the style it is based on, so a long chain of styles
    costs its length and not its square. A chain that loops back on itself ends where it
    would repeat, counted from the first of its styles in the file.
    """

    def __init__(self, element):
        self.raw = {}
        self.default = None
        for style in element.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            self.raw[style_id] = style  # numbering styles too: a definition may link to one
            paragraph_style = style.get(qn("w:type"), "paragraph") == "paragraph"
            if paragraph_style and style.get(qn("w:default"), "0").lower() not in _FALSE:
                self.default = style_id
        self.resolved = {}
        for style_id in self.raw:
            self._resolve(style_id)

    def of(self, p):
        style_id = _val(p.find(W_PSTYLE), self.default)
        if style_id not in self.resolved:
            self.resolved[style_id] = _Style(style_id)  # a style the document does not define
        return self.resolved[style_id]

    def _resolve(self, style_id):
        path, current = {}, style_id  # a dict keeps the order and answers "in" at once
        while current in self.raw and current not in self.resolved and current not in path:
            path[current] = None
            current = _val(self.raw[current].find(qn("w:basedOn")))
        base = self.resolved.get(current) if current not in path else None
        for current in reversed(path):
            base = self.resolved[current] = _style(current, self.raw[current], base)


def _style(style_id, element, base):
    """The style as `element` defines it, with what it leaves out taken from `base`."""
    name = (_val(element.find(qn("w:name")), style_id) or "").lower()
    style = _Style(
        style_id,
        heading=bool(_HEADING_STYLE.fullmatch(name)),
        list=name == "list" or name.startswith("list "),
        contents=name.startswith("toc "),
    )
    numbering = element.find(W_NUMPR)
    if numbering is not None:
        style.num_id = _int(_val(numbering.find(W_NUM_ID)))
        style.ilvl = _int(_val(numbering.find(W_ILVL)))
    if base is not None:
        style.heading = style.heading or base.heading
        style.list = style.list or base.list
        style.contents = style.contents or base.contents
        if style.num_id is None:  # its level alone means nothing without a list
            style.num_id, style.ilvl = base.num_id, base.ilvl
    return style


# Numbering -------------------------------------------------------------------------------------


# Word's nine list levels, and its largest starting value: numbering outside them would only
# make long numbers out of a short file.
_LEVELS = range(9)
_MAX_START = 32767
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass
class _Level:
    format: str = "decimal"
    start: int = 0  # ECMA-376 17.9.26: without w:start, a level starts at zero
    shown: list | None = None  # the levels its text shows: [0, 1] for "%1.%2."
    style: str | None = None  # the paragraph style linked to this level
    restart: int | None = None  # w:lvlRestart
    legal: bool = False  # w:isLgl: every level shown in Arabic numerals


@dataclass
class _Numbered:
    format: str
    number: str | None


@dataclass
class _List:
    values: dict = field(default_factory=dict)  # level -> its current value
    entered: set = field(default_factory=set)  # the w:num instances already used


class _Numbering:
    """Word's automatic numbers, counted as Word counts them: per abstract definition (all
    w:num instances of one definition continue one sequence), a paragraph at level N
    incrementing level N and restarting the levels below it; a w:num with level overrides
    restarts those levels where it is first used ("Set Numbering Value")."""

    def __init__(self, element, styles):
        self.styles = styles
        self.abstracts = {}  # id -> (levels, numStyleLink)
        self.nums = {}  # numId -> (abstract id, {level: override start}, {level: _Level})
        self.lists = {}
        if element is None:
            return
        for abstract in element.iterchildren(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.iterchildren(qn("w:lvl")):
                ilvl = _int(lvl.get(qn("w:ilvl")), 0)
                if ilvl in _LEVELS:
                    levels[ilvl] = _level(lvl)
            link = _val(abstract.find(qn("w:numStyleLink")))
            self.abstracts[_int(abstract.get(qn("w:abstractNumId")))] = (levels, link)
        for num in element.iterchildren(qn("w:num")):
            starts, redefined = {}, {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                if ilvl not in _LEVELS:
                    continue
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    redefined[ilvl] = _level(lvl)
                    starts[ilvl] = redefined[ilvl].start
                start = _int(_val(override.find(qn("w:startOverride"))))
                if start is not None:
                    starts[ilvl] = _start(start)
            abstract_id = _int(_val(num.find(qn("w:abstractNumId"))))
            self.nums[_int(num.get(qn("w:numId")))] = (abstract_id, starts, redefined)

    def count(self, p, style):
        """Count the paragraph if it is numbered; its format and number as Word shows them."""
        num_pr = p.find(W_NUMPR)
        num_id = ilvl = None
        if num_pr is not None:
            num_id = _int(_val(num_pr.find(W_NUM_ID)))
            ilvl = _int(_val(num_pr.find(W_ILVL)))
        if num_id is None:
            num_id = style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        definition = self._definition(num_id)
        if definition is None:
            return None
        abstract_id, levels, starts, redefined = definition
        levels = {**levels, **redefined}
        if ilvl is None:
            ilvl = next((i for i, level in levels.items() if level.style == style.id), 0)
        level = levels.get(ilvl)
        if level is None:
            return None
        state = self.lists.setdefault(abstract_id, _List())
        if num_id not in state.entered:
            state.entered.add(num_id)
            for overridden, start in starts.items():
                state.values[overridden] = start - 1
        values = state.values
        values[ilvl] = values[ilvl] + 1 if ilvl in values else level.start
        for deeper in [i for i in values if i > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del values[deeper]
        if level.format in ("bullet", "none"):
            return _Numbered(level.format, None)
        parts = []
        for i in range(ilvl + 1) if level.shown is None else level.shown:
            at = levels.get(i, _Level())
            value = values.get(i, at.start)
            parts.append(_format(value, "decimal" if level.legal else at.format))
        return _Numbered(level.format, ".".join(part for part in parts if part) or None)

    def _definition(self, num_id, hops=0):
        """(abstract id, levels, override starts, redefined levels) for a w:numId, following
        a numbering style's link to the definition it names."""
        if not num_id or num_id not in self.nums or hops > 4:
            return None
        abstract_id, starts, redefined = self.nums[num_id]
        if abstract_id not in self.abstracts:
            return None
        levels, link = self.abstracts[abstract_id]
        if link:
            linked = self.styles.raw.get(link)
            numbering = linked.find(W_NUMPR) if linked is not None else None
            target = self._definition(_int(_val(_find(numbering, "w:numId"))), hops + 1)
            if target is None:
                return None
            return target[0], target[1], {**target[2], **starts}, {**target[3], **redefined}
        return abstract_id, levels, starts, redefined


def _find(element, tag):
    return element.find(qn(tag)) if element is not None else None


def _level(lvl):
    legal = lvl.find(qn("w:isLgl"))
    text = _val(lvl.find(qn("w:lvlText")))
    return _Level(
        format=_val(lvl.find(qn("w:numFmt")), "decimal"),
        start=_start(_int(_val(lvl.find(qn("w:start"))), 0)),
        shown=None if text is None else [int(i) - 1 for i in _PLACEHOLDER.findall(text)][:9],
        style=_val(lvl.find(qn("w:pStyle"))),
        restart=_int(_val(lvl.find(qn("w:lvlRestart")))),
        legal=legal is not None and _val(legal, "true").lower() not in _FALSE,
    )


def _start(value):
    return min(max(value, 0), _MAX_START)


def _format(value, kind):
    """`value` as a list shows it; letters run A to ZZ…Z (26 times Z), numbers after that."""
    if kind == "none":
        return ""
    if kind == "decimalZero":
        return f"{value:02d}"
    if kind in ("upperLetter", "lowerLetter") and 0 < value <= 26 * 26:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if kind == "upperLetter" else letter.lower()
    if kind in ("upperRoman", "lowerRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman if kind == "upperRoman" else roman.lower()
    return str(value)


def _roman(value):
    numerals = []
    for amount, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, value = divmod(value, amount)
        numerals.append(numeral * count)
    return "".join(numerals)
