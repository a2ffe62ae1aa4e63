// UnixConsole: a client connecting to the console socket receives UART output and its bytes
// reach the UART's receive side; a second client is turned away; after the first leaves, a new
// one can attach. Also ParseUnixAddress.
#include "hostkernel/peripherals/unix_console.h"

#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "hostkernel/peripherals/unix_socket.h"

namespace tock::hostkernel {
namespace {

namespace uart = ::tock::hil::uart;

// Under /tmp: Bazel's TEST_TMPDIR is too long for sun_path (108 bytes).
std::string TempSocketPath(const char* tag) {
  return std::string("/tmp/tockpp-") + tag + std::to_string(getpid()) + ".sock";
}

struct Rx : uart::ReceiveClient, uart::TransmitClient {
  void ReceivedBuffer(uint8_t* b, size_t n, ::tock::Result<void>, uart::Error) override {
    got.append(reinterpret_cast<char*>(b), n);
  }
  void TransmittedBuffer(uint8_t*, size_t, ::tock::Result<void>) override { ++sent; }
  std::string got;
  int sent = 0;
};

std::string ReadSome(PollReactor& r, int fd, size_t want) {
  std::string out;
  r.RunUntil([&] {
    char buf[4096];
    ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
    }
    return out.size() >= want;
  });
  return out;
}

TEST(UnixSocketTest, ParseUnixAddress) {
  EXPECT_EQ(*ParseUnixAddress("unix:/tmp/x.sock"), "/tmp/x.sock");
  EXPECT_FALSE(ParseUnixAddress("tcp:1234").ok());
  EXPECT_FALSE(ParseUnixAddress("unix:").ok());
  EXPECT_FALSE(ParseUnixAddress("unix:" + std::string(200, 'a')).ok());
}

TEST(UnixConsoleTest, ClientSeesOutputAndFeedsInputOneClientAtATime) {
  PollReactor r;
  HostUart uart(r);
  Rx rx;
  uart.SetReceiveClient(rx);
  uart.SetTransmitClient(rx);
  std::string path = TempSocketPath("console");
  auto console = UnixConsole::Listen(r, uart, path);
  ASSERT_TRUE(console.ok()) << console.status();

  auto c1 = ConnectUnix(path);
  ASSERT_TRUE(c1.ok());
  ASSERT_TRUE(r.RunUntil([&] { return (*console)->connected(); }));

  auto c2 = ConnectUnix(path);
  ASSERT_TRUE(c2.ok());
  EXPECT_EQ(ReadSome(r, c2->get(), 10), "tockd: console already attached\n");

  uint8_t msg[] = {'h', 'i', '\n'};
  ASSERT_TRUE(uart.TransmitBuffer(msg, 3).ok());
  EXPECT_EQ(ReadSome(r, c1->get(), 3), "hi\n");

  uint8_t buf[4];
  ASSERT_TRUE(uart.ReceiveBuffer(buf, 4).ok());
  ASSERT_EQ(send(c1->get(), "list", 4, 0), 4);
  ASSERT_TRUE(r.RunUntil([&] { return rx.got == "list"; }));

  c1->Reset();
  ASSERT_TRUE(r.RunUntil([&] { return !(*console)->connected(); }));
  auto c3 = ConnectUnix(path);
  ASSERT_TRUE(c3.ok());
  ASSERT_TRUE(r.RunUntil([&] { return (*console)->connected(); }));
}

// A console with no client yet: what the UART sends goes to the backlog.
class UnixConsoleBacklogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    uart_.SetTransmitClient(rx_);
    auto c = UnixConsole::Listen(r_, uart_, path_);
    ASSERT_TRUE(c.ok()) << c.status();
    console_ = *std::move(c);
  }
  // Transmits `bytes` and runs the loop until the UART reports it sent.
  void Send(std::string bytes) {
    const int before = rx_.sent;
    ASSERT_TRUE(uart_.TransmitBuffer(reinterpret_cast<uint8_t*>(bytes.data()), bytes.size()).ok());
    ASSERT_TRUE(r_.RunUntil([&] { return rx_.sent == before + 1; }));
  }
  UniqueFd Attach() {
    auto c = ConnectUnix(path_);
    EXPECT_TRUE(c.ok());
    EXPECT_TRUE(r_.RunUntil([&] { return console_->connected(); }));
    return c.ok() ? *std::move(c) : UniqueFd();
  }

  PollReactor r_;
  HostUart uart_{r_};
  Rx rx_;
  std::string path_ = TempSocketPath("backlog");
  std::unique_ptr<UnixConsole> console_;
};

TEST_F(UnixConsoleBacklogTest, OutputBeforeAnyClientReachesTheFirstClient) {
  Send("boot\n");  // completes with nobody attached
  EXPECT_EQ(console_->backlog_size(), 5u);
  UniqueFd c1 = Attach();
  Send("live\n");
  EXPECT_EQ(ReadSome(r_, c1.get(), 10), "boot\nlive\n");  // backlog first, then live output
  EXPECT_EQ(console_->backlog_size(), 0u);
}

TEST_F(UnixConsoleBacklogTest, BacklogKeepsOnlyTheNewestBytes) {
  std::string chunk(1000, 'x');
  for (int i = 0; i < 20; ++i) {
    chunk.back() = static_cast<char>('a' + i);
    Send(chunk);
  }
  EXPECT_EQ(console_->backlog_size(), UnixConsole::kBacklogBytes);
  UniqueFd c1 = Attach();
  std::string got = ReadSome(r_, c1.get(), UnixConsole::kBacklogBytes);
  ASSERT_EQ(got.size(), UnixConsole::kBacklogBytes);
  EXPECT_EQ(got.back(), 't');                   // the last chunk's marker
  EXPECT_EQ(got.find('c'), std::string::npos);  // the oldest chunks are gone
  EXPECT_NE(got.find('e'), std::string::npos);  // 16 KiB hold chunks e..t
}

TEST(UnixConsoleTest, StaleSocketFileIsReplacedButLiveServerIsNot) {
  PollReactor r;
  HostUart uart(r);
  std::string path = TempSocketPath("stale");
  {
    auto first = UnixConsole::Listen(r, uart, path);
    ASSERT_TRUE(first.ok());
    HostUart other(r);
    EXPECT_FALSE(UnixConsole::Listen(r, other, path).ok());  // in use
  }
  // Leave a stale socket file behind, as a crashed tockd would.
  {
    auto fd = ListenUnix(path);
    ASSERT_TRUE(fd.ok());
  }
  EXPECT_TRUE(UnixConsole::Listen(r, uart, path).ok());
}

}  // namespace
}  // namespace tock::hostkernel
