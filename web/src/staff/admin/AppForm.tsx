// Adding or changing a public app (POST /api/v1/admin/apps, PUT /api/v1/admin/apps/{id}) on the
// shared EditForm: names and descriptions in both languages, the category, the icon (uploaded
// through the photo pipeline, or none for a drawn monogram), the links (https pages, the stores'
// listings, an app link), whether VNeID sign-in works there, and whether residents see it.
import { useRef, useState } from 'preact/hooks';
import { ApiError, type Photo } from '../../shared/api';
import { appCategories, type AdminApp, type AppCategory } from '../../shared/apps/api';
import { AppIcon } from '../../shared/apps/Monogram';
import { uploadResizedPicture } from '../../shared/photos/upload';
import { describedBy, FieldError } from '../../shared/ui/ErrorSummary';
import { uuid } from '../../shared/uuid';
import { t, type Key } from '../i18n';
import { createApp, updateApp, type AppBody } from './api';
import { EditForm } from './EditForm';
import { CheckField, SelectField, TextAreaField, TextField } from './fields';

export const appCategoryLabel = (category: string) => t(`adm.app_category.${category}` as Key);

const fields = ['name', 'name_en', 'description', 'description_en', 'category', 'icon_media_id', 'web_url', 'deep_link', 'android_url', 'ios_url', 'vneid_sign_in', 'active'];

// What PUT needs to keep an app as it is (the toggle of the list changes one field of it).
export function bodyOf(app: AdminApp): AppBody {
  return {
    name: app.name,
    name_en: app.name_en,
    description: app.description,
    description_en: app.description_en,
    category: app.category,
    ...(app.icon ? { icon_media_id: app.icon.id } : {}),
    web_url: app.web_url ?? '',
    deep_link: app.deep_link ?? '',
    android_url: app.android_url ?? '',
    ios_url: app.ios_url ?? '',
    vneid_sign_in: app.vneid_sign_in,
    active: app.active,
  };
}

// The form's state: the body's fields, with the icon as the photo it shows.
type Draft = Omit<AppBody, 'icon_media_id'> & { icon: Photo | null };

function draftOf(app: AdminApp | null): Draft {
  if (!app) {
    return { name: '', name_en: '', description: '', description_en: '', category: 'public_services', web_url: '', deep_link: '', android_url: '', ios_url: '', vneid_sign_in: false, active: true, icon: null };
  }
  const body = bodyOf(app);
  return {
    name: body.name,
    name_en: body.name_en,
    description: body.description,
    description_en: body.description_en,
    category: body.category,
    web_url: body.web_url,
    deep_link: body.deep_link,
    android_url: body.android_url,
    ios_url: body.ios_url,
    vneid_sign_in: body.vneid_sign_in,
    active: body.active,
    icon: app.icon,
  };
}

interface Props {
  app: AdminApp | null; // null: a new one
  onSaved: (name: string, created: boolean) => void;
  onCancel: () => void;
}

