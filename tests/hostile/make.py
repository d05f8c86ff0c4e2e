#!/usr/bin/env python3
"""Writes the stored cases of the hostile corpus (tests/hostile/files/)
from the reference draft. Run it again after changing a case; the table of
expected results is tests/hostile/cases.tsv, kept by hand. Cases too big or
too special to store (over the size cap, a FIFO, /dev/zero, 100 000 nested
lists, huge lists, a hostile file name) are made by tests/hostile.rs.
The cases are made from the reference as it is now: the stored ones were
made from it as it was then, and tests/hostile.rs checks the stored ones."""

import copy
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
FILES = HERE / "files"
REFERENCE = json.loads((HERE.parent.parent / "examples" / "convention-meae-dinum-2022.json").read_text("utf-8"))


def text(draft):
    return json.dumps(draft, ensure_ascii=False, indent=2) + "\n"


def mutate(change):
    draft = copy.deepcopy(REFERENCE)
    change(draft)
    return text(draft)


# Every case is made first, then written: a case that fails to be made
# leaves the stored corpus as it was.
MADE = {}


def put(name, content):
    MADE[name] = content.encode("utf-8") if isinstance(content, str) else content


def setter(*path_and_value):
    *path, value = path_and_value

    def change(draft):
        node = draft
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def remover(*path):
    def change(draft):
        node = draft
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


ref = text(REFERENCE)

