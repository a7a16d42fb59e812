// Decoding the JSON bodies of the main endpoints (src/http/json, fields; src/alerts/alert_json):
// read_json_object, then the FieldReader as POST /api/v1/reports reads a report and as the news
// editor's POST/PUT read a draft (the field lists repeated here: those readers live inside the
// handlers), and alerts::parse_content, the whole alert an officer drafts.
// Input: one selector byte, then the body.
// Checks: every refusal is a 4xx whose key and field keys all have a message, and its problem+json
// is a JSON object carrying that status; an accepted alert keeps the rules parse_content states
// (known enumerations and wards, a closed polygon of 4+ points, a bounded circle, NFC text) and
// its CAP document is well-formed XML.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <string>
#include <string_view>

#include "alerts/alert_json.hpp"
#include "alerts/cap.hpp"
#include "areas/wards.hpp"
#include "common/messages.hpp"
#include "fuzz_input.hpp"
#include "http/fields.hpp"
#include "http/json.hpp"
#include "http/problem.hpp"
#include "text/fold.hpp"
#include "xml_check.hpp"

namespace {

using cds::Status;
using cds::fuzz::check;

void check_refusal(const Status& st, std::string_view body) {
  const int status = cds::http::status_code(st.code());
  check(status >= 400 && status < 500, "a refused body is not a 4xx", st.key());
  check(cds::has_message(st.key()), "a refusal key without a message", st.key());
  for (const auto& [field, key] : st.fields())
    check(cds::has_message(key), "a field error without a message", field + ": " + key);
  const cds::http::Response r = cds::http::problem(cds::http::Lang::kVi, st);
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(r.body, ec);
  check(!ec && parsed.is_object(), "problem+json is not a JSON object", r.body);
  const auto* code = parsed.as_object().if_contains("status");
  check(code != nullptr && code->is_int64() && code->as_int64() == status,
        "problem+json without its status", body);
}

template <class T, std::size_t N>
bool listed(const std::array<T, N>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

void check_nfc(const std::string& text, const char* what) {
  std::string nfc;
  check(cds::text::to_nfc(text, nfc) && nfc == text, what, text);
}

void check_alert(const cds::alerts::Alert& a) {
  using namespace cds::alerts;
  check(listed(kStatuses, a.status) && listed(kCategories, a.category) &&
            listed(kUrgencies, a.urgency) && listed(kSeverities, a.severity) &&
            listed(kCertainties, a.certainty),
        "an alert value outside CAP's lists");
  check(std::is_sorted(a.area.wards.begin(), a.area.wards.end()) &&
            std::adjacent_find(a.area.wards.begin(), a.area.wards.end()) == a.area.wards.end(),
        "alert wards not sorted and distinct");
  for (const auto& w : a.area.wards)
    check(cds::areas::find_ward(w) != nullptr, "an unknown ward accepted", w);
  if (!a.area.polygon.empty()) {
    check(a.area.polygon.size() >= 4 && a.area.polygon.front() == a.area.polygon.back(),
          "an open or short polygon accepted");
  }
  if (a.area.circle) check(a.area.circle->radius_km > 0, "a circle without a radius");
  for (const InfoText* t : {&a.vi, &a.en}) {
    for (const std::string* s :
         {&t->event, &t->headline, &t->description, &t->instruction, &t->area_desc})
      check_nfc(*s, "alert text not NFC UTF-8");
  }
  check_nfc(a.note, "alert note not NFC UTF-8");

  // What an approved alert becomes: its CAP document and its JSON for the app.
  Alert sent = a;
  sent.id = 7;
  sent.state = "sent";
  sent.sent_at = 1'790'000'000'000;
  const Publisher publisher{"https://congdanso.example.vn", "alerts@congdanso.example.vn"};
  const std::string cap = cap_document(sent, nullptr, publisher);
  check(
      cds::fuzz::check_well_formed(cap, "CAP document of an accepted alert is not XML") == "alert",
      "CAP root is not <alert>", cap);
  (void)boost::json::serialize(alert_json(sent, 1'790'000'000'000));
}

void read_report(const boost::json::object& body) {
  cds::http::FieldReader f(body, {"kind", "category", "description", "lat", "lon", "address",
                                  "ward", "anonymous", "public", "photos", "channel"});
  (void)f.one_of("kind", {"report", "idea"});
  (void)f.string("category", true);
  (void)f.string("description", true);
  (void)f.number("lat");
  (void)f.number("lon");
  (void)f.string("address");
  (void)f.string("ward");
  (void)f.boolean("anonymous");
  (void)f.boolean("public");
  const auto photos = f.strings("photos", 6);
  check(photos.size() <= 6, "more photos than the limit");
  (void)f.one_of("channel", {"app", "web"});
  if (Status st = f.status(); !st.ok()) check_refusal(st, "");
}

void read_news_draft(const boost::json::object& body) {
  cds::http::FieldReader f(
      body, {"kind", "title", "summary", "body_md", "cover_media_id", "pinned", "publish_at"});
  (void)f.one_of("kind", {"announcement", "news", "guide"}, true);
  (void)f.string("title", true);
  (void)f.string("summary");
  (void)f.string("body_md");
  (void)f.string("cover_media_id");
  (void)f.boolean("pinned");
  if (auto n = f.integer("publish_at")) (void)n;
  if (Status st = f.status(); !st.ok()) check_refusal(st, "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cds::fuzz::FuzzInput in(data, size);
  const std::size_t which = in.pick(3);
  cds::http::Request req;
  req.method = cds::http::Method::kPost;
  req.headers.emplace_back("content-type", in.boolean() ? "application/json; charset=utf-8"
                                                        : "application/problem+json");
  req.body = std::string(in.rest());
  auto body = cds::http::read_json_object(req);
  if (!body.ok()) {
    check_refusal(body.status(), req.body);
    return 0;
  }
  switch (which) {
    case 0:
      read_report(*body);
      break;
    case 1:
      read_news_draft(*body);
      break;
    default: {
      auto alert = cds::alerts::parse_content(*body);
      if (alert.ok())
        check_alert(*alert);
      else
        check_refusal(alert.status(), req.body);
    }
  }
  return 0;
}
