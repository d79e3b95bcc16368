/**
 * Issue 18 item 3: one name per thing (recipes/glossary.ts). The app labels each thing with its
 * one name at every place it shows it; its help texts and descriptions, and the docs (README.md,
 * docs/*.md), never call it by another name. And the help texts say what to do in the user's
 * words, not how the code works.
 */
import { readdirSync, readFileSync } from 'node:fs';
import App from '../../index.js';
import { definitionLabels, operationInfo } from '../../recipes/definition.js';
import { GLOSSARY, type Thing } from '../../recipes/glossary.js';

interface Seen {
  where: string;
  label: string;
  expected: string;
}

/** Every place of the glossary as the definition labels it now. */
const seen = (): { labels: Seen[]; missing: string[] } => {
  const labels: Seen[] = [];
  const missing: string[] = [];
  for (const thing of GLOSSARY) {
    for (const place of thing.places) {
      for (const key of place.operations) {
        const info = operationInfo(place.kind, key);
        const field = info?.[place.side === 'input' ? 'inputs' : 'outputs'].find(
          (f) => f.key === place.key,
        );
        const where = `${place.kind} ${key} ${place.side} ${place.key}`;
        if (!field) missing.push(`${where} does not exist`);
        else labels.push({ where, label: field.label, expected: place.label ?? thing.name });
      }
    }
  }
  return { labels, missing };
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (text: string) => `(?<![\\w])${escape(text)}(?![\\w])`;

/** Every label the app shows, and the glossary's names: the names a text can mention. */
const KNOWN_LABELS = [
  ...new Set([
    ...definitionLabels().map((l) => l.label),
    ...GLOSSARY.flatMap((t) => [t.name, ...t.places.flatMap((p) => (p.label ? [p.label] : []))]),
  ]),
];

/** `text` with every longer label that contains `name` blanked out ("Author Email" for Email). */
const masked = (text: string, name: string): string =>
  KNOWN_LABELS.filter((label) => label !== name && new RegExp(word(name)).test(label))
    .sort((a, b) => b.length - a.length)
    .reduce((out, label) => out.replace(new RegExp(word(label), 'g'), '▢'), text);

/** Labels a one-word name can be listed beside ("Email, Customer ID or …"). */
const LISTED_BESIDE = KNOWN_LABELS.filter((l) => /^[A-Z]/.test(l) && l.length > 2)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');

/**
 * Where `text` calls `thing` by another name. A name of several words counts anywhere; a
 * one-word name where it names a field (quoted, bold, italic, a table cell, a step's input line,
 * listed beside other labels). `generated` (docs/recipes.md, whose NPS labels come from the
 * definition) is held to the several-word names and the input lines only: its other apps' fields
 * keep their own labels (HubSpot's **Email**).
 */
const otherNames = (text: string, thing: Thing, { generated = false } = {}): string[] => {
  const found: string[] = [];
  const inputKeys = [...new Set(thing.places.filter((p) => p.side === 'input').map((p) => p.key))];
  for (const other of thing.notNamed) {
    const body = masked(text, other);
    const name = escape(other);
    const forms: RegExp[] = other.includes(' ')
      ? [new RegExp(word(other))]
      : [
          ...inputKeys.map((key) => new RegExp(`^\\s*- ${name} \\(\`${escape(key)}\`\\):`, 'm')),
          ...(generated
            ? []
            : [
                new RegExp(`["“]${name}["”]`),
                new RegExp(`\\*\\*${name}\\*\\*`),
                new RegExp(`(?<![\\w])_${name}_(?![\\w])`),
                new RegExp(`\\{\\{\\d+\\. ${name}\\}\\}`),
                new RegExp(`\\|\\s*${name}\\s*\\|`),
                new RegExp(`${word(other)}(?=(?:, | or | and )(?:${LISTED_BESIDE})(?![\\w]))`),
                new RegExp(`(?<=(?:${LISTED_BESIDE})(?:, | or | and ))${word(other)}`),
              ]),
        ];
    for (const form of forms) {
      const match = form.exec(body);
      if (match) {
        const at = body.slice(Math.max(0, match.index - 30), match.index + other.length + 30);
        found.push(`"${other}" (say "${thing.name}") in …${at.replace(/\s+/g, ' ')}…`);
        break;
      }
    }
  }
  return found;
};

/** Every help text and description of the definition, with where it is. */
const helpTexts = (value: unknown, where: string): Array<{ where: string; text: string }> => {
  if (Array.isArray(value)) return value.flatMap((v, i) => helpTexts(v, `${where}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    (key === 'helpText' || key === 'description') && typeof v === 'string'
      ? [{ where: `${where}.${key}`, text: v }]
      : helpTexts(v, `${where}.${key}`),
  );
};

const DOCS = ['README.md', ...readdirSync('docs').map((file) => `docs/${file}`)].filter((path) =>
  path.endsWith('.md'),
);

describe('one name per thing', () => {
  test('every place the glossary names exists in the definition', () => {
    expect(seen().missing).toEqual([]);
  });

  test('the app labels each thing with its one name, at every place', () => {
    const wrong = seen()
      .labels.filter((s) => s.label !== s.expected)
      .map((s) => `${s.where}: "${s.label}" should be "${s.expected}"`);
    expect(wrong).toEqual([]);
  });

  test('no help text or description calls a thing by another name', () => {
    const texts = helpTexts(App, 'App');
    expect(texts.length).toBeGreaterThan(80);
    const found = texts.flatMap(({ where, text }) =>
      GLOSSARY.flatMap((thing) => otherNames(text, thing)).map((f) => `${where}: ${f}`),
    );
    expect(found).toEqual([]);
  });

  test.each(DOCS)('%s uses no other name for a thing', (path) => {
    const text = readFileSync(path, 'utf8');
    const generated = path === 'docs/recipes.md';
    expect(GLOSSARY.flatMap((thing) => otherNames(text, thing, { generated }))).toEqual([]);
  });

  test('the check finds another name in each form it looks for, and not inside a longer label', () => {
    const email = GLOSSARY.find((t) => t.name === 'Contact Email') as Thing;
    const name = GLOSSARY.find((t) => t.name === 'Contact Name') as Thing;
    const crm = GLOSSARY.find((t) => t.name === 'Themes for CRM (Mapped, A;B)') as Thing;
    const props = GLOSSARY.find((t) => t.name === 'Response Properties') as Thing;
    for (const text of [
      'Fill in at least one of Email, Customer ID or a CRM ID.',
      'Map **Email** into the CRM.',
      'The _Email_ output.',
      'Text: {{1. Email}}',
      '| Email | `email` |',
      '   - Email (`email`): **Email** (`email`)',
      'Use "Email" here.',
    ])
      expect([text, otherNames(text, email).length]).toEqual([text, 1]);
    expect(
      otherNames('   - Name (`name`): `{{1. First Name}}`', name, { generated: true }),
    ).toEqual([expect.stringContaining('"Name" (say "Contact Name")')]);
    expect(otherNames('Then map **Themes for CRM** into the field.', crm)).toHaveLength(1);
    expect(otherNames('Then map Survey Properties.', props)).toHaveLength(1);
    for (const text of [
      'Map **Contact Email** and **Author Email**; Follow-up Owner Email, Customer ID.',
      'Email is matched whatever its capitals; the Email channel.',
      'Map **Themes for CRM (Mapped, A;B)** (`themes_crm`).',
      'HubSpot: **Email** (`email`)',
    ])
      expect(
        [email, crm].flatMap((thing) =>
          otherNames(text, thing, { generated: text.startsWith('HubSpot') }),
        ),
      ).toEqual([]);
  });
});

/**
 * Words that describe the code, not what the user does: Zapier's and the API's internals, data
 * types and formats a marketer does not name. "API key" and a key's scope are the user's own words
 * (they create the key), so they stay.
 */
const JARGON =
  /\b(perform|performList|bundle|meta|idempoten\w*|payload|endpoint|cursor|JSON|null|boolean|integer|string|lower_snake_case|case-insensitive(ly)?|resolves? to|the API (returns|answers|gives)|HTTP|request)\b/i;

describe('help texts speak to the user', () => {
  test('no help text or description uses the jargon of the code', () => {
    const found = helpTexts(App, 'App')
      .filter(({ text }) => JARGON.test(text))
      .map(({ where, text }) => `${where}: …${String(JARGON.exec(text)?.[0])}… in "${text}"`);
    expect(found).toEqual([]);
  });

  test('the jargon check catches what it looks for', () => {
    for (const text of [
      'Keys are lower_snake_case.',
      'Email is matched case-insensitively.',
      'even if this time then resolves to another value',
      'The API returns the invitation.',
      'An Idempotency-Key is sent.',
      'Read from bundle.meta in perform.',
    ])
      expect([text, JARGON.test(text)]).toEqual([text, true]);
    expect(JARGON.test('Create an API key with the contacts:read scope.')).toBe(false);
  });
});
