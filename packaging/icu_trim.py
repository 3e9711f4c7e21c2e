"""A smaller ICU data library for the Linux bundle (used by packaging/comptoir.spec).

PySide6's wheel ships ``libicudata.so.NN``: 32 MB (7.6 MB of the xz .deb), the ICU data of
every locale, legacy converter and break-iterator dictionary. Qt reaches ICU only through
QCollator, QLocale::toUpper/toLower, QTimeZone's display names and QStringConverter's legacy
codecs; Comptoir (French and English) uses none of the latter. This rebuilds the library
with the same SONAME and data symbol (``icudtNN_dat``) but only:

- the root, ``fr*`` and ``en*`` locales in every tree (collation, currencies, languages,
  regions, units, time zones) and every non-locale item (supplemental data, time-zone
  rules, likely subtags, plurals, normalisation, ``ucadata.icu``, ``cnvalias.icu``);
- without: the ``.cnv`` legacy converters (``QStringDecoder("IBM850")`` becomes invalid;
  ESC/POS code pages are encoded by Python), the break-iterator tree ``brkitr/`` (Qt
  breaks text with its own tables), transliteration, spell-out rules (``rbnf/``),
  ``unames.icu`` (character names), ``confusables.cfu`` and the StringPrep profiles.

Tools: ``objcopy``/``objdump``/``nm``/``as``/``ld`` (binutils) and ``icupkg`` (Debian:
icu-devtools; any ICU version reads the common-data format). Returns None, and the spec
keeps the full library, when one is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEEP_LOCALES = ("root", "fr", "en")
DROP_TREES = ("brkitr", "translit", "rbnf")
DROP_SUFFIXES = (".cnv", ".spp", ".cfu")
DROP_NAMES = ("unames.icu",)
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
_TOOLS = ("objcopy", "objdump", "nm", "as", "ld", "icupkg")


def dropped_items(items: list[str], keep_locales: tuple[str, ...] = KEEP_LOCALES) -> list[str]:
    """The package items (``tree/name`` or ``name``) to remove."""
    keep = re.compile(r"^(" + "|".join(keep_locales) + r")(_[A-Za-z0-9]*)*\.res$")
    drop = []
    for item in items:
        tree, _, name = item.rpartition("/")
        if tree in DROP_TREES:
            drop.append(item)
        elif name in ("pool.res", "res_index.res"):
            continue
        elif (name.endswith(DROP_SUFFIXES) or name in DROP_NAMES
              or (_LOCALE.match(name) and not keep.match(name))):  # another language's data
            drop.append(item)
    return drop


def _run(*cmd: str, cwd: Path | None = None) -> str:
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, text=True).stdout


def trimmed_icudata(library: Path, workdir: Path) -> Path | None:
    """Build the trimmed copy of ``library`` (``libicudata.so.NN``) in ``workdir``."""
    missing = [tool for tool in _TOOLS if shutil.which(tool) is None]
    if missing:
        print(f"icu_trim: {', '.join(missing)} missing (apt-get install binutils icu-devtools): "
              "the full ICU data is bundled")
        return None
    symbols = [line.split() for line in _run("nm", "-D", "-S", "--defined-only",
                                             str(library)).splitlines()]
    data = [s for s in symbols if len(s) == 4 and re.fullmatch(r"icudt\d+_dat", s[3])]
    if len(data) != 1:
        print(f"icu_trim: no single icudtNN_dat symbol in {library}: full ICU data bundled")
        return None
    address, size, symbol = int(data[0][0], 16), int(data[0][1], 16), data[0][3]
    package = symbol[:-len("_dat")] + "l"  # icudt73l: little-endian, ASCII
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    rodata = workdir / "rodata.bin"
    _run("objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(rodata))
    start = address - _section_address(library, ".rodata")
    full = workdir / "full" / f"{package}.dat"
    full.parent.mkdir()
    full.write_bytes(rodata.read_bytes()[start:start + size])
    items = _run("icupkg", "-l", str(full)).split()
    (workdir / "drop.txt").write_text("\n".join(dropped_items(items)) + "\n", encoding="utf-8")
    small = workdir / f"{package}.dat"
    _run("icupkg", "-r", str(workdir / "drop.txt"), str(full), str(small))
    (workdir / "icudata.s").write_text(
        "    .section .rodata\n"
        f"    .globl {symbol}\n"
        f"    .type {symbol}, @object\n"
        "    .balign 16\n"
        f"{symbol}:\n"
        f'    .incbin "{small.name}"\n'
        f"    .size {symbol}, . - {symbol}\n"
        '    .section .note.GNU-stack,"",@progbits\n', encoding="utf-8")
    _run("as", "-o", "icudata.o", "icudata.s", cwd=workdir)
    out = workdir / library.name
    _run("ld", "-shared", "-soname", library.name, "-o", out.name, "icudata.o", cwd=workdir)
    print(f"icu_trim: {library.name} {library.stat().st_size / 1e6:.1f} MB -> "
          f"{out.stat().st_size / 1e6:.1f} MB ({len(items) - len(dropped_items(items))} of "
          f"{len(items)} items kept)")
    return out


def _section_address(library: Path, section: str) -> int:
    for line in _run("objdump", "-h", str(library)).splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[1] == section:
            return int(parts[3], 16)  # VMA
    raise ValueError(f"no {section} section in {library}")
