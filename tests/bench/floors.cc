#include "tests/bench/floors.h"

#include <linux/futex.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <new>

namespace tock::bench {

double Latencies::Finish() {
  if (ns_.empty()) {
    return 0;
  }
  std::sort(ns_.begin(), ns_.end());
  const double p50 = static_cast<double>(ns_[ns_.size() / 2]);
  state_.counters["p50_ns"] = p50;
  state_.counters["p99_ns"] = static_cast<double>(ns_[ns_.size() * 99 / 100]);
  ns_.clear();
  return p50;
}

OneCpu::OneCpu() {
  if (sched_getaffinity(0, sizeof(old_set_), &old_set_) != 0) {
    return;
  }
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int c = 0; c < CPU_SETSIZE; ++c) {
    if (CPU_ISSET(c, &old_set_)) {
      CPU_SET(c, &one);
      break;
    }
  }
  ok_ = sched_setaffinity(0, sizeof(one), &one) == 0;
}

OneCpu::~OneCpu() {
  if (ok_) {
    sched_setaffinity(0, sizeof(old_set_), &old_set_);
  }
}

namespace {

double g_spin_floor_p50_ns = 0;

struct PingPong {
  alignas(64) std::atomic<uint32_t> ping{0};
  alignas(64) std::atomic<uint32_t> pong{0};
};

enum class Waiting { kSpin, kFutex, kYield };

long Futex(std::atomic<uint32_t>* addr, int op, uint32_t val) {
  return syscall(SYS_futex, reinterpret_cast<uint32_t*>(addr), op, val, nullptr, nullptr, 0);
}

// Waits while *word still holds `seen`, the way `how` says.
void WaitWhile(Waiting how, std::atomic<uint32_t>* word, uint32_t seen) {
  switch (how) {
    case Waiting::kSpin:
      __builtin_ia32_pause();
      break;
    case Waiting::kFutex:
      Futex(word, FUTEX_WAIT, seen);
      break;
    case Waiting::kYield:
      sched_yield();
      break;
  }
}

void Wake(Waiting how, std::atomic<uint32_t>* word) {
  if (how == Waiting::kFutex) {
    Futex(word, FUTEX_WAKE, 1);
  }
}

// One round trip per iteration: this process bumps `ping`, a forked child copies it to `pong`.
double RunPingPong(benchmark::State& state, Waiting how) {
  void* mem =
      mmap(nullptr, sizeof(PingPong), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) {
    state.SkipWithError("mmap failed");
    return 0;
  }
  auto* pp = new (mem) PingPong();
  const pid_t child = fork();
  if (child == 0) {
    uint32_t last = 0;
    for (;;) {
      uint32_t v;
      while ((v = pp->ping.load(std::memory_order_acquire)) == last) {
        WaitWhile(how, &pp->ping, v);
      }
      if (v == UINT32_MAX) {
        _exit(0);
      }
      last = v;
      pp->pong.store(v, std::memory_order_release);
      Wake(how, &pp->pong);
    }
  }
  double p50 = 0;
  if (child < 0) {
    state.SkipWithError("fork failed");
  } else {
    Latencies lat(state);
    uint32_t i = 0;
    for (auto _ : state) {
      const auto t0 = Clock::now();
      pp->ping.store(++i, std::memory_order_release);
      Wake(how, &pp->ping);
      uint32_t v;
      while ((v = pp->pong.load(std::memory_order_acquire)) != i) {
        WaitWhile(how, &pp->pong, v);
      }
      lat.Add(Clock::now() - t0);
    }
    p50 = lat.Finish();
    pp->ping.store(UINT32_MAX, std::memory_order_release);
    Wake(how, &pp->ping);
    waitpid(child, nullptr, 0);
  }
  munmap(mem, sizeof(PingPong));
  return p50;
}

void BM_FloorSpinPingPong(benchmark::State& state) {
  g_spin_floor_p50_ns = RunPingPong(state, Waiting::kSpin);
}

void BM_FloorFutexPingPong(benchmark::State& state) { RunPingPong(state, Waiting::kFutex); }

void BM_FloorYieldPingPongOneCpu(benchmark::State& state) {
  OneCpu pinned;
  if (!pinned.ok()) {
    state.SkipWithError("sched_setaffinity failed");
    return;
  }
  RunPingPong(state, Waiting::kYield);
}

}  // namespace

void RegisterFloorBenchmarks() {
  benchmark::RegisterBenchmark("BM_FloorSpinPingPong", BM_FloorSpinPingPong)->MinTime(1.0);
  benchmark::RegisterBenchmark("BM_FloorFutexPingPong", BM_FloorFutexPingPong)->MinTime(1.0);
  benchmark::RegisterBenchmark("BM_FloorYieldPingPongOneCpu", BM_FloorYieldPingPongOneCpu)
      ->MinTime(1.0);
}

double SpinFloorP50Ns() { return g_spin_floor_p50_ns; }

}  // namespace tock::bench
