"""The Japanese eras a date may be written in, newest first: content is checked against them, views write them."""

from __future__ import annotations

import datetime as dt

# Babel has no Japanese calendar, so the eras are a table.
ERAS = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
)
