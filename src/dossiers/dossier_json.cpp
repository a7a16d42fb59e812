#include "dossiers/dossier_json.hpp"

#include <boost/json/array.hpp>

namespace cds::dossiers {
namespace {

namespace json = boost::json;

json::value time_or_null(const std::optional<Millis>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

}  // namespace

json::object dossier_json(const Dossier& d, bool masked, Millis now) {
  json::object applicant;
  applicant["name"] = masked ? mask_name(d.applicant_name) : d.applicant_name;
  if (d.applicant_id)
    applicant["id_number"] = masked ? mask_id(*d.applicant_id) : *d.applicant_id;
  else
    applicant["id_number"] = nullptr;
  applicant["masked"] = masked;
  json::array timeline;
  for (const TimelineEntry& e : d.timeline)
    timeline.push_back(
        json::object{{"status", e.status}, {"note", e.note}, {"at", format_rfc3339(e.at)}});
  json::object o;
  o["code"] = d.code;
  o["procedure"] = json::object{{"code", d.procedure_code}, {"name", d.procedure_name}};
  o["agency"] = d.agency;
  o["applicant"] = std::move(applicant);
  o["status"] = d.status;
  o["submitted_at"] = format_rfc3339(d.submitted_at);
  o["appointment_at"] = time_or_null(d.appointment_at);
  o["completed_at"] = time_or_null(d.completed_at);
  // Late: the promised day has passed and the result is not ready.
  o["overdue"] = d.appointment_at && *d.appointment_at < now && !is_final(d.status) &&
                 d.status != "ready_to_return";
  o["updated_at"] = format_rfc3339(d.updated_at);
  o["timeline"] = std::move(timeline);
  return o;
}

}  // namespace cds::dossiers
