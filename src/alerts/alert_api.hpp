// Hot alerts' routes (docs/ALERTS.md):
//   POST /api/v1/staff/alerts                  a draft (with "references": an Update)
//   GET  /api/v1/staff/alerts                  drafts first, then sent, newest first
//   GET  /api/v1/staff/alerts/{id}             with who drafted and approved, and its figures
//   PUT  /api/v1/staff/alerts/{id}             a draft's content
//   POST /api/v1/staff/alerts/{id}/approve     sends it (another officer than its author)
//   POST /api/v1/staff/alerts/{id}/cancel      a Cancel draft for a sent alert; drops a draft
//   GET  /api/v1/alerts                        alerts in force (?ward=)
//   GET  /api/v1/alerts/{id}                   a sent alert
//   POST /api/v1/alerts/{id}/opened            its page was opened (figures)
//   GET  /alerts/{id}.cap                      the CAP 1.2 document
//   GET  /alerts.atom                          the Atom feed of sent alerts
#pragma once

#include <boost/json/object.hpp>

#include "alerts/alert_service.hpp"
#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "http/router.hpp"

namespace cds::alerts {

class AlertApi {
 public:
  AlertApi(AlertService& alerts, const auth::Authenticator& auth) : alerts_(alerts), gate_(auth) {}
  void register_routes(http::Router& router);

 private:
  http::Response draft(http::Request& req, const auth::Principal& who);
  http::Response edit(http::Request& req, const auth::Principal& who);
  http::Response approve(http::Request& req, const auth::Principal& who);
  http::Response cancel(http::Request& req, const auth::Principal& who);
  http::Response staff_list(http::Request& req, const auth::Principal& who);
  http::Response staff_get(http::Request& req, const auth::Principal& who);
  http::Response active(http::Request& req);
  http::Response public_get(http::Request& req);
  http::Response opened(http::Request& req, const std::optional<auth::Principal>& who);
  http::Response cap(http::Request& req);
  http::Response atom(http::Request& req);

  boost::json::object staff_json(const Alert& a) const;
  boost::json::object public_json(const Alert& a) const;

  AlertService& alerts_;
  auth::Gate gate_;
};

}  // namespace cds::alerts
