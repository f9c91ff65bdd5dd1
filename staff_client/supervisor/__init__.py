"""The supervisor's (站长) pages: staff, windows, queue rules, catalog, calendar, reports."""
