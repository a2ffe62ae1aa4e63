// Substring and regex matching for harness waits.
#include "tests/harness/pattern.h"

#include <utility>

namespace tock::harness {

Pattern::Pattern(const char* substring) : Pattern(std::string(substring), false) {}
Pattern::Pattern(std::string substring) : Pattern(std::move(substring), false) {}
Pattern::Pattern(std::string_view substring) : Pattern(std::string(substring), false) {}

Pattern::Pattern(std::string text, bool is_regex) : text_(std::move(text)) {
  if (is_regex) {
    regex_ =
        std::make_shared<const std::regex>(text_, std::regex::ECMAScript | std::regex::multiline);
  }
}

Pattern Pattern::Regex(std::string expression) { return Pattern(std::move(expression), true); }

std::optional<Pattern::Span> Pattern::Find(std::string_view text, size_t from) const {
  if (from > text.size()) {
    return std::nullopt;
  }
  if (!regex_) {
    size_t at = text.find(text_, from);
    if (at == std::string_view::npos) {
      return std::nullopt;
    }
    return Span{at, at + text_.size()};
  }
  std::match_results<std::string_view::const_iterator> m;
  auto flags =
      from == 0 ? std::regex_constants::match_default : std::regex_constants::match_prev_avail;
  if (!std::regex_search(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(), m, *regex_,
                         flags)) {
    return std::nullopt;
  }
  size_t begin = from + static_cast<size_t>(m.position(0));
  return Span{begin, begin + static_cast<size_t>(m.length(0))};
}

int Pattern::Count(std::string_view text) const {
  int n = 0;
  size_t from = 0;
  while (auto span = Find(text, from)) {
    ++n;
    // An empty match must still make progress.
    from = span->end > span->begin ? span->end : span->end + 1;
    if (from > text.size()) {
      break;
    }
  }
  return n;
}

std::string Pattern::Describe() const {
  return regex_ ? "regex /" + text_ + "/" : "\"" + text_ + "\"";
}

}  // namespace tock::harness
