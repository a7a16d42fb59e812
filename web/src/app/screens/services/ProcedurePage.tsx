// A procedure (/app/services/{code}, open to everyone): what a citizen needs to do it — where to
// go, the ways to apply with their time limits and fees, the steps, the papers, the conditions,
// the result and the legal basis. The name is the heading (the same element while loading, so
// that focus stays on it).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../../../shared/api';
import { t } from '../../../shared/i18n';
import { ErrorSummary } from '../../../shared/ui/ErrorSummary';
import { useTitle } from '../../title';
import { getProcedure, type Procedure } from './api';
import { channelLabel, levelLabel, st } from './strings';
import './services.css';

export function ProcedurePage({ code }: { code: string }) {
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const asked = useRef(0);
  useTitle(procedure ? procedure.name : st('search.title'));

  useEffect(() => {
    const n = ++asked.current;
    setProcedure(null);
    setError(null);
    getProcedure(code).then(
      (answer) => n === asked.current && setProcedure(answer),
      (e: ApiError) => n === asked.current && setError(e),
    );
  }, [code]);

  return (
    <article class="procedure" aria-labelledby="procedure-title">
      <h1 id="procedure-title" tabIndex={-1}>
        {procedure ? procedure.name : st('search.title')}
      </h1>
      {!procedure && !error && <p role="status">{t('common.loading')}</p>}
      <ErrorSummary error={error} />
      {procedure && <ProcedureBody p={procedure} />}
      <p class="procedure-back">
        <a href="/app/services">{st('page.back')}</a>
      </p>
    </article>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ProcedureBody({ p }: { p: Procedure }) {
  const groups: string[] = [];
  for (const d of p.documents) if (!groups.includes(d.group)) groups.push(d.group);
  return (
    <>
      <dl class="procedure-facts">
        <Fact label={st('page.code')} value={p.code} />
        <Fact label={st('item.field')} value={p.field} />
        <Fact label={st('page.level')} value={p.levels.map(levelLabel).join(', ')} />
        <Fact label={st('page.performing_agency')} value={p.performing_agency} />
        <Fact label={st('page.competent_agency')} value={p.competent_agency} />
        <Fact label={st('page.submit_at')} value={p.submit_at} />
        <Fact label={st('page.audience')} value={p.audience} />
      </dl>

      <section aria-labelledby="procedure-channels">
        <h2 id="procedure-channels">{st('page.channels')}</h2>
        {p.channels.length === 0 ? (
          <p>{st('item.unknown')}</p>
        ) : (
          <div class="table-scroll">
            <table class="procedure-channels">
              <thead>
                <tr>
                  <th scope="col">{st('page.channel')}</th>
                  <th scope="col">{st('item.time_limit')}</th>
                  <th scope="col">{st('item.fee')}</th>
                </tr>
              </thead>
              <tbody>
                {p.channels.map((c, i) => (
                  <tr key={i}>
                    <th scope="row">{channelLabel(c.channel)}</th>
                    <td>{c.time_limit || st('item.unknown')}</td>
                    <td>
                      {c.fee || st('item.unknown')}
                      {c.description && <p class="procedure-note">{c.description}</p>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="procedure-steps">
        <h2 id="procedure-steps">{st('page.steps')}</h2>
        {p.steps.length === 0 ? (
          <p>{st('item.unknown')}</p>
        ) : (
          <ol class="procedure-steps">
            {p.steps.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="procedure-documents">
        <h2 id="procedure-documents">{st('page.documents')}</h2>
        {p.documents.length === 0 && <p>{st('item.unknown')}</p>}
        {groups.map((group) => (
          <div key={group}>
            {group && <h3>{group}</h3>}
            <ul class="procedure-documents">
              {p.documents
                .filter((d) => d.group === group)
                .map((d, i) => (
                  <li key={i}>
                    <span>{d.name}</span>
                    {d.form && (
                      <span class="procedure-note">
                        {st('page.form')}: {d.form}
                      </span>
                    )}
                    {d.count && (
                      <span class="procedure-note">
                        {st('page.count')}: {d.count}
                      </span>
                    )}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-labelledby="procedure-conditions">
        <h2 id="procedure-conditions">{st('page.conditions')}</h2>
        <p class="procedure-text">{p.conditions || st('page.none')}</p>
      </section>

      <section aria-labelledby="procedure-result">
        <h2 id="procedure-result">{st('page.result')}</h2>
        <p class="procedure-text">{p.result || st('item.unknown')}</p>
      </section>

      {p.legal_basis.length > 0 && (
        <section aria-labelledby="procedure-legal">
          <h2 id="procedure-legal">{st('page.legal_basis')}</h2>
          <ul class="procedure-legal">
            {p.legal_basis.map((b, i) => (
              <li key={i}>
                {b.name}
                {b.code && b.code !== b.name && <span class="procedure-note">{b.code}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.source_url.startsWith('https://') && (
        <p>
          <a href={p.source_url} rel="noopener noreferrer" target="_blank">
            {st('page.source')}
          </a>
        </p>
      )}
    </>
  );
}
