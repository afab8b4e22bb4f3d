// glibc 2.35 added new versions of hypot and hypotf, and Foundation (linked statically into a release
// build) calls them: alone they would raise the glibc a release needs from 2.34 to 2.35 (RHEL 9 has
// 2.34). scripts/release.sh links with --wrap=hypot --wrap=hypotf, which sends those calls here, to
// the versions every glibc since 2.2.5 has. kfjobs itself never calls either; other builds ignore this.
#if defined(__linux__) && defined(__x86_64__) && defined(__GLIBC__)
double kfjobs_hypot_glibc_2_2_5(double x, double y);
float kfjobs_hypotf_glibc_2_2_5(float x, float y);
__asm__(".symver kfjobs_hypot_glibc_2_2_5, hypot@GLIBC_2.2.5");
__asm__(".symver kfjobs_hypotf_glibc_2_2_5, hypotf@GLIBC_2.2.5");

double __wrap_hypot(double x, double y) { return kfjobs_hypot_glibc_2_2_5(x, y); }
float __wrap_hypotf(float x, float y) { return kfjobs_hypotf_glibc_2_2_5(x, y); }
#endif
