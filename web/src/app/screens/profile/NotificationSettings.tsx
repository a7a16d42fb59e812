// The profile's notification settings (a chunk of its own): push on this device (turn on, turn
// off, or why it cannot be had here), every device that gets pushes (with removal), and what to be
// told about, per kind, in the app and by push.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../../shared/api';
import type { DeliveryChannel, Preference, PreferenceKind, PushDevice } from '../../../shared/api/notify';
import { getPreferences, listPushDevices, putPreferences } from '../../../shared/notify/api';
import { formatDateTime, t } from '../../../shared/i18n';
import { currentDevice, disablePush, enablePush, forgetDevice, pushState, type PushOutcome } from '../../../shared/notify/push';
import { outcomeText } from '../../../shared/notify/PushOffer';
import { nt } from '../../../shared/notify/strings';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { describeDevice } from './device';

interface Props {
  citizen: boolean;
  unitStaff: boolean;
  onConsent: () => void; // turning push on recorded the consent to notifications
}

export function NotificationSettings({ citizen, unitStaff, onConsent }: Props) {
  const [devices, setDevices] = useState<PushDevice[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const loadDevices = () => listPushDevices().then((a) => setDevices(a.items), setError);
  useEffect(() => {
    void loadDevices();
  }, []);

  return (
    <section aria-labelledby="notify-title">
      <h2 id="notify-title">{nt('settings.title')}</h2>
      <ErrorSummary error={error} />
      <ThisDevice citizen={citizen} onChange={() => void loadDevices()} onConsent={onConsent} />
      <Devices devices={devices} onChange={() => void loadDevices()} onError={setError} />
      <Preferences citizen={citizen} unitStaff={unitStaff} />
    </section>
  );
}

function ThisDevice({ citizen, onChange, onConsent }: { citizen: boolean; onChange: () => void; onConsent: () => void }) {
  const [state, setState] = useState<PushOutcome | null>(null);
  const [said, setSaid] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    pushState().then(setState, () => setState('off'));
  }, []);

  async function act(turnOn: boolean) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaid(turnOn ? nt('push.busy') : '');
    const before = state;
    setState(null);
    try {
      if (turnOn) {
        const outcome = await enablePush(citizen);
        if (citizen) onConsent();
        setState(outcome === 'dismissed' || outcome === 'failed' ? 'off' : outcome);
        setSaid(outcomeText(outcome));
      } else {
        await disablePush();
        setState('off');
        setSaid(nt('push.disabled'));
      }
      onChange();
    } catch (e) {
      setSaid('');
      setState(before);
      setError(e instanceof ApiError ? e : new ApiError(0, null, nt('push.failed')));
    } finally {
      setBusy(false);
    }
  }

  const canTurnOn = state === 'off';
  return (
    <>
      <h3>{nt('settings.this_device')}</h3>
      <ErrorSummary error={error} />
      <p role="status" class={state === 'on' ? 'notice success' : 'notice'}>
        {said || (state ? outcomeText(state) : t('common.loading'))}
      </p>
      {canTurnOn && (
        <>
          {citizen && <p class="hint">{nt('push.consent')}</p>}
          <p>
            <button type="button" class="button primary" aria-disabled={busy ? 'true' : undefined} onClick={() => void act(true)}>
              {nt('push.enable')}
            </button>
          </p>
        </>
      )}
      {state === 'on' && (
        <p>
          <button type="button" class="button secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => void act(false)}>
            {nt('push.disable')}
          </button>
        </p>
      )}
    </>
  );
}

