// .ci/chroot-proof links this program as scripts/release.sh links kfjobs (libstdc++ and libgcc
// static, the --wrap flags, Sources/CKFJobsBuild/glibc_compat.c) and runs it in the bare root: each
// wrapped call must still do its job. An exception thrown 50 frames deep is caught only if the
// _dl_find_object wrapper finds the frames' unwind tables.
#include <cmath>
#include <cstdio>
#include <random>
#include <stdexcept>

static int descend(int depth) {
    if (depth == 0) throw std::runtime_error("unwound");
    return descend(depth - 1) + 1;
}

int main() {
    int failures = 0;
    try {
        descend(50);
        std::puts("exception: not thrown"); failures++;
    } catch (const std::runtime_error &error) {
        std::printf("exception: caught after 50 frames (%s)\n", error.what());
    }
    std::random_device device;  // arc4random in gcc 12's libstdc++
    unsigned first = device(), second = device(), third = device();
    if (first == second && second == third) { std::puts("random_device: three equal draws"); failures++; }
    else std::puts("random_device: draws differ");
    volatile double x = 3, y = 4;
    volatile float fx = 5, fy = 12;
    if (std::hypot(x, y) != 5.0 || std::hypot(fx, fy) != 13.0f) { std::puts("hypot: wrong"); failures++; }
    else std::puts("hypot, hypotf: right");
    return failures == 0 ? 0 : 1;
}
