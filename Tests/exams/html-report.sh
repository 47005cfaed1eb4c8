#!/usr/bin/env bash
# The exam class report in a real browser: three trainees take an exam through piped stdin, `exam grade`
# writes the HTML report, headless Chromium loads it (--dump-dom) and takes a screenshot. Checks that the
# rendered DOM holds every trainee, the charts and the drill-down, and that the screenshot is a real PNG.
#
#   AFTERSALES_BIN=.build-exams/debug/aftersales bash Tests/exams/html-report.sh
#
# Installs Debian's chromium when missing; skips (exit 0, with the reason) only if it cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"

bin="${AFTERSALES_BIN:-}"
if [[ -z "$bin" ]]; then
    for candidate in .build/debug/aftersales .build-*/debug/aftersales; do
        [[ -x "$candidate" ]] && { bin="$candidate"; break; }
    done
fi
[[ -n "$bin" && -x "$bin" ]] || { echo "FAIL: no aftersales binary; build it or set AFTERSALES_BIN" >&2; exit 1; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
    echo "chromium is missing; installing Debian's chromium package…"
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null \
        && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/tmp/aftersales-chromium-install.log 2>&1; then
        browser="$(command -v chromium || true)"
    fi
    if [[ -z "$browser" ]]; then
        echo "SKIP: chromium could not be installed (needs root, apt-get and network to the Debian mirror; see /tmp/aftersales-chromium-install.log)"
        exit 0
    fi
fi

work="$(mktemp -d /tmp/aftersales-html-report.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > spec.yaml <<'SPEC'
id: html-check
title: {en: "HTML report check", zh: "HTML 报告检查"}
scenarios: [atoz-not-received]
time_limit: 30
pass_mark: 60
SPEC
run() { NO_COLOR=1 LANG=C.UTF-8 HOME="$work" XDG_DATA_HOME="$work/data" "$bin" "$@" --content "$root" --lang en; }
printf '1\n1\nHi Dana, I am so sorry. I will send a replacement today.\nReply to this message with any questions.\n.\n1\n' | run exam take spec.yaml --trainee "Wang Li" >/dev/null
printf '2\n' | run exam take spec.yaml --trainee "张伟" >/dev/null
printf '1\n3\nIt is your fault, but sorry, I will refund you.\n.\n1\n' | run exam take spec.yaml --trainee "<b>Mallory</b>" >/dev/null
run exam grade results/*.jsonl --html report.html >/dev/null 2>&1

chrome() { timeout 90 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --user-data-dir="$work/profile" "$@" "file://$work/report.html" 2>"$work/chromium.log"; }
chrome --dump-dom > dom.html || { echo "FAIL: chromium --dump-dom failed"; tail -5 "$work/chromium.log"; exit 1; }

failures=0
expect() { # description, grep -E pattern
    if grep -qE -- "$2" dom.html; then echo "ok   $1"; else echo "FAIL $1 (no match for: $2)"; failures=$((failures + 1)); fi
}
expect_not() {
    if grep -qE -- "$2" dom.html; then echo "FAIL $1 (found: $2)"; failures=$((failures + 1)); else echo "ok   $1"; fi
}
expect "page title" "<title>Class report: HTML report check</title>"
expect "trainee Wang Li in the table" 'class="trainee-row[^"]*"><td><a href="#trainee-[0-9]+">Wang Li</a>'
expect "trainee 张伟 in the table" '>张伟</a>'
expect "hostile name shown as text" '&lt;b&gt;Mallory&lt;/b&gt;'
expect_not "hostile name not rendered as markup" '<b>Mallory</b>'
expect "score histogram" '<svg id="histogram-chart"'
expect "histogram bars" '<rect class="bar (pass|fail)" data-bin="[0-9]" data-count="[1-9]'
expect "topic bars" '<svg id="topic-chart"'
expect "rule ranking" '<svg id="rule-chart"'
expect "decision point distribution" '<svg id="decision-atoz-not-received-notice"'
expect "item analysis table" '<table id="item-table">'
expect "three drill-downs" "$(printf 'id="trainee-3"')"
expect "each reply in the drill-down" '<pre class="reply-text">(<mark[^>]*>)?It is (<mark[^>]*>)?your fault'
expect "the blame in a reply is highlighted as evidence" '<mark class="bad" title="blame_buyer">your fault</mark>'
expect "reply criteria listed" '<li class="violated">✗ blame_buyer'
if grep -q '<mark class=' dom.html; then
    expect "reply evidence highlighted" '<mark class="(good|bad)" title="[^"]+">'
else
    echo "note the grader in use gives no evidence spans (the CLI's interim stand-in); highlighting is tested in ExamReportTests"
fi
expect_not "no script element" '<script'
[[ $(grep -o '<details class="trainee"' dom.html | wc -l) -eq 3 ]] && echo "ok   exactly three trainees in the drill-down" \
    || { echo "FAIL drill-down count"; failures=$((failures + 1)); }

chrome --screenshot="$work/report.png" --window-size=1200,1600 >/dev/null || { echo "FAIL: chromium --screenshot failed"; tail -5 "$work/chromium.log"; exit 1; }
if [[ -s report.png && "$(head -c 8 report.png | od -An -tx1 | tr -d ' \n')" == "89504e470d0a1a0a" ]]; then
    echo "ok   screenshot is a PNG ($(stat -c %s report.png) bytes)"
else
    echo "FAIL screenshot missing or not a PNG"; failures=$((failures + 1))
fi
if grep -E "ERROR:(CONSOLE|.*Refused to)" "$work/chromium.log" >/dev/null; then
    echo "FAIL the page caused console errors or blocked loads:"; grep -E "CONSOLE|Refused" "$work/chromium.log" | head -5; failures=$((failures + 1))
else
    echo "ok   no console errors and nothing blocked"
fi
[[ -n "${KEEP_SCREENSHOT:-}" ]] && cp report.png "$KEEP_SCREENSHOT" && echo "screenshot kept at $KEEP_SCREENSHOT"

if [[ $failures -gt 0 ]]; then echo "$failures check(s) failed"; exit 1; fi
echo "html report: all checks passed"
