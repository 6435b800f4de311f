"""Diary figures for `make bench` (called by bench/run.py; printed, never asserted).

- `lumbar log 5` as a whole cold process on a SQLite diary, median of 5 runs; goal: under 1 s.
  The first run, which creates the database and applies the migrations, is shown on its own.
- of which: `import lumbar.cli` alone (the cost every command pays before doing anything).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5


def _timed(argv: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=env)  # noqa: S603
    return time.perf_counter() - t


def _row(name: str, samples: list[float], goal: str) -> None:
    print(
        f"{name:44} median {statistics.median(samples):8.3f} s    max {max(samples):8.3f} s    "
        f"n={len(samples):5}   goal: {goal}"
    )


def main() -> int:
    exe = str(Path(sys.executable).with_name("lumbar"))
    with tempfile.TemporaryDirectory(prefix="lumbar-bench-") as data_dir:
        env = {k: v for k, v in os.environ.items() if k != "LUMBAR_DATABASE_URL"}
        env["LUMBAR_DATA_DIR"] = data_dir
        first = _timed([exe, "log", "5"], env)
        print(f"{'lumbar log 5 (new diary: create + migrate)':44} {first:8.3f} s")
        _row("lumbar log 5 (cold process)", [_timed([exe, "log", "5"], env) for _ in range(RUNS)], "< 1 s")
        imports = [_timed([sys.executable, "-c", "import lumbar.cli"], env) for _ in range(RUNS)]
        _row("  of which: python -c 'import lumbar.cli'", imports, "-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
