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
      {"forbidden",
       {"Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."}},
      {"not_found", {"Không tìm thấy.", "Not found."}},
      {"route_not_found", {"Không có địa chỉ này.", "There is no such address."}},
      {"method_not_allowed",
       {"Địa chỉ này không nhận phương thức đó.", "This address does not accept that method."}},
      {"conflict",
       {"Thao tác không phù hợp với trạng thái hiện tại.",
        "This is not possible in the current state."}},
      {"too_large",
       {"Nội dung gửi lên quá lớn (tối đa {limit}).",
        "The request body is too large (at most {limit})."}},
      {"headers_too_large", {"Phần đầu yêu cầu quá lớn.", "The request headers are too large."}},
      {"unsupported_media_type",
       {"Định dạng nội dung không được hỗ trợ ({expected}).",
        "This content type is not supported ({expected})."}},
      {"too_many_requests",
       {"Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau.",
        "Too many requests; please try again later."}},
      {"unavailable",
       {"Hệ thống đang bận, vui lòng thử lại sau.",
        "The service is busy; please try again later."}},
      {"shutting_down",
       {"Máy chủ đang khởi động lại, vui lòng thử lại sau giây lát.",
        "The server is restarting; please try again in a moment."}},
      {"internal",
       {"Đã có lỗi ở phía hệ thống. Yêu cầu của bạn chưa được ghi nhận.",
        "Something went wrong on our side. Your request was not recorded."}},
      {"timeout", {"Yêu cầu gửi quá chậm.", "The request took too long to arrive."}},
      // Reading a request.
      {"malformed_json",
       {"Nội dung JSON không hợp lệ: {reason}.", "The JSON body is malformed: {reason}."}},
      {"json_object_expected",
       {"Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."}},
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
      // Reports and ideas.
      {"report_not_found", {"Không tìm thấy phản ánh.", "Report not found."}},
      {"unknown_category", {"Lĩnh vực không tồn tại.", "There is no such category."}},
      {"outside_city",
       {"Vị trí nằm ngoài Thành phố Hồ Chí Minh.", "The location is outside Ho Chi Minh City."}},
      {"location_required",
       {"Cần vị trí (lat/lon) hoặc địa chỉ.", "A location (lat/lon) or an address is required."}},
      {"unknown_ward", {"Phường/xã không tồn tại.", "There is no such ward or commune."}},
      {"too_many_photos", {"Tối đa {max} ảnh.", "At most {max} photos."}},
      {"invalid_phone", {"Số điện thoại không hợp lệ.", "The phone number is not valid."}},
      {"transition_not_allowed",
       {"Không thể thực hiện \"{action}\" khi phản ánh đang ở trạng thái \"{status}\".",
        "\"{action}\" is not possible while the report is \"{status}\"."}},
      {"already_assigned",
       {"Phản ánh đã được chuyển cho đơn vị {unit}.", "The report is already assigned to {unit}."}},
      {"merge_into_self",
       {"Không thể gộp phản ánh vào chính nó.", "A report cannot be merged into itself."}},
      {"merge_target_closed",
       {"Không thể gộp vào phản ánh {code} đã kết thúc.",
        "Cannot merge into {code}, which is closed."}},
      {"same_category",
       {"Phản ánh đã thuộc lĩnh vực này.", "The report is already in this category."}},
      {"own_report", {"Đây là phản ánh của chính bạn.", "This is your own report."}},
      {"not_an_idea", {"Chỉ có thể ủng hộ một góp ý, hiến kế.", "Only ideas can be supported."}},
      {"invalid_report_id", {"Mã phản ánh không hợp lệ.", "The report id is not valid."}},
      // Media.
      {"image_empty", {"Tệp ảnh trống.", "The image file is empty."}},
      {"image_too_large",
       {"Ảnh quá lớn (tối đa {limit}).", "The image is too large (at most {limit})."}},
      {"image_unsupported_format",
       {"Chỉ nhận ảnh {expected}; tệp gửi lên không phải là ảnh thuộc các định dạng này.",
        "Only {expected} images are accepted; the file sent is none of these."}},
      {"image_corrupt",
       {"Tệp ảnh bị hỏng hoặc không đầy đủ.", "The image file is damaged or incomplete."}},
      {"image_dimensions_too_large",
       {"Ảnh {width}×{height} điểm ảnh quá lớn (tối đa {max_megapixels} megapixel, mỗi cạnh tối đa "
        "{max_side} điểm ảnh).",
        "The image is too large at {width}×{height} pixels (at most {max_megapixels} megapixels "
        "and {max_side} pixels a side)."}},
      {"multipart_no_boundary",
       {"Content-Type multipart/form-data thiếu tham số boundary.",
        "The multipart/form-data Content-Type has no boundary parameter."}},
      {"multipart_bad_boundary",
       {"Tham số boundary không hợp lệ (1–70 ký tự được phép).",
        "The boundary parameter is not valid (1–70 allowed characters)."}},
      {"multipart_malformed",
       {"Nội dung multipart/form-data sai cấu trúc.",
        "The multipart/form-data body is malformed."}},
      {"multipart_unterminated",
       {"Nội dung multipart/form-data bị cắt cụt: thiếu dấu phân cách kết thúc.",
        "The multipart/form-data body is cut short: its closing delimiter is missing."}},
      {"multipart_too_many_parts",
       {"Nội dung multipart/form-data có quá nhiều phần (tối đa {max}).",
        "The multipart/form-data body has too many parts (at most {max})."}},
      {"multipart_headers_too_large",
       {"Phần đầu của một phần multipart quá lớn (tối đa {max} byte).",
        "The headers of a multipart part are too large (at most {max} bytes)."}},
      {"multipart_part_no_name",
       {"Mỗi phần multipart phải có tiêu đề Content-Disposition: form-data kèm tên (name).",
        "Each multipart part needs a Content-Disposition: form-data header with a name."}},
      {"multipart_unsupported_encoding",
       {"Không hỗ trợ Content-Transfer-Encoding \"{encoding}\"; hãy gửi dữ liệu nhị phân.",
        "Content-Transfer-Encoding \"{encoding}\" is not supported; send the bytes as they are."}},
      {"media_file_missing",
       {"Hãy gửi một tệp ảnh trong trường \"file\".",
        "Send one image file in the \"file\" field."}},
      {"media_file_repeated",
       {"Mỗi lần chỉ gửi một tệp ảnh trong trường \"file\".",
        "Send only one image file in the \"file\" field at a time."}},
      {"media_not_found", {"Không tìm thấy ảnh {id}.", "There is no photo {id}."}},
      {"media_not_owned",
       {"Ảnh {id} không phải do bạn tải lên.", "The photo {id} was not uploaded by you."}},
      {"media_duplicate",
       {"Ảnh {id} được gửi hơn một lần.", "The photo {id} is listed more than once."}},
      // Configuration and operations.
      {"invalid_config", {"Cấu hình không hợp lệ: {detail}", "Invalid configuration: {detail}"}},
      {"store_unreachable",
       {"Không kết nối được cơ sở dữ liệu.", "The database cannot be reached."}},
      {"holiday_not_found",
       {"Ngày này không phải ngày nghỉ lễ đã khai báo.", "That day is not a listed holiday."}},
      // Identity.
      {"session_expired",
       {"Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.",
        "Your session has ended; please sign in again."}},
      {"csrf_failed",
       {"Yêu cầu bị từ chối vì không đến từ ứng dụng Công dân số.",
        "Refused: the request did not come from the Công dân số app."}},
      {"session_not_found", {"Không tìm thấy phiên đăng nhập.", "No such session."}},
      {"sign_in_failed",
       {"Tên đăng nhập, mật khẩu hoặc mã xác thực không đúng.",
        "Wrong username, password or code."}},
      {"sign_in_locked",
       {"Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.",
        "Too many failed sign-ins. Please try again in {seconds} seconds."}},
      {"totp_code_required",
       {"Cần mã xác thực 6 số từ ứng dụng xác thực (hoặc một mã khôi phục).",
        "A 6-digit code from your authenticator app (or a recovery code) is required."}},
      {"enrolment_ticket_invalid",
       {"Phiên đăng ký xác thực hai lớp đã hết hạn, vui lòng đăng nhập lại.",
        "The two-factor enrolment has expired; please sign in again."}},
      {"totp_code_wrong",
       {"Mã xác thực không đúng hoặc đã hết hạn.", "The code is wrong or has expired."}},
      {"cannot_demote_self",
       {"Quản trị viên không thể tự khóa hoặc tự hạ quyền của mình.",
        "Administrators cannot disable or demote themselves."}},
      {"invalid_token",
       {"Mã truy cập không hợp lệ hoặc đã hết hạn.", "The access token is invalid or expired."}},
      {"invalid_username",
       {"Tên đăng nhập chỉ gồm chữ, số và . _ - @ (tối đa 64 ký tự).",
        "A username holds letters, digits and . _ - @ (at most 64 characters)."}},
      {"unit_required",
       {"Cán bộ đơn vị phải thuộc một đơn vị (--unit).", "Unit staff need a unit (--unit)."}},
      {"unit_not_allowed",
       {"Chỉ cán bộ đơn vị mới gắn với đơn vị.", "Only unit staff belong to a unit."}},
      {"unknown_unit", {"Không có đơn vị {unit}.", "There is no unit {unit}."}},
      {"unknown_user", {"Không có người dùng {username}.", "There is no user {username}."}},
      {"username_taken",
       {"Tên đăng nhập {username} đã được dùng.", "The username {username} is taken."}},
      {"password_too_short",
       {"Mật khẩu phải có ít nhất 8 ký tự.", "A password needs at least 8 characters."}},
      // Signing in with the national e-ID (VNeID).
      {"vneid_not_configured",
       {"Đăng nhập bằng VNeID chưa được bật trên máy chủ này.",
        "Signing in with VNeID is not enabled on this server."}},
      {"idp_unreachable",
       {"Không kết nối được với VNeID, vui lòng thử lại sau.",
        "VNeID cannot be reached; please try again later."}},
      {"idp_bad_reply",
       {"VNeID trả lời không đúng chuẩn, vui lòng thử lại sau.",
        "VNeID sent a reply that cannot be used; please try again later."}},
      {"oidc_state_invalid",
       {"Phiên đăng nhập VNeID không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại từ ứng dụng.",
        "This VNeID sign-in is invalid or has expired. Please sign in again from the app."}},
      {"oidc_denied", {"Bạn đã hủy đăng nhập bằng VNeID.", "The VNeID sign-in was cancelled."}},
      {"oidc_code_refused",
       {"VNeID không chấp nhận mã đăng nhập (đã dùng hoặc hết hạn). Vui lòng đăng nhập lại.",
        "VNeID refused the sign-in code (used or expired). Please sign in again."}},
      {"oidc_token_malformed",
       {"Không đọc được thông tin xác thực từ VNeID.",
        "The identity token from VNeID cannot be read."}},
      {"oidc_signature_invalid",
       {"Chữ ký của thông tin xác thực VNeID không hợp lệ.",
        "The signature of the VNeID identity token is not valid."}},
      {"oidc_unknown_key",
       {"Thông tin xác thực được ký bằng khóa VNeID không xác định.",
        "The identity token is signed with a key VNeID does not publish."}},
      {"oidc_wrong_issuer",
       {"Thông tin xác thực không do VNeID cấp.",
        "The identity token was not issued by the configured issuer."}},
      {"oidc_wrong_audience",
       {"Thông tin xác thực không dành cho Công dân số.",
        "The identity token was not issued for Công dân số."}},
      {"oidc_token_expired",
       {"Thông tin xác thực VNeID đã hết hạn. Vui lòng đăng nhập lại.",
        "The VNeID identity token has expired. Please sign in again."}},
      {"oidc_token_not_yet_valid",
       {"Thông tin xác thực VNeID chưa có hiệu lực (kiểm tra đồng hồ máy chủ).",
        "The VNeID identity token is not valid yet (check the server clock)."}},
      {"oidc_nonce_mismatch",
       {"Thông tin xác thực không thuộc phiên đăng nhập này.",
        "The identity token does not belong to this sign-in."}},
      {"account_disabled", {"Tài khoản này đã bị khóa.", "This account is disabled."}},
      // Consent (Law 91/2025/QH15).
      {"unknown_purpose",
       {"Không có mục đích xử lý dữ liệu {purpose}.", "There is no purpose {purpose}."}},
      {"consent_required",
       {"Cần sự đồng ý của bạn cho mục đích: {purpose}.",
        "This needs your consent for the purpose: {purpose}."}},
      {"citizens_only", {"Chức năng này dành cho công dân.", "This is for citizens."}},
      {"invalid_location",
       {"Vị trí phải là vĩ độ và kinh độ trong Thành phố Hồ Chí Minh.",
        "The location must be a latitude and longitude inside Ho Chi Minh City."}},
  };
  return kMessages;
}

}  // namespace

bool has_message(std::string_view key) {
  return catalogue().count(key) > 0;
}

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
