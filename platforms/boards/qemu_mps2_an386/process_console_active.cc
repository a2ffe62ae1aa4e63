// Linked into a QEMU MPS2-AN386 image, starts upstream's process console at boot (active: prompt
// and echo) instead of leaving it off; see main.cc for why the test images leave it off.
extern "C" {
bool tockpp_process_console_active = true;  // overrides main.cc's weak `false`
}
