#!/usr/bin/env bash
# `sonde import` of a large Postman collection, whole process, against the goal of < 1 s:
# a generated v2.1 collection of ~3.6 MB (~450 requests in nested folders, JSON/urlencoded/
# formdata bodies, headers, auth, test and pre-request scripts, saved example responses).
#   sonde import FILE --dry-run          parse, convert, plan (nothing written)
#   sonde import FILE --into DIR         the same, and write every file (a fresh folder each run)
#   python3 -c 'json.load(...)'          the floor: a peer that only parses the same JSON
# Each runs RUNS times (default 5), interleaved; reports the median wall time, the ratio to the
# Python floor, and the goal beside it.
# Usage: bash bench/import-postman.sh [RUNS]   (from the repository root or anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
runs="${1:-5}"

# SCRATCH_PATH=/tmp/x builds outside .build, e.g. while another build holds it.
scratch=(); [ -n "${SCRATCH_PATH:-}" ] && scratch=(--scratch-path "$SCRATCH_PATH")
swift build -c release "${scratch[@]}" --product sonde >/dev/null
sonde="$(swift build -c release "${scratch[@]}" --show-bin-path)/sonde"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/big.postman_collection.json"

python3 - "$file" <<'PY'
import json, random, sys
random.seed(12)
words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"]
def text(n): return " ".join(random.choice(words) for _ in range(n))
def body(i):
    kind = i % 4
    if kind == 0:
        payload = {"id": i, "name": text(3), "tags": [text(1) for _ in range(20)],
                   "items": [{"sku": "S%05d" % j, "qty": j, "note": text(12)} for j in range(66)]}
        return {"mode": "raw", "raw": json.dumps(payload, indent=2), "options": {"raw": {"language": "json"}}}
    if kind == 1:
        return {"mode": "urlencoded", "urlencoded": [{"key": "f%d" % j, "value": text(2), "disabled": j == 3} for j in range(8)]}
    if kind == 2:
        return {"mode": "formdata", "formdata": [{"key": "note", "value": text(4), "type": "text"},
                                                 {"key": "file", "type": "file", "src": "/tmp/upload-%d.bin" % i}]}
    return None
def request(i):
    item = {
        "name": "Request %d %s" % (i, text(2)),
        "request": {
            "method": random.choice(["GET", "POST", "PUT", "PATCH", "DELETE"]),
            "header": [{"key": "X-Trace-%d" % j, "value": text(2)} for j in range(6)] + [{"key": "Accept", "value": "application/json"}],
            "url": {"raw": "{{baseUrl}}/v1/things/%d?page=1&q=%s" % (i, text(1)), "host": ["{{baseUrl}}"],
                    "path": ["v1", "things", str(i)], "query": [{"key": "page", "value": "1"}, {"key": "q", "value": text(1)}]},
            "description": text(30),
        },
        "event": [
            {"listen": "test", "script": {"type": "text/javascript", "exec": [
                "pm.test(\"Status code is 200\", function () {", "    pm.response.to.have.status(200);", "});",
                "var jsonData = pm.response.json();", "pm.expect(jsonData.id).to.eql(%d);" % i,
                "pm.environment.set(\"lastId\", pm.response.json().id);",
                "if (jsonData.items) { console.log(jsonData.items.length); }"]}},
            {"listen": "prerequest", "script": {"type": "text/javascript", "exec": ["pm.variables.set('t', Date.now());"]}},
        ],
        "response": [{"name": "ok", "code": 200, "body": json.dumps({"id": i, "items": [text(8) for _ in range(30)]})}],
    }
    b = body(i)
    if b: item["request"]["body"] = b
    if i % 7 == 0: item["request"]["auth"] = {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}
    return item
items, i = [], 0
for f in range(15):
    sub = []
    for s in range(3):
        sub.append({"name": "Sub %d" % s, "item": [request(i + k) for k in range(10)]})
        i += 10
    items.append({"name": "Folder %d %s" % (f, text(1)), "item": sub,
                  "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}, {"key": "value", "value": "{{apiKey}}"}]}})
collection = {"info": {"name": "Bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
              "variable": [{"key": "baseUrl", "value": "https://api.example.com"}], "item": items}
with open(sys.argv[1], "w") as out:
    json.dump(collection, out, indent=2)
PY
size=$(stat -c %s "$file")
count=$(grep -c '"request": {' "$file")
printf 'collection: %.1f MB, %d requests\n' "$(echo "$size / 1000000" | bc -l)" "$count"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: > "$work/dry" ; : > "$work/real" ; : > "$work/python"
for run in $(seq "$runs"); do
  start=$(now); "$sonde" import "$file" --dry-run > /dev/null; end=$(now)
  echo "$end - $start" | bc -l >> "$work/dry"
  start=$(now); "$sonde" import "$file" --into "$work/out-$run" > /dev/null; end=$(now)
  echo "$end - $start" | bc -l >> "$work/real"
  start=$(now); python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$file"; end=$(now)
  echo "$end - $start" | bc -l >> "$work/python"
done
dry=$(median < "$work/dry"); real=$(median < "$work/real"); py=$(median < "$work/python")
files=$(find "$work/out-1" -type f | wc -l)
printf '%-34s %8.3f s   goal < 1 s   %s\n' "sonde import --dry-run" "$dry" "$(echo "$dry < 1" | bc -l | sed 's/1/ok/;s/0/OVER/')"
printf '%-34s %8.3f s   goal < 1 s   %s   (%d files)\n' "sonde import (writes the files)" "$real" "$(echo "$real < 1" | bc -l | sed 's/1/ok/;s/0/OVER/')" "$files"
printf '%-34s %8.3f s   (the floor: parse only)\n' "python3 json.load" "$py"
printf 'ratio to the floor: dry-run %.1fx, import %.1fx\n' "$(echo "$dry / $py" | bc -l)" "$(echo "$real / $py" | bc -l)"
