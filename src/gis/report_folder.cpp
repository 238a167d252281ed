// Report folders that never destroy what a user kept in them: see write_report_folder().
#include <algorithm>
#include <fstream>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/gis/write.hpp"

namespace corridor::gis {
namespace {

namespace fs = std::filesystem;

fs::path temporary_name(const std::string& what) {
  std::random_device rd;
  return ".corridor-tmp-" + what + "-" + std::to_string(rd() % 1000000);
}

/// The regular files under `root`, as paths relative to it, sorted.
std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root));
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A marker's line names a file of the report when it is a plain relative path inside the folder
/// (a hand-edited or hostile marker cannot make corridor delete anything outside it).
bool safe_relative(const fs::path& p) {
  if (p.empty() || p.is_absolute()) return false;
  return std::none_of(p.begin(), p.end(), [](const fs::path& part) { return part == ".."; });
}

/// The files an earlier report wrote into `dir`, as its marker lists them.
std::vector<fs::path> read_marker(const fs::path& dir) {
  std::vector<fs::path> out;
  std::ifstream in(dir / report_marker_name);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const fs::path p(line);
    if (safe_relative(p) && fs::path(line) != report_marker_name) out.push_back(p);
  }
  return out;
}

void write_marker(const fs::path& dir, const std::vector<fs::path>& files) {
  std::string text =
      "# A report folder written by corridor. The files below are the report's own: the next\n"
      "# --report run into this folder replaces them and keeps every other file.\n";
  for (const fs::path& f : files) text += f.generic_string() + "\n";
  write_atomically(dir / report_marker_name, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush()) throw input_error(tmp.string() + ": cannot write");
  });
}

bool is_empty_folder(const fs::path& p) {
  return fs::directory_iterator(p) == fs::directory_iterator();
}

/// Fills a fresh temporary folder beside `target` and renames it to `target` (which does not
/// exist, or is an empty folder): all or nothing.
void write_new_folder(const fs::path& target, const std::string& option,
                      const std::function<void(const fs::path&)>& fill) {
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (!fs::is_directory(parent)) {
    throw input_error(option + " " + target.string() + ": cannot create folder " + parent.string() +
                      (ec ? " (" + ec.message() + ")" : std::string()));
  }
  const fs::path tmp = parent / temporary_name(target.filename().string());
  try {
    fs::create_directory(tmp);
    fill(tmp);
    write_marker(tmp, files_under(tmp));
    fs::rename(tmp, target, ec);  // replaces an empty folder; fails on a non-empty one
    if (ec) {
      throw input_error(option + " " + target.string() + ": cannot create it (" + ec.message() +
                        (fs::exists(target) ? "; another run wrote it meanwhile" : "") +
                        "); nothing written");
    }
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
}

/// Writes the report into the existing folder `target`: each file the report writes replaces
/// the file of that name; files an earlier report listed (`earlier`) and this one does not write
/// are removed; nothing else is touched.
void write_into_folder(const fs::path& target, const std::string& option,
                       const std::vector<fs::path>& earlier,
                       const std::function<void(const fs::path&)>& fill) {
  const fs::path tmp = target / temporary_name("report");
  std::error_code ec;
  try {
    fs::create_directory(tmp);
    fill(tmp);
    const std::vector<fs::path> files = files_under(tmp);
    for (const fs::path& f : files) {  // check every target before replacing any
      const fs::file_status st = fs::symlink_status(target / f, ec);
      if (fs::exists(st) && !fs::is_regular_file(st)) {
        throw input_error(option + " " + target.string() + ": " + (target / f).string() +
                          " is in the way (not a regular file); nothing written");
      }
    }
    for (const fs::path& f : files) {
      fs::create_directories((target / f).parent_path());
      fs::rename(tmp / f, target / f);
    }
    for (const fs::path& f : earlier) {
      if (std::binary_search(files.begin(), files.end(), f)) continue;
      if (fs::is_regular_file(fs::symlink_status(target / f, ec))) fs::remove(target / f, ec);
    }
    write_marker(target, files);
    fs::remove_all(tmp);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
}

}  // namespace

bool check_report_folder(const fs::path& target, bool force, const std::string& option) {
  std::error_code ec;
  const fs::file_status st = fs::status(target, ec);  // follows a symlink to its folder
  if (!fs::exists(st)) {
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
      throw input_error(option + " " + target.string() + ": a symbolic link to nothing");
    }
    return false;
  }
  if (!fs::is_directory(st)) {
    throw input_error(option + " " + target.string() +
                      ": exists and is not a folder; give a new or empty folder");
  }
  if (!fs::is_regular_file(target / report_marker_name, ec) && !is_empty_folder(target) && !force) {
    throw input_error(option + " " + target.string() +
                      ": the folder is not empty and holds no corridor report (no " +
                      std::string(report_marker_name) +
                      "); give a new or empty folder, or add --force to write the report's files "
                      "into it (files of other names are kept)");
  }
  return true;
}

void write_report_folder(const fs::path& target, bool force,
                         const std::function<void(const fs::path&)>& fill,
                         const std::string& option) {
  if (!check_report_folder(target, force, option)) {
    write_new_folder(target, option, fill);
    return;
  }
  std::error_code ec;
  const bool marked = fs::is_regular_file(target / report_marker_name, ec);
  write_into_folder(target, option, marked ? read_marker(target) : std::vector<fs::path>{}, fill);
}

}  // namespace corridor::gis
