"""Word (.docx) minutes built for tests, held the way a secretary's Word document holds them.

`minutes_docx(text)` rebuilds the Word document a text export came from: headings as "Heading 1"
and "Heading 2" paragraphs numbered by a multilevel list (Word's automatic numbering, so the
number is not in the paragraph's text), bullets as "List Paragraph" paragraphs with bullet
numbering (the export's "·" is that bullet, not text), and the export's tab-prefixed lines as
real tables, one row per group of cells.
"""

import io
import re
import zipfile
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}")
INLINE_HEADING = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\s+(?P<title>[A-Z].*)")


def to_bytes(document):
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _next_id(numbering, tag, attribute):
    ids = [int(e.get(qn(attribute))) for e in numbering.iterchildren(qn(tag))]
    return max(ids, default=0) + 1


def add_abstract(document, levels):
    """Add a w:abstractNum with `levels` (dicts: format, text, start, style, font); its id."""
    numbering = document.part.numbering_part.element
    abstract_id = _next_id(numbering, "w:abstractNum", "w:abstractNumId")
    xml = "".join(
        f'<w:lvl w:ilvl="{ilvl}">'
        + (f'<w:start w:val="{level["start"]}"/>' if "start" in level else "")
        + f'<w:numFmt w:val="{level["format"]}"/>'
        + (f'<w:pStyle w:val="{level["style"]}"/>' if "style" in level else "")
        + f'<w:lvlText w:val="{level["text"]}"/>'
        + (
            f'<w:rPr><w:rFonts w:ascii="{level["font"]}" w:hAnsi="{level["font"]}"/></w:rPr>'
            if "font" in level
            else ""
        )
        + "</w:lvl>"
        for ilvl, level in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="{"multilevel" if len(levels) > 1 else "singleLevel"}"/>'
        f"{xml}</w:abstractNum>"
    )
    # The schema wants every w:abstractNum before the first w:num.
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)
    return abstract_id


def add_num(document, abstract_id, starts=None):
    """Add a w:num instance of `abstract_id`, with `starts` ({level: value}) as level overrides
    (what Word's "Set Numbering Value" writes); its numId."""
    numbering = document.part.numbering_part.element
    num_id = _next_id(numbering, "w:num", "w:numId")
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for ilvl, value in (starts or {}).items()
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )
    return num_id


def heading_levels(start=1, styles=False):
    """A multilevel decimal list for headings: 1, 1.1, 1.1.1; linked to Heading 1-3 if `styles`."""
    levels = [
        {"format": "decimal", "text": "%1", "start": start},
        {"format": "decimal", "text": "%1.%2", "start": 1},
        {"format": "decimal", "text": "%1.%2.%3", "start": 1},
    ]
    if styles:
        for ilvl, level in enumerate(levels):
            level["style"] = f"Heading{ilvl + 1}"
    return levels


def add_bullets(document):
    """A bullet list as Word writes it (Symbol's F0B7, which a text export prints as "·")."""
    bullet = {"format": "bullet", "text": "\uf0b7", "start": 1, "font": "Symbol"}
    abstract_id = add_abstract(document, [bullet])
    return add_num(document, abstract_id)


def set_numbering(paragraph, num_id, ilvl=None):
    """Give the paragraph its own w:numPr (numId 0 takes away a style's numbering)."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def link_style_numbering(document, style_name, num_id, ilvl):
    """Number every paragraph of a style, as Word's heading lists do (w:numPr in the style)."""
    num_pr = document.styles[style_name].element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def minutes_docx(text):
    """The Word document `text` (a Word export to text) was exported from, as bytes."""
    return to_bytes(_MinutesBuilder(text).build())


