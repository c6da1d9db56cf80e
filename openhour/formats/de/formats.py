"""One way to write dates in German across the site, as the English module does: "6. Dez. 2026" and
"6. Dez. 2026, 14:30" (`N` is the abbreviated month as Germans write it: "Jan.", "Mai", "Dez.")."""

DATE_FORMAT = "j. N Y"
DATETIME_FORMAT = "j. N Y, H:i"
SHORT_DATE_FORMAT = "j. N Y"
SHORT_DATETIME_FORMAT = "j. N Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j. N"
YEAR_MONTH_FORMAT = "N Y"
