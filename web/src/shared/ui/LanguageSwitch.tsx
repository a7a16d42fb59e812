// One tap to the other language; the button is named in the language it switches to.
import { lang, setLang } from '../i18n';

export function LanguageSwitch() {
  const other = lang() === 'vi' ? 'en' : 'vi';
  return (
    <button type="button" class="lang-switch" lang={other} onClick={() => setLang(other)}>
      {other === 'en' ? 'English' : 'Tiếng Việt'}
    </button>
  );
}
