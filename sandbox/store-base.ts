/**
 * What every resource of the store shares: the workspace's collections, record ids, the API
 * keys, the theme registry, the event log (every change is an event, delivered by the listener
 * to webhooks.ts) and the timers of pending analyses. The resources build on it:
 * StoreBase ← ContactStore (contacts.ts) ← ResponseStore (responses.ts) ← Store (store.ts).
 */
import { formatTime } from './metrics.js';
import type { ContactPropertyDef } from './properties.js';
import type { Random } from './random.js';
import type {
  ContactRec,
  EventMeta,
  EventRec,
  InvitationRec,
  JsonObject,
  KeyRec,
  NoteRec,
  ResponseRec,
  SurveyRec,
  WebhookRec,
} from './records.js';
import { normalizeText, themeIdFor, THEME_RULES, type Theme } from './themes.js';

export type EventListener = (event: EventRec) => void;

export class StoreBase {
  keys: KeyRec[] = [];
  workspace = { id: 'ws_acme', name: 'Acme Inc.' };
  surveys = new Map<string, SurveyRec>();
  contacts = new Map<string, ContactRec>();
  responses = new Map<string, ResponseRec>();
  notes = new Map<string, NoteRec>();
  invitations = new Map<string, InvitationRec>();
  events: EventRec[] = [];
  webhooks = new Map<string, WebhookRec>();
  themeRegistry = new Map<string, Theme>();
  /** The workspace's custom contact properties in display order (archived ones included). */
  contactProperties: ContactPropertyDef[] = [];
  listener: EventListener | null = null;
  onIdle: () => void = () => {};
  /** Analyses under way (responses.ts): cleared on reset and close. */
  protected readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;

  constructor(
    readonly rng: Random,
    readonly now: () => number,
    readonly analysisDelayMs: number,
  ) {
    for (const rule of THEME_RULES)
      this.themeRegistry.set(rule.id, { id: rule.id, name: rule.name, sentiment: 'neutral' });
  }

  /** Ids sort in creation order: prefix, a base36 sequence, a random tail. */
  nextId(prefix: string): string {
    this.seq++;
    return `${prefix}_${this.seq.toString(36).padStart(6, '0')}${this.rng.chars(4)}`;
  }

  keyBySecret(secret: string): KeyRec | undefined {
    return this.keys.find((k) => k.secret === secret);
  }

  // ---------------------------------------------------------------- themes

  themeByName(name: string): Theme | undefined {
    const n = normalizeText(name);
    for (const t of this.themeRegistry.values()) if (normalizeText(t.name) === n) return t;
    return undefined;
  }

  protected createTheme(name: string): Theme {
    let id = themeIdFor(name);
    while (this.themeRegistry.has(id)) id += '_x';
    const theme = { id, name: name.trim(), sentiment: 'neutral' };
    this.themeRegistry.set(id, theme);
    return theme;
  }

  // ---------------------------------------------------------------- events

  emit(type: string, data: JsonObject, meta: EventMeta, at = this.now()): EventRec {
    const id = this.nextId('evt');
    const event: EventRec = {
      id,
      type,
      createdAt: at,
      payload: { id, type, created_at: formatTime(at), data },
      meta,
    };
    this.events.push(event);
    this.listener?.(event);
    return event;
  }

  // ---------------------------------------------------------------- timers

  pendingAnalysis(): number {
    return this.timers.size;
  }

  protected checkIdle(): void {
    this.onIdle();
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
