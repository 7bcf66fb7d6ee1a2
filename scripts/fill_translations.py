"""Fill msgstr entries of a .po file from a Python dict module (a translator's helper).

Usage: python scripts/fill_translations.py locale/lv/LC_MESSAGES/django.po TRANSLATIONS.py
The module defines LV = {msgid: msgstr} and PLURALS = {msgid: [form0, form1, form2]}.
Entries already translated are kept; the ones still empty are listed.
"""

import runpy
import sys

import polib


def main(po_path: str, module_path: str) -> None:
    module = runpy.run_path(module_path)
    singular, plurals = module.get("LV", {}), module.get("PLURALS", {})
    po = polib.pofile(po_path)
    for entry in po:
        if entry.msgid_plural:
            forms = plurals.get(entry.msgid)
            if forms and not any(entry.msgstr_plural.values()):
                entry.msgstr_plural = dict(enumerate(forms))
        elif not entry.msgstr and entry.msgid in singular:
            entry.msgstr = singular[entry.msgid]
        if "fuzzy" in entry.flags and (entry.msgstr or any(entry.msgstr_plural.values())):
            entry.flags.remove("fuzzy")
    po.save()
    for entry in po.untranslated_entries():
        print("untranslated:", entry.msgid)


if __name__ == "__main__":
    main(*sys.argv[1:])
