#!/usr/bin/env bash
# `sonde run` of one GET repeated REQUESTS times (default 20,000) with --jobs 50, against nginx on
# loopback, compared in the same run with `wrk -t1 -c50` and Python's httpx AsyncClient (a
# semaphore of 50) on the same URL; then sonde's peak RSS at 2,000 and at REQUESTS requests.
# Goals (issue 13): sonde >= 0.3x wrk's req/s, >= 20x httpx's, and memory flat.
# Installs wrk (apt-get) and httpx (pip) when missing. Loopback only; every loop is bounded.
# Usage: bench/run-vs-wrk.sh [REQUESTS]
#
# Measured 2026-12-01 on the 2-core build machine, release build, 20,000 requests, each line one
# run of this script (the ratios are same-run ratios; wrk's rate swings with the machine's load):
#
#   goal                       before (f9ff67c)                after (branch runspeed)
#   sonde/wrk      >= 0.3x     0.06x, 0.05x                    0.14x, 0.14x, 0.13x
#   sonde req/s                6,390, 4,724                    10,579, 13,640, 9,515
#   wrk req/s                  106,161, 86,397                 77,369, 97,399, 72,815
#   sonde/httpx    >= 20x      18.5x, 14.6x (httpx 346, 324)   34.8x, 39.3x, 35.0x (httpx 304, 347, 272)
#   peak RSS at 2,000/20,000   45.4/45.9, 45.0/45.4 MiB        45.2/47.4, 45.3/47.1, 45.9/47.2 MiB (flat)
#
# What was cut, per transfer (perf record -g of `sonde run --repeat 5000 --jobs 50`): preparing the
# request again for every repeat (58% of the Swift pool threads; `PreparationCache`), poll(2) over
# every socket and `curl_multi_perform` over every transfer on each wake-up of the event loop
# (poll alone 23% of its thread; now epoll and `curl_multi_socket_action`), libcurl's debug
# output and the wire log nobody reads in a run, reading the cookie jar file three times (now a
# stat(2) each: `FileSignature`), Foundation's trimming, `range(of:)`, `caseInsensitiveCompare`
# and `UUID()` (an open of /dev/urandom) per response, and a 100 kB receive buffer per transfer.
#
# What is left, and why 0.3x is not reached: the event-loop thread bounds the rate (each of the
# two Swift pool threads is a third as busy). Of its samples, 39% are the kernel (25% in send(2)
# of the request, which on loopback also runs the TCP receive path toward nginx), 28% libcurl and
# 17% libc (allocations, strings, clocks, mostly called from libcurl); Swift is about 15% (header callbacks, building the
# `HTTPResponse`, resuming the waiting task). Even without any Swift that thread would gain
# about 1.2x, not the 2x 0.3x needs. The libcurl share is per-transfer setup that a minimal C
# client skips: `curl_easy_reset` and some 25 options set again, `curl_multi_add_handle` and
# `remove_handle`, the cookie engine with its share locks and `CURLINFO_COOKIELIST` read after
# each transfer to save the jar, and Accept-Encoding; keeping a handle configured between
# repeats of one request, and running the cookie jar only when a response set a cookie, are
# the next things to try.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
requests="${1:-20000}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
# A system Python may refuse pip's install (PEP 668) without --break-system-packages.
python3 -c 'import httpx' 2>/dev/null || pip install -q httpx 2>/dev/null || pip install -q --break-system-packages httpx
nginx=$(command -v nginx || echo /usr/sbin/nginx)

swift build -c release --product sonde >/dev/null
sonde="$(swift build -c release --show-bin-path)/sonde"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# One worker, as wrk gets one thread; keep-alive without a request limit, for all three alike.
cat > "$work/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    server {
        listen 127.0.0.1:$port;
        location / { default_type application/json; return 200 '{"id":1,"name":"Ada Lovelace"}'; }
    }
}
CONF
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port/users/1"
for _ in $(seq 1 50); do curl -s -o /dev/null "$url" && break; sleep 0.1; done

mkdir -p "$work/collections/bench"
echo "name: bench" > "$work/collections/bench/collection.yaml"
printf 'method: GET\nurl: %s\nexpect:\n  status: 200\n' "$url" > "$work/collections/bench/get.yaml"

python3 - "$requests" "$sonde" "$work/collections" "$url" <<'PY'
import asyncio, os, re, subprocess, sys, time
requests, sonde, collections, url = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

def sonde_run(count):
    """Wall time and peak RSS (KiB) of one `sonde run`."""
    start = time.perf_counter()
    child = subprocess.Popen([sonde, "run", "bench/get", "--collections", collections, "--repeat", str(count), "--jobs", "50"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = child.stdout.read().decode(); err = child.stderr.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    last = out.strip().splitlines()[-1] if out.strip() else ""
    if status != 0 or last != f"{count} passed, 0 failed":
        sys.exit(f"sonde run failed ({status}): {last}\n{err}")
    return elapsed, usage.ru_maxrss

def wrk():
    out = subprocess.run(["wrk", "-t1", "-c50", "-d5s", url], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

async def httpx_run(count):
    import httpx
    limit = asyncio.Semaphore(50)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=50, max_keepalive_connections=50)) as client:
        async def one():
            async with limit:
                response = await client.get(url)
                assert response.status_code == 200
        start = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(count)))
        return count / (time.perf_counter() - start)

sonde_run(2000)  # warm up: page cache, nginx
elapsed, rss_big = sonde_run(requests)
sonde_rate = requests / elapsed
wrk_rate = wrk()
httpx_count = min(requests, 5000)  # httpx does ~1-2k req/s here; 5,000 gives a steady rate
httpx_rate = asyncio.run(httpx_run(httpx_count))
_, rss_small = sonde_run(2000)
print(f"sonde run  {requests} GETs, --jobs 50: {elapsed:6.2f} s  {sonde_rate:8.0f} req/s (whole process, start-up included)")
print(f"wrk -t1 -c50 -d5s:                      {wrk_rate:8.0f} req/s")
print(f"httpx AsyncClient, semaphore 50, {httpx_count} GETs: {httpx_rate:8.0f} req/s")
print(f"ratio sonde/wrk:   {sonde_rate / wrk_rate:5.2f}x  (goal >= 0.3x)")
print(f"ratio sonde/httpx: {sonde_rate / httpx_rate:5.2f}x  (goal >= 20x)")
print(f"peak RSS of sonde: {rss_small / 1024:.1f} MiB at 2000 requests, {rss_big / 1024:.1f} MiB at {requests} (goal: flat)")
PY
