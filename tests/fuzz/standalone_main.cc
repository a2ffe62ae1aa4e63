// A main() for fuzz targets built without libFuzzer (the replay tests, and every <name>_fuzzer
// binary outside --config=fuzz): runs LLVMFuzzerTestOneInput on each file given, recursing into
// directories, plus every prefix of small files. `--min-files=N` fails when fewer files ran
// (a corpus that silently went missing). An invariant violation traps, failing the run.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void RunFile(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::fprintf(stderr, "replay %s (%zu bytes)\n", path.c_str(), bytes.size());
  LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
  if (bytes.size() <= 512) {
    for (size_t n = 0; n < bytes.size(); ++n) {
      LLVMFuzzerTestOneInput(bytes.data(), n);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  size_t min_files = 0;
  size_t files = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--min-files=", 12) == 0) {
      min_files = std::strtoul(argv[i] + 12, nullptr, 10);
      continue;
    }
    std::filesystem::path root(argv[i]);
    if (!std::filesystem::exists(root)) {
      continue;  // an empty corpus has no folder in git
    }
    if (!std::filesystem::is_directory(root)) {
      RunFile(root);
      ++files;
      continue;
    }
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
      if (e.is_regular_file()) {
        paths.push_back(e.path());
      }
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      RunFile(p);
      ++files;
    }
  }
  LLVMFuzzerTestOneInput(nullptr, 0);
  std::fprintf(stderr, "replayed %zu files cleanly\n", files);
  if (files < min_files) {
    // "capsules/x/x_fuzzer_replay_test" -> "x": the name tools/fuzz knows the target by.
    std::string target = std::filesystem::path(argv[0]).filename().string();
    for (const char* suffix : {"_replay_test", "_fuzzer"}) {
      if (target.size() > std::strlen(suffix) &&
          target.compare(target.size() - std::strlen(suffix), std::string::npos, suffix) == 0) {
        target.resize(target.size() - std::strlen(suffix));
      }
    }
    std::fprintf(stderr,
                 "expected at least %zu corpus files; a new target's seeds come from a first "
                 "run: FUZZ_MERGE=1 FUZZ_RUNS=300000 tools/fuzz %s\n",
                 min_files, target.c_str());
    return 1;
  }
  return 0;
}
