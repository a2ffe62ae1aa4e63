// The few C++ runtime entry points a libtock-c style C++ app needs when it is built without
// the C++ standard library (exceptions and RTTI off): operator new/delete on malloc/free and
// the pure-virtual-call trap. Written in C with the Itanium C++ ABI's mangled names so that
// C-only apps do not need a C++ compiler; unused ones are dropped by --gc-sections.
// size_t is 32 bits on both app targets (Cortex-M and x32), hence the `j` (unsigned int).
#include <stddef.h>
#include <stdlib.h>

void* tock_cxx_new(size_t size) __asm__("_Znwj");
void* tock_cxx_new_array(size_t size) __asm__("_Znaj");
void tock_cxx_delete(void* ptr) __asm__("_ZdlPv");
void tock_cxx_delete_array(void* ptr) __asm__("_ZdaPv");
void tock_cxx_delete_sized(void* ptr, size_t size) __asm__("_ZdlPvj");
void tock_cxx_delete_array_sized(void* ptr, size_t size) __asm__("_ZdaPvj");
void __cxa_pure_virtual(void);

// Without exceptions there is nothing to throw: running out of memory ends the app, as an
// uncaught std::bad_alloc would.
void* tock_cxx_new(size_t size) {
  void* ptr = malloc(size == 0 ? 1 : size);
  if (ptr == NULL) abort();
  return ptr;
}

void* tock_cxx_new_array(size_t size) { return tock_cxx_new(size); }

void tock_cxx_delete(void* ptr) { free(ptr); }

void tock_cxx_delete_array(void* ptr) { free(ptr); }

void tock_cxx_delete_sized(void* ptr, size_t size) {
  (void)size;
  free(ptr);
}

void tock_cxx_delete_array_sized(void* ptr, size_t size) {
  (void)size;
  free(ptr);
}

void __cxa_pure_virtual(void) { abort(); }
