// HostRunner against scripted children: every kind of child event in every phase of a
// child's life, with a well-behaved witness process beside it that must keep making progress.
// The loop is the real io_uring EventLoop; the children are fakes (no fork), driven through
// eventfds exactly where a real child would wake the loop. Waits are bounded by loop steps
// and a wall-clock guard that only turns a hang into a failure.
#include "hostkernel/runtime/host_runner.h"

#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/testing/fake_platform.h"

namespace tock::hostkernel {
namespace {

using tock::ProcessState;

// What a fake child does on its own once it may run.
enum class Behaviour {
  kWellBehaved,     // handshakes at once; after every resume posts a command (a busy app)
  kSpinner,         // handshakes at once; then computes forever: no request
  kSleeper,         // handshakes at once; then sleeps (a futex, a stop): no request, no CPU
  kStarved,         // handshakes at once; then wants a CPU the busy host never gives it
  kSilentLauncher,  // never handshakes until the test says so
};

class FakeChild final : public RunnableChild, public tock::UserspaceKernelBoundary {
 public:
  explicit FakeChild(Behaviour behaviour) : behaviour_(behaviour) {}
  ~FakeChild() override { CloseFds(); }

  tock::ProcessPlatform platform() { return {platform_, *this, platform_}; }
  tock::testing::FakeProcessPlatform& fake_platform() { return platform_; }

  // ---- Test-side "child" actions ----
  void Handshake() { Post(Event::kLaunched, {}); }
  void PostSyscall(uint32_t klass, tock::SyscallRegisters regs) {
    Post(Event::kSyscall, Trap{klass, regs});
  }
  void PostGarbage() { Post(Event::kProtocolViolation, {}); }
  // The child dies (a fault); the runner sees it through the exit fd.
  void Die() {
    exit_pending_ = true;
    Signal(fds_.exit);
  }
  // Someone else sends SIGSTOP / SIGCONT; the runner learns it through SIGCHLD.
  void StopFromOutside() {
    stop_change_ = StopChange::kStoppedFromOutside;
    kill(getpid(), SIGCHLD);
  }
  void ContinueFromOutside() {
    stop_change_ = StopChange::kContinuedFromOutside;
    kill(getpid(), SIGCHLD);
  }
  void set_behaviour(Behaviour b) { behaviour_ = b; }

  ChildState state() const { return state_; }
  int resumes = 0;
  int preempts = 0;
  int spawns = 0;
  int answered = 0;  // requests answered with a return value (commands)

  // ---- RunnableChild ----
  void set_observer(Observer* observer) override { observer_ = observer; }
  ChildPhase phase() const override { return live_ ? state_.phase() : ChildPhase::kExited; }
  Fds fds() const override { return live_ ? fds_ : Fds{}; }
  void DrainWake() override {
    uint64_t v;
    (void)!read(fds_.wake, &v, sizeof v);
  }
  Event Poll(Trap* trap) override {
    if (!live_ || posted_.empty()) {
      return Event::kNone;
    }
    auto [event, t] = posted_.front();
    posted_.pop_front();
    if (event == Event::kLaunched && !state_.Apply(ChildEvent::kHandshake)) {
      event = Kill();
    }
    if (event == Event::kSyscall) {
      if (!state_.Apply(ChildEvent::kRequest)) {
        event = Kill();
      } else {
        *trap = t;
        frame_ = t.regs;
        has_answer_ = false;
      }
    }
    if (event == Event::kProtocolViolation) {
      event = Kill();
    }
    return event;
  }
  void Resume() override {
    if (!live_) {
      return;
    }
    ++resumes;
    if (state_.awaiting_kernel() && (state_.phase() == ChildPhase::kReady || has_answer_)) {
      (void)state_.Apply(ChildEvent::kAnswer);
      if (answer_is_return_) {
        ++answered;
      }
      has_answer_ = false;
    }
    (void)state_.Apply(ChildEvent::kKernelContinue);
    // A busy app asks again as soon as it runs.
    if (behaviour_ == Behaviour::kWellBehaved && state_.phase() == ChildPhase::kRunning &&
        posted_.empty()) {
      PostSyscall(2, {0x7777, 0, 0, 0});
    }
  }
  void Preempt() override {
    if (live_ && state_.Apply(ChildEvent::kKernelStop)) {
      ++preempts;  // as LinuxProcess::Stop
    }
  }
  void BeginSpin() override {}
  void EndSpin() override {}
  void HandleSeccompNotification() override {}
  std::optional<ExitInfo> Reap() override {
    if (!live_ || !exit_pending_) {
      return std::nullopt;
    }
    exit_pending_ = false;
    ExitInfo e;
    e.cause = ExitInfo::Cause::kSignaled;
    e.signal = SIGSEGV;
    Drop();
    return e;
  }
  StopChange PollStopChange() override {
    if (!live_) {
      return StopChange::kNone;
    }
    const StopChange c = stop_change_;
    stop_change_ = StopChange::kNone;
    if (c == StopChange::kStoppedFromOutside) {
      (void)state_.Apply(ChildEvent::kStoppedOutside);
    }
    if (c == StopChange::kContinuedFromOutside) {
      (void)state_.Apply(ChildEvent::kContinuedOutside);
    }
    return c;
  }
  int pid() const override { return live_ ? 4242 : -1; }
  std::optional<uint64_t> CpuTimeNs() const override {
    if (!live_) {
      return std::nullopt;
    }
    if (behaviour_ != Behaviour::kSpinner) {
      return 1000;  // a little at launch, then none
    }
    return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                     std::chrono::steady_clock::now().time_since_epoch())
                                     .count());
  }
  bool WantsCpu() const override {
    return live_ && behaviour_ != Behaviour::kSleeper && !state_.stopped_from_outside();
  }

