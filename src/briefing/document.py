"""What a renderer receives: one language's semantic HTML and the facts about it."""

from __future__ import annotations

import datetime as dt
import errno
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from briefing.errors import EnvironmentProblem

WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EFBIG}


@dataclass(frozen=True)
class Document:
    """One memo in one language, ready to be written as PDF, DOCX or HTML."""

    memo_id: str
    lang: str  # "ja" or "en"
    html: str  # the semantic HTML (templates/_blocks.html.j2 documents its classes)
    title: str
    author: str  # the issuing organization
    date: dt.date  # the memo's date: every timestamp in the outputs comes from it
    content_dir: Path  # images are resolved against it, and nothing outside it is read
    templates_dir: Path  # print.css, fonts/, reference.docx, strings/
    draft: bool = False  # a draft for approval: marked as such, Word tracks changes
    embed_fonts: bool | None = None  # Word: embed templates/fonts; None: as reference.docx says

    @property
    def epoch(self) -> int:
        """Seconds since 1970 for timestamps: SOURCE_DATE_EPOCH if set, else the memo's date."""
        if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
            return int(os.environ["SOURCE_DATE_EPOCH"])
        return int(dt.datetime.combine(self.date, dt.time(), dt.timezone.utc).timestamp())


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; move it into place only if the block succeeds."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise EnvironmentProblem(f"cannot write to {path.parent}: {error.strerror}") from None
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        os.chmod(temporary_path, 0o644)
        os.replace(temporary_path, path)
    except OSError as error:
        if error.errno not in WRITE_ERRORS:
            raise
        raise EnvironmentProblem(f"cannot write {path}: {error.strerror}; the previous file is unchanged") from None
    finally:
        temporary_path.unlink(missing_ok=True)
