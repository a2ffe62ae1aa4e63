// UartConsoleHook through the control socket: a `console` client sees what the HostUart
// transmits and its bytes arrive at the UART's receive client, alongside the UART's own fds.
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"
#include "hostkernel/control/console_hook.h"
#include "hostkernel/control/control_server.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "hostkernel/peripherals/unix_socket.h"

namespace tock::hostkernel {
namespace {

namespace uart = ::tock::hil::uart;

struct Rx : uart::ReceiveClient {
  void ReceivedBuffer(uint8_t* b, size_t n, ::tock::Result<void>, uart::Error) override {
    got.append(reinterpret_cast<char*>(b), n);
  }
  std::string got;
};

TEST(UartConsoleHookTest, ControlConsoleSeesUartOutputAndTypesIntoIt) {
  PollReactor r;
  HostUart uart(r);  // unplugged: only the control console sees it
  Rx rx;
  uart.SetReceiveClient(rx);
  UartConsoleHook hook(uart);
  ControlTargets t;
  t.console = &hook;
  std::string path = "/tmp/tockpp-uhook" + std::to_string(getpid()) + ".sock";
  auto server = ControlServer::Listen(r, path, t);
  ASSERT_TRUE(server.ok()) << server.status();

  auto fd = ConnectUnix(path);
  ASSERT_TRUE(fd.ok());
  ASSERT_EQ(send(fd->get(), "console\n", 8, 0), 8);
  ASSERT_TRUE(r.RunUntil([&] { return (*server)->console_count() == 1; }));

  std::string got;
  auto read_until = [&](const std::string& want) {
    return r.RunUntil([&] {
      char buf[256];
      ssize_t n = recv(fd->get(), buf, sizeof buf, MSG_DONTWAIT);
      if (n > 0) {
        got.append(buf, static_cast<size_t>(n));
      }
      return got == want;
    });
  };
  ASSERT_TRUE(read_until("ok\n"));
  uint8_t msg[] = {'t', 'o', 'c', 'k', '$', ' '};
  ASSERT_TRUE(uart.TransmitBuffer(msg, sizeof msg).ok());
  EXPECT_TRUE(read_until("ok\ntock$ ")) << got;

  uint8_t buf[5];
  ASSERT_TRUE(uart.ReceiveBuffer(buf, sizeof buf).ok());
  ASSERT_EQ(send(fd->get(), "list\n", 5, 0), 5);
  EXPECT_TRUE(r.RunUntil([&] { return rx.got == "list\n"; }));
}

}  // namespace
}  // namespace tock::hostkernel
