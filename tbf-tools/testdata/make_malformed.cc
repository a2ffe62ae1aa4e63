// Writes the malformed corpus (testdata/malformed/*.tbf + expected.txt) and the valid fuzz seeds
// (fuzz/corpus/valid_*.tbf). Run: bazel run //tbf-tools/testdata:make_malformed -- $PWD/tbf-tools
#include <fstream>
#include <iostream>

#include "tbf-tools/testdata/malformed_cases.h"

namespace {

bool Write(const std::string& path, const std::vector<uint8_t>& b) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return static_cast<bool>(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_malformed TBF_TOOLS_DIR\n";
    return 2;
  }
  const std::string root = argv[1];
  std::ofstream expected(root + "/testdata/malformed/expected.txt", std::ios::trunc);
  for (const auto& c : tbf::testdata::MakeMalformedCases()) {
    if (!Write(root + "/testdata/malformed/" + c.name + ".tbf", c.bytes) ||
        !Write(root + "/fuzz/corpus/malformed_" + c.name + ".tbf", c.bytes)) {
      std::cerr << "cannot write " << c.name << "\n";
      return 1;
    }
    expected << c.name << ".tbf " << c.expected_field << "\n";
  }
  for (const auto& [name, bytes] : tbf::testdata::MakeValidSeeds()) {
    if (!Write(root + "/fuzz/corpus/valid_" + name + ".tbf", bytes)) {
      return 1;
    }
  }
  return 0;
}
