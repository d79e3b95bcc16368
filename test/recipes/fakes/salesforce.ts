/** Salesforce, as the recipes write to it. */
import { SALESFORCE, type SalesforceField } from '../../../recipes/apps.js';
import type { Rendered } from '../../../recipes/mapping.js';
import { ISO_DATETIME, NUMBER, realDate, Refused, text, type Rec } from './common.js';

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

/** A restricted picklist (single or multi-select) refuses a value it does not define. */
const refuseUndefinedValue = (
  field: Extract<SalesforceField, { type: 'picklist' | 'multipicklist' }>,
  where: string,
  value: string,
): void => {
  if (field.restricted && !field.values.includes(value))
    throw new Refused(
      'Salesforce',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `${where}: bad value for restricted picklist field: ${value}`,
    );
};

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
        refuseUndefinedValue(field, where, value);
        return value;
      case 'multipicklist': {
        const values = value.split(';');
        for (const item of values) {
          if (item.length > 255)
            throw new Refused('Salesforce', 'STRING_TOO_LONG', `${where}: ${item.slice(0, 40)}…`);
          refuseUndefinedValue(field, where, item);
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
