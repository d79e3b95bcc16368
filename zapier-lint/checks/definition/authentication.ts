/**
 * D: Definition, the authentication and the credentials it keeps (D001 D002 D003 D026). The ICR's
 * D area is the "definition of the integration, including auth and trigger/search/action
 * configurations"; this file holds its checks about credentials and the connection.
 */
import type { Finding, Rule } from '../../context.js';
import { authFields, operationInputs } from '../../places.js';
import { markdownLinks } from './urls.js';

/** Keys no operation input may have: credentials belong in the authentication (D001, X004). */
export const SECRET_KEY =
  /(^|_)(pass(word|wd)?|secret|token|api_?key|access_?key|private_?key|client_secret)($|_)/i;

const DOMAIN_KEY = /(^|_)(sub_?)?(domain|host(name)?|instance|site|base_?url|url)($|_)/i;
const DOMAIN_LABEL = /\b(sub)?domain\b|\bhost(name)?\b|\binstance\b|\burl\b/i;

export const AUTHENTICATION_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D001
    // "action fields typically aren't treated with the same level of security as auth fields
    // […] anything auth related should be put into an auth field instead."
    id: 'D001',
    title: 'Input Fields Should Be Insensitive',
    check: (context) =>
      operationInputs(context)
        .filter(({ field }) => SECRET_KEY.test(field.key))
        .map(({ place }) => ({
          id: 'D001',
          place,
          rule: 'an input field must not collect an API key, token, secret or password; credentials belong in the authentication',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D002
    // "If you use a pasted API key as an authentication method, it's strongly encouraged that you
    // link the user to the page (or relevant help doc) that has their key."
    id: 'D002',
    title: 'Provide Link in Help Text for Auth Fields',
    check: (context) =>
      authFields(context)
        .filter(({ field }) => field.type !== 'copy' && !field.computed)
        .filter(
          ({ field }) =>
            !markdownLinks(field.helpText ?? '').some((link) => /^https:\/\//.test(link.url)),
        )
        .map(({ place }) => ({
          id: 'D002',
          place,
          rule: 'the help text must link [text](https://…) to the page or help doc where the value is found',
        })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D003
    // "The most important role of the label is to uniquely identify the connection." Set, tells
    // connections apart (a constant string such as "Slack" does not), and shows no credential
    // (`{{api_key}}`, `{{bundle.authData.token}}`, or a function reading one).
    id: 'D003',
    title: 'Connection Label Should Be Valid',
    check: ({ app }) => {
      const auth = app.authentication;
      if (!auth || auth.type === undefined) return [];
      const label = auth.connectionLabel;
      const add = (rule: string, place = 'authentication connectionLabel'): Finding[] => [
        { id: 'D003', place, rule },
      ];
      if (label === undefined || label === null || label === '') {
        return add('a connection label is required so users can tell their connections apart');
      }
      const secrets = new Set(
        (auth.fields ?? [])
          .filter((field) => field.type === 'password' || SECRET_KEY.test(field.key))
          .map((field) => field.key),
      );
      if (typeof label === 'string') {
        const variables = [...label.matchAll(/{{\s*([^}]+?)\s*}}/g)].map((m) => m[1] ?? '');
        if (!variables.length)
          return add(
            `"${label}" is the same for every connection: use data from the auth test, like {{name}} - {{email}}`,
          );
        return variables
          .filter((path) => {
            const last = path.split('.').pop() ?? '';
            return secrets.has(last) || SECRET_KEY.test(last);
          })
          .flatMap((path) => add(`shows the credential {{${path}}}`));
      }
      const source = typeof label === 'function' ? String(label) : JSON.stringify(label);
      return [...secrets]
        .filter((key) => new RegExp(`(authData|inputData)(\\.|\\[['"])${key}\\b`).test(source))
        .flatMap((key) => add(`shows the credential ${key}`));
    },
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D026
    // "When utilizing authentication fields which allow a user to input their own domain or
    // subdomain, we strongly recommend performing manual validation on the input data." An
    // authentication field with `inputFormat`, or one that asks for a domain, subdomain, host or
    // URL. Zapier reads no code, so its finding never clears: once the value is validated in
    // code, accept it in accepted.ts, naming where.
    id: 'D026',
    title:
      'Manual domain validation recommended if using "inputFormat" or domain-related authentication fields',
    check: (context) =>
      authFields(context)
        .filter(
          ({ field }) =>
            'inputFormat' in field ||
            DOMAIN_KEY.test(field.key) ||
            DOMAIN_LABEL.test(field.label ?? ''),
        )
        .map(({ place }) => ({
          id: 'D026',
          place,
          rule: 'validate this domain value in code before it goes into a URL, so no value can send requests to another domain',
        })),
  },
];
