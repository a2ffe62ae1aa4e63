// The malformed-image corpus as code: each case is a valid writer-built TBF with one defect and
// the field the parser must name. `make_malformed` writes them to testdata/malformed/; the tests
// check the checked-in files still match and that each is rejected with that field. Host only.
#ifndef TOCKPP_TBF_TOOLS_TESTDATA_MALFORMED_CASES_H_
#define TOCKPP_TBF_TOOLS_TESTDATA_MALFORMED_CASES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace tock::tbf::testdata {

struct MalformedCase {
  std::string name;            // file stem, e.g. "bad_checksum"
  std::string expected_field;  // Error::field the parser or integrity check reports
  std::vector<uint8_t> bytes;
};

std::vector<MalformedCase> MakeMalformedCases();

// Valid images used as fuzzing seeds (name, bytes).
std::vector<std::pair<std::string, std::vector<uint8_t>>> MakeValidSeeds();

}  // namespace tock::tbf::testdata

#endif  // TOCKPP_TBF_TOOLS_TESTDATA_MALFORMED_CASES_H_
