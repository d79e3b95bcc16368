/** Pipedrive, as the recipes write to it. */
import { PIPEDRIVE_PERSON } from '../../../recipes/apps.js';
import type { Rendered } from '../../../recipes/mapping.js';
import { NUMBER, realDate, Refused, text, type Rec } from './common.js';

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
