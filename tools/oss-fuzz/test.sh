#!/usr/bin/env bash
# tools/oss-fuzz/test.sh [SECONDS] -- proves build.sh: runs it with the variables OSS-Fuzz's
# base-builder image sets for libFuzzer + AddressSanitizer, checks every artifact, then runs
# each built target for SECONDS (default 2) on its seed corpus with its dictionary. Fails on a
# build error, a missing artifact, or any crash or sanitizer report. It also builds the
# deliberately broken fixture and requires that it crashes on the input the harness test keeps
# (tests/fuzz/testdata), so a build that fuzzes without catching anything cannot pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-2}
start=$SECONDS

export CC=clang CXX=clang++
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address"
CFLAGS+=" -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CXXFLAGS=$CFLAGS
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address TOCK_FUZZ_FIXTURES=1
# OSS-Fuzz adds -stdlib=libc++ to CXXFLAGS; Debian has it only with libc++-14-dev installed,
# and Debian's libFuzzer is built on libstdc++ (OSS-Fuzz's on libc++), so there the engine
# also needs libstdc++ at link time.
probe() {  # FLAGS...: does a fuzz target link with them?
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' |
    $CXX "$@" -x c++ - -o /dev/null 2>/dev/null
}
if ! probe -stdlib=libc++ -fsanitize=fuzzer,address -Wl,-lstdc++; then
  echo "oss-fuzz test: libc++ is not installed (libc++-14-dev): building with libstdc++"
else
  CXXFLAGS+=" -stdlib=libc++"
  if ! probe -stdlib=libc++ -fsanitize=fuzzer,address; then
    LIB_FUZZING_ENGINE+=" -Wl,-lstdc++"
    echo "oss-fuzz test: -stdlib=libc++, with libstdc++ linked for Debian's libFuzzer"
  fi
fi
export JOBS=${JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OUT=$tmp/out WORK=$tmp/work

bash tools/oss-fuzz/build.sh

failed=0
fail() {
  echo "oss-fuzz test: FAIL: $*"
  failed=1
}
# Every target tools/fuzz lists must be there, but the one build.sh says it cannot build.
mapfile -t expected < <(bash tools/fuzz --list 2>&1 | tail -n +2 | grep -vx load_path)
for base in "${expected[@]}"; do
  [ -x "$OUT/${base}_fuzzer" ] || fail "$OUT/${base}_fuzzer missing"
done
for src in tests/fuzz/*_fuzzer.dict tbf-tools/fuzz/*_fuzzer.dict capsules/*/*_fuzzer.dict; do
  [ -f "$src" ] || continue
  [ -f "$OUT/$(basename "$src")" ] || fail "$OUT/$(basename "$src") missing"
done

# The fixture must crash on the input the harness test replays.
if "$OUT/broken_capsule_fuzzer" tests/fuzz/testdata/broken_capsule_off_by_one \
  >"$tmp/broken.log" 2>&1; then
  fail "broken_capsule_fuzzer did not crash on tests/fuzz/testdata/broken_capsule_off_by_one"
fi
rm -f "$OUT/broken_capsule_fuzzer"

# shellcheck disable=SC2317  # called through xargs
run_target() {  # BINARY SECONDS: fuzz from the seed corpus; the log is kept on failure
  local bin=$1 name corpus
  name=$(basename "$bin")
  corpus=$WORK/corpus/$name
  mkdir -p "$corpus"
  if [ -f "$bin"_seed_corpus.zip ]; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
      "$bin"_seed_corpus.zip "$corpus"
  fi
  local dict=()
  [ -f "$bin.dict" ] && dict=(-dict="$bin.dict")
  if "$bin" "${dict[@]}" -max_total_time="$2" -artifact_prefix="$WORK/$name-" "$corpus" \
    >"$WORK/$name.log" 2>&1; then
    echo "oss-fuzz test: $name ran $2 s, ok (corpus now $(find "$corpus" -type f | wc -l) files)"
  else
    echo "oss-fuzz test: FAIL: $name crashed"
    tail -n 30 "$WORK/$name.log"
    return 1
  fi
}
export -f run_target
find "$OUT" -maxdepth 1 -type f -name '*_fuzzer' -print | sort |
  xargs -P "$JOBS" -I{} bash -c 'run_target {} '"$seconds" || failed=1

echo "oss-fuzz test: $([ $failed = 0 ] && echo passed || echo FAILED) in $((SECONDS - start)) s"
exit $failed
