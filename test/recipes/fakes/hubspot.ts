/** HubSpot, as the recipes write to it. */
import { HUBSPOT_CONTACT, HUBSPOT_WORKFLOWS, type HubSpotProperty } from '../../../recipes/apps.js';
import type { Rendered } from '../../../recipes/mapping.js';
import { ISO_DATETIME, NUMBER, realDate, Refused, text, type Rec } from './common.js';

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
