// GET /api/v1/config: what the web apps need to know of this server's configuration (the map's
// tiles, the policy version, whether citizens can sign in with VNeID). Nothing secret.
#pragma once

#include "app/config.hpp"
#include "http/router.hpp"

namespace cds::app {

// `vneid_sign_in`: whether an e-ID issuer is configured (citizen sign-in is on).
void add_client_config_route(http::Router& router, const Config& config, bool vneid_sign_in);

}  // namespace cds::app
