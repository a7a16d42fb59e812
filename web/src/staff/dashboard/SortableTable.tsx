// A table of figures whose columns sort when their heading is chosen (a button in the heading;
// aria-sort on the sorted column; the new order announced). Until then, rows keep the server's
// order. Empty values (a rate with nothing resolved) go last whichever way the column sorts.
// Wrapped in a focusable, named region so that a wide table scrolls sideways on a phone.
import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import { lang, t } from '../i18n';

export interface Column<T> {
  key: string;
  label: string;
  numeric?: boolean;
  value: (row: T) => number | string | null;
  render?: (row: T) => ComponentChild;
}

interface Props<T> {
  id: string;
  caption: string;
  columns: Column<T>[]; // the first one heads each row
  rows: T[];
  rowKey: (row: T, index: number) => string;
  captionHidden?: boolean; // when a heading just above already shows the same words
}

type Direction = 'ascending' | 'descending';

export function SortableTable<T>({ id, caption, columns, rows, rowKey, captionHidden }: Props<T>) {
  const [sort, setSort] = useState<{ key: string; direction: Direction } | null>(null);
  const column = sort && columns.find((c) => c.key === sort.key);
  const sorted = column ? sortRows(rows, column, sort.direction) : rows;

  function choose(c: Column<T>) {
    if (sort?.key === c.key) setSort({ key: c.key, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' });
    else setSort({ key: c.key, direction: c.numeric ? 'descending' : 'ascending' });
  }

  const captionId = `${id}-caption`;
  return (
    <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="figures-table" id={id}>
        <caption id={captionId} class={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined} aria-sort={sort?.key === c.key ? sort.direction : undefined}>
                <button type="button" class="sort" onClick={() => choose(c)}>
                  {c.label}
                  <span class="sort-mark" aria-hidden="true">
                    {sort?.key === c.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '⇅'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((c, i) => {
                const content = c.render ? c.render(row) : c.value(row);
                return i === 0 ? (
                  <th key={c.key} scope="row">
                    {content}
                  </th>
                ) : (
                  <td key={c.key} class={c.numeric ? 'num' : undefined}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="visually-hidden" role="status">
        {column && sort ? t('db.sorted', { column: column.label, direction: t(sort.direction === 'ascending' ? 'db.ascending' : 'db.descending') }) : ''}
      </p>
    </div>
  );
}

function sortRows<T>(rows: T[], column: Column<T>, direction: Direction): T[] {
  const collator = new Intl.Collator(lang() === 'vi' ? 'vi' : 'en-GB', { numeric: true });
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * collator.compare(String(x), String(y));
  });
}
