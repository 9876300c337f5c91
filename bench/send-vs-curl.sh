#!/usr/bin/env bash
# Whole-process comparison of `sonde send` with `curl -s` on the same loopback URL.
# Both run RUNS times (default 200) against the bundled demo server; reports each median and
# the ratio sonde/curl. Loopback only. Usage: bench/send-vs-curl.sh [RUNS]
#
# Where a send's time went (callgrind instructions, 2026-11-30; curl's whole run is 15.6M):
# 42.7M in all, of which the dynamic loader 16.3M (libcurl's ~30 libraries, as for curl),
# swift-argument-parser's parse 20M (15M of it the runtime's linear scans of the binary's 6,300
# protocol conformance records, ~1,850 of them full Foundation's, which Yams links), and the
# send itself 5M. A non-PIE link saved 1.2M and its page copies (CPU 12.9 -> 11.3 ms) but was
# dropped: it takes address randomisation from the code that parses what servers send. A
# dynamically linked Swift runtime costs 3x a static one at start (hello world: 6.3 vs 1.9 ms).
# Parsing `send` by SendCommand alone (no command tree) saved 10% of instructions but ~2% of
# time; skipping swift-argument-parser altogether still left 1.65x: the floor is the process
# itself (`sonde --version` alone is ~1.3x curl's whole request).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
runs="${1:-200}"
swift build -c release --static-swift-stdlib --product sonde >/dev/null
sonde="$(swift build -c release --show-bin-path)/sonde"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$sonde" demo-server --port "$port" --quiet &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done

url="http://127.0.0.1:$port/users/1"
# A one-request collection, so sonde's collection loading is part of what is measured,
# as it is for a user; the demo collection itself would do the same.
work=$(mktemp -d)
mkdir -p "$work/bench"
echo "name: bench" > "$work/bench/collection.yaml"
printf 'method: GET\nurl: %s\n' "$url" > "$work/bench/user.yaml"

python3 - "$runs" "$sonde" "$work" "$url" <<'PY'
import statistics, subprocess, sys, time
runs, sonde, work, url = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
commands = {
    "curl": ["curl", "-s", url],
    "sonde": [sonde, "send", "bench/user", "--collections", work],
    # Start-up alone (libcurl's libraries, the Swift runtime, argument parsing), to show how
    # much of the difference is process start rather than the send.
    "sonde --version": [sonde, "--version"],
}
def once(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
for cmd in commands.values():  # warm caches
    for _ in range(10): once(cmd)
samples = {name: [] for name in commands}
for _ in range(runs):  # interleaved, so drift in machine load hits both alike
    for name, cmd in commands.items():
        samples[name].append(once(cmd))
med = {name: statistics.median(values) for name, values in samples.items()}
for name in commands:
    print(f"{name:16} median {med[name]*1000:7.2f} ms  p90 {sorted(samples[name])[int(runs*0.9)]*1000:7.2f} ms  ({runs} runs)")
print(f"ratio sonde/curl (median): {med['sonde']/med['curl']:.2f}x  (goal <= 1.3x)")
print(f"  of which starting (sonde --version minus curl): {(med['sonde --version'] - med['curl'])*1000:.2f} ms")
PY
rm -rf "$work"
