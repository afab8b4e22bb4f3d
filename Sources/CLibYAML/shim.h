#ifndef KFJOBS_CLIBYAML_SHIM_H
#define KFJOBS_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
