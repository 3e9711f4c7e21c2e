"""The reconciling harness recognises every id the product makes, with or without a till tag:
otherwise a soak or crash loop would skip the product's rows and report 0 lost by default."""

from __future__ import annotations

import pytest

from backoffice.services import ids
from harness.reconcile import OURS


@pytest.mark.parametrize("till", ["", "CAISSE-1", "VM", "boutique-principale-2"])
def test_every_generated_id_is_ours(till: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ids, "_till_tag", ids.till_tag(till))
    assert OURS["link"].fullmatch(ids.new_transaction_id())
    assert OURS["transfer"].fullmatch(ids.new_client_transaction_id())


def test_the_demo_shops_ids_are_not_ours() -> None:
    for other in ("VTE-20261203-0297", "CPT123", "TRF2612031200"):
        assert not OURS["link"].fullmatch(other) and not OURS["transfer"].fullmatch(other)
