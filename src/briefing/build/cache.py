"""The build cache: which outputs are up to date. Stat first, hash only when the stat changed.

It lives in the output folder as `.briefing-cache.json` and records the stat and hash of every input,
per output the key it was built from (a hash of everything it depends on) and its own stat, and per
memo which outputs it gave and which files it read besides the shared templates and registries.
This module imports nothing heavy, so a build with nothing to do starts and ends fast.
"""

from __future__ import annotations

import json
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from briefing import __version__
from briefing.content.files import TEMPORARY_SUFFIX, file_stat

log = logging.getLogger(__name__)
CACHE_FILE = ".briefing-cache.json"
LOCK_FILE = ".briefing-lock"
FORMAT = 2  # of the cache file; a cache of another format is ignored
RACY_NS = 1_000_000_000  # a file hashed less than this after its last change is hashed again


class BuildCache:
    """What the previous build of an output folder wrote, and the stats and hashes of what it read."""

    def __init__(self, folder: Path, *, force: bool = False):
        self.path = folder / CACHE_FILE
        data = {} if force else self._read()
        self.files: dict[str, list] = data.get("files", {})
        self.outputs: dict[str, dict] = data.get("outputs", {})
        self.memos: dict[str, dict] = data.get("memos", {})
        self.global_inputs: list[str] = data.get("globals", [])
        self.taken: set[str] = set()  # files hashed (or read) by this build: their entry is not replaced

    def _read(self) -> dict:
        """The cache file's data; a file that cannot be read, of another version or shape, counts as absent."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        fresh = isinstance(data, dict) and data.get("version") == __version__ and data.get("format") == FORMAT
        return data if fresh and _well_shaped(data) else {}

    def unchanged(self, path: Path | str) -> bool:
        """True when `path` has the stat it had when last hashed (no file read).

        A file changed within a second of being hashed may have changed again within the same clock
        tick, keeping its stat ("racy git"): its stat alone proves nothing, so it counts as changed.
        """
        known = self.files.get(str(path))
        return known is not None and known[:2] == file_stat(path) and known[3] - known[0] > RACY_NS

    def digest(self, path: Path) -> str:
        """Content hash of `path`, reusing the recorded one while its stat is unchanged.

        Once taken in a build, a file keeps that hash to its end: what is recorded is what was read.
        """
        known = self.files.get(str(path))
        if str(path) in self.taken:
            return known[2]
        self.taken.add(str(path))
        stat = file_stat(path)
        if known is not None and known[:2] == stat and known[3] - known[0] > RACY_NS:
            return known[2]
        import hashlib

        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat else "missing"
        self.files[str(path)] = [*(stat or [0, 0]), digest, time.time_ns()]
        return digest

    def adopt_reads(self, reads: dict[str, list]) -> None:
        """Record the stat and hash of the bytes this build read (not of the files as they are now)."""
        self.files.update(reads)
        self.taken.update(reads)

    def globals_fresh(self, paths: list[Path]) -> bool:
        """The inputs every memo shares (templates, registries) are the same files, unchanged."""
        return self.global_inputs == sorted(map(str, paths)) and all(map(self.unchanged, paths))

    def record_globals(self, paths: list[Path]) -> None:
        self.global_inputs = sorted(map(str, paths))
        for path in paths:
            self.digest(path)

    def memo_fresh(self, memo: Path, request: str) -> list[str] | None:
        """The memo's outputs for this request, if none of them can have changed; else None."""
        record = self.memos.get(str(memo))
        if record is None or record["request"] != request or not all(map(self.unchanged, record["deps"])):
            return None
        outputs = record["outputs"]
        return outputs if all(self.outputs.get(o, {}).get("stat") == file_stat(o) for o in outputs) else None

    def record_memo(self, memo: Path, request: str, outputs: list[Path], deps: list[Path]) -> None:
        for dep in deps:
            self.digest(dep)
        self.memos[str(memo)] = {"request": request, "outputs": sorted(map(str, outputs)),
                                 "deps": sorted(map(str, deps))}

    def forget_memo(self, memo: Path) -> None:
        self.memos.pop(str(memo), None)

    def output_fresh(self, target: Path, key: str) -> bool:
        """The output exists as last written, from the same key."""
        record = self.outputs.get(str(target))
        return record is not None and record["key"] == key and record["stat"] == file_stat(target)

    def record_output(self, target: Path, key: str) -> None:
        self.outputs[str(target)] = {"key": key, "stat": file_stat(target)}

    def save(self) -> None:
        """Write the cache atomically (a lost cache only means a full rebuild)."""
        data = {"version": __version__, "format": FORMAT, "files": self.files, "outputs": self.outputs, "memos": self.memos,
                "globals": self.global_inputs}
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            temporary.unlink(missing_ok=True)


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the output folder's lock file; a second build of the folder waits for the first to end."""
    from briefing.errors import EnvironmentProblem

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise EnvironmentProblem(f"cannot write to {folder}: {error.strerror}") from None
    try:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; builds of one folder must not overlap
            yield
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("waiting for another build of %s to finish", folder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


def remove_stale_temporaries(folder: Path) -> None:
    """Delete half-written outputs (.<name>.<random>.tmp) that a killed build left; call under the lock."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(".") and name.endswith(TEMPORARY_SUFFIX) and name != LOCK_FILE:
            try:
                os.unlink(folder / name)
            except OSError:
                pass


def _well_shaped(data: dict) -> bool:
    """The cache file holds what this version writes (any other JSON is a cache to rebuild)."""
    def strings(value) -> bool:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)

    def stat(value) -> bool:
        return value is None or (isinstance(value, list) and len(value) == 2
                                 and all(isinstance(item, int) for item in value))

    files, outputs, memos = data.get("files"), data.get("outputs"), data.get("memos")
    return (isinstance(files, dict) and isinstance(outputs, dict) and isinstance(memos, dict)
            and strings(data.get("globals"))
            and all(isinstance(v, list) and len(v) == 4 and stat(v[:2]) and isinstance(v[2], str)
                    and isinstance(v[3], int) for v in files.values())
            and all(isinstance(v, dict) and isinstance(v.get("key"), str) and stat(v.get("stat"))
                    for v in outputs.values())
            and all(isinstance(v, dict) and isinstance(v.get("request"), str) and strings(v.get("outputs"))
                    and strings(v.get("deps")) for v in memos.values()))


def key_of(*parts: object) -> str:
    """A stable hash of JSON-able parts (views, digests, names)."""
    import hashlib

    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
