import type { FormField } from '../grammar/form-field.ts';
import type { InputIssue } from '../grammar/issues.ts';
import { hasMessage, type MessageKey, type Translate } from '../i18n/translate.ts';
import { issueText } from './problem-views.ts';
import type { FormOption, FormView, View } from './view.ts';

/** A person as a person picker lists them. */
export interface PickablePerson {
  id: string;
  name: string;
  slackId: string | null;
  feishuId: string | null;
}

/** What a form's lists hold: the regions, and for pickers the directory's people and the asking person's companies. */
export interface FormChoices {
  regions: string[];
  people?: readonly PickablePerson[];
  companies?: readonly string[];
}

/**
 * The form a command opens without its arguments. `values` refills what was
 * typed and `issues` marks the fields that were wrong, for a second try.
 */
export function formView(
  t: Translate,
  name: string,
  fields: readonly FormField[],
  choices: string[] | FormChoices,
  values: Record<string, string> = {},
  issues: InputIssue[] = [],
): View {
  const { regions, people = [], companies = [] } = Array.isArray(choices) ? { regions: choices } : choices;
  const form: FormView = {
    name,
    // Every form's title is in both catalogs (the i18n suite checks each registered form).
    title: t(`form.${name}.title` as MessageKey),
    submitLabel: t('form.submit'),
    cancelLabel: t('form.cancel'),
    fields: fields.map((f) => {
      const error = issues.find((i) => i.field === (f.issueField ?? f.key));
      const options: FormOption[] | undefined =
        f.kind === 'region'
          ? regions.map((r) => ({ value: r, label: r }))
          : f.kind === 'choice'
            ? (f.options ?? []).map((o) => ({ value: o, label: t(`choice.${f.key}.${o}` as 'choice.method.onsite') }))
            : f.kind === 'person'
              ? people.map(personOption)
              : f.kind === 'company'
                ? companies.map((c) => ({ value: c, label: c }))
                : undefined;
      return {
        key: f.key,
        label: fieldLabel(t, name, f.key),
        required: f.required,
        kind: f.kind === 'region' ? 'choice' : f.kind,
        ...(options && { options }),
        ...(values[f.key] !== undefined && { value: values[f.key] }),
        ...(error && { error: issueText(t, error) }),
      };
    }),
  };
  return { tone: 'info', title: form.title, blocks: [], form };
}

function personOption(p: PickablePerson): FormOption {
  const platformIds = { ...(p.slackId && { slack: p.slackId }), ...(p.feishuId && { feishu: p.feishuId }) };
  return { value: p.id, label: p.name, ...(Object.keys(platformIds).length > 0 && { platformIds }) };
}

/** A key can mean something else on one form (`method`: how a visit was made, how a contract is paid): `form.<form>.<key>` wins over `field.<key>`. */
function fieldLabel(t: Translate, form: string, key: string): string {
  const specific = `form.${form}.${key}`;
  return hasMessage(specific) ? t(specific) : t(`field.${key}` as 'field.company');
}
