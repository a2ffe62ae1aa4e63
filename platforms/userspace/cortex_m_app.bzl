"""cortex_m_app: a Tock C app (libtock) as a position-independent Thumb-2 ELF and TBF.

Compiled in one arm-none-eabi-gcc call (like //apps:tock_app.bzl does for x32) with this
folder's crt0.c and layout.ld, so it builds from any configuration. Targets for name = "hello":
  :hello_cm_elf -> hello.cm.elf, :hello_cm_tbf -> hello.cm.tbf
//apps:tock_app.bzl (cortex_m = True) reuses CORTEX_M_APP_SRCS + cortex_m_compile_cmd() for its
Cortex-M branch, with `tbf create` *without* --fixed-addresses (the app is position independent);
cortex_m_app itself serves the board-only test apps in ./testapps.
"""

load("//platforms:board_transition.bzl", "ALLOWLIST_ATTR", "board_transition")

_GCC = "/usr/bin/arm-none-eabi-gcc"
_GXX = "/usr/bin/arm-none-eabi-g++"
_AR = "/usr/bin/arm-none-eabi-ar"

_COMMON_FLAGS = [
    "-mcpu=cortex-m4",
    "-mthumb",
    "-mfloat-abi=soft",
    "-fPIC",
    "-msingle-pic-base",
    "-mpic-register=r9",
    "-mno-pic-data-is-text-relative",
    "-ffreestanding",
    # No newlib: Debian's arm-none-eabi newlib is not position independent. The app C library
    # (//apps/libc) comes first on the include path, then gcc's freestanding headers; the
    # link is -nostdlib with only -lgcc (soft-float and division helpers, PIC-safe).
    "-nostdinc",
    "-isystem apps/libc/include",
    "-isystem $$(" + _GCC + " -print-file-name=include)",
    "-fno-builtin-printf",
    "-fno-tree-loop-distribute-patterns",
    "-ffunction-sections",
    "-fdata-sections",
    "-Os",
    "-g",
    "-Wall",
    "-Wextra",
    "-Iapps",
    # Generated libtock-c files (//apps:libtock_sensor.bzl) at their upstream paths.
    "-I$(BINDIR)/apps",
    "-I.",
]

CORTEX_M_APP_CFLAGS = " ".join(["-std=gnu11"] + _COMMON_FLAGS)

# C++ sources (.cc/.cpp/.cxx) as upstream libtock-c builds them, minus the C++ standard
# library (Debian's is not position independent): no exceptions, no RTTI, no static
# constructors run (libtock-c's crt0 runs none either). //apps/libc:cxx_support.c supplies
# operator new/delete over malloc/free and __cxa_pure_virtual.
CORTEX_M_APP_CXXFLAGS = " ".join([
    "-std=gnu++20",
    "-fno-exceptions",
    "-fno-rtti",
    "-fno-threadsafe-statics",
    "-fno-use-cxa-atexit",
] + _COMMON_FLAGS)

def app_sources_of(label_expr):
    """Shell snippet sorting the files of $(locations ...) into $$SRCS and $$CXX_SRCS."""
    # C and assembly files go to $$SRCS, C++ files to $$CXX_SRCS. A file reached through two
    # filegroups (e.g. //apps/libc:srcs directly and inside //apps/libtock:host_srcs) is
    # compiled once.
    return ("for f in " + label_expr + "; do case $$f in " +
            "*.c|*.S) case \" $$SRCS \" in *\" $$f \"*) ;; *) SRCS=\"$$SRCS $$f\";; esac;; " +
            "*.cc|*.cpp|*.cxx) case \" $$CXX_SRCS \" in *\" $$f \"*) ;; " +
            "*) CXX_SRCS=\"$$CXX_SRCS $$f\";; esac;; esac; done; ")

# Labels a genrule building a Thumb-2 app needs in `srcs` besides the app's own files.
CORTEX_M_APP_SRCS = [
    "//apps/libtock:cortex_m_srcs",
    "//apps/libc:srcs",
    "//platforms/userspace:crt0.c",
    "//platforms/userspace:layout.ld",
]

