"""Benchmarks of briefing on this machine; prints figures and the ratios the targets are set on.

    python scripts/bench.py [--memos 500] [--edits 60] [--scale | --tagging]

Everything runs in a temporary copy of the repository's workspace. The machine is shared and
noisy: compare the ratios within one run, not seconds between runs; the load averages are printed
with the figures they concern. Commands run with Python's compiled modules kept (as an installed
package has them), even where $PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BRIEFING = [sys.executable, "-m", "briefing"]
EXAMPLES = ("pko-symposium-2025", "khare-visit-2025")

FLOOR_WORKER = """
import sys, time
from pathlib import Path
import weasyprint
from weasyprint.text.fonts import FontConfiguration
from briefing.render.docx.writer import render_docx
from briefing.render.document import Document
import datetime as dt
root, names = Path(sys.argv[1]), sys.argv[2:]
fonts = FontConfiguration()
css = weasyprint.CSS(filename=str(root / "templates" / "print.css"), font_config=fonts)
started = time.perf_counter()
for name in names:
    html = (root / "html" / name).read_text(encoding="utf-8")
    weasyprint.HTML(string=html, base_url=str(root / "content") + "/").write_pdf(
        str(root / "floor" / (name + ".pdf")), stylesheets=[css], font_config=fonts, dpi=150,
        optimize_images=True)
    memo_id, lang, _ = name.split(".")
    render_docx(Document(memo_id, lang, html, "t", "a", dt.date(2025, 6, 27), root / "content",
                         root / "templates"), root / "floor" / (name + ".docx"))
print(time.perf_counter() - started)
"""

NAIVE_SCRIPT = """
# The same work done straightforwardly, one step after the other: read and check the memo, make
# each language's HTML, then call WeasyPrint and the Word writer the plain way.
import sys
from pathlib import Path
import weasyprint
from briefing.build.pipeline import documents
from briefing.check.memos import check
from briefing.render.docx.writer import render_docx
from briefing.content.workspace import Workspace
workspace = Workspace.at(sys.argv[1])
checked = check(workspace, [sys.argv[2]])
for loaded in checked.memos:
    for document, view in documents(loaded, ("ja", "en"), checked, workspace):
        weasyprint.HTML(string=document.html, base_url=str(workspace.content) + "/").write_pdf(
            str(workspace.root / "naive.pdf"), stylesheets=[weasyprint.CSS(filename=str(workspace.templates / "print.css"))])
        render_docx(document, workspace.root / "naive.docx")
"""

TAGGING_WORKER = """
# Each example PDF written tagged (as the build does) and untagged, in turns in one warm process.
import statistics, sys, time
from pathlib import Path
import weasyprint
from briefing.build.pipeline import documents
from briefing.check.memos import check
from briefing.content.workspace import Workspace
from briefing.render.pdf.renderer import PRINT_DPI, PdfRenderer
from briefing.render.pdf.tagging import Finisher, write_options
workspace = Workspace.at(sys.argv[1])
checked = check(workspace, [])
docs = [document for loaded in checked.memos for document, _ in documents(loaded, ("ja", "en"), checked, workspace)]
renderer = PdfRenderer(workspace.templates)
def write(document, tagged):
    html = weasyprint.HTML(string=document.html, base_url=str(workspace.content) + "/")
    extra = {"finisher": Finisher(None), **write_options(None)} if tagged else {}
    started = time.perf_counter()
    pdf = html.write_pdf(stylesheets=[renderer.css], font_config=renderer.font_config, cache={}, dpi=PRINT_DPI,
                         optimize_images=True, **extra)
    return time.perf_counter() - started, len(pdf)
for document in docs:
    write(document, True), write(document, False)
rounds = [[sum(write(document, tagged)[0] for document in docs) for tagged in (True, False)] for _ in range(9)]
sizes = {document.memo_id + "." + document.lang: [write(document, t)[1] for t in (True, False)] for document in docs}
print(statistics.median(on for on, _ in rounds), statistics.median(off for _, off in rounds),
      statistics.median(on / off for on, off in rounds), repr(sizes))
