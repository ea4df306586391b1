"""briefing: Japanese and English briefing memos (PDF and Word) from one content file."""

__version__ = "0.2.0"
