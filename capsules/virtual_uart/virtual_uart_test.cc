// Virtual UART mux on a FakeUart: whole-line interleaving between devices, round-robin
// service, aborts, and receive fan-out to every waiting device.
#include "capsules/virtual_uart/virtual_uart.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "hil/testing/fake_uart.h"

namespace tock::capsules {
namespace {

using hil::testing::FakeUart;

// A device user that sends strings and records completions.
struct User : hil::uart::TransmitClient, hil::uart::ReceiveClient {
  explicit User(UartDevice& dev) : dev(dev) {
    dev.SetTransmitClient(*this);
    dev.SetReceiveClient(*this);
  }
  Result<void> Send(const std::string& s) {
    out = s;
    return dev.TransmitBuffer(reinterpret_cast<uint8_t*>(out.data()), out.size());
  }
  void TransmittedBuffer(uint8_t*, size_t len, Result<void> status) override {
    sent.push_back(len);
    last_tx = status;
    if (on_sent) {
      on_sent();
    }
  }
  void ReceivedBuffer(uint8_t* buf, size_t len, Result<void> status, hil::uart::Error) override {
    received.emplace_back(reinterpret_cast<char*>(buf), len);
    last_rx = status;
    if (on_received) {
      on_received();
    }
  }
  UartDevice& dev;
  std::string out;
  std::vector<size_t> sent;
  std::vector<std::string> received;
  Result<void> last_tx;
  Result<void> last_rx;
  std::function<void()> on_sent, on_received;
};

class MuxUartTest : public ::testing::Test {
 protected:
  FakeUart uart;
  uint8_t rx_buf[8];
  MuxUart mux{uart, rx_buf};
  UartDevice da{mux}, db{mux}, dc{mux};
  User a{da}, b{db}, c{dc};
};

TEST_F(MuxUartTest, SingleDeviceTransmitsAndGetsCallback) {
  ASSERT_TRUE(a.Send("hello\n").ok());
  EXPECT_EQ(uart.in_flight(), "hello\n");
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "hello\n");
  EXPECT_EQ(a.sent, std::vector<size_t>{6});
}

TEST_F(MuxUartTest, SecondWriteOnSameDeviceIsBusy) {
  ASSERT_TRUE(a.Send("x\n").ok());
  uint8_t other[] = {'y'};
  Result<void> r = da.TransmitBuffer(other, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), ErrorCode::kBusy);
  Result<void> empty = db.TransmitBuffer(other, 0);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error(), ErrorCode::kSize);
}

TEST_F(MuxUartTest, DevicesAreServedRoundRobinWholeBuffers) {
  ASSERT_TRUE(a.Send("a1\n").ok());
  ASSERT_TRUE(b.Send("b1\n").ok());
  ASSERT_TRUE(c.Send("c1\n").ok());
  a.on_sent = [&] {
    if (a.sent.size() == 1) {
      static_cast<void>(a.Send("a2\n"));
    }
  };
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "a1\nb1\nc1\na2\n");
}

TEST_F(MuxUartTest, OpenLineOwnerContinuesBeforeOthers) {
  // a writes a line in two pieces; b's whole line waits until a's line is complete.
  a.on_sent = [&] {
    if (a.sent.size() == 1) {
      static_cast<void>(a.Send("lo world\n"));
    }
  };
  ASSERT_TRUE(a.Send("hel").ok());
  ASSERT_TRUE(b.Send("DEBUG: b\n").ok());
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "hello world\nDEBUG: b\n");
}

TEST_F(MuxUartTest, OtherDeviceStartsOnFreshLineWhenOwnerIsIdle) {
  ASSERT_TRUE(a.Send("tock$ ").ok());
  uart.CompleteAllTransmits();
  ASSERT_TRUE(b.Send("kernel: hi\n").ok());
  uart.CompleteAllTransmits();
  ASSERT_TRUE(a.Send("more\n").ok());
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "tock$ \r\nkernel: hi\nmore\n");
}

TEST_F(MuxUartTest, NoLineMixesTwoDevices) {
  // Three devices each write lines in random-sized pieces; every output line must come from
  // one device only.
  std::vector<std::string> scripts = {"aaaa\naa\naaaaaa\n", "bb\nbbbbb\nb\n", "cccccc\ncc\n"};
  User* users[] = {&a, &b, &c};
  size_t pos[3] = {0, 0, 0};
  auto send_next = [&](int i) {
    if (pos[i] >= scripts[i].size()) {
      return;
    }
    size_t n = 1 + (pos[i] * 7 + i) % 4;
    if (pos[i] + n > scripts[i].size()) {
      n = scripts[i].size() - pos[i];
    }
    static_cast<void>(users[i]->Send(scripts[i].substr(pos[i], n)));
    pos[i] += n;
  };
  for (int i = 0; i < 3; ++i) {
    users[i]->on_sent = [&, i] { send_next(i); };
    send_next(i);
  }
  uart.CompleteAllTransmits();
  std::string out(uart.output());
  size_t start = 0;
  size_t lines = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    std::string line = out.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    ASSERT_FALSE(line.empty());
    EXPECT_EQ(line.find_first_not_of(line[0]), std::string::npos) << "mixed line: " << line;
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, 8u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(pos[i], scripts[i].size());
  }
}

