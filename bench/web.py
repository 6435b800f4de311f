"""Web figures for `make bench` (called by bench/run.py; printed, never asserted).

The real app, `lumbar serve` (uvicorn, one process), runs in a separate process on 127.0.0.1 with a new
SQLite diary in a temporary directory, filled through the API with 60 entries over the last 30 days. For
each of these, at 10 and at 50 concurrent keep-alive connections, for a fixed time:

- `POST /api/check`: JSON bodies cycling through several short narratives (written here, never printed);
- `GET /diary`: the diary page (the last 14 days of that diary, so a real list);
- `GET /api/health`: the trivial endpoint of the same app, the baseline;

it prints requests per second, p50/p99 latency, the server's CPU (share of one core, and ms per request),
and any response that was not 200 (flagged). Goal: check_rps / health_rps >= 0.5 at each concurrency.

Then the floor: the same check requests to a second server (bench/web_floor.py: the same app plus a
route that parses and validates them exactly as /api/check does and answers a constant), beside that
server's /api/health. Its ratio is the most any check could reach through this stack.

Load generator: wrk (Debian package `wrk`), one thread, a Lua script per endpoint (body rotation, a
strict 200 count, and its exact p50/p99). Without wrk a Python asyncio client is used instead, and the
output says so: on 2 cores it competes with the server for CPU, so its figures are lower bounds.

`main()` is what bench/run.py calls; `python bench/web.py [--duration S] [--client wrk|python]` runs it alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

DURATION = 10.0  # seconds per measured run
WARMUP = 3.0  # seconds of load per endpoint before the first measured run (not reported)
CONNECTIONS = (10, 50)
WRK_THREADS = 1  # the server is one process with one event loop: one core for it, one for wrk
GOAL_RATIO = 0.5
ENTRIES, DAYS = 60, 30
START_TIMEOUT = 120.0

# Short, varied narratives in a person's own words (written for this bench; never printed).
CHECK_BODIES: tuple[dict[str, object], ...] = (
    {
        "text": "Bent down to pick up my daughter this morning and my lower back went into spasm. About 7/10, "
        "worse when I move, no numbness or tingling, peeing normally.",
        "age": 34,
        "sex": "female",
    },
    {"text": "Dull ache across my lower back for three days after a long drive. It eases when I walk. No leg pain."},
    {
        "text": "Sharp pain in my lower back going down the back of my right leg to the calf since Monday, "
        "some tingling in the foot, coughing makes it worse.",
        "age": 51,
        "sex": "male",
    },
    {
        "text": "Woke up stiff and my back locked when I got out of bed, I can't stand up straight. Had this "
        "twice before and it settled within a week. No fever, bladder and bowels fine."
    },
    {
        "text": "Since yesterday my back pain is much worse, both legs feel weak, it's numb between my legs and "
        "I haven't been able to pee properly today.",
        "age": 45,
    },
    {
        "text": "Back pain for six weeks, worse at night and not getting better. I've lost weight without trying "
        "and had breast cancer ten years ago.",
        "age": 72,
        "sex": "female",
    },
    {
        "text": "Gardening all weekend and now the muscles on the left of my lower back keep cramping. Ibuprofen "
        "helps a bit and I'm sleeping ok.",
        "age": 58,
    },
    {
        "text": "Slipped on ice two days ago and landed on my bottom, now my lower back hurts when I sit. I have "
        "osteoporosis.",
        "age": 80,
        "sex": "female",
    },
)
DIARY_NOTES = (
    "stiff after a day at the desk",
    "better after a walk at lunch",
    "spasm when I got out of the car",
    "slept badly, ached all night",
)
# A returning browser sends its CSRF cookie; without it every page would mint a new token.
BROWSER_COOKIE = "lumbar_csrf=bench-bench-bench-bench-bench-bench-bench0"


class Endpoint(NamedTuple):
    name: str
    method: str
    path: str
    headers: dict[str, str]
    bodies: tuple[bytes, ...] = ()


class Result(NamedTuple):
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_200: int
    socket_errors: int
    server_cpu_s: float | None
    client_cpu_s: float
    other_cpu_s: float | None  # every other process on the machine (a shared machine is a noisy one)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def endpoints() -> tuple[Endpoint, ...]:
    json_headers = {"Content-Type": "application/json"}
    bodies = tuple(json.dumps(b).encode() for b in CHECK_BODIES)
    return (
        Endpoint("POST /api/check", "POST", "/api/check", json_headers, bodies),
        Endpoint("GET /diary", "GET", "/diary", {"Cookie": BROWSER_COOKIE}),
        Endpoint("GET /api/health", "GET", "/api/health", {}),
    )


# -- the server ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _http(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as exc:
        return int(exc.code), b""


def _start_server(data_dir: str, port: int, log: Path, *, floor: bool = False) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "LUMBAR_DATABASE_URL"}
    env["LUMBAR_DATA_DIR"] = data_dir
    argv = [sys.executable, "-m", "lumbar", "serve", "--host", "127.0.0.1", "--port", str(port)]
    if floor:
        argv = [sys.executable, str(Path(__file__).with_name("web_floor.py")), str(port)]
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603
            argv,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def _wait_ready(server: subprocess.Popen[bytes], port: int, log: Path) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < START_TIMEOUT:
        if server.poll() is not None:
            # Only start-up output (no request has been sent yet), so no person's text can be in it.
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"lumbar serve exited with {server.returncode} before it was ready:\n{tail}")
        try:
            if _http(port, "GET", "/api/health")[0] == 200:
                return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"lumbar serve was not ready after {START_TIMEOUT:.0f} s")


def _stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process (all its threads) from /proc; None where there is no /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy_seconds() -> float | None:
    """CPU seconds spent by the whole machine (all cores, not idle or waiting) from /proc/stat."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return None
    ticks = [int(x) for x in first[1:9]]  # user nice system idle iowait irq softirq steal
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


