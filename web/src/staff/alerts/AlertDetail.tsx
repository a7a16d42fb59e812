// One alert for alert officers: its classification, texts in both languages, times, area (in
// words and on the map), who drafted and approved it, the delivery figures once sent, its CAP
// document; and what can be done with it. A draft: approve (not by whoever drafted or last edited
// it, the two-person rule, which the server also enforces with 409 alert_same_officer), edit or
// discard. A sent alert in effect: draft an Update, or a Cancel (itself a draft to approve).
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getClientConfig, type Area, type Me } from '../../shared/api';
import { ClassFacts } from '../../shared/alerts/ClassFacts';
import { approveAlert, cancelAlert, getStaffAlert, infoFields, type Alert } from '../../shared/alerts/api';
import { aw, localInfo, severityTone, wardName } from '../../shared/alerts/words';
import { AreaMap } from '../../shared/map/AreaMap';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { Announce } from '../admin/fields';
import { formatDateTime, t } from '../i18n';
import { loadReference } from '../reference';
import { navigate } from '../router';
import { asApiError } from '../ui/failure';
import { useTitle } from '../ui/useTitle';
import type { AlertNotice } from './Alerts';
import { isInEffect, stateWord } from './labels';
import { st } from './strings';

const notices: Record<NonNullable<AlertNotice['notice']>, Parameters<typeof st>[0]> = {
  created: 'detail.created',
  saved: 'detail.saved',
  approved: 'detail.approved',
  discarded: 'detail.discarded',
  cancel_created: 'detail.cancel_created',
};

