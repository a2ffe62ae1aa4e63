"""Shared compile options for capsules.

Portable capsule code is built without exceptions and RTTI; tests that subclass capsule types
must also be built without RTTI, or they would reference typeinfo the libraries never emit.
"""

CAPSULE_COPTS = [
    "-fno-exceptions",
    "-fno-rtti",
]

TEST_COPTS = ["-fno-rtti"]
