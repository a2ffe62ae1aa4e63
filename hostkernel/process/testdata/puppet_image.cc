// Finds puppet_app.bin under TEST_SRCDIR, RUNFILES_DIR or <binary>.runfiles.
#include "hostkernel/process/testdata/puppet_image.h"

#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

namespace tock::hostkernel::testing {

std::vector<uint8_t> PuppetImage() {
  constexpr char kRel[] = "/tockpp/hostkernel/process/testdata/puppet_app.bin";
  std::vector<std::string> roots;
  for (const char* env : {"TEST_SRCDIR", "RUNFILES_DIR"}) {
    if (const char* v = std::getenv(env)) {
      roots.emplace_back(v);
    }
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n > 0) {
    roots.push_back(std::string(exe, n) + ".runfiles");
  }
  for (const std::string& root : roots) {
    std::ifstream f(root + kRel, std::ios::binary);
    if (f) {
      return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
    }
  }
  return {};
}

}  // namespace tock::hostkernel::testing
