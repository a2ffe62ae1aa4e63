#!/bin/bash
# tockd's command line end to end: --help/-h/--helpfull/--version, usage errors (exit 2, one
# line), file flags checked before any app starts (exit 1, errno text), paths relative to
# BUILD_WORKING_DIRECTORY, --exit-when-done's status and last line, no "led N off" at start.
set -eu
TOCKD="$PWD/$1"
HELLO="$PWD/$2"
FAULT="$PWD/$3"
BLINK="$PWD/$4"
T="${TEST_TMPDIR:-$(mktemp -d)}"
fail() { echo "FAIL: $*"; exit 1; }

# run RC CMD...: runs tockd (stdout to $T/out, stderr to $T/err) and checks its exit status.
run() {
  local want="$1" rc=0; shift
  "$TOCKD" "$@" > "$T/out" 2> "$T/err" < /dev/null || rc=$?
  [ "$rc" = "$want" ] || fail "tockd $* exited $rc, want $want: $(cat "$T/err")"
}
# only_line TEXT: stderr is exactly that line and no app printed anything.
only_line() {
  [ "$(cat "$T/err")" = "$1" ] || fail "stderr '$(cat "$T/err")', want '$1'"
  [ ! -s "$T/out" ] || fail "something ran: $(cat "$T/out")"
}

# Help: one screen on stdout, exit 0; every flag only with --helpfull.
for h in --help -h; do
  run 0 "$h"
  [ "$(wc -l < "$T/out")" -le 24 ] || fail "$h: $(wc -l < "$T/out") lines"
  grep -q "^usage: tockd \[flags\] APP.tbf" "$T/out" || fail "$h: no usage line"
  grep -q -- "--debug=APP" "$T/out" && grep -q -- "--symbols=" "$T/out" || fail "$h: --debug/--symbols"
  grep -q -- "--control-idle-timeout" "$T/out" && fail "$h lists every flag"
  [ ! -s "$T/err" ] || fail "$h wrote to stderr"
done
run 0 --help "$HELLO" --frob  # --help wins over what else is there
run 0 --helpfull
grep -q -- "--control-idle-timeout=5m" "$T/out" || fail "--helpfull lacks a flag"
grep -q -- "flagfile" "$T/out" && fail "--helpfull lists Abseil's own flags"
run 0 --version
grep -Eqx "tockd [0-9]+\.[0-9]+ \(Tock 2\.[0-9]+ kernel ABI\)" "$T/out" || fail "version: $(cat "$T/out")"

# Usage errors: exit 2, one line with tockd's prefix, nothing started.
run 2 --frob "$HELLO"
only_line "tockd: unknown flag --frob (see tockd --help)"
run 2 --seed=x "$HELLO"
only_line "tockd: bad value 'x' for --seed (want a whole number in range) (see tockd --help)"
run 2 "$HELLO" --trace
only_line "tockd: --trace needs a value (see tockd --help)"
run 2
only_line "tockd: no apps given (usage: tockd [flags] APP.tbf ...; see tockd --help)"
run 2 --time=fast "$HELLO"
only_line "tockd: --time must be real or virtual"
run 2 --control=tcp:9 "$HELLO"
only_line "tockd: --control must be unix:PATH"

# File flags: checked before any app is read or started; exit 1 with the errno text.
mkdir -p "$T/dir"
run 1 --exit-when-done --trace=/nonexistent/t.json "$HELLO"
only_line "tockd: --trace /nonexistent/t.json: cannot open: No such file or directory"
run 1 --exit-when-done --trace="$T/dir" "$HELLO"
only_line "tockd: --trace $T/dir: cannot open: Is a directory"
run 1 --exit-when-done --flash-file="$T/dir" "$HELLO"
only_line "tockd: --flash-file $T/dir: is a directory"
run 1 --exit-when-done --flash-file=/nonexistent/flash "$HELLO"
only_line "tockd: --flash-file /nonexistent/flash: directory /nonexistent: No such file or directory"
run 1 --exit-when-done --control=unix:/nonexistent/c.sock "$HELLO"
only_line "tockd: --control /nonexistent/c.sock: directory /nonexistent: No such file or directory"

# Relative paths (apps and file flags) are the caller's under bazel run (BUILD_WORKING_DIRECTORY),
# else the current directory's; absolute paths are unchanged.
mkdir -p "$T/wd" "$T/elsewhere"
cp "$HELLO" "$T/wd/app.tbf"
(cd "$T/elsewhere" && BUILD_WORKING_DIRECTORY="$T/wd" run 0 --exit-when-done --trace=t.json app.tbf)
grep -q "Hello, World!" "$T/out" || fail "app.tbf from BUILD_WORKING_DIRECTORY did not run"
[ -s "$T/wd/t.json" ] || fail "--trace=t.json not written in BUILD_WORKING_DIRECTORY"
(cd "$T/wd" && run 0 --exit-when-done app.tbf)
(cd "$T/elsewhere" && BUILD_WORKING_DIRECTORY="$T/wd" run 0 --exit-when-done "$HELLO")
(cd "$T/elsewhere" && run 1 --exit-when-done app.tbf)  # no such file here
only_line "tockd: not loading app.tbf (?): cannot open the file: No such file or directory"

# --exit-when-done: 0 after a clean run; 1 when an app faulted or was not loaded, and the last
# line says which; a kernel panic stays 3.
run 0 --exit-when-done "$HELLO"
run 1 --exit-when-done --fault-policy=restart:2 "$FAULT" "$HELLO" "$T/missing.tbf"
[ "$(tail -n 1 "$T/err")" = "tockd: exiting 1: app 'restart_fault' faulted 3 times, $T/missing.tbf not loaded" ] ||
  fail "last line: $(tail -n 1 "$T/err")"
grep -q "Hello, World!" "$T/out" || fail "the good app did not run"
run 3 --exit-when-done "$FAULT" "$HELLO"
tail -n 1 "$T/err" | grep -q "^tockd: exiting 3: kernel panic (.*), app 'restart_fault' faulted$" ||
  fail "panic last line: $(tail -n 1 "$T/err")"

# No "led N off" for the reset state at start; toggles are logged (info), the reset at debug.
run 0 --time=virtual --exit-after=2500ms "$BLINK"
grep "\] led " "$T/err" > "$T/leds" || true
[ "$(head -n 1 "$T/leds")" != "" ] && grep -q "\] led 0 on$" <(head -n 1 "$T/leds") ||
  fail "first LED line should be a toggle on: $(cat "$T/leds")"
[ "$(grep -c "\] led 0 " "$T/leds")" = 3 ] || fail "want 3 toggles (t=0, 1 s, 2 s): $(cat "$T/leds")"
run 0 --time=virtual --exit-after=500ms --log-level=debug "$BLINK"
grep -q "\[debug\] led 0 off$" "$T/err" || fail "reset state not at debug level"
echo PASS