TEST_F(MuxUartTest, AbortQueuedTransmitDropsItWithoutCallback) {
  ASSERT_TRUE(a.Send("first\n").ok());
  ASSERT_TRUE(b.Send("second\n").ok());
  EXPECT_TRUE(db.TransmitAbort().ok());
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(), "first\n");
  EXPECT_TRUE(b.sent.empty());
}

TEST_F(MuxUartTest, AbortInFlightTransmitCallsBackWithCancel) {
  ASSERT_TRUE(a.Send("first\n").ok());
  Result<void> r = da.TransmitAbort();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), ErrorCode::kBusy);
  uart.CompleteAllTransmits();
  ASSERT_EQ(a.sent.size(), 1u);
  ASSERT_FALSE(a.last_tx.ok());
  EXPECT_EQ(a.last_tx.error(), ErrorCode::kCancel);
}

TEST_F(MuxUartTest, ReceivedBytesGoToEveryWaitingDevice) {
  uint8_t ba[3], bb[1];
  ASSERT_TRUE(da.ReceiveBuffer(ba, 3).ok());
  ASSERT_TRUE(db.ReceiveBuffer(bb, 1).ok());
  // b re-arms for one byte at a time, like the process console.
  b.on_received = [&] {
    if (b.received.size() < 3) {
      static_cast<void>(db.ReceiveBuffer(bb, 1));
    }
  };
  // The mux cut the 3-byte hardware request short to serve the 1-byte one.
  EXPECT_TRUE(uart.CompleteReceiveAbort());
  EXPECT_TRUE(a.received.empty());
  EXPECT_EQ(uart.receive_requested(), 1u);
  EXPECT_EQ(uart.Inject("xyz"), 3u);
  EXPECT_EQ(a.received, std::vector<std::string>{"xyz"});
  EXPECT_EQ(b.received, (std::vector<std::string>{"x", "y", "z"}));
  EXPECT_FALSE(uart.receiving());
}

TEST_F(MuxUartTest, ReceiveRequestLargerThanMuxBufferIsChunked) {
  uint8_t big[20];
  ASSERT_TRUE(da.ReceiveBuffer(big, 20).ok());
  EXPECT_EQ(uart.receive_requested(), 8u);
  EXPECT_EQ(uart.Inject("0123456789abcdefghij"), 20u);
  EXPECT_EQ(a.received, std::vector<std::string>{"0123456789abcdefghij"});
}

TEST_F(MuxUartTest, ReceiveAbortDeliversPartialWithCancelOthersKeepWaiting) {
  uint8_t ba[4], bb[4];
  ASSERT_TRUE(da.ReceiveBuffer(ba, 4).ok());
  ASSERT_TRUE(db.ReceiveBuffer(bb, 4).ok());
  EXPECT_EQ(uart.Inject("pq"), 2u);  // still within the first hardware request (4 bytes)
  Result<void> r = da.ReceiveAbort();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), ErrorCode::kBusy);
  ASSERT_TRUE(uart.CompleteReceiveAbort());
  ASSERT_EQ(a.received.size(), 1u);
  EXPECT_EQ(a.received[0], "pq");
  ASSERT_FALSE(a.last_rx.ok());
  EXPECT_EQ(a.last_rx.error(), ErrorCode::kCancel);
  EXPECT_TRUE(db.receiving());
  EXPECT_TRUE(uart.receiving());
  EXPECT_EQ(uart.Inject("rs"), 2u);
  EXPECT_EQ(b.received, std::vector<std::string>{"pqrs"});
}

TEST_F(MuxUartTest, SecondReceiveOnSameDeviceIsBusy) {
  uint8_t buf[2];
  ASSERT_TRUE(da.ReceiveBuffer(buf, 2).ok());
  Result<void> r = da.ReceiveBuffer(buf, 2);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), ErrorCode::kBusy);
}

TEST_F(MuxUartTest, LineErrorEndsEveryReceive) {
  uint8_t ba[4], bb[4];
  ASSERT_TRUE(da.ReceiveBuffer(ba, 4).ok());
  ASSERT_TRUE(db.ReceiveBuffer(bb, 4).ok());
  uart.FailReceive(hil::uart::Error::kFraming);
  ASSERT_FALSE(a.last_rx.ok());
  EXPECT_EQ(a.last_rx.error(), ErrorCode::kFail);
  ASSERT_FALSE(b.last_rx.ok());
  EXPECT_FALSE(uart.receiving());
}

}  // namespace
}  // namespace tock::capsules
