#!/bin/bash
# Every malformed image makes `tbf verify` and `tbf inspect` exit 1 (not a signal), writing exactly
# one stderr line "tbf: FILE: FIELD at offset N (0xN): DESCRIPTION" with the expected FIELD.
set -u
TBF="$1"
DIR="tbf-tools/testdata/malformed"
fail=0
count=0
while read -r file field; do
  count=$((count + 1))
  for cmd in verify inspect; do
    err=$("$TBF" "$cmd" "$DIR/$file" 2>&1 >/dev/null)
    rc=$?
    lines=$(printf '%s\n' "$err" | wc -l)
    if [ "$rc" -ne 1 ]; then
      echo "FAIL $cmd $file: exit $rc (want 1)"; fail=1; continue
    fi
    if [ "$lines" -ne 1 ]; then
      echo "FAIL $cmd $file: $lines stderr lines"; fail=1; continue
    fi
    if ! printf '%s' "$err" | grep -Eq "^tbf: $DIR/$file: ${field//./\\.} at offset [0-9]+ \(0x[0-9a-f]+\): .+$"; then
      echo "FAIL $cmd $file: unexpected message: $err (want field $field)"; fail=1
    fi
  done
done < "$DIR/expected.txt"
if [ "$count" -lt 30 ]; then echo "FAIL only $count cases"; fail=1; fi
echo "checked $count malformed images"
exit $fail
