// Dossier tracking's routes (docs/DOSSIERS.md):
//   GET  /api/v1/dossiers/{code}                       public lookup; the receipt's secret in
//                                                      the X-Dossier-Secret header; rate-limited
//                                                      (the "lookup" class, app/rate_policy.cpp)
//   GET  /api/v1/me/dossiers                           a citizen's own dossiers (by e-ID)
//   GET  /api/v1/me/dossiers/{code}                    one of them
//   PUT  /api/v1/connector/dossiers/{code}             the public-service system: upsert
//   POST /api/v1/connector/dossiers/{code}/events      a status change, once per event id or
//                                                      Idempotency-Key
#pragma once

#include <string_view>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "dossiers/dossier_service.hpp"
#include "http/router.hpp"

namespace cds::dossiers {

// The header that carries the lookup secret (never the query: access logs keep the target).
inline constexpr std::string_view kSecretHeader = "X-Dossier-Secret";
class DossierApi {
 public:
  DossierApi(DossierService& dossiers, const auth::Authenticator& auth)
      : dossiers_(dossiers), gate_(auth) {}
  void register_routes(http::Router& router);

 private:
  http::Response lookup(http::Request& req);
  http::Response mine(http::Request& req, const auth::Principal& who);
  http::Response mine_one(http::Request& req, const auth::Principal& who);
  http::Response upsert(http::Request& req, const auth::Principal& who);
  http::Response add_event(http::Request& req, const auth::Principal& who);

  DossierService& dossiers_;
  auth::Gate gate_;
};

}  // namespace cds::dossiers
