/** What every fake shares: its refusal, and reading a mapped value as Zapier sends it. */
import type { Rendered } from '../../../recipes/mapping.js';

export class Refused extends Error {
  constructor(
    readonly app: string,
    readonly code: string,
    message: string,
  ) {
    super(`${app} refused the step: ${code}: ${message}`);
  }
}

export type Rec = Record<string, unknown>;

export const text = (fields: Rendered, key: string): string => {
  const value = fields[key];
  if (value === undefined || value === '') return '';
  if (typeof value !== 'string') throw new Error(`${key}: the fake expects a mapped text value`);
  return value;
};

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 date-time with a zone (Z or ±hh:mm). */
export const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const NUMBER = /^-?\d+(\.\d+)?$/;

export const realDate = (value: string): boolean => {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
