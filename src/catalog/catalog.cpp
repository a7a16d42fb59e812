// Reading and seeding the catalogue.
#include "catalog/catalog.hpp"

#include "areas/wards.hpp"
#include "catalog/catalog_data.hpp"
#include "text/fold.hpp"

namespace cds::catalog {
namespace {

constexpr std::string_view kCategoryColumns =
    "SELECT code, name, name_en, deadline_days, sensitive, icon FROM categories";
constexpr std::string_view kUnitColumns = "SELECT code, name, name_en, kind, area_code FROM units";

Category category_from(const store::Row& r) {
  return Category{r.str(0), r.str(1), r.str(2), static_cast<int>(r.i64(3)), r.boolean(4), r.str(5)};
}
Unit unit_from(const store::Row& r) {
  return Unit{r.str(0), r.str(1), r.str(2), r.str(3), r.opt_str(4)};
}

std::string ward_committee(std::string_view ward_code) {
  return std::string(kWardCommitteePrefix) + std::string(ward_code);
}

WorkingCalendar read_calendar(store::Tx& tx) {
  std::set<Date> days;
  for (const auto& r : tx.query("SELECT day FROM holidays")) {
    if (auto d = parse_date(r.str(0))) days.insert(*d);
  }
  return WorkingCalendar(std::move(days));
}

}  // namespace

const Category* Snapshot::category(std::string_view code) const {
  auto it = categories.find(code);
  return it == categories.end() ? nullptr : &it->second;
}

const Unit* Snapshot::unit(std::string_view code) const {
  auto it = units.find(code);
  return it == units.end() ? nullptr : &it->second;
}

std::optional<std::string> Snapshot::route(std::string_view category, std::string_view ward) const {
  auto it = routes.find({std::string(category), std::string(ward)});
  if (it == routes.end()) it = routes.find({std::string(category), "*"});
  if (it == routes.end()) return std::nullopt;
  return it->second;
}

Result<std::shared_ptr<const Snapshot>> Catalog::snapshot() const {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    if (snapshot_ && now - read_at_ < kSnapshotTtl) return snapshot_;
  }
  auto fresh = std::make_shared<Snapshot>();
  Status st = db_.read([&](store::Tx& tx) -> Status {
    for (const auto& r : tx.query(std::string(kCategoryColumns)))
      fresh->categories.emplace(r.str(0), category_from(r));
    for (const auto& r : tx.query(std::string(kUnitColumns)))
      fresh->units.emplace(r.str(0), unit_from(r));
    for (const auto& r : tx.query("SELECT category_code, ward_code, unit_code FROM routing_rules"))
      fresh->routes.emplace(std::make_pair(r.str(0), r.str(1)), r.str(2));
    fresh->calendar = read_calendar(tx);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::lock_guard lock(mutex_);
  snapshot_ = std::move(fresh);
  read_at_ = now;
  return snapshot_;
}

void Catalog::invalidate() const {
  std::lock_guard lock(mutex_);
  snapshot_.reset();
}

Result<std::vector<Category>> Catalog::categories() const {
  return db_.read_value<std::vector<Category>>([](store::Tx& tx) -> Result<std::vector<Category>> {
    std::vector<Category> out;
    for (const auto& r : tx.query(std::string(kCategoryColumns) + " ORDER BY position, code"))
      out.push_back(category_from(r));
    return out;
  });
}

Result<std::vector<Unit>> Catalog::units() const {
  return db_.read_value<std::vector<Unit>>([](store::Tx& tx) -> Result<std::vector<Unit>> {
    std::vector<Unit> out;
    for (const auto& r : tx.query(std::string(kUnitColumns) + " ORDER BY kind, code"))
      out.push_back(unit_from(r));
    return out;
  });
}

Status add_holiday(store::Database& db, Date day, const std::string& name) {
  if (name.empty() || name.size() > 200)
    return Status::Invalid("invalid").field("name", "field_blank");
  return db.write([&](store::Tx& tx) -> Status {
    tx.exec(
        "INSERT INTO holidays (day, name) VALUES ($1, $2) "
        "ON CONFLICT (day) DO UPDATE SET name = $2",
        {format_date(day), name});
    return Status::Ok();
  });
}

Status remove_holiday(store::Database& db, Date day) {
  return db.write([&](store::Tx& tx) -> Status {
    if (tx.exec("DELETE FROM holidays WHERE day = $1", {format_date(day)}) == 0)
      return Status::NotFound("holiday_not_found");
    return Status::Ok();
  });
}

Result<std::vector<std::pair<Date, std::string>>> list_holidays(store::Database& db) {
  using List = std::vector<std::pair<Date, std::string>>;
  return db.read_value<List>([](store::Tx& tx) -> Result<List> {
    List out;
    for (const auto& r : tx.query("SELECT day, name FROM holidays ORDER BY day")) {
      if (auto d = parse_date(r.str(0))) out.emplace_back(*d, r.str(1));
    }
    return out;
  });
}

Status seed_reference_data(store::Database& db) {
  return db.write([](store::Tx& tx) -> Status {
    for (const auto& w : areas::city_wards()) {
      tx.exec(
          "INSERT INTO areas (code, name, name_en, kind, centroid_lat, centroid_lon, search_key) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING",
          {std::string(w.code), std::string(w.name), std::string(w.name_en), std::string(w.kind),
           w.centroid_lat, w.centroid_lon, text::fold(w.name)});
      const std::string committee_en = "People's Committee of " + std::string(w.name_en);
      tx.exec(
          "INSERT INTO units (code, name, name_en, kind, area_code) VALUES ($1, $2, $3, $4, $5) "
          "ON CONFLICT (code) DO NOTHING",
          {ward_committee(w.code), "Ủy ban nhân dân " + std::string(w.name), committee_en,
           std::string("ward_committee"), std::string(w.code)});
    }
    for (const auto& u : city_unit_facts()) {
      tx.exec(
          "INSERT INTO units (code, name, name_en, kind) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (code) DO NOTHING",
          {std::string(u.code), std::string(u.name), std::string(u.name_en), std::string(u.kind)});
    }
    std::int64_t position = 0;
    for (const auto& c : category_facts()) {
      tx.exec(
          "INSERT INTO categories (code, name, name_en, deadline_days, sensitive, icon, position) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING",
          {std::string(c.code), std::string(c.name), std::string(c.name_en),
           std::int64_t{c.deadline_days}, std::int64_t{c.sensitive ? 1 : 0}, std::string(c.icon),
           position++});
      const bool by_ward = c.default_unit == "@ward";
      // A report with no ward (an address only) goes to the 1022 centre to be routed by hand.
      tx.exec(
          "INSERT INTO routing_rules (category_code, ward_code, unit_code) VALUES ($1, '*', $2) "
          "ON CONFLICT (category_code, ward_code) DO NOTHING",
          {std::string(c.code),
           by_ward ? std::string("trung-tam-1022") : std::string(c.default_unit)});
      if (!by_ward) continue;
      for (const auto& w : areas::city_wards()) {
        tx.exec(
            "INSERT INTO routing_rules (category_code, ward_code, unit_code) VALUES ($1, $2, $3) "
            "ON CONFLICT (category_code, ward_code) DO NOTHING",
            {std::string(c.code), std::string(w.code), ward_committee(w.code)});
      }
    }
    for (const auto& h : holiday_facts()) {
      tx.exec("INSERT INTO holidays (day, name) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING",
              {std::string(h.day), std::string(h.name)});
    }
    return Status::Ok();
  });
}

}  // namespace cds::catalog
