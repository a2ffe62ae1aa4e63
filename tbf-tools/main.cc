// The `tbf` command-line tool: create TBFs from ELF apps (like elf2tab), inspect and verify TBF
// and TAB files, and build/unpack TAB bundles. Host only; all parsing goes through the
// freestanding //tbf-tools/lib:tbf library so the CLI rejects exactly what the kernel would.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "hostkernel/daemon/version.h"
#include "nlohmann/json.hpp"
#include "tbf-tools/describe.h"
#include "tbf-tools/elf_to_tbf.h"
#include "tbf-tools/file_io.h"
#include "tbf-tools/lib/tbf.h"
#include "tbf-tools/tab.h"

namespace tbf {
namespace {

constexpr char kUsage[] = R"(tbf - Tock Binary Format tool (TBF v2, TAB bundles)

  tbf create APP.elf -o APP.tbf --name NAME [--stack N] [--app-heap N] [--kernel-heap N]
             [--fixed-addresses] [--permissions DRV:CMD[,DRV:CMD...]] [--kernel-version X.Y]
             [--sha256] [--sha384] [--sha512] [--disable] [--protected-region-size N]
             [--app-version N] [--minimum-footer-size N] [-v]
      Convert an ELF32 app (EM_386, x32, EM_ARM, EM_RISCV) like upstream elf2tab. Heaps default
      to 1024, stack to the .stack section size or 2048. --fixed-addresses writes a
      FixedAddresses TLV (flash = lowest load address, RAM = _sram_origin / .stack /
      lowest RAM segment - stack) and puts the header on a 256-byte boundary.
  tbf inspect FILE... [--json]   Print every field of each TBF (or each TBF in a .tab).
  tbf verify FILE... [--json]    Check structure, checksum, sizes and hash credentials;
                                 exit 0 only if every object is sound.
  tbf tab create -o OUT.tab --name NAME [--kernel-version X.Y] [--boards B1,B2]
                 [--build-date DATE] TBF[,ARCH]...
      Bundle TBFs as ARCH.tbf (ARCH defaults to the file name without .tbf).
  tbf tab unpack FILE.tab [-o DIR]   Extract metadata.toml and the TBFs into DIR (created).
  tbf --version

Numbers may be decimal or 0x-hex. Errors are one line, "tbf: ...". Exit status: 0 ok,
1 invalid or unreadable input (or a failed write), 2 usage error.
)";

int Usage(const std::string& msg) {
  std::cerr << "tbf: " << msg << " (see tbf --help)\n";
  return 2;
}

// "tbf: WHAT: MESSAGE" on stderr; returns 1 (a runtime failure).
int Fail(const std::string& what, absl::string_view message) {
  std::cerr << "tbf: " << what << ": " << message << "\n";
  return 1;
}

std::optional<uint32_t> ParseNumber(const std::string& s) {
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

std::optional<KernelVersion> ParseVersion(const std::string& s) {
  std::vector<std::string> parts = absl::StrSplit(s, '.');
  if (parts.size() != 2) {
    return std::nullopt;
  }
  auto major = ParseNumber(parts[0]), minor = ParseNumber(parts[1]);
  if (!major || !minor || *major > 0xFFFF || *minor > 0xFFFF) {
    return std::nullopt;
  }
  return KernelVersion{static_cast<uint16_t>(*major), static_cast<uint16_t>(*minor)};
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

int CmdInspect(const std::vector<std::string>& args) {
  bool json = false;
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == "--json") {
      json = true;
    } else if (!a.empty() && a[0] == '-') {
      return Usage("inspect: unknown option " + a);
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    return Usage("inspect: no FILE given");
  }
  int rc = 0;
  std::vector<std::string> json_items;
  for (const auto& path : files) {
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

int CmdVerify(const std::vector<std::string>& args) {
  bool json = false;
  std::vector<std::string> files;
  for (const auto& a : args) {
    if (a == "--json") {
      json = true;
    } else if (!a.empty() && a[0] == '-') {
      return Usage("verify: unknown option " + a);
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    return Usage("verify: no FILE given");
  }
  int rc = 0;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  // One result per TBF (each TBF of a .tab) or per unreadable file: printed, or kept for JSON.
  auto failed = [&](const std::string& file, const std::string& error) {
    std::cerr << "tbf: " << error << "\n";
    results.push_back({{"file", file}, {"ok", false}, {"error", error}});
    rc = 1;
  };
  for (const auto& path : files) {
    std::vector<Unit> units;
    if (ErrorLine error = LoadUnits(path, units, /*tab_summary=*/false)) {
      failed(path, *error);
      continue;
    }
    for (const Unit& u : units) {
      int objects = 0, hashes = 0;
      ErrorLine error =
          ForEachObject(u, true, [&](uint32_t, const TbfHeader&, const IntegrityReport* ir) {
            ++objects;
            hashes += ir ? ir->hashes_verified : 0;
          });
      if (error) {
        failed(u.label, *error);
      } else if (json) {
        results.push_back({{"file", u.label},
                           {"ok", true},
                           {"objects", objects},
                           {"hash_credentials_verified", hashes}});
      } else {
        std::cout << u.label << ": OK (" << objects << " object(s), " << hashes
                  << " hash credential(s) verified)\n";
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

int CmdCreate(const std::vector<std::string>& args) {
  CreateOptions o;
  std::string input, output;
  bool verbose = false, have_name = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) {
        return false;
      }
      *out = args[++i];
      return true;
    };
    auto number = [&](uint32_t* out) {
      std::string v;
      if (!value(&v)) {
        return false;
      }
      auto n = ParseNumber(v);
      if (!n) {
        return false;
      }
      *out = *n;
      return true;
    };
    std::string v;
    uint32_t n;
    if (a == "-o" || a == "--output") {
      if (!value(&output)) {
        return Usage("create: -o needs a file");
      }
    } else if (a == "--name" || a == "-n") {
      if (!value(&o.package_name)) {
        return Usage("create: --name needs a value");
      }
      have_name = true;
    } else if (a == "--stack") {
      if (!number(&n)) {
        return Usage("create: bad --stack");
      }
      o.stack = n;
    } else if (a == "--app-heap") {
      if (!number(&o.app_heap)) {
        return Usage("create: bad --app-heap");
      }
    } else if (a == "--kernel-heap") {
      if (!number(&o.kernel_heap)) {
        return Usage("create: bad --kernel-heap");
      }
    } else if (a == "--protected-region-size") {
      if (!number(&n)) {
        return Usage("create: bad --protected-region-size");
      }
      o.protected_region_size = n;
    } else if (a == "--minimum-footer-size") {
      if (!number(&o.minimum_footer_size)) {
        return Usage("create: bad --minimum-footer-size");
      }
    } else if (a == "--app-version") {
      if (!number(&o.app_version)) {
        return Usage("create: bad --app-version");
      }
    } else if (a == "--fixed-addresses") {
      o.fixed_addresses = true;
    } else if (a == "--sha256") {
      o.sha256 = true;
    } else if (a == "--sha384") {
      o.sha384 = true;
    } else if (a == "--sha512") {
      o.sha512 = true;
    } else if (a == "--disable") {
      o.disabled = true;
    } else if (a == "-v" || a == "--verbose") {
      verbose = true;
    } else if (a == "--kernel-version") {
      if (!value(&v) || !(o.kernel_version = ParseVersion(v))) {
        return Usage("create: --kernel-version wants X.Y");
      }
    } else if (a == "--permissions") {
      if (!value(&v)) {
        return Usage("create: --permissions needs DRV:CMD[,...]");
      }
      for (const std::string& item :
           std::vector<std::string>(absl::StrSplit(v, ',', absl::SkipEmpty()))) {
        std::vector<std::string> dc = absl::StrSplit(item, ':');
        auto d = dc.size() == 2 ? ParseNumber(dc[0]) : std::nullopt;
        auto c = dc.size() == 2 ? ParseNumber(dc[1]) : std::nullopt;
        if (!d || !c) {
          return Usage("create: bad permission " + item);
        }
        o.permissions.emplace_back(*d, *c);
      }
    } else if (!a.empty() && a[0] == '-') {
      return Usage("create: unknown option " + a);
    } else if (input.empty()) {
      input = a;
    } else {
      return Usage("create: more than one input ELF");
    }
  }
  if (input.empty() || output.empty() || !have_name) {
    return Usage("create: needs APP.elf, -o OUT.tbf and --name NAME");
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
  // Self-check: what we write must parse and verify.
  auto parsed = ParseTbf(*tbf);
  if (!parsed.ok() || !CheckIntegrity(*tbf, parsed.value()).ok()) {
    std::cerr << "tbf: internal error: created TBF does not verify\n";
    return 1;
  }
  if (absl::Status w = WriteWholeFile(output, *tbf); !w.ok()) {
    return Fail(output, w.message());
  }
  if (verbose) {
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

int CmdTabCreate(const std::vector<std::string>& args) {
  Tab tab;
  std::string output;
  bool have_name = false;
  std::vector<std::string> inputs;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool has_value = i + 1 < args.size();
    if (a == "-o" && has_value) {
      output = args[++i];
    } else if (a == "--name" && has_value) {
      tab.metadata.name = args[++i];
      have_name = true;
    } else if (a == "--kernel-version" && has_value) {
      if (!ParseVersion(args[i + 1])) {
        return Usage("tab create: --kernel-version wants X.Y");
      }
      tab.metadata.minimum_tock_kernel_version = args[++i];
    } else if (a == "--boards" && has_value) {
      tab.metadata.only_for_boards = args[++i];
    } else if (a == "--build-date" && has_value) {
      tab.metadata.build_date = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return Usage("tab create: unknown or incomplete option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (output.empty() || !have_name || inputs.empty()) {
    return Usage("tab create: needs -o OUT.tab, --name NAME and at least one TBF");
  }
  for (const std::string& in : inputs) {
    std::string path = in, arch;
    if (size_t comma = in.rfind(','); comma != std::string::npos) {
      path = in.substr(0, comma);
      arch = in.substr(comma + 1);
    } else {
      arch = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
      if (arch.size() > 4 && arch.compare(arch.size() - 4, 4, ".tbf") == 0) {
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

int CmdTabUnpack(const std::vector<std::string>& args) {
  std::string input, dir = ".";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o") {
      if (i + 1 == args.size()) {
        return Usage("tab unpack: -o needs a DIR");
      }
      dir = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-') {
      return Usage("tab unpack: unknown option " + args[i]);
    } else if (input.empty()) {
      input = args[i];
    } else {
      return Usage("tab unpack: more than one FILE.tab");
    }
  }
  if (input.empty()) {
    return Usage("tab unpack: no FILE.tab given");
  }
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

int Main(int argc, char** argv) {
  // Under `bazel run`, resolve relative paths against the directory the user ran it from.
  if (const char* wd = std::getenv("BUILD_WORKING_DIRECTORY"); wd != nullptr && *wd != 0) {
    if (chdir(wd) != 0) {
      std::cerr << "tbf: warning: cannot chdir to " << wd << "\n";
    }
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << tockpp::VersionLine("tbf") << "\n";
    return 0;
  }
  const std::string cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "create") {
    return CmdCreate(rest);
  }
  if (cmd == "inspect") {
    return CmdInspect(rest);
  }
  if (cmd == "verify") {
    return CmdVerify(rest);
  }
  if (cmd == "tab") {
    if (rest.empty()) {
      return Usage("tab: want create or unpack");
    }
    std::vector<std::string> sub(rest.begin() + 1, rest.end());
    if (rest[0] == "create") {
      return CmdTabCreate(sub);
    }
    if (rest[0] == "unpack") {
      return CmdTabUnpack(sub);
    }
    return Usage("tab: want create or unpack");
  }
  if (!cmd.empty() && cmd[0] == '-') {
    return Usage("unknown option " + cmd);
  }
  return Usage("unknown command " + cmd);
}

}  // namespace
}  // namespace tbf

int main(int argc, char** argv) {
  // Nothing here is expected to throw; if something does (e.g. out of memory), it is one line
  // and exit 1, not an abort.
  try {
    return tbf::Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "tbf: internal error: " << e.what() << "\n";
    return 1;
  }
}
