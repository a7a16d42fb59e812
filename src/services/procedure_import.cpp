#include "services/procedure_import.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <ostream>
#include <vector>

#include "common/messages.hpp"
#include "services/portal_format.hpp"
#include "text/fold.hpp"

namespace cds::services {
namespace {

constexpr std::size_t kBatch = 250;
constexpr std::size_t kMaxLine = 4 * 1024 * 1024;  // a procedure page is tens of KB at most

}  // namespace

Result<ImportSummary> import_procedures(store::Database& db, const Clock& clock,
                                        const std::string& path, std::ostream& log,
                                        bool show_progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid("procedure_file_unreadable").with("file", path);
  // The whole file first: the total makes the progress meaningful, and files are a few MB.
  std::vector<std::pair<std::size_t, std::string>> lines;  // (line number, text)
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (text::is_blank(line)) continue;
    lines.emplace_back(number, std::move(line));
  }
  if (in.bad()) return Status::Invalid("procedure_file_unreadable").with("file", path);

  ImportSummary summary;
  summary.lines = lines.size();
  std::vector<Procedure> batch;
  std::size_t done = 0;
  auto flush = [&]() -> Status {
    if (!batch.empty()) {
      auto counts = write_procedures(db, clock, batch, "import");
      if (!counts.ok()) return counts.status();
      summary.written.added += counts->added;
      summary.written.updated += counts->updated;
      summary.written.unchanged += counts->unchanged;
      batch.clear();
    }
    if (show_progress)
      log << "\rimporting procedures " << done << "/" << lines.size() << std::flush;
    return Status::Ok();
  };
  for (const auto& [number, text] : lines) {
    ++done;
    auto bad = [&, number = number](const std::string& why) {
      ++summary.bad;
      if (show_progress) log << "\r\033[K";
      log << path << ": line " << number << ": " << why << "\n";
    };
    if (text.size() > kMaxLine) {
      bad("longer than 4 MB");
      continue;
    }
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec);
    if (ec) {
      bad("not JSON (" + ec.message() + ")");
      continue;
    }
    if (!value.is_object()) {
      bad("not a JSON object");
      continue;
    }
    auto p = from_portal(value.get_object());
    if (!p.ok()) {
      bad(message(p.status().key(), true, p.status().params()));
      continue;
    }
    batch.push_back(std::move(p).value());
    if (batch.size() >= kBatch)
      if (Status st = flush(); !st.ok()) return st;
  }
  if (Status st = flush(); !st.ok()) return st;
  if (show_progress) log << "\r\033[K";
  return summary;
}

}  // namespace cds::services
