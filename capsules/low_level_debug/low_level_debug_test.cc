// Low-level debug through the kernel harness on a FakeUart: exact line formats, per-app
// 4-entry queue with the Dropped line, two apps, unknown commands, no subscribe/allow.
#include "capsules/low_level_debug/low_level_debug.h"

#include <gtest/gtest.h>

#include <string>

#include "capsules/testing/capsule_harness.h"
#include "capsules/text_writer.h"
#include "hil/testing/fake_uart.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeUart;

constexpr uint32_t kDrv = LowLevelDebug::kDriverNum;

class LowLevelDebugTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, lld).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  std::string Id(ProcessId pid) {
    uint8_t buf[16];
    TextWriter w(buf);
    w.Hex(pid.id());
    return std::string(w.view());
  }
  FakeUart uart;
  uint8_t buffer[LowLevelDebug::kBufferLen];
  ScopedHarness h = MakeHarness();
  LowLevelDebug::GrantType grant{h->kernel, kDrv, h->memory_cap};
  LowLevelDebug lld{uart, grant, buffer};
  ProcessId a, b;
};

TEST_F(LowLevelDebugTest, LineFormats) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectSuccess(h->Command(a, kDrv, 1, 0x1, 0));
  ExpectSuccess(h->Command(a, kDrv, 2, 0xdeadbeef, 0));
  ExpectSuccess(h->Command(a, kDrv, 3, 0, 0x10));
  uart.CompleteAllTransmits();
  const std::string id = Id(a);
  EXPECT_EQ(uart.output(), "LowLevelDebug: App 0x" + id + " alert code 0x1\n" +
                               "LowLevelDebug: App 0x" + id + " prints 0xdeadbeef\n" +
                               "LowLevelDebug: App 0x" + id + " prints 0x0 0x10\n");
}

TEST_F(LowLevelDebugTest, QueueOverflowBecomesDroppedLine) {
  for (uint32_t i = 1; i <= 7; ++i) {
    ExpectSuccess(h->Command(a, kDrv, 2, i, 0));
  }
  uart.CompleteAllTransmits();
  const std::string p = "LowLevelDebug: App 0x" + Id(a) + " prints 0x";
  // 1 went out at once; 2..5 filled the queue; 6 replaced 5 with a marker of 2, 7 made it 3.
  EXPECT_EQ(uart.output(), p + "1\n" + p + "2\n" + p + "3\n" + p + "4\n" +
                               "LowLevelDebug: Dropped 0x3 entries for app 0x" + Id(a) + "\n");
}

TEST_F(LowLevelDebugTest, TwoAppsQueuesAreIndependent) {
  ExpectSuccess(h->Command(a, kDrv, 2, 0xa, 0));
  ExpectSuccess(h->Command(b, kDrv, 2, 0xb, 0));
  ExpectSuccess(h->Command(a, kDrv, 2, 0xaa, 0));
  uart.CompleteAllTransmits();
  const std::string pa = "LowLevelDebug: App 0x" + Id(a) + " prints 0x";
  const std::string pb = "LowLevelDebug: App 0x" + Id(b) + " prints 0x";
  EXPECT_EQ(uart.output(), pa + "a\n" + pa + "aa\n" + pb + "b\n");
}

TEST_F(LowLevelDebugTest, UnknownCommandAndNoSubscribeOrAllow) {
  ExpectFailure(h->Command(a, kDrv, 4, 0, 0), ErrorCode::kNoSupport);
  ExpectFailure2(h->Subscribe(a, kDrv, 0, kUpcallFn, 0), ErrorCode::kNoSupport);
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::capsules
