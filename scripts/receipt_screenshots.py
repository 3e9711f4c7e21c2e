"""Previews of what the till prints, as the thermal printer prints them (80 mm, 576 dots),
plus the Réglages → Imprimante box, offscreen:

    .venv/bin/python scripts/receipt_screenshots.py [OUT_DIR]

Writes ``<lang>-receipt-slip.png``, ``<lang>-receipt.png``, ``fr-receipt-duplicate-58mm.png``
and ``<lang>-settings-printer.png`` to docs/screenshots/ by default. ESC/POS has no renderer:
the same documents (output/receipts.py) are drawn by Qt (printing/qt_paper.py)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from backoffice.output.receipts import Shop, receipt, slip
from backoffice.preferences import Preferences
from backoffice.printing.qt_paper import preview
from backoffice.store.links import LinkRow
from backoffice.store.states import State
from backoffice.ui.i18n import install_translators

AT = datetime(2026, 5, 14, 10, 42, tzinfo=UTC)
SHOP = Shop("Boutique Chez Awa", "Rue des Jardins, Cocody\nAbidjan", "CAISSE-1",
            ZoneInfo("Africa/Abidjan"))
PAID = LinkRow(transaction_id="CPT260514104211A3F9", created_at=AT, updated_at=AT,
               amount=17500, currency="XOF", description="Vente comptoir", request={},
               state=State.FINAL, payment_status="ACCEPTED", status_code="00",
               status_message="SUCCES", payment_token="tok",
               payment_url="https://checkout.cinetpay.com/payment/8c2f5e0b1d7a4c93",
               payment_method="OM_CI", phone="0712345412", attempts=1, last_error=None,
               checked_at=AT, not_before=None, till="CAISSE-1",
               operator_id="MP260514.1042.B71295", accepted_at=AT)
WAITING = LinkRow(**{**PAID.__dict__, "state": State.SENT, "payment_status": "PENDING",
                     "accepted_at": None, "operator_id": None})


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    for lang in ("fr", "en"):
        preview(slip(WAITING, SHOP, lang=lang, valid_minutes=30)).save(
            str(out / f"{lang}-receipt-slip.png"))
        preview(receipt(PAID, SHOP, lang=lang, cashier="Awa Koné")).save(
            str(out / f"{lang}-receipt.png"))
        install_translators(app, lang)
        settings_page(lang).grab().save(str(out / f"{lang}-settings-printer.png"))
    preview(receipt(PAID, SHOP, cashier="Awa Koné", duplicate=True), 58).save(
        str(out / "fr-receipt-duplicate-58mm.png"))
    print(f"written to {out}")


def settings_page(lang: str):
    from backoffice.ui.settings.printer import PrinterPage

    prefs = Preferences(lang=lang, printer="tcp://192.168.1.50:9100", auto_print_slip=True,
                        auto_print_receipt=True)
    ctx = SimpleNamespace(prefs=prefs, lang=lang)  # what the page shows needs no session
    page = PrinterPage(ctx)  # type: ignore[arg-type]
    page.load(prefs)
    page.resize(560, page.sizeHint().height())
    return page


if __name__ == "__main__":
    main()
