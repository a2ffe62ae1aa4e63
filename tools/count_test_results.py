#!/usr/bin/env python3
"""Counts test cases from `bazel test` logs and their test.xml files.

Usage: count_test_results.py LOG TESTLOGS [LOG TESTLOGS ...] [--reports DIR]

Each LOG is the output of one `bazel test` run and TESTLOGS the testlogs directory of that
run (bazel-testlogs, or the one its --symlink_prefix named). Prints one line for all runs:
"N passed, M failed". A test target counts as its gtest cases when its test.xml lists them; a
target that failed without a failing case in its XML (build failure, crash, timeout) counts as
one failure. With --reports, every file in DIR is a sanitizer report (ASAN_OPTIONS=log_path)
and counts as one more failure: a leak found at a tockd's exit fails no test by itself.
Exit code 1 if anything failed or nothing ran.
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


def count_run(log_path, testlogs):
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
    return passed, failed


def main():
    args = sys.argv[1:]
    reports = None
    if "--reports" in args:
        at = args.index("--reports")
        reports = args[at + 1]
        del args[at:at + 2]
    if not args or len(args) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    passed = failed = 0
    for log_path, testlogs in zip(args[0::2], args[1::2]):
        p, f = count_run(log_path, testlogs)
        passed += p
        failed += f
    if reports and os.path.isdir(reports):
        for name in sorted(os.listdir(reports)):
            path = os.path.join(reports, name)
            print(f"sanitizer report {name}:", file=sys.stderr)
            with open(path, errors="replace") as report:
                lines = report.readlines()
            sys.stderr.writelines(lines[:60])
            if len(lines) > 60:
                print(f"  ... ({len(lines) - 60} more lines in {path})", file=sys.stderr)
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
