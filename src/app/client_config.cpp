// The public configuration the web apps read at start-up.
#include "app/client_config.hpp"

#include <boost/json/object.hpp>

#include "auth/gate.hpp"
#include "citizens/citizen_service.hpp"
#include "http/json.hpp"

namespace cds::app {

void add_client_config_route(http::Router& router, const Config& config, bool vneid_sign_in) {
  // Built once: the configuration does not change while the process runs.
  const boost::json::object body{
      {"map_tiles_url", config.map_tiles_url},
      {"map_attribution", config.map_attribution},
      {"policy_version", citizens::kPolicyVersion},
      {"vneid_sign_in", vneid_sign_in},
  };
  router.add(http::Method::kGet, "/api/v1/config", auth::public_route([body](http::Request&) {
               http::Response r = http::json(200, body);
               // A new deployment's settings reach a returning app within minutes.
               r.header("Cache-Control", "public, max-age=300");
               return r;
             }),
             http::RouteOptions{.inline_handler = true});
}

}  // namespace cds::app
