// What the accounts' screens share: the roles one may give, their names, and which field each of
// the accounts API's problem codes belongs to (it names them by code only, without `errors`).
import type { Role } from '../../shared/api';
import { t, type Key } from '../i18n';

export const staffRoles: Role[] = ['operator', 'unit_staff', 'leader', 'alert_officer', 'editor', 'admin'];
export const allRoles: Role[] = ['citizen', ...staffRoles, 'connector'];
export const roleLabel = (role: Role) => t(`role.${role}` as Key);

export const accountCodeFields: Record<string, string> = {
  invalid_username: 'username',
  username_taken: 'username',
  unit_required: 'unit',
  unit_not_allowed: 'unit',
  unknown_unit: 'unit',
  password_too_short: 'password',
  cannot_demote_self: 'role',
};

// The server's unit_required message speaks of the command line's --unit; say it for the screen.
export const accountMessages = (): Record<string, string> => ({ unit_required: t('adm.unit_required') });
