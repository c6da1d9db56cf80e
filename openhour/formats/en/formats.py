"""One way to write dates in English across the site: "6 Dec 2026" and "6 Dec 2026, 14:30" (Django's own English
formats say "Dec. 6, 2026, 2:30 p.m.", which read differently from the pages' explicit formats)."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
