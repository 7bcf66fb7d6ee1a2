"""The Excel round trip of one submission: a workbook prefilled with what is saved, and the
upload that reads it back, checks every cell and lists what it would change.

The modules: `layout` (sheets, columns, labels), `saved` (what the workbook shows), `writing`
(the download), `upload` (the file as a whole), `reading` (its cells), `keys` (year,
municipality and task code, shared with the admin import). The limits of the values are in
monitoring/rules.py. Callers import each name from the module that owns it.
"""
