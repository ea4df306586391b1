"""The PDF workers: processes that hold WeasyPrint and the fonts, started while the main process checks.

`worker_pool` is used by the build and by `briefing compare`; each worker renders one PDF at a time.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

STOP_GRACE_SECONDS = 0.5


@contextmanager
def worker_pool(jobs: int, formats: tuple[str, ...], templates_dir: Path, method: str | None = None):
    """Worker processes that start, and load WeasyPrint and fonts, while this process checks the memos.

    Where the system has a forkserver (Linux, macOS), it is launched first of all: it imports
    WeasyPrint and loads the fonts once (`briefing.render.pdf.preload`), then forks the workers, which so
    start warm; no worker is forked from a process with threads. Elsewhere (Windows) each spawned
    worker loads them itself. A thread waits for the pool, so `execute` waits only when it has tasks.
    """
    if jobs <= 1 or "pdf" not in formats:  # only PDFs go to workers
        yield None
        return
    import multiprocessing
    import os

    from briefing.render.formats import prepare, warm_up

    prepare(formats, templates_dir)  # a missing file is reported before any process starts
    method = method or ("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        _launch_forkserver(context, templates_dir)

    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    from briefing.render.pdf.preload import worker_lifeline

    def start() -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=worker_lifeline,
                                   initargs=(os.getpid(),))
        for _ in range(jobs):
            pool.submit(warm_up, templates_dir)  # at once where the forkserver loaded the fonts
        return pool

    with ThreadPoolExecutor(max_workers=1) as starter:
        starting = starter.submit(start)
        try:
            yield starting
        except BaseException:  # Ctrl-C, SIGTERM, a problem: no new render starts, those under way end soon
            _stop(starting.result())
            raise
    starting.result().shutdown(wait=True)


def _stop(workers) -> None:
    """End the pool: a worker still busy a moment later (this process alone got SIGTERM) is terminated."""
    import time

    processes = list((getattr(workers, "_processes", None) or {}).values())
    workers.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.terminate()  # its half-written output is removed by the next build
    workers.shutdown(wait=True)


def _launch_forkserver(context, templates_dir: Path) -> None:
    """Start the forkserver now, preloading WeasyPrint and the fonts of `templates_dir`."""
    import os
    from multiprocessing import forkserver

    from briefing.render.pdf.preload import PARENT_VARIABLE, TEMPLATES_VARIABLE

    context.set_forkserver_preload(["briefing.render.pdf.preload"])
    os.environ[TEMPLATES_VARIABLE], os.environ[PARENT_VARIABLE] = str(templates_dir), str(os.getpid())
    try:
        forkserver.ensure_running()
    finally:
        del os.environ[TEMPLATES_VARIABLE], os.environ[PARENT_VARIABLE]
