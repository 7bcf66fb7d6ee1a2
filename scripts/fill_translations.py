"""Fill msgstr entries of a .po file from a Python dict module (a translator's helper).

Usage: python scripts/fill_translations.py locale/lv/LC_MESSAGES/django.po TRANSLATIONS.py
The module defines LV = {msgid: msgstr} and PLURALS = {msgid: [form0, form1, form2]}.
Translated entries are kept; empty and fuzzy ones are filled; the ones still open are listed.
"""

import runpy
import sys

import polib


def main(po_path: str, module_path: str) -> None:
    module = runpy.run_path(module_path)
    singular, plurals = module.get("LV", {}), module.get("PLURALS", {})
    po = polib.pofile(po_path)
    for entry in po:
        # Empty and fuzzy (guessed by makemessages) entries take the given translation.
        open_entry = "fuzzy" in entry.flags or not (
            entry.msgstr or any(entry.msgstr_plural.values())
        )
        if not open_entry:
            continue
        if entry.msgid_plural and entry.msgid in plurals:
            entry.msgstr_plural = dict(enumerate(plurals[entry.msgid]))
        elif entry.msgid in singular:
            entry.msgstr = singular[entry.msgid]
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    po.save()
    for entry in po.untranslated_entries() + po.fuzzy_entries():
        print("open:", entry.msgid)


if __name__ == "__main__":
    main(*sys.argv[1:])
