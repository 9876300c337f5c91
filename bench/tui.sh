#!/usr/bin/env bash
# The TUI's speed goals, measured in one run against peers:
#  1. First frame with a 1,000-request collection (20 folders of 50): the whole process, in a
#     pseudo-terminal made by script(1), from start to the first frame drawn
#     (SONDE_BENCH_FIRST_FRAME=1 leaves right after it), against `echo` in the same kind of pty
#     in the same run (goal: at most 50 ms beyond echo); `sonde --version` shows what starting
#     at all costs. Then the in-process split (outline, state, render), and the full parse of the
#     request files that follows the first frame in the background.
#  2. A JSON response of MEGABYTES (default 50) from its last byte to the tree on screen,
#     against `jq . FILE >/dev/null` on the same file (goal: no slower than jq); then each key
#     (scroll, page, fold, fold all) with its frame at 120×40 and 300×100 (goal: under 16 ms),
#     and peak memory over the body size (goal: under 3×).
# Usage: bash bench/tui.sh [MEGABYTES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
megabytes="${1:-50}"
runs="${2:-5}"
scratch=(); [ -n "${SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$SCRATCH_PATH")
swift build -c release "${scratch[@]}" --product tui-bench >/dev/null
swift build -c release "${scratch[@]}" --static-swift-stdlib --product sonde >/dev/null
bin="$(swift build -c release "${scratch[@]}" --show-bin-path)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1,000 requests in 20 folders.
python3 - "$work/big" <<'PY'
import os, sys
root = sys.argv[1]
os.makedirs(root)
open(os.path.join(root, "collection.yaml"), "w").write("name: Big\nvariables:\n  - {name: base, value: 'http://127.0.0.1:9'}\n")
for f in range(20):
    folder = os.path.join(root, "folder%02d" % f)
    os.makedirs(folder)
    for r in range(50):
        open(os.path.join(folder, "request%02d.yaml" % r), "w").write(
            "name: Request %d.%d\nmethod: GET\nurl: '{{base}}/items/%d'\nheaders:\n  - {name: Accept, value: application/json}\n" % (f, r, r))
PY

frame_runs=$(( runs > 21 ? runs : 21 ))
echo "== First frame, 1,000 requests (median of $frame_runs, whole process in a pty, interleaved with echo) =="
python3 - "$bin/sonde" "$work/big" "$frame_runs" <<'PY'
import os, statistics, subprocess, sys, time
sonde, collection, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = dict(os.environ, TERM="xterm-256color", SONDE_BENCH_FIRST_FRAME="1", XDG_DATA_HOME="/tmp/sonde-bench-data")
def timed(command):
    start = time.perf_counter()
    subprocess.run(["script", "-qec", command, "/dev/null"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000
commands = {"echo": "echo", "first frame": f"{sonde} --collections {collection}", "--version": f"{sonde} --version"}
for command in commands.values():  # warm up: page cache, the binary
    timed(command)
samples = {name: [] for name in commands}
for _ in range(runs):  # interleaved, so drift in machine load hits all alike
    for name, command in commands.items():
        samples[name].append(timed(command))
med = {name: statistics.median(values) for name, values in samples.items()}
print(f"echo in a pty: {med['echo']:.1f} ms   sonde --version: {med['--version']:.1f} ms   sonde first frame: {med['first frame']:.1f} ms")
print(f"first frame beyond echo (median): {med['first frame'] - med['echo']:.1f} ms  (goal <= 50 ms)")
PY
echo "-- in process --"
"$bin/tui-bench" first-frame "$work/big"

echo
echo "== ${megabytes} MB JSON response to tree on screen vs jq (median of $runs) =="
python3 - "$work/body.json" "$megabytes" <<'PY'
import json, random, sys
random.seed(7)
path, target = sys.argv[1], int(float(sys.argv[2]) * 1_000_000)
words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
with open(path, "w") as out:
    out.write('{"data":[')
    size, i = 10, 0
    while size < target:
        item = {"id": i, "name": random.choice(words).title() + " " + random.choice(words).title(),
                "email": "user%d@example.com" % i, "active": random.random() < 0.7, "score": round(random.uniform(0, 100), 2),
                "tags": random.sample(words, random.randint(0, 3)),
                "address": {"city": random.choice(words).title(), "zip": "%05d" % random.randint(0, 99999)},
                "manager_id": None if random.random() < 0.3 else random.randint(0, 1000)}
        text = ("," if i else "") + json.dumps(item, separators=(",", ":"))
        out.write(text)
        size += len(text)
        i += 1
    out.write('],"total":%d}' % i)
PY
if command -v jq >/dev/null 2>&1; then
  python3 - "$bin/tui-bench" "$work/body.json" "$runs" <<'PY'
import re, statistics, subprocess, sys, time
bench, body, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def wall(command):
    start = time.perf_counter()
    out = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True).stdout
    return (time.perf_counter() - start) * 1000, out
sonde, jq, outputs = [], [], []
for _ in range(runs):
    _, out = wall([bench, "response", body, "120", "40"])
    sonde.append(float(re.search(r"to_screen_ms (\S+)", out).group(1)))
    outputs.append(out)
    jq.append(wall(["jq", ".", body])[0])
s, j = statistics.median(sonde), statistics.median(jq)
print(f"sonde bytes-to-tree-on-screen: {s:.0f} ms   jq . >/dev/null: {j:.0f} ms   ratio {s / j:.2f}x (goal <= 1)")
print("-- keys at 120x40 (key + frame) --")
print("\n".join(l for l in outputs[-1].splitlines() if l.startswith(("key_", "peak_rss", "rss_over"))))
PY
else
  echo "jq is not installed: sudo apt-get install jq"; "$bin/tui-bench" response "$work/body.json" 120 40
fi
echo "-- keys at 300x100 --"
"$bin/tui-bench" response "$work/body.json" 300 100 | grep -E "^(key_|to_screen)"
