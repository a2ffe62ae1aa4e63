// DataPath: turns a Bazel data dependency ("//apps/examples/hello:hello.tbf"), a
// workspace-relative path ("apps/examples/hello/hello.tbf") or an absolute path into a file
// path the test can open, through the runfiles tree. Reads only the runfiles environment.
#ifndef TOCKPP_TESTS_HARNESS_DATA_PATH_H_
#define TOCKPP_TESTS_HARNESS_DATA_PATH_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tock::harness {

// The file's path, or NotFound naming what was tried (did you add it to the test's `data`?).
absl::StatusOr<std::string> DataPath(std::string_view label_or_path);

// The tockd binary: $TOCKD if set, else //hostkernel:tockd from the runfiles (the harness
// library carries it as data, so tests need not list it).
absl::StatusOr<std::string> TockdPath();

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_DATA_PATH_H_
