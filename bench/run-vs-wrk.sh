#!/usr/bin/env bash
# `sonde run` of one GET repeated REQUESTS times (default 20,000) with --jobs 50, against nginx on
# loopback, compared in the same run with `wrk -t1 -c50` and Python's httpx AsyncClient (a
# semaphore of 50) on the same URL; then sonde's peak RSS at 2,000 and at REQUESTS requests.
# Goals (issue 13): sonde >= 0.3x wrk's req/s, >= 20x httpx's, and memory flat.
# Installs wrk (apt-get) and httpx (pip) when missing. Loopback only; every loop is bounded.
# Usage: bench/run-vs-wrk.sh [REQUESTS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
requests="${1:-20000}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
python3 -c 'import httpx' 2>/dev/null || pip install -q httpx
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
