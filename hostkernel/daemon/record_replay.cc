// tockd --record / --replay: flags, app digests and the replay's checks.
#include "hostkernel/daemon/record_replay.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tbf-tools/lib/sha2.h"

namespace tock::hostkernel {
namespace {

// The file's bytes (POSIX reads: a directory or other non-regular file is an error, not an
// exception).
absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return absl::NotFoundError(absl::StrCat("cannot read ", path, ": not a regular file"));
  }
  std::string bytes;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return absl::UnavailableError(absl::StrCat("cannot read ", path, ": ", std::strerror(error)));
    }
    if (n == 0) {
      break;
    }
    bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return bytes;
}

std::string Dashed(const std::string& name) { return absl::StrReplaceAll(name, {{"_", "-"}}); }

// An app file's digest; one that cannot be read counts as empty (tockd refuses it with its own
// line, in the recorded run and in its replay alike).
std::string AppDigest(const std::string& path) {
  absl::StatusOr<std::string> digest = FileSha256(path);
  if (digest.ok()) {
    return *digest;
  }
  return "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";  // of no bytes
}

}  // namespace

absl::StatusOr<std::string> FileSha256(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) {
    return bytes.status();
  }
  tock::tbf::Sha256 sha;
  sha.Update(std::span(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()));
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (uint8_t b : sha.Finish()) {
    hex.push_back(kDigits[b >> 4]);
    hex.push_back(kDigits[b & 0xf]);
  }
  return hex;
}

absl::StatusOr<RecordingHeader> RecordingHeaderForRun(const std::vector<std::string>& apps) {
  RecordingHeader header;
  for (const char* name : kRecordedFlags) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) {
      return absl::InternalError(absl::StrCat("no flag --", name));
    }
    header.flags.emplace_back(name, flag->CurrentValue());
  }
  for (const std::string& app : apps) {
    header.apps.push_back({app, AppDigest(app)});
  }
  return header;
}

absl::StatusOr<Recording> PrepareReplay(const std::string& path, std::vector<std::string>& apps) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (!text.ok()) {
    return absl::DataLossError(text.status().message());
  }
  absl::StatusOr<Recording> recording = ParseRecording(*text);
  if (!recording.ok()) {
    return absl::DataLossError(recording.status().message());
  }
  for (const auto& [name, value] : recording->header.flags) {
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) {
      return absl::FailedPreconditionError(absl::StrCat(
          "recorded with --", Dashed(name), "=", value, ", a flag this tockd does not have"));
    }
    const std::string now = flag->CurrentValue();
    if (now == value) {
      continue;
    }
    if (now != flag->DefaultValue()) {
      return absl::FailedPreconditionError(
          absl::StrCat("recorded with --", Dashed(name), "=", value, ", this run has --",
                       Dashed(name), "=", now, " (leave the flag out to use the recorded value)"));
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::DataLossError(
          absl::StrCat("recorded --", Dashed(name), "=", value, " is not valid: ", error));
    }
  }
  const std::vector<RecordedApp>& recorded = recording->header.apps;
  if (apps.empty()) {
    for (const RecordedApp& app : recorded) {
      apps.push_back(app.path);
    }
  }
  if (apps.size() != recorded.size()) {
    return absl::FailedPreconditionError(
        absl::StrCat("recorded with ", recorded.size(), " app(s), this run gives ", apps.size()));
  }
  for (size_t i = 0; i < apps.size(); ++i) {
    const std::string digest = AppDigest(apps[i]);
    if (digest != recorded[i].sha256) {
      return absl::FailedPreconditionError(
          absl::StrCat("app ", i + 1, " (", apps[i], ") is not the recorded image ",
                       recorded[i].path, " (sha256 ", digest.substr(0, 12), "..., recorded ",
                       recorded[i].sha256.substr(0, 12), "...)"));
    }
  }
  return recording;
}

}  // namespace tock::hostkernel
