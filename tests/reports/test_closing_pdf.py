"""The closing report as a PDF (Qt's QPdfWriter), read back with a PDF text extractor: shop,
till, cashiers, period, totals "17 500 F CFA", cash expected/counted/difference, transfers,
every anomaly with what to do, the provisional banner and the signature boxes, in French and
in English; and it renders from a process that has no Qt application (the CLI)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from backoffice.output.money import format_amount
from backoffice.reports.closing_pdf import render_closing_pdf
from backoffice.services.closing_report import (
    ClosingReport,
    HistorySource,
    action_text,
    kind_text,
    sync_text,
)
from tests.support.closing_sample import sample_report

ROOT = Path(__file__).resolve().parents[2]
SHOP = {"shop_name": "Boutique Adjamé", "shop_address": "Rue 12, Adjamé\nAbidjan"}


def flat(text: str) -> str:
    """Every run of white space (U+202F and U+00A0 included) as one space."""
    return " ".join(text.split())


def pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(str(path))
    return flat(" ".join(page.extract_text() for page in reader.pages)), len(reader.pages)


def render(tmp_path: Path, report: ClosingReport, lang: str, **shop: str) -> tuple[str, int]:
    path = render_closing_pdf(report, tmp_path / f"closing-{lang}.pdf", lang, **(shop or SHOP))
    assert path.read_bytes().startswith(b"%PDF")
    return pdf_text(path)


def money(amount: int, lang: str) -> str:
    return flat(format_amount(amount, "XOF", lang))


def test_french_report_says_everything_a_manager_signs(tmp_path, qapp):
    report = sample_report()
    text, _ = render(tmp_path, report, "fr")
    for piece in ("Boutique Adjamé", "Rue 12, Adjamé", "Abidjan", "Clôture de caisse",
                  "jeudi 3 décembre 2026", "CAISSE1", "Awa Koné, Kofi Mensah",
                  "03/12/2026 00:00 → 04/12/2026 00:00 (Africa/Abidjan)",
                  "par Mariam Traoré", report.closing_id, "Version 2"):
        assert piece in text, piece
    assert "PROVISOIRE" not in text
    assert sync_text(HistorySource.HISTORY, "fr") in text
    # totals per status, operator, currency and cashier, written as money is written here
    assert f"Payés 23 {money(412_500, 'fr')}" in text
    assert f"Refusés 3 {money(36_000, 'fr')}" in text
    assert f"Orange Money 12 {money(215_000, 'fr')}" in text
    assert f"XOF 23 {money(412_500, 'fr')}" in text
    assert f"Awa Koné 14 {money(262_500, 'fr')}" in text
    assert "17 500 F CFA" in text  # the issue's own example
    # cash: expected 20 000 + 142 500 − 10 000, counted 151 000, 1 500 missing
    assert f"Espèces attendues {money(152_500, 'fr')}" in text
    assert f"Espèces comptées {money(151_000, 'fr')}" in text
    assert f"{money(-1_500, 'fr')} (manquant)" in text
    assert f"Ventes en espèces (11) {money(142_500, 'fr')}" in text
    # transfers of the day
    assert f"Effectués 2 {money(150_000, 'fr')}" in text
    # each anomaly with what to do; the payment made outside the till listed apart
    assert "Anomalies (2)" in text and "Paiements hors caisse (1)" in text
    for item in (*report.anomalies, *report.not_in_journal):
        assert item.transaction_id in text
        assert kind_text(item.kind, "fr") in text
        assert flat(action_text(item.action, "fr")) in text
    assert text.index("Paiements hors caisse (1)") < text.index("WEB-88213")
    # the signature boxes
    for piece in ("Le caissier / la caissière", "Le responsable", "Signature :", "Nom :"):
        assert piece in text


def test_english_report(tmp_path, qapp):
    report = sample_report()
    text, _ = render(tmp_path, report, "en")
    for piece in ("Till closing report", "Thursday 3 December 2026", "Cashier(s)",
                  f"Paid 23 {money(412_500, 'en')}", "17,500 F CFA",
                  f"Cash expected {money(152_500, 'en')}",
                  f"{money(-1_500, 'en')} (missing)", "Transfers of the day",
                  "Payments outside the till (1)", "Manager", "Signature:"):
        assert piece in text, piece
    for item in (*report.anomalies, *report.not_in_journal):
        assert kind_text(item.kind, "en") in text
        assert flat(action_text(item.action, "en")) in text
    for french in ("Espèces", "Caisse ", "Anomalie ", "À faire", "Payés", "Signature :"):
        assert french not in text, french


def test_provisional_closing_has_its_banner(tmp_path, qapp):
    text, _ = render(tmp_path, sample_report(provisional=True), "fr")
    assert "CLÔTURE PROVISOIRE" in text
    assert flat(sync_text(HistorySource.UNREACHABLE, "fr")) in text
    assert text.index("CLÔTURE PROVISOIRE") < text.index("Caissier(s)")  # at the top
    english, _ = render(tmp_path, sample_report(provisional=True), "en")
    assert "PROVISIONAL CLOSING" in english


def test_uncounted_cash_and_a_clean_day(tmp_path, qapp):
    report = replace(sample_report(counted=None), anomalies=(), not_in_journal=())
    text, _ = render(tmp_path, report, "fr")
    assert "Espèces comptées non compté" in text
    assert "Aucune anomalie" in text and "Paiements hors caisse" not in text
    assert "manquant" not in text


def test_the_json_round_trip_prints_the_same_report(tmp_path, qapp):
    report = sample_report()
    again = ClosingReport.loads(report.dumps())
    first, _ = render(tmp_path, report, "fr")
    second, _ = pdf_text(render_closing_pdf(again, tmp_path / "again.pdf", "fr", **SHOP))
    assert first.split("édité le")[0] == second.split("édité le")[0]


def test_many_anomalies_run_over_pages_with_a_footer_on_each(tmp_path, qapp):
    base = sample_report()
    many = tuple(replace(base.anomalies[0], transaction_id=f"CPT-LATE-{n:03d}")
                 for n in range(40))
    text, pages = render(tmp_path, replace(base, anomalies=many), "fr")
    assert pages >= 3
    assert f"Page 1 / {pages}" in text and f"Page {pages} / {pages}" in text
    assert all(f"CPT-LATE-{n:03d}" in text for n in range(40))
    assert text.rindex("Le responsable") > text.rindex("CPT-LATE-039")  # signatures last


def test_an_unwritable_place_is_an_oserror(tmp_path, qapp):
    with pytest.raises(OSError):
        render_closing_pdf(sample_report(), tmp_path / "missing" / "x.pdf")


def test_renders_from_a_process_without_a_qt_application(tmp_path):
    """``close-day --pdf`` runs without any Qt application: the renderer makes its own."""
    target = tmp_path / "cli.pdf"
    code = ("import sys; from backoffice.reports.closing_pdf import render_closing_pdf;"
            "from tests.support.closing_sample import sample_report;"
            "from PySide6.QtGui import QGuiApplication;"
            "assert QGuiApplication.instance() is None;"
            f"render_closing_pdf(sample_report(), {str(target)!r}, 'en')")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    text, _ = pdf_text(target)
    assert "Till closing report" in text and "CAISSE1" in text


def test_every_link_outcome_has_words_in_both_languages():
    from backoffice.reports.closing_words import OUTCOMES
    from backoffice.services.outcomes import LinkOutcome

    assert {str(o) for o in LinkOutcome} <= set(OUTCOMES)
    assert all(fr and en for fr, en in OUTCOMES.values())


def test_a_reopened_day_lists_its_reopenings(tmp_path, qapp):
    from backoffice.services.closing_report import Reopening
    from tests.support.closing_sample import at

    report = replace(sample_report(), reopenings=(
        Reopening(at(20, 15), "c-mariam", "vente oubliée"),))
    text, _ = render(tmp_path, report, "fr")
    assert "Réouvertures de la journée" in text
    assert "03/12/2026 20:15 Mariam Traoré vente oubliée" in text
