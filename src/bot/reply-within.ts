/**
 * Runs `inTime` with the result when the work finishes within `ms`,
 * otherwise `late` with the still-running work: Slack wants an answer within
 * 3 seconds, and slow work must continue after it.
 */
export async function replyWithin<T>(
  ms: number,
  work: Promise<T>,
  handlers: { inTime(value: T): Promise<void>; late(pending: Promise<T>): Promise<void> },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const outcome = await Promise.race([work.then((value) => ({ value })), timeout]);
  clearTimeout(timer);
  if (outcome === 'late') await handlers.late(work);
  else await handlers.inTime(outcome.value);
}
