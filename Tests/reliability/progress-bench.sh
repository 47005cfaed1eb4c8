#!/usr/bin/env bash
# Progress-file figures for `make bench` (issue 6): replaying 1,000,000 events (time and peak memory, release
# build) and appending with fsync (median and p90). Fails if replay takes 1 s or more or 200 MB or more, or if the
# median append takes 5 ms or more, unless BENCH_NO_LIMITS=1.
#   EVENTS=1000000 APPENDS=500   PROGRESS_STRESS=path to a release build of progress-stress (else built here)
set -u
NAME=progress-bench
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$DIR/../.." && pwd)"
EVENTS="${EVENTS:-1000000}"
APPENDS="${APPENDS:-500}"
if [ -z "${PROGRESS_STRESS:-}" ]; then
    (cd "$ROOT" && swift build -c release --product progress-stress >/dev/null 2>&1) || { echo "FAIL $NAME: release build failed"; exit 1; }
    PROGRESS_STRESS="$(cd "$ROOT" && swift build -c release --show-bin-path)/progress-stress"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/aftersales-$NAME.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

"$PROGRESS_STRESS" generate "$WORK/history.jsonl" "$EVENTS" >"$WORK/gen" || { echo "FAIL $NAME: generate"; exit 1; }
best=""
for run in 1 2 3; do
    "$PROGRESS_STRESS" bench-replay "$WORK/history.jsonl" >"$WORK/replay-$run" || { echo "FAIL $NAME: replay"; exit 1; }
    seconds=$(awk '/^replay / { for (i = 1; i <= NF; i++) if ($i ~ /^seconds=/) { sub("seconds=", "", $i); print $i } }' "$WORK/replay-$run")
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; bestrun=$run; fi
done
replay_line=$(grep '^replay ' "$WORK/replay-$bestrun")
rss=$(echo "$replay_line" | sed 's/.*peak_rss_mb=\([0-9.]*\).*/\1/')
bytes=$(sed 's/.*bytes=\([0-9]*\).*/\1/' "$WORK/gen")
"$PROGRESS_STRESS" bench-append "$WORK/append.jsonl" "$APPENDS" >"$WORK/append" || { echo "FAIL $NAME: append"; exit 1; }
median=$(sed 's/.*median_ms=\([0-9.]*\).*/\1/' "$WORK/append")
p90=$(sed 's/.*p90_ms=\([0-9.]*\).*/\1/' "$WORK/append")

echo "progress replay: events=$EVENTS file_mb=$((bytes / 1000000)) best_of_3_seconds=$best peak_rss_mb=$rss"
echo "progress append: count=$APPENDS median_ms=$median p90_ms=$p90 (flock + write + fdatasync)"
if [ "${BENCH_NO_LIMITS:-0}" != 1 ]; then
    awk -v s="$best" -v m="$rss" -v a="$median" 'BEGIN { exit !(s < 1 && m < 200 && a < 5) }' ||
        { echo "FAIL $NAME: over the limits (replay < 1 s, < 200 MB; append median < 5 ms)"; exit 1; }
fi
echo "PASS $NAME"