  // ---- tock::UserspaceKernelBoundary ----
  tock::Result<void> InitializeProcess(uint32_t, const tock::SyscallRegisters& args) override {
    Drop();
    fds_.wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    fds_.exit = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    fds_.listener = -1;
    state_ = ChildState();
    live_ = true;
    frame_ = args;
    ++spawns;
    if (observer_ != nullptr) {
      observer_->ChildSpawned(*this);
    }
    if (behaviour_ != Behaviour::kSilentLauncher) {
      Handshake();
    }
    return {};
  }
  void SetSyscallReturn(const tock::EncodedReturn& ret) override {
    ret.ApplyTo(frame_);
    has_answer_ = true;
    answer_is_return_ = true;
  }
  void SetUpcall(uint32_t, const tock::SyscallRegisters&) override {
    has_answer_ = true;
    answer_is_return_ = false;
  }
  void ProcessTerminated() override { Drop(); }

 private:
  static void Signal(int fd) {
    uint64_t one = 1;
    (void)!write(fd, &one, sizeof one);
  }
  void Post(Event e, Trap t) {
    posted_.push_back({e, t});
    if (live_) {
      Signal(fds_.wake);
    }
  }
  Event Kill() {
    Die();
    return Event::kProtocolViolation;
  }
  void Drop() {
    if (!live_) {
      return;
    }
    if (observer_ != nullptr) {
      observer_->ChildGoing(*this);
    }
    live_ = false;
    posted_.clear();
    exit_pending_ = false;
    (void)state_.Apply(ChildEvent::kExit);
    CloseFds();
  }
  void CloseFds() {
    for (int* fd : {&fds_.wake, &fds_.exit}) {
      if (*fd >= 0) {
        close(*fd);
      }
      *fd = -1;
    }
  }

  Behaviour behaviour_;
  tock::testing::FakeProcessPlatform platform_;
  Observer* observer_ = nullptr;
  Fds fds_;
  ChildState state_;
  bool live_ = false;
  bool exit_pending_ = false;
  bool has_answer_ = false;
  bool answer_is_return_ = false;
  StopChange stop_change_ = StopChange::kNone;
  tock::SyscallRegisters frame_{};
  std::deque<std::pair<Event, Trap>> posted_;
};

class RecordingListener final : public HostRunner::Listener {
 public:
  void ProcessFaulted(const tock::Process&, const std::string&) override { ++faults; }
  void KernelPanicked(const std::string&) override { panicked = true; }
  void AllProcessesDone() override {}
  void ChildStopChanged(const tock::Process&, int pid, StopChange change) override {
    changes.push_back(change);
    last_pid = pid;
  }
  int faults = 0;
  bool panicked = false;
  int last_pid = 0;
  std::vector<StopChange> changes;
};

constexpr uint32_t kTimesliceUs = 2000;

class HostRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loop = EventLoop::Create();
    ASSERT_TRUE(loop.ok());
    loop_ = *std::move(loop);
  }

  // Loads the subject (slot 0, behaviour `subject`) and the witness (slot 1, well behaved).
  void Start(Behaviour subject) {
    children_[0] = std::make_unique<FakeChild>(subject);
    children_[1] = std::make_unique<FakeChild>(Behaviour::kWellBehaved);
    kernel_ = std::make_unique<tock::Kernel>(processes_, drivers_, kTimesliceUs);
    ptrs_ = {children_[0].get(), children_[1].get()};
    runner_ =
        std::make_unique<HostRunner>(*loop_, *kernel_, ptrs_, loop_cap_, process_cap_, listener_);
    for (size_t i = 0; i < 2; ++i) {
      const char* name = i == 0 ? "subject" : "witness";
      const tock::TbfDescription& tbf = children_[i]->fake_platform().MakeImage({.name = name});
      auto pid = kernel_->LoadProcess(tbf, children_[i]->platform(), restart_, process_cap_);
      ASSERT_TRUE(pid.ok());
      pids_[i] = pid.value();
    }
    runner_->Schedule();
  }

  FakeChild& subject() { return *children_[0]; }
  FakeChild& witness() { return *children_[1]; }
  tock::Process& process(size_t i) { return kernel_->processes()[i]; }

  // Steps the loop (as tockd does: step, then schedule) until `done` or the guard ends.
  bool RunUntil(const std::function<bool()>& done) {
    const auto guard = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > guard) {
        return false;
      }
      loop_->Step(/*block=*/true);
      runner_->Schedule();
    }
    return true;
  }
  // The witness has `n` more requests answered.
  bool WitnessProgresses(int n = 20) {
    const int target = witness().answered + n;
    return RunUntil([&] { return witness().answered >= target; });
  }
  void Manage(const char* what) {
    tock::ProcessId pid = process(0).id();
    if (std::string(what) == "stop") {
      (void)kernel_->StopProcess(pid, process_cap_);
    }
    // As the control socket and the process console: start resumes a stopped process.
    if (std::string(what) == "start") {
      if (process(0).IsStopped()) {
        (void)kernel_->ResumeProcess(pid, process_cap_);
      } else {
        (void)kernel_->StartProcess(pid, process_cap_);
      }
    }
    if (std::string(what) == "resume") {
      (void)kernel_->ResumeProcess(pid, process_cap_);
    }
    if (std::string(what) == "restart") {
      (void)kernel_->RestartProcess(pid, process_cap_);
    }
    if (std::string(what) == "terminate") {
      (void)kernel_->TerminateProcess(pid, 0, process_cap_);
    }
    runner_->Schedule();
  }

  tock::MainLoopCapability loop_cap_ = tock::CapabilityFactory::MainLoop();
  tock::ProcessManagementCapability process_cap_ = tock::CapabilityFactory::ProcessManagement();
  tock::RestartFaultPolicy restart_;
  tock::DriverTable<4> drivers_;
  std::array<tock::Process, 2> processes_;
  std::unique_ptr<EventLoop> loop_;
  std::unique_ptr<tock::Kernel> kernel_;
  std::array<std::unique_ptr<FakeChild>, 2> children_;
  std::array<RunnableChild*, 2> ptrs_{};
  std::array<tock::ProcessId, 2> pids_{};
  RecordingListener listener_;
  std::unique_ptr<HostRunner> runner_;
};

// ---- One misbehaving subject beside the witness ----------------------------------------------

TEST_F(HostRunnerTest, WitnessRunsBesideAnAppThatNeverMakesASyscall) {
  Start(Behaviour::kSpinner);  // computes, sleeps in a futex, or is stopped: all look alike
  ASSERT_TRUE(WitnessProgresses(50));
  EXPECT_GT(runner_->stats().timeslice_expiries, 0u);
  EXPECT_GT(subject().preempts, 0);
}

TEST_F(HostRunnerTest, WitnessRunsBesideAnAppThatSleepsWithoutARequest) {
  Start(Behaviour::kSleeper);  // asleep in its FUTEX_WAIT: it uses no CPU time
  ASSERT_TRUE(WitnessProgresses(50));
  EXPECT_GT(subject().preempts, 0);
}

TEST_F(HostRunnerTest, AnAppTheHostHoldsBackKeepsItsTurnOnlyUpToTheStretchBound) {
  Start(Behaviour::kStarved);  // runnable, but the host gives it no CPU
  ASSERT_TRUE(RunUntil([&] { return subject().preempts > 0; }));
  ASSERT_TRUE(WitnessProgresses(50));
}

