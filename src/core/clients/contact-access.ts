import type { Tx } from '../ports.ts';
import type { Company, Contact } from './types.ts';
import { isManagerRole, type Person } from '../people.ts';
import { refuse } from '../result.ts';

/**
 * SEC-1: contact data in full only for the owner, the owner's managers and the
 * client's account manager (the client's insiders); masked for everyone else.
 * The same people may record its visits and purchases.
 */
export async function isClientInsider(tx: Tx, person: Person, company: Company): Promise<boolean> {
  if (person.id === company.ownerId || person.id === company.accountManagerId) return true;
  return isManagerOfOwner(tx, person, company);
}

/** The refusal for someone outside the client: it names whom to ask, never the contact. */
export async function notInsider(tx: Tx, company: Company) {
  const owner = await tx.directory.personById(company.ownerId);
  return refuse('not_client_insider', { company: company.name, owner: owner?.name ?? company.ownerId });
}

/**
 * Only a manager above the owner may override a grade or assign an account
 * manager (or a manager who owns the client); the department manager, who
 * runs every region, always may.
 */
export async function isManagerOfOwner(tx: Tx, actor: Person, company: Company): Promise<boolean> {
  if (actor.role === 'department_manager') return true;
  // A regional manager who owns a client manages it too.
  if (isManagerRole(actor.role) && actor.id === company.ownerId) return true;
  const chain = await tx.directory.managerChain(company.ownerId);
  return chain.some((m) => m.id === actor.id);
}

export function maskContact(contact: Contact): Contact {
  return {
    name: maskName(contact.name),
    phone: contact.phone === null ? null : maskPhone(contact.phone),
    email: contact.email === null ? null : maskEmail(contact.email),
  };
}

/** 张三丰 -> 张**, John Smith -> J*********; a one-character name (李) shows nothing: its first character is all of it. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return (chars[0] ?? '') + '*'.repeat(chars.length - 1);
}

/** +8613812345678 -> 138****5678; +86-21-12345678(-ext) -> 021-****5678. */
export function maskPhone(canonical: string): string {
  const [, area, number] = canonical.split('-');
  if (area && number) return `0${area}-****${number.slice(-4)}`;
  const digits = canonical.replace(/\D/g, '').replace(/^86/, '');
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** zhang.san@acme.com -> z***@acme.com; a local part of one or two characters shows none of them. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.length > 2 ? local.slice(0, 1) : ''}***@${domain}`;
}