"""


TIMELINE_WORKER = """
# One cold build of a memo (-j 2, forced) in this fresh process, with what the main process does and
# waits for stamped in seconds from the start of the process. Only what the command itself imports
# before the build starts is imported first (the check and the Word writer load inside the build).
import time
started = time.perf_counter()
import concurrent.futures, functools, sys
from briefing.build import pipeline, workers
from briefing.content.workspace import Workspace
import briefing.render.formats as formats
stamps = [(time.perf_counter() - started, "imports done")]
def stamped(module, name, label):
    original = getattr(module, name)
    @functools.wraps(original)  # its name and module: a pool pickles it as the original, which its workers run
    def wrapper(*args, **kwargs):
        what = label(*args) if callable(label) else label
        stamps.append((time.perf_counter() - started, what + " begins"))
        try:
            return original(*args, **kwargs)
        finally:
            stamps.append((time.perf_counter() - started, what + " ends"))
    setattr(module, name, wrapper)
stamped(workers, "_launch_forkserver", "forkserver launch")
stamped(pipeline, "plan", "plan (imports, check, HTML, output keys)")
stamped(formats, "render", lambda document, fmt, target: f"{document.lang} {fmt} written here")
stamped(concurrent.futures, "wait", "waiting for the PDF workers")
submit = concurrent.futures.ProcessPoolExecutor.submit
def first_submit(pool, *args, **kwargs):  # the first submit forks a worker: it returns once the forkserver is up
    if not getattr(pool, "_stamped", False):
        pool._stamped = True
        stamps.append((time.perf_counter() - started, "first PDF worker asked for (another thread)"))
        try:
            return submit(pool, *args, **kwargs)
        finally:
            stamps.append((time.perf_counter() - started, "first PDF worker forked: the forkserver is up"))
    return submit(pool, *args, **kwargs)
concurrent.futures.ProcessPoolExecutor.submit = first_submit
pipeline.build(Workspace.at(sys.argv[1]), [sys.argv[2]], jobs=2, force=True)
stamps.append((time.perf_counter() - started, "build returns"))
for at, label in sorted(stamps):
    print(f"{at:6.3f} s  {label}")
"""

LISTING_WORKER = """
# The preview's memo list in a fresh process: its first request (every memo parsed), then later ones.
import statistics, sys, time
from briefing.authoring.preview import Changes, Memos
from briefing.content.workspace import Workspace
memos = Memos(Workspace.at(sys.argv[1]), Changes())
started = time.perf_counter()
count = len(memos.listing())
first = time.perf_counter() - started
later = []
for _ in range(5):
    started = time.perf_counter()
    memos.listing()
    later.append(time.perf_counter() - started)
print(count, first, statistics.median(later))
"""


def scale_figures(large: Path, memos: int) -> None:
    """`briefing check`, the no-op build and the preview's memo list on a workspace of `memos` memos."""
    version = best([*BRIEFING, "--version"], large)
    checks, cpus = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        checks.append(timed([*BRIEFING, "check"], large, ok=(0, 1)))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    check_time = statistics.median(checks)
    print(f"check of {memos} memos                {check_time:7.2f} s   {check_time / memos * 1000:.1f} ms per memo "
          f"(target <= 5), median of 3 ({min(checks):.2f}-{max(checks):.2f} s); CPU time of all its processes "
          f"{statistics.median(cpus):.2f} s, {statistics.median(cpus) / memos * 1000:.1f} ms per memo   [{load()}]")
    noops = [timed([*BRIEFING, "build"], large) for _ in range(5)]
    versions = [timed([*BRIEFING, "--version"], large) for _ in range(5)]
    print(f"no-op build of {memos} memos          {statistics.median(noops):7.2f} s   briefing --version "
          f"{statistics.median(versions):.2f} s   ratio {statistics.median(noops) / statistics.median(versions):.2f} "
          f"(target <= 3), medians of 5 [best: {min(noops):.2f} s vs {version:.2f} s]   [{load()}]")
    count, first, later = subprocess.run([sys.executable, "-c", LISTING_WORKER, str(large)], cwd=large, check=True,
                                         capture_output=True, text=True).stdout.split()
    print(f"preview memo list of {count} memos     {float(first):7.2f} s first request, {float(later):.3f} s later "
          f"ones (median of 5; target <= 0.5)   [{load()}]")


