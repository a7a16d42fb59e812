// The pieces of a searchable list that the news, the public services and the apps directory share:
// a search box that searches after a pause in typing and on Enter, choices as radio chips, the
// live result count and the "load more" button. Their look is in search.css.
import { useEffect, useRef, useState } from 'preact/hooks';
import './search.css';

interface SearchBoxProps {
  // The input's id; its hint is `${id}-hint`.
  id: string;
  label: string;
  hint: string;
  submitLabel: string;
  // The search in force (trimmed); the box starts with it.
  query: string;
  pauseMs: number;
  // A new search (trimmed), after a pause in typing or on Enter.
  onQuery: (query: string) => void;
  // Enter with the search in force: ask again.
  onRepeat: () => void;
}

export function SearchBox({ id, label, hint, submitLabel, query, pauseMs, onQuery, onRepeat }: SearchBoxProps) {
  const [text, setText] = useState(query);
  const pause = useRef<number | undefined>(undefined);
  const latestOnQuery = useRef(onQuery);
  latestOnQuery.current = onQuery;

  useEffect(() => () => window.clearTimeout(pause.current), []);

  function typed(value: string) {
    setText(value);
    window.clearTimeout(pause.current);
    pause.current = window.setTimeout(() => latestOnQuery.current(value.trim()), pauseMs);
  }

  function submit(event: Event) {
    event.preventDefault();
    window.clearTimeout(pause.current);
    if (text.trim() === query) onRepeat();
    else onQuery(text.trim());
  }

  const hintId = `${id}-hint`;
  return (
    <form role="search" class="search" onSubmit={submit}>
      <label for={id}>{label}</label>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      <div class="search-row">
        <input id={id} name="q" type="search" value={text} autoComplete="off" enterKeyHint="search" aria-describedby={hintId} onInput={(e) => typed((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="button secondary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

export interface Choice<V extends string> {
  value: V;
  label: string;
}

interface ChoiceChipsProps<V extends string> {
  legend: string;
  // The radio group's name.
  name: string;
  choices: readonly Choice<V>[];
  chosen: V;
  onChoose: (value: V) => void;
}

// One of several values as a row of radio buttons drawn as chips; "all" is the choice with value ''.
export function ChoiceChips<V extends string>({ legend, name, choices, chosen, onChoose }: ChoiceChipsProps<V>) {
  return (
    <fieldset class="chips">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.value || 'all'} class={c.value === chosen ? 'chip selected' : 'chip'}>
          <input type="radio" name={name} value={c.value} checked={c.value === chosen} onChange={() => onChoose(c.value)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

// How many results there are (or "Loading…"), announced politely when it changes.
export function ResultCount({ text }: { text: string }) {
  return (
    <p role="status" class="result-count">
      {text}
    </p>
  );
}

interface MoreButtonProps {
  label: string;
  // A page is being fetched: the button stays focusable but does nothing.
  busy: boolean;
  onMore: () => void;
}

export function MoreButton({ label, busy, onMore }: MoreButtonProps) {
  return (
    <p>
      <button type="button" class="button secondary wide" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && onMore()}>
        {label}
      </button>
    </p>
  );
}
