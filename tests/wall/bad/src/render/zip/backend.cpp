// Fixture for the backend-wall test: the zip library is the package writer's; libdeflate is not (1).
#include <zip.h>
#include <libdeflate.h>
