// Server-rendered HTML for the stand-in's own pages: sign-in, sign-out and errors.
// Vietnamese first with a small English subtitle; inline CSS only, no external assets.

export function escape_html(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

const kStyle = `
  body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;background:#f3f4f6;color:#111827;margin:0}
  header{background:#b91c1c;color:#fff;padding:12px 20px}
  header strong{font-size:1.1rem}
  main{max-width:560px;margin:24px auto;background:#fff;border-radius:8px;padding:20px 24px;
       box-shadow:0 1px 3px rgba(0,0,0,.15)}
  h1{font-size:1.3rem;margin:0 0 4px}
  .en{color:#6b7280;font-size:.85rem;margin:0 0 12px}
  .warn{background:#fef3c7;border:1px solid #f59e0b;border-radius:6px;padding:8px 12px;font-size:.85rem}
  ul.citizens{list-style:none;padding:0}
  ul.citizens li{display:flex;align-items:center;gap:12px;margin:8px 0}
  ul.citizens form{margin:0}
  button{font:inherit;font-weight:600;padding:8px 14px;border-radius:6px;border:1px solid #1d4ed8;
         background:#1d4ed8;color:#fff;cursor:pointer;min-width:220px;text-align:left}
  button.secondary{background:#fff;color:#1d4ed8}
  button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
  .meta{color:#4b5563;font-size:.85rem}
  a{color:#1d4ed8}
  dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
  dt{font-weight:600}`;

function layout(title, body) {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape_html(title)}</title>
<style>${kStyle}</style>
</head>
<body>
<header><strong>VNeID</strong> — bản thử nghiệm / stand-in</header>
<main>
${body}
</main>
</body>
</html>`;
}

const kScopeLabels = {
  openid: ['Mã định danh tài khoản', 'account identifier'],
  profile: ['Họ tên, ngày sinh, giới tính', 'name, birth date, gender'],
  phone: ['Số điện thoại', 'phone number'],
  national_id: ['Số định danh cá nhân (CCCD)', 'citizen ID number'],
};

function mask_id(number) {
  return `${number.slice(0, 3)}******${number.slice(-3)}`;
}

// The sign-in page. Each citizen is one POST form whose button text is exactly the citizen's name,
// so a browser test can click `text=<name>` or the button whose accessible name is the name.
export function login_page({ uid, client_name, scopes, citizens }) {
  const requested = scopes
    .filter((scope) => kScopeLabels[scope])
    .map((scope) => `<li>${escape_html(kScopeLabels[scope][0])} <span class="meta">(${escape_html(kScopeLabels[scope][1])})</span></li>`)
    .join('');
  const rows = citizens.map((c) => `
    <li>
      <form method="post" action="/interaction/${escape_html(uid)}/login">
        <input type="hidden" name="sub" value="${escape_html(c.sub)}">
        <button type="submit">${escape_html(c.name)}</button>
      </form>
      <span class="meta">${escape_html(c.birthdate)} · CCCD ${escape_html(mask_id(c.national_id_number))}</span>
    </li>`).join('');
  return layout('VNeID (bản thử nghiệm / stand-in) — Đăng nhập', `
<h1>Đăng nhập bằng tài khoản định danh điện tử</h1>
<p class="en">Sign in with your electronic identity</p>
<p class="warn">Đây là máy chủ thử nghiệm, không phải VNeID thật. Chọn một công dân mẫu để đăng nhập.<br>
<span class="en">This is a local test stand-in, not the real VNeID. Pick a demo citizen to sign in.</span></p>
<p><strong>${escape_html(client_name)}</strong> sẽ nhận các thông tin sau:
<span class="en">will receive:</span></p>
<ul>${requested}</ul>
<h2 style="font-size:1.05rem">Công dân mẫu <span class="en">Demo citizens</span></h2>
<ul class="citizens">${rows}
</ul>
<p><a href="/interaction/${escape_html(uid)}/abort">Hủy đăng nhập / Cancel</a></p>`);
}

// oidc-provider's logoutSource hook hands us `form`, a form with id "op.logoutForm" carrying the
// XSRF token; the buttons below submit it (logout=yes signs out, the other keeps the session).
export function logout_page({ form, client_name }) {
  return layout('VNeID (bản thử nghiệm / stand-in) — Đăng xuất', `
<h1>Đăng xuất khỏi VNeID?</h1>
<p class="en">Sign out of VNeID${client_name ? ` and return to ${escape_html(client_name)}` : ''}?</p>
${form}
<p><button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Đăng xuất / Sign out</button></p>
<p><button type="submit" form="op.logoutForm" class="secondary">Giữ đăng nhập / Stay signed in</button></p>`);
}

export function logged_out_page({ client_name }) {
  return layout('VNeID (bản thử nghiệm / stand-in) — Đã đăng xuất', `
<h1>Bạn đã đăng xuất</h1>
<p class="en">You have signed out${client_name ? ` of ${escape_html(client_name)}` : ''}.</p>`);
}

export function error_page({ error, error_description }) {
  return layout('VNeID (bản thử nghiệm / stand-in) — Lỗi', `
<h1>Không thể tiếp tục</h1>
<p class="en">Something went wrong</p>
<dl>
  <dt>error</dt><dd><code>${escape_html(error)}</code></dd>
  <dt>error_description</dt><dd>${escape_html(error_description)}</dd>
</dl>`);
}
