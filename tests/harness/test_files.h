// Scratch files for tests: the test's temporary directory (TEST_TMPDIR under Bazel), writing a
// file there and reading a whole file back. Test-only helpers; no error handling beyond what a
// failing assertion on the result shows.
#ifndef TOCKPP_TESTS_HARNESS_TEST_FILES_H_
#define TOCKPP_TESTS_HARNESS_TEST_FILES_H_

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

namespace tock::harness {

inline std::string TempDir() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return dir != nullptr ? dir : "/tmp";
}

// Writes `bytes` to TempDir()/name and returns its path.
inline std::string WriteFile(const std::string& name, const std::string& bytes) {
  std::string path = TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

// The whole file, or "" if it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_TEST_FILES_H_
