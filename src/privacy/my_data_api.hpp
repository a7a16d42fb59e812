// The signed-in person's own data (Law 91/2025/QH15, the right to see and take it):
// GET /api/v1/me/export gathers it from every feature's service into one JSON document;
// DELETE /api/v1/me erases the account and unlinks what the city keeps.
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "auth/sessions.hpp"
#include "citizens/citizen_service.hpp"
#include "dossiers/dossier_service.hpp"
#include "http/router.hpp"
#include "reports/report_service.hpp"
#include "users/user_service.hpp"

namespace cds::privacy {

class MyDataApi {
 public:
  MyDataApi(store::Database& db, const auth::Authenticator& auth, users::UserService& users,
            reports::ReportService& reports, const auth::Sessions& sessions,
            const citizens::CitizenService& citizens, const dossiers::DossierService& dossiers,
            const Clock& clock)
      : db_(db),
        gate_(auth),
        users_(users),
        reports_(reports),
        sessions_(sessions),
        citizens_(citizens),
        dossiers_(dossiers),
        clock_(clock) {}

  void register_routes(http::Router& router);

 private:
  http::Response export_my_data(http::Request& req, const auth::Principal& who);
  http::Response delete_me(http::Request& req, const auth::Principal& who);

  store::Database& db_;
  auth::Gate gate_;
  users::UserService& users_;
  reports::ReportService& reports_;
  const auth::Sessions& sessions_;
  const citizens::CitizenService& citizens_;
  const dossiers::DossierService& dossiers_;
  const Clock& clock_;
};

}  // namespace cds::privacy
