// Photo upload and download handlers.
#include "media/media_api.hpp"

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/json.hpp"
#include "http/problem.hpp"
#include "media/multipart.hpp"
#include "store/idempotency.hpp"

namespace cds::media {
namespace {

// Staff whose work is reports may open any report's photos; editors, alert officers and
// connectors have no business with citizens' pictures. Not a route rule: the owner and, for a
// public report, anyone see a photo too.
constexpr auth::Access kReportStaff = auth::Access::roles(
    {auth::Role::kOperator, auth::Role::kUnitStaff, auth::Role::kLeader, auth::Role::kAdmin});

// Photos never change under their id; "private" keeps shared caches from holding them, since
// whether a photo is visible depends on who asks.
constexpr const char* kCacheControl = "private, max-age=31536000, immutable";
// Multipart framing and a few small text fields beside the file.
constexpr std::size_t kFramingAllowance = 64 * 1024;

boost::json::object to_json(const MediaInfo& m) {
  const std::string url = "/api/v1/media/" + m.id;
  boost::json::object o;
  o["id"] = m.id;
  o["url"] = url;
  o["thumbnail_url"] = url + "/thumbnail";
  o["width"] = m.width;
  o["height"] = m.height;
  o["bytes"] = m.bytes;
  o["content_type"] = std::string(kMediaMime);
  return o;
}

}  // namespace

MediaApi::MediaApi(MediaService& media, const auth::Authenticator& auth, MayView may_view)
    : media_(media),
      may_view_(std::move(may_view)),
      gate_(auth),
      upload_route_(gate_.allow(
          auth::Access::signed_in(),
          [this](http::Request& req, const auth::Principal& who) { return upload_as(req, who); })),
      download_route_(gate_.allow_optional(
          [this](http::Request& req, const std::optional<auth::Principal>& who) {
            return download_for(req, who, false);
          })),
      thumbnail_route_(gate_.allow_optional(
          [this](http::Request& req, const std::optional<auth::Principal>& who) {
            return download_for(req, who, true);
          })) {}

std::size_t MediaApi::upload_body_limit() const {
  return media_.limits().max_bytes + kFramingAllowance;
}

void MediaApi::register_routes(http::Router& router) {
  router.add(http::Method::kPost, "/api/v1/media", upload_route_,
             http::RouteOptions{.body_limit = upload_body_limit(), .inline_handler = false});
  router.add(http::Method::kGet, "/api/v1/media/{id}", download_route_);
  router.add(http::Method::kGet, "/api/v1/media/{id}/thumbnail", thumbnail_route_);
}

http::Response MediaApi::upload_as(http::Request& req, const auth::Principal& who) const {
  Result<std::vector<FormPart>> parts = parse_multipart(req.header("content-type"), req.body);
  if (!parts.ok()) return http::problem(req, parts.status());
  const FormPart* file = nullptr;
  for (const FormPart& part : *parts) {
    if (part.name != "file") continue;
    if (file != nullptr) {
      return http::problem(
          req, Status::Invalid("media_file_repeated").field("file", "media_file_repeated"));
    }
    file = &part;
  }
  if (file == nullptr) {
    return http::problem(req,
                         Status::Invalid("media_file_missing").field("file", "media_file_missing"));
  }

  std::optional<std::string> idempotency_key;
  if (req.has_header("idempotency-key")) {
    idempotency_key = std::string(req.header("idempotency-key"));
    if (!store::valid_idempotency_key(*idempotency_key)) {
      return http::problem(req, Status::BadRequest("idempotency_key_invalid"));
    }
  }

  Result<MediaInfo> info = media_.upload(who, file->content, idempotency_key);
  if (!info.ok()) return http::problem(req, info.status());
  http::Response res = http::json(201, to_json(*info));
  res.header("Location", "/api/v1/media/" + info->id);
  return res;
}

http::Response MediaApi::download_for(http::Request& req, const std::optional<auth::Principal>& who,
                                      bool thumbnail) const {
  const std::string_view id = req.path_param("id");
  // Unknown and not-yours answer alike, so that an id reveals nothing.
  const Status hidden =
      Status::NotFound("media_not_found").with("id", std::string(id.substr(0, 64)));
  Result<MediaInfo> info = media_.get(id);
  if (!info.ok()) {
    return http::problem(req, info.status().code() == Code::kNotFound ? hidden : info.status());
  }
  const bool visible =
      (who && (who->user_id == info->owner_id || kReportStaff.admits(who->role))) ||
      (may_view_ && may_view_(info->id, who));
  if (!visible) return http::problem(req, hidden);

  Result<std::string> bytes = media_.read_file(*info, thumbnail);
  if (!bytes.ok()) return http::problem(req, bytes.status());
  http::Response res;
  res.status = 200;
  res.content_type = std::string(kMediaMime);
  res.body = std::move(bytes).value();
  res.header("Cache-Control", kCacheControl);
  res.header("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace cds::media
