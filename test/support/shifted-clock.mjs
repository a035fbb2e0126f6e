// Loaded before a bot process under test (NODE_OPTIONS=--import=…): the
// process's wall clock starts at TEST_CLOCK_START and runs on from there, so
// its scheduler meets a policy time (09:00 on a working day) within seconds
// of starting. Timers and performance.now() are left alone: only what reads
// the date moves. Never loaded by the bot itself.
const start = Date.parse(process.env.TEST_CLOCK_START ?? '');
if (Number.isNaN(start)) throw new Error('shifted-clock: TEST_CLOCK_START must be an ISO-8601 time');
const RealDate = Date;
const offset = start - RealDate.now();
const now = () => RealDate.now() + offset;

globalThis.Date = new Proxy(RealDate, {
  // new Date() is now; new Date(anything) is that moment, as always.
  construct: (target, args, newTarget) => Reflect.construct(target, args.length ? args : [now()], newTarget),
  // Date() called as a function gives the time as text.
  apply: () => new RealDate(now()).toString(),
  get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)),
});
