// ConsoleHook: how the control socket's `console` command attaches to the kernel console:
// a sink for console output and a way to type input. UartConsoleHook implements it over the
// HostUart that carries the console (output taps + injected input). Host-only.
#ifndef TOCKPP_HOSTKERNEL_CONTROL_CONSOLE_HOOK_H_
#define TOCKPP_HOSTKERNEL_CONTROL_CONSOLE_HOOK_H_

#include <cstdint>
#include <functional>
#include <string_view>

#include "hostkernel/peripherals/host_uart.h"

namespace tock::hostkernel {

class ConsoleHook {
 public:
  using Sink = std::function<void(std::string_view bytes)>;
  virtual ~ConsoleHook() = default;

  // Streams every console output byte to `sink` until DetachOutput(id).
  virtual uint64_t AttachOutput(Sink sink) = 0;
  virtual void DetachOutput(uint64_t id) = 0;
  // Delivers bytes to the console's receive side, as if typed.
  virtual void SendInput(std::string_view bytes) = 0;
};

class UartConsoleHook final : public ConsoleHook {
 public:
  explicit UartConsoleHook(HostUart& uart) : uart_(uart) {}
  uint64_t AttachOutput(Sink sink) override { return uart_.AddOutputTap(std::move(sink)); }
  void DetachOutput(uint64_t id) override { uart_.RemoveOutputTap(id); }
  void SendInput(std::string_view bytes) override { uart_.InjectInput(bytes); }

 private:
  HostUart& uart_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_CONTROL_CONSOLE_HOOK_H_
