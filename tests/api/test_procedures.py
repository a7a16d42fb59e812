"""The procedure catalogue (docs/SERVICES.md): public search that folds Vietnamese, ranks an exact
code first and the name above the rest, filters by field, level and agency with counts, pages;
the full procedure; and `congdanso import procedures` with the portal's 319-procedure sample (when
../shared/data is there): every line imported, and a second import changes nothing."""

from __future__ import annotations

import pathlib
import subprocess
import time
import urllib.parse

from api_case import ApiCase

SAMPLE = (pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "procedures"
          / "tthc_cap_xa_sample.jsonl")
BIRTH = "1.001193"


class ProceduresTest(ApiCase):
    def run_cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.env.binary, *args], capture_output=True, text=True,
                              timeout=120, env=self.env.proc_env)

    def search(self, **params) -> dict:
        r = self.http.get("/api/v1/procedures?" + urllib.parse.urlencode(params))
        self.assertEqual(r.status, 200, r)
        return r.json()

    def codes(self, **params) -> list[str]:
        return [i["code"] for i in self.search(**params)["items"]]

    def test_accents_and_case_do_not_matter(self) -> None:
        found = [self.codes(q=q, per_page=50) for q in (
            "đăng ký khai sinh", "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "Dang Ky Khai Sinh")]
        self.assertEqual(found[0][0], BIRTH)
        for other in found[1:]:
            self.assertEqual(other, found[0])

    def test_an_exact_code_comes_first_then_names(self) -> None:
        for code in ("1.004222", "2.000815", BIRTH):
            self.assertEqual(self.codes(q=code)[0], code)
        # Residence: the name holds both words; keywords such as "hộ khẩu" find it too.
        self.assertIn("1.004222", self.codes(q="thuong tru", per_page=100))
        self.assertIn("1.004222", self.codes(q="hộ khẩu", per_page=100))
        self.assertEqual(self.search(q="zzqx không có thủ tục này")["total"], 0)

    def test_items_carry_what_a_citizen_chooses_by(self) -> None:
        item = next(i for i in self.search(q=BIRTH)["items"] if i["code"] == BIRTH)
        for key in ("name", "field", "levels", "agency", "time_limit", "fee", "channels", "url"):
            self.assertIn(key, item)
        self.assertEqual(item["url"], f"/app/services/{BIRTH}")
        self.assertIn("commune", item["levels"])

    def test_filters_narrow_and_facets_count(self) -> None:
        everything = self.search(q="dang ky", per_page=100)
        facets = everything["facets"]
        self.assertEqual(set(facets), {"field", "level", "agency"})
        civil = next(f for f in facets["field"] if f["value"] == "Hộ tịch")
        narrowed = self.search(q="dang ky", field="Hộ tịch", per_page=100)
        self.assertEqual(narrowed["total"], civil["count"])
        self.assertLess(narrowed["total"], everything["total"])
        self.assertTrue(all(i["field"] == "Hộ tịch" for i in narrowed["items"]))
        # The field facet still offers the other fields while one is chosen.
        self.assertEqual(len(narrowed["facets"]["field"]), len(facets["field"]))
        commune = next(f for f in facets["level"] if f["value"] == "commune")
        self.assertEqual(self.search(q="dang ky", level="commune")["total"], commune["count"])
        agency = facets["agency"][0]
        by_agency = self.search(q="dang ky", agency=agency["value"], per_page=100)
        self.assertEqual(by_agency["total"], agency["count"])
        self.assertTrue(all(i["agency"] == agency["value"] for i in by_agency["items"]))
        self.assertEqual(self.search(q="dang ky", field="Không có lĩnh vực này")["total"], 0)

    def test_pages(self) -> None:
        first = self.search(per_page=3, page=1)
        second = self.search(per_page=3, page=2)
        self.assertGreaterEqual(first["total"], 6)
        self.assertEqual(len(first["items"]), 3)
        self.assertEqual((first["page"], first["per_page"]), (1, 3))
        self.assertFalse({i["code"] for i in first["items"]} & {i["code"] for i in second["items"]})
        beyond = self.search(per_page=100, page=1000)
        self.assertEqual(beyond["items"], [])
        self.assertEqual(beyond["total"], first["total"])

    def test_the_procedure_page(self) -> None:
        r = self.http.get(f"/api/v1/procedures/{BIRTH}")
        self.assertEqual(r.status, 200, r)
        p = r.json()
        self.assertEqual(p["code"], BIRTH)
        self.assertIn("khai sinh", p["name"].lower())
        self.assertTrue(p["steps"])
        self.assertTrue(p["documents"])
        self.assertTrue(all({"name", "form", "count"} <= set(d) for d in p["documents"]))
        self.assertTrue(p["channels"])
        for c in p["channels"]:
            self.assertIn(c["channel"], ("in_person", "online", "post"))
            self.assertIn("time_limit", c)
            self.assertIn("fee", c)
        for key in ("legal_basis", "conditions", "result", "submit_at", "competent_agency",
                    "performing_agency", "keywords"):
            self.assertIn(key, p)

    def test_unknown_codes_are_404(self) -> None:
        for path in ("9.999999", "a%20b", "x" * 41):
            self.assertProblem(self.http.get(f"/api/v1/procedures/{path}"), 404)

    def test_bad_parameters_are_refused(self) -> None:
        for query, field in (("page=0", "page"), ("page=x", "page"), ("per_page=101", "per_page"),
                             ("per_page=-1", "per_page"), ("level=city", "level"),
                             ("q=" + "a" * 201, "q"), ("agency=" + "b" * 501, "agency")):
            with self.subTest(query=query):
                self.assertProblem(self.http.get(f"/api/v1/procedures?{query}"), 422,
                                   fields=[field])

    def test_import_of_the_portal_sample_is_idempotent(self) -> None:
        if not SAMPLE.exists():
            self.skipTest(f"{SAMPLE} is absent")
        first = self.run_cli("import", "procedures", str(SAMPLE), "--db", self.env.db_url)
        self.assertEqual(first.returncode, 0, first.stderr)
        self.assertIn("imported 319 of 319 procedures", first.stderr)
        self.assertIn("0 bad line(s)", first.stderr)
        again = self.run_cli("import", "procedures", str(SAMPLE), "--db", self.env.db_url)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("0 new, 0 updated, 319 unchanged", again.stderr)
        # The server notices the change by the catalogue's revision, within a second or so.
        deadline = time.monotonic() + 10
        while self.search()["total"] < 319 and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertGreaterEqual(self.search()["total"], 319)
        self.assertEqual(self.codes(q="dang ky khai sinh")[0], BIRTH)
        self.assertEqual(self.codes(q="1.000253")[0], "1.000253")
