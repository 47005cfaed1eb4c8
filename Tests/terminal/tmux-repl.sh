#!/usr/bin/env bash
# End-to-end test of the REPL in a real terminal (tmux): line editing with the arrow keys, history
# recall and persistence, tab completion, Ctrl-C and Ctrl-D, and that written replies stay out of history.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${AFTERSALES_BIN:-$root/.build/debug/aftersales}
work=$(mktemp -d)
socket="aftersales-test-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
passed=0
failed=0

screen() { tmux -L "$socket" capture-pane -p -t t -S -200; }
# Waits until the screen shows a text (fixed string), up to 10 s.
wait_for() {
  for _ in $(seq 1 100); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  return 1
}
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $name"; else failed=$((failed + 1)); echo "FAIL $name"; screen | tail -25; fi
}
keys() { tmux -L "$socket" send-keys -t t "$@"; }
count() { screen | grep -cF -- "$1" || true; }
# The last non-empty line on screen (capture-pane drops trailing spaces).
last_line() { tmux -L "$socket" capture-pane -p -t t | sed '/^[[:space:]]*$/d' | tail -1; }
last_is() { [ "$(last_line)" = "$1" ]; }
last_matches() { last_line | grep -qE -- "$1"; }

start() {
  tmux -L "$socket" new-session -d -s t -x 120 -y 50 \
    "env -i HOME=$work TERM=xterm-256color LANG=C.UTF-8 NO_COLOR=1 XDG_DATA_HOME=$work/data '$bin' --lang en --content '$root' --seed 1; echo \"exit-status=\$?\" > '$work/status'; sleep 30"
}

start
check "prompt appears" wait_for "aftersales>"

# A typo fixed with the arrow keys: "scenaros" → move left twice, insert "i".
keys -l "scenaros"; keys Left Left; keys -l "i"; keys Enter
check "line edited with arrow keys runs the fixed command" wait_for "Scenarios ("
# The up arrow recalls the last command.
keys Up; sleep 0.2
check "up arrow recalls history" last_is "aftersales> scenarios"
keys Enter; sleep 0.5
check "recalled command runs again" test "$(count 'Scenarios (')" -ge 2

# Tab completes the command, then the scenario id.
keys -l "pl"; keys Tab; sleep 0.3
check "pl<TAB> completes to play" last_is "aftersales> play"
keys -l "atoz-not"; keys Tab; sleep 0.3
check "scenario id completes" last_is "aftersales> play atoz-not-received"

# Ctrl-C mid-line cancels the line, the program stays; a second Ctrl-C on an empty line says how to leave.
keys C-c; sleep 0.3
check "Ctrl-C cancels the line" wait_for "^C"
check "prompt returns after Ctrl-C with an empty line" last_is "aftersales>"
keys C-c; sleep 0.3
check "Ctrl-C on an empty line explains how to leave" wait_for "To leave, type 'quit' or press Ctrl-D"
check "program still running after two Ctrl-C" test ! -e "$work/status"

# Play through a written reply: its text must not reach the history file.
keys -l "play atoz-not-received"; keys Enter
check "scenario starts" wait_for "Where is my blender"
keys -l "1"; keys Enter; wait_for "What happened" || true
keys -l "1"; keys Enter
check "reply is requested" wait_for "End it with a line holding only a dot"
keys -l "Hi Dana, secret-reply-marker sorry, a replacement ships today. Reply to this message."; keys Enter
keys -l "."; keys Enter
check "reply graded" wait_for "Reply graded"
keys -l "1"; keys Enter
check "scenario ends" wait_for "Score:"

# Ctrl-D on an empty line leaves cleanly. Wait for the prompt first: a key sent while the ending is still
# being printed reaches the terminal before readline takes it over, and readline discards pending input then.
for _ in $(seq 1 100); do last_is "aftersales>" && break; sleep 0.1; done
keys C-d
for _ in $(seq 1 50); do [ -e "$work/status" ] && break; sleep 0.1; done
check "Ctrl-D exits with status 0" grep -qx "exit-status=0" "$work/status"
check "history saved across runs" grep -qx "scenarios" "$work/data/aftersales/history"
check "history holds commands, not replies" bash -c "! grep -q 'secret-reply-marker' '$work/data/aftersales/history'"
check "history file is private (0600)" test "$(stat -c %a "$work/data/aftersales/history")" = "600"

# A new run sees the old history.
tmux -L "$socket" kill-server 2>/dev/null || true
rm -f "$work/status"
start
wait_for "aftersales>" || true
keys Up; sleep 0.3
check "history recalled in a new run" last_is "aftersales> play atoz-not-received"
keys C-u; keys -l "quit"; keys Enter
for _ in $(seq 1 50); do [ -e "$work/status" ] && break; sleep 0.1; done
check "quit exits with status 0" grep -qx "exit-status=0" "$work/status"

echo "tmux REPL test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
