// Uarte against a register-level model of UARTE0 (nRF52840 PS §6.34): STARTTX moves
// TXD.MAXCNT bytes from TXD.PTR (EasyDMA) and ends with EVENTS_ENDTX and TXD.AMOUNT; STOPTX
// ends it early with ENDTX; STARTRX fills RXD.PTR until RXD.MAXCNT (ENDRX); STOPRX ends it
// with ENDRX (bytes so far in RXD.AMOUNT) and then RXTO.
#include "platforms/chips/nrf52840/uarte.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>

#include "platforms/chips/nrf52840/nrf_fake.h"

namespace tock::nrf52840 {
namespace {

using tock::ErrorCode;
using tock::Result;
using tock::hil::uart::Error;

#define OFF(field) offsetof(UarteRegisters, field)

class FakeUarte : public testing::NrfPeripheralFake<UarteRegisters> {
 public:
  // Bytes arrive on RXD: into the receive buffer if one runs, else held (as the line would).
  void Receive(const std::string& bytes) {
    for (char c : bytes) {
      line_.push_back(static_cast<uint8_t>(c));
    }
    FeedRx();
  }
  const std::string& sent() const { return sent_; }
  bool tx_active() const { return tx_active_; }

  // 0: a transmit ends as soon as it starts. N: it ends at the N-th read of EVENTS_ENDTX
  // (a driver polling it), or at STOPTX after `tx_partial` bytes.
  int tx_polls = 0;
  size_t tx_partial = 0;

 protected:
  void Task(size_t offset) override {
    EXPECT_EQ(Peek(OFF(enable)), UarteEnable::kOn) << "task while UARTE disabled";
    if (offset == OFF(tasks_starttx)) {
      EXPECT_FALSE(tx_active_) << "STARTTX while a transmit runs";
      tx_active_ = true;
      polls_left_ = tx_polls;
      if (tx_polls == 0) {
        FinishTx(Peek(OFF(txd_maxcnt)));
      }
    } else if (offset == OFF(tasks_stoptx)) {
      if (tx_active_) {
        FinishTx(tx_partial);
      }
    } else if (offset == OFF(tasks_startrx)) {
      rx_active_ = true;
      rx_count_ = 0;
      FeedRx();
    } else if (offset == OFF(tasks_stoprx)) {
      if (rx_active_) {
        EndRx();
      }
      RaiseEvent(OFF(events_rxto));
    }
  }
  uint32_t Read(size_t offset) override {
    if (offset == OFF(events_endtx) && tx_active_ && polls_left_ > 0 && --polls_left_ == 0) {
      FinishTx(Peek(OFF(txd_maxcnt)));
    }
    return NrfPeripheralFake::Read(offset);
  }

 private:
  void FinishTx(size_t n) {
    const auto* p = static_cast<const char*>(cortex_m::DmaPointer(Peek(OFF(txd_ptr))));
    ASSERT_NE(p, nullptr) << "TXD.PTR is not a buffer the driver handed to DMA";
    sent_.append(p, n);
    Poke(OFF(txd_amount), static_cast<uint32_t>(n));
    RaiseEvent(OFF(events_endtx));
    tx_active_ = false;
  }
  void FeedRx() {
    while (rx_active_ && !line_.empty()) {
      auto* p = static_cast<uint8_t*>(cortex_m::DmaPointer(Peek(OFF(rxd_ptr))));
      ASSERT_NE(p, nullptr) << "RXD.PTR is not a buffer the driver handed to DMA";
      p[rx_count_++] = line_.front();
      line_.pop_front();
      if (rx_count_ == Peek(OFF(rxd_maxcnt))) {
        EndRx();
      }
    }
  }
  void EndRx() {
    Poke(OFF(rxd_amount), static_cast<uint32_t>(rx_count_));
    RaiseEvent(OFF(events_endrx));
    rx_active_ = false;
  }

  std::string sent_;
  std::deque<uint8_t> line_;
  bool tx_active_ = false;
  int polls_left_ = 0;
  bool rx_active_ = false;
  size_t rx_count_ = 0;
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

class UarteTest : public ::testing::Test {
 protected:
  UarteTest() {
    uarte_.Init(6, 40);
    uarte_.SetTransmitClient(client_);
    uarte_.SetReceiveClient(client_);
  }

  // The chip's bottom half: HandleInterrupt while the (level) IRQ line is up.
  void Service() {
    for (int i = 0; i < 10 && fake_.irq(); ++i) {
      uarte_.HandleInterrupt();
    }
    EXPECT_FALSE(fake_.irq()) << "an enabled event is never cleared: the IRQ would pend forever";
  }

