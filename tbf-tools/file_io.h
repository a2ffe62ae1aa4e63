// Whole-file reads and writes for the `tbf` CLI with one-line, errno-named errors: only regular
// files are read (a directory, FIFO or device is refused without blocking), writes go through
// a file created with O_TRUNC, and MakeDirectories is `mkdir -p`. Host only.
#ifndef TOCKPP_TBF_TOOLS_FILE_IO_H_
#define TOCKPP_TBF_TOOLS_FILE_IO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tock::tbf {

// The bytes of the regular file at `path`. Errors read "cannot read: <strerror>" or
// "is a directory, not a file" (also FIFO, socket, device) (the path itself is left to the caller
// to print).
absl::StatusOr<std::vector<uint8_t>> ReadRegularFile(const std::string& path);

// Creates or truncates `path` and writes `data`. Errors: "cannot write: <strerror>".
absl::Status WriteWholeFile(const std::string& path, const std::vector<uint8_t>& data);

// Creates `dir` and any missing parents (mode 0777 before umask); fine if it exists as a
// directory. Errors: "cannot create directory: <strerror>".
absl::Status MakeDirectories(const std::string& dir);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_FILE_IO_H_
