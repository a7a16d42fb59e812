// The public apps in the order the city gives them, with the categories present as chips; each
// card says what the app is for, whether the same VNeID sign-in works there, and opens it.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../../../shared/api';
import { appCategories, listApps, type AppCategory, type PublicApp } from '../../../shared/apps/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { ChoiceChips, ResultCount } from '../../../shared/ui/search';
import { AppCard, categoryLabel } from './AppCard';
import './apps.css';

export function AppsList() {
  const [apps, setApps] = useState<PublicApp[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [category, setCategory] = useState<AppCategory | ''>('');

  useEffect(() => {
    const abort = new AbortController();
    listApps(abort.signal).then(
      (answer) => setApps(answer.items),
      (e: unknown) => {
        if (!(e instanceof DOMException)) setError(e as ApiError);
      },
    );
    return () => abort.abort();
  }, []);

  if (error) return <ErrorSummary error={error} />;
  if (!apps) {
    return (
      <p role="status" class="loading">
        {t('common.loading')}
      </p>
    );
  }
  if (apps.length === 0) return <p>{t('apps.empty')}</p>;
  const present = appCategories.filter((c) => apps.some((a) => a.category === c));
  const shown = apps.filter((a) => !category || a.category === category);
  return (
    <>
      {present.length > 1 && (
        <ChoiceChips legend={t('apps.categories')} name="category" choices={(['', ...present] as const).map((c) => ({ value: c, label: c ? categoryLabel(c) : t('apps.category_all') }))} chosen={category} onChoose={setCategory} />
      )}
      <ResultCount text={shown.length === 1 ? t('apps.count_one') : t('apps.count', { n: shown.length })} />
      <ul class="apps-list" aria-label={t('apps.title')}>
        {shown.map((app) => (
          <AppCard key={app.id} app={app} />
        ))}
      </ul>
      <p class="apps-note">{t('apps.note')}</p>
    </>
  );
}
