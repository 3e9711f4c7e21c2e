"""Excel's "Unicode text" export (UTF-16 with a BOM, tab-separated) imports like the other CSVs,
contacts and transfers alike."""

from __future__ import annotations

import codecs

import pytest

from backoffice.output.csvfiles import parse_contacts, parse_transfers

TRANSFERS = "Indicatif\tTéléphone\tMontant\r\n225\t07 01 02 03 04\t25 000\r\n" \
            "221\t0700000001\t1.500\r\n225\t0701020305\t1500.000\r\n"
CONTACTS = "Indicatif\tTéléphone\tNom\tPrénom\tE-mail\r\n" \
           "225\t0701020304\tKoné\tAïcha\taicha@example.ci\r\n" \
           "221\t0700000001\tDiop, fils\tMamadou\t\r\n"


def excel_unicode_text(text: str, encoding: str = "utf-16") -> bytes:
    return text.encode(encoding)  # "utf-16": BOM then little-endian, as Excel writes it


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_transfers_from_excel_unicode_text(encoding):
    raw = excel_unicode_text(TRANSFERS, encoding)
    if encoding == "utf-16":
        assert raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    lines = parse_transfers(raw).lines
    assert [(r.line, r.ok) for r in lines] == [(2, True), (3, True), (4, False)]
    assert [r.values["amount"] for r in lines[:2]] == ["25000", "1500"]
    assert lines[0].values["phone"] == "0701020304"
    assert lines[2].field == "amount"  # "1500.000" is ambiguous: refused, not 1 500 000


def test_contacts_from_excel_unicode_text_keep_accents_and_commas():
    parsed = parse_contacts(excel_unicode_text(CONTACTS))
    assert [r.ok for r in parsed.lines] == [True, True]
    first, second = parsed.lines
    assert (first.values["name"], first.values["surname"]) == ("Koné", "Aïcha")
    assert second.values["name"] == "Diop, fils"  # a comma in a tab-separated cell is text


def test_semicolon_and_comma_files_are_read_as_before():
    for sep in (";", ","):
        raw = TRANSFERS.replace("\t", sep).replace("25 000", "25000").encode("utf-8-sig")
        assert [r.ok for r in parse_transfers(raw).lines][:1] == [True]
