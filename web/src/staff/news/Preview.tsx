// The live preview of an item's Markdown: asked of the server (the same renderer and sanitizer as
// the published article) 300 ms after the last keystroke, the newest answer wins; shown with the
// article's styles. The server's HTML is safe to set: scripts, event handlers and javascript:
// addresses never leave the sanitizer.
import { useEffect, useState } from 'preact/hooks';
import '../../shared/news/prose.css';
import { t } from '../i18n';
import { asApiError } from '../ui/failure';
import { previewMarkdown } from './api';

const pauseMs = 300;

export function Preview({ markdown }: { markdown: string }) {
  const [html, setHtml] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  useEffect(() => {
    if (!markdown.trim()) {
      setHtml('');
      setFailure('');
      setBusy(false);
      return;
    }
    const abort = new AbortController();
    setBusy(true);
    const timer = window.setTimeout(() => {
      previewMarkdown(markdown, abort.signal).then(
        (answer) => {
          setHtml(answer.html);
          setFailure('');
          setBusy(false);
        },
        (e: unknown) => {
          if (abort.signal.aborted) return;
          setFailure(asApiError(e).detail);
          setBusy(false);
        },
      );
    }, pauseMs);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [markdown]);

  return (
    <section class="news-preview card" aria-labelledby="nd-preview-title" aria-busy={busy ? 'true' : undefined}>
      <h2 id="nd-preview-title">{t('nd.preview')}</h2>
      <p class="hint preview-state">{busy ? t('nd.preview_busy') : ''}</p>
      {failure && <p class="field-error">{t('nd.preview_failed', { detail: failure })}</p>}
      {!markdown.trim() ? <p class="hint">{t('nd.preview_empty')}</p> : <div class="prose" dangerouslySetInnerHTML={{ __html: html }} />}
    </section>
  );
}
