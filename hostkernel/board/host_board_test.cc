// The host board built on real host peripherals (poll reactor, virtual clock, a UART over a
// socketpair, a fake flash): every driver is registered under its upstream number through the
// components, the wiring reports OK, the process console speaks on the shared UART, the board
// extensions linked in (the temperature sensor) are wired with their controls, and a failing
// extension (a test one, armed by a flag) fails the board's wiring status.
#include "hostkernel/board/host_board.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "hil/testing/fake_flash.h"
#include "hostkernel/board/host_board_context.h"
#include "hostkernel/peripherals/peripheral_registry.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "hostkernel/peripherals/virtual_clock.h"

namespace tock::hostkernel {
namespace {

// A test extension: when armed, takes the console's number and then fails a step of its own.
bool g_break_wiring = false;
class NullDriver final : public ::tock::SyscallDriver {
 public:
  ::tock::CommandReturn Command(uint32_t, uint32_t, uint32_t, ::tock::ProcessId) override {
    return ::tock::CommandReturn::Failure(::tock::ErrorCode::kNoSupport);
  }
  ::tock::Result<void> AllocateGrant(::tock::ProcessId) override {
    return ::tock::ErrorCode::kNoSupport;
  }
};
void WireBroken(HostBoardContext& board) {
  if (!g_break_wiring) {
    return;
  }
  board.registrar.Add(0x1, board.Make<NullDriver>(), "broken");
  board.Check("broken", absl::InternalError("never reached as the first failure"));
}
const HostBoardExtension kBroken("zz broken", WireBroken);

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
  PeripheralRegistry registry_;
  ::tock::hil::testing::FakeFlash flash_{HostBoard::kFlashPageSize, 1};
  std::string console_;
};

TEST_F(HostBoardTest, EveryDriverIsRegisteredAndTheWiringIsOk) {
  HostBoardConfig config;
  config.process_console = HostBoardConfig::ProcessConsoleMode::kOff;
  auto board = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, registry_, config);
  EXPECT_TRUE(board->wiring_status().ok()) << board->wiring_status();
  for (uint32_t num : {0x0u, 0x1u, 0x2u, 0x3u, 0x4u, 0x8u, 0x40001u, 0x50001u, 0x60000u}) {
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
  auto board = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, registry_, config);
  EXPECT_EQ(board->max_processes(), kMaxProcessSlots);
  ASSERT_TRUE(reactor_.RunUntil([&] { return ReadConsole().find("tock$ ") != std::string::npos; }))
      << console_;
  EXPECT_NE(console_.find("Welcome to the process console."), std::string::npos) << console_;
}

TEST_F(HostBoardTest, ExtensionsAreWiredWithTheirControls) {
  HostBoardConfig config;
  config.process_console = HostBoardConfig::ProcessConsoleMode::kOff;
  auto board = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, registry_, config);
  ASSERT_TRUE(board->wiring_status().ok()) << board->wiring_status();
  EXPECT_NE(board->kernel().drivers().Lookup(0x60000), nullptr);
  // The temperature extension's status line comes after the board's own peripherals'.
  ReplyLines status = registry_.State();
  ASSERT_FALSE(status.empty());
  EXPECT_EQ(status.front(), "led 0 off");
  EXPECT_EQ(status.back(), "temperature 2000");
  // Its control command sets the value.
  const ControlCommand* command = registry_.FindCommand("temperature");
  ASSERT_NE(command, nullptr);
  const std::array<absl::string_view, 2> args = {"set", "-1234"};
  ReplyLines reply;
  ASSERT_TRUE(command->handler(args, reply).ok());
  EXPECT_EQ(reply, ReplyLines{"temperature -1234"});
  EXPECT_EQ(registry_.State().back(), "temperature -1234");
}

TEST_F(HostBoardTest, AFailingExtensionFailsTheWiringNamingTheFirstFailure) {
  g_break_wiring = true;
  HostBoardConfig config;
  config.process_console = HostBoardConfig::ProcessConsoleMode::kOff;
  auto board = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, registry_, config);
  g_break_wiring = false;
  EXPECT_EQ(board->wiring_status().message(),
            "board wiring: cannot register driver 0x1 (broken): number already registered");
}

TEST_F(HostBoardTest, ControlsRegisteredTwiceFailTheWiring) {
  HostBoardConfig config;
  config.process_console = HostBoardConfig::ProcessConsoleMode::kOff;
  auto first = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, registry_, config);
  ASSERT_TRUE(first->wiring_status().ok());
  // A second board on the same registry: its LEDs' controls are taken (the first failure).
  auto second = std::make_unique<HostBoard>(reactor_, clock_, uart_, flash_, registry_, config);
  EXPECT_TRUE(
      absl::StartsWith(second->wiring_status().message(), "board wiring: cannot wire LEDs: "))
      << second->wiring_status();
}

}  // namespace
}  // namespace tock::hostkernel
