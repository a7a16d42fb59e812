// The multipart/form-data reader: what browsers and curl send is read; anything malformed is a 400.
#include <gtest/gtest.h>

#include <string>

#include "media/multipart.hpp"

namespace cds::media {
namespace {

const std::string kType = "multipart/form-data; boundary=XyZ";

// A body with the parts given as raw "headers\r\n\r\ncontent" strings, delimited by --XyZ.
std::string body_of(std::initializer_list<std::string> parts, const std::string& boundary = "XyZ") {
  std::string body;
  for (const std::string& p : parts) body += "--" + boundary + "\r\n" + p + "\r\n";
  body += "--" + boundary + "--\r\n";
  return body;
}

std::string file_part(const std::string& name, const std::string& content) {
  return "Content-Disposition: form-data; name=\"" + name +
         "\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" + content;
}

std::string field_part(const std::string& name, const std::string& value) {
  return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
}

std::string error_key(std::string_view type, std::string_view body,
                      const MultipartLimits& limits = {}) {
  auto r = parse_multipart(type, body, limits);
  return r.ok() ? "ok" : r.status().key();
}

TEST(MediaMultipart, ReadsFieldsAndFilesAsViewsIntoTheBody) {
  const std::string binary =
      std::string("\xFF\xD8\x00", 3) + "\r\n--Xy\r\n\r\nZ" + std::string(1, '\0') + "end";
  const std::string body = body_of({field_part("note", "cây xanh đổ"), file_part("file", binary)});
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().key();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[0].content, "cây xanh đổ");
  EXPECT_EQ((*parts)[0].content_type, "");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "photo.jpg");
  EXPECT_EQ((*parts)[1].content_type, "image/jpeg");
  EXPECT_EQ((*parts)[1].content, binary);
  // Views, not copies.
  EXPECT_GE((*parts)[1].content.data(), body.data());
  EXPECT_LE((*parts)[1].content.data() + (*parts)[1].content.size(), body.data() + body.size());
}

TEST(MediaMultipart, ReadsQuotedAndCaseInsensitiveBoundaries) {
  const std::string boundary = "----=_Part 0:1,2.3?(x)'+/";
  const std::string body = body_of({field_part("a", "1")}, boundary);
  auto parts =
      parse_multipart("Multipart/Form-Data; charset=utf-8; Boundary=\"" + boundary + "\"", body);
  ASSERT_TRUE(parts.ok()) << parts.status().key();
  EXPECT_EQ((*parts)[0].content, "1");
  // Unquoted, with '=' as some mail-derived clients send it.
  const std::string unquoted = "----=_NextPart_000";
  EXPECT_EQ(error_key("multipart/form-data;boundary=" + unquoted,
                      body_of({field_part("a", "1")}, unquoted)),
            "ok");
}

TEST(MediaMultipart, IgnoresPreambleEpilogueAndTransportPadding) {
  const std::string body = "This is the preamble.\r\nIt is ignored.\r\n--XyZ  \t\r\n" +
                           field_part("a", "first") + "\r\n--XyZ\r\n" + field_part("b", "") +
                           "\r\n--XyZ--\r\nThis is the epilogue, also ignored. --XyZ\r\n";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().key();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].content, "first");
  EXPECT_EQ((*parts)[1].name, "b");
  EXPECT_EQ((*parts)[1].content, "");
  // A closing delimiter with nothing after it at all.
  const std::string bare = "--XyZ\r\n" + field_part("a", "x") + "\r\n--XyZ--";
  EXPECT_EQ(error_key(kType, bare), "ok");
}

TEST(MediaMultipart, KeepsCrlfAndBoundaryLookalikesInsideContent) {
  const std::string content = "line1\r\nline2\r\n\r\n-XyZ --XyZ\n--XyZ\r\n-";
  const std::string body = body_of({field_part("t", content)});
  auto parts = parse_multipart(kType, body);  // views into `body`, which must outlive them
  ASSERT_TRUE(parts.ok()) << parts.status().key();
  EXPECT_EQ((*parts)[0].content, content);
}

