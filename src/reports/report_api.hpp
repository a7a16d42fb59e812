// HTTP handlers of reports and ideas, for citizens (/api/v1/reports) and staff
// (/api/v1/staff/reports).
#pragma once

#include <functional>

#include <optional>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "reports/report_service.hpp"

namespace cds::reports {

class ReportApi {
 public:
  // `may_send` says whether a citizen may send reports and ideas now (consent to the terms of
  // use); null: always.
  using MaySend = std::function<Status(std::int64_t user_id)>;
  ReportApi(ReportService& service, const auth::Authenticator& auth, const Clock& clock,
            MaySend may_send = nullptr)
      : service_(service), gate_(auth), clock_(clock), may_send_(std::move(may_send)) {}

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
  MaySend may_send_;
};

}  // namespace cds::reports