  FakeUarte fake_;
  Uarte uarte_{fake_.base(), kUarte0Irq};
  Client client_;
};

TEST_F(UarteTest, InitRoutesPinsAndEnablesAt115200) {
  EXPECT_EQ(fake_.Peek(OFF(psel_txd)), 6u);
  EXPECT_EQ(fake_.Peek(OFF(psel_rxd)), (1u << 5) | 8u);  // P1.08
  EXPECT_EQ(fake_.Peek(OFF(psel_rts)), 0x8000'0000u);    // disconnected
  EXPECT_EQ(fake_.Peek(OFF(psel_cts)), 0x8000'0000u);
  EXPECT_EQ(fake_.Peek(OFF(baudrate)), 0x01D6'0000u);  // UARTE's 115200 value
  EXPECT_EQ(fake_.Peek(OFF(config)), 0u);
  EXPECT_EQ(fake_.Peek(OFF(enable)), 8u);
}

TEST_F(UarteTest, TransmitCompletesFromTheInterruptNotTheCall) {
  uint8_t buf[] = {'h', 'e', 'l', 'l', 'o'};
  ASSERT_TRUE(uarte_.TransmitBuffer(buf, 5).ok());
  EXPECT_EQ(client_.tx_calls, 0);
  EXPECT_EQ(uarte_.TransmitBuffer(buf, 5).error(), ErrorCode::kBusy);
  Service();
  EXPECT_EQ(fake_.sent(), "hello");
  EXPECT_EQ(client_.tx_calls, 1);
  EXPECT_EQ(client_.tx_buffer, buf);
  EXPECT_EQ(client_.tx_len, 5u);
  EXPECT_TRUE(client_.tx_status.ok());
  EXPECT_EQ(fake_.inten(), 0u);
  EXPECT_EQ(uarte_.TransmitBuffer(buf, 0).error(), ErrorCode::kSize);
}

// Bug: an aborted transmit completed with status Ok (the HIL says CANCEL).
TEST_F(UarteTest, TransmitAbortCompletesLaterWithCancel) {
  fake_.tx_polls = 1'000'000;  // still on the wire
  fake_.tx_partial = 2;
  uint8_t buf[] = {'a', 'b', 'c', 'd'};
  ASSERT_TRUE(uarte_.TransmitBuffer(buf, 4).ok());
  EXPECT_EQ(uarte_.TransmitAbort().error(), ErrorCode::kBusy);
  EXPECT_EQ(client_.tx_calls, 0);  // never inside the caller's call
  Service();
  EXPECT_EQ(client_.tx_calls, 1);
  EXPECT_EQ(client_.tx_len, 2u);
  EXPECT_EQ(client_.tx_status.error(), ErrorCode::kCancel);
  EXPECT_TRUE(uarte_.TransmitAbort().ok());
}

TEST_F(UarteTest, ReceiveEndsWhenTheBufferIsFull) {
  uint8_t buf[3] = {};
  ASSERT_TRUE(uarte_.ReceiveBuffer(buf, 3).ok());
  EXPECT_EQ(uarte_.ReceiveBuffer(buf, 3).error(), ErrorCode::kBusy);
  fake_.Receive("ab");
  Service();
  EXPECT_EQ(client_.rx_calls, 0);
  fake_.Receive("c");
  Service();
  EXPECT_EQ(client_.rx_calls, 1);
  EXPECT_EQ(client_.rx_data, "abc");
  EXPECT_TRUE(client_.rx_status.ok());
  EXPECT_EQ(client_.rx_error, Error::kNone);
}

// Bug: an aborted receive reported Error::kReset (the HIL's value for an abort is kAborted).
TEST_F(UarteTest, ReceiveAbortCompletesLaterWithTheBytesSoFar) {
  uint8_t buf[8] = {};
  ASSERT_TRUE(uarte_.ReceiveBuffer(buf, 8).ok());
  fake_.Receive("ok");
  EXPECT_EQ(uarte_.ReceiveAbort().error(), ErrorCode::kBusy);
  EXPECT_EQ(client_.rx_calls, 0);  // never inside the caller's call
  Service();
  EXPECT_EQ(client_.rx_calls, 1);
  EXPECT_EQ(client_.rx_data, "ok");
  EXPECT_EQ(client_.rx_status.error(), ErrorCode::kCancel);
  EXPECT_EQ(client_.rx_error, Error::kAborted);
  EXPECT_TRUE(uarte_.ReceiveAbort().ok());
  // The next receive is a normal one again.
  ASSERT_TRUE(uarte_.ReceiveBuffer(buf, 1).ok());
  fake_.Receive("!");
  Service();
  EXPECT_EQ(client_.rx_calls, 2);
  EXPECT_TRUE(client_.rx_status.ok());
}

TEST_F(UarteTest, WriteBlockingSendsLongTextThroughTheBounceBuffer) {
  const std::string text(70, 'x');
  uarte_.WriteBlocking(text.data(), text.size());
  EXPECT_EQ(fake_.sent(), text);
  EXPECT_FALSE(fake_.irq());
}

// Bug: WriteBlocking during an interrupt-driven transmit reused EVENTS_ENDTX and TXD.AMOUNT,
// so the client was told its transmit sent as many bytes as the last blocking chunk.
TEST_F(UarteTest, WriteBlockingDuringTransmitKeepsItsCompletion) {
  fake_.tx_polls = 3;
  uint8_t buf[] = {'c', 'o', 'n', 's', 'o', 'l', 'e'};
  ASSERT_TRUE(uarte_.TransmitBuffer(buf, 7).ok());
  uarte_.WriteBlocking("panic", 5);
  EXPECT_EQ(fake_.sent(), "consolepanic");
  Service();
  EXPECT_EQ(client_.tx_calls, 1);
  EXPECT_EQ(client_.tx_len, 7u);
  EXPECT_TRUE(client_.tx_status.ok());
}

TEST_F(UarteTest, SetParametersTakesUarteBaudValues) {
  tock::hil::uart::Parameters p{};
  p.baud_rate = 9600;
  ASSERT_TRUE(uarte_.SetParameters(p).ok());
  EXPECT_EQ(fake_.Peek(OFF(baudrate)), 0x0027'5000u);
  p.baud_rate = 1'000'000;
  ASSERT_TRUE(uarte_.SetParameters(p).ok());
  EXPECT_EQ(fake_.Peek(OFF(baudrate)), 0x1000'0000u);
  p.baud_rate = 12345;
  EXPECT_EQ(uarte_.SetParameters(p).error(), ErrorCode::kNoSupport);
  p.baud_rate = 9600;
  p.hw_flow_control = true;
  EXPECT_EQ(uarte_.SetParameters(p).error(), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::nrf52840
