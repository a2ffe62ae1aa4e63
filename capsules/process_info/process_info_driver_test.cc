// Process info driver through the kernel harness with the board's KernelProcessManagement:
// count, ids, ShortIds, names (truncated, unknown id), stats and state changes.
#include "capsules/process_info/process_info_driver.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "capsules/process_console/kernel_process_management.h"
#include "capsules/testing/capsule_harness.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT

constexpr uint32_t kDrv = ProcessInfoDriver::kDriverNum;

class ProcessInfoDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0, {.name = "alpha"}).value();
    b = h->Load(1, {.name = "beta_app"}).value();
    h->platforms[1].mutable_tbf().identity.short_id = 0xBEEF;  // as tockd's loader assigns
  }
  // Allows `len` bytes at RAM offset 512 (filled with 0xEE) and returns a pointer to them.
  uint8_t* AllowBuffer(ProcessId pid, uint32_t len) {
    const uint32_t addr = h->AppBuffer(pid, 512, len);
    std::memset(h->platform(pid).Ram(addr), 0xEE, len);
    EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 0, addr, len).variant(), kSuccessU32U32);
    return h->platform(pid).Ram(addr);
  }
  static uint32_t Word(const uint8_t* p, size_t i) {
    uint32_t w;
    std::memcpy(&w, p + 4 * i, 4);
    return w;
  }
  ScopedHarness h = MakeHarness();
  KernelProcessManagement pm{h->kernel, h->process_cap, h->loop_cap};
  ProcessInfoDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  ProcessInfoDriver driver{pm, grant};
  ProcessId a, b;
};

TEST_F(ProcessInfoDriverTest, ExistsCountAndUnknownCommand) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectSuccessU32(h->Command(a, kDrv, 1, 0, 0), 2);
  ExpectFailure(h->Command(a, kDrv, 7, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(ProcessInfoDriverTest, IdsAndShortIdsFillTheBufferAsFarAsTheyFit) {
  uint8_t* buf = AllowBuffer(a, 8);
  ExpectSuccessU32(h->Command(a, kDrv, 2, 0, 0), 2);
  EXPECT_EQ(Word(buf, 0), a.id());
  EXPECT_EQ(Word(buf, 1), b.id());
  ExpectSuccessU32(h->Command(a, kDrv, 3, 0, 0), 2);
  EXPECT_EQ(Word(buf, 0), 0u);  // LocallyUnique
  EXPECT_EQ(Word(buf, 1), 0xBEEFu);
  // Room for one word and a half: the second is left out whole; the count is still 2.
  uint8_t* small = AllowBuffer(b, 6);
  ExpectSuccessU32(h->Command(b, kDrv, 2, 0, 0), 2);
  EXPECT_EQ(Word(small, 0), a.id());
  EXPECT_EQ(small[4], 0xEE);
  // No buffer: only the count.
  ExpectSuccessU32(h->Command(b, kDrv, 3, 0, 0), 2);
}

TEST_F(ProcessInfoDriverTest, NameIsCopiedAsFarAsItFitsAndUnknownIdIsInval) {
  uint8_t* buf = AllowBuffer(a, 16);
  ExpectSuccessU32(h->Command(a, kDrv, 4, b.id(), 0), 8);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(buf), 8), "beta_app");
  EXPECT_EQ(buf[8], 0xEE);
  uint8_t* small = AllowBuffer(b, 3);
  ExpectSuccessU32(h->Command(b, kDrv, 4, a.id(), 0), 5);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(small), 3), "alp");
  ExpectFailure(h->Command(a, kDrv, 4, 9999, 0), ErrorCode::kInval);
}

TEST_F(ProcessInfoDriverTest, StatsAreFourWordsWithUpstreamsStateNumbers) {
  uint8_t* buf = AllowBuffer(a, 16);
  h->Command(b, kDrv, 0, 0, 0);
  h->Command(b, kDrv, 0, 0, 0);
  ExpectSuccess(h->Command(a, kDrv, 5, b.id(), 0));
  EXPECT_EQ(Word(buf, 1), h->process(b).syscall_count());
  EXPECT_GE(Word(buf, 1), 2u);
  EXPECT_EQ(Word(buf, 2), 0u);  // restarts
  EXPECT_EQ(Word(buf, 3), ProcessInfoDriver::StateNumber(h->process(b).state()));
  // Unknown id: success, buffer untouched (upstream).
  std::memset(buf, 0xEE, 16);
  ExpectSuccess(h->Command(a, kDrv, 5, 9999, 0));
  EXPECT_EQ(Word(buf, 0), 0xEEEEEEEEu);
  EXPECT_EQ(ProcessInfoDriver::StateNumber(ProcessState::kStoppedYielded), 3u);
  EXPECT_EQ(ProcessInfoDriver::StateNumber(ProcessState::kFaulted), 4u);
  EXPECT_EQ(ProcessInfoDriver::StateNumber(ProcessState::kTerminated), 5u);
}

TEST_F(ProcessInfoDriverTest, StopStartTerminateBootAnotherProcess) {
  const Process& pb = h->kernel.processes()[b.index()];  // the slot: a boot gives a new id
  ExpectSuccess(h->Command(a, kDrv, 6, b.id(), 2));      // stop
  EXPECT_TRUE(pb.IsStopped());
  ExpectSuccess(h->Command(a, kDrv, 6, b.id(), 1));  // start
  EXPECT_FALSE(pb.IsStopped());
  ExpectSuccess(h->Command(a, kDrv, 6, b.id(), 5));  // boot: only when terminated, so nothing
  EXPECT_TRUE(pb.IsAlive());
  EXPECT_EQ(pb.id(), b);
  ExpectSuccess(h->Command(a, kDrv, 6, b.id(), 4));  // terminate
  EXPECT_EQ(pb.state(), ProcessState::kTerminated);
  ExpectSuccess(h->Command(a, kDrv, 6, pb.id().id(), 5));  // boot
  EXPECT_TRUE(pb.IsAlive());
  ExpectSuccess(h->Command(a, kDrv, 6, pb.id().id(), 77));  // unknown state: nothing
  EXPECT_TRUE(pb.IsAlive());
  ExpectFailure(h->Command(a, kDrv, 6, 9999, 2), ErrorCode::kInval);
}

TEST_F(ProcessInfoDriverTest, AProcessMayStopOrTerminateItself) {
  const Process& pa = h->kernel.processes()[a.index()];
  h->Command(a, kDrv, 6, a.id(), 2);  // stop itself
  EXPECT_TRUE(pa.IsStopped());
  ExpectSuccess(h->Command(b, kDrv, 6, a.id(), 1));
  EXPECT_FALSE(pa.IsStopped());
  h->Command(a, kDrv, 6, a.id(), 4);  // terminate itself
  EXPECT_EQ(pa.state(), ProcessState::kTerminated);
  ExpectSuccessU32(h->Command(b, kDrv, 1, 0, 0), 2);  // a terminated process still counts
}

}  // namespace
}  // namespace tock::capsules
