#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) on a copy of its seed corpus.
# A crash is saved to Fuzz/crashers/<target>-<hash> (kept as a regression test) and fails the run.
#   bash Fuzz/run.sh [SECONDS] [TARGET ...]      targets: content grader progress
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(content grader progress)
swift build -c release --scratch-path .build-fuzz --product aftersales-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library >/tmp/aftersales-fuzz-build.log 2>&1 \
  || { tail -20 /tmp/aftersales-fuzz-build.log; exit 1; }
bin=.build-fuzz/release/aftersales-fuzz
failed=0
for target in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -r "Fuzz/corpus/$target/." "$work/" 2>/dev/null || true
  artifacts=$(mktemp -d)
  set +e
  FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$bin" "$work" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$artifacts/" -print_final_stats=1 >"$work.log" 2>&1
  status=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work.log" | grep -o '[0-9]*$' || echo "?")
  for crash in "$artifacts"/*; do
    [ -e "$crash" ] || continue
    name="$target-$(sha256sum "$crash" | cut -c1-12)"
    cp "$crash" "Fuzz/crashers/$name"
    echo "fuzz $target: CRASH saved as Fuzz/crashers/$name"
  done
  if [ $status -ne 0 ]; then
    failed=1
    grep -E "ERROR|SUMMARY|Fatal|crashed" "$work.log" | head -5
    echo "fuzz $target: FAILED after $runs runs"
  else
    echo "fuzz $target: clean, $runs runs in ${seconds}s"
  fi
  rm -rf "$work" "$artifacts" "$work.log"
done
exit $failed
