// Dossiers as the API shows them: to anyone holding the receipt (the applicant masked) and to the
// applicant themself (in full).
#pragma once

#include <boost/json/object.hpp>

#include "dossiers/dossier.hpp"

namespace cds::dossiers {

// {code, procedure:{code,name}, agency, applicant:{name, id_number, masked}, status, submitted_at,
//  appointment_at, completed_at, overdue, updated_at, timeline:[{status, note, at}]}
// With `masked` the applicant's name and ID number are masked (mask_name, mask_id).
boost::json::object dossier_json(const Dossier& d, bool masked, Millis now);

}  // namespace cds::dossiers
