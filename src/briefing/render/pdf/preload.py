"""Imported by the forkserver of the PDF workers: WeasyPrint and the fonts load once, before the forks.

`build.worker_pool` names the templates folder in $BRIEFING_PRELOAD_TEMPLATES.
"""

import gc
import os
from pathlib import Path

TEMPLATES_VARIABLE = "BRIEFING_PRELOAD_TEMPLATES"


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


if TEMPLATES_VARIABLE in os.environ:
    preload(Path(os.environ[TEMPLATES_VARIABLE]))
