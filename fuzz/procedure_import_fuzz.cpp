// Procedure import (src/services/portal_format, procedure_json): what `congdanso import
// procedures` does with each line of a file in the national portal's shape, and the parsers of the
// portal's flattened tables on any text. The store writes that follow are not fuzzed.
// Input: JSON lines as import_procedures reads them.
// Checks: an accepted procedure has a valid code and a name, and its text is valid UTF-8; every
// refusal key has a message; the stored form (to_json) reads back (procedure_from_json) to the
// same stored form, which is how the catalogue loads what the import wrote.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <string_view>

#include "common/messages.hpp"
#include "fuzz_input.hpp"
#include "services/portal_format.hpp"
#include "services/procedure_json.hpp"
#include "text/fold.hpp"

namespace {

namespace json = boost::json;
using cds::fuzz::check;

void check_utf8(const std::string& text, const char* what) {
  std::string nfc;
  check(cds::text::to_nfc(text, nfc), what, text);
}

void import_line(std::string_view line) {
  boost::system::error_code ec;
  const json::value value = json::parse(line, ec);
  if (ec || !value.is_object()) {
    // Not JSON: the parsers of the flattened tables still read any text.
    (void)cds::services::parse_channels(line);
    (void)cds::services::parse_documents(line);
    (void)cds::services::parse_legal_basis(line);
    (void)cds::services::parse_steps(line);
    return;
  }
  auto p = cds::services::from_portal(value.as_object());
  if (!p.ok()) {
    check(cds::has_message(p.status().key()), "a refusal key without a message", p.status().key());
    (void)cds::message(p.status().key(), true, p.status().params());
    return;
  }
  check(cds::services::valid_code(p->code), "an accepted procedure with an invalid code", p->code);
  check(!p->name.empty(), "an accepted procedure without a name", line);
  check_utf8(p->name, "a procedure name that is not UTF-8");
  for (const auto& c : p->channels) check_utf8(c.time_limit + c.fee + c.description, "channel");
  for (const auto& d : p->documents) check_utf8(d.name + d.form + d.count + d.group, "document");
  for (const auto& s : p->steps) check_utf8(s, "step");

  const json::object stored = cds::services::to_json(*p);
  const cds::services::Procedure loaded = cds::services::procedure_from_json(stored);
  check(json::serialize(cds::services::to_json(loaded)) == json::serialize(stored),
        "the stored procedure does not read back the same", json::serialize(stored));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty()) {
    const std::size_t eol = input.find('\n');
    const std::string_view line = input.substr(0, eol);
    input = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
    if (!cds::text::is_blank(line)) import_line(line);
  }
  return 0;
}
