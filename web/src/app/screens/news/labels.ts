// The words for a news item's kind, in the current language.
import type { NewsKind } from '../../../shared/api';
import { t } from '../../../shared/i18n';

export const newsKinds: readonly NewsKind[] = ['announcement', 'news', 'guide'];

export function kindLabel(kind: NewsKind): string {
  return t(`news.kind_${kind}`);
}
