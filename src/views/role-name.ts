import { hasMessage, type Translate } from '../i18n/translate.ts';

/** A role as the reader calls it (区域经理, regional manager), not its id. */
export function roleName(t: Translate, role: string): string {
  const key = `role.${role}`;
  return hasMessage(key) ? t(key) : role;
}
