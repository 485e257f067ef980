"""The dialects Plenary reads minutes in: a registry, one module per format.

Each module is a pure parser (no database, no files) that defines:

- `NAME` ("onem2m"), the registry key that `--dialect` and the admin take;
- `LABEL`, what the secretariat reads ("oneM2M minutes (Word or text export)");
- `FORMATS`, the reader formats it reads ("text", "docx", "html", "markdown");
- `detect(document)`, how sure it is, from 0 to 1, that the document is written its way;
- `parse(document, meeting=None)`, the document read into `records.Minutes`. `meeting` is the
  meeting as the user named it ("SEC#12", "vcwg@2025-10-08"), or None; a parser that cannot
  read it raises MinutesError.

A new dialect is a module here and a line in MODULES.
"""

from dataclasses import dataclass
from importlib import import_module

from ..readers import MinutesError

MODULES = ["onem2m", "w3c_scribe", "w3c_markdown", "ietf", "oasis"]

# A dialect at least this sure of a document is trusted: when it reads nothing, or cannot
# tell the meeting, its own error is the answer rather than another dialect's attempt.
CONFIDENT = 0.5


@dataclass(frozen=True)
class Dialect:
    name: str
    label: str
    formats: tuple
    module: object

    def detect(self, document):
        return self.module.detect(document)

    def parse(self, document, meeting=None):
        minutes = self.module.parse(document, meeting)
        minutes.dialect = self.name
        return minutes


def _registry():
    found = {}
    for module_name in MODULES:
        try:
            module = import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{module_name}":
                raise
            continue  # not written yet
        found[module.NAME] = Dialect(module.NAME, module.LABEL, tuple(module.FORMATS), module)
    return found


DIALECTS = _registry()


def get(name):
    """The dialect registered as `name`; MinutesError lists the known ones otherwise."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise MinutesError(
            f'unknown dialect "{name}": Plenary reads {", ".join(DIALECTS)}'
        ) from None


def read(document, meeting=None, dialect=None):
    """`document` read into `records.Minutes` by the dialect named, or by the dialects that
    recognise it, surest first, until one reads something.

    MinutesError when none does: a file from which nothing is recognised is refused, never
    imported as an empty record.
    """
    if dialect:
        chosen = get(dialect)
        if document.format not in chosen.formats:
            raise MinutesError(
                f"the {chosen.name} dialect reads {' or '.join(chosen.formats)} files; "
                f"this file is {document.format}"
            )
        candidates = [(1.0, chosen)]
    else:
        scored = [
            (score, each)
            for each in DIALECTS.values()
            if document.format in each.formats and (score := each.detect(document)) > 0
        ]
        candidates = sorted(scored, key=lambda pair: -pair[0])
    if not candidates:
        raise MinutesError(
            f"no dialect recognises this {document.format} file as minutes "
            f"(Plenary reads {', '.join(DIALECTS)}); choose one with --dialect if it is"
        )
    for score, each in candidates:
        try:
            minutes = each.parse(document, meeting)
        except MinutesError:
            if score >= CONFIDENT or len(candidates) == 1:
                raise
            continue
        if not minutes.is_empty():
            return minutes
    tried = ", ".join(each.name for _, each in candidates)
    raise MinutesError(
        "no section, contribution, decision, resolution or action was recognised in this "
        f"file (dialects tried: {tried}); nothing was imported"
    )
