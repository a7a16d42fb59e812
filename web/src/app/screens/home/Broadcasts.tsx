// The city's announcements (`broadcast` frames of the live stream) as banners on the home screen:
// kept from the moment the app starts, so that one that arrived on another screen is there on
// coming home; a banner closed stays closed (remembered on this device).
import { useEffect, useState } from 'preact/hooks';
import { localText, type Broadcast } from '../../../shared/api/notify';
import { t } from '../../../shared/i18n';
import { onLive } from '../../../shared/live';

const closedKey = 'cds.broadcasts.closed';
let shown: Broadcast[] = [];
const listeners = new Set<(list: Broadcast[]) => void>();

function closed(): number[] {
  try {
    return JSON.parse(localStorage.getItem(closedKey) ?? '[]') as number[];
  } catch {
    return [];
  }
}

function publish(list: Broadcast[]) {
  shown = list;
  listeners.forEach((l) => l(shown));
}

onLive<Broadcast>('broadcast', (b) => {
  if (!b.title || closed().includes(b.event_id) || shown.some((s) => s.event_id === b.event_id)) return;
  publish([b, ...shown].slice(0, 3));
});

function close(b: Broadcast) {
  try {
    localStorage.setItem(closedKey, JSON.stringify([b.event_id, ...closed()].slice(0, 50)));
  } catch {
    // closed for this visit only
  }
  publish(shown.filter((s) => s.event_id !== b.event_id));
}

export function Broadcasts() {
  const [list, setList] = useState(shown);
  useEffect(() => {
    setList(shown);
    listeners.add(setList);
    return () => listeners.delete(setList);
  }, []);
  if (list.length === 0) return null;
  return (
    <div class="broadcasts">
      {list.map((b) => {
        const title = localText(b.title);
        const body = localText(b.body);
        const urgent = b.severity === 'danger' || b.severity === 'warning';
        return (
          <section key={b.event_id} class={`broadcast severity-${b.severity}`} role={urgent ? 'alert' : 'status'} aria-labelledby={`broadcast-${b.event_id}`}>
            <p class="broadcast-from">{t('broadcast.from')}</p>
            <h2 id={`broadcast-${b.event_id}`}>{title}</h2>
            {body && <p>{body}</p>}
            <p class="actions-inline">
              {b.url && b.url !== '/app/' && b.url !== '/app' && <a href={b.url}>{t('broadcast.open')}</a>}
              <button type="button" class="link" aria-label={`${t('broadcast.close')}: ${title}`} onClick={() => close(b)}>
                {t('broadcast.close')}
              </button>
            </p>
          </section>
        );
      })}
    </div>
  );
}
