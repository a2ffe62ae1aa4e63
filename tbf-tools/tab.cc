// .tab bundle handling (see tab.h). Host only.
#include "tbf-tools/tab.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tbf-tools/file_io.h"
#include "tbf-tools/tar.h"

namespace tbf {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

std::string Unquote(absl::string_view v) {
  v = absl::StripAsciiWhitespace(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\\' && i + 2 < v.size()) {
        ++i;
      }
      out += v[i];
    }
    return out;
  }
  return std::string(v);
}

}  // namespace

std::string FormatMetadataToml(const TabMetadata& m) {
  std::string s = absl::StrCat("tab-version = ", m.tab_version, "\n");
  absl::StrAppend(&s, "name = ", Quote(m.name), "\n");
  if (m.minimum_tock_kernel_version) {
    absl::StrAppend(&s, "minimum-tock-kernel-version = ", Quote(*m.minimum_tock_kernel_version),
                    "\n");
  }
  if (m.only_for_boards) {
    absl::StrAppend(&s, "only-for-boards = ", Quote(*m.only_for_boards), "\n");
  }
  if (m.build_date) {
    absl::StrAppend(&s, "build-date = ", *m.build_date, "\n");
  }
  return s;
}

absl::StatusOr<TabMetadata> ParseMetadataToml(std::string_view text) {
  TabMetadata m;
  bool have_version = false;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat("metadata.toml line ", line_no, ": no '='"));
    }
    const std::string key(absl::StripAsciiWhitespace(line.substr(0, eq)));
    const std::string value = Unquote(line.substr(eq + 1));
    if (key == "tab-version") {
      if (!absl::SimpleAtoi(value, &m.tab_version)) {
        return absl::InvalidArgumentError("metadata.toml: tab-version is not a number");
      }
      have_version = true;
    } else if (key == "name") {
      m.name = value;
    } else if (key == "minimum-tock-kernel-version") {
      m.minimum_tock_kernel_version = value;
    } else if (key == "only-for-boards") {
      m.only_for_boards = value;
    } else if (key == "build-date") {
      m.build_date = value;
    }  // other keys: ignored, as tockloader does
  }
  if (!have_version) {
    return absl::InvalidArgumentError("metadata.toml: missing tab-version");
  }
  return m;
}

absl::StatusOr<Tab> ReadTab(std::span<const uint8_t> bytes) {
  auto members = ReadTar(bytes);
  if (!members.ok()) {
    return members.status();
  }
  Tab tab;
  bool have_metadata = false;
  for (TarMember& m : *members) {
    std::string base =
        m.name.substr(m.name.rfind('/') == std::string::npos ? 0 : m.name.rfind('/') + 1);
    if (base == "metadata.toml") {
      auto md = ParseMetadataToml(
          std::string_view(reinterpret_cast<const char*>(m.data.data()), m.data.size()));
      if (!md.ok()) {
        return md.status();
      }
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
  if (!bytes.ok()) {
    return bytes.status();
  }
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

}  // namespace tbf
