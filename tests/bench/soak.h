// The crash/restart soak (issue 17, item 5): tockd runs a crasher app restarted forever
// (--fault-policy=soak_crasher=restart, default timeslice) beside two healthy apps printing
// numbered lines, while N busy-loop host processes load the machine. RunSoak drives tockd
// through //tests/harness until the crasher has restarted `cycles` times, samples tockd's RSS,
// fd count, threads and children from /proc along the way, detects a wedge (no restart or no
// healthy progress for `wedge_guard`) and checks every healthy line at the end.
// Shared by soak_test (1,000 cycles, asserts) and soak_bench (10,000 cycles, prints).
#ifndef TOCKPP_TESTS_BENCH_SOAK_H_
#define TOCKPP_TESTS_BENCH_SOAK_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace tock::bench {

struct SoakOptions {
  int cycles = 1000;       // crasher restarts to reach
  int sample_every = 100;  // cycles between /proc samples (plus one at start and end)
  int busy_loops = 2;      // spinning host processes beside tockd for the whole run
  absl::Duration wedge_guard = absl::Seconds(60);  // no progress this long = wedged
  std::vector<std::string> extra_flags;            // more tockd flags
};

// tockd as /proc shows it at one moment.
struct SoakSample {
  int restarts = 0;  // the crasher's restart count (`inspect soak_crasher`)
  double seconds = 0;
  int64_t rss_kib = -1;  // VmRSS
  int fds = -1;          // entries of /proc/PID/fd
  int threads = -1;      // entries of /proc/PID/task
  int children = -1;     // pids in /proc/PID/task/*/children (zombies included)
};

// One healthy app's console lines, checked: "<name>: <n> <check>" for n = 0, 1, 2, ...
struct HealthyOutput {
  std::string name;
  int lines = 0;          // lines seen (complete lines only)
  int bad = 0;            // lines out of sequence or with a wrong check value
  std::string first_bad;  // the first such line and what was expected
  uint64_t syscalls = 0;  // at the end (`inspect`)
};

struct SoakResult {
  std::string error;  // non-empty: the soak could not start or tockd died (details)
  bool wedged = false;
  std::string wedge;      // what stalled, after how many restarts, `ps` at that moment
  int cycles = 0;         // restarts reached
  double seconds = 0;     // from start to the last restart seen (a wedge's guard not included)
  int fault_dumps = 0;    // "Process fault: soak_crasher" dumps in the log
  int foreign_lines = 0;  // console lines from no healthy app (garbled or spliced)
  std::string first_foreign;
  std::vector<HealthyOutput> healthy;
  std::vector<SoakSample> samples;  // at start, every sample_every cycles, at the end
  double busy_cpus = 0;             // CPU seconds the busy loops used / wall seconds
  double tockd_cpu_s = 0;           // tockd's own user+system CPU seconds
  std::string exit;                 // how tockd ended when stopped (expected "exited 0")

  // The first sample at or after `warmup_cycles` restarts (the last one if none).
  const SoakSample& AfterWarmup(int warmup_cycles) const;
  // Largest value over the samples from AfterWarmup() on.
  SoakSample MaxAfter(int warmup_cycles) const;
  // Largest value over the samples up to and including AfterWarmup(): the flatness baseline.
  // One sample may catch the crasher between exit and restart (one child and its descriptors
  // fewer), so a single sample is no baseline.
  SoakSample MaxUntil(int warmup_cycles) const;
};

// `check` of the healthy app's line n (tests/bench/apps/soak_healthy.c).
uint32_t SoakCheck(uint32_t n);

// Runs the soak. Never throws or asserts; read the result.
SoakResult RunSoak(const SoakOptions& options);

// The samples as a table, and a one-line summary.
std::string FormatSamples(const SoakResult& result);
std::string FormatSummary(const SoakResult& result);

}  // namespace tock::bench

#endif  // TOCKPP_TESTS_BENCH_SOAK_H_
