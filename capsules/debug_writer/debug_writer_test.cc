// DebugWriter on a FakeUart: order across ring wrap and chunking, drops when full, and lines
// kept whole next to another user of the same MuxUart.
#include "capsules/debug_writer/debug_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/testing/fake_uart.h"

namespace tock::capsules {
namespace {

using hil::testing::FakeUart;

TEST(DebugWriterTest, SendsEverythingInOrderAcrossWrapAndChunks) {
  FakeUart uart;
  uint8_t ring[16], tx[5];
  DebugWriter debug(uart, ring, tx);
  std::string expected;
  for (int i = 0; i < 10; ++i) {
    std::string line = "line " + std::to_string(i) + "\n";
    EXPECT_EQ(debug.Write(line), line.size());
    expected += line;
    uart.CompleteAllTransmits();
  }
  EXPECT_EQ(uart.output(), expected);
  EXPECT_EQ(debug.dropped(), 0u);
}

TEST(DebugWriterTest, DropsWhatDoesNotFit) {
  FakeUart uart;
  uint8_t ring[8], tx[4];
  DebugWriter debug(uart, ring, tx);
  EXPECT_EQ(debug.Write("0123456789ABCDEF"), 8u);  // 4 in flight frees nothing yet
  EXPECT_EQ(debug.dropped(), 8u);
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "01234567");
}

struct Sink : hil::uart::TransmitClient {
  void TransmittedBuffer(uint8_t*, size_t, Result<void>) override {}
};

TEST(DebugWriterTest, ChunkedLineStaysWholeOnTheMux) {
  FakeUart uart;
  uint8_t mux_rx[4];
  MuxUart mux(uart, mux_rx);
  UartDevice debug_dev(mux), other_dev(mux);
  uint8_t ring[64], tx[4];
  DebugWriter debug(debug_dev, ring, tx);
  Sink sink;
  other_dev.SetTransmitClient(sink);
  debug.Write("kernel: a long debug line\n");
  uint8_t other[] = "app line\n";
  ASSERT_TRUE(other_dev.TransmitBuffer(other, sizeof(other) - 1).ok());
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "kernel: a long debug line\napp line\n");
}

}  // namespace
}  // namespace tock::capsules
