// CmsdkUart against a register-level model of the CMSDK APB UART as QEMU implements it: one RX
// holding register fed from a queue of bytes on the line (reading DATA takes the byte and
// lets the next one in); a received byte raises the RX interrupt only if RX interrupts are
// enabled at that moment; a written byte fills the TX holding register until the test lets it
// drain, which raises the TX interrupt if enabled. INTSTATUS is write-1-to-clear.
#include "platforms/chips/mps2_an386/cmsdk_uart.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

#include "kernel/capability_factory.h"
#include "kernel/deferred_call.h"
#include "platforms/chips/testing/mmio_fake.h"

namespace tock::mps2 {
namespace {

using tock::ErrorCode;
using tock::Result;
using tock::hil::uart::Error;

constexpr size_t kData = offsetof(CmsdkUartRegisters, data);
constexpr size_t kState = offsetof(CmsdkUartRegisters, state);
constexpr size_t kCtrl = offsetof(CmsdkUartRegisters, ctrl);
constexpr size_t kIntStatus = offsetof(CmsdkUartRegisters, intstatus);
constexpr size_t kBaudDiv = offsetof(CmsdkUartRegisters, bauddiv);
constexpr uint32_t kTxFull = 1, kRxFull = 2;
constexpr uint32_t kTxInt = 1, kRxInt = 2;
constexpr uint32_t kTxIntEn = 4, kRxIntEn = 8;

class FakeUart : public chips::testing::FakeBlock<CmsdkUartRegisters> {
 public:
  // Bytes arrive on the line.
  void Receive(const std::string& bytes) {
    for (char c : bytes) {
      line_.push_back(static_cast<uint8_t>(c));
    }
    LatchNext();
  }
  // The TX holding register empties onto the line.
  void DrainTx() {
    if ((Peek(kState) & kTxFull) == 0) {
      return;
    }
    sent_ += static_cast<char>(tx_holding_);
    Poke(kState, Peek(kState) & ~kTxFull);
    if ((Peek(kCtrl) & kTxIntEn) != 0) {
      Poke(kIntStatus, Peek(kIntStatus) | kTxInt);
    }
  }
  bool irq() const { return Peek(kIntStatus) != 0; }
  const std::string& sent() const { return sent_; }
  size_t waiting() const { return line_.size() + ((Peek(kState) & kRxFull) != 0 ? 1 : 0); }
  // Every status read finds the TX holding register drained (for polled writes).
  bool auto_drain = false;

 protected:
  uint32_t Read(size_t offset) override {
    if (offset == kData) {
      const uint32_t byte = Peek(kData);
      Poke(kState, Peek(kState) & ~kRxFull);
      LatchNext();
      return byte;
    }
    if (offset == kState && auto_drain) {
      const uint32_t state = Peek(kState);
      DrainTx();
      return state;
    }
    return Peek(offset);
  }
  void Write(size_t offset, uint32_t value) override {
    if (offset == kData) {
      EXPECT_EQ(Peek(kState) & kTxFull, 0u) << "byte written over a full TX holding register";
      tx_holding_ = static_cast<uint8_t>(value);
      Poke(kState, Peek(kState) | kTxFull);
    } else if (offset == kIntStatus) {
      Poke(offset, Peek(offset) & ~value);
    } else {
      Poke(offset, value);
    }
  }

 private:
  void LatchNext() {
    if ((Peek(kState) & kRxFull) != 0 || line_.empty()) {
      return;
    }
    Poke(kData, line_.front());
    line_.pop_front();
    Poke(kState, Peek(kState) | kRxFull);
    if ((Peek(kCtrl) & kRxIntEn) != 0) {
      Poke(kIntStatus, Peek(kIntStatus) | kRxInt);
    }
  }

