#!/usr/bin/env bash
# Runs every progress-file reliability script; exits non-zero if any fails. For `make test`:
#   bash Tests/reliability/run-progress.sh        (builds progress-stress in debug unless PROGRESS_STRESS is set)
set -u
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$DIR/../.." && pwd)"
if [ -z "${PROGRESS_STRESS:-}" ]; then
    (cd "$ROOT" && swift build --product progress-stress >/dev/null 2>&1) || { echo "FAIL: cannot build progress-stress"; exit 1; }
    PROGRESS_STRESS="$(cd "$ROOT" && swift build --show-bin-path)/progress-stress"
fi
export PROGRESS_STRESS
status=0
for script in progress-concurrent.sh progress-faults.sh progress-kill.sh; do
    bash "$DIR/$script" || status=1
done
exit $status
