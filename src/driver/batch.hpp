// Stage: driver. Many campaigns in one `render`: which files the command line names (files,
// folders of campaigns, list files "@list.txt"), the output folder each one gets, and the
// exit code of the whole run.
// In: the campaign arguments as typed; out: the campaigns in order, each with the name of
// its folder under -o, or the usage errors (a missing folder or list file, two campaigns
// that would share a folder) before anything is written.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace thidua::driver {

/// One campaign of a batch.
struct BatchItem {
    std::string path;  ///< the campaign file, as typed or as read from a list (made relative to it)
    std::string name;  ///< its folder under -o: the file name without ".json"
    std::string from;  ///< where it was named: "" (the command line), a folder or "@list.txt:3"
};

/// The campaigns named by `args`, in order: a file is itself; a folder is every "*.json"
/// directly in it, by name; "@FILE" is every line of FILE (blank lines and lines starting
/// with '#' skipped; a path relative to FILE's folder; a folder in a list is a folder).
/// `batch` is set when there is more than one campaign or any folder or list was named (the
/// campaigns then go to DIR/<name>/). Problems that stop the run before anything is written
/// (a missing folder or list file, a folder without campaigns, a name that is not a folder
/// name, two campaigns with one name) are added to `errors` in Vietnamese.
std::vector<BatchItem> expand_campaigns(const std::vector<std::string>& args, bool& batch,
                                        std::vector<std::string>& errors);

/// The folder name a campaign file gets: its file name without the final ".json" (any
/// case); "" when that is not a usable folder name (empty, ".", "..", starting with a dot).
std::string batch_name(const std::string& path);

/// Reports pairs of campaigns that would share an output folder: the same name, compared
/// as a case-insensitive file system would (NFC, lower case). One message per clash.
void find_name_clashes(const std::vector<BatchItem>& items, std::vector<std::string>& errors);

/// How one campaign of a batch ended.
enum class Outcome { ok, input_error, internal_error };

/// The exit code of a batch: 0 when every campaign succeeded, 3 when any hit an internal
/// error, else 1 when any had an input error (the others were written).
int batch_exit_code(const std::vector<Outcome>& outcomes);

}  // namespace thidua::driver
