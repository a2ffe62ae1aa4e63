// ReadRegularFile / WriteWholeFile / MakeDirectories over POSIX calls (no iostreams, so no
// exceptions and the errno text is kept).
#include "tbf-tools/file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"

namespace tock::tbf {
namespace {

absl::Status Errno(absl::StatusCode code, const char* what) {
  return absl::Status(code, absl::StrCat(what, ": ", std::strerror(errno)));
}

// "a directory", "a FIFO", ... for a file that is not a regular one.
const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) {
    return "a directory";
  }
  if (S_ISFIFO(mode)) {
    return "a FIFO";
  }
  if (S_ISSOCK(mode)) {
    return "a socket";
  }
  if (S_ISCHR(mode)) {
    return "a character device";
  }
  if (S_ISBLK(mode)) {
    return "a block device";
  }
  return "a special file";
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  int get() const { return fd_; }
  // Closes now, reporting a failed close (a write error can surface only here).
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

}  // namespace

absl::StatusOr<std::vector<uint8_t>> ReadRegularFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused below.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  if (fd.get() < 0) {
    return Errno(errno == ENOENT ? absl::StatusCode::kNotFound : absl::StatusCode::kUnavailable,
                 "cannot read");
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    return Errno(absl::StatusCode::kUnavailable, "cannot stat");
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat("is ", KindOf(st.st_mode), ", not a file"));
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return Errno(absl::StatusCode::kUnavailable, "cannot read");
    }
    if (n == 0) {
      break;  // shrank while we read: take what is there
    }
    got += static_cast<size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

absl::Status WriteWholeFile(const std::string& path, const std::vector<uint8_t>& data) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666));
  if (fd.get() < 0) {
    return Errno(absl::StatusCode::kUnavailable, "cannot write");
  }
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return Errno(absl::StatusCode::kUnavailable, "cannot write");
    }
    done += static_cast<size_t>(n);
  }
  if (!fd.Close()) {
    return Errno(absl::StatusCode::kUnavailable, "cannot write");
  }
  return absl::OkStatus();
}

absl::Status MakeDirectories(const std::string& dir) {
  if (dir.empty()) {
    return absl::InvalidArgumentError("empty directory name");
  }
  // Each prefix ending before a '/', then the whole path.
  for (size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
    const std::string prefix = dir.substr(0, slash);
    if (::mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) {
      return Errno(absl::StatusCode::kUnavailable, "cannot create directory");
    }
    if (slash == std::string::npos) {
      break;
    }
  }
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) {
    return Errno(absl::StatusCode::kUnavailable, "cannot create directory");
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError("cannot create directory: exists and is not one");
  }
  return absl::OkStatus();
}

}  // namespace tock::tbf
