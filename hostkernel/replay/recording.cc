// The recording file format (RECORD.md): writing and parsing.
#include "hostkernel/replay/recording.h"

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace tock::hostkernel {
namespace {

constexpr absl::string_view kMagic = "tockd-record";

std::optional<InputKind> KindFromName(absl::string_view name) {
  for (InputKind kind : {InputKind::kConsole, InputKind::kControl, InputKind::kSignal}) {
    if (InputKindName(kind) == name) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string FormatPosition(const InputPosition& at) {
  return absl::StrCat(at.time_ns, " ", at.syscalls, " ", at.switches, " ",
                      at.in_app ? "app" : "kernel");
}

template <typename T>
std::optional<T> ParseNumber(absl::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// Four words: TIME SYSCALLS SWITCHES PHASE.
std::optional<InputPosition> ParsePosition(const std::vector<absl::string_view>& words,
                                           size_t first) {
  InputPosition at;
  auto time = ParseNumber<uint64_t>(words[first]);
  auto syscalls = ParseNumber<uint64_t>(words[first + 1]);
  auto switches = ParseNumber<uint64_t>(words[first + 2]);
  if (!time || !syscalls || !switches) {
    return std::nullopt;
  }
  at.time_ns = *time;
  at.syscalls = *syscalls;
  at.switches = *switches;
  if (words[first + 3] == "app") {
    at.in_app = true;
  } else if (words[first + 3] != "kernel") {
    return std::nullopt;
  }
  return at;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::string Hex(absl::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

std::optional<std::string> Unhex(absl::string_view hex) {
  if (hex.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexValue(hex[i]);
    const int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

absl::Status LineError(size_t line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", what));
}

}  // namespace

absl::string_view InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kConsole:
      return "console";
    case InputKind::kControl:
      return "control";
    case InputKind::kSignal:
      return "signal";
  }
  return "?";
}

std::string EscapeToken(absl::string_view bytes) {
  if (bytes.empty()) {
    return "-";
  }
  if (bytes == "-") {
    return "\\x2d";
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    if (b > 0x20 && b < 0x7f && c != '\\') {
      out.push_back(c);
    } else {
      out += "\\x";
      out.push_back(kDigits[b >> 4]);
      out.push_back(kDigits[b & 0xf]);
    }
  }
  return out;
}

std::optional<std::string> UnescapeToken(absl::string_view token) {
  if (token == "-") {
    return std::string();
  }
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    const auto b = static_cast<uint8_t>(token[i]);
    if (b <= 0x20 || b >= 0x7f) {
      return std::nullopt;
    }
    if (token[i] != '\\') {
      out.push_back(token[i]);
      continue;
    }
    if (token.size() - i < 4 || token[i + 1] != 'x') {
      return std::nullopt;
    }
    const int hi = HexValue(token[i + 2]);
    const int lo = HexValue(token[i + 3]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>((hi << 4) | lo));
    i += 3;
  }
  return out;
}

std::string FormatHeader(const RecordingHeader& header) {
  std::string out = absl::StrCat(kMagic, " ", kRecordingVersion, "\n");
  for (const auto& [name, value] : header.flags) {
    absl::StrAppend(&out, "flag ", EscapeToken(name), " ", EscapeToken(value), "\n");
  }
  for (const RecordedApp& app : header.apps) {
    absl::StrAppend(&out, "app ", EscapeToken(app.path), " ", app.sha256, "\n");
  }
  absl::StrAppend(&out, "flash ", header.flash_page_size, " ", header.flash_page_count, "\n");
  for (const auto& [page, bytes] : header.flash_pages) {
    absl::StrAppend(&out, "page ", page, " ", Hex(bytes), "\n");
  }
  return out;
}

std::string FormatInput(const RecordedInput& input) {
  return absl::StrCat("input ", FormatPosition(input.at), " ", InputKindName(input.kind), " ",
                      EscapeToken(input.data), "\n");
}

std::string FormatEnd(const RecordedEnd& end) {
  return absl::StrCat("end ", FormatPosition(end.at), " ", EscapeToken(end.reason), "\n");
}

absl::StatusOr<Recording> ParseRecording(absl::string_view text) {
  Recording recording;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  // The text after the last '\n': empty for a whole file, a torn line after a crash.
  lines.pop_back();
  if (lines.empty()) {
    return absl::InvalidArgumentError("not a tockd recording (empty)");
  }
  {
    const std::vector<absl::string_view> first = absl::StrSplit(lines[0], ' ');
    if (first.size() != 2 || first[0] != kMagic) {
      return absl::InvalidArgumentError("not a tockd recording (no 'tockd-record' line)");
    }
    if (first[1] != absl::StrCat(kRecordingVersion)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "recording version ", first[1], "; this tockd reads version ", kRecordingVersion));
    }
  }
  bool have_flash = false;
  std::map<uint32_t, bool> pages_seen;
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t n = i + 1;
    const std::vector<absl::string_view> words = absl::StrSplit(lines[i], ' ');
    const absl::string_view what = words[0];
    if (recording.end.has_value()) {
      return LineError(n, "nothing may follow the 'end' line");
    }
    if (what == "flag" || what == "app") {
      if (!recording.inputs.empty() || have_flash) {
        return LineError(n, absl::StrCat("'", what, "' after the flash or an input"));
      }
      if (words.size() != 3) {
        return LineError(n, absl::StrCat("'", what, "' takes 2 fields"));
      }
      std::optional<std::string> first = UnescapeToken(words[1]);
      if (!first) {
        return LineError(n, "bad escape");
      }
      if (what == "flag") {
        std::optional<std::string> value = UnescapeToken(words[2]);
        if (!value) {
          return LineError(n, "bad escape");
        }
        recording.header.flags.emplace_back(*first, *value);
      } else {
        if (words[2].size() != 64 || !Unhex(words[2])) {
          return LineError(n, "app digest is not 64 hex digits");
        }
        recording.header.apps.push_back({*first, std::string{words[2]}});
      }
    } else if (what == "flash") {
      auto size = words.size() == 3 ? ParseNumber<uint32_t>(words[1]) : std::nullopt;
      auto count = words.size() == 3 ? ParseNumber<uint32_t>(words[2]) : std::nullopt;
      if (have_flash || !recording.inputs.empty()) {
        return LineError(n, "a second or late 'flash' line");
      }
      if (!size || !count || *size == 0 || *size > (1u << 20) || *count > 4096) {
        return LineError(n, "'flash' takes a page size (1..1 MiB) and a page count (0..4096)");
      }
      have_flash = true;
      recording.header.flash_page_size = *size;
      recording.header.flash_page_count = *count;
    } else if (what == "page") {
      if (!have_flash || !recording.inputs.empty()) {
        return LineError(n, "'page' outside the flash section");
      }
      auto page = words.size() == 3 ? ParseNumber<uint32_t>(words[1]) : std::nullopt;
      if (!page || *page >= recording.header.flash_page_count || pages_seen[*page]) {
        return LineError(n, "'page' number missing, out of range or repeated");
      }
      std::optional<std::string> bytes = Unhex(words[2]);
      if (!bytes || bytes->size() != recording.header.flash_page_size) {
        return LineError(n, "'page' bytes are not one page in hex");
      }
      pages_seen[*page] = true;
      recording.header.flash_pages.emplace_back(*page, *std::move(bytes));
    } else if (what == "input") {
      if (!have_flash) {
        return LineError(n, "'input' before the 'flash' line");
      }
      if (words.size() != 7) {
        return LineError(n, "'input' takes 6 fields");
      }
      std::optional<InputPosition> at = ParsePosition(words, 1);
      std::optional<InputKind> kind = KindFromName(words[5]);
      std::optional<std::string> data = UnescapeToken(words[6]);
      if (!at || !kind || !data) {
        return LineError(n, "bad 'input' position, kind or data");
      }
      if (*kind == InputKind::kSignal && !ParseNumber<int>(*data)) {
        return LineError(n, "a signal input's data is its number");
      }
      if (!recording.inputs.empty()) {
        const InputPosition& last = recording.inputs.back().at;
        if (std::pair(at->syscalls, at->switches) < std::pair(last.syscalls, last.switches)) {
          return LineError(n, "inputs out of order");
        }
      }
      recording.inputs.push_back({*at, *kind, *std::move(data)});
    } else if (what == "end") {
      std::optional<InputPosition> at = words.size() == 6 ? ParsePosition(words, 1) : std::nullopt;
      std::optional<std::string> reason =
          words.size() == 6 ? UnescapeToken(words[5]) : std::nullopt;
      if (!at || !reason) {
        return LineError(n, "bad 'end' line");
      }
      recording.end = RecordedEnd{*at, *std::move(reason)};
    } else {
      return LineError(n, absl::StrCat("unknown line '", EscapeToken(what.substr(0, 20)), "'"));
    }
  }
  if (!have_flash) {
    return absl::InvalidArgumentError("recording has no 'flash' line (cut short in its header)");
  }
  return recording;
}

std::string FlashImage(const RecordingHeader& header) {
  std::string image(size_t{header.flash_page_size} * header.flash_page_count, '\xff');
  for (const auto& [page, bytes] : header.flash_pages) {
    image.replace(size_t{page} * header.flash_page_size, header.flash_page_size, bytes);
  }
  return image;
}

void SetFlashImage(RecordingHeader& header, uint32_t page_size, uint32_t page_count,
                   absl::string_view image) {
  header.flash_page_size = page_size;
  header.flash_page_count = page_count;
  header.flash_pages.clear();
  for (uint32_t page = 0; page < page_count; ++page) {
    const absl::string_view bytes = image.substr(size_t{page} * page_size, page_size);
    if (bytes.find_first_not_of('\xff') != absl::string_view::npos) {
      header.flash_pages.emplace_back(page, std::string{bytes});
    }
  }
}

}  // namespace tock::hostkernel
