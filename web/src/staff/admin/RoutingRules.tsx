// Routing rules, one category at a time (chosen in the address, ?category=…): the category's
// default rule (ward "*": every ward without a rule of its own, or no ward) and its rules for
// single wards, each a unit chosen from /api/v1/units; add, change and remove
// (GET/PUT/DELETE /api/v1/admin/routing-rules/…). New reports are proposed to that unit.
import { useEffect, useState } from 'preact/hooks';
import { listAreas, listCategories, type ApiError, type Area, type Category } from '../../shared/api';
import { listUnits, type Unit } from '../../shared/api/staff';
import { ErrorSummary, FieldError } from '../../shared/ui/ErrorSummary';
import { t } from '../i18n';
import { localName, unitKindOrder } from '../reference';
import { navigate } from '../router';
import { asApiError } from '../ui/failure';
import { deleteRule, listRules, putRule, type RoutingRule } from './api';
import { Announce, localProblem, SelectField } from './fields';
import { UnitChoices } from './UnitChoices';

// Which control a rule's failure is shown by: a ward's row, the default, or the new rule's form.
type Slot = string; // a ward code, '*', or 'new'
const problemText = (error: ApiError) => error.errors['unit'] ?? error.errors['ward'] ?? error.errors['category'] ?? error.detail;

