#!/usr/bin/env python3
"""Content keys for tools/lint's clang-tidy cache.

usage: lint_keys.py SALT FILE...   (prints "KEY FILE" per file)

A file's key is a SHA-256 over SALT (clang-tidy's version, .clang-tidy and the flags), the
file itself and every project header it reaches through `#include "..."`, transitively, so a
cached "clean" result stays valid only while none of that text changes. System headers are
covered by the clang-tidy version in SALT (both come from the same Debian release).
"""
import hashlib
import os
import re
import sys

INCLUDE = re.compile(rb'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
_text = {}
_closure = {}


def read(path):
    if path not in _text:
        with open(path, 'rb') as f:
            _text[path] = f.read()
    return _text[path]


def resolve(name, including):
    for candidate in (name, os.path.join(os.path.dirname(including), name)):
        candidate = os.path.normpath(candidate)
        if os.path.isfile(candidate):
            return candidate
    return None  # generated or system header: not part of the key


def closure(path):
    """Every project file reachable from path (path included), iteratively."""
    if path in _closure:
        return _closure[path]
    seen, todo = {path}, [path]
    while todo:
        current = todo.pop()
        for match in INCLUDE.finditer(read(current)):
            found = resolve(match.group(1).decode(), current)
            if found and found not in seen:
                seen.add(found)
                todo.append(found)
    _closure[path] = seen
    return seen


def key(salt, path):
    digest = hashlib.sha256(salt.encode())
    for member in sorted(closure(path)):
        digest.update(member.encode() + b'\0' + read(member) + b'\0')
    return digest.hexdigest()


def main(argv):
    if len(argv) < 2:
        print('usage: lint_keys.py SALT FILE...', file=sys.stderr)
        return 2
    salt = argv[1]
    for path in argv[2:]:
        print(key(salt, path), path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
