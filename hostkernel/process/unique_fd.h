// RAII owner of one Linux file descriptor (host-only).
// Closes on destruction; movable, not copyable. Used for memfds, eventfds,
// pidfds and seccomp listeners so no early return leaks an fd.
#ifndef TOCKPP_HOSTKERNEL_PROCESS_UNIQUE_FD_H_
#define TOCKPP_HOSTKERNEL_PROCESS_UNIQUE_FD_H_

#include <unistd.h>

#include <utility>

namespace tock::hostkernel {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      Reset(std::exchange(other.fd_, -1));
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { Reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  explicit operator bool() const { return valid(); }
  [[nodiscard]] int Release() { return std::exchange(fd_, -1); }
  void Reset(int fd = -1) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_UNIQUE_FD_H_
