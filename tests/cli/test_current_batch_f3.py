"""comptoir-cli on an sk_ account: a CSV batch's payment-method column ("OM" on a CI
account is OM_CI) goes with each line to CinetPay's current platform."""

from __future__ import annotations

from tests.cli.test_current_kind import cur_cli  # noqa: F401 (fixture)


def test_csv_batch_sends_each_line_with_its_method(cur_cli, sim, tmp_path):  # noqa: F811
    path = tmp_path / "lot.csv"
    path.write_text("prefix,phone,amount,method\n225,0701020304,5000,OM\n"
                    "225,0501020304,3000,MTN_CI\n", encoding="utf-8")
    data = cur_cli.json("transfer", "send", "--csv", str(path), "--yes")
    assert data["sent"] is True
    assert [(x["line"], x["ok"], x["transfer"]["state"]) for x in data["lines"]] == [
        (2, True, "sent"), (3, True, "sent")]
    mine = [t for t in sim.transfers() if t["current"] is not None]
    assert sorted(t["current"]["payment_method"] for t in mine) == ["MTN_CI", "OM_CI"]
    assert sorted(t["amount"] for t in mine) == [3000, 5000]
