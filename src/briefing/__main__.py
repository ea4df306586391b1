"""Entry point for `python -m briefing`."""

from briefing.cli import entry

if __name__ == "__main__":  # not when a spawned worker imports it again
    entry()
