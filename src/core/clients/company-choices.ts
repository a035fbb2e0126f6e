import type { CoreDeps } from '../ports.ts';
import type { Actor } from '../ports.ts';
import type { CompanyScope } from './port.ts';

/** As many companies as a picker lists at once: Slack's options load answers at most 100 options. */
export const COMPANY_CHOICES = 100;
/** What was typed into a picker's search is cut to this before it is looked up. */
const TYPED_MAX = 100;

/**
 * The companies a form's company picker offers (issue 14): the person's own
 * (owner or account manager), a regional manager's region besides, the
 * department manager every one; those whose name contains what was typed,
 * by name. Names only, never contact data (SEC-1); picking one still goes
 * through the command, which checks who may do what with it.
 */
export function companyChoices(deps: Pick<CoreDeps, 'store'>, actor: Actor, typed = '', limit = COMPANY_CHOICES): Promise<string[]> {
  const { person } = actor;
  const scope: CompanyScope =
    person.role === 'department_manager' ? { personId: person.id, all: true } : person.role === 'regional_manager' ? { personId: person.id, region: person.region } : { personId: person.id };
  return deps.store.direct((tx) => tx.companies.namesFor(scope, [...typed.trim()].slice(0, TYPED_MAX).join(''), Math.min(limit, COMPANY_CHOICES)));
}

/** The people a person picker offers: the active directory, by name. */
export function pickablePeople(deps: Pick<CoreDeps, 'store'>) {
  return deps.store.direct((tx) => tx.directory.everyone());
}
