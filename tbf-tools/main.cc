// The `tbf` command-line tool: create TBFs from ELF apps (like elf2tab), inspect and verify TBF
// and TAB files, and build/unpack TAB bundles. Host only; all parsing goes through the
// freestanding //tbf-tools/lib:tbf library so the CLI rejects exactly what the kernel would.
//
// Options are Abseil flags (ABSL_FLAG below), parsed here per subcommand rather than by
// absl::ParseCommandLine so every outcome is tbf's (as tockd does, hostkernel/daemon): each
// subcommand accepts only its own flags (plus short -o/-n/-v), usage errors are one
// "tbf: ... (see tbf --help)" line and exit 2, runtime failures one "tbf: PATH: CAUSE" line and
// exit 1. --help is the short screen, --helpfull adds every flag, `tbf CMD --help` one command.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "hostkernel/daemon/version.h"
#include "nlohmann/json.hpp"
#include "tbf-tools/describe.h"
#include "tbf-tools/elf_to_tbf.h"
#include "tbf-tools/file_io.h"
#include "tbf-tools/lib/tbf.h"
#include "tbf-tools/signing.h"
#include "tbf-tools/tab.h"

namespace tock::tbf {

// Flag value types (found by Abseil through ADL in namespace tock::tbf).

// --permissions DRV:CMD[,DRV:CMD...]
struct PermissionList {
  std::vector<std::pair<uint32_t, uint32_t>> items;
};

namespace {

std::optional<uint32_t> ParseNumber(absl::string_view s) {
  uint32_t v;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    if (absl::SimpleHexAtoi(s.substr(2), &v)) {
      return v;
    }
    return std::nullopt;
  }
  if (absl::SimpleAtoi(s, &v)) {
    return v;
  }
  return std::nullopt;
}

}  // namespace

bool AbslParseFlag(absl::string_view text, KernelVersion* out, std::string* error) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '.');
  auto major = parts.size() == 2 ? ParseNumber(parts[0]) : std::nullopt;
  auto minor = parts.size() == 2 ? ParseNumber(parts[1]) : std::nullopt;
  if (!major || !minor || *major > 0xFFFF || *minor > 0xFFFF) {
    *error = "want X.Y";
    return false;
  }
  *out = KernelVersion{static_cast<uint16_t>(*major), static_cast<uint16_t>(*minor)};
  return true;
}
std::string AbslUnparseFlag(const KernelVersion& v) { return absl::StrCat(v.major, ".", v.minor); }

bool AbslParseFlag(absl::string_view text, PermissionList* out, std::string* error) {
  out->items.clear();
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::vector<absl::string_view> dc = absl::StrSplit(item, ':');
    auto d = dc.size() == 2 ? ParseNumber(dc[0]) : std::nullopt;
    auto c = dc.size() == 2 ? ParseNumber(dc[1]) : std::nullopt;
    if (!d || !c) {
      *error = absl::StrCat("bad permission ", item);
      return false;
    }
    out->items.emplace_back(*d, *c);
  }
  return true;
}
std::string AbslUnparseFlag(const PermissionList& p) {
  return absl::StrJoin(p.items, ",", [](std::string* out, const auto& dc) {
    absl::StrAppend(out, dc.first, ":", dc.second);
  });
}

// --read_ids / --access_ids N[,N...] (storage permissions, elf2tab's flags).
struct IdList {
  std::vector<uint32_t> ids;
};
bool AbslParseFlag(absl::string_view text, IdList* out, std::string* error) {
  out->ids.clear();
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    auto id = ParseNumber(item);
    if (!id) {
      *error = absl::StrCat("bad id ", item);
      return false;
    }
    out->ids.push_back(*id);
  }
  return true;
}
std::string AbslUnparseFlag(const IdList& l) { return absl::StrJoin(l.ids, ","); }

}  // namespace tock::tbf

