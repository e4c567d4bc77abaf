#include "fuzz_import.h"
FUZZ_IMPORTER(imp_nmap_xml)
