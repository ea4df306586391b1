"""`briefing compare`: a 新旧対照表 (PDF and Word) and a Word redline between two versions of a memo."""
