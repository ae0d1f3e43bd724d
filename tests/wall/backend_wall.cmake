# The backend wall: a library's headers may be included only in the folder of the backend
# that owns it. Private linking alone does not stop it (Debian puts every header in
# /usr/include), so this script reads every #include under SOURCE and fails on one out of
# place.
#   cmake -DSOURCE=<src folder> -P backend_wall.cmake
#   cmake -DSOURCE=<folder> -DEXPECTED=<n> -P backend_wall.cmake   (passes only with exactly
#                                                                  n includes out of place)
# The rules: a regular expression on the included name, and the folders (relative to
# SOURCE, separated by commas) where it may appear.
set(patterns
  "^libdeflate[.]h$"
  "^qpdf/"
  "^xlsxwriter([.]h$|/)"
  "^zip(conf)?[.]h$"
  "^pugixml[.]hpp$"
  "^hb(-[a-z0-9-]+)?[.]h$"
  "^harfbuzz/"
  "^nlohmann/")
set(places
  "render/pdf,base"
  "render/pdf"
  "render/xlsx"
  "render/zip,sheet"
  "sheet"
  "render/pdf"
  "render/pdf"
  "base")
if(NOT SOURCE)
  message(FATAL_ERROR "backend_wall: -DSOURCE=<folder> is required")
endif()
get_filename_component(SOURCE "${SOURCE}" ABSOLUTE BASE_DIR "$ENV{PWD}")
list(LENGTH patterns nrules)
math(EXPR last_rule "${nrules} - 1")
file(GLOB_RECURSE files RELATIVE "${SOURCE}" "${SOURCE}/*.cpp" "${SOURCE}/*.hpp" "${SOURCE}/*.h" "${SOURCE}/*.c" "${SOURCE}/*.cc")
list(SORT files)
set(count 0)
set(report "")
foreach(f IN LISTS files)
  file(STRINGS "${SOURCE}/${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"].*$" "\\1" header "${line}")
    foreach(i RANGE ${last_rule})
      list(GET patterns ${i} pattern)
      list(GET places ${i} folders)
      string(REPLACE "," ";" folders "${folders}")
      if(header MATCHES "${pattern}")
        set(allowed FALSE)
        string(REPLACE ";" " or " where "${folders}")
        foreach(folder IN LISTS folders)
          string(LENGTH "${folder}/" n)
          string(SUBSTRING "${f}" 0 ${n} head)
          if(head STREQUAL "${folder}/")
            set(allowed TRUE)
          endif()
        endforeach()
        if(NOT allowed)
          math(EXPR count "${count} + 1")
          string(APPEND report "  ${f}: #include ${header} (allowed only in ${where})\n")
        endif()
      endif()
    endforeach()
  endforeach()
endforeach()
list(LENGTH files nfiles)
if(DEFINED EXPECTED)
  if(NOT count EQUAL EXPECTED)
    message(FATAL_ERROR "backend_wall: expected ${EXPECTED} includes out of place in ${SOURCE}, found ${count}:\n${report}")
  endif()
  message(STATUS "backend_wall: found the ${count} includes out of place, as expected:\n${report}")
elseif(count GREATER 0)
  message(FATAL_ERROR "backend_wall: ${count} backend headers included outside their backend folder:\n${report}")
else()
  message(STATUS "backend_wall: ${nfiles} files read, every backend header is in its folder")
endif()
