"""The build cache: which outputs are up to date. Stat first, hash only when the stat changed.

It lives in the output folder as `.briefing-cache.json` and records the stat and hash of every input,
per output the key it was built from (a hash of everything it depends on) and its own stat, and per
memo which outputs it gave and which files it read besides the shared templates and registries.
This module imports nothing heavy, so a build with nothing to do starts and ends fast.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from briefing import __version__
from briefing.content.files import file_stat

CACHE_FILE = ".briefing-cache.json"
FORMAT = 2  # of the cache file; a cache of another format is ignored
RACY_NS = 1_000_000_000  # a file hashed less than this after its last change is hashed again


class BuildCache:
    """What the previous build of an output folder wrote, and the stats and hashes of what it read."""

    def __init__(self, folder: Path, *, force: bool = False):
        self.path = folder / CACHE_FILE
        data = {} if force else self._read()
        fresh = data.get("version") == __version__ and data.get("format") == FORMAT
        self.files: dict[str, list] = data.get("files", {}) if fresh else {}
        self.outputs: dict[str, dict] = data.get("outputs", {}) if fresh else {}
        self.memos: dict[str, dict] = data.get("memos", {}) if fresh else {}
        self.global_inputs: list[str] = data.get("globals", []) if fresh else []

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def unchanged(self, path: Path | str) -> bool:
        """True when `path` has the stat it had when last hashed (no file read).

        A file changed within a second of being hashed may have changed again within the same clock
        tick, keeping its stat ("racy git"): its stat alone proves nothing, so it counts as changed.
        """
        known = self.files.get(str(path))
        return known is not None and known[:2] == file_stat(path) and known[3] - known[0] > RACY_NS

    def digest(self, path: Path) -> str:
        """Content hash of `path`, reusing the recorded one while its stat is unchanged."""
        stat = file_stat(path)
        known = self.files.get(str(path))
        if known is not None and known[:2] == stat and known[3] - known[0] > RACY_NS:
            return known[2]
        import hashlib

        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat else "missing"
        self.files[str(path)] = [*(stat or [0, 0]), digest, time.time_ns()]
        return digest

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


def key_of(*parts: object) -> str:
    """A stable hash of JSON-able parts (views, digests, names)."""
    import hashlib

    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
