/**
 * One name per thing (issue 18 item 3): the name users see for each thing, wherever the app or
 * the docs show it, and the other names it must not go by. The app's labels are checked against
 * it over the definition (test/recipes/glossary.test.ts); the docs by their text.
 *
 * PENDING_CODE_RENAMES lists the labels in the app's code that still use another name. They are
 * not changed here (fields/, records/ and creates/ belong to other work); once a rename is
 * applied, its entry must be removed, and the check then holds the label to the glossary.
 */

export interface Place {
  kind: 'trigger' | 'search' | 'create';
  /** Operation keys; `*` = every operation of that kind that has the field. */
  operations: string[] | '*';
  side: 'input' | 'output';
  key: string;
}

export interface Thing {
  thing: string;
  /** The one name: the label the app shows. */
  name: string;
  /** Other names the same thing must not go by (in labels and docs). */
  notNamed: string[];
  places: Place[];
}

const RESPONSE_OPERATIONS: Place[] = [
  {
    kind: 'trigger',
    operations: ['new_response', 'segment_changed', 'response_updated'],
    side: 'output',
    key: 'email',
  },
  { kind: 'search', operations: ['find_response'], side: 'output', key: 'email' },
  {
    kind: 'create',
    operations: ['update_response', 'record_response'],
    side: 'output',
    key: 'email',
  },
];

export const GLOSSARY: Thing[] = [
  {
    thing: 'facts stored with one response (deal_id, plan…), the record’s `properties`',
    name: 'Response Properties',
    notNamed: ['Survey Properties'],
    places: [
      {
        kind: 'create',
        operations: ['send_survey', 'record_response'],
        side: 'input',
        key: 'properties',
      },
      {
        kind: 'trigger',
        operations: ['new_response', 'segment_changed', 'response_updated'],
        side: 'output',
        key: 'properties',
      },
      { kind: 'search', operations: ['find_response'], side: 'output', key: 'properties' },
    ],
  },
  {
    thing: 'the contact’s own properties (plan, seats, renewal date…)',
    name: 'Contact Properties',
    notNamed: ['Custom Properties'],
    places: [
      { kind: 'create', operations: ['upsert_contact'], side: 'input', key: 'properties' },
      { kind: 'search', operations: ['find_contact'], side: 'output', key: 'properties' },
      {
        kind: 'create',
        operations: ['upsert_contact', 'unsubscribe_contact'],
        side: 'output',
        key: 'properties',
      },
      {
        kind: 'trigger',
        operations: ['new_response', 'segment_changed', 'response_updated'],
        side: 'output',
        key: 'contact_properties',
      },
    ],
  },
  {
    thing: 'the contact’s email address',
    name: 'Contact Email',
    notNamed: ['Email'],
    places: [
      ...RESPONSE_OPERATIONS,
      { kind: 'search', operations: ['find_contact'], side: 'output', key: 'email' },
      {
        kind: 'create',
        operations: ['upsert_contact', 'unsubscribe_contact'],
        side: 'output',
        key: 'email',
      },
      {
        kind: 'create',
        operations: ['send_survey', 'record_response', 'upsert_contact'],
        side: 'input',
        key: 'email',
      },
    ],
  },
];

export interface Rename {
  file: string;
  operation: string;
  side: 'input' | 'output';
  key: string;
  from: string;
  to: string;
}

/** Labels in the app's code that still name a thing another way: the renames recommended. */
export const PENDING_CODE_RENAMES: Rename[] = [
  {
    file: 'creates/send_survey.ts',
    operation: 'create send_survey',
    side: 'input',
    key: 'properties',
    from: 'Survey Properties',
    to: 'Response Properties',
  },
  {
    file: 'records/contact.ts (contactOutputFields)',
    operation: 'search find_contact',
    side: 'output',
    key: 'properties',
    from: 'Custom Properties',
    to: 'Contact Properties',
  },
  {
    file: 'records/contact.ts (contactOutputFields)',
    operation: 'create upsert_contact',
    side: 'output',
    key: 'properties',
    from: 'Custom Properties',
    to: 'Contact Properties',
  },
  {
    file: 'records/contact.ts (contactOutputFields)',
    operation: 'create unsubscribe_contact',
    side: 'output',
    key: 'properties',
    from: 'Custom Properties',
    to: 'Contact Properties',
  },
  {
    file: 'records/contact.ts (contactOutputFields)',
    operation: 'search find_contact',
    side: 'output',
    key: 'email',
    from: 'Email',
    to: 'Contact Email',
  },
  {
    file: 'records/contact.ts (contactOutputFields)',
    operation: 'create upsert_contact',
    side: 'output',
    key: 'email',
    from: 'Email',
    to: 'Contact Email',
  },
  {
    file: 'records/contact.ts (contactOutputFields)',
    operation: 'create unsubscribe_contact',
    side: 'output',
    key: 'email',
    from: 'Email',
    to: 'Contact Email',
  },
  {
    file: 'creates/contact_fields.ts (CONTACT_FIELD_LABELS.email, now IDENTITY_KEY_LABELS.email)',
    operation: 'create send_survey',
    side: 'input',
    key: 'email',
    from: 'Email',
    to: 'Contact Email',
  },
  {
    file: 'creates/contact_fields.ts (CONTACT_FIELD_LABELS.email, now IDENTITY_KEY_LABELS.email)',
    operation: 'create record_response',
    side: 'input',
    key: 'email',
    from: 'Email',
    to: 'Contact Email',
  },
  {
    file: 'creates/contact_fields.ts (CONTACT_FIELD_LABELS.email, now IDENTITY_KEY_LABELS.email)',
    operation: 'create upsert_contact',
    side: 'input',
    key: 'email',
    from: 'Email',
    to: 'Contact Email',
  },
];