# Not a draft at all.
put("empty.json", "")
put("spaces.json", "  \n\t\n")
put("truncated.json", ref[: len(ref) // 2])
put("truncated-in-string.json", ref[: ref.index("Ministère") + 4])
put("binary.bin", bytes(range(256)) * 4)
put("word.docx", b"PK\x03\x04" + bytes(100))
put("document.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
put("nul-inside.json", ref.replace("Paris", "Pa\u0000ris", 1))
put("null.json", "null")
put("number.json", "42")
put("array.json", "[]")
put("object-empty.json", "{}")
put("single-quotes.json", ref.replace('"format_version"', "'format_version'"))
put("trailing-comma.json", ref.replace('"notice_months": 3,', '"notice_months": 3,,'))
put("missing-comma.json", ref.replace('"notice_months": 3,', '"notice_months": 3'))
put("trailing-garbage.json", ref + "x")
put("two-documents.json", ref + ref)
put("comment.json", "// brouillon\n" + ref)
put("lone-surrogate.json", ref.replace('"Paris"', '"\\ud800"', 1))
put("short-hex-escape.json", ref.replace('"Paris"', '"\\ud8"', 1))
put("bad-escape.json", ref.replace('"Paris"', '"\\q"', 1))
put("raw-newline-in-string.json", ref.replace('"Paris"', '"Pa\nris"', 1))
put("deep-nesting.json", ref.replace('"end_date": "2022-12-31"', '"end_date": ' + "[" * 300 + "]" * 300, 1))
put("nesting-in-wrong-place.json", '{"format_version": 2, "title": ' + "[" * 300 + "]" * 300 + "}")

# Encodings.
put("bom-utf8.json", b"\xef\xbb\xbf" + ref.encode("utf-8"))
put("crlf.json", ref.replace("\n", "\r\n"))
put("utf16le-bom.json", b"\xff\xfe" + ref.encode("utf-16-le"))
put("utf16be.json", ref.encode("utf-16-be"))
put("utf32le.json", ref.encode("utf-32-le"))
# The bullets « ● » of the reference have no place in Windows-1252: the
# case is a Latin-1 file, so they become hyphens first.
put("latin1.json", ref.replace("●", "-").encode("cp1252"))

# Well-formed JSON, wrong shape.
put("newer-version.json", mutate(setter("format_version", 99)))
put("version-zero.json", mutate(setter("format_version", 0)))
put("no-version.json", mutate(remover("format_version")))
put("unknown-field.json", mutate(setter("titre", "x")))
put("unknown-nested-field.json", mutate(setter("delegant", "nom", "x")))
put("duplicate-key.json", ref.replace('"title":', '"title": "doublon",\n  "title":', 1))
put("duplicate-nested-key.json", ref.replace('"year": 2022,', '"year": 2022, "year": 2022,', 1))
put("unknown-gender.json", mutate(setter("delegant", "gender", "x")))
put("root-array.json", "[" + ref + "]")
put("type-title.json", mutate(setter("title", 42)))
put("type-delegant.json", mutate(setter("delegant", "MEAE")))
put("type-representative.json", mutate(setter("delegant", "representative", ["M. X", "Directeur"])))
put("type-visas.json", mutate(setter("visas", "un visa")))
put("type-visa.json", mutate(setter("visas", 0, {"texte": "x"})))
put("type-budget.json", mutate(setter("budget", [])))
put("type-schedule.json", mutate(setter("budget", "schedule", {"2022": "1.00"})))
put("type-schedule-row.json", mutate(setter("budget", "schedule", 0, [2022, "1.00", "1.00"])))
put("type-year.json", mutate(setter("budget", "schedule", 0, "year", "2022")))
put("type-ae.json", mutate(setter("budget", "schedule", 0, "ae", True)))
put("type-hors-titre-2.json", mutate(setter("budget", "hors_titre_2", "oui")))
put("type-rgpd-row.json", mutate(setter("rgpd_matrix", 0, 7)))
put("type-notice.json", mutate(setter("notice_months", "trois")))
put("negative-notice.json", mutate(setter("notice_months", -3)))
put("float-notice.json", mutate(setter("notice_months", 3.5)))
put("huge-notice.json", ref.replace('"notice_months": 3', '"notice_months": 1e400', 1))
put("type-signature.json", mutate(setter("signature", "Paris, le 19 mai 2022")))
put("type-end-date.json", mutate(setter("end_date", 20221231)))
put("type-review.json", mutate(setter("review", [])))
put("review-date-number.json", mutate(setter("review", {"comments": [{"id": "c1", "about": "title", "author": "A", "date": 1, "text": "t"}]})))
put("review-date-no-zone.json", mutate(setter("review", {"comments": [{"id": "c1", "about": "title", "author": "A", "date": "2022-05-19T10:00:00", "text": "t"}]})))
put("review-same-ids.json", mutate(setter("review", {"comments": [{"id": "c1", "about": "title", "author": "A", "date": "2022-05-19T10:00:00Z", "text": "t"}] * 2})))
put("review-about-nothing.json", mutate(setter("review", {"comments": [{"id": "c1", "about": "budget.nope", "author": "A", "date": "2022-05-19T10:00:00Z", "text": "t"}]})))

# Odd amounts.
put("amount-exponent.json", ref.replace('"ae": "30000.00"', '"ae": 3e4', 1))
put("amount-three-decimals.json", mutate(setter("budget", "schedule", 0, "ae", "30000.001")))
put("amount-french-comma.json", mutate(setter("budget", "schedule", 0, "ae", "30 000,00")))
put("amount-over-type-limit.json", mutate(setter("budget", "schedule", 0, "ae", "99999999999999999999")))
put("amount-nan.json", mutate(setter("budget", "schedule", 0, "ae", "NaN")))
put("amount-negative.json", mutate(setter("budget", "schedule", 0, "ae", "-30000.00")))
put("amount-over-cap.json", mutate(lambda d: d["budget"].update(schedule=[{"year": 2022, "ae": "999999999999.99", "cp": "999999999999.99"}])))
put("amount-number.json", ref.replace('"ae": "30000.00"', '"ae": 30000', 1).replace('"cp": "30000.00"', '"cp": 30000.0', 1))

# Odd dates.
put("date-impossible.json", mutate(setter("signature", "date", "2022-02-30")))
put("date-french.json", mutate(setter("signature", "date", "19/05/2022")))
put("date-year-zero.json", mutate(setter("signature", "date", "0000-05-19")))
put("date-far-future.json", mutate(setter("end_date", "2999-12-31")))
put("date-before-2000.json", mutate(setter("signature", "date", "1999-05-19")))
put("date-with-time.json", mutate(setter("end_date", "2022-12-31T00:00:00Z")))

# Text that must stay text: control and bidirectional characters, XML, PDF
# and template specials.
put("control-characters.json", mutate(setter("title", "Convention\u001b[2J\u001b[31m rouge\u0007\u0008\u007f\u009b")))
put("bidi.json", mutate(setter("delegant", "short_name", "MEAE\u202egnp.exe\u202c\u2066\u200f")))
put("forged-line.json", mutate(setter("object", "purpose", "x\nconvention.json: ok: 0 erreur\r\n")))
put("xml-specials.json", mutate(setter("title", "</w:t></w:r><w:r><w:t>]]>&amp;<!-- --><?xml?>\"'<script>")))
put("pdf-specials.json", mutate(setter("title", "(\\) %%EOF endstream endobj /Type /Catalog \u0000".replace("\u0000", ""))))
put("template-specials.json", mutate(setter("title", "{{ 7 * 7 }} {% include 'convention.md.j2' %} {# x #}")))
put("markup-specials.json", mutate(setter("object", "purpose", "**gras *italique [lien](javascript:x) # titre\n\n| a | b |\n|---|\n`code`")))
put("emoji-and-scripts.json", mutate(setter("title", "Convention 🇫🇷 عربى עברית Ελληνικά Кириллица 中文")))
put("long-word.json", mutate(setter("title", "A" * 20000)))

# Messages that stay readable: a long value is cut, an invisible character
# named by its code, a number out of its field's range said so, the place of
# the version and of a date inside an object given.
put("number-long-int.json", ref.replace('"ae": "30000.00"', '"ae": "' + "1" * 100000 + '"', 1))
put("unknown-field-long-name.json", mutate(setter("x" * 5000, 1)))
put("bom-mid-file.json", ref.replace('{\n  "', '{\n\ufeff  "', 1))
put("nbsp-as-space.json", ref.replace('{\n  "', '{\n\u00a0 "', 1))
put("year-over-u32.json", ref.replace('"year": 2022', '"year": 4294967296', 1))
put("version-text.json", mutate(setter("format_version", "3")))
put("signature-date-in-object.json", mutate(setter("signature", "date", "+2022-05-19")))
put("review-about-article-99.json", mutate(setter("review", {"comments": [{"id": "c1", "about": "Article 99", "author": "A", "date": "2022-05-19T10:00:00Z", "text": "t"}]})))
put("review-about-row-beyond.json", mutate(setter("review", {"comments": [{"id": "c1", "about": "rgpd_matrix[500].delegant", "author": "A", "date": "2022-05-19T10:00:00Z", "text": "t"}]})))
put("visas-over-plausible.json", mutate(setter("visas", ["le décret n° %d" % i for i in range(101)])))

# Only the cases made here are written: the ones stored by hand
# (typed-controls-everywhere.json, import-c1-bidi.docx) are kept.
FILES.mkdir(exist_ok=True)
for name, data in MADE.items():
    (FILES / name).write_bytes(data)
