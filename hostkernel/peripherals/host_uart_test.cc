// HostUart over a socketpair: transmitted bytes reach the peer and complete later on the loop;
// received bytes fill the pending buffer as they arrive (also across several reads), are kept
// while no receive is pending, and abort returns the partial buffer with CANCEL.
#include "hostkernel/peripherals/host_uart.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"

namespace tock::hostkernel {
namespace {

namespace uart = ::tock::hil::uart;
using ::tock::ErrorCode;

struct Client : uart::TransmitClient, uart::ReceiveClient {
  void TransmittedBuffer(uint8_t* buffer, size_t len, ::tock::Result<void> status) override {
    tx.push_back({buffer, len, status.ok() ? 0u : ::tock::ToStatusCode(status)});
  }
  void ReceivedBuffer(uint8_t* buffer, size_t rx_len, ::tock::Result<void> status,
                      uart::Error error) override {
    rx.push_back(std::string(reinterpret_cast<char*>(buffer), rx_len));
    rx_status.push_back(status.ok() ? 0u : ::tock::ToStatusCode(status));
    rx_error.push_back(error);
  }
  struct Tx {
    uint8_t* buf;
    size_t len;
    uint32_t status;
  };
  std::vector<Tx> tx;
  std::vector<std::string> rx;
  std::vector<uint32_t> rx_status;
  std::vector<uart::Error> rx_error;
};

class HostUartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv_), 0);
    uart_.SetTransmitClient(client_);
    uart_.SetReceiveClient(client_);
    uart_.Attach(sv_[0], sv_[0]);
  }
  void TearDown() override {
    uart_.Detach();
    close(sv_[0]);
    close(sv_[1]);
  }
  std::string ReadPeer() {
    std::string out;
    char buf[4096];
    for (;;) {
      ssize_t n = read(sv_[1], buf, sizeof buf);
      if (n <= 0) {
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  PollReactor reactor_;
  HostUart uart_{reactor_};
  Client client_;
  int sv_[2];
};

TEST_F(HostUartTest, TransmitReachesPeerAndCompletesLaterOnTheLoop) {
  uint8_t msg[] = {'h', 'e', 'l', 'l', 'o'};
  ASSERT_TRUE(uart_.TransmitBuffer(msg, 5).ok());
  EXPECT_TRUE(client_.tx.empty());
  EXPECT_EQ(uart_.TransmitBuffer(msg, 5).error(), ErrorCode::kBusy);
  reactor_.RunPosted();
  ASSERT_EQ(client_.tx.size(), 1u);
  EXPECT_EQ(client_.tx[0].buf, msg);
  EXPECT_EQ(client_.tx[0].len, 5u);
  EXPECT_EQ(client_.tx[0].status, 0u);
  EXPECT_EQ(ReadPeer(), "hello");
}

TEST_F(HostUartTest, ZeroLengthTransmitIsSizeAndNoCallback) {
  uint8_t b = 0;
  EXPECT_EQ(uart_.TransmitBuffer(&b, 0).error(), ErrorCode::kSize);
  reactor_.RunPosted();
  EXPECT_TRUE(client_.tx.empty());
}

TEST_F(HostUartTest, LargeTransmitWaitsForWritabilityAndArrivesWhole) {
  std::vector<uint8_t> big(1 << 20);
  for (size_t i = 0; i < big.size(); ++i) {
    big[i] = static_cast<uint8_t>(i * 7);
  }
  ASSERT_TRUE(uart_.TransmitBuffer(big.data(), big.size()).ok());
  std::string got;
  ASSERT_TRUE(reactor_.RunUntil([&] {
    got += ReadPeer();
    return !client_.tx.empty();
  }));
  got += ReadPeer();
  ASSERT_EQ(got.size(), big.size());
  EXPECT_EQ(0, memcmp(got.data(), big.data(), big.size()));
  EXPECT_EQ(client_.tx[0].len, big.size());
}

TEST_F(HostUartTest, ReceiveFillsBufferAcrossSeveralArrivals) {
  uint8_t buf[6];
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, sizeof buf).ok());
  ASSERT_EQ(write(sv_[1], "abc", 3), 3);
  ASSERT_TRUE(reactor_.RunUntil([&] { return uart_.pending_input() == 0; }));
  EXPECT_TRUE(client_.rx.empty());  // 3 of 6 bytes so far
  ASSERT_EQ(write(sv_[1], "defgh", 5), 5);
  ASSERT_TRUE(reactor_.RunUntil([&] { return !client_.rx.empty(); }));
  EXPECT_EQ(client_.rx[0], "abcdef");
  EXPECT_EQ(client_.rx_status[0], 0u);
  EXPECT_EQ(uart_.pending_input(), 2u);  // "gh" kept for the next receive

  uint8_t one[2];
  ASSERT_TRUE(uart_.ReceiveBuffer(one, 2).ok());
  EXPECT_EQ(client_.rx.size(), 1u);  // not inside ReceiveBuffer
  reactor_.RunPosted();
  ASSERT_EQ(client_.rx.size(), 2u);
  EXPECT_EQ(client_.rx[1], "gh");
}

