"""Reads (balance, history, contacts) that fail never speak like a money operation: nothing
can have been done at CinetPay, so "try again", never "nothing was sent" or "may have gone
through" (issue 17)."""

from __future__ import annotations

import pytest

from tests.support.cli import Cli

MONEY_WORDS = ("rien n'a été envoyé", "peut-être passée", "nothing was sent",
               "may have gone through")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_offline_reads_say_try_again(cli: Cli, lang):
    cli.ok("balance")  # a cache, so the offline balance is shown stale with a warning
    cli.offline()
    env = {"COMPTOIR_LANG": lang}
    said = []
    for command in (("balance",), ("history", "--limit", "1"),
                    ("contact", "list", "--refresh")):
        done = cli.run(*command, env=env)
        said.append(done.stdout + done.stderr)
    said.append(str(cli.json("balance", env=env)["error"]))
    text = "\n".join(said)
    assert ("injoignable" if lang == "fr" else "unreachable") in text
    assert ("réessayez" if lang == "fr" else "try again") in text
    for words in MONEY_WORDS:
        assert words not in text
