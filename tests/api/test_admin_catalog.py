"""Administrators change the reference data (categories and deadlines, units, routing rules,
holidays) through the API, and intake follows at once; bad input changes nothing."""

from __future__ import annotations

from api_case import ApiCase, tag


class AdminCatalogTest(ApiCase):
    def admin(self, method: str, path: str, body=None):
        return self.http.request(method, path, body, token=self.tok("admin1"))

    def test_a_new_category_unit_and_rule_route_the_next_report(self) -> None:
        code, unit = f"c{tag()}", f"u{tag()}"
        r = self.admin("PUT", f"/api/v1/admin/categories/{code}",
                       {"name": "Vỉa hè", "name_en": "Pavements", "deadline_days": 3,
                        "icon": "sidewalk"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["deadline_days"], 3)
        cats = self.http.get("/api/v1/categories").json()["items"]
        self.assertIn(code, [c["code"] for c in cats])  # public at once on this node

        r = self.admin("PUT", f"/api/v1/admin/units/{unit}",
                       {"name": "Đội quản lý vỉa hè", "name_en": "Pavement team",
                        "kind": "department"})
        self.assertEqual(r.status, 201, r)
        r = self.admin("PUT", f"/api/v1/admin/routing-rules/{code}/default", {"unit": unit})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["ward"], "*")

        citizen = self.citizen()
        rep = self.submit(citizen.token, category=code)
        view = self.staff_view(self.tok("operator1"), rep["id"])
        self.assertEqual(view["unit"]["code"], unit)  # proposed by the new rule

        # A change of deadline is an update (200) and applies to reports received afterwards.
        r = self.admin("PUT", f"/api/v1/admin/categories/{code}",
                       {"name": "Vỉa hè", "name_en": "Pavements", "deadline_days": 10})
        self.assertEqual(r.status, 200, r)
        later = self.submit(citizen.token, category=code)
        self.assertGreater(later["due_at"], rep["due_at"])

        rules = self.admin("GET", f"/api/v1/admin/routing-rules?category={code}").json()["items"]
        self.assertEqual(rules, [{"category": code, "ward": "*", "unit": unit}])
        self.assertEqual(self.admin("DELETE", f"/api/v1/admin/routing-rules/{code}/*").status, 204)
        self.assertProblem(self.admin("DELETE", f"/api/v1/admin/routing-rules/{code}/*"), 404,
                           "routing_rule_not_found")

    def test_bad_input_is_refused_and_changes_nothing(self) -> None:
        before = self.env.scalar("SELECT COUNT(*) FROM categories")
        self.assertProblem(self.admin("PUT", "/api/v1/admin/categories/Bad%20Code%21",
                                      {"name": "x", "name_en": "x", "deadline_days": 5}),
                           422, "invalid", fields=["code"])
        self.assertProblem(self.admin("PUT", f"/api/v1/admin/categories/c{tag()}",
                                      {"name": "  ", "name_en": "x", "deadline_days": 0}),
                           422, "invalid", fields=["name", "deadline_days"])
        self.assertProblem(self.admin("PUT", "/api/v1/admin/routing-rules/dien_luc/99999",
                                      {"unit": "khong-co"}),
                           422, "invalid", fields=["ward", "unit"])
        self.assertProblem(self.admin("PUT", "/api/v1/admin/holidays/2026-02-30", {"name": "x"}),
                           422, "invalid", fields=["date"])
        self.assertProblem(self.admin("GET", "/api/v1/admin/routing-rules"), 422, "invalid_query")
        self.assertEqual(self.env.scalar("SELECT COUNT(*) FROM categories"), before)

    def test_holidays(self) -> None:
        r = self.admin("PUT", "/api/v1/admin/holidays/2098-09-02", {"name": "Quốc khánh"})
        self.assertEqual(r.status, 200, r)
        days = self.admin("GET", "/api/v1/admin/holidays").json()["items"]
        self.assertIn({"date": "2098-09-02", "name": "Quốc khánh"}, days)
        self.assertEqual(self.admin("DELETE", "/api/v1/admin/holidays/2098-09-02").status, 204)
        self.assertProblem(self.admin("DELETE", "/api/v1/admin/holidays/2098-09-02"), 404,
                           "holiday_not_found")