export function RoutingRules({ query }: { query: URLSearchParams }) {
  const category = query.get('category') ?? '';
  const [categories, setCategories] = useState<Category[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [areas, setAreas] = useState<Area[]>([]);
  const [rules, setRules] = useState<RoutingRule[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [drafts, setDrafts] = useState<Record<Slot, string>>({});
  const [failures, setFailures] = useState<Record<Slot, ApiError>>({});
  const [fresh, setFresh] = useState({ ward: '', unit: '' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    Promise.all([listCategories(), listUnits(), listAreas()]).then(
      ([c, u, a]) => {
        setCategories(c.items);
        setUnits(u.items);
        setAreas(a.items);
      },
      (e: unknown) => setLoadError(asApiError(e)),
    );
  }, []);

  async function load() {
    if (!category) {
      setRules(null);
      return;
    }
    try {
      const answer = await listRules(category);
      setRules(answer.items);
      setDrafts(Object.fromEntries(answer.items.map((r) => [r.ward, r.unit])));
      setLoadError(null);
    } catch (e) {
      setLoadError(asApiError(e));
    }
  }
  useEffect(() => {
    setRules(null);
    setFailures({});
    setNotice('');
    void load();
  }, [category]);

  const unitName = (code: string) => {
    const unit = units.find((u) => u.code === code);
    return unit ? localName(unit) : code;
  };
  const wardName = (ward: string) => {
    if (ward === '*') return t('adm.default_label');
    const area = areas.find((a) => a.code === ward);
    return area ? localName(area) : ward;
  };

  async function step(slot: Slot, action: () => Promise<string>) {
    if (busy) return;
    setBusy(true);
    setNotice('');
    try {
      const message = await action();
      setFailures({});
      setNotice(message);
      await load();
    } catch (e) {
      setFailures({ [slot]: asApiError(e) });
      requestAnimationFrame(() => document.getElementById(`adm-rule-${slot === '*' ? 'default' : slot}`)?.focus());
    } finally {
      setBusy(false);
    }
  }

  // A ward and a unit must be chosen before asking the server (an empty ward is not an address).
  function missing(slot: Slot, field: 'ward' | 'unit', message: string) {
    setFailures({ [slot]: localProblem({ [field]: message }) });
    requestAnimationFrame(() => document.getElementById(slot === 'new' ? (field === 'ward' ? 'adm-rule-new' : 'adm-rule-new-unit') : `adm-rule-${slot === '*' ? 'default' : slot}`)?.focus());
  }

  const save = (ward: string, unit: string, slot: Slot = ward) => {
    if (!ward) return missing(slot, 'ward', t('adm.ward_required'));
    if (!unit) return missing(slot, 'unit', t('adm.unit_choice_required'));
    return step(slot, async () => {
      await putRule(category, ward, unit);
      if (slot === 'new') setFresh({ ward: '', unit: '' });
      return t('adm.rule_saved', { ward: wardName(ward), unit: unitName(unit) });
    });
  };
  const remove = (ward: string) =>
    step(ward, async () => {
      await deleteRule(category, ward);
      return t('adm.rule_removed', { ward: wardName(ward) });
    });

  const current = categories.find((c) => c.code === category);
  const defaultRule = rules?.find((r) => r.ward === '*');
  const wardRules = (rules ?? []).filter((r) => r.ward !== '*');
  const unitOptions = <UnitChoices units={units} order={unitKindOrder} />;
  const failureOf = (slot: Slot) => failures[slot];

  return (
    <>
      <p class="lead">{t('adm.routing_lead')}</p>
      <div class="inline-filter">
        <SelectField id="adm-routing-category" name="category" label={t('adm.routing_category')} value={category} onChange={(v) => navigate(`/admin?section=routing${v ? `&category=${encodeURIComponent(v)}` : ''}`)}>
          <option value="">{t('adm.choose_category')}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {localName(c)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorSummary error={loadError} />
      <Announce message={notice} />
      {!category && <p>{t('adm.routing_choose')}</p>}
      {category && !rules && !loadError && <p class="loading">{t('common.loading')}</p>}
      {category && rules && (
        <>
          <section class="card" aria-labelledby="adm-default-title">
            <h3 id="adm-default-title">
              {t('adm.default_rule')}
              {current && ` · ${localName(current)}`}
            </h3>
            <p class="hint">{t('adm.default_hint')}</p>
            {!defaultRule && <p class="notice">{t('adm.default_none')}</p>}
            <div class="rule-controls">
              <SelectField id="adm-rule-default" name="unit" label={t('adm.default_unit')} value={drafts['*'] ?? ''} error={failureOf('*') && problemText(failureOf('*')!)} onChange={(v) => setDrafts((d) => ({ ...d, '*': v }))}>
                <option value="">{t('adm.choose_unit')}</option>
                {unitOptions}
              </SelectField>
              <p class="actions-inline">
                <button type="button" class="button primary" aria-disabled={busy ? 'true' : undefined} onClick={() => save('*', drafts['*'] ?? '')}>
                  {t('adm.save')}
                  <span class="visually-hidden"> {t('adm.default_rule')}</span>
                </button>
                {defaultRule && (
                  <button type="button" class="button secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => remove('*')}>
                    {t('adm.remove')}
                    <span class="visually-hidden"> {t('adm.default_rule')}</span>
                  </button>
                )}
              </p>
            </div>
          </section>

          <section aria-labelledby="adm-ward-rules-title">
            <h3 id="adm-ward-rules-title">{t('adm.ward_rules')}</h3>
            {wardRules.length === 0 ? (
              <p>{t('adm.ward_rules_none')}</p>
            ) : (
              <div class="table-scroll" role="region" aria-labelledby="adm-ward-rules-caption" tabIndex={0}>
                <table class="admin-table rules-table">
                  <caption id="adm-ward-rules-caption">{t('adm.ward_rules_caption', { category: current ? localName(current) : category })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('adm.col_ward')}</th>
                      <th scope="col">{t('adm.col_unit')}</th>
                      <th scope="col">{t('adm.col_actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {wardRules.map((r) => {
                      const failure = failureOf(r.ward);
                      return (
                        <tr key={r.ward}>
                          <th scope="row">{wardName(r.ward)}</th>
                          <td>
                            <label class="visually-hidden" for={`adm-rule-${r.ward}`}>
                              {t('adm.unit_for', { ward: wardName(r.ward) })}
                            </label>
                            <select
                              id={`adm-rule-${r.ward}`}
                              value={drafts[r.ward] ?? r.unit}
                              aria-invalid={failure ? 'true' : undefined}
                              aria-describedby={failure ? `adm-rule-${r.ward}-error` : undefined}
                              onChange={(e) => setDrafts((d) => ({ ...d, [r.ward]: (e.currentTarget as HTMLSelectElement).value }))}
                            >
                              {unitOptions}
                            </select>
                            <FieldError id={`adm-rule-${r.ward}-error`} message={failure && problemText(failure)} />
                          </td>
                          <td>
                            <span class="actions-inline">
                              <button type="button" class="button secondary small" aria-label={t('adm.save_for', { ward: wardName(r.ward) })} onClick={() => save(r.ward, drafts[r.ward] ?? r.unit)}>
                                {t('adm.save')}
                              </button>
                              <button type="button" class="button secondary small" aria-label={t('adm.remove_for', { ward: wardName(r.ward) })} onClick={() => remove(r.ward)}>
                                {t('adm.remove')}
                              </button>
                            </span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <form
              class="card admin-form"
              aria-labelledby="adm-add-rule-title"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void save(fresh.ward, fresh.unit, 'new');
              }}
            >
              <h4 id="adm-add-rule-title">{t('adm.add_rule')}</h4>
              <div class="row">
                <SelectField id="adm-rule-new" name="ward" label={t('adm.rule_ward')} value={fresh.ward} error={failureOf('new')?.errors['ward'] ?? (failureOf('new') && !failureOf('new')!.errors['unit'] ? problemText(failureOf('new')!) : undefined)} onChange={(v) => setFresh((f) => ({ ...f, ward: v }))}>
                  <option value="">{t('adm.choose_ward')}</option>
                  {areas
                    .filter((a) => !wardRules.some((r) => r.ward === a.code))
                    .map((a) => (
                      <option key={a.code} value={a.code}>
                        {localName(a)}
                      </option>
                    ))}
                </SelectField>
                <SelectField id="adm-rule-new-unit" name="unit" label={t('adm.rule_unit')} value={fresh.unit} error={failureOf('new')?.errors['unit']} onChange={(v) => setFresh((f) => ({ ...f, unit: v }))}>
                  <option value="">{t('adm.choose_unit')}</option>
                  {unitOptions}
                </SelectField>
              </div>
              <button type="submit" class="button primary" aria-disabled={busy ? 'true' : undefined}>
                {t('adm.add_rule_submit')}
              </button>
            </form>
          </section>
        </>
      )}
    </>
  );
}
