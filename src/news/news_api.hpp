// News and announcements over HTTP (docs/NEWS.md):
//   GET  /api/v1/news                         public list: ?q=&kind=&page=&per_page=
//   GET  /api/v1/news/{id}                    a published item
//   GET  /news.atom                           Atom feed of the latest published items
//   GET  /api/v1/staff/news                   every item, newest change first   (editor, admin)
//   POST /api/v1/staff/news                   a new draft (201)
//   POST /api/v1/staff/news/preview           {body_md} → {html}, as readers would get it
//   GET  /api/v1/staff/news/{id}
//   PUT  /api/v1/staff/news/{id}              the same fields as POST
//   POST /api/v1/staff/news/{id}/publish      {publish_at?, notify?}
//   POST /api/v1/staff/news/{id}/unpublish
#pragma once

#include <string>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "http/router.hpp"
#include "news/news_service.hpp"

namespace cds::news {

class NewsApi {
 public:
  // `site`: the public address without a trailing slash, for the feed's absolute links.
  // `service` and `auth` must outlive the routes.
  NewsApi(NewsService& service, const auth::Authenticator& auth, std::string site)
      : service_(service), gate_(auth), site_(std::move(site)) {}

  void register_routes(http::Router& router);

 private:
  http::Response list_public(http::Request& req);
  http::Response get_public(http::Request& req);
  http::Response feed(http::Request& req);
  http::Response list_staff(http::Request& req);
  http::Response get_staff(http::Request& req);
  http::Response create(http::Request& req, const auth::Principal& who);
  http::Response update(http::Request& req, const auth::Principal& who);
  http::Response publish(http::Request& req, const auth::Principal& who);
  http::Response unpublish(http::Request& req, const auth::Principal& who);
  http::Response preview(http::Request& req);

  NewsService& service_;
  auth::Gate gate_;
  const std::string site_;
};

}  // namespace cds::news
