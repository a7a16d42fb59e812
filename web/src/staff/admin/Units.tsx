// Units: the list from /api/v1/units, narrowed by kind, and a form to add one or change one
// (PUT /api/v1/admin/units/{code}): names in both languages, the kind and, for a ward's or
// commune's People's Committee, the ward it serves.
import { useEffect, useState } from 'preact/hooks';
import { listAreas, type ApiError, type Area } from '../../shared/api';
import { listUnits, type Unit } from '../../shared/api/staff';
import { ErrorSummary } from '../../shared/ui/ErrorSummary';
import { t, type Key } from '../i18n';
import { localName, unitKindOrder } from '../reference';
import { asApiError } from '../ui/failure';
import { putUnit } from './api';
import { EditForm } from './EditForm';
import { Announce, focusSection, SelectField, TextField } from './fields';

const kindLabel = (kind: Unit['kind']) => t(`adm.kind.${kind}` as Key);
const fields = ['code', 'name', 'name_en', 'kind', 'area'];

export function Units() {
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [areas, setAreas] = useState<Area[]>([]);
  const [kind, setKind] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [notice, setNotice] = useState('');

  const load = () =>
    listUnits().then(
      (answer) => {
        setUnits(answer.items);
        setError(null);
      },
      (e: unknown) => setError(asApiError(e)),
    );
  useEffect(() => {
    void load();
    listAreas().then(
      (answer) => setAreas(answer.items),
      () => setAreas([]),
    );
  }, []);

  function saved(name: string, created: boolean) {
    setEditing(null);
    focusSection();
    setNotice(t(created ? 'adm.unit_created' : 'adm.unit_saved', { name }));
    void load();
  }

  const areaName = (code: string | null) => {
    const area = code ? areas.find((a) => a.code === code) : undefined;
    return area ? localName(area) : code ?? '';
  };
  const shown = (units ?? []).filter((u) => !kind || u.kind === kind);
  return (
    <>
      <p class="lead">{t('adm.units_lead')}</p>
      <Announce message={notice} />
      {editing === null && (
        <p>
          <button type="button" class="button primary" onClick={() => setEditing('new')}>
            {t('adm.new_unit')}
          </button>
        </p>
      )}
      {editing !== null && <UnitForm key={editing === 'new' ? 'new' : editing.code} unit={editing === 'new' ? null : editing} areas={areas} onSaved={saved} onCancel={() => {
            setEditing(null);
            focusSection();
          }} />}
      <div class="inline-filter">
        <div class="field">
          <label for="adm-kind-filter">{t('adm.kind_filter')}</label>
          <select id="adm-kind-filter" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('adm.all_kinds')}</option>
            {unitKindOrder.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorSummary error={error} />
      {!units && !error && <p class="loading">{t('common.loading')}</p>}
      {units && (
        <>
          <p role="status" class="result-count">
            {t('adm.units_count', { n: shown.length })}
          </p>
          <div class="table-scroll" role="region" aria-label={t('adm.table_region', { name: t('adm.units') })} tabIndex={0}>
            <table class="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('adm.col_unit')}</th>
                  <th scope="col">{t('adm.code')}</th>
                  <th scope="col">{t('adm.name_en')}</th>
                  <th scope="col">{t('adm.col_kind')}</th>
                  <th scope="col">{t('adm.col_area')}</th>
                  <th scope="col">{t('adm.col_actions')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={u.code}>
                    <th scope="row">{u.name_vi}</th>
                    <td class="mono">{u.code}</td>
                    <td>{u.name_en}</td>
                    <td>{kindLabel(u.kind)}</td>
                    <td>{areaName(u.area)}</td>
                    <td>
                      <button type="button" class="button secondary small" onClick={() => setEditing(u)}>
                        {t('adm.edit')}
                        <span class="visually-hidden"> {localName(u)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

interface FormProps {
  unit: Unit | null; // null: a new one
  areas: Area[];
  onSaved: (name: string, created: boolean) => void;
  onCancel: () => void;
}

function UnitForm({ unit, areas, onSaved, onCancel }: FormProps) {
  const [draft, setDraft] = useState({
    code: unit?.code ?? '',
    name: unit?.name_vi ?? '',
    name_en: unit?.name_en ?? '',
    kind: (unit?.kind ?? '') as Unit['kind'] | '',
    area: unit?.area ?? '',
  });
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));

  function check() {
    const missing: Record<string, string> = {};
    if (!draft.code.trim()) missing['code'] = t('adm.code_required');
    if (!draft.kind) missing['kind'] = t('adm.kind_required');
    return missing;
  }
  async function save() {
    await putUnit(draft.code.trim(), { name: draft.name, name_en: draft.name_en, kind: draft.kind, ...(draft.area ? { area: draft.area } : {}) });
    onSaved(draft.name.trim(), !unit);
  }

  const title = unit ? t('adm.edit_unit', { name: localName(unit) }) : t('adm.new_unit');
  return (
    <EditForm id="adm-unit-title" title={title} fields={fields} check={check} save={save} onCancel={onCancel}>
      {(errors) => (
        <>
          {!unit && <TextField id="adm-unit-code" name="code" label={t('adm.code')} hint={t('adm.code_hint')} value={draft.code} error={errors['code']} maxLength={40} autoComplete="off" onInput={(v) => set({ code: v })} />}
          <div class="row">
            <TextField id="adm-unit-name" name="name" label={t('adm.name_vi')} value={draft.name} error={errors['name']} maxLength={200} onInput={(v) => set({ name: v })} />
            <TextField id="adm-unit-name-en" name="name_en" label={t('adm.name_en')} value={draft.name_en} error={errors['name_en']} maxLength={200} onInput={(v) => set({ name_en: v })} />
            <SelectField id="adm-unit-kind" name="kind" label={t('adm.kind')} value={draft.kind} error={errors['kind']} onChange={(v) => set({ kind: v as Unit['kind'] })}>
              <option value="">{t('adm.choose_kind')}</option>
              {unitKindOrder.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
            </SelectField>
            <SelectField id="adm-unit-area" name="area" label={t('adm.area')} hint={t('adm.area_hint')} value={draft.area} error={errors['area']} onChange={(v) => set({ area: v })}>
              <option value="">{t('adm.area_none')}</option>
              {areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {localName(a)}
                </option>
              ))}
            </SelectField>
          </div>
        </>
      )}
    </EditForm>
  );
}
