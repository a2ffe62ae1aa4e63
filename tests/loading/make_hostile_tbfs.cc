// make_hostile_tbfs OUTDIR: writes every generated hostile case to OUTDIR (files, a directory,
// a FIFO; nothing for the "missing" case) plus the good app `witness.tbf`, and an index
// `cases.tsv` (name, expect, category, file, rule), so tockd can be tried on them by hand:
//   bazel run //tests/loading:make_hostile_tbfs -- /tmp/hostile
//   bazel run //hostkernel:tockd -- --exit-when-done /tmp/hostile/*.tbf /tmp/hostile/witness.tbf
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "tests/harness/data_path.h"
#include "tests/loading/hostile_tbf.h"
#include "tests/loading/inputs.h"

int main(int argc, char** argv) {
  using namespace tock::loading;
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_hostile_tbfs OUTDIR\n");
    return 2;
  }
  std::string dir = argv[1];
  // `bazel run` starts in the runfiles; a relative OUTDIR means the caller's directory.
  if (dir[0] != '/' && std::getenv("BUILD_WORKING_DIRECTORY") != nullptr) {
    dir = std::string(std::getenv("BUILD_WORKING_DIRECTORY")) + "/" + dir;
  }
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "make_hostile_tbfs: mkdir %s: %s\n", dir.c_str(), strerror(errno));
    return 1;
  }
  absl::StatusOr<GeneratorInput> input = LoadGeneratorInput();
  if (!input.ok()) {
    std::fprintf(stderr, "make_hostile_tbfs: %s\n", std::string{input.status().message()}.c_str());
    return 1;
  }
  absl::StatusOr<std::vector<HostileCase>> cases = MakeHostileCases(*input);
  if (!cases.ok()) {
    std::fprintf(stderr, "make_hostile_tbfs: %s\n", std::string{cases.status().message()}.c_str());
    return 1;
  }
  std::ofstream index(dir + "/cases.tsv");
  index << "name\texpect\tcategory\tfile\trule\n";
  int refused = 0;
  for (const HostileCase& c : *cases) {
    absl::StatusOr<std::string> path = MaterializeCase(c, dir);
    if (!path.ok()) {
      std::fprintf(stderr, "make_hostile_tbfs: %s\n", std::string{path.status().message()}.c_str());
      return 1;
    }
    index << c.name << '\t' << ExpectName(c.expect) << '\t' << c.category << '\t' << c.file_name
          << '\t' << c.rule << '\n';
    refused += c.expect == Expect::kRefused;
  }
  absl::StatusOr<std::string> good = tock::harness::DataPath(kGoodTbf);
  absl::StatusOr<std::vector<uint8_t>> good_bytes =
      good.ok() ? ReadBytes(*good) : absl::StatusOr<std::vector<uint8_t>>(good.status());
  if (good_bytes.ok()) {
    std::ofstream(dir + "/witness.tbf", std::ios::binary)
        .write(reinterpret_cast<const char*>(good_bytes->data()),
               static_cast<std::streamsize>(good_bytes->size()));
  }
  std::printf("%zu cases (%d refused, %zu load) in %s; index: cases.tsv; good app: witness.tbf\n",
              cases->size(), refused, cases->size() - refused, dir.c_str());
  return 0;
}
