// Hot alerts on the home screen, for my ward (../../ward.ts): the active ones asked on arrival
// (GET /api/v1/alerts?ward=), then kept current by the live stream's `alert` frames (a new alert
// is added and announced, an Update replaces the alert it references, a Cancel removes it); each
// banner goes away by itself when the alert expires. Below them, for a signed-in citizen: the
// ward these alerts are for (set in the profile). A visitor who is not signed in chooses theirs
// with WardChoice (kept on this device), further down the welcome screen.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../../shared/api';
import { listActiveAlerts, type Alert, type AlertFrame, type AlertStatus, type MsgType, type Severity } from '../../../shared/alerts/api';
import { aw, localInfo, severityTone, wardName } from '../../../shared/alerts/words';
import '../../../shared/alerts/alerts.css';
import { formatDateTime } from '../../../shared/i18n';
import { useLive } from '../../../shared/live';
import { Icon } from '../../../shared/ui/Icon';
import { useSession } from '../../session';
import { chooseWard, myWard, useStoredWard } from '../../ward';
import { alt } from '../alerts/strings';
import { useWards, WardSelect } from '../alerts/WardSelect';

interface Banner {
  id: number;
  msg_type: MsgType;
  status: AlertStatus;
  severity: Severity;
  headline: { vi: string; en?: string };
  expires: string;
}

const fromAlert = (a: Alert): Banner => ({
  id: a.id,
  msg_type: a.msg_type,
  status: a.status,
  severity: a.severity,
  headline: { vi: a.info.vi.headline, en: a.info.en?.headline },
  expires: a.expires,
});

const inEffect = (b: Banner, now: number) => b.status !== 'Test' && b.msg_type !== 'Cancel' && Date.parse(b.expires) > now;
const longestWait = 60 * 60 * 1000; // timers further out are set again, an hour at a time

export function AlertBanners() {
  const { me } = useSession();
  const ward = myWard(me, useStoredWard());
  const [banners, setBanners] = useState<Banner[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const [announced, setAnnounced] = useState('');
  const [reloads, setReloads] = useState(0);
  // Alerts replaced or cancelled while this screen is open: an answer in flight must not bring them back.
  const gone = useRef(new Set<number>());

  useEffect(() => {
    if (ward === undefined) return;
    setBanners([]);
    const abort = new AbortController();
    // Without a ward, the alerts for the whole city only.
    listActiveAlerts(ward, abort.signal).then(
      (answer) => {
        const loaded = answer.items.filter((a) => a.active && a.status !== 'Test' && (ward !== null || a.area.city)).map(fromAlert);
        setBanners((shown) => [...loaded, ...shown.filter((b) => !loaded.some((l) => l.id === b.id))].filter((b) => !gone.current.has(b.id)));
        setNow(Date.now());
      },
      (error: ApiError | DOMException) => {
        if (error instanceof DOMException) return; // left the screen
        // Offline or refused: no banners; the live stream still brings new ones.
      },
    );
    return () => abort.abort();
  }, [ward, reloads]);

  useLive<AlertFrame>('alert', ({ alert }) => {
    if (!alert || alert.status === 'Test') return;
    // A visitor's stream carries their chosen ward's alerts; make sure of it here too.
    if (me === null && !alert.city && !(ward && alert.targeted_wards?.includes(ward))) return;
    const replaced = (alert.msg_type === 'Update' || alert.msg_type === 'Cancel') && alert.references ? alert.references : null;
    if (replaced !== null) gone.current.add(replaced);
    const banner: Banner = { id: alert.id, msg_type: alert.msg_type, status: alert.status, severity: alert.severity, headline: alert.headline, expires: alert.expires };
    setBanners((shown) => {
      const kept = shown.filter((b) => b.id !== replaced && b.id !== alert.id);
      return alert.msg_type === 'Cancel' ? kept : [banner, ...kept];
    });
    setNow(Date.now());
    if (alert.msg_type !== 'Cancel') setAnnounced(alt('banners.new', { headline: localInfo(alert.headline) }));
  });
  useLive('reset', () => setReloads((n) => n + 1));

  const shown = banners.filter((b) => inEffect(b, now));

  // The next expiry takes its banner away.
  useEffect(() => {
    if (shown.length === 0) return;
    const next = Math.min(...shown.map((b) => Date.parse(b.expires)));
    const timer = setTimeout(() => setNow(Date.now()), Math.min(Math.max(next - Date.now(), 0) + 250, longestWait));
    return () => clearTimeout(timer);
  }, [shown.map((b) => b.expires).join(), now]);

  if (ward === undefined) return null;
  return (
    <div class="hot-alerts">
      <p class="visually-hidden" aria-live="assertive">
        {announced}
      </p>
      {shown.map((b) => (
        <AlertBannerCard key={b.id} banner={b} />
      ))}
      {me && me.role === 'citizen' && <HomeWardLine ward={ward} />}
    </div>
  );
}

function AlertBannerCard({ banner }: { banner: Banner }) {
  const headline = localInfo(banner.headline);
  const titleId = `hot-alert-${banner.id}`;
  return (
    <section class={`hot-alert tone-${severityTone(banner.severity)}`} aria-labelledby={titleId}>
      <p class="hot-alert-kind">
        <Icon name="report" />
        <span>
          {aw('hot_alert')} · {aw(`severity.${banner.severity}`)}
        </span>
        {banner.status === 'Exercise' && <span class="badge hot-alert-exercise">{alt('banners.exercise')}</span>}
      </p>
      <h2 id={titleId}>
        <a href={`/app/alerts/${banner.id}`}>{headline}</a>
      </h2>
      <p class="hot-alert-until">{alt('banners.until', { at: formatDateTime(banner.expires) })}</p>
      <p class="hot-alert-open" aria-hidden="true">
        {alt('banners.open')} →
      </p>
    </section>
  );
}

// A visitor's ward, chosen here and kept on this device.
export function WardChoice() {
  const ward = useStoredWard();
  const wards = useWards();
  const [said, setSaid] = useState('');
  function change(code: string | null) {
    chooseWard(code);
    setSaid(code ? alt('ward.saved', { ward: wardName(code, wards ?? []) }) : alt('ward.cleared'));
  }
  return (
    <section class="ward-choice" aria-labelledby="ward-choice-title">
      <h2 id="ward-choice-title">{alt('ward.choose_title')}</h2>
      {wards ? (
        <div class="field">
          <label for="my-ward">{alt('ward.choose')}</label>
          <p class="hint" id="my-ward-hint">
            {alt('ward.choose_hint')}
          </p>
          <WardSelect id="my-ward" wards={wards} value={ward} onChange={change} describedBy="my-ward-hint" />
        </div>
      ) : (
        <p class="loading">{alt('ward.loading')}</p>
      )}
      <p role="status" class="saved">
        {said}
      </p>
    </section>
  );
}

// A signed-in citizen's home ward, set in the profile.
function HomeWardLine({ ward }: { ward: string | null }) {
  const wards = useWards();
  if (!ward) {
    return (
      <p class="notice">
        {alt('banners.set_home_ward')} <a href="/app/profile">{alt('banners.set_home_ward_link')}</a>
      </p>
    );
  }
  return wards ? <p class="hint">{alt('banners.for_ward', { ward: wardName(ward, wards) })}</p> : null;
}
