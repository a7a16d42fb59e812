// Reading a procedure in the national public-service portal's shape (one JSON object per line of an
// import file; Vietnamese field names: ma_thu_tuc, ten_thu_tuc, linh_vuc, cach_thuc_thuc_hien,
// ...). The portal's pages flatten their tables into text ("Hình thức nộpThời gianPhí, lệ phíMô tả
// Trực tiếp7 NgàyMiễn phí..."); a crawl may also carry them as arrays of objects. Both are read.
#pragma once

#include <boost/json/object.hpp>

#include "common/status.hpp"
#include "services/procedure.hpp"

namespace cds::services {

// The procedure in `portal`, text NFC-normalized and the portal's "Không có thông tin" (no
// information) left empty. 422 procedure_code_invalid / procedure_name_missing when the two
// fields that identify a procedure are missing or malformed; anything else that cannot be read
// is left empty rather than refused.
Result<Procedure> from_portal(const boost::json::object& portal);

// Whether `code` has the shape of a procedure code: 1–40 of [0-9A-Za-z.-_] (e.g. "1.001193").
bool valid_code(std::string_view code);

// The pieces of the flattened tables, exposed for tests.
std::vector<Channel> parse_channels(std::string_view text);
std::vector<Document> parse_documents(std::string_view text);
std::vector<LegalBasis> parse_legal_basis(std::string_view text);
std::vector<std::string> parse_steps(std::string_view text);

}  // namespace cds::services
