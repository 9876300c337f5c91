#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for SECONDS (default 600) from a corpus
# seeded with the demo collection. Prints, per target, the runs, the coverage and the crashes;
# exits non-zero when any target crashed or hung (a hang is an input slower than 10 s).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: FuzzRequestFile FuzzTemplate FuzzJSONTree
#                                                      FuzzJSONPath FuzzPrettyPrint FuzzBruFile (default: all)
#
# Crash inputs are saved in .build-fuzz/artifacts/TARGET/; replay one with
# `.build-fuzz/release/TARGET FILE`. Not part of scripts/test.sh: it takes minutes per target.
# One invocation at a time: they share .build-fuzz (a second one started beside the first failed).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzRequestFile FuzzTemplate FuzzJSONTree FuzzJSONPath FuzzPrettyPrint FuzzBruFile)
scratch=.build-fuzz
demo=collections/demo

# libFuzzer without its main(): SwiftPM links executables with `--defsym main=<Module>_main`,
# which clashes with the main that `-sanitize=fuzzer` links in whole; Fuzz/LibFuzzerDriver
# calls LLVMFuzzerRunDriver instead. The instrumentation is -sanitize=fuzzer's, spelled out.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
libfuzzer=$(ls "$toolchain"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -n 1)
build_flags=(
    --scratch-path "$scratch" -c release
    -Xswiftc -sanitize=address
    -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table
    -Xcc -fsanitize=fuzzer-no-link,address
    -Xlinker --whole-archive -Xlinker "$libfuzzer" -Xlinker --no-whole-archive -Xlinker -lstdc++
)
for target in "${targets[@]}"; do
    echo "building $target"
    SONDE_FUZZ=1 swift build "${build_flags[@]}" --product "$target" 2>&1 | grep -v "Cannot export local symbol" | tail -n 3
done

# Seeds: the demo collection's request files; its quoted templates (URLs, headers, auth) with the
# collection's and the local environment's variables; its paging JSONPaths over bodies shaped
# like the demo server's.
seed() { # seed FOLDER NAME: stdin becomes one seed file
    mkdir -p "$scratch/corpus/$1"
    cat > "$scratch/corpus/$1/seed-$2"
}
variables=$(sed -n 's/^ *- name: *\([A-Za-z_]*\)$/\1/p; s/^ *value: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' \
    "$demo/collection.yaml" "$demo/environments/local.yaml" | paste -d= - -)
json_seeds=(
    '{"data":[{"id":1,"name":"Ada","email":"ada@example.com","tags":["admin","ops"]},{"id":2,"name":"Grace","active":true,"score":-1.5e3}],"meta":{"next_cursor":"c2","total":42,"page":null}}'
    '[{"userId":1,"title":"Hello from sonde","body":"Created at 1700000000, request \u00fc\/\"x\"\\"}]'
    '{"a":{"b":{"c":[[[]],{},0,-0.0,1E+2,"\ud83d\ude00"]}},"":"empty key","next-page":"/items?page=2"}'
)
for i in "${!json_seeds[@]}"; do
    printf '%s' "${json_seeds[$i]}" | seed FuzzJSONTree "body$i"
    printf '%s' "${json_seeds[$i]}" | seed FuzzPrettyPrint "body$i"
    p=0
    for path in $(sed -n 's/^ *\(items\|cursor\|total\): *\(\$.*\)$/\2/p' "$demo"/paging/*.yaml | sort -u) '$..id' '$.data[-1:0:-1]' "\$['meta','data'][0]"; do
        printf '%s\n%s' "$path" "${json_seeds[$i]}" | seed FuzzJSONPath "body$i-path$p"
        p=$((p + 1))
    done
done
# A Bruno request file with each kind of block: pairs, a ''' value, a list, text.
printf '%s\n' 'meta {' '  name: Create user' '  seq: 2' '}' '' 'post {' '  url: {{baseUrl}}/users/:id?x=1' '  body: json' '  auth: bearer' '}' '' \
    'params:path {' '  id: 42' '}' '' 'headers {' '  ~X-Debug: 1' '  X-Multi: ' " '    a' '    b' " '}' '' \
    'auth:bearer {' '  token: {{token}}' '}' '' 'body:json {' '  {' '    "name": "Ada"' '  }' '}' '' 'vars:secret [' '  token,' '  ~pw' ']' \
    | seed FuzzBruFile request
n=0
while IFS= read -r file; do
    seed FuzzRequestFile "$(basename "$(dirname "$file")")-$(basename "$file")" < "$file"
    while IFS= read -r template; do
        n=$((n + 1))
        printf '%s\n%s\n' "$template" "$variables" | seed FuzzTemplate "$n"
    done < <(grep -o '"[^"]*{{[^"]*}}[^"]*"' "$file" | tr -d '"' || true)
done < <(find "$demo" -name '*.yaml' | sort)

status=0
for target in "${targets[@]}"; do
    artifacts="$scratch/artifacts/$target"
    mkdir -p "$artifacts" "$scratch/corpus/$target"
    log="$scratch/fuzz-$target.log"
    crashes_before=$(ls "$artifacts" | wc -l)
    # -timeout: an input slower than 10 s is a hang and fails like a crash. A run stops at its
    # first crash; fix it (or move the artifact away) and run again.
    # SWIFT_BACKTRACE: the Swift runtime's crash backtracer trips over ASan; libFuzzer's own
    # report is the one wanted.
    dictionary=Fuzz/dictionaries/$target.dict
    [ -f "$dictionary" ] || dictionary=Fuzz/dictionaries/json.dict
    fuzzer_status=0
    SWIFT_BACKTRACE=enable=no "$scratch/release/$target" "$scratch/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -dict="$dictionary" -artifact_prefix="$artifacts/" -print_final_stats=1 > "$log" 2>&1 || fuzzer_status=$?
    crashes=$(( $(ls "$artifacts" | wc -l) - crashes_before ))
    # A crash that left no artifact still counts.
    [ "$fuzzer_status" -eq 0 ] || [ "$crashes" -gt 0 ] || crashes=1
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    printf '%-16s %6ss  %10s runs  %-10s  %d crash(es)\n' "$target" "$seconds" "${runs:-?}" "${coverage:-cov: ?}" "$crashes"
    if [ "$crashes" -gt 0 ]; then
        status=1
        ls -t "$artifacts" | head -n "$crashes" | sed "s|^|    $artifacts/|"
        grep -m 3 -E 'Fatal error|ERROR: (AddressSanitizer|libFuzzer)|SUMMARY' "$log" | sed 's/^/    /' || true
        echo "    log: $log"
    fi
done
exit $status
