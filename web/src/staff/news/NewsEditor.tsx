// Writing one news item: kind, title, summary, the Markdown body beside its live preview, cover
// image, pinned, publish time and, for an announcement, whether to notify residents. Save keeps it
// as it is (a new item starts as a draft); publish saves, then publishes now or at the time set
// (scheduled); unpublish takes it down. The server's messages show by their fields.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, NewsItem, NewsKind, Photo } from '../../shared/api';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { formatDateTime, t } from '../i18n';
import { navigate } from '../router';
import { asApiError } from '../ui/failure';
import '../admin/admin.css';
import { Announce, CheckField, fieldErrors, focusFirstError, localProblem, SelectField, TextAreaField, TextField } from '../admin/fields';
import { changeItem, createItem, getDeskItem, publishItem, unpublishItem, type NewsBody } from './api';
import { CoverField } from './CoverField';
import { Preview } from './Preview';
import { StateBadge } from './StateBadge';
import { fromCityInput, isFuture, toCityInput } from './time';
import './news.css';

interface Draft {
  kind: NewsKind;
  title: string;
  summary: string;
  body_md: string;
  cover: Photo | null;
  pinned: boolean;
  publish_at: string; // the datetime-local value, city time
  notify: boolean;
}

const blank: Draft = { kind: 'news', title: '', summary: '', body_md: '', cover: null, pinned: false, publish_at: '', notify: false };
// In the order of the form, for focusing the first one with a message.
const fields = ['kind', 'title', 'summary', 'body_md', 'cover_media_id', 'pinned', 'publish_at', 'notify'];
const kinds: readonly NewsKind[] = ['announcement', 'news', 'guide'];

function draftOf(item: NewsItem): Draft {
  return {
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    body_md: item.body_md ?? '',
    cover: item.cover,
    pinned: item.pinned,
    // Publishing again after an unpublish is "now" unless a time is chosen.
    publish_at: item.state === 'unpublished' ? '' : toCityInput(item.state === 'published' ? item.published_at : item.publish_at),
    notify: false,
  };
}

