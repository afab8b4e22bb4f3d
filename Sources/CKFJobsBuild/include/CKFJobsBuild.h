#ifndef CKFJOBSBUILD_H
#define CKFJOBSBUILD_H

/// The commit this binary was built from (`git describe`, set by scripts/release.sh), or "" when it
/// was built without one (a plain `swift build`).
const char *kfjobs_build_commit(void);

#endif