function Devices({ devices, onChange, onError }: { devices: PushDevice[] | null; onChange: () => void; onError: (e: ApiError) => void }) {
  const [said, setSaid] = useState('');
  const mine = currentDevice();
  async function remove(device: PushDevice) {
    try {
      await forgetDevice(device.id);
      setSaid(nt('settings.device_removed'));
      onChange();
    } catch (e) {
      if (e instanceof ApiError) onError(e);
    }
  }
  return (
    <>
      <h3 id="devices-title">{nt('settings.devices')}</h3>
      {devices && devices.length === 0 && <p>{nt('settings.no_devices')}</p>}
      {devices && devices.length > 0 && (
        <ul class="sessions" aria-labelledby="devices-title">
          {devices.map((device, index) => (
            <li key={device.id} class="card">
              <p>
                <strong title={device.user_agent}>{describeDevice(device.user_agent) || nt('settings.unknown_device')}</strong>{' '}
                <span class="hint">{device.push_service}</span>
                {device.id === mine && <span class="badge"> {nt('settings.current_device')}</span>}
              </p>
              <p class="hint">
                {nt('settings.device_times', {
                  created: formatDateTime(device.created_at),
                  last: device.last_success_at ? formatDateTime(device.last_success_at) : nt('settings.never'),
                })}
              </p>
              <button type="button" class="button secondary" onClick={() => void remove(device)}>
                {nt('settings.remove_device', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="saved">
        {said}
      </p>
    </>
  );
}

function Preferences({ citizen, unitStaff }: { citizen: boolean; unitStaff: boolean }) {
  const [items, setItems] = useState<Preference[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [said, setSaid] = useState('');
  const asked = useRef(0);
  useEffect(() => {
    getPreferences().then((a) => setItems(a.items), setError);
  }, []);

  // Citizens are told of their reports, the ones they follow, the hot alerts for their ward, their
  // administrative dossiers and the city's announcements; a unit's staff also of their unit's new work. Announcements always
  // show in the open app.
  const kinds: PreferenceKind[] = [
    ...(citizen || !unitStaff ? (['my_reports', 'followed'] as const) : []),
    ...(unitStaff ? (['unit_queue'] as const) : []),
    ...(citizen ? (['alerts', 'dossiers'] as const) : []),
    'broadcasts',
  ];
  const channels = (kind: PreferenceKind): DeliveryChannel[] => (kind === 'broadcasts' ? ['push'] : ['app', 'push']);
  const enabled = (kind: PreferenceKind, channel: DeliveryChannel) =>
    items?.find((p) => p.kind === kind && p.channel === channel)?.enabled ?? true;

  async function change(kind: PreferenceKind, channel: DeliveryChannel, on: boolean) {
    setError(null);
    setSaid('');
    const before = items;
    const n = ++asked.current;
    // The switch moves at once; the server's answer confirms it (or puts it back). Of quick
    // changes in a row, the last answer counts.
    setItems((list) => list && [...list.filter((p) => p.kind !== kind || p.channel !== channel), { kind, channel, enabled: on }]);
    try {
      const answer = await putPreferences([{ kind, channel, enabled: on }]);
      if (n === asked.current) setItems(answer.items);
      setSaid(nt('settings.saved', { what: nt(`pref.${kind}`), channel: nt(`channel.${channel}`), state: nt(on ? 'settings.on' : 'settings.off') }));
    } catch (e) {
      if (n === asked.current) setItems(before);
      setError(e as ApiError);
    }
  }

  return (
    <>
      <h3>{nt('settings.prefs')}</h3>
      <p class="hint">{nt('settings.prefs_explain')}</p>
      <ErrorSummary error={error} />
      {!items && !error && <p class="loading">{t('common.loading')}</p>}
      {items &&
        kinds.map((kind) => (
          <fieldset key={kind} class="pref" aria-describedby={`pref-${kind}-hint`}>
            <legend>{nt(`pref.${kind}`)}</legend>
            <p class="hint" id={`pref-${kind}-hint`}>
              {nt(`pref.${kind}_hint`)}
            </p>
            {channels(kind).map((channel) => (
              <div class="switch-field" key={channel}>
                <input
                  id={`pref-${kind}-${channel}`}
                  type="checkbox"
                  role="switch"
                  checked={enabled(kind, channel)}
                  onChange={(e) => void change(kind, channel, (e.currentTarget as HTMLInputElement).checked)}
                />
                <label for={`pref-${kind}-${channel}`}>{nt(`channel.${channel}`)}</label>
              </div>
            ))}
          </fieldset>
        ))}
      <p role="status" class="saved">
        {said}
      </p>
    </>
  );
}
