#!/usr/bin/env bash
# tools/oss-fuzz/build.sh -- builds every tockpp fuzz target without Bazel, as OSS-Fuzz and
# ClusterFuzzLite call a project's build.sh: compiler and flags from $CC $CXX $CFLAGS $CXXFLAGS,
# the engine from $LIB_FUZZING_ENGINE, everything written to $OUT:
#   $OUT/<x>_fuzzer                 the target
#   $OUT/<x>_fuzzer_seed_corpus.zip its checked-in corpus (when it has one)
#   $OUT/<x>_fuzzer.dict            its libFuzzer dictionary (when it has one)
# Targets are found the way tools/fuzz finds them (tests/fuzz/*_fuzzer.cc, capsules whose
# tock_capsule names a fake, tbf-tools/fuzz), so a new capsule needs no edit here. The portable
# sources every target shares are compiled once into an archive; JOBS (default: nproc) sets the
# parallelism. TOCK_FUZZ_FIXTURES=1 also builds the deliberately broken fixture target.
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${CXX:=clang++}" "${CXXFLAGS:=}" "${LIB_FUZZING_ENGINE:=-fsanitize=fuzzer}"
: "${OUT:?set OUT to the output folder}" "${WORK:=$(mktemp -d)}" "${JOBS:=$(nproc)}"
# zip runs inside the corpus folder: $OUT must be absolute.
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
# Intermediates in our own folder of $WORK (OSS-Fuzz's scratch folder, kept between builds).
WORK=$WORK/tockpp-fuzz
rm -rf "$WORK"
mkdir -p "$OUT" "$WORK/obj" "$WORK/gen"
export CXX CXXFLAGS WORK
root=$PWD

# Portable code is built as Bazel builds it: C++20, no exceptions or RTTI (so UBSan's vptr
# check, which needs RTTI, is off). The harness itself, like under Bazel's --config=fuzz, is
# not what is fuzzed and is built without sanitizers or coverage -- except under MSan, where
# every byte the harness writes must be instrumented.
export BASE_FLAGS="-std=c++20 -I$root -fno-exceptions -fno-rtti -fno-sanitize=vptr"
export HARNESS_FLAGS="-fno-sanitize=all"
[ "${SANITIZER:-}" = "memory" ] && HARNESS_FLAGS=""

# --- the shared archive: kernel, capsules, TBF library, fuzz harness (no tests) -------------
mapfile -t shared < <(find kernel capsules tbf-tools/lib -name '*.cc' ! -name '*_test.cc' \
  ! -path 'kernel/testing/*' ! -path 'capsules/testing/*' | sort)
harness=(tests/fuzz/fuzz_harness.cc tests/fuzz/guarded_platform.cc)
compile() {  # SOURCE [extra flags...]: one object in $WORK/obj
  local src=$1
  shift
  # shellcheck disable=SC2086  # the flag variables are word lists
  $CXX $CXXFLAGS $BASE_FLAGS "$@" -c "$src" -o "$WORK/obj/${src//\//__}.o"
}
export -f compile
echo "oss-fuzz build: compiling $((${#shared[@]} + ${#harness[@]})) shared sources (-j$JOBS)"
# shellcheck disable=SC2016  # expanded by the inner bash
{
  printf '%s\n' "${shared[@]}"
  printf '%s HARNESS\n' "${harness[@]}"
} | xargs -P "$JOBS" -L 1 bash -c 'if [ "${1:-}" = HARNESS ]; then
    compile "$0" $HARNESS_FLAGS; else compile "$0"; fi'
