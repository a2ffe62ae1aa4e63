// FileFlash implementation: whole-page pread/pwrite with posted completions.
#include "hostkernel/peripherals/file_flash.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tockpp::hostkernel {

using ::tock::ErrorCode;
using ::tock::Result;

namespace {
bool PreadAll(int fd, uint8_t* buf, size_t len, off_t off) {
  while (len > 0) {
    ssize_t n = ::pread(fd, buf, len, off);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    buf += n;
    len -= static_cast<size_t>(n);
    off += n;
  }
  return true;
}
bool PwriteAll(int fd, const uint8_t* buf, size_t len, off_t off) {
  while (len > 0) {
    ssize_t n = ::pwrite(fd, buf, len, off);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    buf += n;
    len -= static_cast<size_t>(n);
    off += n;
  }
  return true;
}
}  // namespace

absl::StatusOr<std::unique_ptr<FileFlash>> FileFlash::Open(Reactor& reactor,
                                                           const std::string& path,
                                                           size_t page_size, size_t page_count) {
  if (page_size == 0 || page_count == 0) {
    return absl::InvalidArgumentError("flash page size and count must be positive");
  }
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) {
    return absl::NotFoundError(
        absl::StrCat("cannot open flash file ", path, ": ", std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(absl::StrCat(path, " is not a regular file"));
  }
  const uint64_t want = static_cast<uint64_t>(page_size) * page_count;
  if (static_cast<uint64_t>(st.st_size) < want) {
    // Extend with erased bytes.
    std::vector<uint8_t> ff(size_t{64} * 1024, 0xFF);
    uint64_t off = static_cast<uint64_t>(st.st_size);
    while (off < want) {
      size_t n = static_cast<size_t>(std::min<uint64_t>(ff.size(), want - off));
      if (!PwriteAll(fd.get(), ff.data(), n, static_cast<off_t>(off))) {
        return absl::InternalError(
            absl::StrCat("cannot extend flash file ", path, ": ", std::strerror(errno)));
      }
      off += n;
    }
  }
  return std::unique_ptr<FileFlash>(new FileFlash(reactor, std::move(fd), page_size, page_count));
}

Result<void> FileFlash::Check(size_t page_number, const uint8_t* buffer, size_t len) const {
  if (busy_) {
    return ErrorCode::kBusy;
  }
  if (page_number >= page_count_) {
    return ErrorCode::kInval;
  }
  if (buffer == nullptr || len != page_size_) {
    return ErrorCode::kSize;
  }
  return Result<void>::Ok();
}

Result<void> FileFlash::ReadPage(size_t page_number, uint8_t* buffer, size_t len) {
  Result<void> r = Check(page_number, buffer, len);
  if (!r.ok()) {
    return r;
  }
  bool ok = PreadAll(fd_.get(), buffer, len, static_cast<off_t>(page_number * page_size_));
  Complete(Op::kRead, buffer, len, ok ? Result<void>::Ok() : Result<void>(ErrorCode::kFail));
  return Result<void>::Ok();
}

Result<void> FileFlash::WritePage(size_t page_number, uint8_t* buffer, size_t len) {
  Result<void> r = Check(page_number, buffer, len);
  if (!r.ok()) {
    return r;
  }
  bool ok = PwriteAll(fd_.get(), buffer, len, static_cast<off_t>(page_number * page_size_));
  Complete(Op::kWrite, buffer, len, ok ? Result<void>::Ok() : Result<void>(ErrorCode::kFail));
  return Result<void>::Ok();
}

Result<void> FileFlash::ErasePage(size_t page_number) {
  if (busy_) {
    return ErrorCode::kBusy;
  }
  if (page_number >= page_count_) {
    return ErrorCode::kInval;
  }
  std::vector<uint8_t> ff(page_size_, 0xFF);
  bool ok =
      PwriteAll(fd_.get(), ff.data(), ff.size(), static_cast<off_t>(page_number * page_size_));
  Complete(Op::kErase, nullptr, 0, ok ? Result<void>::Ok() : Result<void>(ErrorCode::kFail));
  return Result<void>::Ok();
}

Result<void> FileFlash::Sync() {
  return ::fdatasync(fd_.get()) == 0 ? Result<void>::Ok() : Result<void>(ErrorCode::kFail);
}

void FileFlash::Complete(Op op, uint8_t* buffer, size_t len, Result<void> status) {
  busy_ = true;
  reactor_.Post([this, op, buffer, len, status, token = guard_.token()] {
    if (token.expired()) {
      return;
    }
    busy_ = false;
    if (client_ == nullptr) {
      return;
    }
    switch (op) {
      case Op::kRead:
        client_->ReadComplete(buffer, len, status);
        break;
      case Op::kWrite:
        client_->WriteComplete(buffer, len, status);
        break;
      case Op::kErase:
        client_->EraseComplete(status);
        break;
    }
  });
}

}  // namespace tockpp::hostkernel
