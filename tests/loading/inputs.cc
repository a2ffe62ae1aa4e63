// Generator inputs from the runfiles (see inputs.h).
#include "tests/loading/inputs.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "hostkernel/status/status_macros.h"
#include "tests/harness/data_path.h"

namespace tock::loading {

absl::StatusOr<std::vector<uint8_t>> ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  }
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

absl::StatusOr<GeneratorInput> LoadGeneratorInput() {
  GeneratorInput in;
  in.base_output = kBaseOutput;
  in.good_name = kGoodName;
  in.seed = 1;
  for (auto [label, out] : {std::pair{kBaseTbf, &in.base_tbf}, std::pair{kBaseElf, &in.base_elf}}) {
    absl::StatusOr<std::string> path = harness::DataPath(label);
    TOCKPP_RETURN_IF_ERROR(path.status());
    absl::StatusOr<std::vector<uint8_t>> bytes = ReadBytes(*path);
    TOCKPP_RETURN_IF_ERROR(bytes.status());
    *out = *std::move(bytes);
  }
  // The vectors' folder, found through one known member.
  absl::StatusOr<std::string> one =
      harness::DataPath("tbf-tools/testdata/vectors/blink-2020.cortex-m4.tbf");
  TOCKPP_RETURN_IF_ERROR(one.status());
  const std::string dir = one->substr(0, one->rfind('/'));
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot list ", dir));
  }
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    const std::string n = e->d_name;
    if (absl::EndsWith(n, ".tbf") || absl::EndsWith(n, ".tab")) {
      names.push_back(n);
    }
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    absl::StatusOr<std::vector<uint8_t>> bytes = ReadBytes(absl::StrCat(dir, "/", n));
    TOCKPP_RETURN_IF_ERROR(bytes.status());
    in.foreign.emplace_back(n, *std::move(bytes));
  }
  if (in.foreign.empty()) {
    return absl::NotFoundError("no upstream vectors in " + dir);
  }
  return in;
}

}  // namespace tock::loading
