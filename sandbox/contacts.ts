/**
 * Contacts: identity matching (email, customer id, account number, CRM ids, in that order),
 * the write rules (absent kept, null clears, crm_ids and properties merged key by key, 409 when
 * an identity belongs to another contact), unsubscribing, and a contact's responses as its
 * record shows them.
 */
import { ApiError } from './errors.js';
import { formatTime, segmentOf } from './metrics.js';
import type { ContactRec, CrmIds, JsonObject, PropValue, ResponseRec } from './records.js';
import { StoreBase } from './store-base.js';

/** The fields a contact keeps itself, and its CRM ids: identity is matched in this order. */
const TOP_KEYS = ['email', 'customer_id', 'account_number'] as const;
const CRM_KEYS: Array<keyof CrmIds> = [
  'salesforce_contact_id',
  'hubspot_contact_id',
  'pipedrive_person_id',
];
export type IdentityKey = (typeof TOP_KEYS)[number] | keyof CrmIds;
export const IDENTITY_ORDER: IdentityKey[] = [...TOP_KEYS, ...CRM_KEYS];
const PLAIN_FIELDS = [...TOP_KEYS, 'name', 'company', 'phone', 'locale'] as const;

/** What a write may set: absent is kept, null clears (crm_ids and properties key by key). */
export type ContactWrite = {
  [K in (typeof PLAIN_FIELDS)[number]]?: ContactRec[K];
} & {
  crm_ids?: Partial<Record<keyof CrmIds, string | number | null>>;
  properties?: Record<string, PropValue | null>;
};

export function isCrmKey(key: IdentityKey): key is keyof CrmIds {
  return (CRM_KEYS as string[]).includes(key);
}

/** The dotted param of an identity key inside a contact body (`crm_ids.x` for CRM ids). */
export function keyParam(key: IdentityKey, prefix = ''): string {
  return prefix + (isCrmKey(key) ? `crm_ids.${key}` : key);
}

/** Normalized form used to compare identity values. */
export function normKey(key: IdentityKey, value: string | number): string {
  const s = String(value).trim();
  return key === 'email' ? s.toLowerCase() : s;
}

function identityOf(c: ContactRec, key: IdentityKey): string | number | null {
  return isCrmKey(key) ? c.crm[key] : c[key];
}

export class ContactStore extends StoreBase {
  private byContact = new WeakMap<
    ContactRec,
    { count: number; all: ResponseRec[]; live: ResponseRec[] }
  >();
  private index: Map<IdentityKey, Map<string, ContactRec>> | null = null;
  private indexVersion = '';
  private contactWrites = 0;

  findByKey(key: IdentityKey, value: string | number): ContactRec | undefined {
    const wanted = normKey(key, value);
    if (wanted === '') return undefined;
    // The index answers hits fast (bulk history loads look up the same contacts again and
    // again); a hit is checked against the contact as it is now, and a miss is confirmed by a
    // scan, so a value written behind the index's back (the seed) is never missed.
    const hit = this.identityIndex().get(key)?.get(wanted);
    if (hit && this.contacts.get(hit.id) === hit) {
      const v = identityOf(hit, key);
      if (v !== null && normKey(key, v) === wanted) return hit;
    }
    for (const c of this.contacts.values()) {
      const v = identityOf(c, key);
      if (v !== null && normKey(key, v) === wanted) {
        this.index = null;
        return c;
      }
    }
    return undefined;
  }

  /** Contacts by normalised identity value, per key; rebuilt after contacts are added or written. */
  private identityIndex(): Map<IdentityKey, Map<string, ContactRec>> {
    const version = `${this.contacts.size}:${this.contactWrites}`;
    if (this.index && this.indexVersion === version) return this.index;
    const index = new Map<IdentityKey, Map<string, ContactRec>>();
    for (const key of IDENTITY_ORDER) index.set(key, new Map());
    for (const c of this.contacts.values()) {
      for (const key of IDENTITY_ORDER) {
        const v = identityOf(c, key);
        if (v !== null && !index.get(key)?.has(normKey(key, v)))
          index.get(key)?.set(normKey(key, v), c);
      }
    }
    this.index = index;
    this.indexVersion = version;
    return index;
  }

