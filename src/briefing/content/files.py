"""Files read and written whole: a file's stat, and output moved into place only when complete."""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from briefing.errors import EnvironmentProblem

WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EFBIG,
                errno.EISDIR, errno.ENOTDIR, errno.ENOTEMPTY, errno.EEXIST}
TEMPORARY_SUFFIX = ".tmp"
READS: dict[str, list] = {}  # path → [time of change (ns), size, sha256, time read (ns)] of the bytes last read


def read_recorded(path: Path, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of `path`; their stat and digest are remembered in `READS`.

    The build records what it actually read, not the file as it is once the build ends, so a save
    made during a build is seen by the next one (PITFALLS §9.9).
    """
    import hashlib
    import time

    import stat

    started = time.time_ns()
    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as stream:  # a FIFO never blocks
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        raw = stream.read(limit + 1)
    READS[str(path)] = [status.st_mtime_ns, status.st_size, hashlib.sha256(raw).hexdigest(), started]
    return raw


def inside(path: Path, root: Path) -> bool:
    """True when `path`, links followed, lies inside `root`."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def file_stat(path: Path | str) -> list[int] | None:
    """Time of last change (ns) and size of a file; None when it is missing."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_mtime_ns, status.st_size]


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; move it into place only if the block succeeds."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
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
