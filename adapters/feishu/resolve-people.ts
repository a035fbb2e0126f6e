import { Client, Domain, LoggerLevel } from '@larksuiteoapi/node-sdk';
import type { ContactAnswer, ContactQuery, FeishuSettings, PeopleResolver } from '../../src/bot/face.ts';
import { asFeishuError, FeishuApiError } from './send-with-retry.ts';

/** Feishu takes at most 50 e-mails and 50 mobiles in one batch_get_id call. */
export const BATCH_GET_ID_LIMIT = 50;

interface BatchGetIdAnswer {
  code?: number;
  msg?: string;
  data?: { user_list?: { user_id?: string; email?: string; mobile?: string }[] };
}

/** What the adapter needs of the Lark SDK's client. */
interface ContactClient {
  contact: {
    user: {
      batchGetId(payload: { params: { user_id_type: 'open_id' }; data: { emails?: string[]; mobiles?: string[] } }): Promise<BatchGetIdAnswer>;
    };
  };
}

/** Feishu wants a mainland mobile as its 11 digits and others with + and the country code. */
const feishuMobile = (canonical: string): string => (canonical.startsWith('+86') ? canonical.slice(3) : canonical);

/**
 * Feishu finds people by e-mail and mobile (contact/v3/users/batch_get_id,
 * scope contact:user.id:readonly), 50 of each per call. Its answer lists
 * every address asked, with `user_id` (the open_id here) only for those it
 * knows; people outside the app's visibility look unknown too. A non-zero
 * code or a fault fails the whole lookup, so the remembered matches stand.
 */
export function feishuPeopleResolver(client: ContactClient): PeopleResolver {
  return async (query: ContactQuery): Promise<ContactAnswer> => {
    const byEmail = new Map<string, string>();
    const byMobile = new Map<string, string>();
    const mobileOf = new Map(query.mobiles.map((m) => [feishuMobile(m), m]));
    const asked = [...mobileOf.keys()];
    const calls = Math.max(Math.ceil(query.emails.length / BATCH_GET_ID_LIMIT), Math.ceil(asked.length / BATCH_GET_ID_LIMIT));
    for (let i = 0; i < calls; i++) {
      const emails = query.emails.slice(i * BATCH_GET_ID_LIMIT, (i + 1) * BATCH_GET_ID_LIMIT);
      const mobiles = asked.slice(i * BATCH_GET_ID_LIMIT, (i + 1) * BATCH_GET_ID_LIMIT);
      let answer: BatchGetIdAnswer;
      try {
        answer = await client.contact.user.batchGetId({
          params: { user_id_type: 'open_id' },
          data: { ...(emails.length && { emails }), ...(mobiles.length && { mobiles }) },
        });
      } catch (error) {
        throw asFeishuError(error);
      }
      if (answer.code !== 0) throw new FeishuApiError(answer.code ?? 0, 200, answer.msg ?? 'batch_get_id refused');
      for (const user of answer.data?.user_list ?? []) {
        if (!user.user_id) continue;
        if (user.email) byEmail.set(user.email.toLowerCase(), user.user_id);
        const mobile = user.mobile ? mobileOf.get(user.mobile) : undefined;
        if (mobile) byMobile.set(mobile, user.user_id);
      }
    }
    return { byEmail, byMobile };
  };
}

/** `FEISHU_DOMAIN` as the SDK takes it: feishu, lark, or a base URL (a fake in tests). */
export const domainOf = (domain: string): Domain | string =>
  domain === 'feishu' ? Domain.Feishu : domain === 'lark' ? Domain.Lark : domain.replace(/\/$/, '');

/** The resolver without the adapter, for `npm run org -- import` (which receives nothing): an SDK client of its own. */
export function feishuPeopleResolverFor(config: FeishuSettings): PeopleResolver {
  return feishuPeopleResolver(new Client({ appId: config.appId, appSecret: config.appSecret, domain: domainOf(config.domain), loggerLevel: LoggerLevel.error }));
}
