#!/usr/bin/env bash
# `make run`: migrate and seed a local SQLite database, print how to try it, and serve.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=build/bin/congdanso
DB="sqlite:var/congdanso.db"
LISTEN="${CDS_LISTEN:-127.0.0.1:8080}"
STANDIN_PORT="${VNEID_STANDIN_PORT:-9000}"
mkdir -p var

# The local stand-in for VNeID (tools/vneid-standin), so that citizens can sign in; it stops with
# the server.
VNEID_STANDIN_PORT="$STANDIN_PORT" VNEID_STANDIN_RP="http://$LISTEN,http://localhost:${LISTEN##*:}" \
  node tools/vneid-standin/server.mjs >var/vneid-standin.log 2>&1 &
standin_pid=$!
trap 'kill $standin_pid 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 100); do
  grep -q ' ready' var/vneid-standin.log 2>/dev/null && break
  kill -0 $standin_pid 2>/dev/null || { cat var/vneid-standin.log; exit 1; }
  sleep 0.1
done
export CDS_OIDC_ISSUER="${CDS_OIDC_ISSUER:-http://127.0.0.1:$STANDIN_PORT}"

$BIN migrate --db "$DB"
# The web-push key pair: made once, kept in the key file (a new one would orphan every browser's
# subscription).
$BIN keys vapid --db "$DB" >/dev/null
$BIN seed --db "$DB"
# The city's real ward boundaries, when ../shared/data is beside the checkout (docs/GEOGRAPHY.md);
# without them a point is placed in the ward with the nearest centre. Imported before the demo
# reports, so that they land in their real wards too.
BOUNDARIES=../shared/data/hcmc/hcmc_2025_ward_boundaries.geojson
if [ -f "$BOUNDARIES" ]; then
  $BIN import areas "$BOUNDARIES" --db "$DB" | tail -1
else
  echo "no $BOUNDARIES: wards are guessed from their centres"
fi
$BIN seed --db "$DB" --demo

citizen=$($BIN token issue --db "$DB" --username citizen1 --ttl 7d)
operator=$($BIN token issue --db "$DB" --username operator1 --ttl 7d)
unit=$($BIN token issue --db "$DB" --username evn1 --ttl 7d)
leader=$($BIN token issue --db "$DB" --username leader1 --ttl 7d)

cat <<INFO

  Công dân số is starting at http://$LISTEN  (SQLite: var/congdanso.db, photos: var/media)

  Demo accounts (bearer tokens valid 7 days; make new ones with
  build/bin/congdanso token issue --db $DB --username NAME):
    citizen1   (citizen, Nguyễn Văn An)         CITIZEN=$citizen
    operator1  (1022 operator)                  OPERATOR=$operator
    evn1       (unit staff, EVN HCMC)           UNIT=$unit
    leader1    (leader)                         LEADER=$leader
  Citizens sign in with VNeID (a local stand-in at $CDS_OIDC_ISSUER): open
    http://$LISTEN/
  and press "Đăng nhập bằng VNeID", then choose a demo citizen.
  Staff also sign in with password congdanso-demo plus an authenticator app (see README).
  Others: citizen2, citizen3, saigon1 (Phường Sài Gòn), benthanh1 (Phường Bến Thành), sawaco1 (SAWACO),
          cayxanh1 (parks), alert1 and alert2 (alert officers: one drafts, the other approves),
          editor1 (news), admin1.
  Hot alerts, news: http://$LISTEN/staff/ (as alert1, alert2, editor1); the app shows an alert
    for the ward chosen on its home screen. Feeds: http://$LISTEN/alerts.atom, http://$LISTEN/news.atom
  Public apps: http://$LISTEN/app/apps (anyone); admin1 manages them under Quản trị → Ứng dụng công.

  Try it (in another terminal):
    export CITIZEN=$citizen OPERATOR=$operator UNIT=$unit
    curl -s -X POST http://$LISTEN/api/v1/reports -H "Authorization: Bearer \$CITIZEN" \\
      -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\
      -d '{"category":"dien_luc","description":"Đèn đường hỏng trước chợ Bến Thành","lat":10.7725,"lon":106.698}'
    curl -s "http://$LISTEN/api/v1/reports?mine=true" -H "Authorization: Bearer \$CITIZEN"
    curl -s "http://$LISTEN/api/v1/staff/reports?status=received" -H "Authorization: Bearer \$OPERATOR"
  Follow what happens live (the citizen's notifications; every step of their reports):
    curl -sN http://$LISTEN/api/v1/events/stream -H "Authorization: Bearer \$CITIZEN"
  The README walks through a report's whole life. Stop with Ctrl-C.

INFO

$BIN serve --db "$DB" --listen "$LISTEN" --data-dir var