TEST_F(HostUartTest, AGateHoldsInputFromTheFdAndInjectedUntilItDeliversIt) {
  std::string seen;
  std::vector<std::function<void()>> held;
  uart_.SetInputGate([&](std::string_view bytes, std::function<void()> deliver) {
    seen.append(bytes).append("|");
    held.push_back(std::move(deliver));
  });
  uint8_t buf[8];
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, 5).ok());
  ASSERT_EQ(write(sv_[1], "abc", 3), 3);
  ASSERT_TRUE(reactor_.RunUntil([&] { return held.size() == 1; }));
  uart_.InjectInput("de");
  EXPECT_EQ(seen, "abc|de|");
  reactor_.RunPosted();
  EXPECT_EQ(uart_.pending_input(), 0u);  // nothing delivered yet
  EXPECT_TRUE(client_.rx.empty());
  for (auto& deliver : held) {
    deliver();
  }
  reactor_.RunPosted();
  ASSERT_EQ(client_.rx.size(), 1u);
  EXPECT_EQ(client_.rx[0], "abcde");
}

TEST_F(HostUartTest, AbortReturnsPartialBufferWithCancel) {
  uint8_t buf[8];
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, sizeof buf).ok());
  uart_.InjectInput("xy");
  EXPECT_EQ(uart_.ReceiveAbort().error(), ErrorCode::kBusy);
  EXPECT_TRUE(client_.rx.empty());
  reactor_.RunPosted();
  ASSERT_EQ(client_.rx.size(), 1u);
  EXPECT_EQ(client_.rx[0], "xy");
  EXPECT_EQ(client_.rx_status[0], ::tock::ToU32(ErrorCode::kCancel));
  EXPECT_EQ(client_.rx_error[0], uart::Error::kReset);
  EXPECT_TRUE(uart_.ReceiveAbort().ok());  // nothing in flight now
}

TEST_F(HostUartTest, TapsSeeOutputAndInjectedInputIsReceived) {
  std::string tapped;
  uint64_t id = uart_.AddOutputTap([&](std::string_view b) { tapped.append(b); });
  uint8_t msg[] = {'o', 'k'};
  ASSERT_TRUE(uart_.TransmitBuffer(msg, 2).ok());
  reactor_.RunPosted();
  uart_.RemoveOutputTap(id);
  ASSERT_TRUE(uart_.TransmitBuffer(msg, 1).ok());
  reactor_.RunPosted();
  EXPECT_EQ(tapped, "ok");

  uint8_t buf[3];
  ASSERT_TRUE(uart_.ReceiveBuffer(buf, 3).ok());
  uart_.InjectInput("ls\n");
  ASSERT_EQ(client_.rx.size(), 1u);
  EXPECT_EQ(client_.rx[0], "ls\n");
}

