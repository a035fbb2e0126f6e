import type { FormField } from '../grammar/form-field.ts';
import type { PastedCompany } from '../grammar/paste/read-paste.ts';
import type { Translate } from '../i18n/translate.ts';
import { formatPhone } from './format.ts';
import { formView } from './form-view.ts';
import type { Block, View } from './view.ts';

/** Where the region of a pasted company came from: the place the policy maps, and whether the org has that region. */
export interface PastedRegion {
  place: string;
  region: string;
  inOrg: boolean;
}

/**
 * `/lead paste`: the lead form filled in with what the text said, each field's
 * label marked found or missing (the mark is in the label, so a Slack modal
 * or a Feishu form card shows it too), and a note of what was read beside
 * the form: the legal representative (never taken as the contact), the other
 * phones and e-mails, the address, a credit code whose check failed. The
 * blocks are the reply as a message; the form carries the same notes for
 * where it is shown alone. Nothing is saved until the form is submitted.
 */
export function pastedLeadView(t: Translate, pasted: PastedCompany, fields: readonly FormField[], regions: string[], region: PastedRegion | null): View {
  const phone = pasted.mobiles[0] ?? pasted.phones[0];
  const values: Record<string, string | null | undefined> = {
    company: pasted.company,
    contact: pasted.contact,
    phone,
    email: pasted.emails[0],
    size: pasted.size,
    // A lead has no industry of its own: its industry position starts from the industry, for the person to complete.
    position: pasted.industry,
    region: region?.inOrg ? region.region : null,
    code: pasted.creditCode,
    source: pasted.source,
  };
  const filled = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const form = formView(t, 'lead', fields, regions, filled);
  const marked = form.form && {
    ...form.form,
    fields: form.form.fields.map((f) => ({ ...f, label: t(filled[f.key] ? 'paste.found' : 'paste.missing', { label: f.label }) })),
  };

  const notes: string[] = [];
  if (pasted.legalRepresentative) notes.push(t('paste.legal_representative', { name: pasted.legalRepresentative }));
  if (pasted.industry) notes.push(t('paste.industry', { industry: pasted.industry }));
  const otherPhones = pasted.phones.filter((p) => p !== phone);
  if (otherPhones.length) notes.push(t('paste.other_phones', { phones: otherPhones.map(formatPhone).join(', ') }));
  if (pasted.emails.length > 1) notes.push(t('paste.other_emails', { emails: pasted.emails.slice(1).join(', ') }));
  if (pasted.address) notes.push(t('paste.address', { address: pasted.address }));
  if (region) notes.push(t(region.inOrg ? 'paste.region' : 'paste.region_unknown', { place: region.place, region: region.region }));
  if (pasted.invalidCreditCode) notes.push(t('paste.code_invalid', { code: pasted.invalidCreditCode }));
  if (pasted.scope) notes.push(t('paste.scope_not_kept'));

  const found = (marked?.fields ?? []).map((f) => ({ label: f.label, value: f.value ?? t('paste.not_found') }));
  const blocks: Block[] = [
    { type: 'text', text: t('paste.intro') },
    { type: 'fields', fields: found },
    ...(notes.length ? [{ type: 'list' as const, items: notes }] : []),
    { type: 'note', text: t('paste.confirm') },
  ];
  // The form holds the contact data the person pasted (SEC-2): shown to them only, never in a group.
  // Where the form is shown on its own (a modal, a form card), its notes say what the fields cannot.
  const withNotes = marked && { ...marked, notes: [t('paste.intro'), ...notes, t('paste.confirm')] };
  return { ...form, title: t('paste.title'), blocks, sensitive: true, ...(withNotes && { form: withNotes }) };
}