def tagging_cost(folder: Path) -> None:
    """Print the time and size tagging adds to the examples' PDFs (ratio within one process)."""
    output = subprocess.run([sys.executable, "-c", TAGGING_WORKER, str(folder)], cwd=folder, check=True,
                            capture_output=True, text=True).stdout.split(maxsplit=3)
    on, off, ratio, sizes = float(output[0]), float(output[1]), float(output[2]), eval(output[3])  # noqa: S307
    print(f"4 example PDFs tagged {on:.3f} s, untagged {off:.3f} s   ratio {ratio:.3f} (median of 9 rounds in turns;"
          " target <= 1.15)")
    for name, (tagged, plain) in sizes.items():
        print(f"size {name + '.pdf':32} tagged {tagged / 1000:7.1f} KB, untagged {plain / 1000:7.1f} KB")


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes): figures taken under load are slower."""
    return "load " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def timed(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True)
    if result.returncode not in ok:
        raise subprocess.CalledProcessError(result.returncode, command, result.stdout, result.stderr)
    return time.perf_counter() - started


def best(command: list[str], cwd: Path, runs: int = 3) -> float:
    return min(timed(command, cwd) for _ in range(runs))


def workspace(folder: Path, copies: int = 0) -> Path:
    """A copy of the repository's workspace, optionally with `copies` extra memos."""
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copytree(REPO / "templates", folder / "templates")
    for number in range(copies):
        source = REPO / "content" / f"{EXAMPLES[number % 2]}.yaml"
        (folder / "content" / f"memo-{number:03d}.yaml").write_text(source.read_text(encoding="utf-8"),
                                                                   encoding="utf-8")
    if copies:
        for example in EXAMPLES:
            (folder / "content" / f"{example}.yaml").unlink()
    return folder


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def watch_latency(folder: Path, edits: int) -> tuple[list[float], float, float]:
    """Seconds from a saved English edit to the updated English PDF; RSS after the first and last edits."""
    process = subprocess.Popen([*BRIEFING, "watch", "--format", "pdf"], cwd=folder, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    while "watching" not in (process.stdout.readline() or "watching"):
        pass
    memo = folder / "content" / "khare-visit-2025.yaml"
    pdf = folder / "build" / "khare-visit-2025.en.pdf"
    original = memo.read_text(encoding="utf-8")
    latencies, first_rss = [], 0.0
    for number in range(edits):
        before = pdf.stat().st_mtime_ns
        started = time.perf_counter()
        memo.write_text(original.replace("An overview", f"Overview {number}"), encoding="utf-8")
        while pdf.stat().st_mtime_ns == before and time.perf_counter() - started < 10:
            time.sleep(0.002)
        latencies.append(time.perf_counter() - started)
        time.sleep(0.1)
        if number == 9:
            first_rss = rss_mb(process.pid)
    last_rss = rss_mb(process.pid)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)
    return latencies, first_rss, last_rss


