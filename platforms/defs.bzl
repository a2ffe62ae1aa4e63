"""Constraint lists for marking targets by where they can run.

HOST_ONLY: Linux-hosted code and tests (gtest, Abseil, liburing, POSIX). Under a board config
(--config=qemu_mps2 / nrf52840dk) such targets, and every target depending on one, are
incompatible and `bazel build //...` / `bazel test //...` skip them.
"""

HOST_ONLY = ["@platforms//os:linux"]

# Bare-metal only code (vector tables, inline Cortex-M assembly).
CORTEX_M_ONLY = ["//platforms/constraints:cortex_m4"]
