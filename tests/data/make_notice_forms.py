#!/usr/bin/python3
"""Writes notice_forms.json: two short notices of our own, French and English,
in several encodings, with the values a reader must give, worked out by hand
from the texts below (never by running natopost). Run it again after editing:

    /usr/bin/python3 tests/data/make_notice_forms.py
"""
import json
import os

FRENCH = ("Intitul\u00e9 du poste : Officier, Planification\n"
          "Traitement : 7 563,38 EUR par mois, net d\u2019imp\u00f4t\n"
          "R\u00c9SUM\u00c9\n"
          "La Section Planification appuie la planification des exercices de l'Alliance et les "
          "travaux des commandements avec les pays.\n"
          "QUALIFICATIONS ET EXP\u00c9RIENCE\n"
          "ESSENTIEL\n"
          "- avoir au moins trois ans d'exp\u00e9rience dans la planification de d\u00e9fense ;\n"
          "- dans les langues officielles de l'OTAN : niveau V (\u00ab Avanc\u00e9 \u00bb) dans "
          "l'une; II (\u00ab \u00c9l\u00e9mentaire \u00bb) dans l'autre.\n")
ENGLISH = ("Job Title: Officer, Planning\n"
           "SUMMARY\n"
           "The Planning Section supports the planning of the exercises of the Alliance and the "
           "work of the commands with the nations.\n"
           "QUALIFICATIONS AND EXPERIENCE\n"
           "- have at least three years of experience in defence planning;\n"
           "- in NATO's official languages: V (\"Advanced\") in one; II (\"Elementary\") in the "
           "other.\n")

FR_VALUES = {"language": "fr", "title": "Officier, Planification", "fast_track": None,
             "tax_free": True, "experience": 3, "lang_first": "V", "lang_second": "II"}
EN_VALUES = {"language": "en", "title": "Officer, Planning", "fast_track": None,
             "tax_free": None, "experience": 3, "lang_first": "V", "lang_second": "II"}


def case(name, data, encoding, values):
    return {"name": name, "hex": data.hex(), "encoding": encoding, **values}


CASES = {
    "about": "Notices in French and in English, in several encodings, read alike by the Python "
             "and Lua bindings (issue 13, items 3, 4 and 6). Each case gives the notice's bytes "
             "in hex, the encoding the reader's diagnostic must name (null: none, the text is "
             "UTF-8) and the values expected: language, title, fast_track and salary.tax_free "
             "(null: the notice does not say), the essential experience in years and the two "
             "levels of the either/or language requirement. Written by make_notice_forms.py.",
    "cases": [
        case("French, UTF-8", FRENCH.encode(), None, FR_VALUES),
        case("French, Windows-1252", FRENCH.encode("cp1252"), "Windows-1252", FR_VALUES),
        case("French, UTF-16LE with a byte order mark", b"\xff\xfe" + FRENCH.encode("utf-16-le"),
             "UTF-16LE", FR_VALUES),
        case("English, UTF-16BE with a byte order mark", b"\xfe\xff" + ENGLISH.encode("utf-16-be"),
             "UTF-16BE", EN_VALUES),
        case("English, UTF-8", ENGLISH.encode(), None, EN_VALUES),
    ],
}

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notice_forms.json")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(CASES, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(CASES['cases'])} cases to {out}")
