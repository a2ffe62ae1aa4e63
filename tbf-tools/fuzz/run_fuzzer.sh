#!/bin/bash
# Builds the TBF parser fuzzer with clang + libFuzzer + ASan + UBSan and runs it on a copy of the
# seed corpus.  Usage: tbf-tools/fuzz/run_fuzzer.sh [RUNS]   (from the workspace root)
set -eu
RUNS="${1:-1000000}"
OUT="${TMPDIR:-/tmp}/tbf_fuzz"
mkdir -p "$OUT/work"
clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -g -O1 \
  -I. tbf-tools/fuzz/tbf_parser_fuzzer.cc tbf-tools/lib/{checksum,error,integrity,parser}.cc \
  tbf-tools/lib/{process_load_info,sha2,tlv_cursor,types}.cc -o "$OUT/tbf_parser_fuzzer"
"$OUT/tbf_parser_fuzzer" -runs="$RUNS" -print_final_stats=1 "$OUT/work" tbf-tools/fuzz/corpus
