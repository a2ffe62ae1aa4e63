#include "kernel/testing/syscall_sequence.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace tock::testing {
namespace {

std::string g_violation;
void Record(const char* what) {
  if (g_violation.empty()) {
    g_violation = what;
  }
}

// Thousands of random event sequences (fixed seed, reproducible): the kernel must keep its
// memory invariants and never hand a capsule a buffer outside the process's memory.
TEST(SyscallSequenceTest, RandomSequencesKeepKernelInvariants) {
  std::mt19937 rng(20261125);
  size_t syscalls = 0, delivered = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<uint8_t> bytes(1500);
    for (auto& b : bytes) {
      b = static_cast<uint8_t>(rng());
    }
    g_violation.clear();
    SyscallSequence seq(&Record);
    seq.Run(bytes);
    ASSERT_EQ(g_violation, "") << "round " << round;
    syscalls += seq.syscalls();
    delivered += seq.upcalls_delivered();
  }
  RecordProperty("syscalls", static_cast<int>(syscalls));
  RecordProperty("upcalls", static_cast<int>(delivered));
  EXPECT_GT(syscalls, 10000u);
  EXPECT_GT(delivered, 20u);
}

TEST(SyscallSequenceTest, EmptyInputDoesNothing) {
  SyscallSequence seq(&Record);
  EXPECT_EQ(seq.Run({}), 0u);
  EXPECT_EQ(seq.harness().processes[0].state(), ProcessState::kRunning);
}

}  // namespace
}  // namespace tock::testing