TEST_F(HostRunnerTest, WitnessRunsBesideAnAppWhoseLauncherNeverAnswers) {
  Start(Behaviour::kSilentLauncher);
  ASSERT_TRUE(WitnessProgresses(50));
  EXPECT_EQ(subject().phase(), ChildPhase::kSpawning);
  EXPECT_EQ(subject().preempts, 0) << "the launcher is never stopped";
  // Once it answers, it runs at its next turn.
  subject().set_behaviour(Behaviour::kWellBehaved);
  subject().Handshake();
  ASSERT_TRUE(RunUntil([&] { return subject().answered >= 5; }));
  EXPECT_TRUE(WitnessProgresses());
}

TEST_F(HostRunnerTest, ATimesliceThatEndsDuringTheLaunchDoesNotStopTheLauncher) {
  Start(Behaviour::kSilentLauncher);
  ASSERT_TRUE(RunUntil([&] { return runner_->stats().timeslice_expiries >= 3; }));
  EXPECT_EQ(subject().preempts, 0);
  subject().set_behaviour(Behaviour::kWellBehaved);
  subject().Handshake();
  ASSERT_TRUE(RunUntil([&] { return subject().answered >= 3; }));
  EXPECT_FALSE(subject().state().stopped_by_kernel());
}

TEST_F(HostRunnerTest, StopFromOutsideIsReportedAndDoesNotStallTheWitness) {
  Start(Behaviour::kWellBehaved);
  ASSERT_TRUE(RunUntil([&] { return subject().answered >= 3; }));
  subject().set_behaviour(Behaviour::kSpinner);  // a stopped child posts nothing
  subject().StopFromOutside();
  ASSERT_TRUE(RunUntil([&] { return !listener_.changes.empty(); }));
  EXPECT_EQ(listener_.changes[0], StopChange::kStoppedFromOutside);
  EXPECT_EQ(listener_.last_pid, 4242);
  EXPECT_EQ(runner_->stats().stops_from_outside, 1u);
  ASSERT_TRUE(WitnessProgresses(50));
  subject().ContinueFromOutside();
  ASSERT_TRUE(RunUntil([&] { return listener_.changes.size() >= 2; }));
  EXPECT_EQ(listener_.changes[1], StopChange::kContinuedFromOutside);
}

TEST_F(HostRunnerTest, AFaultLoopRestartsAndTheWitnessKeepsRunning) {
  Start(Behaviour::kWellBehaved);
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(RunUntil([&] { return subject().phase() == ChildPhase::kRunning; }));
    subject().Die();
    ASSERT_TRUE(RunUntil([&] { return listener_.faults == i + 1; }));
  }
  EXPECT_EQ(process(0).restart_count(), 50u);
  EXPECT_TRUE(WitnessProgresses());
}

TEST_F(HostRunnerTest, ProtocolViolationInEveryPhaseIsAFaultNotAWedge) {
  Start(Behaviour::kSilentLauncher);
  subject().PostSyscall(2, {});  // a request before the handshake
  ASSERT_TRUE(RunUntil([&] { return listener_.faults == 1; }));
  subject().set_behaviour(Behaviour::kWellBehaved);
  subject().Handshake();  // the restarted child launches
  ASSERT_TRUE(RunUntil([&] { return subject().answered >= 2; }));
  subject().PostGarbage();
  ASSERT_TRUE(RunUntil([&] { return listener_.faults == 2; }));
  EXPECT_TRUE(WitnessProgresses());
}

// ---- Management commands in every phase, one at a time and pipelined ---------------------------

// The phases a subject can be in when a command arrives.
enum class Phase { kSpawning, kReady, kRunning, kInKernel, kBlockedInYield, kFaulted };

std::string PhaseName(Phase p) {
  switch (p) {
    case Phase::kSpawning:
      return "spawning";
    case Phase::kReady:
      return "ready";
    case Phase::kRunning:
      return "running";
    case Phase::kInKernel:
      return "inkernel";
    case Phase::kBlockedInYield:
      return "yielded";
    case Phase::kFaulted:
      return "faulted";
  }
  return "?";
}

struct CommandCase {
  Phase phase;
  std::vector<const char*> commands;  // given back to back, before the loop runs again
};