TEST(MediaMultipart, ReadsFilenamesWithEscapesAndUtf8) {
  const std::string body =
      body_of({"Content-Disposition: form-data; name=file; filename=\"a\\\"b ảnh.jpg\"\r\n\r\nx"});
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.status().key();
  EXPECT_EQ((*parts)[0].name, "file");
  EXPECT_EQ((*parts)[0].filename, "a\"b ảnh.jpg");
}

TEST(MediaMultipart, RefusesAMissingOrBadBoundary) {
  const std::string body = body_of({field_part("a", "1")});
  EXPECT_EQ(error_key("multipart/form-data", body), "multipart_no_boundary");
  EXPECT_EQ(error_key("multipart/form-data; charset=utf-8", body), "multipart_no_boundary");
  EXPECT_EQ(error_key("multipart/form-data; boundary=\"\"", body), "multipart_bad_boundary");
  EXPECT_EQ(error_key("multipart/form-data; boundary=" + std::string(71, 'a'), body),
            "multipart_bad_boundary");
  EXPECT_EQ(error_key("multipart/form-data; boundary=\"abc \"", body), "multipart_bad_boundary");
  EXPECT_EQ(error_key("multipart/form-data; boundary=\"a<b\"", body), "multipart_bad_boundary");
  EXPECT_EQ(error_key("multipart/form-data; boundary=\"unclosed", body), "multipart_bad_boundary");
  EXPECT_EQ(error_key("multipart/form-data; boundary=a; boundary=b", body),
            "multipart_bad_boundary");
  const std::string longest(70, 'b');
  EXPECT_EQ(error_key("multipart/form-data; boundary=" + longest,
                      body_of({field_part("a", "1")}, longest)),
            "ok");
  auto r = parse_multipart("multipart/form-data", body);
  EXPECT_EQ(r.status().code(), Code::kBadRequest);
}

TEST(MediaMultipart, RefusesOtherMediaTypesWith415) {
  for (std::string_view type : {"image/jpeg", "application/json", "multipart/mixed; boundary=XyZ",
                                "", "multipart/form-datax; boundary=XyZ"}) {
    auto r = parse_multipart(type, body_of({field_part("a", "1")}));
    ASSERT_FALSE(r.ok()) << type;
    EXPECT_EQ(r.status().code(), Code::kUnsupportedMedia) << type;
    EXPECT_EQ(r.status().params().at("expected"), "multipart/form-data");
  }
}

TEST(MediaMultipart, RefusesABodyWithoutItsClosingDelimiter) {
  const std::string open = "--XyZ\r\n" + field_part("a", "1");
  EXPECT_EQ(error_key(kType, open), "multipart_unterminated");
  EXPECT_EQ(error_key(kType, open + "\r\n--XyZ"), "multipart_unterminated");
  EXPECT_EQ(error_key(kType, "no delimiter here at all"), "multipart_unterminated");
  EXPECT_EQ(error_key(kType, ""), "multipart_unterminated");
  EXPECT_EQ(error_key(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n"),
            "multipart_unterminated");
  auto r = parse_multipart(kType, open);
  EXPECT_EQ(r.status().code(), Code::kBadRequest);
}

TEST(MediaMultipart, RequiresCrlfLineEnds) {
  const std::string lf = "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--\n";
  EXPECT_NE(error_key(kType, lf), "ok");
  // A delimiter line followed by something else than padding and CRLF.
  EXPECT_EQ(error_key(kType, "--XyZ\r\n" + field_part("a", "1") + "\r\n--XyZjunk\r\n"),
            "multipart_malformed");
  // A header line with a bare LF inside.
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data; name=a\nX: y\r\n\r\n1"})),
            "multipart_malformed");
}