class _Snapshot(NamedTuple):
    server: float | None
    client: float
    machine: float | None


def _snapshot(pid: int, *, client_is_child: bool) -> _Snapshot:
    if client_is_child:  # wrk, once waited for
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        client = usage.ru_utime + usage.ru_stime
    else:  # this process is the client
        client = time.process_time()
    return _Snapshot(_cpu_seconds(pid), client, _machine_busy_seconds())


def _result(
    before: _Snapshot,
    after: _Snapshot,
    *,
    requests: int,
    seconds: float,
    p50: float,
    p99: float,
    non_200: int,
    errors: int,
) -> Result:
    server = after.server - before.server if after.server is not None and before.server is not None else None
    client = after.client - before.client
    other = None
    if server is not None and after.machine is not None and before.machine is not None:
        other = max(0.0, after.machine - before.machine - server - client)
    return Result(requests, seconds, p50, p99, non_200, errors, server, client, other)


def _fill_diary(port: int) -> None:
    """60 entries over the last 30 days, oldest first (as a person would log them), through the API."""
    now = datetime.now(UTC)
    first = now - timedelta(days=DAYS)
    step = timedelta(days=DAYS) / ENTRIES
    treatments = ("heat", "walking", "stretching", "nsaid", "rest", "ice")
    for i in range(ENTRIES):
        entry: dict[str, object] = {
            "at": (first + i * step).isoformat(),
            "pain": max(0, min(10, 8 - i // 8 + (i % 3) - 1)),
            "spasm": i % 4 == 0,
            "tried": [treatments[i % len(treatments)], treatments[(i + 2) % len(treatments)]],
            "helped": [treatments[i % len(treatments)]] if i % 2 else [],
        }
        if i % 2 == 0:
            entry["water_litres"] = 1.5 + (i % 5) * 0.25
            entry["sitting_hours"] = float(4 + i % 6)
        if i % 6 == 0:
            entry["notes"] = DIARY_NOTES[(i // 6) % len(DIARY_NOTES)]
        status, _ = _http(
            port, "POST", "/api/entries", json.dumps(entry).encode(), {"Content-Type": "application/json"}
        )
        if status != 201:
            raise RuntimeError(f"filling the diary: POST /api/entries answered {status}")


# -- load: wrk -----------------------------------------------------------------------------------------------

_LUA = """\
local bodies = {%(bodies)s}
local i = 0
non200 = 0
local threads = {}
wrk.method = "%(method)s"
%(headers)s
function setup(thread)
  table.insert(threads, thread)
end
function request()
  if #bodies == 0 then
    return wrk.format()
  end
  i = i %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non200")
  end
  local e = summary.errors
  io.write(string.format("LUMBAR requests=%%d duration_us=%%d p50_us=%%d p99_us=%%d non200=%%d sockerr=%%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad,
    e.connect + e.read + e.write + e.timeout))
end
"""


def _lua_string(raw: bytes) -> str:
    text = raw.decode()
    if "]==]" in text:
        raise ValueError("a request body holds ]==]")
    return f"[==[{text}]==]"


def _lua_script(endpoint: Endpoint) -> str:
    headers = "\n".join(f'wrk.headers["{k}"] = {_lua_string(v.encode())}' for k, v in endpoint.headers.items())
    bodies = ", ".join(_lua_string(b) for b in endpoint.bodies)
    return _LUA % {"bodies": bodies, "method": endpoint.method, "headers": headers}


def _run_wrk(wrk: str, port: int, endpoint: Endpoint, connections: int, seconds: float, pid: int) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="lumbar-bench-") as script:
        script.write(_lua_script(endpoint))
        script.flush()
        argv = [
            wrk,
            f"--threads={min(WRK_THREADS, connections)}",
            f"--connections={connections}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=30s",  # a slow answer is a slow answer, not an error left out of the percentiles
            "--latency",
            f"--script={script.name}",
            f"http://127.0.0.1:{port}{endpoint.path}",
        ]
        before = _snapshot(pid, client_is_child=True)
        done = subprocess.run(argv, check=True, capture_output=True, text=True)  # noqa: S603
        after = _snapshot(pid, client_is_child=True)
    line = next((x for x in done.stdout.splitlines() if x.startswith("LUMBAR ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{done.stdout}\n{done.stderr}")
    got = {k: int(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
    return _result(
        before,
        after,
        requests=got["requests"],
        seconds=got["duration_us"] / 1e6,
        p50=got["p50_us"] / 1000,
        p99=got["p99_us"] / 1000,
        non_200=got["non200"],
        errors=got["sockerr"],
    )


# -- load: the Python fallback -------------------------------------------------------------------------------


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Reads one HTTP/1.1 response (Content-Length or chunked); returns its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def _py_load(
    port: int, endpoint: Endpoint, connections: int, seconds: float
) -> tuple[list[float], int, int, float]:
    loop = asyncio.get_running_loop()
    latencies: list[float] = []
    counts = {"non200": 0, "errors": 0}
    extra = "".join(f"{k}: {v}\r\n" for k, v in endpoint.headers.items())
    requests = [
        (
            f"{endpoint.method} {endpoint.path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        + body
        for body in (endpoint.bodies or (b"",))
    ]
    t0 = loop.time()
    deadline = t0 + seconds

    async def client(k: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            i = k
            while loop.time() < deadline:
                t = time.perf_counter()
                writer.write(requests[i % len(requests)])
                i += 1
                await writer.drain()
                if await _read_response(reader) != 200:
                    counts["non200"] += 1
                latencies.append(1000 * (time.perf_counter() - t))
        except (OSError, asyncio.IncompleteReadError, ValueError):
            counts["errors"] += 1
        finally:
            writer.close()

    await asyncio.gather(*(client(k) for k in range(connections)))
    return latencies, counts["non200"], counts["errors"], loop.time() - t0


def _run_python(port: int, endpoint: Endpoint, connections: int, seconds: float, pid: int) -> Result:
    before = _snapshot(pid, client_is_child=False)
    latencies, non_200, errors, elapsed = asyncio.run(_py_load(port, endpoint, connections, seconds))
    after = _snapshot(pid, client_is_child=False)
    ordered = sorted(latencies) or [0.0]
    return _result(
        before,
        after,
        requests=len(latencies),
        seconds=elapsed,
        p50=statistics.median(ordered),
        p99=ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))],
        non_200=non_200,
        errors=errors,
    )


# -- the run -------------------------------------------------------------------------------------------------


def _row(name: str, r: Result) -> None:
    cpu = "server CPU    n/a"
    if r.server_cpu_s is not None and r.requests:
        cpu = f"server CPU {100 * r.server_cpu_s / r.seconds:4.0f}% ({1000 * r.server_cpu_s / r.requests:6.2f} ms/req)"
    other = f"{100 * r.other_cpu_s / r.seconds:4.0f}%" if r.other_cpu_s is not None else " n/a"
    flag = "" if r.non_200 == 0 and r.socket_errors == 0 else "   <-- FLAG: not all 200"
    print(
        f"{name:44} {r.rps:8.1f} req/s   p50 {r.p50_ms:8.2f} ms   p99 {r.p99_ms:8.2f} ms   n={r.requests:6}   "
        f"{cpu}   client CPU {100 * r.client_cpu_s / r.seconds:3.0f}%   other CPU {other}   "
        f"non-200 {r.non_200}   socket errors {r.socket_errors}{flag}"
    )


def main(*, duration: float = DURATION, client: str | None = None) -> int:
    wrk = shutil.which("wrk") if client in (None, "wrk") else None
    if client == "wrk" and wrk is None:
        raise RuntimeError("--client wrk: wrk is not installed (Debian package wrk)")
    eps = endpoints()
    with tempfile.TemporaryDirectory(prefix="lumbar-bench-web-") as data_dir:
        port = _free_port()
        log = Path(data_dir) / "server.log"
        server = _start_server(data_dir, port, log)
        try:
            ready = _wait_ready(server, port, log)
            print(f"{'lumbar serve: start until /api/health answers':44} {ready:8.3f} s")
            check, diary, health = eps
            t0 = time.perf_counter()
            status, _ = _http(port, check.method, check.path, check.bodies[0], check.headers)
            print(f"{'first POST /api/check (loads the reader)':44} {time.perf_counter() - t0:8.3f} s")
            if status != 200:
                raise RuntimeError(f"the first POST /api/check answered {status}")
            t0 = time.perf_counter()
            _fill_diary(port)
            print(f"{f'fill the diary: {ENTRIES} entries over {DAYS} days (API)':44} {time.perf_counter() - t0:8.3f} s")

            # Warm-up: every endpoint and every check body once; each must answer 200.
            sizes: dict[str, int] = {}
            for ep in eps:
                for body in ep.bodies or (None,):
                    status, page = _http(port, ep.method, ep.path, body, ep.headers)
                    if status != 200:
                        raise RuntimeError(f"warm-up: {ep.name} answered {status}")
                    sizes[ep.name] = len(page)
            print(f"{'GET /diary page size':44} {sizes[diary.name]:8} bytes")

            if wrk is not None:
                version = subprocess.run([wrk, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
                print(
                    f"load: {version.stdout.split(' Copyright')[0].strip()}, {WRK_THREADS} thread, keep-alive, "
                    f"{max(1, round(duration))} s per run, on 127.0.0.1; server: lumbar serve (uvicorn, 1 process), "
                    "SQLite"
                )
            else:
                print(
                    "load: Python asyncio client (wrk NOT found; `apt-get install wrk` for the preferred figures): "
                    f"it competes with the server for the {os.cpu_count()} cores, so these are lower bounds; "
                    f"{duration:g} s per run, on 127.0.0.1; server: lumbar serve (uvicorn, 1 process), SQLite"
                )

            load = _loader(wrk, port, server.pid)
            for ep in eps:
                load(ep, CONNECTIONS[0], WARMUP)

            results: dict[tuple[str, int], Result] = {}
            for connections in CONNECTIONS:
                for ep in eps:
                    r = load(ep, connections, duration)
                    results[ep.name, connections] = r
                    _row(f"{ep.name}, {connections} connections", r)

            flagged = [k for k, r in results.items() if r.non_200 or r.socket_errors]
            for name, connections in flagged:
                print(f"FLAG: {name} at {connections} connections had responses that were not 200 or socket errors")
            for connections in CONNECTIONS:
                ratio = results[check.name, connections].rps / max(results[health.name, connections].rps, 1e-9)
                met = "met" if ratio >= GOAL_RATIO else "NOT met"
                name = f"check/health req/s ratio, {connections} connections"
                c, h = results[check.name, connections], results[health.name, connections]
                by_cpu = ""
                if c.server_cpu_s and h.server_cpu_s:  # less sensitive to other load on a shared machine
                    cpu_ratio = (h.server_cpu_s / h.requests) / (c.server_cpu_s / c.requests)
                    by_cpu = f"   (by server CPU per request: {cpu_ratio:.3f})"
                print(f"{name:44} {ratio:8.3f}   goal >= {GOAL_RATIO}: {met}{by_cpu}")
            if server.poll() is not None:
                print(f"FLAG: the server exited during the run (code {server.returncode})")
        finally:
            _stop_server(server)
        _floor(wrk, data_dir, duration, check, health)
    return 0


def _loader(wrk: str | None, port: int, pid: int) -> Callable[[Endpoint, int, float], Result]:
    def load(ep: Endpoint, connections: int, seconds: float) -> Result:
        if wrk is not None:
            return _run_wrk(wrk, port, ep, connections, seconds, pid)
        return _run_python(port, ep, connections, seconds, pid)

    return load


def _floor(wrk: str | None, data_dir: str, duration: float, check: Endpoint, health: Endpoint) -> None:
    """The same check requests to a route that parses and validates them as /api/check does and answers
    a constant (bench/web_floor.py), beside /api/health of that server: the most a check could reach."""
    floor = check._replace(name="POST /bench/floor (check's body, no check)", path="/bench/floor")
    port = _free_port()
    log = Path(data_dir) / "floor.log"
    server = _start_server(data_dir, port, log, floor=True)
    try:
        _wait_ready(server, port, log)
        load = _loader(wrk, port, server.pid)
        for ep in (floor, health):
            load(ep, CONNECTIONS[0], WARMUP)
        for connections in CONNECTIONS:
            f, h = load(floor, connections, duration), load(health, connections, duration)
            _row(f"{floor.name}, {connections} connections", f)
            _row(f"{health.name} (same server), {connections} connections", h)
            print(f"{f'floor/health req/s ratio, {connections} connections':44} {f.rps / max(h.rps, 1e-9):8.3f}")
    finally:
        _stop_server(server)


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--duration", type=float, default=DURATION, help=f"seconds per measured run (default {DURATION:g})")
    p.add_argument("--client", choices=("wrk", "python"), default=None, help="load generator (default: wrk if found)")
    return p.parse_args(argv)


if __name__ == "__main__":
    args = _parse(sys.argv[1:])
    raise SystemExit(main(duration=args.duration, client=args.client))
