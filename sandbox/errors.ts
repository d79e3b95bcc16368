/** An error of the platform's API: its status, type, message and the field it is about. */
import type { JsonObject } from './records.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
    readonly requiredScope?: string,
  ) {
    super(message);
  }

  /** The body the API answers with: `{ error: { type, message, param?, required_scope? } }`. */
  body(): JsonObject {
    const error: JsonObject = { type: this.type, message: this.message };
    if (this.param !== undefined) error.param = this.param;
    if (this.requiredScope !== undefined) error.required_scope = this.requiredScope;
    return { error };
  }
}
