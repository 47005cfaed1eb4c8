#!/usr/bin/env bash
# `make bench`: release builds (static Swift standard library), then one table of figures with their targets.
# Machine info and how to read the figures: Benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scratch=.build-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "installing hyperfine"; apt-get install -y -qq hyperfine >/dev/null 2>&1 || true; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)"; exit 1; }

echo "Building release binaries (-static-stdlib)…"
swift build -c release --scratch-path $scratch -Xswiftc -static-stdlib \
  --product aftersales --product aftersales-hello --product aftersales-bench >"$work/build.log" 2>&1 \
  || { tail -20 "$work/build.log"; exit 1; }
bin=$scratch/release
export XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data HOME=$work NO_COLOR=1 LANG=C.UTF-8

rows=()
row() { rows+=("$(printf '%-44s %18s   %s' "$1" "$2" "$3")"); }
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }  # peak RSS in KB
mean_ms() { python3 -c "import json,sys; print('%.2f' % (json.load(open(sys.argv[1]))['results'][${2:-0}]['mean']*1000))" "$1"; }

# 1. Start-up: launch → first prompt with all content loaded and checked (a warm content cache), stdin
#    piped with `quit`, beside a hello world linking the same libraries, in the same hyperfine run.
echo quit > "$work/quit"
"$bin/aftersales" --lang en < "$work/quit" >/dev/null  # fills the content cache (load + lint once)
hyperfine -N --warmup 20 --runs 200 --export-json "$work/start.json" \
  --input "$work/quit" "$bin/aftersales --lang en" "$bin/aftersales-hello" >/dev/null 2>&1 \
  || hyperfine --warmup 20 --runs 200 --export-json "$work/start.json" \
    "$bin/aftersales --lang en < $work/quit" "$bin/aftersales-hello < $work/quit" >/dev/null
app=$(mean_ms "$work/start.json" 0); hello=$(mean_ms "$work/start.json" 1)
ratio=$(python3 -c "print('%.2f' % ($app/$hello))")
row "start-up, aftersales (warm cache)" "$app ms" "hello world $hello ms → ratio ${ratio}× (target ≤ 1.5×)"
cold=$( { /usr/bin/time -f "%e" env XDG_CACHE_HOME="$work/cold" "$bin/aftersales" --lang en < "$work/quit" >/dev/null; } 2>&1 | tail -1)
row "start-up, first run (parse + lint, no cache)" "$(python3 -c "print('%.0f ms' % ($cold*1000))")" "once per content change"
row "peak RSS, interactive session (start, quit)" "$(peak "$bin/aftersales" --lang en < "$work/quit") KB" ""

# 2. Content scale: load and lint generated libraries; time must grow linearly, 5,000 under 2 s.
for n in 50 500 5000; do
  python3 Benchmarks/generate-scenarios.py $n "$work/gen$n" "$root/Content"
  hyperfine --warmup 1 --runs 3 --export-json "$work/lint$n.json" "$bin/aftersales lint --quiet $work/gen$n" >/dev/null 2>&1 || true
  t=$(mean_ms "$work/lint$n.json")
  per=$(python3 -c "print('%.3f' % ($t/$n))")
  target=""; [ $n = 5000 ] && target="(target < 2000 ms)"
  row "load + lint $n scenarios" "$t ms" "$per ms/scenario $target; peak $(peak "$bin/aftersales" lint --quiet "$work/gen$n") KB"
done

# 3. Grading and progress figures come from the benchmark executable.
"$bin/aftersales-bench" all --content "$root" --work "$work" --proselint >"$work/bench.txt" || true
while IFS=$'\t' read -r name value note; do row "$name" "$value" "$note"; done < "$work/bench.txt"

echo
echo "aftersales benchmarks — $(date -u +%F) — $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '%-44s %18s   %s\n' "figure" "value" "notes"
printf '%s\n' "${rows[@]}"
