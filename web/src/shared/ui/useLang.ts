// Re-renders a component tree when the language changes.
import { useEffect, useState } from 'preact/hooks';
import { lang, onLangChange, type Lang } from '../i18n';

export function useLang(): Lang {
  const [current, setCurrent] = useState<Lang>(lang());
  useEffect(() => onLangChange(setCurrent), []);
  return current;
}
