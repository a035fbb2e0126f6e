import type { IsoDate } from '../time.ts';

/** Who is away or wants quiet: leave (LEAD-1: no target, no lead reminders) and muted optional reminders. */
export interface AvailabilityPort {
  addLeave(personId: string, from: IsoDate, to: IsoDate, at: Date): Promise<void>;
  /** Of these people, those on leave on `date`. */
  onLeave(personIds: string[], date: IsoDate): Promise<Set<string>>;
  setMuted(personId: string, muted: boolean, at: Date): Promise<void>;
  /** Of these people, those who muted the optional reminders. */
  muted(personIds: string[]): Promise<Set<string>>;
}
