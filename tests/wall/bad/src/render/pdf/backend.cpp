// Fixture for the backend-wall test: the PDF backend's own headers are fine here; the zip
// library is not the PDF backend's (1).
#include <libdeflate.h>
#include <qpdf/QPDF.hh>
#include <hb.h>
#include <zip.h>
