// Categories and their deadlines: the list from /api/v1/categories (in display order) and a form
// to add one or change one (PUT /api/v1/admin/categories/{code}): names in both languages, the
// deadline in working days (1–90), sensitive, icon. A new category has no routing rule yet: the
// notice after adding one links to its rules.
import { useEffect, useState } from 'preact/hooks';
import { listCategories, type ApiError, type Category } from '../../shared/api';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { localName } from '../reference';
import { asApiError } from '../ui/failure';
import { putCategory } from './api';
import { EditForm } from './EditForm';
import { Announce, focusSection, CheckField, TextField } from './fields';

interface Draft {
  code: string;
  name: string;
  name_en: string;
  deadline_days: string;
  sensitive: boolean;
  icon: string;
}

const blank: Draft = { code: '', name: '', name_en: '', deadline_days: '5', sensitive: false, icon: '' };
const fields = ['code', 'name', 'name_en', 'deadline_days', 'sensitive', 'icon'];

export function Categories() {
  const [items, setItems] = useState<Category[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [notice, setNotice] = useState('');
  const [added, setAdded] = useState<{ code: string; name: string } | null>(null);

  const load = () =>
    listCategories().then(
      (answer) => {
        setItems(answer.items);
        setError(null);
      },
      (e: unknown) => setError(asApiError(e)),
    );
  useEffect(() => void load(), []);

  function saved(code: string, name: string, created: boolean) {
    setEditing(null);
    focusSection();
    setNotice(t(created ? 'adm.category_created' : 'adm.category_saved', { name }));
    setAdded(created ? { code, name } : null);
    void load();
  }

  const icons = [...new Set((items ?? []).map((c) => c.icon).filter(Boolean))].slice(0, 8).join(', ');
  return (
    <>
      <p class="lead">{t('adm.categories_lead')}</p>
      <Announce message={notice} />
      {added && (
        <p>
          <a href={`/staff/admin?section=routing&category=${encodeURIComponent(added.code)}`}>{t('adm.add_rule_link', { name: added.name })}</a>
        </p>
      )}
      {editing === null && (
        <p>
          <button type="button" class="button primary" onClick={() => setEditing('new')}>
            {t('adm.new_category')}
          </button>
        </p>
      )}
      {editing !== null && <CategoryForm key={editing === 'new' ? 'new' : editing.code} category={editing === 'new' ? null : editing} icons={icons} onSaved={saved} onCancel={() => {
            setEditing(null);
            focusSection();
          }} />}
      <ErrorSummary error={error} />
      {!items && !error && <p class="loading">{t('common.loading')}</p>}
      {items && (
        <div class="table-scroll" role="region" aria-label={t('adm.table_region', { name: t('adm.categories') })} tabIndex={0}>
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('adm.col_category')}</th>
                <th scope="col">{t('adm.code')}</th>
                <th scope="col">{t('adm.name_en')}</th>
                <th scope="col" class="num">
                  {t('adm.col_deadline')}
                </th>
                <th scope="col">{t('adm.col_sensitive')}</th>
                <th scope="col">{t('adm.col_icon')}</th>
                <th scope="col">{t('adm.col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.name_vi}</th>
                  <td class="mono">{c.code}</td>
                  <td>{c.name_en}</td>
                  <td class="num">{t('adm.days_n', { n: c.deadline_days })}</td>
                  <td>{t(c.sensitive ? 'adm.yes' : 'adm.no')}</td>
                  <td class="mono">{c.icon}</td>
                  <td>
                    <button type="button" class="button secondary small" id={`adm-edit-cat-${c.code}`} onClick={() => setEditing(c)}>
                      {t('adm.edit')}
                      <span class="visually-hidden"> {localName(c)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

interface FormProps {
  category: Category | null; // null: a new one
  icons: string;
  onSaved: (code: string, name: string, created: boolean) => void;
  onCancel: () => void;
}

function CategoryForm({ category, icons, onSaved, onCancel }: FormProps) {
  const [draft, setDraft] = useState<Draft>(
    category
      ? { code: category.code, name: category.name_vi, name_en: category.name_en, deadline_days: String(category.deadline_days), sensitive: category.sensitive, icon: category.icon }
      : blank,
  );
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const check = (): Record<string, string> => (draft.code.trim() ? {} : { code: t('adm.code_required') });
  async function save() {
    const days = draft.deadline_days.trim();
    const code = draft.code.trim();
    await putCategory(code, {
      name: draft.name,
      name_en: draft.name_en,
      deadline_days: /^\d+$/.test(days) ? Number(days) : days,
      sensitive: draft.sensitive,
      icon: draft.icon.trim(),
    });
    onSaved(code, draft.name.trim(), !category);
  }

  const title = category ? t('adm.edit_category', { name: localName(category) }) : t('adm.new_category');
  return (
    <EditForm id="adm-cat-title" title={title} fields={fields} check={check} save={save} onCancel={onCancel}>
      {(errors) => (
        <>
          {!category && <TextField id="adm-cat-code" name="code" label={t('adm.code')} hint={t('adm.code_hint')} value={draft.code} error={errors['code']} maxLength={40} autoComplete="off" onInput={(v) => set({ code: v })} />}
          <div class="row">
            <TextField id="adm-cat-name" name="name" label={t('adm.name_vi')} value={draft.name} error={errors['name']} maxLength={200} onInput={(v) => set({ name: v })} />
            <TextField id="adm-cat-name-en" name="name_en" label={t('adm.name_en')} value={draft.name_en} error={errors['name_en']} maxLength={200} onInput={(v) => set({ name_en: v })} />
            <TextField
              id="adm-cat-days"
              name="deadline_days"
              type="number"
              inputMode="numeric"
              label={t('adm.deadline_days')}
              hint={t('adm.deadline_hint')}
              value={draft.deadline_days}
              error={errors['deadline_days']}
              onInput={(v) => set({ deadline_days: v })}
            />
            <TextField id="adm-cat-icon" name="icon" label={t('adm.icon')} hint={t('adm.icon_hint', { icons })} value={draft.icon} error={errors['icon']} maxLength={40} onInput={(v) => set({ icon: v })} />
          </div>
          <CheckField id="adm-cat-sensitive" name="sensitive" label={t('adm.sensitive')} hint={t('adm.sensitive_hint')} checked={draft.sensitive} error={errors['sensitive']} onChange={(v) => set({ sensitive: v })} />
        </>
      )}
    </EditForm>
  );
}
