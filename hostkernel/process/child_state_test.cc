// ChildState: every event in every reachable state, against a table written out by hand.
#include "hostkernel/process/child_state.h"

#include <set>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

constexpr ChildEvent kAllEvents[] = {
    ChildEvent::kHandshake,        ChildEvent::kRequest,        ChildEvent::kAnswer,
    ChildEvent::kKernelStop,       ChildEvent::kKernelContinue, ChildEvent::kStoppedOutside,
    ChildEvent::kContinuedOutside, ChildEvent::kExit,
};

using Key = std::tuple<ChildPhase, bool, bool>;  // phase, stopped by kernel, from outside
Key KeyOf(const ChildState& s) {
  return {s.phase(), s.stopped_by_kernel(), s.stopped_from_outside()};
}

// Every state reachable from a fresh child, by breadth-first search over all events.
std::vector<ChildState> Reachable() {
  std::vector<ChildState> states{ChildState()};
  std::set<Key> seen{KeyOf(states[0])};
  for (size_t i = 0; i < states.size(); ++i) {
    for (ChildEvent e : kAllEvents) {
      if (std::optional<ChildState> n = states[i].Next(e); n && seen.insert(KeyOf(*n)).second) {
        states.push_back(*n);
      }
    }
  }
  return states;
}

// The expected outcome, spelled out phase by phase.
std::optional<Key> Expected(const ChildState& s, ChildEvent e) {
  const auto [phase, by_kernel, outside] = KeyOf(s);
  if (phase == ChildPhase::kExited) {
    return std::nullopt;
  }
  switch (e) {
    case ChildEvent::kHandshake:
      if (phase == ChildPhase::kSpawning) {
        return Key{ChildPhase::kReady, by_kernel, outside};
      }
      return std::nullopt;
    case ChildEvent::kRequest:
      if (phase == ChildPhase::kRunning) {
        return Key{ChildPhase::kInKernel, by_kernel, outside};
      }
      return std::nullopt;
    case ChildEvent::kAnswer:
      if (phase == ChildPhase::kReady || phase == ChildPhase::kInKernel) {
        return Key{ChildPhase::kRunning, by_kernel, outside};
      }
      return std::nullopt;
    case ChildEvent::kKernelStop:
      if ((phase == ChildPhase::kRunning || phase == ChildPhase::kInKernel) && !by_kernel) {
        return Key{phase, true, outside};
      }
      return std::nullopt;
    case ChildEvent::kKernelContinue:
      if (by_kernel) {
        return Key{phase, false, outside};
      }
      return std::nullopt;
    case ChildEvent::kStoppedOutside:
      if (!outside) {
        return Key{phase, by_kernel, true};
      }
      return std::nullopt;
    case ChildEvent::kContinuedOutside:
      if (outside) {
        return Key{phase, by_kernel, false};
      }
      return std::nullopt;
    case ChildEvent::kExit:
      return Key{ChildPhase::kExited, false, false};
  }
  return std::nullopt;
}

TEST(ChildStateTest, EveryEventInEveryReachableStateFollowsTheTable) {
  const std::vector<ChildState> states = Reachable();
  // Spawning and ready carry only a stop from outside (the launcher is never preempted);
  // running and in-kernel carry both overlays; exited carries none.
  EXPECT_EQ(states.size(), 2u + 2u + 4u + 4u + 1u);
  for (const ChildState& s : states) {
    for (ChildEvent e : kAllEvents) {
      std::optional<ChildState> got = s.Next(e);
      std::optional<Key> want = Expected(s, e);
      SCOPED_TRACE(std::string(ChildPhaseName(s.phase())) +
                   " kernel-stopped=" + std::to_string(s.stopped_by_kernel()) +
                   " outside-stopped=" + std::to_string(s.stopped_from_outside()) +
                   " event=" + ChildEventName(e));
      ASSERT_EQ(got.has_value(), want.has_value());
      if (got) {
        EXPECT_EQ(KeyOf(*got), *want);
      }
    }
  }
}

TEST(ChildStateTest, IllegalEdgeLeavesTheStateAlone) {
  ChildState s;
  EXPECT_FALSE(s.Apply(ChildEvent::kRequest));  // a request before the handshake
  EXPECT_EQ(s.phase(), ChildPhase::kSpawning);
  EXPECT_FALSE(s.Apply(ChildEvent::kKernelStop));  // the launcher is never stopped
  EXPECT_FALSE(s.stopped_by_kernel());
  ASSERT_TRUE(s.Apply(ChildEvent::kHandshake));
  ASSERT_TRUE(s.Apply(ChildEvent::kAnswer));
  ASSERT_TRUE(s.Apply(ChildEvent::kRequest));
  EXPECT_FALSE(s.Apply(ChildEvent::kRequest));  // a second request while one is pending
  EXPECT_EQ(s.phase(), ChildPhase::kInKernel);
}

TEST(ChildStateTest, PreemptionSurvivesARequestPostedAsTheStopLanded) {
  ChildState s;
  ASSERT_TRUE(s.Apply(ChildEvent::kHandshake));
  ASSERT_TRUE(s.Apply(ChildEvent::kAnswer));
  ASSERT_TRUE(s.Apply(ChildEvent::kKernelStop));
  ASSERT_TRUE(s.Apply(ChildEvent::kRequest));  // seen after the SIGSTOP
  EXPECT_TRUE(s.stopped_by_kernel());
  ASSERT_TRUE(s.Apply(ChildEvent::kAnswer));
  ASSERT_TRUE(s.Apply(ChildEvent::kKernelContinue));
  EXPECT_EQ(s.phase(), ChildPhase::kRunning);
  EXPECT_FALSE(s.stopped_by_kernel());
}

TEST(ChildStateTest, ExitEndsEverythingFromAnyPhase) {
  for (const ChildState& s : Reachable()) {
    if (s.phase() == ChildPhase::kExited) {
      continue;
    }
    ChildState t = s;
    ASSERT_TRUE(t.Apply(ChildEvent::kExit));
    EXPECT_EQ(t.phase(), ChildPhase::kExited);
    EXPECT_FALSE(t.launched());
    EXPECT_FALSE(t.stopped_by_kernel());
    for (ChildEvent e : kAllEvents) {
      EXPECT_FALSE(t.Next(e).has_value());
    }
  }
}

}  // namespace
}  // namespace tock::hostkernel
