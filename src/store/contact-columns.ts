import type { Contact } from '../core/clients/types.ts';
import { blindIndex } from '../crypto/blind-index.ts';
import { decryptField, encryptField } from '../crypto/field-cipher.ts';
import type { Keyring } from '../crypto/keyring.ts';
import type { Insertable } from 'kysely';
import type { ContactsTable } from './database.ts';

// GCM associated data per column: a value pasted into another column fails to decrypt.
const CONTEXT = { name: 'contact.name', phone: 'contact.phone', email: 'contact.email' } as const;

export type SealedContact = Omit<Insertable<ContactsTable>, 'company_id' | 'created_at'>;

/** A contact as it is stored: ciphertext, blind indexes for the duplicate checks, and the key id (SEC-1). */
export function sealContact(keyring: Keyring, contact: Contact): SealedContact {
  return {
    name_enc: encryptField(keyring, contact.name, CONTEXT.name),
    phone_enc: contact.phone === null ? null : encryptField(keyring, contact.phone, CONTEXT.phone),
    email_enc: contact.email === null ? null : encryptField(keyring, contact.email, CONTEXT.email),
    phone_bidx: contact.phone === null ? null : blindIndex(keyring, 'phone', contact.phone),
    email_bidx: contact.email === null ? null : blindIndex(keyring, 'email', contact.email),
    key_id: keyring.currentId,
  };
}

export function openContact(keyring: Keyring, row: { name_enc: string; phone_enc: string | null; email_enc: string | null }): Contact {
  return {
    name: decryptField(keyring, row.name_enc, CONTEXT.name),
    phone: row.phone_enc === null ? null : decryptField(keyring, row.phone_enc, CONTEXT.phone),
    email: row.email_enc === null ? null : decryptField(keyring, row.email_enc, CONTEXT.email),
  };
}

/** A stored contact's columns made again under the keyring's current key: ciphertext, blind indexes and key id (rotation). */
export function resealContact(
  keyring: Keyring,
  row: { name_enc: string; phone_enc: string | null; email_enc: string | null },
): SealedContact {
  return sealContact(keyring, openContact(keyring, row));
}