def compare_cost(folder: Path) -> None:
    """`briefing compare` of each example (against a copy with one word changed) beside building that memo."""
    for memo in EXAMPLES:
        source = folder / "content" / f"{memo}.yaml"
        old = folder / f"{memo}.old.yaml"
        text = source.read_text(encoding="utf-8")
        old.write_text(text.replace("ました。", "ます。", 1), encoding="utf-8")
        pairs = [(timed([*BRIEFING, "compare", memo, "--old", str(old)], folder),  # taken in turns: same noise
                  timed([*BRIEFING, "build", memo, "--force"], folder)) for _ in range(5)]
        compare, build = min(c for c, _ in pairs), min(b for _, b in pairs)
        print(f"compare {memo:24} {compare:7.2f} s   build of the memo {build:.2f} s   ratio {compare / build:.2f} "
              f"(target <= 1.0), median of 5 pairs {statistics.median(c / b for c, b in pairs):.2f}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--memos", type=int, default=500)
    options.add_argument("--edits", type=int, default=60)
    options.add_argument("--tagging", action="store_true", help="only the cost of tagging the examples' PDFs")
    options.add_argument("--compare", action="store_true", help="only briefing compare beside a build of each example")
    options.add_argument("--scale", action="store_true", help="only check, no-op build and memo list of --memos memos")
    args = options.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # Python's compiled modules kept, as an installed package has them
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        if args.scale:
            large = workspace(base / "large", args.memos)
            subprocess.run([*BRIEFING, "build", "--format", "html"], cwd=large, check=True, capture_output=True)
            scale_figures(large, args.memos)
            return
        small = workspace(base / "small")
        if args.compare:
            compare_cost(small)
            return
        tagging_cost(small)
        if args.tagging:
            return
        subprocess.run([*BRIEFING, "build", "--format", "html", "--out", str(small / "html")], cwd=small, check=True,
                       capture_output=True)
        for memo_id in EXAMPLES:
            print(f"timeline of a cold build of {memo_id}:")
            print(subprocess.run([sys.executable, "-c", TIMELINE_WORKER, str(small), memo_id], cwd=small, check=True,
                                 capture_output=True, text=True).stdout, end="")
        for memo_id in EXAMPLES:  # each example: 7 pairs taken in turns (same noise), the load read with them
            pairs = [(timed([*BRIEFING, "build", memo_id, "--force"], small),
                      timed([sys.executable, "-c", NAIVE_SCRIPT, str(small), memo_id], small)) for _ in range(7)]
            cold, naive = min(c for c, _ in pairs), min(n for _, n in pairs)
            print(f"cold build of {memo_id}, 4 outputs   {cold:7.2f} s   naive script {naive:.2f} s   "
                  f"ratio of the best {cold / naive:.2f}, median of 7 pairs "
                  f"{statistics.median(c / n for c, n in pairs):.2f} (target <= 0.60)   [{load()}]")
        memo = EXAMPLES[0]
        cold_serial = best([*BRIEFING, "build", memo, "--force", "-j", "1"], small)
        import_weasyprint = best([sys.executable, "-c", "import weasyprint"], small)
        print(f"cold build of {memo} with -j 1 {cold_serial:.2f} s; import weasyprint {import_weasyprint:.2f} s")

        sys.path.insert(0, str(REPO / "src"))
        from briefing.build.pipeline import build
        from briefing.content.workspace import Workspace
        warm_space = Workspace.at(small)
        build(warm_space, [memo], force=True)
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            build(warm_space, [memo], force=True)
            runs.append(time.perf_counter() - started)
        print(f"warm build of one memo, 4 outputs   {statistics.median(runs):7.2f} s")
        compare_cost(small)

        large = workspace(base / "large", args.memos)
        full = timed([*BRIEFING, "build", "-j", "2", "--force"], large)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"full build of {args.memos} memos, -j 2 (before the floor below)   {full:7.2f} s   [{load()}]")
        scale_figures(large, args.memos)

        subprocess.run([*BRIEFING, "build", "--format", "html", "--out", str(large / "html")], cwd=large, check=True,
                       capture_output=True)
        (large / "floor").mkdir()
        names = sorted(p.name for p in (large / "html").glob("*.html"))
        workers = [subprocess.Popen([sys.executable, "-c", FLOOR_WORKER, str(large), *names[i::2]],
                                    stdout=subprocess.PIPE, text=True) for i in range(2)]
        floor = max(float(worker.communicate()[0]) for worker in workers)
        print(f"full build of {args.memos} memos, -j 2      {full:7.2f} s   floor {floor:.2f} s   "
              f"ratio {full / floor:.2f} (target <= 1.25)")

        latencies, rss_early, rss_late = watch_latency(workspace(base / "watch"), args.edits)
        print(f"watch: English edit to updated PDF {statistics.median(latencies):7.3f} s median, "
              f"{max(latencies):.3f} s worst over {len(latencies)} edits (target <= 0.3)")
        print(f"watch RSS after 10 edits {rss_early:.0f} MB, after {args.edits} edits {rss_late:.0f} MB")
        print(f"peak RSS of any process in the -j 2 build   {peak:.0f} MB (target <= 300 per worker)")
        for path in sorted((small / "build").glob("*.*")):
            if not path.name.startswith("."):
                print(f"size {path.name:32} {path.stat().st_size / 1000:7.1f} KB")


if __name__ == "__main__":
    main()
