#!/bin/bash
# End-to-end CLI: create from an x32 ELF, inspect (text + JSON), verify (text + JSON), tab
# create/unpack (into a new directory), inspect of every upstream vector prints its package
# name; unreadable inputs, usage errors, --help and --version: message and exit status.
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
# GNU tar (not libarchive) reads what we write: members in order, contents intact.
[ "$(tar -tf "$T/app.tab" | tr '\n' ' ')" = "metadata.toml x32.tbf retro_game.cortex-m4.tbf " ] ||
  fail "tar -tf: $(tar -tf "$T/app.tab" 2>&1)"
tar -xOf "$T/app.tab" x32.tbf | cmp - "$T/app.tbf" || fail "tar -xO x32.tbf differs"
# Truncated or garbage bundles: exit 1, one line "tbf: PATH: ...", never a crash.
size=$(stat -c %s "$T/app.tab")
head -c 4096 /dev/urandom > "$T/garbage.tab"
printf 'ustar' | dd of="$T/garbage.tab" bs=1 seek=257 conv=notrunc 2>/dev/null
for cut in 300 512 1000 1536 3000 $((size - 1024 - 1)); do
  head -c "$cut" "$T/app.tab" > "$T/cut.tab"
  for f in "$T/cut.tab" "$T/garbage.tab"; do
    for args in "inspect $f" "tab unpack $f -o $T/cut"; do
      rc=0
      # shellcheck disable=SC2086  # $args is words on purpose; $T has no spaces
      "$TBF" $args > /dev/null 2> "$T/err" || rc=$?
      [ "$rc" = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q "^tbf: $f: " "$T/err" ||
        fail "tbf $args (tab cut at $cut) exited $rc: $(cat "$T/err")"
    done
  done
done
# -o creates the directory (and its parents).
"$TBF" tab unpack "$T/app.tab" -o "$T/unpacked" > /dev/null
cmp "$T/unpacked/x32.tbf" "$T/app.tbf" || fail "unpacked x32.tbf differs"
cmp "$T/unpacked/retro_game.cortex-m4.tbf" "$V/retro_game.cortex-m4.tbf" || fail "unpacked m4"
grep -q 'minimum-tock-kernel-version = "2.1"' "$T/unpacked/metadata.toml" || fail metadata

for f in "$V"/*.tbf "$V"/*.tab; do
  name=$(basename "$f" | sed 's/-2020//; s/libtock-rs-//; s/\..*//')
  "$TBF" inspect "$f" | grep -q "^package_name: *$name$" || fail "inspect $f (want $name)"
done

"$TBF" tab unpack "$T/app.tab" -o "$T/new/deeper" > /dev/null || fail "unpack -o NEW/DIR"
cmp "$T/new/deeper/x32.tbf" "$T/app.tbf" || fail "unpack into a new directory"

# verify --json: an array, one object per TBF (each TBF of a .tab) or unreadable file.
json=$("$TBF" verify --json "$T/app.tbf" "$T/app.tab")
[ "$json" = '[{"file":"'"$T"'/app.tbf","ok":true,"objects":1,"hash_credentials_verified":1},{"file":"'"$T"'/app.tab:x32.tbf","ok":true,"objects":1,"hash_credentials_verified":1},{"file":"'"$T"'/app.tab:retro_game.cortex-m4.tbf","ok":true,"objects":1,"hash_credentials_verified":0}]' ] ||
  fail "verify --json: $json"

# Exit status and message of one command: expect RC STDERR-LINE CMD...
expect() {
  local want_rc="$1" want_err="$2"; shift 2
  local rc=0
  "$TBF" "$@" > "$T/out" 2> "$T/err" || rc=$?
  [ "$rc" = "$want_rc" ] || fail "tbf $* exited $rc, want $want_rc: $(cat "$T/err")"
  [ "$(cat "$T/err")" = "$want_err" ] || fail "tbf $*: stderr '$(cat "$T/err")', want '$want_err'"
}
mkdir -p "$T/dir"
mkfifo "$T/fifo"
expect 1 "tbf: $T/dir: is a directory, not a file" inspect "$T/dir"
expect 1 "tbf: $T/none: cannot read: No such file or directory" inspect "$T/none"
expect 1 "tbf: $T/fifo: is a FIFO, not a file" verify "$T/fifo"
expect 1 "tbf: $T/dir: is a directory, not a file" create "$T/dir" -o "$T/x.tbf" --name x
expect 1 "tbf: $T/dir: is a directory, not a file" tab unpack "$T/dir"
expect 1 "tbf: $T/dir: cannot write: Is a directory" create "$T/app.elf" -o "$T/dir" --name x
expect 1 "tbf: $T/app.tbf: cannot create directory: exists and is not one" \
  tab unpack "$T/app.tab" -o "$T/app.tbf"
json=$("$TBF" verify --json "$T/dir" 2>/dev/null) && fail "verify --json of a directory exit 0"
[ "$json" = '[{"file":"'"$T"'/dir","ok":false,"error":"'"$T"'/dir: is a directory, not a file"}]' ] ||
  fail "verify --json error: $json"
if [ "$(id -u)" != 0 ]; then  # root reads anything
  touch "$T/secret"; chmod 000 "$T/secret"
  expect 1 "tbf: $T/secret: cannot read: Permission denied" inspect "$T/secret"
fi

# Usage errors exit 2 with one line; --help and --version exit 0 on stdout.
expect 2 "tbf: create: needs APP.elf, -o OUT.tbf and --name NAME (see tbf --help)" create
expect 2 "tbf: unknown option --frob (see tbf --help)" --frob
expect 2 "tbf: unknown command frob (see tbf --help)" frob
expect 2 "tbf: verify: unknown option -x (see tbf --help)" verify -x "$T/app.tbf"
expect 2 "tbf: tab unpack: -o needs a DIR (see tbf --help)" tab unpack "$T/app.tab" -o
rc=0; "$TBF" > /dev/null 2> "$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q "^  tbf create" "$T/err" || fail "no arguments: usage on stderr, exit 2"
expect 0 "" --help
[ "$(wc -l < "$T/out")" -le 30 ] || fail "help longer than a screen"
grep -q "^  tbf verify FILE... \[--json\]" "$T/out" || fail "help lacks verify --json"
expect 0 "" -h
# Options are Abseil flags: per-command help, --helpfull, bad values name the flag; 0x-hex works.
expect 0 "" create --help
grep -q "^  --stack N$" "$T/out" || fail "create --help lacks --stack"
expect 0 "" --helpfull
grep -q "^  --build-date DATE$" "$T/out" || fail "--helpfull lacks tab create's --build-date"
expect 2 "tbf: create: bad value '0xZ' for --stack (want N) (see tbf --help)" \
  create "$T/app.elf" -o "$T/x.tbf" --name x --stack 0xZ
expect 2 "tbf: inspect: unknown option --stack (see tbf --help)" inspect --stack 1 "$T/app.tbf"
expect 0 "" create "$T/app.elf" -o "$T/hex.tbf" -n x --stack=0x800 --app-heap 0x400
expect 0 "" create "$T/app.elf" -o "$T/dec.tbf" -n x --stack 2048 --app-heap=1024
expect 0 "" create "$T/app.elf" -o "$T/other.tbf" -n x --stack 2048 --app-heap=1028
cmp -s "$T/hex.tbf" "$T/dec.tbf" && ! cmp -s "$T/dec.tbf" "$T/other.tbf" || fail "hex sizes"
expect 0 "" --version
grep -Eq "^tbf [0-9]+\.[0-9]+ \(Tock 2\.[0-9]+ kernel ABI\)$" "$T/out" || fail "version: $(cat "$T/out")"
# Signing (ECDSA P-256, upstream's example test keys): create --sign-key, verify --key.
K="tbf-tools/testdata/keys"
expect 0 "" create "$T/app.elf" -o "$T/signed.tbf" -n signed --fixed-addresses --sha256 \
  --sign-key "$K/p256-a.priv.pem"
expect 0 "" verify "$T/signed.tbf" --key "$K/p256-a.pub.pem"
grep -q "OK (1 object(s), 1 hash credential(s) verified, 1 signature(s) verified)" "$T/out" ||
  fail "signed verify: $(cat "$T/out")"
expect 0 "" verify "$T/signed.tbf" --key "$K/p256-b.pub.pem,$K/p256-a.pub.pem"
"$TBF" inspect "$T/signed.tbf" | grep -q EcdsaNistP256 || fail "inspect lacks the signature"
"$TBF" verify --json --key "$K/p256-a.pub.pem" "$T/signed.tbf" | grep -q '"signatures_verified":1' ||
  fail "verify --json --key"
rc=0; "$TBF" verify "$T/signed.tbf" --key "$K/p256-b.pub.pem" > /dev/null 2> "$T/err" || rc=$?
[ "$rc" = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] || fail "wrong key: exit $rc"
grep -Eq "^tbf: $T/signed.tbf: ECDSA P-256 signature at byte [0-9]+ does not verify with the key \(another key signed it, or the image changed after signing\)$" "$T/err" || fail "wrong key: $(cat "$T/err")"
# A tampered binary byte (no SHA footer, so only the signature notices).
expect 0 "" create "$T/app.elf" -o "$T/sigonly.tbf" -n s --fixed-addresses --sign-key "$K/p256-a.priv.pem"
cp "$T/sigonly.tbf" "$T/tampered.tbf"
printf '\x01' | dd of="$T/tampered.tbf" bs=1 seek=200 conv=notrunc 2>/dev/null
rc=0; "$TBF" verify "$T/tampered.tbf" --key "$K/p256-a.pub.pem" > /dev/null 2> "$T/err" || rc=$?
[ "$rc" = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && grep -q "does not verify" "$T/err" ||
  fail "tampered: exit $rc: $(cat "$T/err")"
rc=0; "$TBF" verify "$T/app.tbf" --key "$K/p256-a.pub.pem" > /dev/null 2> "$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "^tbf: $T/app.tbf: no ECDSA P-256 signature credential$" "$T/err" ||
  fail "unsigned with --key: exit $rc: $(cat "$T/err")"
rc=0; "$TBF" create "$T/app.elf" -o "$T/x.tbf" -n x --sign-key "$K/p256-a.pub.pem" 2> "$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "a public key cannot sign" "$T/err" || fail "sign with public key: $rc"
rc=0; "$TBF" verify "$T/signed.tbf" --key "$K/p384.pub.pem" 2> "$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "not an ECDSA P-256 (prime256v1) key" "$T/err" || fail "P-384 key: $rc"
# The upstream vectors still verify (no --key: their footers hold no signature to check).
for v in "$V"/*.tbf; do
  "$TBF" verify "$v" > /dev/null || fail "vector $v"
done
echo PASS
