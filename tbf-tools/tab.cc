// .tab bundle handling (see tab.h): the tar through tar.h (libarchive), metadata.toml through
// toml++ (exceptions caught here: bad input is one error line). Host only.
#include "tbf-tools/tab.h"

#include <toml++/toml.h>

#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "hostkernel/status/status_macros.h"
#include "tbf-tools/file_io.h"
#include "tbf-tools/tar.h"

namespace tock::tbf {
namespace {

// A TOML basic string ("...", as elf2tab writes them; toml++ would prefer '...'): quotes,
// backslashes and control characters escaped.
std::string TomlString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      absl::StrAppend(&out, "\\", std::string(1, c));
    } else if (u < 0x20 || u == 0x7f) {
      absl::StrAppend(&out, absl::StrFormat("\\u%04X", u));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// elf2tab writes build-date as a bare TOML date-time; text that is not one is quoted.
std::string TomlDate(const std::string& s) {
  try {
    toml::table t = toml::parse("d = " + s);
    if (t.size() == 1 && t["d"].is_date_time()) {
      std::ostringstream out;
      out << *t["d"].as_date_time();
      return out.str();
    }
  } catch (const toml::parse_error&) {
  }
  return TomlString(s);
}

// The string value of `key`, or an error if it is present with another type.
absl::Status GetString(const toml::table& t, const char* key, std::optional<std::string>* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) {
    return absl::OkStatus();
  }
  if (!n->is_string()) {
    return absl::InvalidArgumentError(absl::StrCat("metadata.toml: ", key, " is not a string"));
  }
  *out = n->as_string()->get();
  return absl::OkStatus();
}

}  // namespace

std::string FormatMetadataToml(const TabMetadata& m) {
  std::string s = absl::StrCat("tab-version = ", m.tab_version, "\n");
  absl::StrAppend(&s, "name = ", TomlString(m.name), "\n");
  if (m.minimum_tock_kernel_version) {
    absl::StrAppend(
        &s, "minimum-tock-kernel-version = ", TomlString(*m.minimum_tock_kernel_version), "\n");
  }
  if (m.only_for_boards) {
    absl::StrAppend(&s, "only-for-boards = ", TomlString(*m.only_for_boards), "\n");
  }
  if (m.build_date) {
    absl::StrAppend(&s, "build-date = ", TomlDate(*m.build_date), "\n");
  }
  return s;
}

absl::StatusOr<TabMetadata> ParseMetadataToml(std::string_view text) {
  toml::table t;
  try {
    t = toml::parse(text, std::string_view("metadata.toml"));
  } catch (const toml::parse_error& e) {
    return absl::InvalidArgumentError(absl::StrCat("metadata.toml line ", e.source().begin.line,
                                                   ": ", std::string(e.description())));
  }
  TabMetadata m;
  const toml::node* version = t.get("tab-version");
  if (version == nullptr) {
    return absl::InvalidArgumentError("metadata.toml: missing tab-version");
  }
  if (!version->is_integer() || version->as_integer()->get() < 0 ||
      version->as_integer()->get() > 1000000) {
    return absl::InvalidArgumentError("metadata.toml: tab-version is not a small whole number");
  }
  m.tab_version = static_cast<int>(version->as_integer()->get());
  std::optional<std::string> name;
  for (const absl::Status& st :
       {GetString(t, "name", &name),
        GetString(t, "minimum-tock-kernel-version", &m.minimum_tock_kernel_version),
        GetString(t, "only-for-boards", &m.only_for_boards)}) {
    TOCKPP_RETURN_IF_ERROR(st);
  }
  m.name = name.value_or("");
  // build-date: a TOML date-time (elf2tab) or, leniently, a string. Other keys are ignored,
  // as tockloader does.
  if (const toml::node* d = t.get("build-date"); d != nullptr) {
    if (d->is_date_time()) {
      std::ostringstream out;
      out << *d->as_date_time();
      m.build_date = out.str();
    } else if (d->is_string()) {
      m.build_date = d->as_string()->get();
    } else {
      return absl::InvalidArgumentError("metadata.toml: build-date is not a date-time");
    }
  }
  return m;
}

absl::StatusOr<Tab> ReadTab(std::span<const uint8_t> bytes) {
  auto members = ReadTar(bytes);
  TOCKPP_RETURN_IF_ERROR(members.status());
  Tab tab;
  bool have_metadata = false;
  for (TarMember& m : *members) {
    std::string base =
        m.name.substr(m.name.rfind('/') == std::string::npos ? 0 : m.name.rfind('/') + 1);
    if (base == "metadata.toml") {
      auto md = ParseMetadataToml(
          std::string_view(reinterpret_cast<const char*>(m.data.data()), m.data.size()));
      TOCKPP_RETURN_IF_ERROR(md.status());
      tab.metadata = *md;
      have_metadata = true;
      continue;
    }
    std::vector<std::string> pieces = absl::StrSplit(base, '.');
    if (pieces.size() >= 2 && pieces.back() == "tbf") {
      tab.tbfs.push_back(TabTbf{base, pieces.front(), std::move(m.data)});
    }
  }
  if (!have_metadata) {
    return absl::InvalidArgumentError("tab has no metadata.toml");
  }
  return tab;
}

absl::StatusOr<Tab> ReadTabFile(const std::string& path) {
  absl::StatusOr<std::vector<uint8_t>> bytes = ReadRegularFile(path);
  TOCKPP_RETURN_IF_ERROR(bytes.status());
  return ReadTab(*bytes);
}

absl::StatusOr<std::vector<uint8_t>> WriteTab(const Tab& tab) {
  std::vector<TarMember> members;
  const std::string md = FormatMetadataToml(tab.metadata);
  members.push_back(TarMember{"metadata.toml", std::vector<uint8_t>(md.begin(), md.end())});
  for (const TabTbf& t : tab.tbfs) {
    members.push_back(TarMember{t.member_name, t.bytes});
  }
  return WriteTar(members);
}

std::vector<const TabTbf*> TbfsForArch(const Tab& tab, std::string_view arch) {
  std::vector<const TabTbf*> out;
  for (const TabTbf& t : tab.tbfs) {
    if (t.arch == arch) {
      out.push_back(&t);
    }
  }
  return out;
}

}  // namespace tock::tbf