rm -f "$WORK/libtockpp_fuzz.a"
ar rcs "$WORK/libtockpp_fuzz.a" "$WORK"/obj/*.o

# --- the targets: "NAME SOURCE CORPUS DICT" per line ------------------------------------------
targets=$WORK/targets
: >"$targets"
for src in tests/fuzz/*_fuzzer.cc; do
  name=$(basename "$src" .cc)
  base=${name%_fuzzer}
  if [ "$base" = broken_capsule ] && [ "${TOCK_FUZZ_FIXTURES:-0}" != 1 ]; then
    echo "oss-fuzz build: skipping $name: a deliberately broken fixture (crashes by design;" \
      "TOCK_FUZZ_FIXTURES=1 builds it)"
    continue
  fi
  echo "$name $src tests/fuzz/corpus/$base tests/fuzz/$name.dict" >>"$targets"
done

# A capsule's board is generated from the template tock_component_fuzz_target expands
# (tests/fuzz/defs.bzl), with the same rules as tock_capsule (capsules/defs.bzl): the driver in
# tock::capsules and the fake in tock::hil::testing unless qualified, the fake's header
# hil/testing/<fake in snake_case>.h unless fake_hdr names it; a `component = "..."` row
# (tock_component_fuzz_target in the folder's BUILD) replaces DriverComponent<driver>.
field() { sed -n "s/^ *$1 = \"\\(.*\\)\",\$/\\1/p" "$2" | head -n 1; }
for build in capsules/*/BUILD.bazel; do
  grep -q '^ *fake = ' "$build" || continue
  dir=$(dirname "$build")
  name=$(field name "$build")_fuzzer
  driver=$(field driver "$build")
  fake=$(field fake "$build")
  fake_hdr=$(field fake_hdr "$build")
  [[ $driver == *::* ]] || driver=tock::capsules::$driver
  [[ $fake == *::* ]] || fake=tock::hil::testing::$fake
  if [ -z "$fake_hdr" ]; then
    fake_hdr=hil/testing/$(echo "${fake##*::}" | sed -E 's/([A-Z])/_\L\1/g; s/^_//').h
  fi
  # A folder whose fuzz target names its own component (tock_component_fuzz_target, e.g. a
  # store with its flash geometry) uses it; its headers are among the folder's.
  component=$(field component "$build")
  [ -n "$component" ] || component="tock::capsules::components::DriverComponent<$driver>"
  includes="#include \"capsules/components/driver_component.h\""
  for h in "$dir"/*.h "$fake_hdr"; do includes+="\\n#include \"$h\""; done
  sed -e "s|@INCLUDES@|$includes|" -e "s|@COMPONENT@|$component|g" -e "s|@FAKE@|$fake|g" \
    tests/fuzz/component_fuzzer.cc.in >"$WORK/gen/${name}_generated.cc"
  echo "$name $WORK/gen/${name}_generated.cc $dir/fuzz_corpus $dir/$name.dict" >>"$targets"
done
echo "tbf_parser_fuzzer tbf-tools/fuzz/tbf_parser_fuzzer.cc tbf-tools/fuzz/corpus" \
  "tbf-tools/fuzz/tbf_parser_fuzzer.dict" >>"$targets"
echo "oss-fuzz build: skipping load_path_fuzzer: it needs tockd's host code" \
  "(hostkernel/, Abseil, liburing), which only the Bazel build compiles"

# --- compile, link, corpus, dictionary per target ----------------------------------------------
zip_dir() {  # DIR ZIP: every file of DIR at the top level of ZIP
  rm -f "$2"
  if command -v zip >/dev/null; then
    (cd "$1" && find . -type f -print | sed 's#^\./##' | zip -q -@ "$2")
  else
    python3 - "$1" "$2" <<'EOF'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in os.walk(sys.argv[1]):
        for f in files:
            p = os.path.join(d, f)
            z.write(p, os.path.relpath(p, sys.argv[1]))
EOF
  fi
}
build_target() {  # NAME SOURCE CORPUS DICT
  local name=$1 src=$2 corpus=$3 dict=$4
  # shellcheck disable=SC2086
  if ! $CXX $CXXFLAGS $BASE_FLAGS -c "$src" -o "$WORK/$name.o" ||
    ! $CXX $CXXFLAGS "$WORK/$name.o" "$WORK/libtockpp_fuzz.a" $LIB_FUZZING_ENGINE \
      -o "$OUT/$name"; then
    echo "oss-fuzz build: $name FAILED" >&2
    return 1
  fi
  if [ -d "$corpus" ] && [ -n "$(ls -A "$corpus")" ]; then
    zip_dir "$corpus" "$OUT/${name}_seed_corpus.zip"
  fi
  if [ -f "$dict" ]; then cp "$dict" "$OUT/$name.dict"; fi
  echo "oss-fuzz build: $OUT/$name"
}
export -f zip_dir build_target
export OUT LIB_FUZZING_ENGINE
echo "oss-fuzz build: $(wc -l <"$targets") targets (-j$JOBS)"
xargs -P "$JOBS" -L 1 bash -c 'build_target "$@"' _ <"$targets"
