#!/bin/sh
# Line coverage of kernel/ (excluding tests and kernel/testing/), measured outside Bazel
# (`bazel coverage` needs tools we do not have offline): builds every kernel test with
# g++ --coverage, runs them, merges gcov JSON per source line. Usage: kernel/testing/coverage.sh
set -e
OUT=${OUT:-/tmp/kernel-coverage}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$OUT" && mkdir -p "$OUT"
cd "$ROOT"
SRCS="$(ls kernel/*.cc | grep -v _test.cc) kernel/testing/fake_platform.cc $(ls tbf-tools/lib/*.cc | grep -v _test.cc ) tbf-tools/writer/writer.cc"
OBJS=""
for s in $SRCS; do
  o="$OUT/$(echo "$s" | tr / _).o"
  g++ -std=c++20 -O0 -fno-exceptions -fno-rtti --coverage -I. -c "$s" -o "$o"
  OBJS="$OBJS $o"
done
for t in kernel/*_test.cc; do
  n=$(basename "$t" .cc)
  g++ -std=c++20 -O0 --coverage -I. -c "$t" -o "$OUT/$n.o"
  g++ --coverage -o "$OUT/$n" "$OUT/$n.o" $OBJS -lgtest_main -lgtest -pthread
  (cd "$ROOT" && "$OUT/$n" > "$OUT/$n.log")
done
cd "$OUT" && for o in *.o; do gcov -j -o . "$o" > /dev/null 2>&1 || true; done
python3 - "$OUT" <<'PY'
import collections, glob, gzip, json, sys
lines = collections.defaultdict(dict)
for f in glob.glob(sys.argv[1] + '/*.gcov.json.gz'):
    for fi in json.load(gzip.open(f))['files']:
        n = fi['file']
        if not n.startswith('kernel/') or n.endswith('_test.cc') or n.startswith('kernel/testing/'):
            continue
        for l in fi['lines']:
            lines[n][l['line_number']] = max(lines[n].get(l['line_number'], 0), l['count'])
tot = cov = 0
for n in sorted(lines):
    t = len(lines[n]); c = sum(1 for v in lines[n].values() if v > 0)
    tot += t; cov += c
    missed = [ln for ln, v in sorted(lines[n].items()) if v == 0]
    print(f"{n:34s} {c:4d}/{t:4d} {100 * c / max(t, 1):5.1f}%" + (f"  missed {missed}" if missed else ""))
print(f"kernel/ line coverage: {cov}/{tot} = {100 * cov / tot:.1f}%")
PY
