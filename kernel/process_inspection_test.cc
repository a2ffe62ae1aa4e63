#include "kernel/process_inspection.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "kernel/grant.h"
#include "kernel/kernel.h"
#include "kernel/testing/kernel_harness.h"
#include "kernel/testing/test_driver.h"

namespace tock {
namespace {

using testing::FakeProcessPlatform;
using testing::KernelHarness;
using testing::TestDriver;

constexpr uint32_t kDrv = TestDriver::kDriverNum;
constexpr uint32_t kOther = 0x90200;
constexpr uint32_t kFn = FakeProcessPlatform::kFlashBase + 0x100;
constexpr uint32_t kFn2 = FakeProcessPlatform::kFlashBase + 0x104;
// TestDriver's grant: 8 header + 8 * (3 + 2 + 2 + 1) slots + 20 bytes of TestApp, 8-aligned.
constexpr uint32_t kTestGrantBytes = 96;

class ProcessInspectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    ASSERT_TRUE(h->Register(kOther, other).ok());
    pid = h->Load(0).value();
  }
  ProcessInspector Inspect() { return ProcessInspector(h->process(pid), h->process_cap); }

  std::unique_ptr<KernelHarness<2>> h = std::make_unique<KernelHarness<2>>();
  TestDriver driver{h->kernel, h->memory_cap};
  TestDriver other{h->kernel, h->memory_cap, kOther};
  ProcessId pid;
};

TEST_F(ProcessInspectionTest, FreshProcessHasNoGrantsUpcallsOrAllows) {
  const ProcessInspector in = Inspect();
  EXPECT_EQ(in.grant_count(), 0u);
  EXPECT_EQ(in.grant_bytes(), 0u);
  EXPECT_FALSE(in.grant(0).has_value());
  EXPECT_EQ(in.pending_upcall_count(), 0u);
  EXPECT_FALSE(in.pending_upcall(0).has_value());
  EXPECT_EQ(in.allowed_buffer_count(), 0u);
  EXPECT_FALSE(in.allowed_buffer(0).has_value());
}

TEST_F(ProcessInspectionTest, GrantReportsDriverAddressAndTheBytesTheBreakMoved) {
  const uint32_t before = h->process(pid).kernel_memory_break();
  ASSERT_EQ(h->Command(pid, kDrv, 1, 0, 0).variant(), 129u);  // enters (allocates) the grant
  const uint32_t after = h->process(pid).kernel_memory_break();
  const ProcessInspector in = Inspect();
  ASSERT_EQ(in.grant_count(), 1u);
  const GrantUsageInfo g = in.grant(0).value();
  EXPECT_EQ(g.driver_num, kDrv);
  EXPECT_EQ(g.address, after);
  EXPECT_EQ(g.size, before - after);
  EXPECT_EQ(g.size, kTestGrantBytes);
  EXPECT_EQ(in.grant_bytes(kDrv), kTestGrantBytes);
  EXPECT_EQ(in.grant_bytes(kOther), 0u);
}

TEST_F(ProcessInspectionTest, GrantsListInTableOrderAndSumToTheGrownKernelRegion) {
  const uint32_t initial_used = h->process(pid).kernel_memory_used();
  ASSERT_EQ(h->Command(pid, kOther, 1, 0, 0).variant(), 129u);
  ASSERT_EQ(h->Command(pid, kDrv, 1, 0, 0).variant(), 129u);
  const ProcessInspector in = Inspect();
  ASSERT_EQ(in.grant_count(), 2u);
  std::vector<uint32_t> drivers;
  in.ForEachGrant([&](const GrantUsageInfo& g) { drivers.push_back(g.driver_num); });
  EXPECT_EQ(drivers, (std::vector<uint32_t>{kDrv, kOther}));  // registration order
  EXPECT_EQ(in.grant_bytes(), h->process(pid).kernel_memory_used() - initial_used);
  EXPECT_EQ(in.grant_bytes(), 2 * kTestGrantBytes);
}

TEST_F(ProcessInspectionTest, PendingUpcallsAppearInQueueOrderWithTheirArguments) {
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFn, 7).variant(), 130u);
  ASSERT_EQ(h->Subscribe(pid, kOther, 2, kFn2, 8).variant(), 130u);
  ASSERT_EQ(h->Command(pid, kDrv, 2, 0, 11).variant(), 128u);    // upcall 0 args (11, 2, 3)
  ASSERT_EQ(h->Command(pid, kOther, 2, 2, 22).variant(), 128u);  // upcall 2 args (22, 2, 3)
  ASSERT_EQ(h->Command(pid, kDrv, 2, 1, 33).variant(), 128u);    // not subscribed: value-only
  ProcessInspector in = Inspect();
  ASSERT_EQ(in.pending_upcall_count(), 3u);
  const QueuedUpcall first = in.pending_upcall(0).value();
  EXPECT_EQ(first.id, (UpcallId{kDrv, 0}));
  EXPECT_EQ(first.upcall.fn, kFn);
  EXPECT_EQ(first.upcall.userdata, 7u);
  EXPECT_EQ(first.args[0], 11u);
  EXPECT_EQ(first.args[1], 2u);
  EXPECT_EQ(first.args[2], 3u);
  EXPECT_EQ(in.pending_upcall(1)->id, (UpcallId{kOther, 2}));
  EXPECT_EQ(in.pending_upcall(1)->args[0], 22u);
  EXPECT_EQ(in.pending_upcall(2)->id, (UpcallId{kDrv, 1}));
  EXPECT_TRUE(in.pending_upcall(2)->upcall.IsNull());
  EXPECT_FALSE(in.pending_upcall(3).has_value());

  // Delivering the oldest one leaves the other two, still in order.
  ASSERT_EQ(h->YieldWait(pid).outcome, SyscallOutcome::kResume);
  std::vector<uint32_t> firsts;
  in.ForEachPendingUpcall([&](const QueuedUpcall& u) { firsts.push_back(u.args[0]); });
  EXPECT_EQ(firsts, (std::vector<uint32_t>{22, 33}));
}

