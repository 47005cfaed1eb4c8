#!/usr/bin/env bash
# Reliability evidence (issue 6): four processes append 500 events each to one progress file at the same time.
# The file must hold exactly the header plus 2,000 whole lines, every one a valid event, each writer's events all
# there once and in the order it wrote them: no interleaved or torn line.
#   WRITERS=4 EVENTS=500 (defaults)
NAME=progress-concurrent
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
WRITERS="${WRITERS:-4}"
EVENTS="${EVENTS:-500}"
started=$SECONDS
file="$WORK/shared.jsonl"

pids=()
for ((w = 1; w <= WRITERS; w++)); do
    # Every 25th event is 64 KiB, so that an unlocked or split write would show as interleaved bytes.
    "$BIN" append "$file" "$EVENTS" --writer "w$w" --big-every 25 >"$WORK/w$w.out" 2>&1 &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "a writer exited with an error"; done

for ((w = 1; w <= WRITERS; w++)); do
    grep -q "^done acked=$EVENTS failed=0$" "$WORK/w$w.out" || fail "writer w$w: $(tail -n2 "$WORK/w$w.out" | tr '\n' ' ')"
done

expected=$((WRITERS * EVENTS))
lines=$(wc -l <"$file")
[ "$lines" -eq $((expected + 1)) ] || fail "expected $((expected + 1)) lines (header + $expected), found $lines"
[ -z "$(tail -c1 "$file")" ] || fail "the file does not end with a newline"
head -n1 "$file" | grep -q '^{"type":"header","schema":1,' || fail "first line is not the header"
[ ! -e "$file.corrupt" ] || fail "something was set aside in .corrupt"

"$BIN" check "$file" >"$WORK/check" 2>&1 || fail "check failed: $(tail -n3 "$WORK/check")"
grep -q '^warning ' "$WORK/check" && fail "warning on replay: $(grep '^warning ' "$WORK/check" | head -n1)"
grep -q "^summary events=$expected warnings=0$" "$WORK/check" || fail "replay: $(grep '^summary' "$WORK/check")"
for ((w = 1; w <= WRITERS; w++)); do
    seqs=$(awk -v w="w$w" '$1 == "event" && $2 == w { printf "%s ", $3 }' "$WORK/check")
    want=$(seq 0 $((EVENTS - 1)) | tr '\n' ' ')
    [ "$seqs" = "$want" ] || fail "writer w$w: its events are missing, repeated or out of order"
done
interleaved=$(awk '$1 == "event" { if (prev != "" && $2 != prev) n++; prev = $2 } END { print n + 0 }' "$WORK/check")

echo "PASS $NAME: writers=$WRITERS events_each=$EVENTS lines=$expected whole=yes writer_switches=$interleaved seconds=$((SECONDS - started))"
