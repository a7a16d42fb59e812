"""The leaders' dashboard over the API: who may read which figures, unit scope, bad queries, the
figures moving with the reports, and the CSV exports saying what the JSON says."""

from __future__ import annotations

import csv
import datetime
import io
import re

from api_case import ApiCase
from harness import RFC3339_CITY

DAY_MS = 24 * 3600 * 1000
CITY = datetime.timezone(datetime.timedelta(hours=7))
BOM = "\ufeff"
STATS = "/api/v1/staff/stats"
RANKING = "/api/v1/staff/stats/ranking"


def today() -> datetime.date:
    return datetime.datetime.now(CITY).date()


def as_csv_number(v) -> str:
    """A JSON figure as the CSV writes it: integers bare, rates and averages in shortest form."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return repr(v) if isinstance(v, float) else str(v)


class StatsTest(ApiCase):
    def stats(self, token: str, query: str = "", lang: str | None = None) -> dict:
        r = self.http.get(STATS + (f"?{query}" if query else ""), token=token, lang=lang)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.content_type, "application/json", r)
        return r.json()

    def csv_rows(self, path: str, token: str, lang: str | None = None) -> tuple[list[dict], dict]:
        r = self.http.get(path, token=token, lang=lang)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.headers.get("content-type"), "text/csv; charset=utf-8", r)
        self.assertRegex(r.headers.get("content-disposition", ""),
                         r'^attachment; filename="congdanso-[a-z]+-[0-9_-]+\.csv"$')
        text = r.body.decode("utf-8")
        self.assertTrue(text.startswith(BOM), "a UTF-8 BOM first, for Excel")
        self.assertIn("\r\n", text, "RFC 4180 records end in CRLF")
        rows = list(csv.DictReader(io.StringIO(text[len(BOM):], newline="")))
        return rows, r.headers

    # -- who may read

    def test_roles(self):
        for user in ("operator1", "leader1", "admin1", "evn1"):
            for path in (STATS, RANKING):
                r = self.http.get(path, token=self.tok(user))
                self.assertEqual(r.status, 200, f"{user} {path}: {r!r}")
        for user in ("citizen1", "alert1", "editor1"):
            for path in (STATS, RANKING):
                self.assertProblem(self.http.get(path, token=self.tok(user)), 403, "forbidden")
        for path in (STATS, RANKING, STATS + "?format=csv"):
            self.assertProblem(self.http.get(path), 401)

    def test_unit_staff_see_their_own_unit_only(self):
        evn = self.tok("evn1")
        mine = self.stats(evn)
        self.assertEqual(mine["filters"]["unit"], "evn-hcmc")
        self.assertEqual({row["code"] for row in mine["by_unit"]} - {"evn-hcmc"}, set())
        # Naming their own unit changes nothing.
        named = self.stats(evn, "unit=evn-hcmc")
        self.assertEqual((named["filters"], named["totals"], named["by_unit"]),
                         (mine["filters"], mine["totals"], mine["by_unit"]))
        self.assertProblem(self.http.get(STATS + "?unit=sawaco", token=evn), 403, "forbidden")
        # The same figures a leader gets for that unit.
        leader_view = self.stats(self.tok("leader1"), "unit=evn-hcmc")
        self.assertEqual(leader_view["totals"], self.stats(evn)["totals"])
        # The ranking: their own row only, with its rank among all.
        ranking = self.http.get(RANKING, token=evn).json()
        self.assertEqual({row["code"] for row in ranking["items"]} - {"evn-hcmc"}, set())
        everyone = self.http.get(RANKING, token=self.tok("leader1")).json()
        self.assertEqual(ranking["items"],
                         [row for row in everyone["items"] if row["code"] == "evn-hcmc"])

    # -- bad queries

    def test_bad_queries_are_422_with_every_field(self):
        leader = self.tok("leader1")
        p = self.assertProblem(
            self.http.get(STATS + "?from=2026-13-01&to=homnay&kind=khac&format=xml",
                          token=leader),
            422, "invalid", fields=("from", "to", "kind", "format"))
        self.assertIn("YYYY-MM-DD", p["errors"]["from"])
        self.assertProblem(self.http.get(STATS + "?from=2026-11-30&to=2026-11-01", token=leader),
                           422, "invalid", fields=("from",))
        p = self.assertProblem(
            self.http.get(STATS + "?from=2025-01-01&to=2026-01-02", token=leader, lang="en"),
            422, "invalid", fields=("to",))
        self.assertIn("366", p["errors"]["to"])
        self.assertProblem(
            self.http.get(STATS + "?category=khong_co&unit=khong-co&ward=99999", token=leader),
            422, "invalid", fields=("category", "unit", "ward"))
        self.assertProblem(self.http.get(RANKING + "?month=2026-1", token=leader), 422,
                           "invalid", fields=("month",))
        self.assertProblem(self.http.get(RANKING + "?month=2026-11&format=pdf", token=leader),
                           422, "invalid", fields=("format",))
        # 366 days is allowed; so are empty filters (a form's "all").
        self.stats(leader, "from=2025-01-01&to=2026-01-01&category=&unit=&ward=")

    # -- figures

    def test_default_period_and_shape(self):
        s = self.stats(self.tok("leader1"))
        self.assertEqual(s["period"]["to"], today().isoformat())
        self.assertEqual(s["period"]["days"], 30)
        self.assertEqual(len(s["by_day"]), 30)
        self.assertEqual(s["by_day"][-1]["date"], today().isoformat())
        self.assertRegex(s["period"]["start"], RFC3339_CITY)
        self.assertTrue(s["period"]["start"].endswith("T00:00:00+07:00"))
        self.assertEqual(s["filters"], {"kind": "report", "category": None, "unit": None,
                                        "ward": None})
        for key in ("received", "resolved", "on_time", "on_time_rate", "open_now", "overdue_now",
                    "avg_hours_to_assign", "avg_hours_to_resolve", "satisfaction"):
            self.assertIn(key, s["totals"])
        self.assertEqual(sum(d["received"] for d in s["by_day"]), s["totals"]["received"])
        self.assertEqual(sum(d["resolved"] for d in s["by_day"]), s["totals"]["resolved"])
        for section in ("by_category", "by_unit", "by_ward"):
            self.assertEqual(sum(r["received"] for r in s[section]), s["totals"]["received"])
        r = self.http.get(RANKING, token=self.tok("leader1")).json()
        self.assertRegex(r["period"]["month"], r"^\d{4}-\d{2}$")
        self.assertTrue(r["period"]["start"].endswith("-25T00:00:00+07:00"), r)
        self.assertEqual([row["rank"] for row in r["items"]], list(range(1, len(r["items"]) + 1)))

    def test_figures_follow_the_reports(self):
        leader, op, evn = self.tok("leader1"), self.tok("operator1"), self.tok("evn1")
        query = f"from={today().isoformat()}&to={today().isoformat()}&category=dien_luc"
        before = self.stats(leader, query)
        author = self.citizen()
        # One resolved on time and rated; one assigned and then made overdue.
        done = self.report_in_state("closed", author, op, evn)
        late = self.report_in_state("assigned", author, op, evn)
        self.env.execute(f"UPDATE reports SET due_at = due_at - {30 * DAY_MS} "
                         f"WHERE id = {late['id']}")
        after = self.stats(leader, query)
        b, a = before["totals"], after["totals"]
        self.assertEqual(a["received"], b["received"] + 2)
        self.assertEqual(a["resolved"], b["resolved"] + 1)
        self.assertEqual(a["on_time"], b["on_time"] + 1)
        self.assertEqual(a["overdue_now"], b["overdue_now"] + 1)
        self.assertEqual(a["satisfaction"]["count"], b["satisfaction"]["count"] + 1)
        self.assertIsNotNone(a["on_time_rate"])
        self.assertIsNotNone(a["avg_hours_to_assign"])
        self.assertEqual(after["by_day"][0]["received"], before["by_day"][0]["received"] + 2)
        evn_before = next((r for r in before["by_unit"] if r["code"] == "evn-hcmc"),
                          {"received": 0})
        evn_after = next(r for r in after["by_unit"] if r["code"] == "evn-hcmc")
        self.assertEqual(evn_after["received"], evn_before["received"] + 2)
        self.assertTrue(evn_after["name"])
        overdue = next(o for o in after["overdue"] if o["id"] == late["id"])
        self.assertEqual(overdue["code"], late["code"])
        self.assertEqual(overdue["category"]["code"], "dien_luc")
        self.assertEqual(overdue["unit"]["code"], "evn-hcmc")
        self.assertRegex(overdue["due_at"], RFC3339_CITY)
        moved = datetime.datetime.fromisoformat(late["due_at"]) - datetime.timedelta(days=30)
        self.assertEqual(datetime.datetime.fromisoformat(overdue["due_at"]), moved)
        self.assertEqual(overdue["days_overdue"], (today() - moved.date()).days)
        days = [o["days_overdue"] for o in after["overdue"]]
        self.assertEqual(days, sorted(days, reverse=True), "most overdue first")
        self.assertNotIn(done["id"], [o["id"] for o in after["overdue"]])

    # -- CSV

    def test_stats_csv_says_what_the_json_says(self):
        leader, op, evn = self.tok("leader1"), self.tok("operator1"), self.tok("evn1")
        self.report_in_state("closed", self.citizen(), op, evn)  # at least one figure today
        start = today() - datetime.timedelta(days=6)
        query = f"from={start.isoformat()}&to={today().isoformat()}"
        for lang in ("vi", "en"):
            data = self.stats(leader, query, lang=lang)
            rows, headers = self.csv_rows(f"{STATS}?{query}&format=csv", leader, lang=lang)
            self.assertIn(f'filename="congdanso-stats-{start.isoformat()}_{today().isoformat()}'
                          f'.csv"', headers["content-disposition"])
            self.assertEqual(list(rows[0].keys()), ["section", "code", "name", "received",
                                                    "resolved", "on_time", "on_time_rate",
                                                    "value"])
            by_section: dict[str, list[dict]] = {}
            for row in rows:
                by_section.setdefault(row["section"], []).append(row)
            self.assertEqual([r["value"] for r in by_section["period"]],
                             [data["period"]["from"], data["period"]["to"]])
            t = data["totals"]
            total = by_section["totals"][0]
            for key in ("received", "resolved", "on_time", "on_time_rate"):
                self.assertEqual(total[key], as_csv_number(t[key]), key)
            indicators = {r["code"]: r["value"] for r in by_section["indicator"]}
            self.assertEqual(indicators, {
                "open_now": as_csv_number(t["open_now"]),
                "overdue_now": as_csv_number(t["overdue_now"]),
                "avg_hours_to_assign": as_csv_number(t["avg_hours_to_assign"]),
                "avg_hours_to_resolve": as_csv_number(t["avg_hours_to_resolve"]),
                "satisfaction_count": as_csv_number(t["satisfaction"]["count"]),
                "satisfaction_average": as_csv_number(t["satisfaction"]["average"]),
            })
            for section, key in (("category", "by_category"), ("unit", "by_unit"),
                                 ("ward", "by_ward")):
                expected = [{"code": r["code"] or "", "name": r["name"],
                             "received": str(r["received"]), "resolved": str(r["resolved"]),
                             "on_time": str(r["on_time"]),
                             "on_time_rate": as_csv_number(r["on_time_rate"])}
                            for r in data[key]]
                got = [{k: r[k] for k in ("code", "name", "received", "resolved", "on_time",
                                          "on_time_rate")}
                       for r in by_section.get(section, [])]
                self.assertEqual(got, expected, section)
            self.assertEqual([(r["code"], r["received"], r["resolved"])
                              for r in by_section["day"]],
                             [(d["date"], str(d["received"]), str(d["resolved"]))
                              for d in data["by_day"]])
        # Names in the caller's language: Vietnamese by default.
        self.assertIn("Điện lực", self.http.get(f"{STATS}?{query}&format=csv",
                                                token=leader).body.decode("utf-8"))

    def test_ranking_csv_says_what_the_json_says(self):
        leader, op, evn = self.tok("leader1"), self.tok("operator1"), self.tok("evn1")
        self.report_in_state("resolved", self.citizen(), op, evn)
        data = self.http.get(RANKING, token=leader).json()
        self.assertTrue(data["items"], "EVN resolved a report in this period")
        month = data["period"]["month"]
        rows, headers = self.csv_rows(f"{RANKING}?month={month}&format=csv", leader)
        self.assertIn(f'filename="congdanso-ranking-{month}.csv"',
                      headers["content-disposition"])
        self.assertEqual(rows, [
            {"rank": str(r["rank"]), "code": r["code"], "name": r["name"],
             "assigned": str(r["assigned"]), "resolved": str(r["resolved"]),
             "on_time": str(r["on_time"]), "on_time_rate": as_csv_number(r["on_time_rate"]),
             "overdue_open_at_end": str(r["overdue_open_at_end"]),
             "satisfaction_count": str(r["satisfaction"]["count"]),
             "satisfaction_average": as_csv_number(r["satisfaction"]["average"])}
            for r in data["items"]])
        # The month named explicitly is the same as the default period's.
        self.assertEqual(self.http.get(f"{RANKING}?month={month}", token=leader).json(), data)
        self.assertTrue(re.fullmatch(r"\d{4}-\d{2}", month))
