#include "kernel/grant.h"

#include <gtest/gtest.h>

#include <memory>

#include "kernel/kernel.h"
#include "kernel/testing/kernel_harness.h"
#include "kernel/testing/test_driver.h"

namespace tock {
namespace {

using testing::FakeProcessPlatform;
using testing::KernelHarness;
using testing::TestApp;
using testing::TestDriver;

constexpr uint32_t kDrv = TestDriver::kDriverNum;
constexpr uint32_t kRam = FakeProcessPlatform::kRamBase;

class GrantTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(h->Register(kDrv, driver).ok()); }
  std::unique_ptr<KernelHarness<3>> h = std::make_unique<KernelHarness<3>>();
  TestDriver driver{h->kernel, h->memory_cap};
};

TEST_F(GrantTest, EnterAllocatesOnceAndDataPersists) {
  ProcessId pid = h->Load(0).value();
  EXPECT_FALSE(driver.grant.IsAllocated(pid));
  const uint32_t before = h->process(pid).kernel_memory_break();
  auto r = driver.grant.Enter(pid, [](TestApp& app, GrantKernelData& kd) {
    EXPECT_EQ(app.count, 0u);
    EXPECT_EQ(kd.num_upcalls(), 3u);
    EXPECT_EQ(kd.num_read_only_buffers(), 2u);
    EXPECT_EQ(kd.num_read_write_buffers(), 2u);
    EXPECT_EQ(kd.num_userspace_readable_buffers(), 1u);
    EXPECT_EQ(kd.driver_num(), kDrv);
    app.count = 41;
    return app.count + 1;
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 42u);
  EXPECT_TRUE(driver.grant.IsAllocated(pid));
  const uint32_t after = h->process(pid).kernel_memory_break();
  EXPECT_LT(after, before);
  EXPECT_EQ(driver.grant
                .Enter(pid,
                       [](TestApp& app, GrantKernelData& kd) {
                         EXPECT_EQ(kd.process_id().index(), 0u);
                         return app.count;
                       })
                .value(),
            41u);
  EXPECT_EQ(h->process(pid).kernel_memory_break(), after);
}

TEST_F(GrantTest, ReenteringTheSameGrantForTheSameProcessIsBusy) {
  ProcessId a = h->Load(0).value();
  ProcessId b = h->Load(1).value();
  auto r = driver.grant.Enter(a, [&](TestApp&, GrantKernelData&) {
    auto inner = driver.grant.Enter(a, [](TestApp&, GrantKernelData&) {});
    EXPECT_EQ(inner.error(), ErrorCode::kBusy);
    // A different process's grant is fine.
    EXPECT_TRUE(driver.grant.Enter(b, [](TestApp&, GrantKernelData&) {}).ok());
  });
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(driver.grant.Enter(a, [](TestApp&, GrantKernelData&) {}).ok());
}

TEST_F(GrantTest, IterateVisitsOnlyProcessesWithTheGrant) {
  ProcessId a = h->Load(0).value();
  ASSERT_TRUE(h->Load(1).ok());
  ProcessId c = h->Load(2).value();
  ASSERT_TRUE(driver.grant.Enter(a, [](TestApp& app, GrantKernelData&) { app.count = 1; }).ok());
  ASSERT_TRUE(driver.grant.Enter(c, [](TestApp& app, GrantKernelData&) { app.count = 3; }).ok());
  uint32_t sum = 0;
  size_t n = driver.grant.Iterate([&](TestApp& app, GrantKernelData&) { sum += app.count; });
  EXPECT_EQ(n, 2u);
  EXPECT_EQ(sum, 4u);
  // Terminated processes drop out.
  ASSERT_TRUE(h->kernel.TerminateProcess(c, 0, h->process_cap).ok());
  EXPECT_EQ(driver.grant.Iterate([](TestApp&, GrantKernelData&) {}), 1u);
  // Entered grants are skipped while iterating inside them.
  ASSERT_TRUE(driver.grant
                  .Enter(a,
                         [&](TestApp&, GrantKernelData&) {
                           EXPECT_EQ(driver.grant.Iterate([](TestApp&, GrantKernelData&) {}), 0u);
                         })
                  .ok());
}

TEST_F(GrantTest, StaleOrInvalidProcessIdsCannotEnter) {
  ProcessId pid = h->Load(0).value();
  auto noop = [](TestApp&, GrantKernelData&) {};
  EXPECT_EQ(driver.grant.Enter(ProcessId(), noop).error(), ErrorCode::kInval);
  EXPECT_EQ(driver.grant.Enter(ProcessId(2, pid.id()), noop).error(), ErrorCode::kInval);
  EXPECT_EQ(driver.grant.Enter(ProcessId(9, 1), noop).error(), ErrorCode::kInval);
  ASSERT_TRUE(h->kernel.RestartProcess(pid, h->process_cap).ok());
  EXPECT_EQ(driver.grant.Enter(pid, noop).error(), ErrorCode::kInval);
  EXPECT_FALSE(driver.grant.IsAllocated(pid));
}

TEST_F(GrantTest, GrantCreatedAfterFirstLoadCannotAllocate) {
  ProcessId pid = h->Load(0).value();
  Grant<TestApp, UpcallCount<1>, AllowRoCount<0>, AllowRwCount<0>> late(h->kernel, 0x999,
                                                                        h->memory_cap);
  EXPECT_EQ(late.Enter(pid, [](TestApp&, GrantKernelData&) {}).error(), ErrorCode::kNoMem);
  EXPECT_FALSE(late.IsAllocated(pid));
  EXPECT_EQ(late.driver_num(), 0x999u);
}

TEST_F(GrantTest, KernelDataGivesValidatedBuffersAndUpcalls) {
  ProcessId pid = h->Load(0).value();
  const uint32_t buf = h->AppBuffer(pid, 512, 16);
  for (uint32_t i = 0; i < 16; ++i) {
    *h->platform(pid).Ram(buf + i) = static_cast<uint8_t>(i);
  }
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 0, buf, 16).variant(), 130u);
  ASSERT_EQ(h->AllowReadOnly(pid, kDrv, 1, buf + 4, 4).variant(), 130u);
  ASSERT_EQ(h->Trap(pid, SyscallClass::kUserspaceReadableAllow, kDrv, 0, buf + 8, 8).variant(),
            130u);
  ASSERT_EQ(h->Subscribe(pid, kDrv, 1, FakeProcessPlatform::kFlashBase + 0x100, 9).variant(), 130u);
  ASSERT_TRUE(driver.grant
                  .Enter(pid,
                         [&](TestApp&, GrantKernelData& kd) {
                           auto rw = kd.GetReadWriteBuffer(0);
                           EXPECT_EQ(rw.size(), 16u);
                           EXPECT_EQ(rw.address(), buf);
                           EXPECT_EQ(rw.Get(15).value(), 15);
                           EXPECT_TRUE(rw.Set(0, 0xAA).ok());
                           auto ro = kd.GetReadOnlyBuffer(1);
                           EXPECT_EQ(ro.size(), 4u);
                           EXPECT_EQ(ro.Get(0).value(), 4);
                           auto uro = kd.GetUserspaceReadableBuffer(0);
                           EXPECT_EQ(uro.size(), 8u);
                           EXPECT_TRUE(uro.Set(7, 0xBB).ok());
                           // Out of range numbers and empty slots give empty buffers.
                           EXPECT_TRUE(kd.GetReadWriteBuffer(1).empty());
                           EXPECT_TRUE(kd.GetReadWriteBuffer(2).empty());
                           EXPECT_TRUE(kd.GetReadOnlyBuffer(0).empty());
                           EXPECT_TRUE(kd.GetReadOnlyBuffer(2).empty());
                           EXPECT_TRUE(kd.GetUserspaceReadableBuffer(1).empty());
                           EXPECT_TRUE(kd.IsSubscribed(1));
                           EXPECT_FALSE(kd.IsSubscribed(0));
                           EXPECT_FALSE(kd.IsSubscribed(3));
                           EXPECT_EQ(kd.ScheduleUpcall(3, 0, 0, 0).error(), ErrorCode::kInval);
                           EXPECT_TRUE(kd.ScheduleUpcall(1, 1, 2, 3).ok());
                         })
                  .ok());
  EXPECT_EQ(*h->platform(pid).Ram(buf), 0xAA);
  EXPECT_EQ(*h->platform(pid).Ram(buf + 15), 0xBB);
  EXPECT_EQ(h->process(pid).pending_upcall_count(), 1u);
}

