// A release binary links the Swift runtime, Foundation, libstdc++ and libgcc statically (scripts/
// release.sh), and those archives, built on a glibc newer than the oldest we run on, call four glibc
// functions through versions newer than 2.34 (RHEL 9's glibc):
//   hypot, hypotf     2.35 added new versions; Foundation calls them;
//   arc4random        2.36; libstdc++'s std::random_device;
//   _dl_find_object   2.35; gcc 12's unwinder (libgcc_eh), to find a PC's exception frames.
// release.sh links with --wrap for each, which sends those calls here, to what every glibc since 2.17
// has. kfjobs itself calls none of them; other builds ignore this file (nothing calls the wrappers).
//
// features.h first: it defines __GLIBC__, which the test below needs (without a header before it,
// the test is false and nothing is built, and the --wrap link then fails loudly).
#define _GNU_SOURCE 1
#include <features.h>

#if defined(__linux__) && defined(__x86_64__) && defined(__GLIBC__)
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/random.h>

double kfjobs_hypot_glibc_2_2_5(double x, double y);
float kfjobs_hypotf_glibc_2_2_5(float x, float y);
__asm__(".symver kfjobs_hypot_glibc_2_2_5, hypot@GLIBC_2.2.5");
__asm__(".symver kfjobs_hypotf_glibc_2_2_5, hypotf@GLIBC_2.2.5");

double __wrap_hypot(double x, double y) { return kfjobs_hypot_glibc_2_2_5(x, y); }
float __wrap_hypotf(float x, float y) { return kfjobs_hypotf_glibc_2_2_5(x, y); }

// getrandom (2.25) is what glibc's own arc4random reads; it blocks only until the kernel's pool is
// first seeded, once per boot.
uint32_t __wrap_arc4random(void) {
    uint32_t value = 0;
    unsigned char *bytes = (unsigned char *)&value;
    size_t filled = 0;
    while (filled < sizeof value) {
        ssize_t got = getrandom(bytes + filled, sizeof value - filled, 0);
        if (got > 0) {
            filled += (size_t)got;
        } else if (got < 0 && errno != EINTR) {
            // As glibc's arc4random does when the kernel gives no randomness at all.
            __builtin_trap();
        }
    }
    return value;
}

// _dl_find_object's answer, made from dl_iterate_phdr (2.2.4): the loaded object whose PT_LOAD
// segments hold the address, with its PT_GNU_EH_FRAME segment (.eh_frame_hdr), which is what the
// unwinder reads. Slower than glibc's (a walk over the loaded objects per lookup), but only an
// unwinding C++ exception or a backtrace asks, and kfjobs throws none.
struct kfjobs_find_request {
    uintptr_t address;
    struct dl_find_object *result;
    int found;
};

static int kfjobs_find_object_in(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct kfjobs_find_request *request = data;
    uintptr_t low = UINTPTR_MAX, high = 0;
    int holds = 0;
    void *eh_frame = NULL;
    for (ElfW(Half) index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        uintptr_t start = info->dlpi_addr + header->p_vaddr;
        if (header->p_type == PT_LOAD) {
            uintptr_t end = start + header->p_memsz;
            if (start < low) low = start;
            if (end > high) high = end;
            if (request->address >= start && request->address < end) holds = 1;
        } else if (header->p_type == PT_GNU_EH_FRAME) {
            eh_frame = (void *)start;
        }
    }
    if (!holds) return 0;
    request->result->dlfo_flags = 0;
    request->result->dlfo_map_start = (void *)low;
    request->result->dlfo_map_end = (void *)high;
    request->result->dlfo_link_map = NULL;
    request->result->dlfo_eh_frame = eh_frame;
    request->found = 1;
    return 1;
}

int __wrap__dl_find_object(void *address, struct dl_find_object *result) {
    struct kfjobs_find_request request = {(uintptr_t)address, result, 0};
    dl_iterate_phdr(kfjobs_find_object_in, &request);
    return request.found && result->dlfo_eh_frame != NULL ? 0 : -1;
}
#endif
