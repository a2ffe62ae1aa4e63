#!/bin/bash
# End-to-end CLI: create from an x32 ELF, inspect (text + JSON), verify, tab create/unpack,
# and inspect of every upstream vector prints its package name.
set -eu
TBF="$1"
MAKE_ELF="$2"
T="${TEST_TMPDIR:-$(mktemp -d)}"
V="tbf-tools/testdata/vectors"
fail() { echo "FAIL: $*"; exit 1; }

"$MAKE_ELF" "$T/app.elf"
"$TBF" create "$T/app.elf" -o "$T/app.tbf" --name hello --fixed-addresses \
  --kernel-version 2.1 --sha256 --permissions 1:1,2:0 -v > "$T/create.out"
[ "$(stat -c %s "$T/app.tbf")" = 4096 ] || fail "total size not 4096"
"$TBF" verify "$T/app.tbf" | grep -q "OK (1 object(s), 1 hash credential(s) verified)" || fail verify
out=$("$TBF" inspect "$T/app.tbf")
echo "$out" | grep -q "^package_name: *hello$" || fail "inspect name"
echo "$out" | grep -q "^fixed_addresses.flash: *0x10000080$" || fail "fixed flash"
echo "$out" | grep -q "^fixed_addresses.ram: *0x20000000$" || fail "fixed ram"
echo "$out" | grep -q "^app_binary_offset: *128 " || fail "binary offset"
echo "$out" | grep -q "^kernel_version: *2.1$" || fail "kernel version"
"$TBF" inspect --json "$T/app.tbf" | grep -q '"package_name":"hello"' || fail json

# Flipping one binary byte breaks the SHA-256 credential: verify exits 1 with one line.
cp "$T/app.tbf" "$T/bad.tbf"
printf '\x00' | dd of="$T/bad.tbf" bs=1 seek=200 conv=notrunc 2>/dev/null
set +e
err=$("$TBF" verify "$T/bad.tbf" 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 1 ] || fail "verify of damaged file exit $rc"
echo "$err" | grep -q "credential.sha256 at offset" || fail "damaged message: $err"

"$TBF" tab create -o "$T/app.tab" --name hello --kernel-version 2.1 "$T/app.tbf,x32" \
  "$V/retro_game.cortex-m4.tbf"
"$TBF" verify "$T/app.tab" | grep -c OK | grep -q 2 || fail "tab verify"
mkdir -p "$T/unpacked"
"$TBF" tab unpack "$T/app.tab" -o "$T/unpacked" > /dev/null
cmp "$T/unpacked/x32.tbf" "$T/app.tbf" || fail "unpacked x32.tbf differs"
cmp "$T/unpacked/retro_game.cortex-m4.tbf" "$V/retro_game.cortex-m4.tbf" || fail "unpacked m4"
grep -q 'minimum-tock-kernel-version = "2.1"' "$T/unpacked/metadata.toml" || fail metadata

for f in "$V"/*.tbf "$V"/*.tab; do
  name=$(basename "$f" | sed 's/-2020//; s/libtock-rs-//; s/\..*//')
  "$TBF" inspect "$f" | grep -q "^package_name: *$name$" || fail "inspect $f (want $name)"
done

set +e
"$TBF" create > /dev/null 2>&1; [ $? = 2 ] || fail "usage error exit code"
"$TBF" --help | wc -l | { read n; [ "$n" -le 30 ]; } || fail "help longer than a screen"
echo PASS
