"""The secretariat's import pages in the admin: upload, preview, confirm or cancel, undo."""

import hashlib
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .forms import whole_number
from .identifiers import parse_meeting_name
from .minutes import SUFFIXES, MinutesError, dialects, load
from .minutes.importer import import_minutes
from .minutes.preview import preview_import
from .minutes.undo import UndoRefused, undo_import, undo_plan
from .models import SourceFile, Upload, lines_around
from .uploads import expire_uploads

# The preview shows this many warnings in context; the review queue lists them all.
PREVIEW_WARNINGS = 200


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(SUFFIXES)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Minutes files",
        help_text="One or more minutes files: Word (.docx), HTML, Markdown or text.",
    )
    meeting = forms.CharField(
        required=False,
        max_length=40,
        label="Meeting",
        help_text=(
            'For minutes that do not name their meeting: "SEC#12", or with the group\'s '
            'other name, "WG4#12"; for a meeting known by its date, "vcwg@2025-10-08".'
        ),
    )
    dialect = forms.ChoiceField(
        required=False,
        label="Dialect",
        choices=[("", "Recognise from each file")]
        + [(each.name, each.label) for each in dialects.DIALECTS.values()],
        help_text="Choose one only if Plenary does not recognise the files' format itself.",
    )

    def clean_meeting(self):
        meeting = self.cleaned_data["meeting"].strip()
        if meeting:
            try:
                parse_meeting_name(meeting)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
        return meeting


def _check_permission(request, codename):
    if not request.user.has_perm(f"meetings.{codename}"):
        raise PermissionDenied


