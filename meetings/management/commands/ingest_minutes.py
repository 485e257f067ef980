import json
import sys
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from meetings.identifiers import meeting_name, parse_meeting_name
from meetings.minutes import (
    SUFFIXES,
    MinutesError,
    dialects,
    find_files,
    load,
    meeting_named,
    read_file,
)
from meetings.minutes.importer import counts_of, import_minutes, sha256
from meetings.models import Meeting, SourceFile

SUMMARY = [
    "files",
    "meetings",
    "sections",
    "contributions",
    "revisions",
    "decisions",
    "relations",
    "resolutions",
    "actions",
    "warnings",
    "failures",
]


class Command(BaseCommand):
    help = (
        f"Import minutes files ({', '.join(SUFFIXES)}) into the record, each read in the "
        "dialect that recognises it. Each file is imported in its own transaction: a file that "
        "fails leaves nothing behind, and the others still import."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="Minutes files, or directories searched recursively."
        )
        parser.add_argument(
            "--meeting",
            help='The meeting the files record, as GROUP#NUMBER ("SEC#12", or by the '
            'group\'s short name "WG4#12"), or GROUP@DATE for a meeting known by its date '
            '("vcwg@2025-10-08"), for minutes that do not say it themselves.',
        )
        parser.add_argument(
            "--dialect",
            choices=list(dialects.DIALECTS),
            help="Read the files in this dialect instead of the one that recognises each.",
        )
        parser.add_argument(
            "--list-dialects",
            action="store_true",
            help="Print the dialects Plenary reads, and stop.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and check the files; write nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print what was read as one JSON object on stdout (see docs/ingest.md).",
        )

    def handle(self, *args, paths, meeting, dialect, dry_run, json, verbosity, **options):
        if options["list_dialects"]:
            for each in dialects.DIALECTS.values():
                self.stdout.write(f"{each.name:<14} {each.label} ({', '.join(each.formats)})")
            return
        if not paths:
            raise CommandError("Name the minutes files or directories to import.")
        files = find_files(paths)
        if not files:
            raise CommandError(
                f"No minutes files ({', '.join(SUFFIXES)}) found in the paths given."
            )
        report = self.stderr if json else self.stdout
        totals, status, output = Counter(files=len(files)), Counter(), []
        for index, path in enumerate(files, start=1):
            self.progress(index, len(files), verbosity)
            try:
                raw = read_file(path, max_bytes=settings.MINUTES_MAX_BYTES)
                known = SourceFile.objects.filter(sha256=sha256(raw), undone_at=None)
                if meeting and known.exclude(meeting__in=_meetings_named(meeting)).exists():
                    raise MinutesError(
                        "this file was imported for another meeting; undo that import "
                        f"in the admin before importing it as {meeting}"
                    )
                if not (dry_run or json) and known.exists():
                    # Imported before: nothing to parse or write (what makes re-runs fast).
                    status["unchanged"] += 1
                    if verbosity >= 2:
                        report.write(f"{path}: unchanged (already imported)")
                    continue
                loaded = load(
                    path,
                    meeting=meeting,
                    max_bytes=settings.MINUTES_MAX_BYTES,
                    raw=raw,
                    dialect=dialect,
                )
                result = None
                if not dry_run:
                    result = import_minutes(
                        loaded.minutes, loaded.document, name=path.name, raw=loaded.raw
                    )
            except MinutesError as error:
                self.fail(path, str(error), totals, output)
                continue
            except Exception as error:  # a bug, not bad input: still one line, and go on
                if options.get("traceback"):
                    raise
                self.fail(path, f"internal error ({type(error).__name__}: {error})", totals, output)
                continue
            counts = counts_of(loaded.minutes)
            totals.update(counts)
            status[result.status if result else "read"] += 1
            if json:  # kept only when printed: memory stays flat over thousands of files
                output.append(
                    {
                        "path": str(path),
                        "sha256": sha256(loaded.raw),
                        "format": loaded.document.format,
                        **({"status": result.status} if result else {}),
                        **loaded.minutes.to_dict(),
                    }
                )
            if verbosity >= 2:
                self.describe(report, path, loaded, result, counts)
        self.progress_done(len(files), verbosity)
        if json:
            self.stdout.write(_json_dumps({"files": output}))
        if verbosity >= 1:
            self.summarise(report, totals, status, dry_run)
        if totals["failures"]:
            raise CommandError(f"{totals['failures']} of {len(files)} files could not be read.")

    def fail(self, path, reason, totals, output):
        totals["failures"] += 1
        output.append({"path": str(path), "error": reason})
        self.stderr.write(f"{path}: {reason}")

    def describe(self, report, path, loaded, result, counts):
        what = result.status if result else "read"
        meeting = loaded.minutes.meeting
        report.write(
            f"{path}: {what} {meeting_name(meeting.group, meeting.number or meeting.date)} "
            f"({counts['sections']} sections, {counts['revisions']} revisions, "
            f"{counts['decisions']} decisions, {counts['resolutions']} resolutions, "
            f"{counts['actions']} actions, {counts['warnings']} warnings; "
            f"read as {loaded.minutes.dialect})"
        )
        for warning in sorted(loaded.minutes.warnings, key=lambda w: w.line):
            report.write(f"  line {warning.line}: {warning.message}")
        for change in result.changes if result else []:
            report.write(f"  changed {change}")

    def summarise(self, report, totals, status, dry_run):
        line = ", ".join(f"{totals[name]} {name}" for name in SUMMARY)
        outcome = ", ".join(f"{count} {name}" for name, count in sorted(status.items()))
        prefix = "Dry run, nothing written: " if dry_run else ""
        style = self.style.WARNING if totals["failures"] else self.style.SUCCESS
        report.write(style(f"{prefix}{line}" + (f" ({outcome})" if outcome else "")))

    def progress(self, index, total, verbosity):
        if verbosity == 1 and total > 1 and sys.stderr.isatty():
            done = 30 * index // total
            sys.stderr.write(f"\r[{'#' * done}{' ' * (30 - done)}] {index}/{total}")
            sys.stderr.flush()

    def progress_done(self, total, verbosity):
        if verbosity == 1 and total > 1 and sys.stderr.isatty():
            sys.stderr.write("\n")


def _meetings_named(text):
    try:
        name = parse_meeting_name(meeting_named(text))
    except ValueError:
        return Meeting.objects.none()  # the dialect says what is wrong with the name
    return Meeting.objects.filter(group__code__iexact=name.group, number=name.key)


def _json_dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=1)
