// A news item's state as a badge: the word carries the meaning, the colour only helps.
import type { NewsState } from '../../shared/api';
import { t } from '../i18n';

export const stateLabel = (state: NewsState) => t(`nd.state_${state}`);

export function StateBadge({ state }: { state: NewsState }) {
  return <span class={`badge news-state-${state}`}>{stateLabel(state)}</span>;
}
