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
// connectors have no business with citizens' pictures.
bool handles_reports(auth::Role role) {
  using auth::Role;
  return role == Role::kOperator || role == Role::kUnitStaff || role == Role::kLeader ||
         role == Role::kAdmin;
}

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

MediaApi::MediaApi(MediaService& media, const auth::Authenticator& auth, IsPublic is_public)
    : media_(media), auth_(auth), is_public_(std::move(is_public)) {}

std::size_t MediaApi::upload_body_limit() const {
  return media_.limits().max_bytes + kFramingAllowance;
}

void MediaApi::register_routes(http::Router& router) {
  router.add(
      http::Method::kPost, "/api/v1/media", [this](http::Request& req) { return upload(req); },
      http::RouteOptions{.body_limit = upload_body_limit(), .inline_handler = false});
  router.add(http::Method::kGet, "/api/v1/media/{id}",
             [this](http::Request& req) { return download(req, false); });
  router.add(http::Method::kGet, "/api/v1/media/{id}/thumbnail",
             [this](http::Request& req) { return download(req, true); });
}

http::Response MediaApi::upload(http::Request& req) const {
  Result<auth::Principal> who = auth_.authenticate(req);
  if (!who.ok()) return http::problem(req, who.status());

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

  Result<MediaInfo> info = media_.upload(*who, file->content, idempotency_key);
  if (!info.ok()) return http::problem(req, info.status());
  http::Response res = http::json(201, to_json(*info));
  res.header("Location", "/api/v1/media/" + info->id);
  return res;
}

http::Response MediaApi::download(http::Request& req, bool thumbnail) const {
  Result<std::optional<auth::Principal>> who = auth_.authenticate_optional(req);
  if (!who.ok()) return http::problem(req, who.status());

  const std::string_view id = req.path_param("id");
  // Unknown and not-yours answer alike, so that an id reveals nothing.
  const Status hidden =
      Status::NotFound("media_not_found").with("id", std::string(id.substr(0, 64)));
  Result<MediaInfo> info = media_.get(id);
  if (!info.ok()) {
    return http::problem(req, info.status().code() == Code::kNotFound ? hidden : info.status());
  }
  const std::optional<auth::Principal>& caller = *who;
  const bool visible =
      (caller && (caller->user_id == info->owner_id || handles_reports(caller->role))) ||
      (is_public_ && is_public_(info->id));
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
