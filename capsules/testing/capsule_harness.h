// Helpers for capsule tests on kernel/testing's KernelHarness: expectations on TRD104 return
// variants and a way to collect the next upcall a process would receive. Host-only test code.
#ifndef TOCKPP_CAPSULES_TESTING_CAPSULE_HARNESS_H_
#define TOCKPP_CAPSULES_TESTING_CAPSULE_HARNESS_H_

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>

#include "kernel/error_code.h"
#include "kernel/testing/kernel_harness.h"

namespace tock::capsules::testing {

using Harness = tock::testing::KernelHarness<3, 16>;
using tock::testing::FakeProcessPlatform;
using tock::testing::TrapResult;

inline constexpr uint32_t kFailure = 0;
inline constexpr uint32_t kFailureU32U32 = 2;
inline constexpr uint32_t kSuccess = 128;
inline constexpr uint32_t kSuccessU32 = 129;
inline constexpr uint32_t kSuccessU32U32 = 130;

// A valid upcall function address (inside the fake app's flash, past its header).
inline constexpr uint32_t kUpcallFn = FakeProcessPlatform::kFlashBase + 0x100;

// One test's harness, held by value (~150 KB, fine on a test's stack); `h->` reaches it.
// Returned as a prvalue, so it is never copied or moved.
struct ScopedHarness {
  Harness harness;
  Harness* operator->() { return &harness; }
  Harness& operator*() { return harness; }
};
inline ScopedHarness MakeHarness() { return {}; }

inline void ExpectSuccess(const TrapResult& r) { EXPECT_EQ(r.variant(), kSuccess); }
inline void ExpectSuccessU32(const TrapResult& r, uint32_t value) {
  EXPECT_EQ(r.variant(), kSuccessU32);
  EXPECT_EQ(r.regs[1], value);
}
inline void ExpectFailure(const TrapResult& r, ErrorCode error) {
  EXPECT_EQ(r.variant(), kFailure);
  EXPECT_EQ(r.regs[1], ToU32(error));
}
// Subscribe/allow failures use Failure with 2 u32.
inline void ExpectFailure2(const TrapResult& r, ErrorCode error) {
  EXPECT_EQ(r.variant(), kFailureU32U32);
  EXPECT_EQ(r.regs[1], ToU32(error));
}

// The arguments of the oldest queued upcall (driver, num) of `pid`, via yield-wait-for, or
// nullopt if the process has nothing queued at all. The process stays Running.
inline std::optional<std::array<uint32_t, 3>> TakeUpcall(Harness& h, ProcessId pid, uint32_t driver,
                                                         uint32_t num) {
  if (h.process(pid).pending_upcall_count() == 0) {
    return std::nullopt;
  }
  TrapResult r = h.YieldWaitFor(pid, driver, num);
  if (r.outcome != tock::SyscallOutcome::kResume) {
    ADD_FAILURE() << "a queued upcall was not for driver " << driver << " num " << num;
    return std::nullopt;
  }
  return std::array<uint32_t, 3>{r.regs[0], r.regs[1], r.regs[2]};
}

}  // namespace tock::capsules::testing

#endif  // TOCKPP_CAPSULES_TESTING_CAPSULE_HARNESS_H_
