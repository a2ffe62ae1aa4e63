// Pattern: what a harness wait looks for in captured output — a plain substring (the default,
// from any string) or an ECMAScript regex (Regex("...")), matched with ^/$ at line boundaries.
// Pure value type; touches nothing but the text it is given.
#ifndef TOCKPP_TESTS_HARNESS_PATTERN_H_
#define TOCKPP_TESTS_HARNESS_PATTERN_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace tock::harness {

class Pattern {
 public:
  // Substring patterns (implicit, so a wait can take "Hello, World!").
  Pattern(const char* substring);       // NOLINT(google-explicit-constructor)
  Pattern(std::string substring);       // NOLINT(google-explicit-constructor)
  Pattern(std::string_view substring);  // NOLINT(google-explicit-constructor)

  // An ECMAScript regular expression; ^ and $ match at line starts/ends.
  static Pattern Regex(std::string expression);

  struct Span {
    size_t begin;
    size_t end;
  };
  // The first match starting at or after `from`, if any.
  std::optional<Span> Find(std::string_view text, size_t from = 0) const;
  // Non-overlapping matches in `text`.
  int Count(std::string_view text) const;
  // For failure messages: `"text"` or `regex /text/`.
  std::string Describe() const;

 private:
  Pattern(std::string text, bool is_regex);
  std::string text_;
  std::shared_ptr<const std::regex> regex_;  // null for substrings; shared so copies are cheap
};

// Shorthand: Regex("counter_a: \\d+").
inline Pattern Regex(std::string expression) { return Pattern::Regex(std::move(expression)); }

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_PATTERN_H_