  /** Trims identity values and refuses empty ones (422 with the dotted param). */
  normalizeWrite(write: ContactWrite, prefix: string): ContactWrite {
    const trimmed = (value: string, param: string): string => {
      const t = value.trim();
      if (!t) throw new ApiError(422, 'invalid_request', `${param} must not be empty.`, param);
      return t;
    };
    const out: ContactWrite = { ...write };
    for (const key of TOP_KEYS) {
      const v = out[key];
      if (typeof v === 'string') out[key] = trimmed(v, prefix + key);
    }
    if (out.crm_ids) {
      const crm = { ...out.crm_ids };
      for (const key of CRM_KEYS) {
        const v = crm[key];
        if (typeof v === 'string') crm[key] = trimmed(v, keyParam(key, prefix));
      }
      out.crm_ids = crm;
    }
    return out;
  }

  writeValue(write: ContactWrite, key: IdentityKey): string | number | null | undefined {
    return isCrmKey(key) ? write.crm_ids?.[key] : write[key];
  }

  hasIdentity(write: ContactWrite): boolean {
    return IDENTITY_ORDER.some((k) => {
      const v = this.writeValue(write, k);
      return v !== null && v !== undefined;
    });
  }

  /** The contact an invitation or recorded response refers to: first key that matches, in order. */
  matchContact(write: ContactWrite): ContactRec | undefined {
    for (const key of IDENTITY_ORDER) {
      const v = this.writeValue(write, key);
      if (v === null || v === undefined) continue;
      const found = this.findByKey(key, v);
      if (found) return found;
    }
    return undefined;
  }

  /** 409 identity_conflict when the write would give another contact's identity to the target. */
  checkConflicts(target: ContactRec | undefined, write: ContactWrite, prefix: string): void {
    for (const key of IDENTITY_ORDER) {
      const v = this.writeValue(write, key);
      if (v === null || v === undefined) continue;
      const owner = this.findByKey(key, v);
      if (owner && owner !== target) {
        throw new ApiError(
          409,
          'identity_conflict',
          `${key} ${JSON.stringify(v)} already belongs to another contact (${owner.id}).`,
          keyParam(key, prefix),
        );
      }
    }
  }

  newContact(at: number, id = this.nextId('con')): ContactRec {
    return {
      id,
      email: null,
      customer_id: null,
      account_number: null,
      name: null,
      company: null,
      phone: null,
      locale: null,
      crm: { salesforce_contact_id: null, hubspot_contact_id: null, pipedrive_person_id: null },
      properties: {},
      unsubscribed: false,
      createdAt: at,
      updatedAt: at,
      lastInvitedAt: null,
      responseIds: [],
    };
  }

  /** Applies the contact rules: absent kept, null clears, crm_ids/properties merged key by key. */
  applyWrite(c: ContactRec, write: ContactWrite, at: number): boolean {
    let changed = false;
    for (const f of PLAIN_FIELDS) {
      const v = write[f];
      if (v === undefined) continue;
      if (c[f] !== v) {
        c[f] = v;
        changed = true;
      }
    }
    if (write.crm_ids) {
      for (const key of CRM_KEYS) {
        const v = write.crm_ids[key];
        if (v === undefined) continue;
        if (key === 'pipedrive_person_id') {
          const n = v === null ? null : Number(v);
          if (c.crm.pipedrive_person_id !== n) {
            c.crm.pipedrive_person_id = n;
            changed = true;
          }
        } else {
          const s = v === null ? null : String(v);
          if (c.crm[key] !== s) {
            c.crm[key] = s;
            changed = true;
          }
        }
      }
    }
    if (write.properties) {
      for (const [k, v] of Object.entries(write.properties)) {
        if (v === null) {
          if (k in c.properties) {
            delete c.properties[k];
            changed = true;
          }
        } else if (c.properties[k] !== v) {
          c.properties[k] = v;
          changed = true;
        }
      }
    }
    if (changed) {
      c.updatedAt = at;
      this.contactWrites++;
    }
    return changed;
  }

