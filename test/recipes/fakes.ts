/**
 * Fakes of the apps the recipes write to. Each one keeps records in memory and ENFORCES the value
 * rules its API documents, over the schemas of recipes/apps.ts; a value the real app would refuse
 * throws `Refused`, so a recipe whose field map would fail in production fails its test.
 *
 * Values arrive as Zapier sends mapped values: text, `''` for an empty mapping (not sent).
 */
import {
  HUBSPOT_CONTACT,
  HUBSPOT_WORKFLOWS,
  PIPEDRIVE_PERSON,
  SALESFORCE,
  SLACK_CHANNELS,
  type HubSpotProperty,
  type SalesforceField,
} from '../../recipes/apps.js';
import type { Rendered } from '../../recipes/mapping.js';

export class Refused extends Error {
  constructor(
    readonly app: string,
    readonly code: string,
    message: string,
  ) {
    super(`${app} refused the step: ${code}: ${message}`);
  }
}

type Rec = Record<string, unknown>;

const text = (fields: Rendered, key: string): string => {
  const value = fields[key];
  if (value === undefined || value === '') return '';
  if (typeof value !== 'string') throw new Error(`${key}: the fake expects a mapped text value`);
  return value;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** ISO 8601 date-time with a zone (Z or ±hh:mm). */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

const realDate = (value: string): boolean => {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

// ================================================================== Salesforce
//
// Rules (Salesforce docs):
// - Number fields have a precision (total digits) and a scale (digits after the point); a value
//   needs at most precision − scale digits before the point, and must be a number.
//   Field Reference, "Precision" / "Scale":
//   https://developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/sfFieldRef/salesforce_field_reference.htm
// - Text, text area, picklist and multi-select values longer than the field's length fail with
//   STRING_TOO_LONG (API 15.0 and later; no silent truncation):
//   https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_header_allowfieldtruncation.htm
// - A multi-select picklist value is its values separated by `;` ('AAA;BBB'):
//   https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/api/sforce_api_calls_soql_querying_multiselect_picklists.htm
// - A restricted picklist (single or multi-select) refuses a value its value set does not
//   define, from the UI or the API: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST ("bad value for
//   restricted picklist field"); see e.g.
//   https://docs.gearset.com/en/articles/2964854-resolving-data-deployment-errors-invalid_or_null_for_restricted_picklist
// - Date fields take YYYY-MM-DD, Date/Time fields an ISO 8601 date-time (Object Reference,
//   "Primitive Data Types"); a record id is 15 or 18 characters and a reference must exist.

const SF_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

export class FakeSalesforce {
  readonly records: Record<string, Map<string, Rec>> = {
    Contact: new Map(),
    Opportunity: new Map(),
    Task: new Map(),
  };
  readonly users = new Set<string>(['005Ax000000Own1', '005Ax000000Own2']);
  private next = 1;

  private fieldsOf(object: string): Record<string, SalesforceField> {
    const fields = SALESFORCE[object];
    if (!fields)
      throw new Refused('Salesforce', 'INVALID_TYPE', `sObject type '${object}' is not supported`);
    return fields;
  }

  newId(object: string): string {
    const prefix = object === 'Contact' ? '003' : object === 'Opportunity' ? '006' : '00T';
    return `${prefix}Fk${String(this.next++).padStart(13, '0')}`;
  }

  /** Puts a record in place (test setup), checked like a write. */
  seed(object: string, record: Rec): Rec {
    const id = String(record.Id ?? this.newId(object));
    const stored = { ...record, Id: id };
    this.records[object]?.set(id, stored);
    return stored;
  }

  /** Checks one value against its field; returns the value as Salesforce stores it. */
  private check(object: string, name: string, field: SalesforceField, value: string): unknown {
    const where = `${object}.${name}`;
    switch (field.type) {
      case 'id': {
        if (!SF_ID.test(value))
          throw new Refused('Salesforce', 'MALFORMED_ID', `${where}: ${value}`);
        if (field.referenceTo === 'User' && !this.users.has(value))
          throw new Refused(
            'Salesforce',
            'INVALID_CROSS_REFERENCE_KEY',
            `${where}: no User ${value}`,
          );
        if (
          field.referenceTo &&
          field.referenceTo !== 'User' &&
          !this.records[field.referenceTo]?.has(value)
        )
          throw new Refused(
            'Salesforce',
            'INVALID_CROSS_REFERENCE_KEY',
            `${where}: no ${field.referenceTo} ${value}`,
          );
        return value;
      }
      case 'number': {
        if (!NUMBER.test(value))
          throw new Refused(
            'Salesforce',
            'INVALID_TYPE_ON_FIELD_IN_RECORD',
            `${where}: value not of required type: ${value}`,
          );
        const digits = (value.replace('-', '').split('.')[0] ?? '').replace(/^0+(?=\d)/, '').length;
        if (digits > field.precision - field.scale)
          throw new Refused(
            'Salesforce',
            'NUMBER_OUTSIDE_VALID_RANGE',
            `${where}: ${value} (precision ${field.precision}, scale ${field.scale})`,
          );
        return Number(value);
      }
      case 'text':
      case 'textarea':
        if (value.length > field.length)
          throw new Refused(
            'Salesforce',
            'STRING_TOO_LONG',
            `${where}: data value too large (max length=${field.length})`,
          );
        return value;
      case 'email':
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
          throw new Refused(
            'Salesforce',
            'INVALID_EMAIL_ADDRESS',
            `${where}: invalid email address: ${value}`,
          );
        return value;
      case 'picklist':
        if (value.length > 255) throw new Refused('Salesforce', 'STRING_TOO_LONG', `${where}`);
        if (field.restricted && !field.values.includes(value))
          throw new Refused(
            'Salesforce',
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${where}: bad value for restricted picklist field: ${value}`,
          );
        return value;
      case 'multipicklist': {
        const values = value.split(';');
        for (const item of values) {
          if (item.length > 255)
            throw new Refused('Salesforce', 'STRING_TOO_LONG', `${where}: ${item.slice(0, 40)}…`);
          if (field.restricted && !field.values.includes(item))
            throw new Refused(
              'Salesforce',
              'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
              `${where}: bad value for restricted picklist field: ${item}`,
            );
        }
        return values.join(';');
      }
      case 'date':
        if (!realDate(value))
          throw new Refused(
            'Salesforce',
            'INVALID_TYPE_ON_FIELD_IN_RECORD',
            `${where}: not a date: ${value}`,
          );
        return value;
      case 'datetime':
        if (!ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value)))
          throw new Refused(
            'Salesforce',
            'INVALID_TYPE_ON_FIELD_IN_RECORD',
            `${where}: not a date/time: ${value}`,
          );
        return new Date(value).toISOString();
    }
  }

  private write(object: string, fields: Rendered, creating: boolean): Rec {
    const schema = this.fieldsOf(object);
    const out: Rec = {};
    for (const name of Object.keys(fields)) {
      const field = schema[name];
      if (!field)
        throw new Refused(
          'Salesforce',
          'INVALID_FIELD',
          `No such column '${name}' on sobject of type ${object}`,
        );
      if (name === 'Id') continue;
      const value = text(fields, name);
      if (value === '') continue; // an empty mapping is not sent
      out[name] = this.check(object, name, field, value);
    }
    if (creating) {
      for (const [name, field] of Object.entries(schema)) {
        if ('required' in field && field.required && out[name] === undefined)
          throw new Refused(
            'Salesforce',
            'REQUIRED_FIELD_MISSING',
            `Required fields are missing: [${name}]`,
          );
      }
    }
    return out;
  }

  create(object: string, fields: Rendered): Rec {
    const values = this.write(object, fields, true);
    return this.seed(object, values);
  }

  update(object: string, fields: Rendered): Rec {
    const id = text(fields, 'Id');
    if (!SF_ID.test(id)) throw new Refused('Salesforce', 'MALFORMED_ID', `${object}.Id: '${id}'`);
    const existing = this.records[object]?.get(id);
    if (!existing)
      throw new Refused('Salesforce', 'ENTITY_IS_DELETED', `${object} ${id} does not exist`);
    Object.assign(existing, this.write(object, fields, false));
    return { ...existing };
  }

  /** Find Record by Id; null when none (Zapier then stops the zap, or goes on if told to). */
  find(object: string, fields: Rendered): Rec | null {
    this.fieldsOf(object);
    const id = text(fields, 'Id');
    return id ? (this.records[object]?.get(id) ?? null) : null;
  }
}

// ================================================================== HubSpot
//
// Rules (HubSpot developer docs):
// - Property types and field types: a `number` property takes a number; an `enumeration` shown
//   as a dropdown (`select`) takes one of its options' internal values; as multiple checkboxes
//   (`checkbox`) several of them. https://developers.hubspot.com/docs/api/crm/properties
// - Several checkbox values are sent as one string separated by `;` ('value1;value3'):
//   https://developers.hubspot.com/docs/faq/how-do-i-set-multiple-values-for-checkbox-properties
// - A date property stores a day and must be set to midnight UTC (a UNIX ms timestamp of
//   00:00:00 UTC, or the YYYY-MM-DD day); any other time is an error:
//   https://developers.hubspot.com/docs/faq/how-should-timestamps-be-formatted-for-hubspots-apis
// - Setting a property that does not exist fails (PROPERTY_DOESNT_EXIST); so does an option value
//   the property does not define (INVALID_OPTION).

export class FakeHubSpot {
  readonly contacts = new Map<string, Rec>();
  readonly enrollments: Array<{ workflow: string; email: string }> = [];
  private next = 9001;

  seed(record: Rec): Rec {
    const id = String(record.hs_object_id ?? this.next++);
    const stored = { ...record, hs_object_id: id };
    this.contacts.set(id, stored);
    return stored;
  }

  private check(name: string, property: HubSpotProperty, value: string): unknown {
    switch (property.type) {
      case 'number':
        if (!NUMBER.test(value))
          throw new Refused(
            'HubSpot',
            'INVALID_INTEGER',
            `${value} is not a valid number for ${name}`,
          );
        return Number(value);
      case 'string':
        if (value.length > 65_536)
          throw new Refused('HubSpot', 'INVALID_STRING', `${name} is too long`);
        return value;
      case 'enumeration': {
        const allowed = property.options.map((o) => o.value);
        const values = property.fieldType === 'checkbox' ? value.split(';') : [value];
        for (const item of values) {
          if (!allowed.includes(item))
            throw new Refused(
              'HubSpot',
              'INVALID_OPTION',
              `${item} was not one of the allowed options for ${name}: [${allowed.join(', ')}]`,
            );
        }
        return values.join(';');
      }
      case 'date': {
        const ms = /^\d+$/.test(value)
          ? Number(value)
          : realDate(value)
            ? Date.parse(`${value}T00:00:00Z`)
            : ISO_DATETIME.test(value)
              ? Date.parse(value)
              : Number.NaN;
        if (Number.isNaN(ms))
          throw new Refused('HubSpot', 'INVALID_DATE', `${value} is not a valid date for ${name}`);
        if (ms % 86_400_000 !== 0)
          throw new Refused(
            'HubSpot',
            'INVALID_DATE',
            `${value} is not midnight UTC: ${name} is a date property`,
          );
        return new Date(ms).toISOString().slice(0, 10);
      }
      case 'datetime': {
        const ms = /^\d+$/.test(value)
          ? Number(value)
          : ISO_DATETIME.test(value)
            ? Date.parse(value)
            : Number.NaN;
        if (Number.isNaN(ms))
          throw new Refused('HubSpot', 'INVALID_DATETIME', `${value} for ${name}`);
        return new Date(ms).toISOString();
      }
    }
  }

  update(fields: Rendered): Rec {
    const id = text(fields, 'hs_object_id');
    const existing = this.contacts.get(id);
    if (!existing)
      throw new Refused('HubSpot', 'OBJECT_NOT_FOUND', `contact ${id || '(empty)'} does not exist`);
    for (const name of Object.keys(fields)) {
      const property = HUBSPOT_CONTACT[name];
      if (!property)
        throw new Refused('HubSpot', 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
      if (name === 'hs_object_id') continue;
      const value = text(fields, name);
      if (value === '') continue;
      existing[name] = this.check(name, property, value);
    }
    return { ...existing };
  }

  addToWorkflow(fields: Rendered): Rec {
    const workflow = text(fields, 'workflow');
    const email = text(fields, 'email');
    if (!HUBSPOT_WORKFLOWS[workflow])
      throw new Refused('HubSpot', 'WORKFLOW_NOT_FOUND', `workflow ${workflow}`);
    const contact = [...this.contacts.values()].find((c) => c.email === email);
    if (!contact)
      throw new Refused(
        'HubSpot',
        'CONTACT_NOT_FOUND',
        `no contact with email ${email || '(empty)'}`,
      );
    this.enrollments.push({ workflow, email });
    return { workflow, email, hs_object_id: contact.hs_object_id };
  }
}

// ================================================================== Pipedrive
//
// Rules (Pipedrive API v1 docs, https://developers.pipedrive.com/docs/api/v1/PersonFields and
// /Persons, /Notes):
// - Custom fields have a field type: `double` is a numeric value; `enum` is a single option and
//   `set` several options, stored and written as the options' ids (not their labels); `date` is
//   YYYY-MM-DD; `varchar` text up to 255 characters, `text` up to 65k.
// - A note (POST /notes) needs `content` (HTML) and one of person_id, deal_id, org_id or lead_id.

export class FakePipedrive {
  readonly persons = new Map<number, Rec>();
  readonly notes: Rec[] = [];

  seed(record: Rec & { id: number }): Rec {
    this.persons.set(record.id, { ...record });
    return record;
  }

  private person(value: string): Rec {
    if (!/^\d+$/.test(value))
      throw new Refused('Pipedrive', 'invalid_id', `person id must be an integer: '${value}'`);
    const person = this.persons.get(Number(value));
    if (!person) throw new Refused('Pipedrive', 'not_found', `Person ${value} not found`);
    return person;
  }

  updatePerson(fields: Rendered): Rec {
    const person = this.person(text(fields, 'id'));
    for (const name of Object.keys(fields)) {
      if (name === 'id') continue;
      const field = PIPEDRIVE_PERSON[name];
      if (!field) throw new Refused('Pipedrive', 'unknown_field', `Person has no field "${name}"`);
      const value = text(fields, name);
      if (value === '') continue;
      const where = `${name} (${field.field_type})`;
      switch (field.field_type) {
        case 'double':
          if (!NUMBER.test(value))
            throw new Refused('Pipedrive', 'invalid_value', `${where}: not a number: ${value}`);
          person[field.key] = Number(value);
          break;
        case 'enum':
        case 'set': {
          const ids = field.options.map((o) => String(o.id));
          const values = field.field_type === 'set' ? value.split(',') : [value];
          for (const item of values) {
            if (!ids.includes(item.trim()))
              throw new Refused(
                'Pipedrive',
                'invalid_option',
                `${where}: ${item} is not an option id (${ids.join(', ')})`,
              );
          }
          person[field.key] = values.map((v) => Number(v.trim())).join(',');
          break;
        }
        case 'date':
          if (!realDate(value))
            throw new Refused('Pipedrive', 'invalid_value', `${where}: not YYYY-MM-DD: ${value}`);
          person[field.key] = value;
          break;
        case 'varchar':
        case 'text':
          if (value.length > (field.field_type === 'varchar' ? 255 : 65_535))
            throw new Refused('Pipedrive', 'invalid_value', `${where}: too long`);
          person[field.key] = value;
          break;
      }
    }
    return { ...person };
  }

  createNote(fields: Rendered): Rec {
    for (const name of Object.keys(fields)) {
      if (!['content', 'person_id', 'deal_id', 'org_id', 'lead_id'].includes(name))
        throw new Refused('Pipedrive', 'unknown_field', `Note has no field "${name}"`);
    }
    const content = text(fields, 'content');
    if (!content.trim()) throw new Refused('Pipedrive', 'missing_content', 'content is required');
    const personId = text(fields, 'person_id');
    if (
      !personId &&
      !text(fields, 'deal_id') &&
      !text(fields, 'org_id') &&
      !text(fields, 'lead_id')
    )
      throw new Refused(
        'Pipedrive',
        'missing_parent',
        'a note needs a person_id, deal_id, org_id or lead_id',
      );
    if (personId) this.person(personId);
    const note = {
      id: this.notes.length + 1,
      content,
      person_id: personId ? Number(personId) : null,
    };
    this.notes.push(note);
    return note;
  }
}

// ================================================================== Slack
//
// chat.postMessage (https://api.slack.com/methods/chat.postMessage): `channel` must exist and
// `text` is required; Slack truncates a text over 40,000 characters, which a recipe must never
// rely on, so the fake refuses it (msg_too_long).

export class FakeSlack {
  readonly messages: Array<{ channel: string; text: string }> = [];

  post(fields: Rendered): Rec {
    const channel = text(fields, 'channel');
    const body = text(fields, 'text');
    if (!SLACK_CHANNELS.includes(channel)) throw new Refused('Slack', 'channel_not_found', channel);
    if (!body.trim()) throw new Refused('Slack', 'no_text', 'text is required');
    if (body.length > 40_000)
      throw new Refused('Slack', 'msg_too_long', `${body.length} characters`);
    this.messages.push({ channel, text: body });
    return { ok: true, channel, ts: `${Date.now() / 1000}`, text: body };
  }
}

export interface Fakes {
  salesforce: FakeSalesforce;
  hubspot: FakeHubSpot;
  pipedrive: FakePipedrive;
  slack: FakeSlack;
}

export const newFakes = (): Fakes => ({
  salesforce: new FakeSalesforce(),
  hubspot: new FakeHubSpot(),
  pipedrive: new FakePipedrive(),
  slack: new FakeSlack(),
});
