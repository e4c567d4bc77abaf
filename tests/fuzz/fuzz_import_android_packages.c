#include "fuzz_import.h"
FUZZ_IMPORTER(imp_android_packages)
