#!/usr/bin/env python3
"""Counts test cases from a `bazel test` log and its test.xml files.

Prints "N passed, M failed". A test target counts as its gtest cases when its
test.xml lists them; a target that failed without a failing case in its XML
(build failure, crash, timeout) counts as one failure. Exit code 1 if anything
failed or nothing ran.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

STATUS = re.compile(r"^(//\S+)\s+(?:\(cached\)\s+)?(PASSED|FAILED|TIMEOUT|NO STATUS|"
                    r"FAILED TO BUILD|FLAKY|INCOMPLETE|SKIPPED)\b")


def xml_counts(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    passed = failed = 0
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.get("status", "run") == "notrun" or case.find("skipped") is not None:
            continue
        else:
            passed += 1
    return passed, failed


def main():
    log_path, testlogs = sys.argv[1], sys.argv[2]
    passed = failed = 0
    with open(log_path, errors="replace") as log:
        for line in log:
            match = STATUS.match(line.strip())
            if not match:
                continue
            label, status = match.groups()
            if status == "SKIPPED":
                continue
            package, _, name = label[2:].partition(":")
            counts = xml_counts(os.path.join(testlogs, package, name, "test.xml"))
            if status in ("PASSED", "FLAKY"):
                passed += counts[0] if counts and counts[0] else 1
            else:
                case_failures = counts[1] if counts else 0
                passed += counts[0] if counts else 0
                failed += max(case_failures, 1)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
