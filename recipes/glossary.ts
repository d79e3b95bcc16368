/**
 * One name per thing (issue 18 item 3): the name users see for each thing, wherever the app or
 * the docs show it, and the other names it must not go by. test/recipes/glossary.test.ts holds
 * the app's labels to it over the definition, and its help texts, descriptions and the docs
 * (README.md, docs/*.md) by their text.
 */

export interface Place {
  kind: 'trigger' | 'search' | 'create';
  operations: string[];
  side: 'input' | 'output';
  key: string;
  /**
   * The label at this place when it adds the value's format to the name (an output
   * "Contact Phone (E.164)" of the name "Contact Phone"); the name itself otherwise.
   */
  label?: string;
}

export interface Thing {
  thing: string;
  /** The one name: the label the app shows. */
  name: string;
  /**
   * Other names the same thing must not go by. A name of several words counts wherever it
   * occurs; a one-word name ("Email") only where it names a field: quoted, in bold or italics,
   * as a step's input line (`- Email (\`email\`):`) or listed beside other fields' labels
   * ("Email, Customer ID"). Inside a longer label ("Author Email") it is another field.
   */
  notNamed: string[];
  places: Place[];
}

/** Operations whose output is the response record. */
const RESPONSE_RECORD: Place[] = [
  {
    kind: 'trigger',
    operations: ['new_response', 'segment_changed', 'response_updated'],
    side: 'output',
    key: '',
  },
  { kind: 'search', operations: ['find_response'], side: 'output', key: '' },
  { kind: 'create', operations: ['update_response', 'record_response'], side: 'output', key: '' },
];

/** Operations whose output is the contact record. */
const CONTACT_RECORD: Place[] = [
  { kind: 'search', operations: ['find_contact'], side: 'output', key: '' },
  {
    kind: 'create',
    operations: ['upsert_contact', 'unsubscribe_contact'],
    side: 'output',
    key: '',
  },
  { kind: 'trigger', operations: ['contact_unsubscribed'], side: 'output', key: '' },
];

/** The failed-invitation record (Survey Not Delivered). */
const FAILED_INVITATION: Place[] = [
  { kind: 'trigger', operations: ['invitation_failed'], side: 'output', key: '' },
];

/** The contact inputs of the forms that write a contact. */
const contactInputs = (operations: string[]): Place[] => [
  { kind: 'create', operations, side: 'input', key: '' },
];

const at = (places: Place[], key: string, label?: string): Place[] =>
  places.map((place) => ({ ...place, key, ...(label ? { label } : {}) }));

const ALL_CONTACT_FORMS = ['upsert_contact', 'send_survey', 'record_response'];

export const GLOSSARY: Thing[] = [
  {
    thing: 'facts stored with one response (deal_id, plan…), the record’s `properties`',
    name: 'Response Properties',
    notNamed: ['Survey Properties'],
    places: [
      ...at(contactInputs(['send_survey', 'record_response']), 'properties'),
      ...at(RESPONSE_RECORD, 'properties'),
    ],
  },
  {
    thing: 'the contact’s own properties (plan, seats, renewal date…)',
    name: 'Contact Properties',
    notNamed: ['Custom Properties'],
    places: [
      ...at(contactInputs(['upsert_contact']), 'properties'),
      ...at(CONTACT_RECORD, 'properties'),
      ...at(RESPONSE_RECORD, 'contact_properties'),
    ],
  },
  {
    thing: 'the contact’s email address',
    name: 'Contact Email',
    notNamed: ['Email'],
    places: [
      ...at(contactInputs(ALL_CONTACT_FORMS), 'email'),
      ...at(CONTACT_RECORD, 'email'),
      ...at(RESPONSE_RECORD, 'email'),
      ...at(FAILED_INVITATION, 'email'),
    ],
  },
  {
    thing: 'the contact’s full name',
    name: 'Contact Name',
    notNamed: ['Name'],
    places: [
      ...at(contactInputs(ALL_CONTACT_FORMS), 'name'),
      ...at(CONTACT_RECORD, 'name'),
      ...at(RESPONSE_RECORD, 'contact_name'),
      ...at(FAILED_INVITATION, 'contact_name'),
    ],
  },
  {
    thing: 'the contact’s mobile number',
    name: 'Contact Phone',
    notNamed: ['Phone', 'Phone (E.164)'],
    places: [
      ...at(contactInputs(['upsert_contact', 'send_survey']), 'phone'),
      ...at(CONTACT_RECORD, 'phone', 'Contact Phone (E.164)'),
      ...at(FAILED_INVITATION, 'phone', 'Contact Phone (E.164)'),
    ],
  },
  {
    thing: 'the contact’s language and country (es-ES)',
    name: 'Contact Locale',
    notNamed: ['Locale'],
    places: [
      ...at(contactInputs(ALL_CONTACT_FORMS), 'locale'),
      ...at(CONTACT_RECORD, 'locale'),
      ...at(RESPONSE_RECORD, 'locale'),
    ],
  },
  {
    thing: 'the segment in the chosen Segment Label Language (Promotor…)',
    name: 'Segment Label (Translated)',
    notNamed: ['Segment Label'],
    places: at(RESPONSE_RECORD, 'segment_label'),
  },
  {
    thing: 'the themes as values the CRM field accepts (CRM Theme Values)',
    name: 'Themes for CRM (Mapped, A;B)',
    notNamed: ['Themes for CRM'],
    places: at(RESPONSE_RECORD, 'themes_crm'),
  },
];
