// The IPC floors of the machine, measured in the same binary as the figures they bound: two
// processes ping-ponging a counter on a shared page, each round trip timed. Used by
// channel_bench and tockd_bench; see README.md.
#ifndef TOCKPP_TESTS_BENCH_FLOORS_H_
#define TOCKPP_TESTS_BENCH_FLOORS_H_

#include <sched.h>

#include <chrono>
#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"

namespace tock::bench {

using Clock = std::chrono::steady_clock;

// Per-round-trip times of one benchmark run. Finish() (or the destructor, once) sorts them and
// sets the counters p50_ns and p99_ns on the state.
class Latencies {
 public:
  explicit Latencies(benchmark::State& state) : state_(state) { ns_.reserve(1 << 20); }
  Latencies(const Latencies&) = delete;
  Latencies& operator=(const Latencies&) = delete;
  ~Latencies() { Finish(); }

  void Add(Clock::duration d) {
    ns_.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
  }
  // Sets the counters and returns the p50 in ns; 0 if nothing was added or already finished.
  double Finish();

 private:
  benchmark::State& state_;
  std::vector<int64_t> ns_;
};

// Pins this process (and what it forks meanwhile) to the first CPU it may use, until destroyed.
class OneCpu {
 public:
  OneCpu();
  OneCpu(const OneCpu&) = delete;
  OneCpu& operator=(const OneCpu&) = delete;
  ~OneCpu();
  bool ok() const { return ok_; }

 private:
  cpu_set_t old_set_;
  bool ok_ = false;
};

// Registers, in this order, BM_FloorSpinPingPong (both sides spin: the cross-CPU floor),
// BM_FloorFutexPingPong (both sides sleep in FUTEX_WAIT each time) and
// BM_FloorYieldPingPongOneCpu (both pinned to one CPU, each calls sched_yield until the other
// answers: two process switches on one CPU per round trip). Call it from a static initializer
// placed before a file's BENCHMARK() lines and the floors run first.
void RegisterFloorBenchmarks();

// The p50 round trip (ns) of the last BM_FloorSpinPingPong run in this process; 0 before.
double SpinFloorP50Ns();

}  // namespace tock::bench

#endif  // TOCKPP_TESTS_BENCH_FLOORS_H_