export function NewsEditor({ id }: { id: string }) {
  const [item, setItem] = useState<NewsItem | null>(null);
  const [draft, setDraft] = useState<Draft>(blank);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const errors = fieldErrors(error);

  // An existing item is fetched; one this editor has just created is already here.
  useEffect(() => {
    if (id === 'new' || (item && String(item.id) === id)) return;
    getDeskItem(id).then(
      (answer) => {
        setItem(answer);
        setDraft(draftOf(answer));
      },
      (e: unknown) => setLoadError(asApiError(e)),
    );
  }, [id]);

  function failed(e: unknown) {
    const failure = asApiError(e);
    setError(failure);
    focusFirstError(form.current, fields.filter((f) => f in failure.errors));
  }

  // Saves the form (creating the item the first time) and returns the item as the server has it.
  async function save(): Promise<NewsItem | null> {
    const publishAt = fromCityInput(draft.publish_at);
    if (publishAt === undefined) {
      failed(localProblem({ publish_at: t('nd.not_a_time') }));
      return null;
    }
    // The whole item each time: what is left out (no cover, no planned time) is cleared.
    const body: NewsBody = {
      kind: draft.kind,
      title: draft.title,
      summary: draft.summary,
      body_md: draft.body_md,
      pinned: draft.pinned,
      ...(draft.cover ? { cover_media_id: draft.cover.id } : {}),
      ...(publishAt ? { publish_at: publishAt } : {}),
    };
    const saved = item ? await changeItem(item.id, body) : await createItem(body);
    took(saved);
    return saved;
  }

  // The server's item replaces the one shown; a new one gets its address.
  function took(saved: NewsItem) {
    setItem(saved);
    if (id === 'new') navigate(`/news/${saved.id}`, { replace: true });
  }

  async function act(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      await action();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  const onSave = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const created = !item;
      const saved = await save();
      if (saved) setNotice(t(created ? 'nd.created' : 'nd.saved', { title: saved.title }));
    });
  };

  const onPublish = () =>
    act(async () => {
      const saved = await save();
      if (!saved) return;
      const publishAt = fromCityInput(draft.publish_at);
      const published = await publishItem(saved.id, {
        ...(publishAt ? { publish_at: publishAt } : {}),
        ...(mayNotify && draft.notify ? { notify: true } : {}),
      });
      took(published);
      setDraft((d) => ({ ...d, notify: false }));
      setNotice(
        published.state === 'scheduled'
          ? t('nd.scheduled', { title: published.title, at: formatDateTime(published.publish_at) })
          : t('nd.published', { title: published.title }),
      );
    });

  const onUnpublish = () =>
    act(async () => {
      if (!item) return;
      const taken = await unpublishItem(item.id);
      took(taken);
      setNotice(t('nd.unpublished', { title: taken.title }));
    });

  if (loadError) {
    return (
      <>
        <ErrorSummary error={loadError} />
        <p>
          <a href="/staff/news">{t('nd.back')}</a>
        </p>
      </>
    );
  }
  if (id !== 'new' && !item) {
    return (
      <p class="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }

  const state = item?.state ?? 'draft';
  const live = state === 'published' || state === 'scheduled';
  const when = item?.published_at ?? item?.publish_at;
  const later = isFuture(fromCityInput(draft.publish_at));
  const publishLabel = later ? t('nd.schedule') : t('nd.publish_now');
  // Residents are notified once, of an announcement published now.
  const mayNotify = draft.kind === 'announcement' && state !== 'published' && !later && !item?.important;
  return (
    <>
      <p class="news-state">
        <StateBadge state={state} />
        {when && <time dateTime={when}>{formatDateTime(when)}</time>}
        {item && state === 'published' && (
          <>
            {' · '}
            <a href={`/app/news/${item.id}`} target="_blank" rel="noopener">
              {t('nd.open_public')}
            </a>
          </>
        )}
      </p>
      <Announce message={notice} />
      <form ref={form} class="news-editor" noValidate onSubmit={onSave} aria-labelledby="nd-title">
        <ErrorSummary error={error} fieldsShown={fields} />
        <div class="news-columns">
          <div class="news-fields">
            <SelectField id="nd-kind" name="kind" label={t('nd.kind')} value={draft.kind} error={errors['kind']} onChange={(v) => set({ kind: v as NewsKind })}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`news.kind_${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField id="nd-title-field" name="title" label={t('nd.title_field')} value={draft.title} error={errors['title']} maxLength={200} onInput={(v) => set({ title: v })} />
            <TextAreaField id="nd-summary" name="summary" label={t('nd.summary')} hint={t('nd.summary_hint')} rows={2} value={draft.summary} error={errors['summary']} maxLength={500} onInput={(v) => set({ summary: v })} />
            <TextAreaField id="nd-body" name="body_md" label={t('nd.body')} hint={t('nd.body_hint')} rows={14} value={draft.body_md} error={errors['body_md']} onInput={(v) => set({ body_md: v })} />
          </div>
          <Preview markdown={draft.body_md} />
        </div>
        <CoverField cover={draft.cover} error={errors['cover_media_id']} onChange={(cover) => set({ cover })} />
        <CheckField id="nd-pinned" name="pinned" label={t('nd.pinned_field')} checked={draft.pinned} error={errors['pinned']} onChange={(v) => set({ pinned: v })} />
        <TextField id="nd-publish-at" name="publish_at" type="datetime-local" label={t('nd.publish_at')} hint={t('nd.publish_at_hint')} value={draft.publish_at} error={errors['publish_at']} onInput={(v) => set({ publish_at: v })} />
        {mayNotify && (
          <CheckField id="nd-notify" name="notify" label={t('nd.notify')} hint={t('nd.notify_hint')} checked={draft.notify} error={errors['notify']} onChange={(v) => set({ notify: v })} />
        )}
        <p class="actions-inline news-actions">
          <button type="submit" class="button secondary" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('nd.working') : live ? t('nd.save') : t('nd.save_draft')}
          </button>
          {state !== 'published' && (
            <button type="button" class="button primary" aria-disabled={busy ? 'true' : undefined} onClick={() => void onPublish()}>
              {publishLabel}
            </button>
          )}
          {live && (
            <button type="button" class="button danger" aria-disabled={busy ? 'true' : undefined} onClick={() => void onUnpublish()}>
              {t('nd.unpublish')}
            </button>
          )}
        </p>
      </form>
      <p>
        <a href="/staff/news">{t('nd.back')}</a>
      </p>
    </>
  );
}
