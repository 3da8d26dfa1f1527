"""English date formats: Django's own, but times in 24-hour digits. Its "P" writes "5 a.m.", and a sentence
that ends with a time then ends in "a.m.." (issue 17)."""

DATETIME_FORMAT = "N j, Y, H:i"
TIME_FORMAT = "H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