  /**
   * Matches (or creates) the contact of an invitation or a recorded response and writes it.
   * `check` runs on the would-be result before anything is committed.
   */
  resolveContact(
    rawWrite: ContactWrite,
    prefix: string,
    check?: (existing: ContactRec | undefined, merged: ContactRec) => void,
  ): ContactRec {
    const write = this.normalizeWrite(rawWrite, prefix);
    if (!this.hasIdentity(write)) {
      throw new ApiError(
        422,
        'invalid_request',
        'The contact needs at least one identity key (email, customer_id, account_number) or CRM id.',
        prefix.replace(/\.$/, '') || 'contact',
      );
    }
    const existing = this.matchContact(write);
    this.checkConflicts(existing, write, prefix);
    const at = this.now();
    const draft: ContactRec = existing
      ? { ...existing, crm: { ...existing.crm }, properties: { ...existing.properties } }
      : this.previewContact(at);
    this.applyWrite(draft, write, at);
    check?.(existing, draft);
    if (existing) {
      this.applyWrite(existing, write, at);
      return existing;
    }
    draft.id = this.nextId('con');
    this.contacts.set(draft.id, draft);
    return draft;
  }

  private previewContact(at: number): ContactRec {
    return this.newContact(at, 'con_pending'); // the real id is assigned on commit
  }

  /** PUT /contacts?match_on=... */
  upsertContact(
    matchOn: IdentityKey,
    rawWrite: ContactWrite,
  ): { contact: ContactRec; created: boolean } {
    const write = this.normalizeWrite(rawWrite, '');
    const value = this.writeValue(write, matchOn);
    if (value === null || value === undefined) {
      throw new ApiError(
        422,
        'invalid_request',
        `match_on is ${matchOn}, so the body needs a value for ${keyParam(matchOn)}.`,
        keyParam(matchOn),
      );
    }
    const existing = this.findByKey(matchOn, value);
    this.checkConflicts(existing, write, '');
    const at = this.now();
    if (existing) {
      this.applyWrite(existing, write, at);
      return { contact: existing, created: false };
    }
    const c = this.newContact(at);
    this.applyWrite(c, write, at);
    c.updatedAt = at;
    this.contacts.set(c.id, c);
    return { contact: c, created: true };
  }

  unsubscribe(c: ContactRec, source: string | null): ContactRec {
    if (!c.unsubscribed) {
      c.unsubscribed = true;
      c.updatedAt = this.now();
      this.emit(
        'contact.unsubscribed',
        { contact: this.contactJson(c) },
        {
          surveyId: null,
          segment: null,
          score: null,
          sourceKeyId: source,
          test: false,
        },
      );
    }
    return c;
  }

  /** Adds a response id to its contact, keeping (submitted_at, id) order (history may come late). */
  protected insertInOrder(c: ContactRec, r: ResponseRec): void {
    const sorted = this.contactResponses(c, true);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = sorted[mid] as ResponseRec;
      if (m.submittedAt < r.submittedAt || (m.submittedAt === r.submittedAt && m.id < r.id))
        lo = mid + 1;
      else hi = mid;
    }
    c.responseIds.splice(lo, 0, r.id);
  }

  /**
   * The contact's responses, oldest first. Test responses (1.3) are left out unless asked for:
   * they never change what live records show (the contact's NPS, `previous`, the throttle).
   */
  contactResponses(c: ContactRec, includeTest = false): readonly ResponseRec[] {
    // responseIds is kept in (submitted_at, id) order (insertInOrder; the seed adds in order),
    // and responses are never removed: the lists are rebuilt only when the contact gets one.
    let cached = this.byContact.get(c);
    if (!cached || cached.count !== c.responseIds.length) {
      const all: ResponseRec[] = [];
      for (const id of c.responseIds) {
        const r = this.responses.get(id);
        if (r) all.push(r);
      }
      cached = { count: c.responseIds.length, all, live: all.filter((r) => !r.test) };
      this.byContact.set(c, cached);
    }
    return includeTest ? cached.all : cached.live;
  }

  contactJson(c: ContactRec): JsonObject {
    const rs = this.contactResponses(c);
    const latest = rs[rs.length - 1];
    return {
      id: c.id,
      email: c.email,
      customer_id: c.customer_id,
      account_number: c.account_number,
      name: c.name,
      company: c.company,
      phone: c.phone,
      locale: c.locale,
      crm_ids: { ...c.crm },
      properties: { ...c.properties },
      nps: {
        latest_score: latest ? latest.score : null,
        latest_segment: latest ? segmentOf(latest.score) : null,
        latest_response_at: latest ? formatTime(latest.submittedAt) : null,
        response_count: rs.length,
      },
      unsubscribed: c.unsubscribed,
      created_at: formatTime(c.createdAt),
      updated_at: formatTime(c.updatedAt),
    };
  }
}
