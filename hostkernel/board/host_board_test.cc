// The host board built on real host peripherals (poll reactor, virtual clock, a UART over a
// socketpair, a fake flash): every driver is registered under its upstream number through the
// components, the wiring reports OK, and the process console speaks on the shared UART.
#include "hostkernel/board/host_board.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "hil/testing/fake_flash.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "hostkernel/peripherals/virtual_clock.h"

namespace tock::hostkernel {
namespace {

class HostBoardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds_), 0);
    uart_.Attach(fds_[0], fds_[0]);
  }
  void TearDown() override {
    close(fds_[0]);
    close(fds_[1]);
  }
  // Everything the board wrote to the console so far.
  std::string ReadConsole() {
    char buf[4096];
    ssize_t n;
    while ((n = read(fds_[1], buf, sizeof buf)) > 0) {
      console_.append(buf, static_cast<size_t>(n));
    }
    return console_;
  }

  int fds_[2] = {-1, -1};
  PollReactor reactor_;
  VirtualClock clock_{reactor_};
  HostUart uart_{reactor_};
  ::tock::hil::testing::FakeFlash flash_{HostBoard::kFlashPageSize, 1};
  std::string console_;
};

TEST_F(HostBoardTest, EveryDriverIsRegisteredAndTheWiringIsOk) {
  HostBoardConfig config;
  config.process_console = HostBoardConfig::ProcessConsoleMode::kOff;
  auto board = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, config);
  EXPECT_TRUE(board->wiring_status().ok()) << board->wiring_status();
  for (uint32_t num : {0x0u, 0x1u, 0x2u, 0x3u, 0x4u, 0x8u, 0x40001u, 0x50001u}) {
    EXPECT_NE(board->kernel().drivers().Lookup(num), nullptr) << num;
  }
  EXPECT_EQ(board->kernel().drivers().Lookup(0x90000), nullptr);
  EXPECT_EQ(board->hosts().size(), kDefaultProcessSlots);
  EXPECT_FALSE(board->console_read_pending());
  EXPECT_EQ(board->console_dropped_input_bytes(), 0u);
}

TEST_F(HostBoardTest, ProcessConsolePromptsOnTheConsoleUart) {
  HostBoardConfig config;
  config.max_processes = 1000;  // clamped
  auto board = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, config);
  EXPECT_EQ(board->max_processes(), kMaxProcessSlots);
  ASSERT_TRUE(reactor_.RunUntil([&] { return ReadConsole().find("tock$ ") != std::string::npos; }))
      << console_;
  EXPECT_NE(console_.find("Welcome to the process console."), std::string::npos) << console_;
}

}  // namespace
}  // namespace tock::hostkernel
