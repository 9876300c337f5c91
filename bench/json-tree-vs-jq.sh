#!/usr/bin/env bash
# JSONTree against jq on one ~50 MB body of typical API JSON (an array of objects with short
# strings, numbers, booleans, nulls, a few escapes and non-ASCII), in the same run:
#   jq . FILE >/dev/null                  parse and pretty-print to nowhere
#   json-tree-bench screen FILE           read, parse into the tree, build the first 50 rows
# Each runs RUNS times (default 5), interleaved; reports median wall and CPU time, the ratio,
# and each process's peak RSS (from wait4). Then json-tree-bench detail times search, folding,
# paths and printing in-process (best of several runs, CPU time).
# Usage: bash bench/json-tree-vs-jq.sh [MEGABYTES] [RUNS]   (from the repository root or anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
megabytes="${1:-50}"
runs="${2:-5}"

if ! command -v jq >/dev/null 2>&1; then
  echo "jq is missing: installing it (apt package jq)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq jq >/dev/null; } \
    || echo "could not install jq: the comparison is skipped" >&2
fi

# SCRATCH_PATH=/tmp/x builds outside .build, e.g. while another build holds it.
scratch=(); [ -n "${SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$SCRATCH_PATH")
swift build -c release "${scratch[@]}" --product json-tree-bench >/dev/null
bench="$(swift build -c release "${scratch[@]}" --show-bin-path)/json-tree-bench"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/body.json"

python3 - "$file" "$megabytes" <<'PY'
import json, random, sys
random.seed(7)
path, target = sys.argv[1], int(float(sys.argv[2]) * 1_000_000)
words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"]
with open(path, "w") as out:
    out.write('{"data":[')
    size, i = 10, 0
    while size < target:
        item = {
            "id": i,
            "uuid": "%08x-%04x-4%03x-a%03x-%012x" % tuple(random.getrandbits(b) for b in (32, 16, 12, 12, 48)),
            "name": random.choice(words).title() + " " + random.choice(words).title(),
            "email": "user%d@example.com" % i,
            "active": random.random() < 0.7,
            "score": round(random.uniform(0, 100), 2),
            "age": random.randint(18, 90),
            "created_at": "2024-%02d-%02dT%02d:%02d:00Z" % (random.randint(1, 12), random.randint(1, 28), random.randint(0, 23), random.randint(0, 59)),
            "tags": random.sample(words, random.randint(0, 4)),
            "address": {"street": "%d %s Street" % (random.randint(1, 999), random.choice(words).title()),
                        "city": random.choice(words).title(), "zip": "%05d" % random.randint(0, 99999),
                        "geo": {"lat": round(random.uniform(-90, 90), 6), "lng": round(random.uniform(-180, 180), 6)}},
            "manager_id": None if random.random() < 0.3 else random.randint(0, 1000),
            "bio": "Caf\u00e9 \"quoted\" line\nnext" if i % 50 == 0 else "Plain bio text for user %d." % i,
        }
        # Every 100th item with \u escapes, the rest with raw UTF-8.
        text = ("," if i else "") + json.dumps(item, separators=(",", ":"), ensure_ascii=(i % 100 == 0))
        out.write(text)
        size += len(text)
        i += 1
    out.write('],"meta":{"count":%d,"next_cursor":"c-%d"}}' % (i, i))
PY

python3 - "$runs" "$bench" "$file" <<'PY'
import os, statistics, subprocess, sys, time, shutil
runs, bench, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
size = os.path.getsize(path)
commands = {"tree": [bench, "screen", path]}
if shutil.which("jq"):
    commands["jq"] = ["jq", ".", path]
else:
    print("jq not available: only the tree is measured")

def once(cmd):
    """Wall seconds, CPU seconds and peak RSS (bytes) of one run, from wait4 on the child."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{cmd[0]} failed: {child.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024

for cmd in commands.values():  # warm the page cache
    once(cmd)
samples = {name: [] for name in commands}
for _ in range(runs):  # interleaved, so changes in machine load hit both alike
    for name, cmd in commands.items():
        samples[name].append(once(cmd))

print(f"body: {size / 1e6:.1f} MB, {runs} runs each")
med = {}
for name, values in samples.items():
    wall = statistics.median(v[0] for v in values)
    cpu = statistics.median(v[1] for v in values)
    rss = max(v[2] for v in values)
    med[name] = (wall, cpu)
    print(f"{name:5} median wall {wall * 1000:8.0f} ms  cpu {cpu * 1000:8.0f} ms  "
          f"({size / 1e6 / wall:5.0f} MB/s wall)  peak RSS {rss / 1e6:6.0f} MB = {rss / size:4.2f} x body")
if "jq" in med:
    print(f"ratio jq/tree (median): wall {med['jq'][0] / med['tree'][0]:.1f}x, cpu {med['jq'][1] / med['tree'][1]:.1f}x "
          f"(goal: tree faster than jq, > 1x; tree RSS goal < 3 x body)")
PY

echo
echo "in-process (best of several runs, CPU time):"
"$bench" detail "$file"
