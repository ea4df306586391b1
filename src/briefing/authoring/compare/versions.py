"""The two versions of a memo: from git revisions (with the registries as they were then), a file, or the working copy."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from briefing.content.workspace import REGISTRY_DIR, Workspace
from briefing.errors import ContentError, UsageError
from briefing.render.document import Document


@dataclass(frozen=True)
class Version:
    """One version of a memo: per language the document a build would render."""

    label: str  # the revision, the file, or "working copy"
    documents: dict[str, Document]
    word_files: dict[str, Path] = field(default_factory=dict)  # per language, build/'s Word file if it is this version's


def version(workspace: Workspace, memo: Path, revision: str | None = None, file: Path | None = None) -> Version:
    """The memo as of `revision` (None: as it is now), or as `file` holds it, with its registries."""
    if revision is None and file is None:
        return _built(workspace, memo, "working copy", workspace)
    with _snapshot(workspace, memo, revision, file) as snapshot:
        return _built(snapshot, snapshot.content / memo.name, revision or str(file), workspace)


@contextmanager
def _snapshot(workspace: Workspace, memo: Path, revision: str | None, file: Path | None) -> Iterator[Workspace]:
    """A temporary workspace: this one's content and templates, the memo (and registries) of another version."""
    with tempfile.TemporaryDirectory(prefix="briefing-compare-") as folder:
        root = Path(folder)
        shutil.copytree(workspace.content, root / "content", ignore=shutil.ignore_patterns("*.lock.yaml"))
        shutil.copytree(workspace.templates, root / "templates", copy_function=_link_or_copy)  # no links out: confined
        if file is not None:
            if not file.is_file():
                raise UsageError(f"--old {file}: no such file; give the old version's YAML file")
            shutil.copyfile(file, root / "content" / memo.name)
        else:
            top = Path(_git(workspace.root, "rev-parse", "--show-toplevel", failed=f"{workspace.root} is not in a git "
                            "repository: give the old version with --old FILE").strip())
            _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}",
                 failed=f"{revision}: no such git revision; give a commit, a tag or e.g. HEAD~1")
            relative = memo.relative_to(top)
            _git(top, "cat-file", "-e", f"{revision}:{relative.as_posix()}", failed=f"{workspace.shown(memo)} is not in {revision} "
                 "(a memo not yet committed?): commit it, or give the old version with --old FILE")
            _restore(top, revision, relative, root / "content" / memo.name)
            registry = workspace.registry.relative_to(top)
            shutil.rmtree(root / "content" / REGISTRY_DIR, ignore_errors=True)
            for name in _git(top, "ls-tree", "-r", "--name-only", revision, "--", str(registry)).split("\n"):
                if name:
                    _restore(top, revision, Path(name), root / "content" / REGISTRY_DIR / Path(name).relative_to(registry))
        yield Workspace(root)


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it (fonts are megabytes), else a copy."""
    import os
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _restore(top: Path, revision: str, path: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_git(top, "show", f"{revision}:{path.as_posix()}", binary=True))


def _git(where: Path, *args: str, binary: bool = False, failed: str | None = None):
    """Output of a git command; a failure is a usage error: `failed`, else what git said."""
    try:
        result = subprocess.run(["git", "-C", str(where), *args], capture_output=True, timeout=60)
    except FileNotFoundError:
        raise UsageError("git is not installed; give the old version with --old FILE") from None
    if result.returncode != 0 and failed:
        raise UsageError(failed)
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:2])}: {said[-1] if said else 'failed'}")
    return result.stdout if binary else result.stdout.decode("utf-8")


def _built(workspace: Workspace, memo: Path, label: str, home: Workspace) -> Version:
    """The memo's documents in each of its languages, as a build would make them; errors stop the comparison.

    Their images are looked up in `home`'s content folder (a snapshot's is gone once compared)."""
    from dataclasses import replace

    from briefing.build.pipeline import LANGUAGES, documents
    from briefing.check.memos import Checked
    from briefing.content.validate import load_memo, load_registry
    from briefing.view.html import Templates

    workspace.confine(workspace.shared_inputs())
    templates = Templates.at(home.templates)  # a snapshot's templates are the workspace's: compiled once for both
    registry = load_registry(workspace)
    try:  # what the memo prints, as checked for a build; translations' freshness is no concern here
        loaded = load_memo(memo, workspace, registry, templates)
    except ContentError as error:
        raise ContentError([_named(problem, label) for problem in error.problems]) from None
    errors = [problem for problem in loaded.problems if problem.severity == "error"]
    if errors:
        raise ContentError([_named(problem, label) for problem in errors])
    checked = Checked(templates, registry, [loaded], [])
    made = list(documents(checked.memos[0], LANGUAGES, checked, workspace))
    found = {document.lang: replace(document, content_dir=home.content, templates_dir=home.templates)
             for document, _view in made}
    return Version(label, found, _up_to_date_word_files(home, made, templates) if workspace is home else {})


def _up_to_date_word_files(home: Workspace, made: list, templates) -> dict[str, Path]:
    """The Word files of build/ that the build cache knows were written from exactly these documents."""
    from briefing.build.cache import BuildCache
    from briefing.build.pipeline import output_key

    cache = BuildCache(home.build)
    found = {}
    for document, view in made:
        target = home.build / f"{document.memo_id}.{document.lang}.docx"
        if target.is_file() and cache.output_fresh(target, output_key(view, "docx", document, templates, cache)):
            found[document.lang] = target
    return found


def _named(problem, label: str):
    """A problem of an old version says which version it is in."""
    from dataclasses import replace
    return replace(problem, message=f"({label}) {problem.message}") if label != "working copy" else problem