class _MinutesBuilder:
    def __init__(self, text):
        self.lines = text.split("\n")
        self.document = docx.Document()
        self.abstract = add_abstract(self.document, heading_levels())
        self.headings = add_num(self.document, self.abstract)
        self.bullets = add_bullets(self.document)
        self.counters = []  # the numbers Word's list has shown so far, per level

    def build(self):
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            following = self.lines[index + 1] if index + 1 < len(self.lines) else ""
            inline = INLINE_HEADING.fullmatch(line.strip())
            if line.startswith("\t"):
                index = self.table(index)
                continue
            if NUMBER.fullmatch(line.strip()) and _is_title(following):
                self.heading(line.strip(), following)
                index += 2
                continue
            if inline:
                self.heading(inline["number"], inline["title"])
            elif line.lstrip().startswith("·"):
                paragraph = self.document.add_paragraph(
                    re.sub(r"^\s*·\s?", "", line), style="List Paragraph"
                )
                set_numbering(paragraph, self.bullets, 0)
            else:
                self.document.add_paragraph(line)
            index += 1
        return self.document

    def heading(self, number, title):
        """A heading numbered by the list when the list shows `number`, else typed."""
        parts = [int(part) for part in number.split(".")]
        level = len(parts) - 1
        style = f"Heading {level + 1}"
        shown = [*self.counters[:level], (self.counters[level:] or [0])[0] + 1]
        if len(self.counters) < level or parts[:-1] != shown[:-1]:
            # Not a number the list can show here (SEC#12's "5.6" between 6.5 and 6.7): the
            # secretary typed it, on a heading left out of the list.
            self.document.add_paragraph(f"{number}\t{title}", style=style)
            return
        num_id = self.headings
        if parts[-1] != shown[-1]:
            # The list shows the wrong value: the secretary set it ("Set Numbering Value").
            num_id = add_num(self.document, self.abstract, {level: parts[-1]})
        set_numbering(self.document.add_paragraph(title, style=style), num_id, level)
        self.counters = parts

    def table(self, index):
        """The rows starting at `index`: consecutive tab lines are one row's cells, and rows
        one blank line apart are one table. The index after the table."""
        rows = []
        while True:
            cells = []
            while index < len(self.lines) and self.lines[index].startswith("\t"):
                cells.append(self.lines[index][1:])
                index += 1
            rows.append(cells)
            after = self.lines[index + 1] if index + 1 < len(self.lines) else ""
            if self.lines[index] == "" and after.startswith("\t"):
                index += 1
                continue
            break
        table = self.document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        table.style = "Table Grid"
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=False):
                cell.text = text
        return index


def _is_title(line):
    return bool(line.strip()) and not line.startswith("\t") and not line.startswith("·")


# Hostile files ---------------------------------------------------------------------------------
# Word files built part by part, for what python-docx would never save: a body streamed into the
# archive (so a huge one is never whole in memory), a DOCTYPE, parts stored rather than packed.

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PACKAGE_RELS_TYPE = "vnd.openxmlformats-package.relationships+xml"


def word_package(
    body, *, prolog="", styles=None, numbering=None, parts=(), stored=(), types="", links=()
):
    """A .docx of the parts Word needs, its body the XML strings `body` yields, written into the
    archive one by one. `prolog` comes before the document element (a DOCTYPE, say); `styles`
    and `numbering` are the XML inside those parts; `parts` are more (name, data) members, and
    the members named in `stored` are kept uncompressed. `types` is more XML in
    [Content_Types].xml (Defaults, Overrides), and `links` more relationships of the body,
    (id, type, target) each: the parts python-docx loads with it."""
    related = {"styles": styles, "numbering": numbering}
    related = {kind: xml for kind, xml in related.items() if xml is not None}
    kinds = {"document": "document.main", **{kind: kind for kind in related}}
    kinds_xml = "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="{_WORD_TYPE}.{kind}+xml"/>'
        for name, kind in kinds.items()
    )
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:

        def write(name, data):
            kind = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, kind)

        write(
            "[Content_Types].xml",
            f'<Types xmlns="{_PACKAGE}/content-types">'
            f'<Default Extension="rels" ContentType="application/{_PACKAGE_RELS_TYPE}"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{kinds_xml}{types}'
            "</Types>",
        )
        write("_rels/.rels", _relationships({"rId1": ("officeDocument", "word/document.xml")}))
        if related or links:
            linked = {f"rId{n}": (kind, f"{kind}.xml") for n, kind in enumerate(related, 1)}
            linked.update((rid, (kind, target)) for rid, kind, target in links)
            write("word/_rels/document.xml.rels", _relationships(linked))
        with archive.open("word/document.xml", "w", force_zip64=True) as document:
            document.write(f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'.encode())
            document.write(f'<w:document xmlns:w="{W_NAMESPACE}"><w:body>'.encode())
            for xml in body:
                document.write(xml.encode())
            document.write(b"</w:body></w:document>")
        for kind, xml in related.items():
            write(f"word/{kind}.xml", f'<w:{kind} xmlns:w="{W_NAMESPACE}">{xml}</w:{kind}>')
        for name, data in parts:
            write(name, data)
    return stream.getvalue()


def _relationships(links):
    rows = "".join(
        f'<Relationship Id="{rid}" Type="{_RELATIONSHIPS}/{kind}" Target="{target}"/>'
        for rid, (kind, target) in links.items()
    )
    return f'<Relationships xmlns="{_PACKAGE}/relationships">{rows}</Relationships>'


def paragraph_xml(*runs, properties=""):
    """A body paragraph of one run per text in `runs`, spaces kept; `properties` is its w:pPr's
    XML."""
    texts = "".join(f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' for text in runs)
    return f"<w:p><w:pPr>{properties}</w:pPr>{texts}</w:p>" if properties else f"<w:p>{texts}</w:p>"