def cortex_m_compile_cmd(app_srcs, copts = [], stack = 2048):
    """Genrule `cmd` that compiles libtock + libc + crt0 + `app_srcs` (labels) into $@.

    crt0 is linked from an archive, as libtock-c links it from libtock.a: an app that defines
    its own `_start` (upstream's bare_bones, mpu_no_libc) gets no crt0 and needs no main().
    """
    opts = " ".join(copts)
    return ("SRCS=''; CXX_SRCS=''; OBJS=''; T=$$(mktemp -d); " +
            app_sources_of("$(locations //apps/libtock:cortex_m_srcs)") +
            app_sources_of("$(locations //apps/libc:srcs)") +
            "".join([app_sources_of("$(locations " + s + ")") for s in app_srcs]) +
            _GCC + " " + CORTEX_M_APP_CFLAGS + " " + opts +
            " -c $(location //platforms/userspace:crt0.c) -o $$T/crt0.o && " +
            _AR + " rcs $$T/libcrt0.a $$T/crt0.o && " +
            "for f in $$CXX_SRCS; do o=$$T/$$(echo $$f | tr / _).o; " +
            _GXX + " " + CORTEX_M_APP_CXXFLAGS + " " + opts + " -c $$f -o $$o || exit 1; " +
            "OBJS=\"$$OBJS $$o\"; done && " +
            _GCC + " " + CORTEX_M_APP_CFLAGS + " " + opts +
            " -nostdlib -static -Wl,--emit-relocs -Wl,--gc-sections -Wl,--build-id=none" +
            # Before -T: layout.ld's `DEFINED(STACK_SIZE)` only sees symbols defined earlier.
            " -Wl,--defsym=STACK_SIZE=" + str(stack) +
            " -Wl,-T,$(location //platforms/userspace:layout.ld)" +
            " -o $@ $$SRCS $$OBJS $$T/libcrt0.a -lgcc; rc=$$?; rm -rf $$T; exit $$rc")

def cortex_m_app(
        name,
        srcs,
        package_name = None,
        stack = 2048,
        app_heap = 1024,
        kernel_heap = 1024,
        copts = [],
        visibility = None,
        testonly = False):
    native.genrule(
        name = name + "_cm_elf",
        srcs = srcs + CORTEX_M_APP_SRCS,
        outs = [name + ".cm.elf"],
        cmd = cortex_m_compile_cmd(srcs, copts, stack),
        visibility = visibility,
        testonly = testonly,
    )
    native.genrule(
        name = name + "_cm_tbf",
        srcs = [":" + name + "_cm_elf"],
        outs = [name + ".cm.tbf"],
        tools = ["//tbf-tools:tbf"],
        cmd = ("$(location //tbf-tools:tbf) create $(location :" + name + "_cm_elf)" +
               " -o $@ --name " + (package_name or name) +
               " --stack " + str(stack) + " --app-heap " + str(app_heap) +
               " --kernel-heap " + str(kernel_heap)),
        visibility = visibility,
        testonly = testonly,
    )

def _concat_impl(ctx):
    out = ctx.outputs.out
    obj = ctx.outputs.obj
    layout_map = ctx.actions.declare_file(ctx.label.name + ".map.txt")
    ctx.actions.run_shell(
        inputs = ctx.files.tbfs,
        tools = [ctx.executable._packer],
        outputs = [out, obj, layout_map],
        command = ("out=$1; obj=$2; map=$3; start=$4; order=$5; packer=$6; shift 6; " +
                   "$packer --start=$start --order=$order --out=$out --map=$map \"$@\" && " +
                   "printf '.section .apps, \"a\"\\n.incbin \"%s\"\\n' $out > $obj.S && " +
                   _GCC + " -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -c $obj.S -o $obj && rm $obj.S"),
        arguments = [out.path, obj.path, layout_map.path, ctx.attr.start, ctx.attr.order,
                     ctx.executable._packer.path] + [f.path for f in ctx.files.tbfs],
        mnemonic = "AppsImage",
    )
    return [
        DefaultInfo(files = depset([out]), runfiles = ctx.runfiles([out])),
        OutputGroupInfo(map = depset([layout_map])),
    ]

# The TBFs packed by pack_apps.py as tockloader does for Cortex-M: each at an address that is a
# multiple of its size rounded up to a power of two (the MPU's flash region), padding TBFs in the
# gaps, then zeros that end the kernel's scan (as an erased apps region would). `start` is the
# board's apps region address; `order` is "size_descending" (tockloader's Cortex-M default:
# largest first, no padding for power-of-two sizes) or "given" (the `tbfs` order, padded).
# Outputs `out` as raw binary (for flashing / QEMU's loader device), `obj` as an object file
# whose section .apps a board's layout.ld places in its apps flash region, and the placement in
# output group "map". The TBFs are built for `platform` (so tock_app targets are Thumb-2 even
# from a plain host build).
apps_image = rule(
    implementation = _concat_impl,
    attrs = {
        "tbfs": attr.label_list(allow_files = True, mandatory = True, cfg = board_transition),
        "platform": attr.label(mandatory = True),
        "start": attr.string(default = "0x00040000"),
        "order": attr.string(default = "size_descending", values = ["size_descending", "given"]),
        "_packer": attr.label(
            default = "//platforms/userspace:pack_apps",
            executable = True,
            cfg = "exec",
        ),
        "_allowlist_function_transition": ALLOWLIST_ATTR,
        "out": attr.output(mandatory = True),
        "obj": attr.output(mandatory = True),
    },
)
