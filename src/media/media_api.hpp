// The photo endpoints: upload (POST /api/v1/media, multipart/form-data) and download of the stored
// JPEG and its thumbnail (GET /api/v1/media/{id}[/thumbnail]).
#pragma once

#include <functional>
#include <string>

#include "auth/authenticator.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "media/media_service.hpp"

namespace cds::media {

class MediaApi {
 public:
  // Whether a photo may be shown to anyone (the reports feature answers: it belongs to a public
  // report). Called from worker threads, concurrently. May be empty: then only the owner and staff
  // see a photo.
  using IsPublic = std::function<bool(const std::string& media_id)>;

  // `media` and `auth` must outlive the routes registered.
  MediaApi(MediaService& media, const auth::Authenticator& auth, IsPublic is_public);

  void register_routes(http::Router& router);

  // The handlers, as registered.
  // POST /api/v1/media: any signed-in user; exactly one part named `file`; 201 with the photo.
  http::Response upload(http::Request& req) const;
  // GET /api/v1/media/{id}[/thumbnail]: to its owner, staff, or anyone when public; else 404.
  http::Response download(http::Request& req, bool thumbnail) const;

  // The upload route's body limit: the largest image plus room for the multipart framing.
  std::size_t upload_body_limit() const;

 private:
  MediaService& media_;
  const auth::Authenticator& auth_;
  IsPublic is_public_;
};

}  // namespace cds::media
