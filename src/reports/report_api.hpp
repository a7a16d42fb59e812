// HTTP handlers of reports and ideas, for citizens (/api/v1/reports) and staff
// (/api/v1/staff/reports).
#pragma once

#include "auth/authenticator.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "reports/report_service.hpp"

namespace cds::reports {

class ReportApi {
 public:
  ReportApi(ReportService& service, const auth::Authenticator& auth, const Clock& clock)
      : service_(service), auth_(auth), clock_(clock) {}

  void register_routes(http::Router& router);

 private:
  http::Response submit(http::Request& req, bool staff_intake);
  http::Response list(http::Request& req);
  http::Response get(http::Request& req);
  http::Response author_action(http::Request& req, Action action);
  http::Response follow(http::Request& req, bool on);
  http::Response support(http::Request& req);
  http::Response staff_list(http::Request& req);
  http::Response staff_get(http::Request& req);
  http::Response staff_action(http::Request& req);

  ReportService& service_;
  const auth::Authenticator& auth_;
  const Clock& clock_;
};

}  // namespace cds::reports
