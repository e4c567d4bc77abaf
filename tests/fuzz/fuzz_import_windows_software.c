#include "fuzz_import.h"
FUZZ_IMPORTER(imp_windows_software)