  std::deque<uint8_t> line_;
  uint8_t tx_holding_ = 0;
  std::string sent_;
};

struct Client : tock::hil::uart::TransmitClient, tock::hil::uart::ReceiveClient {
  void TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) override {
    ++tx_calls;
    tx_buffer = buffer;
    tx_len = len;
    tx_status = status;
  }
  void ReceivedBuffer(uint8_t* buffer, size_t len, Result<void> status, Error error) override {
    ++rx_calls;
    rx_data.assign(reinterpret_cast<char*>(buffer), len);
    rx_status = status;
    rx_error = error;
  }
  int tx_calls = 0;
  uint8_t* tx_buffer = nullptr;
  size_t tx_len = 0;
  Result<void> tx_status = Result<void>::Ok();
  int rx_calls = 0;
  std::string rx_data;
  Result<void> rx_status = Result<void>::Ok();
  Error rx_error = Error::kNone;
};

// Clears the deferred-call registry before the UART takes its slot.
struct FreshDeferredCalls {
  FreshDeferredCalls() { tock::DeferredCall::ResetForTesting(cap); }
  ~FreshDeferredCalls() { tock::DeferredCall::ResetForTesting(cap); }
  tock::DeferredCallCapability cap = tock::CapabilityFactory::DeferredCall();
};

class CmsdkUartTest : public ::testing::Test {
 protected:
  CmsdkUartTest() {
    uart_.Init(115200);
    uart_.SetTransmitClient(client_);
    uart_.SetReceiveClient(client_);
  }

  // The kernel loop: interrupt bottom half while the line is up, then deferred calls.
  void Loop() {
    for (int i = 0; i < 100; ++i) {
      if (fake_.irq()) {
        uart_.HandleInterrupt();
      } else if (!tock::DeferredCall::ServiceNext(deferred_.cap)) {
        return;
      }
    }
    ADD_FAILURE() << "interrupt or deferred call never settles";
  }

  FreshDeferredCalls deferred_;
  FakeUart fake_;
  CmsdkUart uart_{fake_.base(), 25'000'000, 0, 1};
  Client client_;
};

TEST_F(CmsdkUartTest, InitSetsBaudDivisorAndEnablesBothDirections) {
  EXPECT_EQ(fake_.Peek(kBaudDiv), 25'000'000u / 115200u);
  EXPECT_EQ(fake_.Peek(kCtrl), 3u);
}

TEST_F(CmsdkUartTest, TransmitSendsEveryByteThenCompletesFromTheInterrupt) {
  uint8_t buf[] = {'a', 'b', 'c'};
  ASSERT_TRUE(uart_.TransmitBuffer(buf, 3).ok());
  EXPECT_EQ(uart_.TransmitBuffer(buf, 3).error(), ErrorCode::kBusy);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client_.tx_calls, 0);
    fake_.DrainTx();
    Loop();
  }
  EXPECT_EQ(fake_.sent(), "abc");
  EXPECT_EQ(client_.tx_calls, 1);
  EXPECT_EQ(client_.tx_buffer, buf);
  EXPECT_EQ(client_.tx_len, 3u);
  EXPECT_TRUE(client_.tx_status.ok());
  EXPECT_EQ(fake_.Peek(kCtrl) & kTxIntEn, 0u);
}

TEST_F(CmsdkUartTest, TransmitAbortCompletesWithCancelAndTheBytesSent) {
  uint8_t buf[] = {'a', 'b', 'c', 'd'};
  ASSERT_TRUE(uart_.TransmitBuffer(buf, 4).ok());
  fake_.DrainTx();
  Loop();  // 'b' now in the holding register
  EXPECT_EQ(uart_.TransmitAbort().error(), ErrorCode::kBusy);
  EXPECT_EQ(client_.tx_calls, 0);
  fake_.DrainTx();
  Loop();
  EXPECT_EQ(fake_.sent(), "ab");
  EXPECT_EQ(client_.tx_calls, 1);
  EXPECT_EQ(client_.tx_len, 2u);
  EXPECT_EQ(client_.tx_status.error(), ErrorCode::kCancel);
  EXPECT_TRUE(uart_.TransmitAbort().ok());  // nothing in flight any more
}

