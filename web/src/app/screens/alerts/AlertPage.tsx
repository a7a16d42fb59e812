// A hot alert's page (/app/alerts/{id}), public like the alert: what happens, what to do (first
// and prominent), how serious, urgent and certain, when, where (in words and on the map), and
// whether it is still in effect (expired, updated or cancelled). Opening it is counted once per
// device (POST /api/v1/alerts/{id}/opened with this device's id). An Update or a Cancel of this
// alert arriving on the live stream shows at once.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/api';
import { ClassFacts } from '../../../shared/alerts/ClassFacts';
import { getAlert, markOpened, type Alert, type AlertFrame } from '../../../shared/alerts/api';
import { aw, localInfo, severityTone, wardName } from '../../../shared/alerts/words';
import '../../../shared/alerts/alerts.css';
import { formatDateTime, t } from '../../../shared/i18n';
import { useLive } from '../../../shared/live';
import { AreaMap } from '../../../shared/map/AreaMap';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { uuid } from '../../../shared/uuid';
import { useClientConfig } from '../../reference';
import { useTitle } from '../../title';
import { alt } from './strings';
import { useWards } from './WardSelect';

const clientIdKey = 'cds.client_id';

// This device's id for counting openings without signing in: made once, kept in localStorage.
function clientId(): string {
  try {
    const known = localStorage.getItem(clientIdKey);
    if (known) return known;
    const made = uuid();
    localStorage.setItem(clientIdKey, made);
    return made;
  } catch {
    return uuid(); // storage blocked: counted per visit
  }
}

const counted = new Set<number>(); // opened in this visit already

export function AlertPage({ id }: { id: string }) {
  const [alert, setAlert] = useState<Alert | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reloads, setReloads] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useTitle(alert ? localInfo(alert.info).headline : alt('page.title'));

  useEffect(() => {
    let live = true;
    setError(null);
    getAlert(id).then(
      (a) => {
        if (!live) return;
        setAlert(a);
        setNow(Date.now());
        if (!counted.has(a.id)) {
          counted.add(a.id);
          markOpened(a.id, clientId()).catch(() => counted.delete(a.id));
        }
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, null, t('error.unexpected'))),
    );
    return () => {
      live = false;
    };
  }, [id, reloads]);

  // Updated or cancelled while open: ask again.
  useLive<AlertFrame>('alert', (frame) => {
    if (alert && frame.alert?.references === alert.id) setReloads((n) => n + 1);
  });

  // Expiring while open: the page says so.
  const expiresAt = alert ? Date.parse(alert.expires) : NaN;
  useEffect(() => {
    if (!alert?.active || !(expiresAt > now)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(expiresAt - now + 250, 60 * 60 * 1000));
    return () => clearTimeout(timer);
  }, [alert?.active, expiresAt, now]);

  if (error) {
    return (
      <>
        <h1 tabIndex={-1}>{alt('page.title')}</h1>
        {error.status === 404 ? <p>{alt('page.not_found')}</p> : <ErrorSummary error={error} />}
        <p>
          <a href="/app/">{alt('page.home')}</a>
        </p>
      </>
    );
  }
  if (!alert) {
    return (
      <p role="status" class="loading">
        {t('common.loading')}
      </p>
    );
  }
  return <AlertBody alert={alert} inEffect={alert.active && expiresAt > now} />;
}