class HostRunnerCommandTest : public HostRunnerTest,
                              public ::testing::WithParamInterface<CommandCase> {
 protected:
  void ReachPhase(Phase phase) {
    switch (phase) {
      case Phase::kSpawning:
        Start(Behaviour::kSilentLauncher);
        break;
      case Phase::kReady:
        // The handshake arrives while the subject is stopped: polled, not started.
        Start(Behaviour::kSilentLauncher);
        Manage("stop");
        subject().Handshake();
        ASSERT_TRUE(RunUntil([&] { return subject().phase() == ChildPhase::kReady; }));
        break;
      case Phase::kRunning:
        Start(Behaviour::kSpinner);
        ASSERT_TRUE(RunUntil([&] { return subject().phase() == ChildPhase::kRunning; }));
        break;
      case Phase::kInKernel:
        // A request posted while its turn is over: deferred to its next turn.
        Start(Behaviour::kSpinner);
        ASSERT_TRUE(RunUntil([&] { return subject().phase() == ChildPhase::kRunning; }));
        ASSERT_TRUE(RunUntil([&] { return runner_->running() == &process(1); }));
        subject().PostSyscall(2, {0x7777, 0, 0, 0});
        ASSERT_TRUE(RunUntil([&] { return subject().phase() == ChildPhase::kInKernel; }));
        break;
      case Phase::kBlockedInYield:
        Start(Behaviour::kSpinner);
        ASSERT_TRUE(RunUntil([&] { return subject().phase() == ChildPhase::kRunning; }));
        subject().PostSyscall(0, {1, 0, 0, 0});  // yield-wait: nothing will wake it
        ASSERT_TRUE(RunUntil([&] { return process(0).state() == ProcessState::kYielded; }));
        break;
      case Phase::kFaulted: {
        Start(Behaviour::kSpinner);
        ASSERT_TRUE(RunUntil([&] { return subject().phase() == ChildPhase::kRunning; }));
        // The restart policy brings it back at once: the commands meet a fresh child.
        subject().Die();
        ASSERT_TRUE(RunUntil([&] { return listener_.faults == 1; }));
        break;
      }
    }
  }
};

TEST_P(HostRunnerCommandTest, SubjectEndsUpWhereTheLastCommandPutsItAndNothingWedges) {
  const CommandCase& c = GetParam();
  ASSERT_NO_FATAL_FAILURE(ReachPhase(c.phase));
  for (const char* cmd : c.commands) {
    Manage(cmd);
  }
  subject().set_behaviour(Behaviour::kWellBehaved);
  if (subject().phase() == ChildPhase::kSpawning) {
    subject().Handshake();
  }
  // Whatever the kernel now says the subject is, the host must make true: a Running process
  // runs (no wedge); a stopped, terminated or blocked one does not.
  if (process(0).state() != ProcessState::kRunning) {
    EXPECT_TRUE(WitnessProgresses(50));
    const int answered = subject().answered;
    EXPECT_TRUE(WitnessProgresses(50));
    EXPECT_EQ(subject().answered, answered) << "a process that is not Running must not run";
    if (c.phase != Phase::kBlockedInYield) {
      EXPECT_NE(process(0).state(), ProcessState::kYielded);
    }
  } else {
    // Running again: it makes requests and has them answered; the witness too.
    const int target = subject().answered + 5;
    EXPECT_TRUE(RunUntil([&] { return subject().answered >= target; }))
        << "subject phase " << ChildPhaseName(subject().phase()) << ", kernel state "
        << static_cast<int>(process(0).state());
    EXPECT_TRUE(WitnessProgresses());
  }
  EXPECT_FALSE(listener_.panicked);
}

std::vector<CommandCase> AllCommandCases() {
  const std::vector<std::vector<const char*>> sequences = {
      {"stop"},
      {"stop", "resume"},
      {"restart"},
      {"terminate", "start"},
      {"restart", "stop", "start"},  // the pipelined sequence that used to wedge
      {"restart", "stop", "resume"},
      {"stop", "restart"},
      {"stop", "terminate", "start", "stop", "resume"},
      {"terminate"},
  };
  std::vector<CommandCase> cases;
  for (Phase p : {Phase::kSpawning, Phase::kReady, Phase::kRunning, Phase::kInKernel,
                  Phase::kBlockedInYield, Phase::kFaulted}) {
    for (const auto& seq : sequences) {
      cases.push_back({p, seq});
    }
  }
  return cases;
}

std::string CaseName(const ::testing::TestParamInfo<CommandCase>& info) {
  std::string name = PhaseName(info.param.phase);
  for (const char* c : info.param.commands) {
    name += std::string("_") + c;
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryPhase, HostRunnerCommandTest, ::testing::ValuesIn(AllCommandCases()),
                         CaseName);

}  // namespace
}  // namespace tock::hostkernel
