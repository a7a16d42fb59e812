#include <gtest/gtest.h>

#include "dossiers/dossier.hpp"
#include "dossiers/dossier_json.hpp"

namespace cds::dossiers {
namespace {

TEST(MaskName, KeepsTheFamilyNameAndInitialsOnly) {
  EXPECT_EQ(mask_name("Nguyễn Văn An"), "Nguyễn V*** A*");
  EXPECT_EQ(mask_name("Đặng Ngọc Lan Anh"), "Đặng N*** L*** A*");
  EXPECT_EQ(mask_name("  Lê   Ánh  "), "Lê Á*");
  // One word alone would be the whole name: masked too.
  EXPECT_EQ(mask_name("Đạt"), "Đ*");
  EXPECT_EQ(mask_name(""), "");
}

TEST(MaskId, ShowsTheLastThreeDigits) {
  EXPECT_EQ(mask_id("079085012345"), "*********345");
  EXPECT_EQ(mask_id("12"), "**");
}

TEST(Normalize, CodesSecretsAndIdNumbers) {
  EXPECT_EQ(normalize_code("38.98.h29-210519-0013"), "38.98.H29-210519-0013");
  EXPECT_FALSE(normalize_code("abc"));
  EXPECT_FALSE(normalize_code("38.98 H29"));
  EXPECT_FALSE(normalize_code(std::string(41, 'A')));
  EXPECT_EQ(normalize_secret("ks2611"), "KS2611");
  EXPECT_FALSE(normalize_secret("ks261"));
  EXPECT_FALSE(normalize_secret("ks-2611"));
  EXPECT_EQ(normalize_id_number("079 085 012 345"), "079085012345");
  EXPECT_EQ(normalize_id_number("123456789"), "123456789");
  EXPECT_FALSE(normalize_id_number("07908501234"));
  EXPECT_FALSE(normalize_id_number("07908501234x"));
}

TEST(Statuses, FinalOnesEndADossier) {
  EXPECT_TRUE(valid_status("more_documents_required"));
  EXPECT_FALSE(valid_status("done"));
  EXPECT_TRUE(is_final("returned"));
  EXPECT_TRUE(is_final("rejected"));
  EXPECT_FALSE(is_final("ready_to_return"));
}

TEST(DossierJson, ThePublicViewNeverCarriesTheFullNameOrId) {
  Dossier d;
  d.code = "38.98.H29-261120-0001";
  d.applicant_name = "Nguyễn Văn An";
  d.applicant_id = "079085012345";
  d.status = "processing";
  d.submitted_at = 1'000;
  d.appointment_at = 2'000;
  d.timeline = {{"received", "", 1'000}, {"processing", "Đang kiểm tra", 1'500}};
  const auto masked = dossier_json(d, true, 3'000);
  EXPECT_EQ(masked.at("applicant").at("name"), "Nguyễn V*** A*");
  EXPECT_EQ(masked.at("applicant").at("id_number"), "*********345");
  EXPECT_TRUE(masked.at("overdue").as_bool());
  EXPECT_EQ(masked.at("timeline").as_array().size(), 2u);
  const auto full = dossier_json(d, false, 1'500);
  EXPECT_EQ(full.at("applicant").at("name"), "Nguyễn Văn An");
  EXPECT_EQ(full.at("applicant").at("id_number"), "079085012345");
  EXPECT_FALSE(full.at("overdue").as_bool());
}

}  // namespace
}  // namespace cds::dossiers