TEST_F(HostUartTest, DetachedUartDropsOutputButStillCompletes) {
  uart_.Detach();
  uint8_t msg[] = {'z'};
  ASSERT_TRUE(uart_.TransmitBuffer(msg, 1).ok());
  reactor_.RunPosted();
  ASSERT_EQ(client_.tx.size(), 1u);
  EXPECT_EQ(client_.tx[0].status, 0u);
  EXPECT_EQ(ReadPeer(), "");
}

TEST_F(HostUartTest, PeerCloseReportsInputClosed) {
  bool closed = false;
  uart_.SetInputClosedCallback([&] { closed = true; });
  close(sv_[1]);
  sv_[1] = open("/dev/null", O_RDONLY);  // keep TearDown's close harmless
  EXPECT_TRUE(reactor_.RunUntil([&] { return closed; }));
}

TEST_F(HostUartTest, InputBeyondThePendingLimitIsDroppedAndReportedOncePerBurst) {
  std::vector<std::string> warnings;
  uart_.SetWarningSink([&](const std::string& line) { warnings.push_back(line); });
  uart_.InjectInput(std::string(HostUart::kMaxPendingInput - 3, 'a'));
  EXPECT_TRUE(warnings.empty());
  uart_.InjectInput("bcdefgh");  // 3 fit, 4 dropped: the first drop warns at once
  EXPECT_EQ(uart_.dropped_input_bytes(), 4u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "console: dropped 4 input bytes (no app was reading and 64 KiB were already waiting)");
  for (int i = 0; i < 100; ++i) {
    uart_.InjectInput("x");  // the same burst: counted, not logged
  }
  EXPECT_EQ(warnings.size(), 1u);
  EXPECT_EQ(uart_.dropped_input_bytes(), 104u);

  // An app reads: room again, and the next byte accepted ends the burst with its count.
  std::vector<uint8_t> buf(10);
  ASSERT_TRUE(uart_.ReceiveBuffer(buf.data(), buf.size()).ok());
  reactor_.RunPosted();
  ASSERT_EQ(client_.rx.size(), 1u);
  EXPECT_EQ(warnings.size(), 1u);
  uart_.InjectInput("y");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[1],
            "console: dropped 100 more input bytes (104 in this burst; no app was reading)");

  // A new burst warns again; its end at detach has nothing more to say.
  uart_.InjectInput(std::string(20, 'z'));
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[2],
            "console: dropped 11 input bytes (no app was reading and 64 KiB were already waiting)");
  uart_.Detach();
  EXPECT_EQ(warnings.size(), 3u);
  EXPECT_EQ(uart_.dropped_input_bytes(), 115u);
}

TEST_F(HostUartTest, DropsStillUnreportedAreReportedWhenTheInputEnds) {
  std::vector<std::string> warnings;
  uart_.SetWarningSink([&](const std::string& line) { warnings.push_back(line); });
  uart_.InjectInput(std::string(HostUart::kMaxPendingInput, 'a'));
  ASSERT_EQ(write(sv_[1], "12", 2), 2);
  ASSERT_TRUE(reactor_.RunUntil([&] { return warnings.size() == 1; }));
  ASSERT_EQ(write(sv_[1], "345", 3), 3);
  ASSERT_TRUE(reactor_.RunUntil([&] { return uart_.dropped_input_bytes() == 5; }));
  EXPECT_EQ(warnings.size(), 1u);
  bool closed = false;
  uart_.SetInputClosedCallback([&] { closed = true; });
  shutdown(sv_[1], SHUT_WR);
  ASSERT_TRUE(reactor_.RunUntil([&] { return closed; }));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[1],
            "console: dropped 3 more input bytes (5 in this burst; no app was reading)");
}

}  // namespace
}  // namespace tock::hostkernel
