"""`make bench`: speed figures, printed (never asserted in tests: the machines are shared and noisy).

- assess() time per case over the vignette suite (median, p99); goal: median under 1 ms.
- the free-text reader: pipeline load time, time per narrative after load (median, p99); goal: median < 20 ms.
- `lumbar check --text ... --json` cold, as a whole process (median of several runs); goal: under 2 s.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _line(name: str, samples_ms: list[float], goal: str) -> None:
    med, p99 = statistics.median(samples_ms), _pct(samples_ms, 0.99)
    print(f"{name:44} median {med:8.3f} ms   p99 {p99:8.3f} ms   n={len(samples_ms):5}   goal: {goal}")


def main() -> int:
    t0 = time.perf_counter()
    from lumbar.knowledge import default_kb

    kb = default_kb()
    print(f"{'knowledge base load':44} {1000 * (time.perf_counter() - t0):8.1f} ms")

    from lumbar.evaluation.vignettes import load_vignettes
    from lumbar.intake.reader import read
    from lumbar.triage import assess

    vignettes = load_vignettes(sorted((ROOT / "tests" / "vignettes").glob("*.yaml")), kb=kb)
    texts = [v.text for v in vignettes]

    t0 = time.perf_counter()
    read("warm up the pipeline: back pain", kb=kb)
    print(f"{'reader pipeline load (first read)':44} {1000 * (time.perf_counter() - t0):8.1f} ms")

    readings = []
    samples = []
    for _ in range(3):
        for text in texts:
            t = time.perf_counter()
            readings.append(read(text, kb=kb))
            samples.append(1000 * (time.perf_counter() - t))
    _line("reader: time per narrative", samples, "median < 20 ms")

    now = datetime(2026, 11, 21, tzinfo=UTC)
    samples = []
    for _ in range(5):
        for reading in readings[: len(texts)]:
            t = time.perf_counter()
            assess(reading.findings, now=now, kb=kb)
            samples.append(1000 * (time.perf_counter() - t))
    _line("assess(): time per case", samples, "median < 1 ms")

    exe = Path(sys.executable).with_name("lumbar")
    text = "Hurt my lower back lifting a box yesterday, 6/10, no numbness, peeing fine. 42 M."
    cold = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([str(exe), "check", "--text", text, "--json"], check=True, capture_output=True)  # noqa: S603
        cold.append(time.perf_counter() - t)
    print(
        f"{'lumbar check --text --json (cold process)':44} median {statistics.median(cold):8.3f} s    "
        f"max {max(cold):8.3f} s    n={len(cold):5}   goal: < 2 s"
    )
    for name in ("insights", "diary", "report", "fhir", "web"):
        path = ROOT / "bench" / f"{name}.py"
        if path.exists():
            print(f"\n-- {name}")
            spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
