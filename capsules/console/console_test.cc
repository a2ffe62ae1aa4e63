// Console through the kernel harness on a UartDevice of a MuxUart over a FakeUart: write and
// read paths, chunking, queued writes of two apps, BUSY/INVAL/abort, allow and subscribe
// numbers, received bytes no app got counted as dropped, and a kernel writer sharing the UART
// without splitting app lines.
#include "capsules/console/console.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "capsules/testing/capsule_harness.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/testing/fake_uart.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeUart;

constexpr uint32_t kDrv = Console::kDriverNum;
using Upcall = std::array<uint32_t, 3>;

class ConsoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, console).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  // Places `text` in app RAM and allows it read-only at slot 1.
  void AllowText(ProcessId pid, const std::string& text, uint32_t offset = 512) {
    uint32_t addr = h->AppBuffer(pid, offset, static_cast<uint32_t>(text.size()));
    std::memcpy(h->platform(pid).Ram(addr), text.data(), text.size());
    ASSERT_EQ(h->AllowReadOnly(pid, kDrv, 1, addr, static_cast<uint32_t>(text.size())).variant(),
              kSuccessU32U32);
  }
  uint32_t AllowReadBuffer(ProcessId pid, uint32_t len) {
    uint32_t addr = h->AppBuffer(pid, 1024, len);
    EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 1, addr, len).variant(), kSuccessU32U32);
    return addr;
  }
  std::string Ram(ProcessId pid, uint32_t addr, size_t n) {
    return std::string(reinterpret_cast<char*>(h->platform(pid).Ram(addr)), n);
  }

  FakeUart uart;
  uint8_t mux_rx[16];
  MuxUart mux{uart, mux_rx};
  UartDevice console_uart{mux};
  uint8_t tx[8], rx[8];
  ScopedHarness h = MakeHarness();
  Console::GrantType grant{h->kernel, kDrv, h->memory_cap};
  Console console{console_uart, grant, tx, rx};
  ProcessId a, b;
};

TEST_F(ConsoleTest, ExistsAndUnknownCommandIsNoSupport) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectFailure(h->Command(a, kDrv, 4, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(ConsoleTest, WriteSendsAllowedBytesAndReportsCount) {
  AllowText(a, "hi!\n");
  ASSERT_EQ(h->Subscribe(a, kDrv, 1, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectSuccess(h->Command(a, kDrv, 1, 4, 0));
  EXPECT_EQ(uart.in_flight(), "hi!\n");
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "hi!\n");
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{4, 0, 0}));
}

TEST_F(ConsoleTest, WriteLengthIsClampedToTheAllowedBuffer) {
  AllowText(a, "abc");
  ExpectSuccess(h->Command(a, kDrv, 1, 100, 0));
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "abc");
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{3, 0, 0}));
}

TEST_F(ConsoleTest, LongWriteIsChunkedThroughTheKernelBuffer) {
  const std::string text = "0123456789abcdefghij\n";
  AllowText(a, text);
  ExpectSuccess(h->Command(a, kDrv, 1, static_cast<uint32_t>(text.size()), 0));
  EXPECT_EQ(uart.in_flight().size(), sizeof(tx));
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), text);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{21, 0, 0}));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 1).has_value());
}

TEST_F(ConsoleTest, TwoAppsWritesAreQueuedAndBothComplete) {
  AllowText(a, "from a\n");
  AllowText(b, "from b\n");
  ExpectSuccess(h->Command(a, kDrv, 1, 7, 0));
  ExpectSuccess(h->Command(b, kDrv, 1, 7, 0));
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "from a\nfrom b\n");
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{7, 0, 0}));
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 1), (Upcall{7, 0, 0}));
}

TEST_F(ConsoleTest, AppContinuingItsOpenLineNeedsNoSeparator) {
  AllowText(a, "abc");
  ExpectSuccess(h->Command(a, kDrv, 1, 3, 0));
  uart.CompleteAllTransmits();
  AllowText(a, "def\n");
  ExpectSuccess(h->Command(a, kDrv, 1, 4, 0));
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "abcdef\n");
}

TEST_F(ConsoleTest, OtherAppStartsOnAFreshLineAfterAnOpenLine) {
  AllowText(a, "abc");
  ExpectSuccess(h->Command(a, kDrv, 1, 3, 0));
  AllowText(b, "x\n");
  ExpectSuccess(h->Command(b, kDrv, 1, 2, 0));  // queued behind a
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "abc\r\nx\n");
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{3, 0, 0}));
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 1), (Upcall{2, 0, 0}));
}

TEST_F(ConsoleTest, EmptyWriteCompletesAtOnce) {
  ExpectSuccess(h->Command(a, kDrv, 1, 5, 0));  // nothing allowed
  EXPECT_FALSE(uart.transmitting());
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{0, 0, 0}));
}

TEST_F(ConsoleTest, BufferShrunkMidWriteEndsWriteWithBytesSent) {
  const std::string text = "0123456789abcdef";
  AllowText(a, text);
  ExpectSuccess(h->Command(a, kDrv, 1, 16, 0));
  AllowText(a, "xy", 2048);  // swap in a 2-byte buffer while the first chunk is out
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "01234567");
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{8, 0, 0}));
}