// Numbers (uint32_t) take decimal or 0x-hex, as Abseil parses integers.
ABSL_FLAG(std::string, output, "",
          "create: the TBF to write; tab create: the .tab to write; tab unpack: the directory "
          "(created; default .)");
ABSL_FLAG(std::string, name, "", "create: package name; tab create: bundle name.");
ABSL_FLAG(std::optional<uint32_t>, stack, std::nullopt,
          "create: stack size (default: size of the .stack section, else 2048)");
ABSL_FLAG(uint32_t, app_heap, 1024, "create: app heap size");
ABSL_FLAG(uint32_t, kernel_heap, 1024, "create: kernel (grant) heap size");
ABSL_FLAG(std::optional<uint32_t>, protected_region_size, std::nullopt,
          "create: header + protected trailer size (default: the header size)");
ABSL_FLAG(uint32_t, minimum_footer_size, 0, "create: reserve at least this many footer bytes");
ABSL_FLAG(uint32_t, app_version, 0, "create: Program header binary_version");
ABSL_FLAG(bool, fixed_addresses, false,
          "create: write a FixedAddresses TLV (flash = lowest load address, RAM = _sram_origin / "
          ".stack / lowest RAM segment - stack) and put the header on a 256-byte boundary");
ABSL_FLAG(tock::tbf::PermissionList, permissions, {},
          "create: Permissions TLV, DRV:CMD[,DRV:CMD...]");
ABSL_FLAG(std::optional<tock::tbf::KernelVersion>, kernel_version, std::nullopt,
          "create: KernelVersion TLV; tab create: minimum-tock-kernel-version (X.Y)");
// Storage permissions TLV (elf2tab's --write_id, --read_ids, --access_ids): written if any is
// given.
ABSL_FLAG(std::optional<uint32_t>, write_id, std::nullopt,
          "create: storage permissions: the id this app stores items under (0: may not write)");
ABSL_FLAG(tock::tbf::IdList, read_ids, {}, "create: storage permissions: ids it may read");
ABSL_FLAG(tock::tbf::IdList, access_ids, {}, "create: storage permissions: ids it may modify");
ABSL_FLAG(bool, sha256, false, "create: add a SHA-256 credential footer");
ABSL_FLAG(bool, sha384, false, "create: add a SHA-384 credential footer");
ABSL_FLAG(bool, sha512, false, "create: add a SHA-512 credential footer");
ABSL_FLAG(std::string, sign_key, "",
          "create: sign with this ECDSA P-256 private key (PEM): adds an EcdsaNistP256 "
          "credential footer over the header, protected trailer and binary");
ABSL_FLAG(std::vector<std::string>, key, {},
          "verify: ECDSA P-256 public key(s) (PEM, comma list): each object must carry an "
          "EcdsaNistP256 signature and every one must verify with one of them");
ABSL_FLAG(bool, disable, false, "create: clear the enabled flag");
ABSL_FLAG(bool, verbose, false, "create: print the layout decisions.");
ABSL_FLAG(bool, json, false, "inspect, verify: print JSON instead of text");
ABSL_FLAG(std::optional<std::string>, boards, std::nullopt,
          "tab create: only-for-boards (comma-separated board names)");
ABSL_FLAG(std::optional<std::string>, build_date, std::nullopt,
          "tab create: build-date (RFC 3339, e.g. 2024-01-31T12:00:00Z)");

