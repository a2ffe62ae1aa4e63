// The process state machine: the transition table (every state x every event) and the Process
// members that apply it, without a kernel or platform.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "kernel/process.h"

namespace tock {

// Reaches the private state-change members (normally only Kernel calls them).
class ProcessTestPeer {
 public:
  static constexpr uint32_t kClaimId = 42;
  static constexpr UpcallId kWaitedFor{0x90100, 2};

  // Applies `event` through its member function, with fixed arguments.
  static Result<void> Do(Process& p, ProcessEvent event) {
    switch (event) {
      case ProcessEvent::kClaim:
        return p.Claim(kClaimId);
      case ProcessEvent::kRelease:
        return p.Release();
      case ProcessEvent::kStart:
        return p.MarkStarted();
      case ProcessEvent::kStartFailed:
        return p.FailStart();
      case ProcessEvent::kYield:
        return p.SetYielded();
      case ProcessEvent::kYieldFor:
        return p.SetYieldedFor(kWaitedFor);
      case ProcessEvent::kWake:
        return p.SetRunning();
      case ProcessEvent::kStop:
        return p.Stop();
      case ProcessEvent::kResume:
        return p.Resume();
      case ProcessEvent::kFault:
        return p.SetFaulted();
      case ProcessEvent::kTerminate:
        return p.Terminate(std::nullopt);
    }
    return ErrorCode::kInval;
  }
  static Result<void> Terminate(Process& p, std::optional<uint32_t> code) {
    return p.Terminate(code);
  }
  static Result<void> Renew(Process& p, uint32_t id, std::optional<uint32_t> code) {
    return p.Renew(id, code);
  }
  static Result<void> Claim(Process& p, uint32_t id) { return p.Claim(id); }
  static void CountSyscall(Process& p) { ++p.syscall_count_; }
  static void SetRestartCount(Process& p, uint32_t n) { p.restart_count_ = n; }
};

namespace {

using S = ProcessState;
using Ev = ProcessEvent;
using Peer = ProcessTestPeer;

constexpr std::array<S, 9> kStates = {
    S::kUnused,         S::kRunning,           S::kYielded, S::kYieldedFor, S::kStoppedRunning,
    S::kStoppedYielded, S::kStoppedYieldedFor, S::kFaulted, S::kTerminated,
};
constexpr std::array<Ev, kProcessEventCount> kEvents = {
    Ev::kClaim, Ev::kRelease, Ev::kStart,  Ev::kStartFailed, Ev::kYield,     Ev::kYieldFor,
    Ev::kWake,  Ev::kStop,    Ev::kResume, Ev::kFault,       Ev::kTerminate,
};

// One cell of the expected table: the next state, or the error of a rejected edge.
struct Cell {
  bool legal;
  S to;
  ErrorCode error;
};
constexpr Cell To(S s) { return Cell{true, s, ErrorCode::kFail}; }
constexpr Cell No(ErrorCode e) { return Cell{false, S::kUnused, e}; }
constexpr Cell kOff = No(ErrorCode::kOff);
constexpr Cell kAlready = No(ErrorCode::kAlready);
constexpr Cell kInval = No(ErrorCode::kInval);
constexpr Cell kBusy = No(ErrorCode::kBusy);

// Rows follow kStates, columns kEvents:
//   claim, release, start, start-failed, yield, yield-for, wake, stop, resume, fault, terminate
const Cell kTable[9][kProcessEventCount] = {
    // kUnused
    {To(S::kTerminated), kOff, kOff, kOff, kOff, kOff, kOff, kOff, kOff, kOff, kOff},
    // kRunning
    {kBusy, kInval, kAlready, kInval, To(S::kYielded), To(S::kYieldedFor), kAlready,
     To(S::kStoppedRunning), kAlready, To(S::kFaulted), To(S::kTerminated)},
    // kYielded
    {kBusy, kInval, kAlready, kInval, kInval, kInval, To(S::kRunning), To(S::kStoppedYielded),
     kAlready, To(S::kFaulted), To(S::kTerminated)},
    // kYieldedFor
    {kBusy, kInval, kAlready, kInval, kInval, kInval, To(S::kRunning), To(S::kStoppedYieldedFor),
     kAlready, To(S::kFaulted), To(S::kTerminated)},
    // kStoppedRunning
    {kBusy, kInval, kAlready, kInval, kInval, kInval, kInval, kAlready, To(S::kRunning),
     To(S::kFaulted), To(S::kTerminated)},
    // kStoppedYielded
    {kBusy, kInval, kAlready, kInval, kInval, kInval, kInval, kAlready, To(S::kYielded),
     To(S::kFaulted), To(S::kTerminated)},
    // kStoppedYieldedFor
    {kBusy, kInval, kAlready, kInval, kInval, kInval, kInval, kAlready, To(S::kYieldedFor),
     To(S::kFaulted), To(S::kTerminated)},
    // kFaulted
    {kBusy, kInval, kAlready, kInval, kOff, kOff, kOff, kOff, kOff, kAlready, To(S::kTerminated)},
    // kTerminated
    {kBusy, To(S::kUnused), To(S::kRunning), To(S::kFaulted), kOff, kOff, kOff, kOff, kOff, kOff,
     kAlready},
};

// A path of legal events from a fresh (Unused) process to each state.
std::vector<Ev> PathTo(S s) {
  switch (s) {
    case S::kUnused:
      return {};
    case S::kTerminated:
      return {Ev::kClaim};
    case S::kRunning:
      return {Ev::kClaim, Ev::kStart};
    case S::kYielded:
      return {Ev::kClaim, Ev::kStart, Ev::kYield};
    case S::kYieldedFor:
      return {Ev::kClaim, Ev::kStart, Ev::kYieldFor};
    case S::kStoppedRunning:
      return {Ev::kClaim, Ev::kStart, Ev::kStop};
    case S::kStoppedYielded:
      return {Ev::kClaim, Ev::kStart, Ev::kYield, Ev::kStop};
    case S::kStoppedYieldedFor:
      return {Ev::kClaim, Ev::kStart, Ev::kYieldFor, Ev::kStop};
    case S::kFaulted:
      return {Ev::kClaim, Ev::kStart, Ev::kFault};
  }
  return {};
}

// Brings `p` into `s` through the member functions (each step must be accepted).
void Reach(Process& p, S s) {
  for (Ev e : PathTo(s)) {
    ASSERT_TRUE(Peer::Do(p, e).ok());
  }
  ASSERT_EQ(p.state(), s);
}

TEST(ProcessStateTest, TransitionTableCoversEveryStateAndEvent) {
  for (size_t si = 0; si < kStates.size(); ++si) {
    for (size_t ei = 0; ei < kEvents.size(); ++ei) {
      SCOPED_TRACE(::testing::Message() << "state " << si << " event " << ei);
      const Cell& want = kTable[si][ei];
      Result<ProcessState> got = NextProcessState(kStates[si], kEvents[ei]);
      ASSERT_EQ(got.ok(), want.legal);
      if (want.legal) {
        EXPECT_EQ(got.value(), want.to);
      } else {
        EXPECT_EQ(got.error(), want.error);
      }
    }
  }
}

TEST(ProcessStateTest, MembersApplyLegalEdgesAndLeaveTheProcessAloneOnIllegalOnes) {
  for (size_t si = 0; si < kStates.size(); ++si) {
    for (size_t ei = 0; ei < kEvents.size(); ++ei) {
      SCOPED_TRACE(::testing::Message() << "state " << si << " event " << ei);
      Process p;
      Reach(p, kStates[si]);
      const ProcessId id_before = p.id();
      const UpcallId waited_before = p.yield_for();
      const uint32_t restarts_before = p.restart_count();
      const Cell& want = kTable[si][ei];
      Result<void> r = Peer::Do(p, kEvents[ei]);
      ASSERT_EQ(r.ok(), want.legal);
      if (want.legal) {
        EXPECT_EQ(p.state(), want.to);
      } else {
        EXPECT_EQ(r.error(), want.error);
        EXPECT_EQ(p.state(), kStates[si]);
        EXPECT_EQ(p.id(), id_before);
        EXPECT_EQ(p.yield_for(), waited_before);
        EXPECT_EQ(p.restart_count(), restarts_before);
      }
    }
  }
}

TEST(ProcessStateTest, AliveAndStoppedFollowTheState) {
  for (S s : kStates) {
    Process p;
    Reach(p, s);
    const bool stopped =
        s == S::kStoppedRunning || s == S::kStoppedYielded || s == S::kStoppedYieldedFor;
    const bool alive = stopped || s == S::kRunning || s == S::kYielded || s == S::kYieldedFor;
    EXPECT_EQ(p.IsStopped(), stopped) << static_cast<int>(s);
    EXPECT_EQ(p.IsAlive(), alive) << static_cast<int>(s);
  }
}

// Tock's Stopped(StoppedState): resume returns to exactly the state stop left, and a process
// stopped in yield-wait-for still waits for the same upcall.
TEST(ProcessStateTest, StopAndResumeRoundTripEveryStoppableState) {
  for (S s : {S::kRunning, S::kYielded, S::kYieldedFor}) {
    Process p;
    Reach(p, s);
    ASSERT_TRUE(p.IsAlive());
    ASSERT_TRUE(Peer::Do(p, Ev::kStop).ok());
    EXPECT_TRUE(p.IsStopped());
    EXPECT_EQ(Peer::Do(p, Ev::kStop).error(), ErrorCode::kAlready);
    ASSERT_TRUE(Peer::Do(p, Ev::kResume).ok());
    EXPECT_EQ(p.state(), s);
    EXPECT_EQ(Peer::Do(p, Ev::kResume).error(), ErrorCode::kAlready);
    if (s == S::kYieldedFor) {
      EXPECT_EQ(p.yield_for(), Peer::kWaitedFor);
    }
  }
}

TEST(ProcessStateTest, ClaimGivesAFreshIdentityAndReleaseClearsIt) {
  Process p;
  ASSERT_TRUE(Peer::Claim(p, 7).ok());
  EXPECT_EQ(p.id().id(), 7u);
  ASSERT_TRUE(Peer::Do(p, Ev::kStart).ok());
  ASSERT_TRUE(Peer::Terminate(p, 99u).ok());
  ASSERT_TRUE(Peer::Renew(p, 8, std::nullopt).ok());
  EXPECT_EQ(Peer::Terminate(p, std::nullopt).error(), ErrorCode::kAlready);
  ASSERT_TRUE(Peer::Do(p, Ev::kRelease).ok());
  EXPECT_EQ(p.state(), S::kUnused);
  EXPECT_FALSE(p.id().valid());
  // A later load starts from nothing: no restarts, no code.
  ASSERT_TRUE(Peer::Claim(p, 9).ok());
  EXPECT_EQ(p.id().id(), 9u);
  EXPECT_EQ(p.restart_count(), 0u);
  EXPECT_FALSE(p.has_completion_code());
  EXPECT_EQ(Peer::Claim(p, 10).error(), ErrorCode::kBusy);
  EXPECT_EQ(p.id().id(), 9u);
}

TEST(ProcessStateTest, StartingResetsTheDebugCountersAndTheWaitedForUpcall) {
  Process p;
  Reach(p, S::kYieldedFor);
  Peer::CountSyscall(p);
  ASSERT_TRUE(Peer::Terminate(p, std::nullopt).ok());
  EXPECT_EQ(p.syscall_count(), 1u);
  ASSERT_TRUE(Peer::Do(p, Ev::kStart).ok());
  EXPECT_EQ(p.syscall_count(), 0u);
  EXPECT_EQ(p.yield_for(), UpcallId{});
}

TEST(ProcessStateTest, TerminateStoresAGivenCompletionCodeOnlyWhenLegal) {
  Process p;
  Reach(p, S::kRunning);
  ASSERT_TRUE(Peer::Terminate(p, 5u).ok());
  EXPECT_TRUE(p.has_completion_code());
  EXPECT_EQ(p.completion_code(), 5u);
  EXPECT_EQ(Peer::Terminate(p, 6u).error(), ErrorCode::kAlready);
  EXPECT_EQ(p.completion_code(), 5u);
  // From Faulted (upstream allows it, to make a faulted process restartable); nullopt keeps the
  // code stored before.
  Process q;
  Reach(q, S::kFaulted);
  ASSERT_TRUE(Peer::Terminate(q, std::nullopt).ok());
  EXPECT_EQ(q.state(), S::kTerminated);
  EXPECT_FALSE(q.has_completion_code());
}

TEST(ProcessStateTest, RenewOnlyWhileTerminatedAndCountsRestarts) {
  Process p;
  Reach(p, S::kRunning);
  EXPECT_EQ(Peer::Renew(p, 50, std::nullopt).error(), ErrorCode::kInval);
  EXPECT_EQ(p.id().id(), Peer::kClaimId);
  EXPECT_EQ(p.restart_count(), 0u);
  ASSERT_TRUE(Peer::Terminate(p, 3u).ok());
  ASSERT_TRUE(Peer::Renew(p, 50, std::nullopt).ok());
  EXPECT_EQ(p.id().id(), 50u);
  EXPECT_EQ(p.restart_count(), 1u);
  EXPECT_FALSE(p.has_completion_code());
  EXPECT_EQ(p.state(), S::kTerminated);  // bookkeeping only; starting is kStart
  // exit-restart passes its code on to the new instance.
  ASSERT_TRUE(Peer::Renew(p, 51, 4u).ok());
  EXPECT_TRUE(p.has_completion_code());
  EXPECT_EQ(p.completion_code(), 4u);
  Peer::SetRestartCount(p, 0xFFFF);  // 32-bit: counts on past 16 bits
  ASSERT_TRUE(Peer::Renew(p, 52, std::nullopt).ok());
  EXPECT_EQ(p.restart_count(), 0x10000u);
  Peer::SetRestartCount(p, 0xFFFFFFFF);
  ASSERT_TRUE(Peer::Renew(p, 53, std::nullopt).ok());
  EXPECT_EQ(p.restart_count(), 0xFFFFFFFFu);  // saturates
}

}  // namespace
}  // namespace tock
