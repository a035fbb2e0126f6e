import { normalizeCompanyName } from '../leads/company-name.ts';
import type { CoreResult, Repositories, Tx } from '../ports.ts';
import { ok, refuse } from '../result.ts';
import type { Company } from './types.ts';

/** A unified social credit code as typed: 18 characters of its alphabet (the check character was the edge's to verify). */
const CREDIT_CODE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/u;
/** `#12`: a company's number, as an ambiguous lookup lists it. */
const COMPANY_NUMBER = /^[#＃](\d{1,9})$/u;

/**
 * Finds a client by what a person typed: a name, compared as LEAD-2 compares
 * names, a credit code, or `#<number>`. Every command that names a company
 * (/client, /visit, /deal new, /ticket) looks it up here. A name two
 * companies share (a duplicate a manager allowed, or two kept when names
 * were re-normalised) is never settled by picking one: the refusal lists
 * them, each with its credit code, region, owner and number, to be named
 * again by code or number. Only in a transaction may the rows read be
 * locked (`for update`) until it ends.
 */
export function findClient(tx: Repositories, typed: string): Promise<CoreResult<Company>>;
export function findClient(tx: Tx, typed: string, lock?: 'for update'): Promise<CoreResult<Company>>;
export async function findClient(repos: Repositories, typed: string, lock?: 'for update'): Promise<CoreResult<Company>> {
  // Only the second signature passes a lock, and only with a transaction's repositories.
  const tx = repos as Tx;
  const text = typed.trim();
  const asCode = text.normalize('NFKC').toUpperCase().replace(/\s+/gu, '');
  const number = COMPANY_NUMBER.exec(text.normalize('NFKC'))?.[1] ?? COMPANY_NUMBER.exec(text)?.[1];
  const found = CREDIT_CODE.test(asCode)
    ? [await tx.companies.byCreditCode(asCode, lock)]
    : number !== undefined
      ? [await tx.companies.byId(Number(number), lock)]
      : await byName(tx, text, lock);
  const companies = found.filter((c): c is Company => c !== null);
  const [only] = companies;
  if (only && companies.length === 1) return ok(only);
  if (!only) return refuse('client_not_found', { company: typed });
  const choices: string[] = [];
  for (const c of companies) {
    const owner = await tx.directory.personById(c.ownerId);
    choices.push(`${c.name} · ${c.creditCode ?? '-'} · ${c.region} · ${owner?.name ?? c.ownerId} (#${c.id})`);
  }
  return refuse('client_ambiguous', { company: typed, count: companies.length, choices: choices.join('\n') });
}

async function byName(tx: Tx, typedName: string, lock?: 'for update'): Promise<Company[]> {
  const normName = normalizeCompanyName(typedName);
  return normName ? tx.companies.byNormName(normName, lock) : [];
}
