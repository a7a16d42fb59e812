// The photo endpoints: upload (POST /api/v1/media, multipart/form-data) and download of the stored
// JPEG and its thumbnail (GET /api/v1/media/{id}[/thumbnail]).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "auth/authenticator.hpp"
#include "auth/gate.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "media/media_service.hpp"

namespace cds::media {

class MediaApi {
 public:
  // Whether a photo may be shown to `who` (nullopt: not signed in) besides its owner and the
  // report staff: the features that use photos answer (a public report's photo, a published
  // news cover, any cover for the editors). Called from worker threads, concurrently. May be
  // empty: then only the owner and report staff see a photo.
  using MayView =
      std::function<bool(const std::string& media_id, const std::optional<auth::Principal>& who)>;

  // `media` and `auth` must outlive the routes registered.
  MediaApi(MediaService& media, const auth::Authenticator& auth, MayView may_view);
  // The route handlers point at this object.
  MediaApi(const MediaApi&) = delete;
  MediaApi& operator=(const MediaApi&) = delete;

  void register_routes(http::Router& router);

  // The routes' handlers, as registered: the gate, then the handler.
  // POST /api/v1/media: any signed-in user; exactly one part named `file`; 201 with the photo.
  http::Response upload(http::Request& req) const { return upload_route_(req); }
  // GET /api/v1/media/{id}[/thumbnail]: anyone may ask; the photo is shown to its owner, report
  // staff, or anyone when public; else 404.
  http::Response download(http::Request& req, bool thumbnail) const {
    return (thumbnail ? thumbnail_route_ : download_route_)(req);
  }

  // The upload route's body limit: the largest image plus room for the multipart framing.
  std::size_t upload_body_limit() const;

 private:
  http::Response upload_as(http::Request& req, const auth::Principal& who) const;
  http::Response download_for(http::Request& req, const std::optional<auth::Principal>& who,
                              bool thumbnail) const;

  MediaService& media_;
  MayView may_view_;
  auth::Gate gate_;
  // Built once by the constructor from gate_; what register_routes puts on the router.
  http::Handler upload_route_;
  http::Handler download_route_;
  http::Handler thumbnail_route_;
};

}  // namespace cds::media
