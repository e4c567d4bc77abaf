#include "fuzz_import.h"
FUZZ_IMPORTER(imp_masscan_list)