export function AlertDetail({ me, id, notice }: { me: Me; id: number; notice: AlertNotice['notice'] }) {
  const [alert, setAlert] = useState<Alert | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [wards, setWards] = useState<Area[]>([]);
  const [tiles, setTiles] = useState<{ url: string; attribution: string } | null>(null);
  const [said, setSaid] = useState(notice ? st(notices[notice]) : '');
  useTitle(alert ? `${localInfo(alert.info).headline} · ${st('list.title')}` : st('detail.title', { id }));

  useEffect(() => {
    let live = true;
    getStaffAlert(id).then(
      (a) => live && setAlert(a),
      (e: unknown) => live && setLoadError(asApiError(e)),
    );
    loadReference().then(
      (r) => live && setWards(r.areas),
      () => undefined,
    );
    getClientConfig().then(
      (c) => live && setTiles({ url: c.map_tiles_url, attribution: c.map_attribution }),
      () => live && setTiles({ url: '', attribution: '' }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (loadError) {
    return (
      <section aria-labelledby="alert-detail-title">
        <h1 id="alert-detail-title" tabIndex={-1}>
          {st('detail.title', { id })}
        </h1>
        <ErrorSummary error={loadError} />
        <p>
          <a href="/staff/alerts">{st('detail.back')}</a>
        </p>
      </section>
    );
  }
  if (!alert) return <p role="status">{t('common.loading')}</p>;

  const info = localInfo(alert.info);
  const targeted = wards.filter((w) => alert.targeted_wards.includes(w.code));
  const circle = alert.area.circle;
  const polygon = alert.area.polygon;
  return (
    <section aria-labelledby="alert-detail-title" class="alerts-staff alert-detail">
      <p>
        <a href="/staff/alerts">{st('detail.back')}</a>
      </p>
      <p class={`hot-alert hot-alert-kind tone-${severityTone(alert.severity)}`}>
        {st('detail.title', { id: alert.id })} · {aw(`msg_type.${alert.msg_type}`)} · {aw(`severity.${alert.severity}`)}
        {alert.status !== 'Actual' && <span class="badge hot-alert-exercise">{aw(`status.${alert.status}`)}</span>}
      </p>
      <h1 id="alert-detail-title" tabIndex={-1}>
        {info.headline}
      </h1>
      <p>
        <span class={isInEffect(alert) ? 'alert-state in-effect' : 'alert-state'}>{stateWord(alert)}</span>
      </p>
      <Announce message={said} />

      <Actions me={me} alert={alert} onChanged={(a, message) => {
        setAlert(a);
        setSaid(message);
      }} />

      <div class="detail-columns">
        <div>
          <h2>{st('detail.facts')}</h2>
          <dl class="facts">
            <dt>{aw('label.msg_type')}</dt>
            <dd>{aw(`msg_type.${alert.msg_type}`)}</dd>
            <dt>{aw('label.status')}</dt>
            <dd>{aw(`status.${alert.status}`)}</dd>
            <ClassFacts alert={alert} />
            {alert.onset && (
              <>
                <dt>{aw('label.onset')}</dt>
                <dd>{formatDateTime(alert.onset)}</dd>
              </>
            )}
            <dt>{aw('label.expires')}</dt>
            <dd>{formatDateTime(alert.expires)}</dd>
            <dt>{st('detail.drafted_by')}</dt>
            <dd>{alert.drafted_by?.name ?? '—'}</dd>
            {alert.approved_by && (
              <>
                <dt>{st('detail.approved_by')}</dt>
                <dd>{alert.approved_by.name}</dd>
              </>
            )}
            {alert.sent_at && (
              <>
                <dt>{st('detail.sent_at')}</dt>
                <dd>{formatDateTime(alert.sent_at)}</dd>
              </>
            )}
            {alert.references && (
              <>
                <dt>{st('detail.references')}</dt>
                <dd>
                  <a href={`/staff/alerts/${alert.references}`}>#{alert.references}</a>
                </dd>
              </>
            )}
            {alert.superseded_by && (
              <>
                <dt>{st('detail.superseded_by')}</dt>
                <dd>
                  <a href={`/staff/alerts/${alert.superseded_by}`}>#{alert.superseded_by}</a>
                </dd>
              </>
            )}
            <dt>{st('detail.identifier')}</dt>
            <dd class="mono">{alert.identifier}</dd>
          </dl>
          {alert.state === 'sent' && alert.figures && (
            <>
              <h2>{st('detail.figures')}</h2>
              <dl class="facts figures">
                <dt>{st('detail.fig_targeted')}</dt>
                <dd>{alert.figures.targeted}</dd>
                <dt>{st('detail.fig_live')}</dt>
                <dd>{alert.figures.live}</dd>
                <dt>{st('detail.fig_pushed')}</dt>
                <dd>{alert.figures.pushed}</dd>
                <dt>{st('detail.fig_opened')}</dt>
                <dd>{alert.figures.opened}</dd>
              </dl>
            </>
          )}
          <p>
            <a href={alert.cap_url} type="application/cap+xml">
              {st('detail.cap')}
            </a>
            {alert.state === 'sent' && (
              <>
                {' · '}
                <a href={`/app/alerts/${alert.id}`}>{st('detail.public')}</a>
              </>
            )}
          </p>
        </div>
        <div>
          {(['vi', 'en'] as const).map((lang) => (
            <section key={lang} lang={lang} aria-labelledby={`texts-${lang}`}>
              <h2 id={`texts-${lang}`}>{st('detail.texts', { lang: st(lang === 'vi' ? 'detail.lang_vi' : 'detail.lang_en') })}</h2>
              <dl class="facts">
                {infoFields.map((field) => (
                  <Fragment key={field}>
                    <dt>{aw(`label.${field}`)}</dt>
                    <dd class="alert-text">{alert.info[lang]?.[field] || '—'}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>

      <section aria-labelledby="alert-area-title" class="alert-map">
        <h2 id="alert-area-title">{st('detail.area')}</h2>
        <div id="alert-area-words">
          {alert.area.city && (
            <p>
              <strong>{aw('whole_city')}</strong>
            </p>
          )}
          {circle && <p>{st('detail.circle', { km: circle.radius_km, lat: circle.lat, lon: circle.lon })}</p>}
          {polygon && polygon.length > 0 && <p>{st('detail.polygon', { n: polygon.length })}</p>}
          {!alert.area.city && (
            <>
              <h3>{st('detail.targeted', { n: alert.targeted_wards.length })}</h3>
              <ul class="alert-wards">
                {alert.targeted_wards.map((code) => (
                  <li key={code}>{wardName(code, wards)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <AreaMap
          tiles={tiles}
          background={[]}
          shapes={{ city: alert.area.city, wards: targeted, polygon, circle }}
          label={st('form.map_label')}
          describedBy="alert-area-words"
          unavailable={t('error.network')}
        />
      </section>
    </section>
  );
}

type Pending = 'approve' | 'discard' | 'cancel' | null;

// The server's refusals that this screen can say better than a bare code.
const refusals: Record<string, Parameters<typeof st>[0]> = {
  alert_same_officer: 'detail.approve_own',
  alert_not_draft: 'detail.not_draft',
};

function explained(error: ApiError): ApiError {
  const key = refusals[error.code];
  if (!key || (error.detail && error.detail !== error.code)) return error;
  const detail = st(key);
  return new ApiError(error.status, { ...(error.problem ?? { type: '', title: detail, status: error.status, code: error.code }), detail }, detail);
}

function Actions({ me, alert, onChanged }: { me: Me; alert: Alert; onChanged: (a: Alert, message: string) => void }) {
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const own = alert.drafted_by?.id === me.id || alert.edited_by?.id === me.id;
  const draft = alert.state === 'draft';
  const canChange = isInEffect(alert);

  async function act(what: Exclude<Pending, null>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (what === 'approve') {
        onChanged(await approveAlert(alert.id), st('detail.approved'));
      } else {
        const answer = await cancelAlert(alert.id);
        if (what === 'discard' || answer.id === alert.id) onChanged(answer, st('detail.discarded'));
        else navigate(`/alerts/${answer.id}`, { state: { notice: 'cancel_created' } });
      }
      setPending(null);
    } catch (e) {
      setError(explained(asApiError(e)));
    } finally {
      setBusy(false);
    }
  }

  if (!draft && !canChange) {
    return (
      <div class="alert-actions">
        <p class="hint">{st('detail.no_actions')}</p>
      </div>
    );
  }

  const confirm = (text: string, yes: string, what: Exclude<Pending, null>, danger = false) => (
    <div class="card" role="group" aria-labelledby="alert-confirm">
      <p id="alert-confirm">{text}</p>
      <p class="actions-inline">
        <button type="button" class={danger ? 'button danger' : 'button primary'} aria-disabled={busy ? 'true' : undefined} onClick={() => void act(what)}>
          {yes}
        </button>
        <button type="button" class="button secondary" onClick={() => setPending(null)}>
          {st('detail.back_out')}
        </button>
      </p>
    </div>
  );

  return (
    <section class="alert-actions" aria-labelledby="alert-actions-title">
      <h2 id="alert-actions-title" class="visually-hidden">
        {st('detail.actions')}
      </h2>
      <ErrorSummary error={error} />
      {draft && pending === null && (
        <>
          <p class="actions-inline">
            <button
              type="button"
              class="button primary"
              aria-disabled={own ? 'true' : undefined}
              aria-describedby={own ? 'approve-own' : undefined}
              onClick={() => !own && setPending('approve')}
            >
              {st('detail.approve')}
            </button>
            <a class="button secondary" href={`/staff/alerts/${alert.id}/edit`}>
              {st('detail.edit')}
            </a>
            <button type="button" class="button secondary" onClick={() => setPending('discard')}>
              {st('detail.discard')}
            </button>
          </p>
          {own && (
            <p class="notice" id="approve-own">
              {st('detail.approve_own')}
            </p>
          )}
        </>
      )}
      {draft && pending === 'approve' && confirm(st('detail.approve_confirm'), st('detail.approve_yes'), 'approve')}
      {draft && pending === 'discard' && confirm(st('detail.discard_confirm'), st('detail.discard_yes'), 'discard', true)}
      {canChange && pending === null && (
        <p class="actions-inline">
          <a class="button secondary" href={`/staff/alerts/new?update=${alert.id}`}>
            {st('detail.update')}
          </a>
          <button type="button" class="button danger" onClick={() => setPending('cancel')}>
            {st('detail.cancel')}
          </button>
        </p>
      )}
      {canChange && pending === 'cancel' && confirm(st('detail.cancel_explain'), st('detail.cancel_yes'), 'cancel', true)}
    </section>
  );
}
