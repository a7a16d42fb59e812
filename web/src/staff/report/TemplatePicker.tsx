// Inserts a canned reply (Vietnamese or English) into a message field, at the cursor.
import { useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { StaffAction } from '../../shared/api/staff';
import { t } from '../i18n';
import { templatesFor } from './templates';

interface Props {
  action: StaffAction;
  target: RefObject<HTMLTextAreaElement | null>;
  value: string;
  onInsert: (text: string) => void;
}

export function TemplatePicker({ action, target, value, onInsert }: Props) {
  const list = templatesFor(action);
  const [chosen, setChosen] = useState('');
  if (list.length === 0) return null;
  const id = `tpl-${action}`;

  function insert() {
    const [templateId, language] = chosen.split(':');
    const template = list.find((tpl) => tpl.id === templateId);
    if (!template) return;
    const text = template.text[language === 'en' ? 'en' : 'vi'];
    const area = target.current;
    // Where the caret was left in the field (the end, if it was never placed).
    const at = Math.min(area?.selectionStart ?? value.length, value.length);
    const before = value.slice(0, at);
    const after = value.slice(at);
    const glue = before && !/\s$/.test(before) ? ' ' : '';
    onInsert(before + glue + text + after);
    requestAnimationFrame(() => {
      if (!area) return;
      area.focus();
      const end = before.length + glue.length + text.length;
      area.setSelectionRange(end, end);
    });
  }

  return (
    <div class="template-picker">
      <label for={id}>{t('tpl.label')}</label>
      <div class="inline-controls">
        <select id={id} value={chosen} onChange={(e) => setChosen((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('tpl.choose')}</option>
          <optgroup label="Tiếng Việt" lang="vi">
            {list.map((tpl) => (
              <option key={tpl.id + ':vi'} value={tpl.id + ':vi'}>
                {tpl.title.vi}
              </option>
            ))}
          </optgroup>
          <optgroup label="English" lang="en">
            {list.map((tpl) => (
              <option key={tpl.id + ':en'} value={tpl.id + ':en'}>
                {tpl.title.en}
              </option>
            ))}
          </optgroup>
        </select>
        <button type="button" class="button secondary" aria-disabled={chosen ? undefined : 'true'} onClick={() => chosen && insert()}>
          {t('tpl.insert')}
        </button>
      </div>
    </div>
  );
}