namespace tock::tbf {
namespace {

int Usage(const std::string& msg) {
  std::cerr << "tbf: " << msg << " (see tbf --help)\n";
  return 2;
}

// "tbf: WHAT: MESSAGE" on stderr; returns 1 (a runtime failure).
int Fail(const std::string& what, absl::string_view message) {
  std::cerr << "tbf: " << what << ": " << message << "\n";
  return 1;
}

bool IsTar(const std::vector<uint8_t>& b) {
  return b.size() >= 512 && std::memcmp(b.data() + 257, "ustar", 5) == 0;
}

// One object list: a .tbf file may hold several objects back to back (an app-flash image).
struct Unit {
  std::string label;
  std::vector<uint8_t> bytes;
};

// An error line without the "tbf: " prefix: "LABEL: MESSAGE".
using ErrorLine = std::optional<std::string>;

// Loads FILE as TBF units (prints a TAB's summary line when `tab_summary`). Returns the error.
ErrorLine LoadUnits(const std::string& path, std::vector<Unit>& units, bool tab_summary) {
  auto bytes = ReadRegularFile(path);
  if (!bytes.ok()) {
    return absl::StrCat(path, ": ", bytes.status().message());
  }
  if (IsTar(*bytes)) {
    auto tab = ReadTab(*bytes);
    if (!tab.ok()) {
      return absl::StrCat(path, ": ", tab.status().message());
    }
    if (tab_summary) {
      std::cout << path << ": TAB name \"" << tab->metadata.name << "\", tab-version "
                << tab->metadata.tab_version;
      if (tab->metadata.minimum_tock_kernel_version) {
        std::cout << ", minimum kernel " << *tab->metadata.minimum_tock_kernel_version;
      }
      if (tab->metadata.only_for_boards) {
        std::cout << ", boards \"" << *tab->metadata.only_for_boards << "\"";
      }
      std::cout << ", " << tab->tbfs.size() << " TBF(s)\n";
    }
    for (auto& t : tab->tbfs) {
      units.push_back({path + ":" + t.member_name, std::move(t.bytes)});
    }
    return std::nullopt;
  }
  units.push_back({path, std::move(*bytes)});
  return std::nullopt;
}

// Parses every object in `unit`; calls `on_object` for each. Returns the error of the first
// invalid object.
template <typename F>
ErrorLine ForEachObject(const Unit& unit, bool check_integrity, F on_object) {
  std::span<const uint8_t> rest(unit.bytes);
  uint32_t base = 0;
  if (rest.empty()) {
    return absl::StrCat(unit.label, ": ", FormatError({ErrorKind::kTruncated, 0, "base.version"}));
  }
  while (!rest.empty()) {
    Result<TbfHeader> h = ParseTbf(rest);
    std::optional<IntegrityReport> report;
    Error err{};
    bool ok = h.ok();
    if (!ok) {
      err = h.error();
    }
    if (ok && check_integrity) {
      Result<IntegrityReport> r = CheckIntegrity(rest, h.value());
      if (r.ok()) {
        report = r.value();
      } else {
        ok = false;
        err = r.error();
      }
    }
    if (!ok) {
      return absl::StrCat(unit.label, ": ",
                          base ? absl::StrCat("object at file offset ", base, ": ") : "",
                          FormatError(err));
    }
    on_object(base, h.value(), report ? &*report : nullptr);
    base += h->total_size;
    rest = rest.subspan(h->total_size);
  }
  return std::nullopt;
}

// Prints `error` (if any) as one line on stderr; returns whether there was none.
bool Report(const ErrorLine& error) {
  if (error) {
    std::cerr << "tbf: " << *error << "\n";
  }
  return !error;
}

// What a subcommand got: its positional arguments and the flags given (by flag name).
struct Invocation {
  std::string command;  // "create", "tab unpack", ...
  std::vector<std::string> positional;
  std::set<std::string> given;
  bool Given(const char* flag) const { return given.count(flag) != 0; }
};

int CmdInspect(const Invocation& in) {
  const bool json = absl::GetFlag(FLAGS_json);
  if (in.positional.empty()) {
    return Usage("inspect: no FILE given");
  }
  int rc = 0;
  std::vector<std::string> json_items;
  for (const auto& path : in.positional) {
    std::vector<Unit> units;
    if (!Report(LoadUnits(path, units, !json))) {
      rc = 1;
      continue;
    }
    for (const Unit& u : units) {
      bool ok = Report(
          ForEachObject(u, true, [&](uint32_t base, const TbfHeader& h, const IntegrityReport* ir) {
            if (json) {
              json_items.push_back(absl::StrCat(R"({"file":)", JsonQuote(u.label), R"(,"offset":)",
                                                base, R"(,"tbf":)", DescribeJson(h, ir), "}"));
            } else {
              std::cout << u.label << (base ? absl::StrCat(" @", base) : "") << ":\n"
                        << DescribeText(h, ir);
            }
          }));
      if (!ok) {
        rc = 1;
      }
    }
  }
  if (json) {
    std::cout << "[" << absl::StrJoin(json_items, ",\n") << "]\n";
  }
  return rc;
}

int CmdVerify(const Invocation& in) {
  const bool json = absl::GetFlag(FLAGS_json);
  if (in.positional.empty()) {
    return Usage("verify: no FILE given");
  }
  std::vector<EcdsaP256Key> keys;
  for (const std::string& key_path : absl::GetFlag(FLAGS_key)) {
    absl::StatusOr<EcdsaP256Key> key = EcdsaP256Key::LoadPem(key_path);
    if (!key.ok()) {
      return Fail(key_path, key.status().message());
    }
    keys.push_back(*std::move(key));
  }
  int rc = 0;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  // One result per TBF (each TBF of a .tab) or per unreadable file: printed, or kept for JSON.
  auto failed = [&](const std::string& file, const std::string& error) {
    std::cerr << "tbf: " << error << "\n";
    results.push_back({{"file", file}, {"ok", false}, {"error", error}});
    rc = 1;
  };
  for (const auto& path : in.positional) {
    std::vector<Unit> units;
    if (ErrorLine error = LoadUnits(path, units, /*tab_summary=*/false)) {
      failed(path, *error);
      continue;
    }
    for (const Unit& u : units) {
      int objects = 0, hashes = 0, signatures = 0;
      ErrorLine signature_error;
      ErrorLine error =
          ForEachObject(u, true, [&](uint32_t base, const TbfHeader& h, const IntegrityReport* ir) {
            ++objects;
            hashes += ir ? ir->hashes_verified : 0;
            if (keys.empty() || h.is_padding || signature_error) {
              return;
            }
            const SignatureCheck sc =
                CheckSignatures(std::span<const uint8_t>(u.bytes).subspan(base), h, keys);
            const std::string where =
                base ? absl::StrCat("object at file offset ", base, ": ") : "";
            if (sc.signatures == 0) {
              signature_error =
                  absl::StrCat(u.label, ": ", where, "no ECDSA P-256 signature credential");
            } else if (sc.verified != sc.signatures) {
              signature_error = absl::StrCat(
                  u.label, ": ", where, "ECDSA P-256 signature at byte ", sc.failed_offset,
                  " does not verify with ", keys.size() == 1 ? "the key" : "any of the keys",
                  " (another key signed it, or the image changed after signing)");
            }
            signatures += sc.verified;
          });
      if (!error && signature_error) {
        error = signature_error;
      }
      if (error) {
        failed(u.label, *error);
      } else if (json) {
        results.push_back({{"file", u.label},
                           {"ok", true},
                           {"objects", objects},
                           {"hash_credentials_verified", hashes}});
        if (!keys.empty()) {
          results.back()["signatures_verified"] = signatures;
        }
      } else {
        std::cout << u.label << ": OK (" << objects << " object(s), " << hashes
                  << " hash credential(s) verified"
                  << (keys.empty() ? "" : absl::StrCat(", ", signatures, " signature(s) verified"))
                  << ")\n";
      }
    }
  }
  if (json) {
    // Labels are file names, which need not be UTF-8: invalid bytes become U+FFFD.
    std::cout << results.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << "\n";
  }
  return rc;
}

int CmdCreate(const Invocation& in) {
  const std::string output = absl::GetFlag(FLAGS_output);
  if (in.positional.size() > 1) {
    return Usage("create: more than one input ELF");
  }
  if (in.positional.empty() || output.empty() || !in.Given("name")) {
    return Usage("create: needs APP.elf, -o OUT.tbf and --name NAME");
  }
  const std::string& input = in.positional[0];
  CreateOptions o;
  o.package_name = absl::GetFlag(FLAGS_name);
  o.stack = absl::GetFlag(FLAGS_stack);
  o.app_heap = absl::GetFlag(FLAGS_app_heap);
  o.kernel_heap = absl::GetFlag(FLAGS_kernel_heap);
  o.protected_region_size = absl::GetFlag(FLAGS_protected_region_size);
  o.minimum_footer_size = absl::GetFlag(FLAGS_minimum_footer_size);
  o.app_version = absl::GetFlag(FLAGS_app_version);
  o.fixed_addresses = absl::GetFlag(FLAGS_fixed_addresses);
  o.permissions = absl::GetFlag(FLAGS_permissions).items;
  o.kernel_version = absl::GetFlag(FLAGS_kernel_version);
  if (absl::GetFlag(FLAGS_write_id) || !absl::GetFlag(FLAGS_read_ids).ids.empty() ||
      !absl::GetFlag(FLAGS_access_ids).ids.empty()) {
    o.storage = CreateOptions::Storage{absl::GetFlag(FLAGS_write_id).value_or(0),
                                       absl::GetFlag(FLAGS_read_ids).ids,
                                       absl::GetFlag(FLAGS_access_ids).ids};
  }
  o.sha256 = absl::GetFlag(FLAGS_sha256);
  o.sha384 = absl::GetFlag(FLAGS_sha384);
  o.sha512 = absl::GetFlag(FLAGS_sha512);
  o.disabled = absl::GetFlag(FLAGS_disable);
  std::optional<EcdsaP256Key> sign_key;
  if (in.Given("sign_key")) {
    const std::string key_path = absl::GetFlag(FLAGS_sign_key);
    absl::StatusOr<EcdsaP256Key> key = EcdsaP256Key::LoadPem(key_path);
    if (!key.ok()) {
      return Fail(key_path, key.status().message());
    }
    if (!key->has_private()) {
      return Fail(key_path, "a public key cannot sign (give the private key)");
    }
    sign_key = *std::move(key);
    o.ecdsa_p256_slot = true;
  }
  auto elf = ElfFile::Load(input);
  if (!elf.ok()) {
    return Fail(input, elf.status().message());
  }
  CreateReport rep;
  auto tbf = ElfToTbf(*elf, o, &rep);
  if (!tbf.ok()) {
    return Fail(input, tbf.status().message());
  }
  if (sign_key) {
    if (absl::Status signed_ok = SignTbf(*tbf, *sign_key); !signed_ok.ok()) {
      return Fail(input, signed_ok.message());
    }
  }
  // Self-check: what we write must parse and verify.
  auto parsed = ParseTbf(*tbf);
  if (!parsed.ok() || !CheckIntegrity(*tbf, parsed.value()).ok() ||
      (sign_key && CheckSignatures(*tbf, parsed.value(), std::span(&*sign_key, 1)).verified != 1)) {
    std::cerr << "tbf: internal error: created TBF does not verify\n";
    return 1;
  }
  if (absl::Status w = WriteWholeFile(output, *tbf); !w.ok()) {
    return Fail(output, w.message());
  }
  if (absl::GetFlag(FLAGS_verbose)) {
    std::cout << output << ": header " << rep.header_size << ", protected region "
              << rep.protected_region_size << ", init_fn_offset " << rep.init_fn_offset
              << ", minimum RAM " << rep.minimum_ram_size << ", binary_end "
              << rep.binary_end_offset << ", total " << rep.total_size << "\n";
    if (rep.fixed_flash) {
      std::cout << "fixed flash 0x" << std::hex << *rep.fixed_flash << ", RAM 0x" << *rep.fixed_ram
                << std::dec << " (RAM origin from " << rep.ram_origin_source << ")\n";
    }
  }
  return 0;
}

int CmdTabCreate(const Invocation& in) {
  const std::string output = absl::GetFlag(FLAGS_output);
  if (output.empty() || !in.Given("name") || in.positional.empty()) {
    return Usage("tab create: needs -o OUT.tab, --name NAME and at least one TBF");
  }
  Tab tab;
  tab.metadata.name = absl::GetFlag(FLAGS_name);
  if (auto v = absl::GetFlag(FLAGS_kernel_version)) {
    tab.metadata.minimum_tock_kernel_version = AbslUnparseFlag(*v);
  }
  tab.metadata.only_for_boards = absl::GetFlag(FLAGS_boards);
  tab.metadata.build_date = absl::GetFlag(FLAGS_build_date);
  for (const std::string& arg : in.positional) {
    std::string path = arg, arch;
    if (size_t comma = arg.rfind(','); comma != std::string::npos) {
      path = arg.substr(0, comma);
      arch = arg.substr(comma + 1);
    } else {
      arch = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
      if (absl::EndsWith(arch, ".tbf") && arch.size() > 4) {
        arch.resize(arch.size() - 4);
      }
    }
    auto bytes = ReadRegularFile(path);
    if (!bytes.ok()) {
      return Fail(path, bytes.status().message());
    }
    if (!Report(ForEachObject(Unit{path, *bytes}, true,
                              [](uint32_t, const TbfHeader&, const IntegrityReport*) {}))) {
      return 1;
    }
    std::string first = arch.substr(0, arch.find('.'));
    tab.tbfs.push_back(TabTbf{arch + ".tbf", first, std::move(*bytes)});
  }
  auto out = WriteTab(tab);
  if (!out.ok()) {
    std::cerr << "tbf: " << out.status().message() << "\n";
    return 1;
  }
  if (absl::Status w = WriteWholeFile(output, *out); !w.ok()) {
    return Fail(output, w.message());
  }
  return 0;
}

int CmdTabUnpack(const Invocation& in) {
  if (in.positional.size() > 1) {
    return Usage("tab unpack: more than one FILE.tab");
  }
  if (in.positional.empty()) {
    return Usage("tab unpack: no FILE.tab given");
  }
  const std::string& input = in.positional[0];
  const std::string dir = in.Given("output") ? absl::GetFlag(FLAGS_output) : ".";
  auto tab = ReadTabFile(input);
  if (!tab.ok()) {
    return Fail(input, tab.status().message());
  }
  // The output directory is created (with its parents) if missing.
  if (absl::Status d = MakeDirectories(dir); !d.ok()) {
    return Fail(dir, d.message());
  }
  const std::string md = FormatMetadataToml(tab->metadata);
  const std::string md_path = dir + "/metadata.toml";
  if (absl::Status w = WriteWholeFile(md_path, std::vector<uint8_t>(md.begin(), md.end()));
      !w.ok()) {
    return Fail(md_path, w.message());
  }
  for (const TabTbf& t : tab->tbfs) {
    // Member names are basenames already (ReadTab strips directories); refuse dot names.
    if (t.member_name.empty() || t.member_name[0] == '.') {
      continue;
    }
    const std::string out = dir + "/" + t.member_name;
    if (absl::Status w = WriteWholeFile(out, t.bytes); !w.ok()) {
      return Fail(out, w.message());
    }
    std::cout << out << "\n";
  }
  return 0;
}

// One option a subcommand accepts: an ABSL_FLAG name, its short form ('\0': none) and what its
// value looks like (nullptr: a boolean switch).
struct Option {
  const char* flag;
  char short_name;
  const char* metavar;
};

struct Command {
  const char* name;      // one or two words
  const char* synopsis;  // after "tbf NAME "
  const char* summary;   // indented under the synopsis
  std::vector<Option> options;
  int (*handler)(const Invocation&);
};

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"create",
       "APP.elf -o OUT.tbf --name NAME [OPTION...]",
       "Convert an ELF32 app (EM_386, x32, EM_ARM, EM_RISCV) like upstream elf2tab\n"
       "(options: tbf create --help).",
       {{"output", 'o', "FILE"},
        {"name", 'n', "NAME"},
        {"stack", 0, "N"},
        {"app_heap", 0, "N"},
        {"kernel_heap", 0, "N"},
        {"protected_region_size", 0, "N"},
        {"minimum_footer_size", 0, "N"},
        {"app_version", 0, "N"},
        {"fixed_addresses", 0, nullptr},
        {"permissions", 0, "DRV:CMD[,DRV:CMD...]"},
        {"kernel_version", 0, "X.Y"},
        {"write_id", 0, "N"},
        {"read_ids", 0, "N[,N...]"},
        {"access_ids", 0, "N[,N...]"},
        {"sha256", 0, nullptr},
        {"sha384", 0, nullptr},
        {"sha512", 0, nullptr},
        {"sign_key", 0, "PRIV.pem"},
        {"disable", 0, nullptr},
        {"verbose", 'v', nullptr}},
       CmdCreate},
      {"inspect",
       "FILE... [--json]",
       "Print every field of each TBF (or each TBF in a .tab).",
       {{"json", 0, nullptr}},
       CmdInspect},
      {"verify",
       "FILE... [--json] [--key PUB.pem[,...]]",
       "Check structure, checksum, sizes and hash credentials (with --key: ECDSA\n"
       "P-256 signatures too); exit 0 only if every object is sound.",
       {{"json", 0, nullptr}, {"key", 0, "PUB.pem[,...]"}},
       CmdVerify},
      {"tab create",
       "-o OUT.tab --name NAME [--kernel-version X.Y] [--boards B1,B2]\n"
       "               [--build-date DATE] TBF[,ARCH]...",
       "Bundle TBFs as ARCH.tbf (ARCH defaults to the file name without .tbf).",
       {{"output", 'o', "OUT.tab"},
        {"name", 'n', "NAME"},
        {"kernel_version", 0, "X.Y"},
        {"boards", 0, "B1,B2"},
        {"build_date", 0, "DATE"}},
       CmdTabCreate},
      {"tab unpack",
       "FILE.tab [-o DIR]",
       "Extract metadata.toml and the TBFs into DIR (created).",
       {{"output", 'o', "DIR"}},
       CmdTabUnpack},
  };
  return kCommands;
}

