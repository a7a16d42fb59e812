// Every message a person may read, in Vietnamese and English. Keys are stable identifiers used by
// Status; add new ones here, in the group of the feature that raises them.
#include "common/messages.hpp"

#include <unordered_map>

namespace cds {
namespace {

const std::unordered_map<std::string_view, Message>& catalogue() {
  static const std::unordered_map<std::string_view, Message> kMessages = {
      // Generic problems (titles).
      {"bad_request", {"Yêu cầu không đọc được.", "The request cannot be read."}},
      {"invalid", {"Dữ liệu gửi lên chưa hợp lệ.", "Some fields are not valid."}},
      {"unauthorized", {"Bạn cần đăng nhập.", "You need to sign in."}},
      {"forbidden", {"Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."}},
      {"not_found", {"Không tìm thấy.", "Not found."}},
      {"route_not_found", {"Không có địa chỉ này.", "There is no such address."}},
      {"method_not_allowed",
       {"Địa chỉ này không nhận phương thức đó.", "This address does not accept that method."}},
      {"conflict", {"Thao tác không phù hợp với trạng thái hiện tại.",
                    "This is not possible in the current state."}},
      {"too_large", {"Nội dung gửi lên quá lớn (tối đa {limit}).",
                     "The request body is too large (at most {limit})."}},
      {"headers_too_large", {"Phần đầu yêu cầu quá lớn.", "The request headers are too large."}},
      {"unsupported_media_type",
       {"Định dạng nội dung không được hỗ trợ ({expected}).",
        "This content type is not supported ({expected})."}},
      {"too_many_requests", {"Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.",
                             "Too many requests; please try again later."}},
      {"unavailable", {"Hệ thống đang bận, vui lòng thử lại sau.",
                       "The service is busy; please try again later."}},
      {"shutting_down", {"Máy chủ đang khởi động lại, vui lòng thử lại sau giây lát.",
                         "The server is restarting; please try again in a moment."}},
      {"internal", {"Đã có lỗi ở phía hệ thống. Yêu cầu của bạn chưa được ghi nhận.",
                    "Something went wrong on our side. Your request was not recorded."}},
      {"timeout", {"Yêu cầu gửi quá chậm.", "The request took too long to arrive."}},
      // Reading a request.
      {"malformed_json", {"Nội dung JSON không hợp lệ: {reason}.", "The JSON body is malformed: {reason}."}},
      {"json_object_expected", {"Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."}},
      {"invalid_utf8", {"Văn bản không phải UTF-8 hợp lệ.", "The text is not valid UTF-8."}},
      {"field_required", {"Trường này là bắt buộc.", "This field is required."}},
      {"field_type_string", {"Phải là chuỗi ký tự.", "Must be a string."}},
      {"field_type_integer", {"Phải là số nguyên.", "Must be an integer."}},
      {"field_type_number", {"Phải là số.", "Must be a number."}},
      {"field_type_boolean", {"Phải là true hoặc false.", "Must be true or false."}},
      {"field_type_array", {"Phải là một danh sách.", "Must be a list."}},
      {"field_unknown", {"Trường này không được hỗ trợ.", "This field is not supported."}},
      {"field_blank", {"Không được để trống.", "Must not be empty."}},
      {"field_too_long", {"Quá dài (tối đa {max} ký tự).", "Too long (at most {max} characters)."}},
      {"field_out_of_range", {"Giá trị nằm ngoài khoảng cho phép.", "The value is out of range."}},
      {"field_one_of", {"Giá trị phải là một trong: {values}.", "Must be one of: {values}."}},
      {"invalid_query", {"Tham số truy vấn không hợp lệ.", "A query parameter is not valid."}},
      {"invalid_cursor", {"Con trỏ phân trang không hợp lệ.", "The paging cursor is not valid."}},
      {"idempotency_key_reused",
       {"Idempotency-Key này đã được dùng cho một yêu cầu khác.",
        "This Idempotency-Key was already used for a different request."}},
      {"idempotency_key_invalid",
       {"Idempotency-Key phải dài 1–200 ký tự in được.",
        "Idempotency-Key must be 1–200 printable characters."}},
      // Identity.
      {"invalid_token", {"Mã truy cập không hợp lệ hoặc đã hết hạn.", "The access token is invalid or expired."}},
  };
  return kMessages;
}

}  // namespace

bool has_message(std::string_view key) { return catalogue().count(key) > 0; }

std::string message(std::string_view key, bool english,
                    const std::map<std::string, std::string>& params) {
  auto it = catalogue().find(key);
  if (it == catalogue().end()) return std::string(key);
  std::string_view text = english ? it->second.en : it->second.vi;
  std::string out;
  out.reserve(text.size() + 16);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        auto p = params.find(std::string(text.substr(i + 1, close - i - 1)));
        if (p != params.end()) {
          out += p->second;
          i = close;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

}  // namespace cds
