// Fixture for the backend-wall test: two includes out of place.
#pragma once
#include <xlsxwriter.h>
#  include <zip.h>
