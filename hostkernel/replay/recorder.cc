// Recorder: the recording file, written line by line.
#include "hostkernel/replay/recorder.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {

absl::StatusOr<std::unique_ptr<Recorder>> Recorder::Create(const std::string& path,
                                                           const RecordingHeader& header,
                                                           PositionSource position) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666));
  if (!fd) {
    return absl::FailedPreconditionError(absl::StrCat("cannot create: ", std::strerror(errno)));
  }
  std::unique_ptr<Recorder> recorder(new Recorder(path, std::move(fd), std::move(position)));
  recorder->Write(FormatHeader(header));
  if (recorder->failed_) {
    return absl::FailedPreconditionError("cannot write the header");
  }
  return recorder;
}

void Recorder::Record(InputKind kind, absl::string_view data) {
  ++inputs_;
  Write(FormatInput({position_(), kind, std::string{data}}));
}

void Recorder::End(absl::string_view reason) {
  Write(FormatEnd({position_(), std::string{reason}}));
}

void Recorder::Write(const std::string& line) {
  if (failed_) {
    return;
  }
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_.get(), line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      failed_ = true;
      spdlog::error("--record {}: cannot write ({}); the recording stops here", path_,
                    n < 0 ? std::strerror(errno) : "no progress");
      return;
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace tock::hostkernel
