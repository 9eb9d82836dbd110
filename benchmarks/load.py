"""Load test: concurrent readers and ingests against `newsledger serve` on 127.0.0.1, for a bounded time.

    .venv/bin/python benchmarks/load.py                       # 50 readers + 6 ingests for 60 s
    .venv/bin/python benchmarks/load.py --seconds 20 --readers 20 --ingests 2

Builds a ledger from the bundled examples, starts `newsledger serve` on a free port with an ingest token, then runs
the readers (each in a loop over the API listings, a search, a series, the home page and an article page) and the
ingests (each posting new articles in a loop) until the time is up. Every answer that is not 2xx, and every
request that fails or times out, is an error. Prints requests, errors by kind, and read latency p50 / p95 / p99.
The server is stopped at the end, whatever happens.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
TOKEN = "load-test-token"
READ_PATHS = ["/api/articles", "/api/quotes?q=ceasefire", "/api/figures?category=killed", "/api/entities",
              "/api/events", "/api/series?category=killed&place=Gaza", "/api/stories", "/", "/search?q=hostages"]
BODY = ("Workers in {place} reopened the river bridge on Monday after three weeks of repairs, the city council "
        "said.\n\n\"The crossing is safe again,\" mayor Ana Ruiz told reporters, adding that 12 people had been "
        "injured during the storm.")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _newsledger(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsledger.cli", *args]


async def _wait_until_up(base: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit(f"the server exited with {server.returncode}")
            try:
                if (await client.get(f"{base}/api/articles")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.25)
    sys.exit("the server did not start")


async def _reader(client: httpx.AsyncClient, number: int, deadline: float, latencies: list[float],
                  errors: Counter, article_paths: list[str]) -> None:
    paths = READ_PATHS + article_paths
    turn = number
    while time.monotonic() < deadline:
        path = paths[turn % len(paths)]
        turn += 1
        started = time.perf_counter()
        try:
            answer = await client.get(path)
        except httpx.HTTPError as exc:
            errors[f"read {type(exc).__name__}"] += 1
            continue
        latencies.append(time.perf_counter() - started)
        if not 200 <= answer.status_code < 300:
            errors[f"read {answer.status_code} {path}"] += 1


async def _ingester(client: httpx.AsyncClient, number: int, deadline: float, latencies: list[float],
                    errors: Counter) -> None:
    sent = 0
    while time.monotonic() < deadline:
        body = {"text": BODY.format(place=f"Lowtown-{number}-{sent}"), "published": "2024-02-08", "outlet": "Load"}
        sent += 1
        started = time.perf_counter()
        try:
            answer = await client.post("/api/ingest", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        except httpx.HTTPError as exc:
            errors[f"ingest {type(exc).__name__}"] += 1
            continue
        latencies.append(time.perf_counter() - started)
        if answer.status_code != 201:
            errors[f"ingest {answer.status_code}"] += 1


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def run(args: argparse.Namespace, base: str, server: subprocess.Popen) -> int:
    await _wait_until_up(base, server)
    limits = httpx.Limits(max_connections=args.readers + args.ingests)
    async with httpx.AsyncClient(base_url=base, timeout=args.request_timeout, limits=limits) as client:
        ids = [a["id"] for a in (await client.get("/api/articles", params={"limit": 20})).json()["items"]]
        article_paths = [f"/articles/{i}" for i in ids] + [f"/api/articles/{i}" for i in ids]
        reads, ingests, errors = [], [], Counter()
        deadline = time.monotonic() + args.seconds
        started = time.monotonic()
        await asyncio.gather(
            *(_reader(client, n, deadline, reads, errors, article_paths) for n in range(args.readers)),
            *(_ingester(client, n, deadline, ingests, errors) for n in range(args.ingests)))
        elapsed = time.monotonic() - started
    print(f"{args.readers} readers + {args.ingests} ingests for {elapsed:.0f} s against {base}")
    print(f"reads  : {len(reads):6d} ({len(reads) / elapsed:.1f}/s)  p50 {_percentile(reads, .5) * 1000:.0f} ms  "
          f"p95 {_percentile(reads, .95) * 1000:.0f} ms  p99 {_percentile(reads, .99) * 1000:.0f} ms")
    print(f"ingests: {len(ingests):6d} ({len(ingests) / elapsed:.2f}/s)  p50 {_percentile(ingests, .5):.2f} s  "
          f"p95 {_percentile(ingests, .95):.2f} s")
    print(f"errors : {sum(errors.values())}" + "".join(f"\n  {kind}: {n}" for kind, n in errors.most_common()))
    return 1 if errors else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--ingests", type=int, default=6)
    parser.add_argument("--request-timeout", type=float, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "ledger.db")
        subprocess.run(_newsledger("ingest", str(REPO / "examples"), "--db", db), check=True, capture_output=True)
        port = _free_port()
        log = open(Path(folder) / "serve.log", "w")
        server = subprocess.Popen(_newsledger("serve", "--db", db, "--port", str(port)), stdout=log,
                                  stderr=subprocess.STDOUT, env={**os.environ, "NEWSLEDGER_TOKEN": TOKEN})
        try:
            code = asyncio.run(run(args, f"http://127.0.0.1:{port}", server))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    sys.exit(code)


if __name__ == "__main__":
    main()
