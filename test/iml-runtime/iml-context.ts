/** The context and shorthands the interpreter's tests share. */
import { evaluateExpression, renderTemplate } from '../../iml-runtime/iml.js';

export const runs = Number(process.env.FC_RUNS ?? 200);
export const ctx = {
  body: {
    data: [
      { id: 1, prop: 'a', label: 'work', email: 'w@x.io' },
      { id: 2, prop: 'b', label: 'home', email: 'h@x.io' },
      { id: 3, prop: 'c', label: 'other', email: 'o@x.io' },
    ],
    user: 'u1',
    username: '',
    xml: false,
  },
  headers: { 'X-HOOK-TYPE': 'ping' },
  parameters: { 'First Name': 'Ada', fieldName: 'user', n: 5, input: { data: 'deep' } },
  item: { name: 'World' },
};
export const r = (t: string, c: Record<string, unknown> = ctx, now?: Date) =>
  renderTemplate(t, c, now ? { now } : {});
export const x = (e: string, c: Record<string, unknown> = ctx) => evaluateExpression(e, c);
