// Status and Result: how regular failures travel from a store or a service up to the HTTP handler,
// which turns them into problem+json. Exceptions are kept for what cannot be handled where it
// happens.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cds {

// What kind of failure; the HTTP layer maps each to a status code.
enum class Code {
  kOk,
  kInvalid,           // 422: the request is well-formed but a field is wrong
  kBadRequest,        // 400: the request cannot be read (malformed JSON, wrong type)
  kUnauthorized,      // 401: no or unknown credentials
  kForbidden,         // 403: known caller, not allowed
  kNotFound,          // 404
  kConflict,          // 409: not allowed in the current state
  kTooLarge,          // 413
  kUnsupportedMedia,  // 415
  kTooManyRequests,   // 429
  kUnavailable,       // 503: the store or a dependency is down
  kInternal,          // 500
};

// A failure that a person may read. `key` names a message in the catalogue
// (src/common/messages.cpp) that exists in Vietnamese and English; `params` fill its
// {placeholders}; `fields` maps a request field to the key of its own message (validation errors).
class Status {
 public:
  Status() = default;
  Status(Code code, std::string key) : code_(code), key_(std::move(key)) {}

  static Status Ok() { return {}; }
  static Status Invalid(std::string key) { return {Code::kInvalid, std::move(key)}; }
  static Status BadRequest(std::string key) { return {Code::kBadRequest, std::move(key)}; }
  static Status Unauthorized() { return {Code::kUnauthorized, "unauthorized"}; }
  static Status Forbidden() { return {Code::kForbidden, "forbidden"}; }
  static Status NotFound(std::string key = "not_found") {
    return {Code::kNotFound, std::move(key)};
  }
  static Status Conflict(std::string key) { return {Code::kConflict, std::move(key)}; }
  static Status Unavailable(std::string key = "unavailable") {
    return {Code::kUnavailable, std::move(key)};
  }
  static Status Internal(std::string detail) {
    Status s{Code::kInternal, "internal"};
    s.internal_detail_ = std::move(detail);
    return s;
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& key() const { return key_; }
  const std::map<std::string, std::string>& params() const { return params_; }
  const std::map<std::string, std::string>& fields() const { return fields_; }
  // For logs only, never shown to a client.
  const std::string& internal_detail() const { return internal_detail_; }

  Status& with(std::string name, std::string value) {
    params_[std::move(name)] = std::move(value);
    return *this;
  }
  Status& field(std::string name, std::string message_key) {
    fields_[std::move(name)] = std::move(message_key);
    return *this;
  }

 private:
  Code code_ = Code::kOk;
  std::string key_;
  std::map<std::string, std::string> params_;
  std::map<std::string, std::string> fields_;
  std::string internal_detail_;
};

// A value or the Status that explains why there is none.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &std::get<T>(v_); }
  const T* operator->() const { return &std::get<T>(v_); }
  T& operator*() & { return std::get<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace cds
