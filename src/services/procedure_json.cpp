#include "services/procedure_json.hpp"

#include <boost/json/array.hpp>

namespace cds::services {
namespace {

namespace json = boost::json;

std::string str(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().get_string())
                                                  : std::string();
}

const json::array* arr(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_array() ? &it->value().get_array() : nullptr;
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

json::object to_json(const Procedure& p) {
  json::object o;
  o["code"] = p.code;
  o["name"] = p.name;
  o["field"] = p.field;
  json::array levels;
  for (Level l : p.levels) levels.emplace_back(level_name(l));
  o["levels"] = std::move(levels);
  o["kind"] = p.kind;
  o["audience"] = p.audience;
  o["competent_agency"] = p.competent_agency;
  o["performing_agency"] = p.performing_agency;
  o["agency"] = p.agency();
  o["submit_at"] = p.submit_at;
  json::array channels;
  for (const Channel& c : p.channels)
    channels.push_back(json::object{{"channel", channel_name(c.kind)},
                                    {"time_limit", c.time_limit},
                                    {"fee", c.fee},
                                    {"description", c.description}});
  o["channels"] = std::move(channels);
  o["steps"] = strings(p.steps);
  json::array documents;
  for (const Document& d : p.documents)
    documents.push_back(
        json::object{{"name", d.name}, {"form", d.form}, {"count", d.count}, {"group", d.group}});
  o["documents"] = std::move(documents);
  json::array legal;
  for (const LegalBasis& b : p.legal_basis)
    legal.push_back(json::object{{"name", b.name}, {"code", b.code}});
  o["legal_basis"] = std::move(legal);
  o["conditions"] = p.conditions;
  o["result"] = p.result;
  o["keywords"] = strings(p.keywords);
  o["decision"] = p.decision;
  o["source_url"] = p.source_url;
  return o;
}

Procedure procedure_from_json(const json::object& o) {
  Procedure p;
  p.code = str(o, "code");
  p.name = str(o, "name");
  p.field = str(o, "field");
  if (const auto* a = arr(o, "levels"))
    for (const auto& v : *a)
      if (v.is_string())
        if (auto l = parse_level(v.get_string())) p.levels.push_back(*l);
  p.kind = str(o, "kind");
  p.audience = str(o, "audience");
  p.competent_agency = str(o, "competent_agency");
  p.performing_agency = str(o, "performing_agency");
  p.submit_at = str(o, "submit_at");
  if (const auto* a = arr(o, "channels"))
    for (const auto& v : *a) {
      if (!v.is_object()) continue;
      const auto& c = v.get_object();
      p.channels.push_back(
          Channel{parse_channel(str(c, "channel")).value_or(ChannelKind::kInPerson),
                  str(c, "time_limit"), str(c, "fee"), str(c, "description")});
    }
  if (const auto* a = arr(o, "steps"))
    for (const auto& v : *a)
      if (v.is_string()) p.steps.emplace_back(v.get_string());
  if (const auto* a = arr(o, "documents"))
    for (const auto& v : *a) {
      if (!v.is_object()) continue;
      const auto& d = v.get_object();
      p.documents.push_back(
          Document{str(d, "name"), str(d, "form"), str(d, "count"), str(d, "group")});
    }
  if (const auto* a = arr(o, "legal_basis"))
    for (const auto& v : *a) {
      if (!v.is_object()) continue;
      const auto& b = v.get_object();
      p.legal_basis.push_back(LegalBasis{str(b, "name"), str(b, "code")});
    }
  p.conditions = str(o, "conditions");
  p.result = str(o, "result");
  if (const auto* a = arr(o, "keywords"))
    for (const auto& v : *a)
      if (v.is_string()) p.keywords.emplace_back(v.get_string());
  p.decision = str(o, "decision");
  p.source_url = str(o, "source_url");
  return p;
}

}  // namespace cds::services
