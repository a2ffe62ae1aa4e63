// HostLink: line assembly, command parsing and the whole-line output queue.
#include "platforms/boards/common/host_link.h"

#include <cstring>

namespace tock::boards {

namespace {

// Decimal index of at most 4 digits; false for anything else.
bool ParseIndex(std::string_view text, unsigned& out) {
  if (text.empty() || text.size() > 4) {
    return false;
  }
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  out = value;
  return true;
}

// Splits off the text before the first space ("" rest if none).
std::string_view Word(std::string_view& rest) {
  const size_t space = rest.find(' ');
  std::string_view word = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  return word;
}

// "N" as text into `out` (room for 10 digits); returns the digits.
std::string_view Digits(unsigned value, char (&out)[10]) {
  size_t pos = sizeof out;
  do {
    out[--pos] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0 && pos > 0);
  return std::string_view(out + pos, sizeof out - pos);
}

}  // namespace

HostLink::HostLink(tock::hil::uart::Uart& uart, Listener& listener)
    : uart_(uart), listener_(listener) {
  uart_.SetTransmitClient(*this);
  uart_.SetReceiveClient(*this);
}

void HostLink::Start() { Receive(); }

void HostLink::Receive() { (void)uart_.ReceiveBuffer(rx_, sizeof rx_); }

void HostLink::ReceivedBuffer(uint8_t* buffer, size_t rx_len, tock::Result<void> status,
                              tock::hil::uart::Error error) {
  (void)error;
  if (status.ok() && rx_len == 1) {
    const char c = static_cast<char>(buffer[0]);
    if (c == '\n') {
      if (!line_too_long_) {
        HandleLine(std::string_view(line_, line_len_));
      }
      line_len_ = 0;
      line_too_long_ = false;
    } else if (c != '\r') {
      if (line_len_ < kLineLen) {
        line_[line_len_++] = c;
      } else {
        line_too_long_ = true;
      }
    }
  }
  Receive();
}

void HostLink::HandleLine(std::string_view line) {
  std::string_view rest = line;
  const std::string_view verb = Word(rest);
  unsigned index = 0;
  if (verb == "press" || verb == "release") {
    if (!ParseIndex(rest, index)) {
      return;
    }
    const bool pressed = verb == "press";
    if (listener_.OnButton(index, pressed)) {
      char digits[10];
      char text[32];
      size_t len = 0;
      for (std::string_view part :
           {std::string_view("button "), Digits(index, digits),
            pressed ? std::string_view(" pressed") : std::string_view(" released")}) {
        std::memcpy(text + len, part.data(), part.size());
        len += part.size();
      }
      SendLine(std::string_view(text, len));
    }
  } else if (verb == "switch") {
    const std::string_view number = Word(rest);
    if (!ParseIndex(number, index) || (rest != "on" && rest != "off")) {
      return;
    }
    (void)listener_.OnSwitch(index, rest == "on");
  }
}

void HostLink::SendLed(unsigned index, bool on) {
  char digits[10];
  char text[24];
  size_t len = 0;
  for (std::string_view part : {std::string_view("led "), Digits(index, digits),
                                on ? std::string_view(" on") : std::string_view(" off")}) {
    std::memcpy(text + len, part.data(), part.size());
    len += part.size();
  }
  SendLine(std::string_view(text, len));
}

void HostLink::SendLine(std::string_view text) {
  if (queue_len_ + text.size() + 1 > kQueueLen) {
    ++dropped_lines_;
    return;
  }
  std::memcpy(queue_ + queue_len_, text.data(), text.size());
  queue_len_ += text.size();
  queue_[queue_len_++] = '\n';
  Flush();
}

void HostLink::Flush() {
  if (tx_busy_ || queue_len_ == 0) {
    return;
  }
  std::memcpy(tx_, queue_, queue_len_);
  const size_t len = queue_len_;
  if (uart_.TransmitBuffer(tx_, len).ok()) {
    tx_busy_ = true;
    queue_len_ = 0;
  }
}

void HostLink::TransmittedBuffer(uint8_t* buffer, size_t len, tock::Result<void> status) {
  (void)buffer;
  (void)len;
  (void)status;
  tx_busy_ = false;
  Flush();
}

}  // namespace tock::boards
