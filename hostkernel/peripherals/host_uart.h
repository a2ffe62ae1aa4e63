// HostUart: hil::uart::Uart for tockd over a pair of fds — stdin/stdout, or one accepted
// connection of `--console=unix:PATH` (see unix_console.h). Transmit writes at once (queuing
// on EAGAIN) and completes later on the loop; received bytes fill the pending ReceiveBuffer as
// they arrive (bytes that arrive with no receive pending are kept, up to kMaxPendingInput; the
// excess is dropped, counted and reported once per burst: one warning at the first byte dropped,
// one with the rest of the count when input is accepted again, the input ends or the UART is
// detached or destroyed).
// With no output fd the UART is "unplugged": bytes are dropped, completions still come.
// Output taps and InjectInput() let the control socket's `console` attach; an input gate
// decides when input is delivered (tockd --record). Host-only.
#ifndef TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_UART_H_
#define TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_UART_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "hil/uart.h"
#include "hostkernel/peripherals/reactor.h"

namespace tock::hostkernel {

class HostUart final : public ::tock::hil::uart::Uart {
 public:
  using OutputTap = std::function<void(std::string_view bytes)>;
  static constexpr size_t kMaxPendingInput = size_t{64} * 1024;

  explicit HostUart(Reactor& reactor) : reactor_(reactor) {}
  HostUart(const HostUart&) = delete;
  HostUart& operator=(const HostUart&) = delete;
  ~HostUart();

  // Starts using the fds (not owned; -1 for none). in_fd and out_fd may be the same socket.
  // An output fd that would block is waited on through the loop.
  void Attach(int in_fd, int out_fd);
  // Stops using the fds (e.g. the console client went away). An in-flight transmission
  // completes as if sent.
  void Detach();
  // Called (once per Attach) when the input fd reports EOF or an error.
  void SetInputClosedCallback(std::function<void()> cb) { input_closed_ = std::move(cb); }
  // Where the dropped-input warnings go (one line each, no newline); spdlog::warn if unset.
  void SetWarningSink(std::function<void(const std::string&)> sink) { warn_ = std::move(sink); }

  // Every transmitted byte is also handed to each tap, in order, when transmission starts.
  uint64_t AddOutputTap(OutputTap tap);
  void RemoveOutputTap(uint64_t id) { taps_.erase(id); }
  // Feeds bytes as if they had arrived on the input fd.
  void InjectInput(std::string_view bytes);
  // With a gate set, every input chunk (from the fd or injected) is handed to it with the
  // closure that delivers it; the gate runs that closure when it chooses (tockd --record: at
  // the kernel's next quiet point). Closures of a destroyed UART do nothing.
  using InputGate = std::function<void(std::string_view bytes, std::function<void()> deliver)>;
  void SetInputGate(InputGate gate) { input_gate_ = std::move(gate); }

  // --- hil::uart::Uart ---
  void SetTransmitClient(::tock::hil::uart::TransmitClient& client) override {
    tx_client_ = &client;
  }
  void SetReceiveClient(::tock::hil::uart::ReceiveClient& client) override { rx_client_ = &client; }
  ::tock::Result<void> SetParameters(const ::tock::hil::uart::Parameters& params) override {
    params_ = params;
    return ::tock::Result<void>::Ok();
  }
  ::tock::Result<void> TransmitBuffer(uint8_t* buffer, size_t len) override;
  ::tock::Result<void> TransmitAbort() override;
  ::tock::Result<void> ReceiveBuffer(uint8_t* buffer, size_t len) override;
  ::tock::Result<void> ReceiveAbort() override;

  const ::tock::hil::uart::Parameters& parameters() const { return params_; }
  size_t pending_input() const { return pending_in_.size(); }
  uint64_t dropped_input_bytes() const { return dropped_input_; }

 private:
  void TryWrite();
  void PostTransmitDone();
  void OnReadable();
  void AddInput(std::string_view bytes);
  // AddInput + Pump, now or through the gate.
  void TakeInput(std::string_view bytes);
  // Dropped-input reporting: Drop at the first byte of a burst warns at once; EndDropBurst
  // reports what was dropped since, if anything.
  void Drop(size_t n);
  void EndDropBurst();
  void Warn(const std::string& line);
  void Pump();
  void FinishReceive(::tock::Result<void> status, ::tock::hil::uart::Error error);
  void StopWatches();

  Reactor& reactor_;
  int in_fd_ = -1;
  int out_fd_ = -1;
  Reactor::Id read_watch_ = 0;
  Reactor::Id write_watch_ = 0;
  std::function<void()> input_closed_;
  InputGate input_gate_;
  std::map<uint64_t, OutputTap> taps_;
  uint64_t next_tap_ = 1;
  ::tock::hil::uart::Parameters params_;

  ::tock::hil::uart::TransmitClient* tx_client_ = nullptr;
  uint8_t* tx_buf_ = nullptr;
  size_t tx_len_ = 0;
  size_t tx_done_ = 0;
  bool tx_completion_posted_ = false;
  bool tx_abort_ = false;

  ::tock::hil::uart::ReceiveClient* rx_client_ = nullptr;
  uint8_t* rx_buf_ = nullptr;
  size_t rx_len_ = 0;
  size_t rx_got_ = 0;
  bool rx_abort_ = false;
  bool pump_posted_ = false;
  bool pumping_ = false;
  std::string pending_in_;
  uint64_t dropped_input_ = 0;
  bool drop_burst_ = false;        // dropping since the last warning's burst began
  uint64_t drop_unreported_ = 0;   // dropped in this burst after its first warning
  uint64_t drop_burst_total_ = 0;  // dropped in this burst
  std::function<void(const std::string&)> warn_;
  LifetimeGuard guard_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PERIPHERALS_HOST_UART_H_
