import { webApi } from '@slack/bolt';
import type { ContactAnswer, ContactQuery, PeopleResolver, SlackSettings } from '../../src/bot/face.ts';

/** What the adapter needs of Bolt's Web API client. */
interface UsersClient {
  users: { lookupByEmail(args: { email: string }): Promise<{ user?: { id?: string; deleted?: boolean } }> };
}

/**
 * Slack finds people by e-mail only (users.lookupByEmail, scope
 * users:read.email, one address per call, Tier 3: 50+ a minute); it has no
 * lookup by phone, so mobiles are not asked. `users_not_found` means nobody
 * in the workspace has the address; any other error (missing_scope, a fault)
 * means Slack could not be asked, and the whole lookup fails so the
 * remembered matches stand.
 */
export function slackPeopleResolver(client: UsersClient): PeopleResolver {
  return async (query: ContactQuery): Promise<ContactAnswer> => {
    const byEmail = new Map<string, string>();
    for (const email of query.emails) {
      try {
        const answer = await client.users.lookupByEmail({ email });
        // A deactivated account keeps its address: it is not the person any more.
        if (answer.user?.id && !answer.user.deleted) byEmail.set(email, answer.user.id);
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error === 'users_not_found') continue;
        throw error;
      }
    }
    return { byEmail, byMobile: new Map() };
  };
}

/** The resolver without the adapter, for `npm run org -- import` (which receives nothing): a Web API client of its own. */
export function slackPeopleResolverFor(config: SlackSettings): PeopleResolver {
  const client = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl && { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }),
    retryConfig: { retries: 2 },
    timeout: 10_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  return slackPeopleResolver(client);
}