function AlertBody({ alert, inEffect }: { alert: Alert; inEffect: boolean }) {
  const info = localInfo(alert.info);
  const config = useClientConfig();
  const wards = useWards();
  const targeted = (wards ?? []).filter((w) => alert.targeted_wards.includes(w.code));
  const circle = alert.area.circle;
  const polygon = alert.area.polygon;
  return (
    <article class="alert-page" aria-labelledby="alert-title">
      <p class={`hot-alert tone-${severityTone(alert.severity)} hot-alert-kind`}>
        {aw('hot_alert')} · {aw(`severity.${alert.severity}`)}
        {alert.status !== 'Actual' && <span class="badge hot-alert-exercise">{aw(`status.${alert.status}`)}</span>}
      </p>
      <h1 id="alert-title" tabIndex={-1}>
        {info.headline}
      </h1>
      <p>
        <span class={inEffect ? 'alert-state in-effect' : 'alert-state'}>{inEffect ? alt('page.active') : alt('page.expired')}</span>
        {alert.msg_type !== 'Alert' && <span class="alert-state">{aw(`msg_type.${alert.msg_type}`)}</span>}
      </p>
      {alert.status === 'Exercise' && <p class="notice">{alt('page.exercise_notice')}</p>}
      {alert.status === 'Test' && <p class="notice">{alt('page.test_notice')}</p>}
      {alert.cancelled && <p class="notice error">{alt('page.cancelled')}</p>}
      {alert.superseded_by && (
        <p class="notice">
          {alt('page.superseded')} <a href={`/app/alerts/${alert.superseded_by}`}>{alt('page.superseded_link')}</a>
        </p>
      )}
      {alert.references && (
        <p class="notice">
          {alert.msg_type === 'Cancel' ? alt('page.cancel_notice') : alt('page.updates')} <a href={`/app/alerts/${alert.references}`}>{alt('page.earlier')}</a>
        </p>
      )}

      {info.instruction && (
        <section class="alert-instruction" aria-labelledby="alert-instruction-title">
          <h2 id="alert-instruction-title">{aw('label.instruction')}</h2>
          <p>{info.instruction}</p>
        </section>
      )}

      <section aria-labelledby="alert-what-title">
        <h2 id="alert-what-title">{alt('page.what')}</h2>
        {info.description && <p class="alert-text">{info.description}</p>}
        <dl class="facts">
          <dt>{aw('label.event')}</dt>
          <dd>{info.event}</dd>
          <ClassFacts alert={alert} />
        </dl>
      </section>

      <section aria-labelledby="alert-when-title">
        <h2 id="alert-when-title">{alt('page.when')}</h2>
        <dl class="facts">
          {alert.onset && (
            <>
              <dt>{aw('label.onset')}</dt>
              <dd>
                <time dateTime={alert.onset}>{formatDateTime(alert.onset)}</time>
              </dd>
            </>
          )}
          {(alert.effective ?? alert.sent_at) && (
            <>
              <dt>{aw('label.effective')}</dt>
              <dd>
                <time dateTime={alert.effective ?? alert.sent_at ?? ''}>{formatDateTime(alert.effective ?? alert.sent_at)}</time>
              </dd>
            </>
          )}
          <dt>{aw('label.expires')}</dt>
          <dd>
            <time dateTime={alert.expires}>{formatDateTime(alert.expires)}</time>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="alert-where-title" class="alert-map">
        <h2 id="alert-where-title">{alt('page.where')}</h2>
        {info.area_desc && <p class="alert-text">{info.area_desc}</p>}
        <AreaMap
          tiles={{ url: config.map_tiles_url, attribution: config.map_attribution }}
          background={[]}
          shapes={{ city: alert.area.city, wards: targeted, polygon, circle }}
          label={alt('page.map_label')}
          describedBy="alert-area-words"
          unavailable={t('error.network')}
        />
        <div id="alert-area-words">
          {circle && <p>{alt('page.map_circle', { km: circle.radius_km, lat: circle.lat, lon: circle.lon })}</p>}
          {polygon && polygon.length >= 3 && <p>{alt('page.map_polygon', { n: polygon.length })}</p>}
          {alert.area.city ? (
            <p>
              <strong>{aw('whole_city')}</strong>
            </p>
          ) : (
            alert.targeted_wards.length > 0 && (
              <>
                <h3>{alt('page.wards')}</h3>
                <p class="hint">{aw('map.wards_hint')}</p>
                <ul class="alert-wards">
                  {alert.targeted_wards.map((code) => (
                    <li key={code}>{wardName(code, wards ?? [])}</li>
                  ))}
                </ul>
              </>
            )
          )}
        </div>
      </section>

      <p class="hint">{alt('page.sender', { identifier: alert.identifier })}</p>
      <p>
        <a href={alert.cap_url} type="application/cap+xml">
          {alt('page.cap')}
        </a>
      </p>
      <p>
        <a href="/app/">{alt('page.home')}</a>
      </p>
    </article>
  );
}
