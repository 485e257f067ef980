"""Uploads left waiting: the secretariat previews minutes and then neither confirms nor cancels.

Each upload keeps a file in MINUTES_UPLOAD_DIR and an `Upload` row until it is confirmed or
cancelled; without this, abandoned ones would stay forever.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .models import Upload

logger = logging.getLogger(__name__)

# The names uploads are stored under (a uuid4 and the suffix): nothing else in the folder is
# deleted, should it be set to a folder other files live in.
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.[a-z0-9]{1,10}")


@dataclass
class Expired:
    uploads: list[str] = field(default_factory=list)  # the names as uploaded
    files: list[str] = field(default_factory=list)  # the stored names removed from disk


def expire_uploads(now=None, dry_run=False):
    """Remove the uploads waiting longer than MINUTES_UPLOAD_HOURS and their files, and files
    in the upload folder as old that no upload names (left by a failed upload, for one).

    Returns what was removed (or would be, with `dry_run`).
    """
    cutoff = (now or timezone.now()) - timedelta(hours=settings.MINUTES_UPLOAD_HOURS)
    expired = Upload.objects.filter(uploaded_at__lt=cutoff)
    found = Expired(uploads=list(expired.values_list("name", flat=True)))
    if not dry_run:
        expired.delete()
    directory = Path(settings.MINUTES_UPLOAD_DIR)
    if not directory.is_dir():
        return found
    waiting = set(
        Upload.objects.filter(uploaded_at__gte=cutoff).values_list("stored_name", flat=True)
    )
    for path in sorted(directory.iterdir()):
        if path.name in waiting or not _STORED_NAME.fullmatch(path.name):
            continue
        try:
            if not path.is_file() or path.stat().st_mtime >= cutoff.timestamp():
                continue
            if not dry_run:
                path.unlink(missing_ok=True)
        except OSError as error:
            logger.warning("Could not remove the expired upload %s: %s", path, error)
            continue
        found.files.append(path.name)
    return found