std::string Dashed(absl::string_view flag) { return absl::StrReplaceAll(flag, {{"_", "-"}}); }

std::string Indented(absl::string_view text, absl::string_view indent) {
  return absl::StrCat(indent, absl::StrReplaceAll(text, {{"\n", absl::StrCat("\n", indent)}}));
}

std::string ShortHelp() {
  std::string s = "tbf - Tock Binary Format tool (TBF v2, TAB bundles)\n\n";
  for (const Command& c : Commands()) {
    absl::StrAppend(&s, "  tbf ", c.name, " ", c.synopsis, "\n", Indented(c.summary, "      "),
                    "\n");
  }
  absl::StrAppend(&s,
                  "  tbf --version | --help | --helpfull | CMD --help\n\n"
                  "Numbers may be decimal or 0x-hex. Errors are one line, \"tbf: ...\". Exit "
                  "status: 0 ok,\n1 invalid or unreadable input (or a failed write), 2 usage "
                  "error.\n");
  return s;
}

std::string OptionHelp(const Option& o) {
  const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(o.flag);
  std::string def = flag != nullptr ? flag->DefaultValue() : "";
  return absl::StrCat("  --", Dashed(o.flag), o.metavar ? absl::StrCat(" ", o.metavar) : "",
                      o.short_name ? absl::StrCat(" (-", std::string(1, o.short_name), ")") : "",
                      def.empty() || !o.metavar ? "" : absl::StrCat("  [default ", def, "]"), "\n",
                      Indented(flag != nullptr ? flag->Help() : "", "      "), "\n");
}

