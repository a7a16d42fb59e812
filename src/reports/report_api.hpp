// HTTP handlers of reports and ideas, for citizens (/api/v1/reports) and staff
// (/api/v1/staff/reports).
#pragma once

#include <optional>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "reports/report_service.hpp"

namespace cds::reports {

class ReportApi {
 public:
  ReportApi(ReportService& service, const auth::Authenticator& auth, const Clock& clock)
      : service_(service), gate_(auth), clock_(clock) {}

  void register_routes(http::Router& router);

 private:
  using Caller = std::optional<auth::Principal>;

  http::Response submit(http::Request& req, const auth::Principal& who, bool staff_intake);
  http::Response list(http::Request& req, const Caller& who);
  http::Response get(http::Request& req, const Caller& who);
  http::Response author_action(http::Request& req, const auth::Principal& who, Action action);
  http::Response follow(http::Request& req, const auth::Principal& who, bool on);
  http::Response support(http::Request& req, const auth::Principal& who);
  http::Response staff_list(http::Request& req, const auth::Principal& who);
  http::Response staff_get(http::Request& req, const auth::Principal& who);
  http::Response staff_action(http::Request& req, const auth::Principal& who);

  ReportService& service_;
  auth::Gate gate_;
  const Clock& clock_;
};

}  // namespace cds::reports
