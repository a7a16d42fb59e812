// The administration's content, loaded with its own chunk when the screen opens (Admin.tsx):
// accounts and roles, categories and their deadlines, units, routing rules, public holidays and
// the directory of public apps, one section at a time, chosen in the address
// (/staff/admin?section=users|categories|units|routing|holidays|apps) so that each can be linked to
// and reloaded. Moving to another section moves focus to its heading.
import { useEffect, useRef } from 'preact/hooks';
import { t, type Key } from '../i18n';
import { useLocation } from '../router';
import { Categories } from './Categories';
import { Holidays } from './Holidays';
import { PublicApps } from './PublicApps';
import { RoutingRules } from './RoutingRules';
import { Units } from './Units';
import { Users } from './Users';
import './admin.css';

const sections = ['users', 'categories', 'units', 'routing', 'holidays', 'apps'] as const;
type Section = (typeof sections)[number];

function sectionOf(query: URLSearchParams): Section {
  const asked = query.get('section');
  return sections.find((s) => s === asked) ?? 'users';
}

export function AdminBody() {
  const location = useLocation();
  const section = sectionOf(location.query);
  const name = t(`adm.${section}` as Key);

  // Focus the section's heading when one moves to another section (not on the first load, when
  // the console focuses the screen's h1).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestAnimationFrame(() => document.getElementById('adm-section-title')?.focus());
  }, [section]);

  return (
    <>
      <nav aria-label={t('adm.sections')} class="admin-sections">
        <ul>
          {sections.map((s) => (
            <li key={s}>
              <a href={`/staff/admin?section=${s}`} aria-current={s === section ? 'page' : undefined}>
                {t(`adm.${s}` as Key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="adm-section-title" class="admin-section">
        <h2 id="adm-section-title" tabIndex={-1}>
          {name}
        </h2>
        {section === 'users' && <Users query={location.query} />}
        {section === 'categories' && <Categories />}
        {section === 'units' && <Units />}
        {section === 'routing' && <RoutingRules query={location.query} />}
        {section === 'holidays' && <Holidays />}
        {section === 'apps' && <PublicApps />}
      </section>
    </>
  );
}
