// Syscall channel benchmarks: a null request app -> kernel -> app over the real
// LinuxProcess channel and event loop, against the IPC floors measured in the
// same binary (tests/bench/floors.h), and spawning 16 confined apps to their first request.
// Each reports p50/p99 per round trip (ns) as counters besides Google Benchmark's mean.
#include <poll.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "benchmark/benchmark.h"
#include "hostkernel/event_loop/event_loop.h"
#include "hostkernel/process/linux_process.h"
#include "hostkernel/process/testdata/puppet_image.h"
#include "tests/bench/floors.h"

namespace tock::hostkernel {
namespace {

using bench::Clock;
using bench::Latencies;

// The floors run first (registration order).
[[maybe_unused]] const bool kFloorsRegistered = (bench::RegisterFloorBenchmarks(), true);

// The kernel side: one process, its eventfd on the loop, its channel as the spin source.
class NullSyscallKernel : public SpinSource {
 public:
  bool Init(std::chrono::nanoseconds spin_budget, uint32_t app_spin_kernel_spinning = 1000,
            uint32_t app_spin_kernel_blocked = 0) {
    auto loop = EventLoop::Create();
    if (!loop.ok()) {
      return false;
    }
    loop_ = *std::move(loop);
    auto mem = AppMemory::Create(TOCK_HOST_FLASH_ADDR, testing::PuppetImage(), TOCK_HOST_RAM_ADDR,
                                 16 * kHostPageSize);
    if (!mem.ok()) {
      return false;
    }
    memory_ = *std::move(mem);
    LaunchSpec spec{.entry = TOCK_HOST_FLASH_ADDR, .app_start = TOCK_HOST_FLASH_ADDR};
    spec.app_spin_kernel_spinning = app_spin_kernel_spinning;
    spec.app_spin_kernel_blocked = app_spin_kernel_blocked;
    auto p = LinuxProcess::Spawn(*memory_, spec);
    if (!p.ok()) {
      return false;
    }
    proc_ = *std::move(p);
    loop_->WatchFd(proc_->eventfd(), POLLIN, [this](uint32_t) {
      proc_->DrainEventfd();
      SpinPoll();
    });
    loop_->WatchFd(proc_->pidfd(), POLLIN, [this](uint32_t) { dead_ = true; });
    loop_->set_spin_budget(spin_budget);
    loop_->SetSpinSource(this);
    if (!WaitRequest() || !launched_) {
      return false;
    }
    proc_->Start();
    if (!WaitRequest()) {
      return false;
    }
    tock_channel_reply rep{};
    rep.r[0] = PUPPET_NULL_LOOP;
    proc_->Reply(rep);
    return WaitRequest();
  }
  bool WaitRequest() {
    while (!got_ && !dead_) {
      loop_->Step(true);
    }
    got_ = false;
    return !dead_;
  }
  void RoundTrip() {
    proc_->Reply(tock_channel_reply{});
    WaitRequest();
  }
  void BeginSpin() override { proc_->BeginSpin(); }
  void EndSpin() override { proc_->EndSpin(); }
  bool SpinPoll() override {
    ChannelRequest r;
    switch (proc_->PollRequest(&r)) {
      case LinuxProcess::Poll::kNone:
        return false;
      case LinuxProcess::Poll::kLaunched:
        launched_ = true;
        break;
      case LinuxProcess::Poll::kSyscall:
        break;
      case LinuxProcess::Poll::kProtocolViolation:
        dead_ = true;
        break;
    }
    got_ = true;
    return true;
  }
  const EventLoop::Stats& stats() const { return loop_->stats(); }

