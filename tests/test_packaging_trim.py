"""The Linux bundle's ICU data keeps only root, fr and en (packaging/icu_trim.py, issue 18's
.deb size): what is kept, and Qt still collating, formatting money and naming time zones in
French with the trimmed library (the frozen build's own checks are in packaging/smoke-test.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import icu_trim  # noqa: E402

ITEMS = [
    "root.res", "fr.res", "fr_CI.res", "en.res", "en_US_POSIX.res", "de.res", "de_CH.res",
    "pool.res", "res_index.res", "likelySubtags.res", "zoneinfo64.res", "metaZones.res",
    "supplementalData.res", "cnvalias.icu", "uemoji.icu", "nfkc.nrm", "unames.icu",
    "confusables.cfu", "rfc3491.spp", "ibm-850_P100-1995.cnv",
    "coll/root.res", "coll/fr.res", "coll/fr_CA.res", "coll/de.res", "coll/de_.res",
    "coll/ucadata.icu", "coll/pool.res", "coll/res_index.res",
    "zone/fr.res", "zone/ja.res", "curr/fr_CI.res", "curr/zh_Hant.res",
    "brkitr/root.res", "brkitr/line.brk", "brkitr/thaidict.dict",
    "translit/root.res", "rbnf/fr.res",
]


def test_only_root_french_english_and_the_non_locale_data_are_kept():
    dropped = set(icu_trim.dropped_items(ITEMS))
    kept = set(ITEMS) - dropped
    assert kept == {
        "root.res", "fr.res", "fr_CI.res", "en.res", "en_US_POSIX.res", "pool.res",
        "res_index.res", "likelySubtags.res", "zoneinfo64.res", "metaZones.res",
        "supplementalData.res", "cnvalias.icu", "uemoji.icu", "nfkc.nrm",
        "coll/root.res", "coll/fr.res", "coll/fr_CA.res", "coll/ucadata.icu", "coll/pool.res",
        "coll/res_index.res", "zone/fr.res", "curr/fr_CI.res"}


def _icudata() -> Path:
    from PySide6 import QtCore

    found = sorted((Path(QtCore.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not sys.platform.startswith("linux") or not found:
        pytest.skip("PySide6 ships ICU on Linux only")
    missing = [tool for tool in icu_trim._TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} missing (apt-get install binutils icu-devtools)")
    return found[0]


QT_CHECK = """
import functools
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
words = ["zèbre", "Été", "eta", "étage", "Ça", "cote", "côte", "coté", "abc"]
c = QCollator(QLocale("fr_CI"))
print(sorted(words, key=functools.cmp_to_key(c.compare)))
print(QLocale("fr_CI").toCurrencyString(25000, "F\\u202fCFA").encode("unicode_escape"))
print(QLocale("fr_CI").toUpper("reçu payé"))
tz = QTimeZone(b"Africa/Abidjan")
print(tz.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale("fr_FR")))
print("IBM850", QStringDecoder("IBM850").isValid())
"""


def test_qt_still_collates_and_formats_in_french_with_the_trimmed_library(tmp_path):
    library = _icudata()
    small = icu_trim.trimmed_icudata(library, tmp_path / "icu")
    assert small is not None and small.name == library.name
    assert small.stat().st_size < library.stat().st_size / 5

    def run(preload: Path | None) -> list[str]:
        env = dict(os.environ)
        if preload:
            env["LD_PRELOAD"] = str(preload)  # same SONAME: Qt's ICU takes this one
        done = subprocess.run([sys.executable, "-c", QT_CHECK], env=env, capture_output=True,
                              text=True, timeout=60, check=True)
        return done.stdout.splitlines()

    full, trimmed = run(None), run(small)
    assert trimmed[0] == "['abc', 'Ça', 'cote', 'coté', 'côte', 'eta', 'étage', 'Été', 'zèbre']"
    assert trimmed[1] == r"b'25\\u202f000\\xa0F\\u202fCFA'"
    assert trimmed[2] == "REÇU PAYÉ"
    assert trimmed[3] == full[3] and "Greenwich" in trimmed[3]  # French, from zone/fr.res
    # The one thing given up: Qt's legacy codecs (ESC/POS code pages are Python's codecs).
    assert full[4] == "IBM850 True" and trimmed[4] == "IBM850 False"


def test_without_icupkg_the_full_library_is_kept(tmp_path, monkeypatch, capsys):
    real_which = shutil.which
    monkeypatch.setattr(icu_trim.shutil, "which",
                        lambda tool: None if tool == "icupkg" else real_which(tool))
    assert icu_trim.trimmed_icudata(tmp_path / "libicudata.so.73", tmp_path / "icu") is None
    assert "icupkg missing" in capsys.readouterr().out
    assert not (tmp_path / "icu").exists()
