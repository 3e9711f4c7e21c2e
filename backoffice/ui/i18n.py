"""Translations: Qt's own system (``self.tr`` / ``QCoreApplication.translate``), French source
strings, English in ``resources/translations/comptoir_en.ts``.

* ``install_translators(app, lang)`` swaps the application's translators: Comptoir's
  ``comptoir_<lang>.qm`` and Qt's ``qtbase_<lang>.qm`` (standard buttons, calendar popup,
  file dialog). French needs no Comptoir translation except the plural forms, kept in
  ``comptoir_fr.ts`` (``lupdate -pluralonly``).
* ``compile_translations()`` runs ``lrelease`` on every ``*.ts`` (scripts/setup calls it; the
  ``.qm`` files are build products, not committed). A checkout where they were never built
  compiles them on first use.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resources import resource_path

if TYPE_CHECKING:  # the .ts tools below import what they use: the app only loads a .qm
    import xml.etree.ElementTree as ET

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
DOMAIN = "comptoir"

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def normalize_lang(lang: str | None) -> str:
    lang = (lang or "fr").strip().lower()[:2]
    return lang if lang in LANGUAGES else "fr"


def _lrelease() -> str | None:
    import shutil

    try:
        import PySide6

        exe = Path(PySide6.__file__).resolve().parent / (
            "lrelease.exe" if sys.platform == "win32" else "lrelease")
        if exe.exists():
            return str(exe)
    except ImportError:  # pragma: no cover
        pass
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_translations(directory: Path | None = None, *, only_missing: bool = False
                         ) -> list[Path]:
    """``lrelease`` every ``*.ts`` of ``directory`` into a ``.qm`` next to it; returns the
    ``.qm`` files written. Raises ``RuntimeError`` when lrelease is missing or fails."""
    import subprocess

    directory = directory or translations_dir()
    written: list[Path] = []
    sources = sorted(directory.glob("*.ts"))
    if not sources:
        return written
    exe = _lrelease()
    if exe is None:
        raise RuntimeError("pyside6-lrelease not found (pip install PySide6-Essentials)")
    for ts in sources:
        qm = ts.with_suffix(".qm")
        if only_missing and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        done = subprocess.run([exe, "-silent", str(ts), "-qm", str(qm)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0 or not qm.exists():
            raise RuntimeError(f"lrelease failed on {ts.name}: {done.stderr.strip()}")
        written.append(qm)
    return written


_HELPER_RE = re.compile(
    r"def tr\([^)]*\)[^:]*:\s*(?:\"\"\".*?\"\"\"\s*)?return\s+QCoreApplication\.translate\("
    r"\s*[\"']([^\"']+)[\"']", re.S)


def _helper_context(source: Path) -> str | None:
    """The context of a module-level ``tr(text)`` helper in ``source``, if it has one."""
    try:
        match = _HELPER_RE.search(source.read_text(encoding="utf-8"))
    except OSError:
        return None
    return match.group(1) if match else None


def assign_module_contexts(ts: Path) -> int:
    """lupdate files the calls of a module-level ``tr("…")`` helper under an empty context,
    while the helper translates with its own context (``QCoreApplication.translate("labels",
    …)``). Move each such message to its helper's context (keeping any translation already
    made there), then drop the line locations (stable diffs). Returns the messages moved."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {(c.findtext("name") or ""): c for c in root.findall("context")}
    moved = 0
    empty = contexts.get("")
    if empty is not None:
        for message in empty.findall("message"):
            files = {loc.get("filename", "") for loc in message.findall("location")}
            targets = {_helper_context((ts.parent / f).resolve()) for f in files if f}
            targets.discard(None)
            if not targets:
                continue
            for name in sorted(t for t in targets if t):
                context = contexts.get(name)
                if context is None:
                    context = ET.SubElement(root, "context")
                    ET.SubElement(context, "name").text = name
                    contexts[name] = context
                _merge(context, message)
            empty.remove(message)
            moved += 1
        if not empty.findall("message"):
            root.remove(empty)
    for message in root.iter("message"):
        for location in message.findall("location"):
            message.remove(location)
    root[:] = sorted(root.findall("context"), key=lambda c: c.findtext("name") or "")
    _write_ts(tree, ts)
    return moved


