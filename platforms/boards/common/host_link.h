// HostLink: the line protocol between an emulated board and the program driving it (issue 20),
// on a UART of its own. ASCII lines ending in "\n" ("\r" before it is ignored):
//   host -> board: `press N`, `release N` (button N, 0-based), `switch N on|off`;
//   board -> host: `led N on|off` at every LED change, `ready` once the apps are loaded,
//                  `button N pressed|released` once a press or release was applied.
// What a press or a switch does is the board's (Listener); a line that is not one of these, or
// names an index the Listener refuses, is ignored. Output lines are queued whole (kQueueLen
// bytes); a line that does not fit is dropped and counted. Untrusted board glue: touches only
// its UART and its own buffers.
//
// Wiring (board, statics):
//   HostLink host_link(chip_uart1, board_listener);
//   host_link.Start();                 // receive
//   host_link.SendLed(0, true);        // "led 0 on"
#ifndef TOCKPP_PLATFORMS_BOARDS_COMMON_HOST_LINK_H_
#define TOCKPP_PLATFORMS_BOARDS_COMMON_HOST_LINK_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hil/uart.h"

namespace tock::boards {

class HostLink final : public tock::hil::uart::TransmitClient,
                       public tock::hil::uart::ReceiveClient {
 public:
  static constexpr size_t kLineLen = 32;
  static constexpr size_t kQueueLen = 256;

  class Listener {
   public:
    // Apply a press/release or a switch position; false if there is no such button/switch.
    virtual bool OnButton(unsigned index, bool pressed) = 0;
    virtual bool OnSwitch(unsigned index, bool on) = 0;

   protected:
    ~Listener() = default;
  };

  HostLink(tock::hil::uart::Uart& uart, Listener& listener);
  HostLink(const HostLink&) = delete;
  HostLink& operator=(const HostLink&) = delete;

  // Starts listening for host lines.
  void Start();
  void SendReady() { SendLine("ready"); }
  void SendLed(unsigned index, bool on);

  size_t dropped_lines() const { return dropped_lines_; }

  void TransmittedBuffer(uint8_t* buffer, size_t len, tock::Result<void> status) override;
  void ReceivedBuffer(uint8_t* buffer, size_t rx_len, tock::Result<void> status,
                      tock::hil::uart::Error error) override;

 private:
  void Receive();
  void HandleLine(std::string_view line);
  // Queues `text` + "\n" whole, or drops it.
  void SendLine(std::string_view text);
  void Flush();

  tock::hil::uart::Uart& uart_;
  Listener& listener_;
  uint8_t rx_[1] = {0};
  char line_[kLineLen] = {};
  size_t line_len_ = 0;
  bool line_too_long_ = false;
  uint8_t queue_[kQueueLen] = {};
  size_t queue_len_ = 0;
  uint8_t tx_[kQueueLen] = {};
  bool tx_busy_ = false;
  size_t dropped_lines_ = 0;
};

}  // namespace tock::boards

#endif  // TOCKPP_PLATFORMS_BOARDS_COMMON_HOST_LINK_H_