TEST_F(ConsoleTest, ReadDeliversBytesAndStatus) {
  uint32_t addr = AllowReadBuffer(a, 16);
  ASSERT_EQ(h->Subscribe(a, kDrv, 2, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectSuccess(h->Command(a, kDrv, 2, 5, 0));
  EXPECT_EQ(uart.Inject("hello"), 5u);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 2), (Upcall{0, 5, 0}));
  EXPECT_EQ(Ram(a, addr, 5), "hello");
}

TEST_F(ConsoleTest, SecondReaderIsBusy) {
  AllowReadBuffer(a, 4);
  AllowReadBuffer(b, 4);
  ExpectSuccess(h->Command(a, kDrv, 2, 4, 0));
  ExpectFailure(h->Command(b, kDrv, 2, 4, 0), ErrorCode::kBusy);
}

TEST_F(ConsoleTest, ReadLargerThanKernelBufferIsInval) {
  AllowReadBuffer(a, 16);
  ExpectFailure(h->Command(a, kDrv, 2, 9, 0), ErrorCode::kInval);
  ExpectSuccess(h->Command(a, kDrv, 2, 8, 0));
}

TEST_F(ConsoleTest, AbortReadDeliversWhatArrivedWithCancel) {
  uint32_t addr = AllowReadBuffer(a, 8);
  ExpectSuccess(h->Command(a, kDrv, 2, 8, 0));
  EXPECT_EQ(uart.Inject("ab"), 2u);
  ExpectSuccess(h->Command(a, kDrv, 3, 0, 0));
  ASSERT_TRUE(uart.CompleteReceiveAbort());
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 2), (Upcall{ToU32(ErrorCode::kCancel), 2, 0}));
  EXPECT_EQ(Ram(a, addr, 2), "ab");
  // The console is free again for another reader.
  AllowReadBuffer(b, 4);
  ExpectSuccess(h->Command(b, kDrv, 2, 4, 0));
}

TEST_F(ConsoleTest, LineErrorReportsFail) {
  AllowReadBuffer(a, 8);
  ExpectSuccess(h->Command(a, kDrv, 2, 4, 0));
  uart.FailReceive(hil::uart::Error::kFraming);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 2), (Upcall{ToU32(ErrorCode::kFail), 0, 0}));
}

TEST_F(ConsoleTest, BytesForAReaderThatIsGoneAreCountedAsDropped) {
  AllowReadBuffer(a, 8);
  ExpectSuccess(h->Command(a, kDrv, 2, 4, 0));
  h->Trap(a, SyscallClass::kExit, kExitTerminate, 0);  // the reader exits mid-read
  ASSERT_EQ(h->process(a).state(), ProcessState::kTerminated);
  EXPECT_EQ(uart.Inject("lost"), 4u);
  EXPECT_EQ(console.dropped_input_bytes(), 4u);
  // The console is free again, and what the next reader gets is not counted.
  AllowReadBuffer(b, 4);
  ExpectSuccess(h->Command(b, kDrv, 2, 2, 0));
  EXPECT_EQ(uart.Inject("ok"), 2u);
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 2), (Upcall{0, 2, 0}));
  EXPECT_EQ(console.dropped_input_bytes(), 4u);
}

TEST_F(ConsoleTest, BytesBeyondABufferShrunkMidReadAreSizeAndCountedAsDropped) {
  uint32_t addr = AllowReadBuffer(a, 8);
  ExpectSuccess(h->Command(a, kDrv, 2, 6, 0));
  ASSERT_EQ(h->AllowReadWrite(a, kDrv, 1, addr, 2).variant(), kSuccessU32U32);
  EXPECT_EQ(uart.Inject("abcdef"), 6u);
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 2), (Upcall{ToU32(ErrorCode::kSize), 2, 0}));
  EXPECT_EQ(Ram(a, addr, 2), "ab");
  EXPECT_EQ(console.dropped_input_bytes(), 4u);
}

TEST_F(ConsoleTest, AllowAndSubscribeNumbersBeyondCountsAreNoSupport) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 2, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 2, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->Subscribe(a, kDrv, 3, kUpcallFn, 0), ErrorCode::kNoSupport);
}

// A kernel writer on another device of the same mux.
struct KernelWriter : hil::uart::TransmitClient {
  void TransmittedBuffer(uint8_t*, size_t, Result<void>) override {}
};

TEST_F(ConsoleTest, KernelOutputDoesNotSplitAnAppLine) {
  UartDevice debug_uart(mux);
  KernelWriter writer;
  debug_uart.SetTransmitClient(writer);
  const std::string line = "a long application line\n";
  AllowText(a, line);
  ExpectSuccess(h->Command(a, kDrv, 1, static_cast<uint32_t>(line.size()), 0));
  uint8_t msg[] = "kernel: hello\n";
  ASSERT_TRUE(debug_uart.TransmitBuffer(msg, sizeof(msg) - 1).ok());
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), line + "kernel: hello\n");
}

}  // namespace
}  // namespace tock::capsules
