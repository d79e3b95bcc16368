/**
 * M: Marketing (M001 M002 M003 M004 M006), on listing/app.json and listing/logo.png. The ICR:
 * "Public-facing information, such as the app title, description, and logo. The intent of these
 * rules is to give Zapier users a consistent style among texts and images across all public
 * integrations. They're more likely to block you from going public." M005 (an admin's email
 * domain) and M007 (an existing public integration) need Zapier's data and are not checked here.
 */
import type { Finding, Rule } from '../context.js';
import { text } from '../places.js';

/** `register --role` values that may take an integration public (M003). */
export const PUBLIC_ROLES: ReadonlySet<string> = new Set(['employee', 'contractor']);

export const MARKETING_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M001
    // "please choose the category that fits best your app." The category is the slug
    // `zapier-platform register --category` takes (the CLI refuses a display name such as
    // "Forms & Surveys"; the list itself is served by Zapier).
    id: 'M001',
    title: 'App Category Is Required',
    check: ({ listing }) => {
      if (!listing) return [];
      const category = text(listing.category);
      if (!category)
        return [
          { id: 'M001', place: 'listing/app.json category', rule: 'choose the app category' },
        ];
      return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(category)
        ? []
        : [
            {
              id: 'M001',
              place: 'listing/app.json category',
              rule: `"${category}" is not a category slug as register --category takes it (e.g. forms, crm, marketing-automation)`,
            },
          ];
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M002
    // "you're not allowed to say “Zapier” in your app's description"; "sync" discouraged; "1 - 3
    // sentences or at least 40 characters and a maximum of 140 characters"; its correct example
    // begins with the app's name followed by "is a".
    id: 'M002',
    title: 'Description Is Invalid',
    check: ({ listing }) => {
      if (listing === undefined) return [];
      if (listing === null)
        return [{ id: 'M002', place: 'listing/app.json', rule: 'the listing is missing' }];
      const name = text(listing.name);
      const description = text(listing.description);
      const findings: Finding[] = [];
      const add = (rule: string) =>
        findings.push({ id: 'M002', place: 'listing/app.json description', rule });
      if (description.length < 40 || description.length > 140) {
        add(`must be 40-140 characters; it has ${description.length}`);
      }
      if (name && !description.startsWith(`${name} is a`))
        add(`must begin with the app's name followed by "is a": "${name} is a …"`);
      if (/zapier/i.test(description)) add('must not say "Zapier"');
      if (/\bsync/i.test(description))
        add('talks about syncing: describe the app itself, not the integration');
      const sentences = description.split(/[.!?](?:\s|$)/).filter((part) => part.trim());
      if (sentences.length > 3) add(`must be 1-3 sentences; it has ${sentences.length}`);
      if (description && !/[.!?]$/.test(description)) add('must end with a full stop');
      return findings;
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M003
    // "For your integration to go public, you must be employed or hired by the company who makes
    // the app used in the integration."
    id: 'M003',
    title: 'Role Must Be Employee or Contractor',
    check: ({ listing }) =>
      listing && !PUBLIC_ROLES.has(text(listing.role))
        ? [
            {
              id: 'M003',
              place: 'listing/app.json role',
              rule: `must be employee or contractor (register --role) to go public; it is "${text(listing.role)}"`,
            },
          ]
        : [],
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M004
    // "the logo image must be: a square PNG image, at least 256px by 256px in size, in RGBA mode
    // so it can have a transparent background".
    id: 'M004',
    title: 'Invalid Logo',
    check: ({ logo }) => {
      if (logo === undefined) return [];
      if (logo === null)
        return [
          { id: 'M004', place: 'listing/logo.png', rule: 'the logo is missing or not a PNG' },
        ];
      const findings: Finding[] = [];
      const add = (rule: string) => findings.push({ id: 'M004', place: 'listing/logo.png', rule });
      if (logo.width !== logo.height) add(`must be square; it is ${logo.width}×${logo.height}`);
      if (Math.min(logo.width, logo.height) < 256)
        add(`must be at least 256×256; it is ${logo.width}×${logo.height}`);
      if (logo.colorType !== 6)
        add(
          `must be RGBA (PNG colour type 6) for a transparent background; it is type ${logo.colorType}`,
        );
      return findings;
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#M006
    // "Each app must have a homepage URL." Present; that it is https is D007's.
    id: 'M006',
    title: 'Homepage URL Must Be Present',
    check: ({ listing }) =>
      listing && !text(listing.homepage)
        ? [{ id: 'M006', place: 'listing/app.json homepage', rule: 'add the homepage URL' }]
        : [],
  },
];
