"""Imported by the forkserver of the PDF workers: WeasyPrint and the fonts load once, before the forks.

`build.workers.worker_pool` names the templates folder in $BRIEFING_PRELOAD_TEMPLATES and the build's
process id in $BRIEFING_PRELOAD_PARENT: the forkserver, and each worker, ends when the build ends.
"""

import atexit
import gc
import os
import signal
import sys
from pathlib import Path

TEMPLATES_VARIABLE = "BRIEFING_PRELOAD_TEMPLATES"
PARENT_VARIABLE = "BRIEFING_PRELOAD_PARENT"
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def preload(templates_dir: Path) -> None:
    """Import WeasyPrint and load the fonts; a problem is left to the workers, which report it."""
    gc.disable()  # nothing made here is garbage; importing WeasyPrint is about 8 % quicker
    try:
        from briefing.render.formats import warm_up
        warm_up(templates_dir)
    except BaseException:  # noqa: BLE001 - the forkserver must live on; each worker reports the problem
        pass
    finally:
        gc.freeze()  # forked workers share these objects instead of copying them at each collection
        gc.enable()
        atexit.register(_exit_quickly)  # registered last, so it runs first


def _exit_quickly(code: int = 0) -> None:
    """The forkserver's end: delete its copy of the fonts, then go without tearing the interpreter down.

    Its workers end with it (their parent's death signal), and whoever waits on the build's output
    pipe, which it holds, is not kept waiting.
    """
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # exiting already: a late SIGTERM changes nothing
    from briefing.render.formats import _release_fonts
    gc.unfreeze()  # the renderer was frozen with the rest: it must be collectable to be released
    _release_fonts()
    os._exit(code)


def die_with(build_pid: int, on_term=None) -> None:
    """End this process when its parent ends, however that ends; SIGTERM runs `on_term` (default: exit cleanly).

    On Linux the kernel sends SIGTERM when the parent dies (prctl PR_SET_PDEATHSIG); a parent that died
    before that was set is seen by the check after it. Elsewhere the pool's own pipes end the workers.
    """
    signal.signal(signal.SIGTERM, on_term or _exit_on_term)
    if sys.platform.startswith("linux"):
        import ctypes
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    try:
        os.kill(build_pid, 0)
        orphaned = os.getppid() == 1
    except ProcessLookupError:
        orphaned = True
    if orphaned:
        raise SystemExit(0)


def worker_lifeline(build_pid: int) -> None:
    """A PDF worker ends with the forkserver that forked it (a spawned worker has the pool's pipes)."""
    if os.getppid() != build_pid:  # a parent's death signal is tied to the thread that forked the child
        die_with(build_pid, _exit_now)


def _exit_on_term(signum, frame) -> None:
    """Exit as at the end (the forkserver deletes its copy of the fonts), raising nothing.

    SIGTERM may arrive while the interpreter is already shutting down (the build was interrupted):
    an exception raised then would be printed as a traceback on the build's error output.
    """
    _exit_quickly(128 + signum)


def _exit_now(signum, frame) -> None:
    """Exit at once: a pool worker would catch SystemExit as its task's outcome and wait for the next task."""
    os._exit(128 + signum)


if PARENT_VARIABLE in os.environ:
    die_with(int(os.environ[PARENT_VARIABLE]))
if TEMPLATES_VARIABLE in os.environ:
    preload(Path(os.environ[TEMPLATES_VARIABLE]))
