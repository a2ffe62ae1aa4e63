// UART HIL: split-phase buffer transmit and receive (upstream kernel::hil::uart).
// A call that starts work returns at once; the buffer comes back in the client callback. On a
// failed start the caller keeps its buffer and no callback follows. Implemented by chips and the
// host platform, used by the virtual UART mux and the console.
#ifndef TOCKPP_HIL_UART_H_
#define TOCKPP_HIL_UART_H_

#include <cstddef>
#include <cstdint>

#include "hil/error.h"

namespace tock::hil::uart {

enum class StopBits : uint8_t { kOne = 1, kTwo = 2 };
enum class Parity : uint8_t { kNone = 0, kOdd = 1, kEven = 2 };
enum class Width : uint8_t { kSix = 6, kSeven = 7, kEight = 8 };

struct Parameters {
  uint32_t baud_rate = 115200;
  Width width = Width::kEight;
  StopBits stop_bits = StopBits::kOne;
  Parity parity = Parity::kNone;
  bool hw_flow_control = false;
};

// Receive-side error detail, reported alongside the Result.
enum class Error : uint8_t {
  kNone = 0,
  kParity,
  kFraming,
  kOverrun,
  kRepeatCall,  // a receive was already in progress
  kReset,       // the peripheral was reset
  kBreak,
  kAborted,  // the operation was aborted (ReceiveAbort); the bytes so far are valid
  kOther,
};

class TransmitClient {
 public:
  // `len` bytes of `buffer` were sent (fewer if aborted; then status is CANCEL).
  virtual void TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) = 0;

 protected:
  ~TransmitClient() = default;
};

class ReceiveClient {
 public:
  // `rx_len` bytes were written to the start of `buffer`. status is CANCEL after an abort,
  // FAIL with `error` set on a line error.
  virtual void ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> status, Error error) = 0;

 protected:
  ~ReceiveClient() = default;
};

class Transmit {
 public:
  virtual void SetTransmitClient(TransmitClient& client) = 0;
  // Starts sending buffer[0, len). BUSY if a transmission is in progress, SIZE if len is 0 or
  // larger than the buffer, OFF if powered down. Only Ok() is followed by TransmittedBuffer.
  virtual Result<void> TransmitBuffer(uint8_t* buffer, size_t len) = 0;
  // Ok: nothing was in flight and no callback will come. BUSY: a transmission is being
  // cancelled and TransmittedBuffer will follow with CANCEL.
  virtual Result<void> TransmitAbort() = 0;

 protected:
  ~Transmit() = default;
};

class Receive {
 public:
  virtual void SetReceiveClient(ReceiveClient& client) = 0;
  // Starts receiving exactly len bytes into buffer (or until aborted).
  virtual Result<void> ReceiveBuffer(uint8_t* buffer, size_t len) = 0;
  // Same contract as TransmitAbort: BUSY means ReceivedBuffer follows with CANCEL and the bytes
  // received so far.
  virtual Result<void> ReceiveAbort() = 0;

 protected:
  ~Receive() = default;
};

class Configure {
 public:
  virtual Result<void> SetParameters(const Parameters& params) = 0;

 protected:
  ~Configure() = default;
};

// A full UART (what a chip or the host provides and the mux consumes).
class Uart : public Transmit, public Receive, public Configure {
 protected:
  ~Uart() = default;
};

}  // namespace tock::hil::uart

#endif  // TOCKPP_HIL_UART_H_
