#!/usr/bin/env bash
# Throughput of `sonde send -o FILE` against `curl -o FILE` downloading the same large body on
# loopback, with each process's peak resident memory: its VmHWM, read from /proc every 5 ms
# while it runs (wait4's ru_maxrss would include this Python process's own, which a spawned
# child inherits at exec).
#
# The body is /bytes from the bundled demo server (patterned bytes made as they are sent,
# with a Content-Length). Runs are interleaved, so drift in machine load or in the page
# cache's writeback hits both alike; each run writes a fresh file in the same folder, deleted
# after. Reports medians and the ratio of throughputs sonde/curl (goal >= 0.9).
# Also reports both to /dev/null: the clients without the disk, near the server's own ceiling.
#
# Usage: bench/download-vs-curl.sh [BYTES] [RUNS]    (defaults: 1000000000 5)
# SCRATCH_PATH=/some/dir builds there instead of .build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
bytes="${1:-1000000000}"
runs="${2:-5}"
build=(-c release --static-swift-stdlib)
[ -n "${SCRATCH_PATH:-}" ] && build+=(--scratch-path "$SCRATCH_PATH")
swift build "${build[@]}" --product sonde >/dev/null
sonde="$(swift build "${build[@]}" --show-bin-path)/sonde"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$sonde" demo-server --port "$port" --quiet &
server=$!
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done

url="http://127.0.0.1:$port/bytes?size=$bytes"
mkdir -p "$work/bench"
echo "name: bench" > "$work/bench/collection.yaml"
# No overall timeout: sonde's default of 30 s is for API calls, not downloads.
printf 'method: GET\nurl: "%s"\noptions: {timeout: 0}\n' "$url" > "$work/bench/download.yaml"

python3 - "$runs" "$bytes" "$sonde" "$work" "$url" <<'PY'
import os, shutil, statistics, sys, time
runs, size, sonde, work, url = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
out = os.path.join(work, "out.bin")
curl = shutil.which("curl")
commands = {
    "curl -o": [curl, "-s", "-o", out, url],
    "sonde send -o": [sonde, "send", "bench/download", "--collections", work, "-o", out],
    # The same to /dev/null: what the clients cost without the disk, against the server's ceiling.
    "curl >/dev/null": [curl, "-s", "-o", "/dev/null", url],
    "sonde >/dev/null": [sonde, "send", "bench/download", "--collections", work, "-o", "/dev/null"],
}
quiet = [(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)]
env = {"PATH": "/usr/bin:/bin", "HOME": work, "LANG": "C.UTF-8"}

def high_water_mark(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0

def once(cmd):
    start = time.perf_counter()
    pid = os.posix_spawn(cmd[0], cmd, env, file_actions=quiet)
    peak = 0
    while True:
        peak = max(peak, high_water_mark(pid))
        reaped, status = os.waitpid(pid, os.WNOHANG)
        if reaped == pid:
            break
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(cmd)} failed with status {status}")
    if "/dev/null" not in cmd:
        written = os.path.getsize(out)
        if written != size:
            sys.exit(f"{cmd[0]} wrote {written} bytes, expected {size}")
        os.remove(out)
    return elapsed, peak

for cmd in commands.values():  # warm up: page cache, server, binaries
    once(cmd)
seconds = {name: [] for name in commands}
peak = {name: 0 for name in commands}
for _ in range(runs):
    for name, cmd in commands.items():
        elapsed, rss = once(cmd)
        seconds[name].append(elapsed)
        peak[name] = max(peak[name], rss)
rate = {name: size / statistics.median(values) for name, values in seconds.items()}
print(f"{size / 1e9:g} GB from {url.split('?')[0]}, {runs} interleaved runs, medians:")
for name in commands:
    print(f"  {name:16} {statistics.median(seconds[name]):6.2f} s  {rate[name] / 1e6:7.0f} MB/s  peak RSS {peak[name] / 1e6:5.1f} MB")
print(f"throughput ratio sonde/curl (median): {rate['sonde send -o'] / rate['curl -o']:.2f}  (goal >= 0.9)")
print(f"  to /dev/null: {rate['sonde >/dev/null'] / rate['curl >/dev/null']:.2f}")
PY
