// Writes the malformed corpus (testdata/malformed/*.tbf + expected.txt) and the valid fuzz seeds
// (fuzz/corpus/valid_*.tbf). Run: bazel run //tbf-tools/testdata:make_malformed -- $PWD/tbf-tools
#include <fstream>
#include <iostream>
#include <string>

#include "tbf-tools/testdata/malformed_cases.h"

namespace {

bool Write(const std::string& path, const std::vector<uint8_t>& b) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
  return static_cast<bool>(f);
}

// ROOT + DIR_AND_PREFIX + NAME + ".tbf", built in one string.
std::string TbfPath(const std::string& root, const char* dir_and_prefix, const std::string& name) {
  std::string path = root;
  path += dir_and_prefix;
  path += name;
  path += ".tbf";
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_malformed TBF_TOOLS_DIR\n";
    return 2;
  }
  const std::string root = argv[1];
  std::ofstream expected(root + "/testdata/malformed/expected.txt", std::ios::trunc);
  for (const auto& c : tock::tbf::testdata::MakeMalformedCases()) {
    if (!Write(TbfPath(root, "/testdata/malformed/", c.name), c.bytes) ||
        !Write(TbfPath(root, "/fuzz/corpus/malformed_", c.name), c.bytes)) {
      std::cerr << "cannot write " << c.name << "\n";
      return 1;
    }
    expected << c.name << ".tbf " << c.expected_field << "\n";
  }
  for (const auto& [name, bytes] : tock::tbf::testdata::MakeValidSeeds()) {
    if (!Write(TbfPath(root, "/fuzz/corpus/valid_", name), bytes)) {
      return 1;
    }
  }
  return 0;
}
