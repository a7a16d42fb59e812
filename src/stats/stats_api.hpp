// HTTP handlers of the leaders' dashboard: GET /api/v1/staff/stats and
// GET /api/v1/staff/stats/ranking, as JSON or as a CSV download (?format=csv).
#pragma once

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "catalog/catalog.hpp"
#include "common/clock.hpp"
#include "http/router.hpp"
#include "stats/stats_service.hpp"

namespace cds::stats {

// Operators, leaders and admins see every figure; unit staff see only their own unit's (the stats
// scoped to it, their own row of the ranking); other roles get 403.
class StatsApi {
 public:
  StatsApi(const StatsService& service, const catalog::Catalog& catalog,
           const auth::Authenticator& auth, const Clock& clock)
      : service_(service), catalog_(catalog), gate_(auth), clock_(clock) {}

  void register_routes(http::Router& router);

 private:
  http::Response stats(http::Request& req, const auth::Principal& who) const;
  http::Response ranking(http::Request& req, const auth::Principal& who) const;

  const StatsService& service_;
  const catalog::Catalog& catalog_;
  auth::Gate gate_;
  const Clock& clock_;
};

}  // namespace cds::stats
