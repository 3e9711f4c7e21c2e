"""The Linux installer's figures: download size, installed size, start-up time of the INSTALLED
build. Prints figures, asserts nothing.

    .venv/bin/python bench/installer.py [--deb dist/comptoir_X_amd64.deb] [--runs 5] [--xcb]
                                        [--binary /usr/bin/comptoir] [--source]

* sizes: the .deb (what staff download), the Installed-Size it declares, and the one-folder
  build on disk (bytes and files);
* start-up: each run launches the build as a user does (``comptoir --demo``: training mode,
  in-process simulator, fresh training journal) with ``COMPTOIR_BENCH_FIRST_PAINT=1``; the app
  prints ``first_paint_ms=…`` when the window's tabs are first painted, then quits cleanly.
  Measured: wall time from ``Popen`` to that line (the whole launch: bootloader, unpacking
  nothing — it is one-folder — imports, Qt, window), beside the bare PySide6 window of
  bench/bare_window.py (from source, bytecode on), launches alternated after a warm-up of
  each; medians, best runs and their ratio.
* ``comptoir --smoke-test`` once: its total time (start, link, QR, clean quit).

The binary: ``--binary``, else ``/usr/bin/comptoir`` when the package is installed, else the
``.deb`` unpacked with ``dpkg -x`` into a temporary directory (no root needed). ``--source``
also measures ``python -m backoffice`` from this checkout for comparison. Offscreen unless
``--xcb`` (uses ``$DISPLAY``; e.g. under ``xvfb-run -a``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def folder_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
            files += 1
    return total, files


def find_deb(given: str | None) -> Path | None:
    if given:
        return Path(given).resolve()
    debs = sorted((ROOT / "dist").glob("comptoir_*.deb"), key=lambda p: p.stat().st_mtime)
    return debs[-1] if debs else None


def deb_field(deb: Path, field: str) -> str:
    done = subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True,
                          check=False)
    return done.stdout.strip()


def startup(label: str, cmd: list[str], runs: int, env: dict[str, str]) -> None:
    """The installed build beside the bare window (from source, bytecode on), launches
    alternated after a warm-up of each, as bench/gui_first_paint.py does."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gui_first_paint import side_by_side

    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="comptoir-bench-") as data:
        env = {**env, "COMPTOIR_DATA_DIR": data, "COMPTOIR_BENCH_FIRST_PAINT": "1"}
        side_by_side(label, [*cmd, "--demo"], env, runs)


def smoke(cmd: list[str], env: dict[str, str]) -> None:
    t0 = time.perf_counter()
    done = subprocess.run([*cmd, "--smoke-test"], env=env, capture_output=True, text=True,
                          timeout=120, check=False, cwd=tempfile.gettempdir())
    wall = 1000 * (time.perf_counter() - t0)
    line = next((x for x in done.stdout.splitlines() if x.startswith("SMOKE ")), "no output")
    total = re.search(r"total_ms=(\d+)", line)
    verdict = line.split()[1] if line.startswith("SMOKE ") else "FAIL"
    print(f"--smoke-test: {verdict}, wall {wall:.0f} ms"
          + (f" (in-app {total.group(1)} ms)" if total else ""))
    if verdict != "OK":
        print(f"  {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deb", default=None)
    parser.add_argument("--binary", default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--xcb", action="store_true")
    parser.add_argument("--source", action="store_true")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPTOIR_")}
    env["QT_QPA_PLATFORM"] = "xcb" if args.xcb else "offscreen"

    deb = find_deb(args.deb)
    unpacked: tempfile.TemporaryDirectory[str] | None = None
    binary: Path | None = Path(args.binary) if args.binary else None
    if deb is not None and deb.exists():
        size = deb.stat().st_size
        installed_kb = deb_field(deb, "Installed-Size")
        print(f"package      {deb.name}")
        print(f"download     {mb(size)} ({size} bytes; {deb_field(deb, 'Version')}, "
              f"Installed-Size {installed_kb} KiB)")
    else:
        print("package      no .deb (bash packaging/build-deb.sh)")
    if binary is None and Path("/opt/comptoir/comptoir").exists():
        binary = Path("/usr/bin/comptoir") if Path("/usr/bin/comptoir").exists() \
            else Path("/opt/comptoir/comptoir")
    if binary is None and deb is not None and deb.exists():
        unpacked = tempfile.TemporaryDirectory(prefix="comptoir-deb-")
        subprocess.run(["dpkg-deb", "-x", str(deb), unpacked.name], check=True)
        binary = Path(unpacked.name) / "opt" / "comptoir" / "comptoir"
    try:
        if binary is None:
            print("no build to measure")
            return 1
        folder = binary.resolve().parent
        total, files = folder_size(folder)
        print(f"installed    {mb(total)} in {files} files ({folder})")
        biggest = sorted(((folder_size(p)[0] if p.is_dir() else p.stat().st_size, p.name)
                          for p in (folder / "_internal").iterdir() if not p.is_symlink()),
                         reverse=True)[:5]
        print("  largest    " + ", ".join(f"{name} {mb(n)}" for n, name in biggest))
        print(f"platform     {env['QT_QPA_PLATFORM']}, {os.cpu_count()} CPUs, "
              f"{args.runs} warm runs")
        startup(f"installed build: {binary} --demo", [str(binary)], args.runs, env)
        smoke([str(binary)], env)
        if args.source:
            startup("from source: python -m backoffice --demo",
                    [sys.executable, "-m", "backoffice"], args.runs,
                    {**env, "PYTHONPATH": str(ROOT)})
    finally:
        if unpacked is not None:
            unpacked.cleanup()
    if shutil.which("dpkg-deb") is None:
        print("(dpkg-deb not found: .deb fields not read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