def _merge(context: ET.Element, message: ET.Element) -> None:
    import copy

    source = message.findtext("source")
    numerus = message.get("numerus")
    for existing in context.findall("message"):
        if existing.findtext("source") == source and existing.get("numerus") == numerus:
            translation = existing.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                done = (translation.text or "").strip() or any(
                    (f.text or "").strip() for f in translation.findall("numerusform"))
                if done:
                    del translation.attrib["type"]
                else:
                    translation.set("type", "unfinished")
            return
    context.append(copy.deepcopy(message))


def carry_over_translations(ts: Path) -> int:
    """Code moved between classes changes its ``tr()`` context: lupdate then files the
    message anew (unfinished, sometimes with a guessed text) and keeps the old one as
    vanished. Take the translation of a finished or vanished message with the same source
    text (and numerus) for each unfinished one, then drop the vanished and obsolete ones.
    Returns how many messages were filled."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    root = tree.getroot()
    known = _finished_by_source(root)
    filled = 0
    for context in root.findall("context"):
        for message in context.findall("message"):
            translation = message.find("translation")
            kind = None if translation is None else translation.get("type")
            if kind in ("vanished", "obsolete"):
                context.remove(message)
            elif kind == "unfinished":  # lupdate may have guessed a text: exact source wins
                filled += _fill(message, known)
        if not context.findall("message"):
            root.remove(context)
    _write_ts(tree, ts)
    return filled


Key = tuple[str, str | None]  # (source text, numerus)


def _finished_by_source(root: ET.Element) -> dict[Key, ET.Element]:
    """The translations made so far (finished, or vanished with a text), by source."""
    known: dict[Key, ET.Element] = {}
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") != "unfinished" \
                and _translated(translation):
            key = (message.findtext("source") or "", message.get("numerus"))
            if key not in known or translation.get("type") is None:
                known[key] = translation
    return known


def _fill(message: ET.Element, known: dict[Key, ET.Element]) -> int:
    import copy

    found = known.get((message.findtext("source") or "", message.get("numerus")))
    translation = message.find("translation")
    if found is None or translation is None:
        return 0
    message.remove(translation)
    done = copy.deepcopy(found)
    done.attrib.pop("type", None)
    message.append(done)
    return 1


def _write_ts(tree: ET.ElementTree[ET.Element], ts: Path) -> None:
    import xml.etree.ElementTree as ET

    ET.indent(tree, "    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n',
                  encoding="utf-8")


def _translated(translation: ET.Element) -> bool:
    return bool((translation.text or "").strip()) or any(
        (f.text or "").strip() for f in translation.findall("numerusform"))


def _ensure_compiled(lang: str) -> None:
    """A source checkout where scripts/setup was not run: build the .qm on the fly."""
    ts = translations_dir() / f"{DOMAIN}_{lang}.ts"
    qm = ts.with_suffix(".qm")
    if ts.exists() and (not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime):
        try:
            compile_translations(only_missing=True)
        except (OSError, RuntimeError) as exc:
            log.warning("cannot compile translations: %s", exc)


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Replace the translators installed by a previous call with those for ``lang``;
    returns the ones loaded (an empty list is fine for French: sources are French)."""
    from .kit.formatting import locale_for  # decimal and money: not before the first paint

    lang = normalize_lang(lang)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(locale_for(lang))
    _ensure_compiled(lang)
    ours = QTranslator(app)
    if ours.load(QLocale(locale_for(lang)), DOMAIN, "_", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    elif lang != "fr":
        log.warning("no %s translation found in %s", lang, translations_dir())
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return list(_installed)


def current_translators() -> list[QTranslator]:
    return list(_installed)
