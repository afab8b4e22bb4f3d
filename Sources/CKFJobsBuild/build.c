#include "CKFJobsBuild.h"

// Package.swift defines KFJOBS_COMMIT from the environment variable of the same name.
#ifndef KFJOBS_COMMIT
#define KFJOBS_COMMIT ""
#endif

const char *kfjobs_build_commit(void) { return KFJOBS_COMMIT; }
