/** What every part of the IML interpreter shares: its error, its context and options. */

export class IMLError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IMLError';
  }
}

export type IMLContext = Record<string, unknown>;
export type IMLFunction = (args: unknown[], env: Env) => unknown;

export interface IMLOptions {
  /** The instant `now` and `timestamp` read (default: the real clock). */
  now?: Date;
  /** IANA zone for date functions without a zone argument (default `UTC`). */
  timezone?: string;
  /** Extra functions (e.g. to stand in for custom IML functions); built-ins win on name clashes. */
  functions?: Record<string, IMLFunction>;
}

/** What an expression is evaluated in: its variables, the clock, the zone and extra functions. */
export interface Env {
  ctx: IMLContext;
  now: Date;
  timezone: string;
  functions: Record<string, IMLFunction>;
}
