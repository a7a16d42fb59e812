// Dossiers in the delivery path: who is told of a dossier's status change and what the inbox,
// the streams and web push show of it (dossiers/ writes the events; docs/DOSSIERS.md).
#include <boost/json/parse.hpp>

#include <array>

#include "notify/notifications.hpp"

namespace cds::notify {
namespace {

using boost::json::object;

object payload_of(const events::Event& event) {
  boost::system::error_code ec;
  auto v = boost::json::parse(event.payload, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

std::string text_of(const object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

struct StatusText {
  std::string_view status;
  std::string_view vi;  // after "Hồ sơ 38.98.H29-210519-0013"
  std::string_view en;  // after "Dossier 38.98.H29-210519-0013"
};
constexpr std::array<StatusText, 6> kTexts{{
    {"received", "đã được tiếp nhận", "has been received"},
    {"processing", "đang được giải quyết", "is being processed"},
    {"more_documents_required", "cần bổ sung giấy tờ", "needs more documents"},
    {"ready_to_return", "đã có kết quả, mời bạn đến nhận", "is ready: you can collect the result"},
    {"returned", "đã trả kết quả", "has been returned"},
    {"rejected", "không được giải quyết", "was refused"},
}};

}  // namespace

bool is_dossier(std::string_view event_type) {
  return event_type == "dossier.status";
}

std::vector<Recipient> dossier_recipients(store::Tx& tx, const events::Event& event) {
  std::vector<Recipient> out;
  const object p = payload_of(event);
  const auto* ids = p.if_contains("citizen_ids");
  if (ids == nullptr || !ids->is_array()) return out;
  for (const auto& id : ids->as_array()) {
    if (!id.is_int64()) continue;
    if (enabled(tx, id.as_int64(), Kind::kDossiers, Channel::kApp))
      out.push_back({id.as_int64(), Kind::kDossiers});
  }
  return out;
}

void describe_dossier(const events::Event& event, object& out) {
  const object p = payload_of(event);
  const std::string code = text_of(p, "dossier_code");
  const std::string status = text_of(p, "status");
  std::string_view vi = "có cập nhật mới", en = "has an update";
  for (const StatusText& t : kTexts) {
    if (t.status == status) {
      vi = t.vi;
      en = t.en;
    }
  }
  object title{{"vi", "Hồ sơ " + code + " " + std::string(vi)},
               {"en", "Dossier " + code + " " + std::string(en)}};
  // What the agency wrote, in its own words; else the procedure the dossier is for.
  std::string what = text_of(p, "note");
  if (what.empty()) what = text_of(p, "procedure_name");
  out["title"] = std::move(title);
  if (!what.empty()) out["body"] = object{{"vi", what}, {"en", what}};
  out["dossier_code"] = code;
}

}  // namespace cds::notify