export function AppForm({ app, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState(() => draftOf(app));
  // One key for every try of this new app, so that a retried save never adds it twice.
  const key = useRef(uuid());
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  async function save() {
    const body: AppBody = {
      name: draft.name,
      name_en: draft.name_en,
      description: draft.description,
      description_en: draft.description_en,
      category: draft.category,
      ...(draft.icon ? { icon_media_id: draft.icon.id } : {}),
      web_url: draft.web_url,
      deep_link: draft.deep_link,
      android_url: draft.android_url,
      ios_url: draft.ios_url,
      vneid_sign_in: draft.vneid_sign_in,
      active: draft.active,
    };
    const done = app ? await updateApp(app.id, body) : await createApp(body, key.current);
    onSaved(done.name, !app);
  }

  const title = app ? t('adm.edit_app', { name: app.name }) : t('adm.new_app');
  return (
    <EditForm id="adm-app-title" title={title} fields={fields} save={save} onCancel={onCancel}>
      {(errors) => (
        <>
          <div class="row">
            <TextField id="adm-app-name" name="name" label={t('adm.name_vi')} value={draft.name} error={errors['name']} maxLength={80} onInput={(v) => set({ name: v })} />
            <TextField id="adm-app-name-en" name="name_en" label={t('adm.name_en')} value={draft.name_en} error={errors['name_en']} maxLength={80} onInput={(v) => set({ name_en: v })} />
          </div>
          <div class="row">
            <TextAreaField id="adm-app-description" name="description" label={t('adm.app_description')} rows={3} value={draft.description} error={errors['description']} maxLength={400} onInput={(v) => set({ description: v })} />
            <TextAreaField id="adm-app-description-en" name="description_en" label={t('adm.app_description_en')} rows={3} value={draft.description_en} error={errors['description_en']} maxLength={400} onInput={(v) => set({ description_en: v })} />
          </div>
          <SelectField id="adm-app-category" name="category" label={t('adm.col_category')} value={draft.category} error={errors['category']} onChange={(v) => set({ category: v as AppCategory })}>
            {appCategories.map((c) => (
              <option key={c} value={c}>
                {appCategoryLabel(c)}
              </option>
            ))}
          </SelectField>
          <IconField name={draft.name} icon={draft.icon} error={errors['icon_media_id']} onChange={(icon) => set({ icon })} />
          <fieldset class="app-links-fields">
            <legend>{t('adm.app_links')}</legend>
            <p class="hint">{t('adm.app_links_hint')}</p>
            <TextField id="adm-app-web" name="web_url" label={t('adm.app_web_url')} hint={t('adm.app_web_url_hint')} value={draft.web_url} error={errors['web_url']} maxLength={500} autoComplete="off" onInput={(v) => set({ web_url: v.trim() })} />
            <TextField id="adm-app-android" name="android_url" label={t('adm.app_android_url')} hint={t('adm.app_android_url_hint')} value={draft.android_url} error={errors['android_url']} maxLength={500} autoComplete="off" onInput={(v) => set({ android_url: v.trim() })} />
            <TextField id="adm-app-ios" name="ios_url" label={t('adm.app_ios_url')} hint={t('adm.app_ios_url_hint')} value={draft.ios_url} error={errors['ios_url']} maxLength={500} autoComplete="off" onInput={(v) => set({ ios_url: v.trim() })} />
            <TextField id="adm-app-deep" name="deep_link" label={t('adm.app_deep_link')} hint={t('adm.app_deep_link_hint')} value={draft.deep_link} error={errors['deep_link']} maxLength={500} autoComplete="off" onInput={(v) => set({ deep_link: v.trim() })} />
          </fieldset>
          <CheckField id="adm-app-vneid" name="vneid_sign_in" label={t('adm.app_vneid')} hint={t('adm.app_vneid_hint')} checked={draft.vneid_sign_in} error={errors['vneid_sign_in']} onChange={(v) => set({ vneid_sign_in: v })} />
          <CheckField id="adm-app-active" name="active" label={t('adm.app_active_field')} hint={t('adm.app_active_hint')} checked={draft.active} error={errors['active']} onChange={(v) => set({ active: v })} />
        </>
      )}
    </EditForm>
  );
}

// The icon: a picture chosen here is made smaller on this computer, uploaded to POST
// /api/v1/media and shown as the server's thumbnail; without one, the monogram residents see.
function IconField({ name, icon, error, onChange }: { name: string; icon: Photo | null; error: string | undefined; onChange: (icon: Photo | null) => void }) {
  const [uploading, setUploading] = useState(false);
  const [failure, setFailure] = useState('');
  const shownError = failure || error;

  async function chosen(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setFailure('');
    setUploading(true);
    try {
      onChange(await uploadResizedPicture(file, { fileName: 'icon.jpg', unreadable: t('adm.app_icon_unreadable'), maxSide: 512 }));
    } catch (e) {
      setFailure(e instanceof ApiError ? e.detail : t('error.unexpected'));
    } finally {
      setUploading(false);
      input.value = '';
    }
  }

  return (
    <div class="field app-icon-field">
      <label for="adm-app-icon">{t('adm.app_icon')}</label>
      <p class="hint" id="adm-app-icon-hint">
        {t('adm.app_icon_hint')}
      </p>
      <p class="app-cell">
        <AppIcon app={{ name: name || '?', icon }} size={48} />
        {icon && (
          <button type="button" class="button secondary small" onClick={() => onChange(null)}>
            {t('adm.app_icon_remove')}
          </button>
        )}
      </p>
      <input
        id="adm-app-icon"
        name="icon_media_id"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        aria-invalid={shownError ? 'true' : undefined}
        aria-describedby={describedBy('adm-app-icon-hint', shownError && 'adm-app-icon-error')}
        onChange={(e) => void chosen(e.currentTarget as HTMLInputElement)}
      />
      <p role="status" class="hint">
        {uploading ? t('adm.app_icon_uploading') : ''}
      </p>
      <FieldError id="adm-app-icon-error" message={shownError} />
    </div>
  );
}