 private:
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<AppMemory> memory_;
  std::unique_ptr<LinuxProcess> proc_;
  bool got_ = false, launched_ = false, dead_ = false;
};

void RunNullSyscall(benchmark::State& state, std::chrono::nanoseconds budget,
                    uint32_t app_spin_kernel_spinning = 1000,
                    uint32_t app_spin_kernel_blocked = 0) {
  NullSyscallKernel k;
  if (!k.Init(budget, app_spin_kernel_spinning, app_spin_kernel_blocked)) {
    state.SkipWithError("could not start the app");
    return;
  }
  Latencies lat(state);
  for (auto _ : state) {
    const auto t0 = Clock::now();
    k.RoundTrip();
    lat.Add(Clock::now() - t0);
  }
  const double p50 = lat.Finish();
  if (bench::SpinFloorP50Ns() > 0) {
    state.counters["x_spin_floor"] = p50 / bench::SpinFloorP50Ns();
  }
  state.counters["blocking_waits"] = benchmark::Counter(
      static_cast<double>(k.stats().blocking_waits), benchmark::Counter::kAvgIterations);
  state.counters["spin_hits"] = benchmark::Counter(static_cast<double>(k.stats().spin_hits),
                                                   benchmark::Counter::kAvgIterations);
}

// Null command, app -> tockd -> app: the default configuration (tockd spins up to 25 µs; the
// app spins ~25 µs if tockd was spinning when it posted, and blocks at once if it had to
// wake it).
void BM_NullSyscallRoundTrip(benchmark::State& state) {
  RunNullSyscall(state, std::chrono::microseconds(25));
}
BENCHMARK(BM_NullSyscallRoundTrip)->MinTime(1.0);

// Spin-policy variants: args = tockd spin budget (µs), app spin while tockd spins, app spin
// after waking tockd (pause iterations, ~25 ns each).
void BM_NullSyscallSpinPolicy(benchmark::State& state) {
  RunNullSyscall(state, std::chrono::microseconds(state.range(0)),
                 static_cast<uint32_t>(state.range(1)), static_cast<uint32_t>(state.range(2)));
}
BENCHMARK(BM_NullSyscallSpinPolicy)
    ->ArgNames({"kernel_us", "app_spin", "app_spin_blocked"})
    ->Args({25, 1000, 100})
    ->Args({25, 1000, 1000})
    ->Args({0, 0, 0})
    ->MinTime(0.5);

// Both tockd and the app on one CPU (a loaded or single-core machine): spinning can only
// delay the other side, so the adaptive spin must fall back to blocking.
void BM_NullSyscallRoundTripOneCpu(benchmark::State& state) {
  bench::OneCpu pinned;  // the child inherits it
  if (!pinned.ok()) {
    return state.SkipWithError("sched_setaffinity failed");
  }
  RunNullSyscall(state, std::chrono::microseconds(25));
}
BENCHMARK(BM_NullSyscallRoundTripOneCpu)->MinTime(1.0);

// memop brk through the MPU stand-in: the kernel approves, the app makes the mprotect,
// tockd checks it on the seccomp listener and lets it continue. One grow or shrink of a
// page per iteration (two channel round trips plus one notification).
void BM_BrkThroughMprotectGate(benchmark::State& state) {
  auto mem = AppMemory::Create(TOCK_HOST_FLASH_ADDR, testing::PuppetImage(), TOCK_HOST_RAM_ADDR,
                               16 * kHostPageSize);
  auto p = LinuxProcess::Spawn(**mem,
                               {.entry = TOCK_HOST_FLASH_ADDR, .app_start = TOCK_HOST_FLASH_ADDR});
  if (!mem.ok() || !p.ok()) {
    state.SkipWithError("could not start the app");
    return;
  }
  LinuxProcess& proc = **p;
  auto wait = [&](LinuxProcess::Poll want) {
    for (;;) {
      ChannelRequest r;
      LinuxProcess::Poll got = proc.PollRequest(&r);
      if (got == want) {
        return true;
      }
      if (got != LinuxProcess::Poll::kNone) {
        return false;
      }
      pollfd fds[3] = {
          {proc.eventfd(), POLLIN, 0}, {proc.pidfd(), POLLIN, 0}, {proc.listener_fd(), POLLIN, 0}};
      if (poll(fds, proc.listener_fd() >= 0 ? 3 : 2, 10000) <= 0 || fds[1].revents) {
        return false;
      }
      if (fds[0].revents) {
        proc.DrainEventfd();
      }
      if (proc.listener_fd() >= 0 && fds[2].revents &&
          proc.HandleSeccompNotification() == LinuxProcess::Notification::kRejected) {
        return false;
      }
    }
  };
  if (!wait(LinuxProcess::Poll::kLaunched)) {
    return state.SkipWithError("launch failed");
  }
  proc.Start();
  if (!wait(LinuxProcess::Poll::kSyscall)) {
    return state.SkipWithError("no first request");
  }
  Latencies lat(state);
  bool grow = true;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    tock_channel_reply rep{};
    rep.r[0] = PUPPET_MEMOP;
    rep.r[1] = 0;
    rep.r[2] = TOCK_HOST_RAM_ADDR + (grow ? 2 : 1) * kHostPageSize;
    proc.Reply(rep);
    if (!wait(LinuxProcess::Poll::kSyscall)) {
      return state.SkipWithError("no memop");
    }
    if (!proc.ApproveBreak(rep.r[2]).ok()) {
      return state.SkipWithError("approve failed");
    }
    proc.Reply(tock_channel_reply{});
    if (!wait(LinuxProcess::Poll::kSyscall)) {
      return state.SkipWithError("mprotect rejected");
    }
    lat.Add(Clock::now() - t0);
    grow = !grow;
  }
}
BENCHMARK(BM_BrkThroughMprotectGate)->MinTime(0.5);

bool WaitFor(LinuxProcess& p, LinuxProcess::Poll want) {
  for (;;) {
    ChannelRequest r;
    LinuxProcess::Poll got = p.PollRequest(&r);
    if (got == want) {
      return true;
    }
    if (got != LinuxProcess::Poll::kNone) {
      return false;
    }
    pollfd fds[2] = {{p.eventfd(), POLLIN, 0}, {p.pidfd(), POLLIN, 0}};
    if (poll(fds, 2, 10000) <= 0 || fds[1].revents) {
      return false;
    }
    p.DrainEventfd();
  }
}

// 16 confined apps from nothing (memfds, mappings, spawn, filter) to their first request.
void BM_Spawn16ToFirstRequest(benchmark::State& state) {
  const std::vector<uint8_t> image = testing::PuppetImage();
  Clock::duration in_spawn{}, in_memory{};
  for (auto _ : state) {
    std::vector<std::unique_ptr<AppMemory>> mems;
    std::vector<std::unique_ptr<LinuxProcess>> procs;
    for (int i = 0; i < 16; ++i) {
      const auto t0 = Clock::now();
      auto m =
          AppMemory::Create(TOCK_HOST_FLASH_ADDR, image, TOCK_HOST_RAM_ADDR, 16 * kHostPageSize);
      const auto t1 = Clock::now();
      auto p = LinuxProcess::Spawn(
          **m, {.entry = TOCK_HOST_FLASH_ADDR, .app_start = TOCK_HOST_FLASH_ADDR});
      in_memory += t1 - t0;
      in_spawn += Clock::now() - t1;
      if (!p.ok()) {
        state.SkipWithError("spawn failed");
        return;
      }
      mems.push_back(*std::move(m));
      procs.push_back(*std::move(p));
    }
    for (auto& p : procs) {
      if (!WaitFor(*p, LinuxProcess::Poll::kLaunched)) {
        state.SkipWithError("launch failed");
        return;
      }
      p->Start();
      if (!WaitFor(*p, LinuxProcess::Poll::kSyscall)) {
        state.SkipWithError("no first request");
        return;
      }
    }
    state.PauseTiming();
    procs.clear();
    mems.clear();
    state.ResumeTiming();
  }
  const double n = static_cast<double>(state.iterations()) * 16;
  state.counters["memory_us_per_app"] =
      std::chrono::duration<double, std::micro>(in_memory).count() / n;
  state.counters["posix_spawn_us_per_app"] =
      std::chrono::duration<double, std::micro>(in_spawn).count() / n;
}
BENCHMARK(BM_Spawn16ToFirstRequest)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace tock::hostkernel
