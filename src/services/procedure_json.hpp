// A procedure as JSON: the API's detail view, which is also what the store keeps in its detail
// column (so that reading a procedure back is parsing this).
#pragma once

#include <boost/json/object.hpp>

#include "common/status.hpp"
#include "services/procedure.hpp"

namespace cds::services {

boost::json::object to_json(const Procedure& p);
// The inverse of to_json; unknown or missing members are left empty.
Procedure procedure_from_json(const boost::json::object& o);

}  // namespace cds::services