std::string CommandHelp(const Command& c) {
  std::string s = absl::StrCat("tbf ", c.name, " ", c.synopsis, "\n", c.summary, "\n\n");
  for (const Option& o : c.options) {
    absl::StrAppend(&s, OptionHelp(o));
  }
  return s;
}

// Sets the flags in `args` (the words after the command name) that `c` accepts.
// Returns the exit status on a usage error or an answered --help, else nullopt.
std::optional<int> ParseOptions(const Command& c, const std::vector<std::string>& args,
                                Invocation* in) {
  bool flags_ended = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg.size() < 2 || arg[0] != '-') {
      in->positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      std::cout << CommandHelp(c);
      return 0;
    }
    const size_t eq = arg.find('=');
    const std::string typed = arg.substr(0, eq);  // "--kernel-version", "-o"
    const Option* opt = nullptr;
    for (const Option& o : c.options) {
      const bool long_match = typed.size() > 2 && typed[1] == '-' &&
                              absl::StrReplaceAll(typed.substr(2), {{"-", "_"}}) == o.flag;
      const bool short_match = typed.size() == 2 && o.short_name != 0 && typed[1] == o.short_name;
      if (long_match || short_match) {
        opt = &o;
      }
    }
    if (opt == nullptr) {
      return Usage(absl::StrCat(c.name, ": unknown option ", typed));
    }
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(opt->flag);
    std::string value;
    if (opt->metavar == nullptr) {  // a switch; --json=false also works
      value = eq == std::string::npos ? "true" : arg.substr(eq + 1);
    } else if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Usage(absl::StrCat(c.name, ": ", typed, " needs a",
                                opt->metavar[0] == 'N' ? "n " : " ", opt->metavar));
    }
    std::string error;
    if (flag == nullptr || !flag->ParseFrom(value, &error)) {
      return Usage(absl::StrCat(c.name, ": bad value '", value, "' for ", typed, " (want ",
                                opt->metavar ? opt->metavar : "true or false", ")"));
    }
    in->given.insert(opt->flag);
  }
  return std::nullopt;
}

