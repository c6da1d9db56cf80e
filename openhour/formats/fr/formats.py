"""One way to write dates in French across the site, as the English module does: "6 déc. 2026" and
"6 déc. 2026, 14:30" (`N` is the abbreviated month as the French write it: "janv.", "mai", "déc.")."""

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j N Y, H:i"
SHORT_DATE_FORMAT = "j N Y"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j N"
YEAR_MONTH_FORMAT = "N Y"