def _upload_dir():
    directory = Path(settings.MINUTES_UPLOAD_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def upload_view(admin, request):
    """Upload: the files are checked and kept under generated names until confirmed."""
    _check_permission(request, "add_upload")
    form = UploadForm(request.POST or None, request.FILES or None)
    refused = []
    if request.method == "POST" and form.is_valid():
        expire_uploads()  # uploads abandoned earlier: a few rows and files at most
        uploads = []
        for file in form.cleaned_data["files"]:
            suffix = Path(file.name).suffix.lower()
            if suffix not in SUFFIXES:
                refused.append((file.name, f"unsupported file type {suffix or '(none)'}"))
                continue
            if file.size > settings.MINUTES_MAX_BYTES:
                refused.append(
                    (file.name, "the file is over the size limit (setting MINUTES_MAX_BYTES)")
                )
                continue
            raw = file.read()
            stored_name = f"{uuid.uuid4().hex}{suffix}"
            (_upload_dir() / stored_name).write_bytes(raw)
            uploads.append(
                Upload.objects.create(
                    name=file.name[:255],
                    stored_name=stored_name,
                    sha256=hashlib.sha256(raw).hexdigest(),
                    size=len(raw),
                    meeting=form.cleaned_data["meeting"],
                    dialect=form.cleaned_data["dialect"],
                    uploaded_by=request.user,
                )
            )
        if uploads and not refused:
            ids = ",".join(str(upload.pk) for upload in uploads)
            return redirect(f"{reverse('admin:meetings_sourcefile_preview')}?uploads={ids}")
        for upload in uploads:
            _discard(upload)
    context = {
        **admin.admin_site.each_context(request),
        "title": "Import minutes",
        "opts": admin.model._meta,
        "form": form,
        "refused": refused,
    }
    return TemplateResponse(request, "admin/meetings/sourcefile/import_form.html", context)


def _upload_ids(ids):
    return [pk for pk in map(whole_number, ids.split(",")) if pk is not None]


def _my_uploads(request, ids):
    uploads = list(Upload.objects.filter(pk__in=_upload_ids(ids), uploaded_by=request.user))
    if not uploads:
        raise PermissionDenied
    return uploads


def _load(upload, max_chars):
    """The upload read and parsed, exactly as it was previewed; MinutesError otherwise, or
    when it holds more than `max_chars` characters of text."""
    try:
        raw = (_upload_dir() / upload.stored_name).read_bytes()
    except OSError:
        raise MinutesError("the uploaded file is gone; upload it again") from None
    if hashlib.sha256(raw).hexdigest() != upload.sha256:
        raise MinutesError("the uploaded file changed since it was previewed; upload it again")
    return load(
        Path(upload.name),
        meeting=upload.meeting or None,
        max_bytes=upload.size,
        raw=raw,
        max_chars=max_chars,
        dialect=upload.dialect or None,
    )


def preview_view(admin, request):
    _check_permission(request, "add_upload")
    uploads = _my_uploads(request, request.GET.get("uploads", ""))
    files = []
    left = settings.MINUTES_ADMIN_MAX_CHARS  # the text this request may still work through
    for upload in uploads:
        try:
            loaded = _load(upload, left)
            left -= len(loaded.document.text)
            preview = preview_import(loaded)  # may warn too: a name cut to fit, say
        except MinutesError as error:
            files.append({"upload": upload, "error": str(error)})
            continue
        warnings = [
            {
                "line": warning.line,
                "message": warning.message,
                "context": lines_around(loaded.document.text, warning.line),
            }
            for warning in sorted(loaded.minutes.warnings, key=lambda w: w.line)[:PREVIEW_WARNINGS]
        ]
        files.append(
            {
                "upload": upload,
                "dialect": dialects.get(loaded.minutes.dialect).label,
                "minutes": loaded.minutes.to_dict(),
                "preview": preview,
                "warnings": warnings,
                "more_warnings": len(loaded.minutes.warnings) - len(warnings),
            }
        )
    context = {
        **admin.admin_site.each_context(request),
        "title": "Check the import",
        "opts": admin.model._meta,
        "files": files,
        "ids": ",".join(str(upload.pk) for upload in uploads),
        "importable": any("error" not in item for item in files),
    }
    return TemplateResponse(request, "admin/meetings/sourcefile/import_preview.html", context)


def confirm_view(admin, request):
    _check_permission(request, "add_upload")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ids = request.POST.get("uploads", "")
    try:
        uploads = _my_uploads(request, ids)
    except PermissionDenied:
        if Upload.objects.filter(pk__in=_upload_ids(ids)).exists():
            raise  # another secretary's
        # A second click on Confirm, after the first imported them.
        messages.info(request, "Nothing to import: these files were imported or cancelled.")
        return redirect("admin:meetings_sourcefile_changelist")
    left = settings.MINUTES_ADMIN_MAX_CHARS
    for upload in uploads:
        known = SourceFile.objects.filter(sha256=upload.sha256, undone_at=None).first()
        if known:  # a second click on Confirm, or another secretary imported it meanwhile
            messages.info(request, _already_imported(upload, known.meeting))
            _discard(upload)
            continue
        try:
            loaded = _load(upload, left)
            left -= len(loaded.document.text)
            with transaction.atomic():
                result = import_minutes(
                    loaded.minutes,
                    loaded.document,
                    name=upload.name,
                    raw=loaded.raw,
                    user=request.user,
                )
        except MinutesError as error:
            messages.error(request, f"Not imported, {upload.name}: {error}")
        except IntegrityError as error:  # a bug, not the file: still a message, not a 500
            messages.error(
                request, f"Not imported, {upload.name}: internal error, nothing written ({error})"
            )
        else:
            if result.status == "unchanged":  # imported meanwhile, by a request that raced
                messages.info(request, _already_imported(upload, result.meeting))
            else:
                outcome = {"created": "added", "updated": "updated"}[result.status]
                messages.success(request, f"Imported {upload.name}: {result.meeting} {outcome}.")
        _discard(upload)
    return redirect("admin:meetings_sourcefile_changelist")


def _already_imported(upload, meeting):
    return f"{upload.name} was already imported: {meeting} unchanged."


def cancel_view(admin, request):
    _check_permission(request, "add_upload")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    uploads = _my_uploads(request, request.POST.get("uploads", ""))
    for upload in uploads:
        _discard(upload)
    messages.info(request, f"Import cancelled; {len(uploads)} uploaded file(s) discarded.")
    return redirect("admin:meetings_sourcefile_changelist")


def _discard(upload):
    upload.delete()  # first: a second Confirm then finds no upload rather than no file
    (_upload_dir() / upload.stored_name).unlink(missing_ok=True)


def undo_view(admin, request, pk):
    _check_permission(request, "delete_sourcefile")
    source = get_object_or_404(SourceFile.objects.select_related("meeting__group"), pk=pk)
    if request.method == "POST":
        try:
            plan = undo_import(source, request.user)
        except UndoRefused as error:
            messages.error(request, f"Not undone: {error}")
        else:
            messages.success(
                request,
                f"Undone: {len(plan['created'])} rows removed, {len(plan['changed'])} fields "
                f"and {len(plan['removed'])} rows put back.",
            )
        return redirect("admin:meetings_sourcefile_change", source.pk)
    try:
        plan, refusal = undo_plan(source), None
    except UndoRefused as error:
        plan, refusal = None, str(error)
    context = {
        **admin.admin_site.each_context(request),
        "title": f"Undo the import of {source.name}",
        "opts": admin.model._meta,
        "source": source,
        "plan": plan,
        "refusal": refusal,
    }
    return TemplateResponse(request, "admin/meetings/sourcefile/undo.html", context)
