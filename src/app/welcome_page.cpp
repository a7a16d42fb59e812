// GET /: a plain page to try the server in a browser until the citizen app (issue 4) takes its
// place: sign in with VNeID, see who I am, send a report with the session, sign out.
#include "app/welcome_page.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <string>

namespace cds::app {
namespace {

constexpr std::string_view kPage = R"html(<!doctype html>
<html lang="vi">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Công dân số</title>
<style>
  body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
  h1{font-size:1.5rem;margin:.5rem 0} .en{color:#555;font-size:.9em}
  button,.button{font:inherit;padding:.6rem 1rem;border-radius:.4rem;border:1px solid #b00;background:#c8102e;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
  button.secondary{background:#fff;color:#b00}
  label{display:block;margin-top:.75rem;font-weight:600} input,select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem}
  #out{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;border-radius:.3rem}
</style>
<main>
<h1>Công dân số <span class="en">/ Digital Citizen</span></h1>
<p>Trang thử nghiệm máy chủ. Ứng dụng đầy đủ sẽ thay trang này.
<span class="en">A page to try the server; the full app replaces it.</span></p>
<section id="signed-out" hidden>
  <p><a class="button" id="vneid" href="/api/v1/auth/vneid/start?accept_terms=1&amp;return_to=%2F">Đăng nhập bằng VNeID</a></p>
  <p class="en">Bằng việc đăng nhập, bạn đồng ý với Điều khoản sử dụng (phiên bản 2026-11-01).
  By signing in you accept the terms of use (version 2026-11-01).</p>
</section>
<section id="signed-in" hidden>
  <p>Xin chào <strong id="name"></strong> <span class="en">(signed in)</span></p>
  <form id="report">
    <h2>Gửi phản ánh <span class="en">/ Send a report</span></h2>
    <label for="category">Lĩnh vực <span class="en">/ Category</span></label>
    <select id="category" required></select>
    <label for="description">Nội dung <span class="en">/ Description</span></label>
    <textarea id="description" required minlength="10" rows="3">Đèn đường trước chợ Bến Thành không sáng.</textarea>
    <label for="lat">Vĩ độ, kinh độ <span class="en">/ Latitude, longitude</span></label>
    <input id="lat" value="10.7725" inputmode="decimal" aria-label="Vĩ độ / latitude">
    <input id="lon" value="106.6980" inputmode="decimal" aria-label="Kinh độ / longitude">
    <p><button type="submit">Gửi / Send</button></p>
  </form>
  <p><button class="secondary" id="logout" type="button">Đăng xuất / Sign out</button></p>
</section>
<p id="out" role="status" aria-live="polite"></p>
</main>
<script>
const out = document.getElementById('out');
const csrf = () => (document.cookie.match(/(?:^|; )cds_csrf=([^;]*)/) || [])[1] || '';
async function api(method, path, body) {
  const headers = {'X-CSRF-Token': csrf()};
  if (body) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, {method, headers, body: body && JSON.stringify(body), credentials: 'same-origin'});
  const text = await r.text();
  return {status: r.status, body: text ? JSON.parse(text) : null};
}
async function show() {
  const me = await api('GET', '/api/v1/me');
  document.getElementById('signed-out').hidden = me.status === 200;
  document.getElementById('signed-in').hidden = me.status !== 200;
  if (me.status !== 200) return;
  document.getElementById('name').textContent = me.body.display_name || me.body.username;
  const cats = await api('GET', '/api/v1/categories');
  const select = document.getElementById('category');
  for (const c of cats.body.items) select.add(new Option(c.name, c.code));
}
document.getElementById('report').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await api('POST', '/api/v1/reports', {
    category: document.getElementById('category').value,
    description: document.getElementById('description').value,
    lat: Number(document.getElementById('lat').value), lon: Number(document.getElementById('lon').value)});
  out.textContent = r.status === 201 ? 'Đã gửi / Sent: ' + r.body.code : r.body.detail;
});
document.getElementById('logout').addEventListener('click', async () => {
  const r = await api('POST', '/api/v1/auth/logout');
  if (r.body && r.body.end_session_url) location.href = r.body.end_session_url; else show();
});
show();
</script>
</html>
)html";

}  // namespace

std::string_view welcome_page() {
  return kPage;
}

namespace {

// "'sha256-<base64>'" of the page's inline script, as CSP Level 2 names an allowed script.
std::string script_hash_source() {
  constexpr std::string_view kOpen = "<script>", kClose = "</script>";
  const size_t begin = kPage.find(kOpen) + kOpen.size();
  const std::string_view script = kPage.substr(begin, kPage.find(kClose) - begin);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(script.data()), script.size(), digest);
  unsigned char encoded[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
  EVP_EncodeBlock(encoded, digest, SHA256_DIGEST_LENGTH);
  return "'sha256-" + std::string(reinterpret_cast<const char*>(encoded)) + "'";
}

}  // namespace

std::string_view welcome_page_policy() {
  static const std::string policy =
      "default-src 'none'; script-src " + script_hash_source() +
      "; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
      "frame-ancestors 'none'";
  return policy;
}

}  // namespace cds::app