TEST(MediaMultipart, RefusesPartsWithoutAName) {
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data\r\n\r\n1"})),
            "multipart_part_no_name");
  EXPECT_EQ(
      error_key(kType, body_of({"Content-Disposition: form-data; filename=\"a.jpg\"\r\n\r\n1"})),
      "multipart_part_no_name");
  EXPECT_EQ(error_key(kType, body_of({"Content-Type: text/plain\r\n\r\n1"})),
            "multipart_part_no_name");
  EXPECT_EQ(error_key(kType, body_of({"\r\n1"})), "multipart_part_no_name");
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: attachment; name=a\r\n\r\n1"})),
            "multipart_part_no_name");
  // Found by fuzz/multipart_fuzz: an empty name was read as a part named "".
  EXPECT_EQ(error_key(kType, body_of({file_part("", "\xff\xd8")})), "multipart_part_no_name");
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data; name=\"\"\r\n\r\n1"})),
            "multipart_part_no_name");
}

TEST(MediaMultipart, RefusesMalformedPartHeaders) {
  // Folded header line, missing colon, space before colon, repeated headers and parameters.
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data;\r\n name=a\r\n\r\n1"})),
            "multipart_malformed");
  EXPECT_EQ(error_key(kType, body_of({field_part("a", "1").insert(0, "Garbage\r\n")})),
            "multipart_malformed");
  EXPECT_EQ(error_key(kType, body_of({field_part("a", "1").insert(0, "X-Foo : bar\r\n")})),
            "multipart_malformed");
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data; name=a\r\n"
                                      "Content-Disposition: form-data; name=b\r\n\r\n1"})),
            "multipart_malformed");
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data; name=a; name=b\r\n\r\n1"})),
            "multipart_malformed");
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data; name=\"a\r\n\r\n1"})),
            "multipart_malformed");
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data; name=a\r\n"
                                      "Content-Transfer-Encoding: base64\r\n\r\nMQ=="})),
            "multipart_unsupported_encoding");
  EXPECT_EQ(error_key(kType, body_of({"Content-Disposition: form-data; name=a\r\n"
                                      "Content-Transfer-Encoding: binary\r\n"
                                      "X-Unknown: ignored\r\n\r\n1"})),
            "ok");
}

TEST(MediaMultipart, RefusesTooManyPartsAndNoParts) {
  std::string ten, eleven;
  for (int i = 0; i < 10; ++i)
    ten += "--XyZ\r\n" + field_part("f" + std::to_string(i), "v") + "\r\n";
  eleven = ten + "--XyZ\r\n" + field_part("f10", "v") + "\r\n";
  EXPECT_EQ(error_key(kType, ten + "--XyZ--"), "ok");
  auto r = parse_multipart(kType, eleven + "--XyZ--");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().key(), "multipart_too_many_parts");
  EXPECT_EQ(r.status().params().at("max"), "10");
  EXPECT_EQ(error_key(kType, "--XyZ--\r\n"), "multipart_malformed");
}

TEST(MediaMultipart, RefusesAHeaderSectionThatIsTooBig) {
  const std::string huge =
      "Content-Disposition: form-data; name=a\r\nX-Pad: " + std::string(9000, 'p') + "\r\n\r\n1";
  auto r = parse_multipart(kType, body_of({huge}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().key(), "multipart_headers_too_large");
  EXPECT_EQ(r.status().code(), Code::kBadRequest);
  MultipartLimits roomy;
  roomy.max_header_bytes = 16 * 1024;
  EXPECT_EQ(error_key(kType, body_of({huge}), roomy), "ok");
}

TEST(MediaMultipart, BoundaryHelper) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc").value(), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data ;boundary=\"a b\" ").value(), "a b");
  EXPECT_EQ(multipart_boundary("text/plain").status().code(), Code::kUnsupportedMedia);
}

}  // namespace
}  // namespace cds::media
