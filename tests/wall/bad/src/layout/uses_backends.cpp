// Fixture for the backend-wall test: every include here is out of place (3).
#include <hpdf.h>
#include "qpdf/QPDF.hh"
#include <hb-subset.h>
// #include <hpdf.h>   a comment is not an include