int Main(int argc, char** argv) {
  // Under `bazel run`, resolve relative paths against the directory the user ran it from.
  if (const char* wd = std::getenv("BUILD_WORKING_DIRECTORY"); wd != nullptr && *wd != 0) {
    if (chdir(wd) != 0) {
      std::cerr << "tbf: warning: cannot chdir to " << wd << "\n";
    }
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << ShortHelp();
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << ShortHelp();
    return 0;
  }
  if (args[0] == "--helpfull") {
    std::cout << ShortHelp();
    for (const Command& c : Commands()) {
      std::cout << "\n" << CommandHelp(c);
    }
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << tock::VersionLine("tbf") << "\n";
    return 0;
  }
  for (const Command& c : Commands()) {
    std::vector<std::string> words = absl::StrSplit(c.name, ' ');
    if (args.size() < words.size() || !std::equal(words.begin(), words.end(), args.begin())) {
      continue;
    }
    Invocation in{c.name, {}, {}};
    if (std::optional<int> rc =
            ParseOptions(c,
                         std::vector<std::string>(
                             args.begin() + static_cast<std::ptrdiff_t>(words.size()), args.end()),
                         &in)) {
      return *rc;
    }
    return c.handler(in);
  }
  if (args[0] == "tab") {
    return Usage("tab: want create or unpack");
  }
  if (args[0][0] == '-') {
    return Usage("unknown option " + args[0]);
  }
  return Usage("unknown command " + args[0]);
}

}  // namespace
}  // namespace tock::tbf

int main(int argc, char** argv) {
  // Nothing here is expected to throw; if something does (e.g. out of memory), it is one line
  // and exit 1, not an abort.
  try {
    return tock::tbf::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "tbf: internal error: " << e.what() << "\n";
    return 1;
  }
}