TEST_F(GrantTest, ReadOnlyFlashBufferReadsTheImage) {
  ProcessId pid = h->Load(0).value();
  const uint32_t addr = FakeProcessPlatform::kFlashBase + 100;
  ASSERT_EQ(h->AllowReadOnly(pid, kDrv, 0, addr, 8).variant(), 130u);
  ASSERT_TRUE(driver.grant
                  .Enter(pid,
                         [&](TestApp&, GrantKernelData& kd) {
                           auto ro = kd.GetReadOnlyBuffer(0);
                           ASSERT_EQ(ro.size(), 8u);
                           uint8_t out[8];
                           ASSERT_TRUE(ro.CopyOut(0, out).ok());
                           EXPECT_EQ(out[0], *h->platform(pid).Flash(addr));
                         })
                  .ok());
}

TEST_F(GrantTest, BuffersAreRevalidatedAgainstTheCurrentBreak) {
  ProcessId pid = h->Load(0).value();
  Process& p = h->process(pid);
  const uint32_t buf = h->AppBuffer(pid, 1024, 64);
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 0, buf, 64).variant(), 130u);
  // The high-water mark keeps the break above the buffer, so the buffer stays usable.
  EXPECT_EQ(h->Memop(pid, 0, kRam + 256).regs[1], 9u);
  EXPECT_GE(p.app_break(), buf + 64);
  EXPECT_EQ(h->Command(pid, kDrv, 4, 0, 0).regs[1], 64u);
}

}  // namespace
}  // namespace tock
