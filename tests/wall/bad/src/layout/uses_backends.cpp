// Fixture for the backend-wall test: every include here is out of place (3).
#include <libdeflate.h>
#include "qpdf/QPDF.hh"
#include <hb-subset.h>
// #include <libdeflate.h>   a comment is not an include
