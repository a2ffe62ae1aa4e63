// Hostile TBF generator: from one good host app (its TBF, ELF and an upstream vector set) makes
// a systematic set of bad app files — every header field, TLV and footer mutated on its own
// with the checksum fixed (so the intended defect is the one found), some with a broken
// checksum, truncations, garbage, wrong files and wrong architectures — each with the outcome
// tockd must produce. Host only (allocates freely); used by the hostile loading test and by the
// `make_hostile_tbfs` CLI.
#ifndef TOCKPP_TESTS_LOADING_HOSTILE_TBF_H_
#define TOCKPP_TESTS_LOADING_HOSTILE_TBF_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tock::loading {

enum class Expect {
  kRefused,  // one line `tockd: not loading PATH (NAME): REASON`, the rest boot, exit 1
  kLoads,    // no `not loading` line, exit 0
};

// What is written at the case's path.
enum class FileKind { kFile, kDirectory, kMissing, kFifo };

// What NAME in the refusal line must be.
enum class NameRule {
  kExact,    // exactly `name_in_line` (the header parses, so the package name is known)
  kOrQuery,  // `name_in_line` or `?` (too broken for some loaders to trust the name)
  kQuery,    // `?` (not a TBF at all)
};

struct HostileCase {
  std::string name;       // short, unique, also the file stem: "version_3"
  std::string category;   // "base_header", "tlv_length", "fixed_address", ...
  std::string file_name;  // name to write it under: "version_3.tbf", "no_host.tab", ...
  FileKind kind = FileKind::kFile;
  std::vector<uint8_t> bytes;  // kFile only
  Expect expect = Expect::kRefused;
  // The rule assumed (upstream Tock or issue 18's host rules), in words.
  std::string rule;
  // kRefused: NAME in the line, and an optional word the reason must contain (case-insensitive).
  NameRule name_rule = NameRule::kOrQuery;
  std::string name_in_line;
  std::string reason_word;
  // kRefused, a TAB member: PATH is `<file>:<member>`, e.g. "x32.tbf".
  std::string member;
  // kLoads: console text the app prints when it runs ("" = it need not run, e.g. disabled).
  std::string output;
  // Run after the good app rather than before it (a duplicate of the good app's name: the
  // first loaded keeps the name). Such cases are left out of batched runs.
  bool after_good = false;
};

struct GeneratorInput {
  std::vector<uint8_t> base_tbf;  // a good host (x32) app built with --fixed-addresses
  std::string base_output;        // what the base app prints when it runs ("Hello, World!")
  std::vector<uint8_t> base_elf;  // that app's ELF (the "ELF given as an app" case)
  std::string good_name;          // package name of the good app run beside (duplicate case)
  // Upstream builds for other architectures: (file name, bytes).
  std::vector<std::pair<std::string, std::vector<uint8_t>>> foreign;
  uint64_t seed = 1;  // for the random-bytes cases
};

// Every case, in a stable order with unique names. Fails if `base_tbf` is not a good TBF laid
// out as the host `tock_app` macro writes it (Main + Program + PackageName + FixedAddresses).
absl::StatusOr<std::vector<HostileCase>> MakeHostileCases(const GeneratorInput& input);

// Writes `c` under `dir` (a file, a directory, a FIFO, or nothing for kMissing); returns the
// path to give tockd.
absl::StatusOr<std::string> MaterializeCase(const HostileCase& c, const std::string& dir);

// The package name as tockd prints it: bytes outside 0x20..0x7e and backslash as \xNN / \\.
std::string EscapeName(const std::string& raw);

const char* ExpectName(Expect e);  // "refused" / "loads"

}  // namespace tock::loading

#endif  // TOCKPP_TESTS_LOADING_HOSTILE_TBF_H_
