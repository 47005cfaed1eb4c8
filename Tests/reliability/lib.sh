# Shared set-up for the progress-file reliability scripts (sourced, not run).
# Finds or builds the `progress-stress` tool, makes a scratch directory and cleans up after itself.
#   PROGRESS_STRESS=/path/to/progress-stress   use this binary instead of building one (debug build by default)
set -u
RELIABILITY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$RELIABILITY_DIR/../.." && pwd)"
NAME="${NAME:-$(basename "$0" .sh)}"

fail() {
    echo "FAIL $NAME: $*"
    exit 1
}

if [ -z "${PROGRESS_STRESS:-}" ]; then
    (cd "$ROOT" && swift build --product progress-stress >/dev/null 2>&1) || fail "cannot build progress-stress (swift build --product progress-stress)"
    PROGRESS_STRESS="$(cd "$ROOT" && swift build --show-bin-path)/progress-stress"
fi
BIN="$PROGRESS_STRESS"
[ -x "$BIN" ] || fail "no executable at $BIN"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/aftersales-$NAME.XXXXXX")"
MOUNTS=()
IMMUTABLE=()
cleanup() {
    local path
    for path in "${IMMUTABLE[@]+"${IMMUTABLE[@]}"}"; do chattr -i "$path" 2>/dev/null; done
    for path in "${MOUNTS[@]+"${MOUNTS[@]}"}"; do umount "$path" 2>/dev/null || umount -l "$path" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# Lines of a file that end with a newline (a writer killed mid-print may leave a partial last line).
complete_lines() {
    if [ -s "$1" ] && [ -n "$(tail -c1 "$1")" ]; then sed '$d' "$1"; else cat "$1"; fi
}

# The sequence numbers a writer acknowledged: "ack N" lines, printed only after fsync.
acked_of() {
    complete_lines "$1" | awk '/^ack [0-9]+$/ { print $2 }'
}