TEST_F(ProcessInspectionTest, AllowedBuffersListPerKindAndVanishWhenUnallowed) {
  const uint32_t buf = h->AppBuffer(pid, 512, 64);
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 1, buf, 16).variant(), 130u);
  ASSERT_EQ(h->AllowReadOnly(pid, kDrv, 0, buf + 16, 8).variant(), 130u);
  ASSERT_EQ(h->Trap(pid, SyscallClass::kUserspaceReadableAllow, kDrv, 0, buf + 32, 4).variant(),
            130u);
  ASSERT_EQ(h->AllowReadOnly(pid, kOther, 1, buf + 40, 2).variant(), 130u);
  ProcessInspector in = Inspect();
  ASSERT_EQ(in.allowed_buffer_count(), 4u);
  const AllowedBufferInfo a0 = in.allowed_buffer(0).value();
  EXPECT_EQ(a0.kind, AllowedBufferKind::kReadOnly);
  EXPECT_EQ(a0.driver_num, kDrv);
  EXPECT_EQ(a0.allow_num, 0u);
  EXPECT_EQ(a0.address, buf + 16);
  EXPECT_EQ(a0.length, 8u);
  const AllowedBufferInfo a1 = in.allowed_buffer(1).value();
  EXPECT_EQ(a1.kind, AllowedBufferKind::kReadWrite);
  EXPECT_EQ(a1.allow_num, 1u);
  EXPECT_EQ(a1.address, buf);
  EXPECT_EQ(a1.length, 16u);
  EXPECT_EQ(in.allowed_buffer(2)->kind, AllowedBufferKind::kUserspaceReadable);
  EXPECT_EQ(in.allowed_buffer(2)->length, 4u);
  EXPECT_EQ(in.allowed_buffer(3)->driver_num, kOther);
  EXPECT_STREQ(AllowedBufferKindName(in.allowed_buffer(3)->kind), "ro");
  EXPECT_STREQ(AllowedBufferKindName(AllowedBufferKind::kUserspaceReadable), "userspace");

  // Unallowing (address 0, length 0) removes it from the listing.
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 1, 0, 0).variant(), 130u);
  EXPECT_EQ(in.allowed_buffer_count(), 3u);
  EXPECT_EQ(in.allowed_buffer(1)->kind, AllowedBufferKind::kUserspaceReadable);
}

TEST_F(ProcessInspectionTest, RestartLeavesNoGrantsUpcallsOrAllows) {
  const uint32_t buf = h->AppBuffer(pid, 512, 16);
  ASSERT_EQ(h->Subscribe(pid, kDrv, 0, kFn, 0).variant(), 130u);
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 0, buf, 16).variant(), 130u);
  ASSERT_EQ(h->Command(pid, kDrv, 2, 0, 1).variant(), 128u);
  ASSERT_GT(Inspect().grant_bytes(), 0u);
  ASSERT_TRUE(h->kernel.RestartProcess(pid, h->process_cap).ok());
  const ProcessInspector in(h->kernel.processes()[0], h->process_cap);
  EXPECT_EQ(in.grant_count(), 0u);
  EXPECT_EQ(in.grant_bytes(), 0u);
  EXPECT_EQ(in.pending_upcall_count(), 0u);
  EXPECT_EQ(in.allowed_buffer_count(), 0u);
}

TEST_F(ProcessInspectionTest, UnusedSlotInspectsAsEmpty) {
  const ProcessInspector in(h->kernel.processes()[1], h->process_cap);
  EXPECT_EQ(in.grant_count(), 0u);
  EXPECT_EQ(in.pending_upcall_count(), 0u);
  EXPECT_EQ(in.allowed_buffer_count(), 0u);
}

TEST_F(ProcessInspectionTest, DamagedGrantHeaderIsSkippedNotReadPastItsBlock) {
  ASSERT_EQ(h->Command(pid, kDrv, 1, 0, 0).variant(), 129u);
  const GrantUsageInfo g = Inspect().grant(0).value();
  // Claim a block smaller than its own slot tables (size_words is at byte offset 6).
  uint8_t* header = h->platform(pid).Ram(g.address);
  header[6] = 1;
  header[7] = 0;
  const ProcessInspector in = Inspect();
  EXPECT_EQ(in.grant_count(), 0u);
  EXPECT_EQ(in.allowed_buffer_count(), 0u);
  // Claim one far beyond the end of RAM.
  header[6] = 0xFF;
  header[7] = 0xFF;
  EXPECT_EQ(Inspect().grant_count(), 0u);
}

}  // namespace
}  // namespace tock