TEST_F(CmsdkUartTest, ReceiveFillsTheBufferFromRxInterrupts) {
  uint8_t buf[3] = {};
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, 3).ok());
  EXPECT_EQ(uart_.ReceiveBuffer(buf, 3).error(), ErrorCode::kBusy);
  fake_.Receive("xy");
  Loop();
  EXPECT_EQ(client_.rx_calls, 0);
  fake_.Receive("zw");
  Loop();
  EXPECT_EQ(client_.rx_calls, 1);
  EXPECT_EQ(client_.rx_data, "xyz");
  EXPECT_TRUE(client_.rx_status.ok());
  EXPECT_EQ(fake_.waiting(), 1u);  // 'w' waits for the next receive
  EXPECT_EQ(fake_.Peek(kCtrl) & kRxIntEn, 0u);
}

// Issue 20: two bytes typed while no receive was pending stalled reception for good: the RX
// interrupt was only enabled after the byte had arrived, so it never came.
TEST_F(CmsdkUartTest, BytesWaitingBeforeReceiveAreDelivered) {
  fake_.Receive("hi");
  Loop();
  EXPECT_FALSE(fake_.irq());  // RX interrupts were off when the bytes came
  uint8_t buf[2] = {};
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, 2).ok());
  EXPECT_EQ(client_.rx_calls, 0);  // never inside the caller's call
  Loop();
  EXPECT_EQ(client_.rx_calls, 1);
  EXPECT_EQ(client_.rx_data, "hi");
  EXPECT_EQ(fake_.waiting(), 0u);
}

TEST_F(CmsdkUartTest, ReceiveAbortIsDeliveredLaterWithTheBytesSoFar) {
  uint8_t buf[4] = {};
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, 4).ok());
  fake_.Receive("ok");
  Loop();
  EXPECT_EQ(uart_.ReceiveAbort().error(), ErrorCode::kBusy);
  EXPECT_EQ(client_.rx_calls, 0);  // never inside the caller's call
  Loop();
  EXPECT_EQ(client_.rx_calls, 1);
  EXPECT_EQ(client_.rx_data, "ok");
  EXPECT_EQ(client_.rx_status.error(), ErrorCode::kCancel);
  EXPECT_EQ(client_.rx_error, Error::kAborted);
  EXPECT_TRUE(uart_.ReceiveAbort().ok());
  // A new receive may start at once and gets the next bytes.
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, 1).ok());
  fake_.Receive("!");
  Loop();
  EXPECT_EQ(client_.rx_calls, 2);
  EXPECT_EQ(client_.rx_data, "!");
}

TEST_F(CmsdkUartTest, WriteBlockingWaitsForTheHoldingRegister) {
  fake_.auto_drain = true;
  uart_.WriteBlocking("panic", 5);
  fake_.DrainTx();
  EXPECT_EQ(fake_.sent(), "panic");
}

TEST_F(CmsdkUartTest, SetParametersAcceptsOnlyWhatTheUartCanDo) {
  tock::hil::uart::Parameters p{};
  p.baud_rate = 9600;
  p.width = tock::hil::uart::Width::kEight;
  p.parity = tock::hil::uart::Parity::kNone;
  p.stop_bits = tock::hil::uart::StopBits::kOne;
  p.hw_flow_control = false;
  ASSERT_TRUE(uart_.SetParameters(p).ok());
  EXPECT_EQ(fake_.Peek(kBaudDiv), 25'000'000u / 9600u);
  p.baud_rate = 25'000'000 / 8;  // divisor below 16
  EXPECT_EQ(uart_.SetParameters(p).error(), ErrorCode::kNoSupport);
  p.baud_rate = 9600;
  p.parity = tock::hil::uart::Parity::kEven;
  EXPECT_EQ(uart_.SetParameters(p).error(), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::mps2
