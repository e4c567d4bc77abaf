#include "fuzz_import.h"
FUZZ_IMPORTER(imp_suricata_eve)
