/**
 * D: Definition, URLs and links (D007 D008 D025): the static URLs of the definition (request
 * `url`s anywhere in it, markdown links in descriptions and help texts, the listing homepage)
 * and the markdown that links them.
 */
import type { LintContext, Rule } from '../../context.js';
import { texts } from '../../places.js';

const LINK = /\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const CODE_SPAN = /`[^`]*`/g;
const DANGEROUS = /^(javascript|data|vbscript|file):/;

/** Markdown links `[text](url)` of a text. */
export const markdownLinks = (text: string): Array<{ text: string; url: string }> =>
  [...text.matchAll(LINK)].map((match) => ({ text: match[1] ?? '', url: match[2] ?? '' }));

/** Static URLs: request `url`s anywhere in the definition, markdown links, the listing homepage. */
function staticUrls(context: LintContext): Array<{ place: string; url: string }> {
  const urls: Array<{ place: string; url: string }> = [];
  const walk = (value: unknown, place: string, seen: Set<unknown>) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    for (const [key, item] of Object.entries(value)) {
      if (key === 'url' && typeof item === 'string') urls.push({ place, url: item });
      else walk(item, `${place}.${key}`, seen);
    }
  };
  walk(context.app, 'app', new Set());
  for (const { place, text: value } of texts(context)) {
    for (const link of markdownLinks(value)) urls.push({ place, url: link.url });
  }
  const homepage = context.listing?.homepage;
  if (typeof homepage === 'string' && homepage.trim())
    urls.push({ place: 'listing homepage', url: homepage });
  return urls;
}

export const URL_RULES: Rule[] = [
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D007
    // "ensure your URLs have HTTPS as their protocol" (`http://example.com/messages/subscribe`
    // is its incorrect example). Static URLs only; a `{{…}}` template and mailto: are not URLs
    // of the app's API, and a dangerous scheme is D025's.
    id: 'D007',
    title: 'All URLs Should Be HTTPS',
    check: (context) =>
      staticUrls(context)
        .filter(({ url }) => {
          const lower = url.trim().toLowerCase();
          return (
            !DANGEROUS.test(lower) &&
            !lower.startsWith('{{') &&
            !lower.startsWith('https://') &&
            !lower.startsWith('mailto:')
          );
        })
        .map(({ place, url }) => ({ id: 'D007', place, rule: `"${url}" must use https` })),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D008
    // "Any link used in plain text needs to either be a proper link or in backticks": a URL left
    // after removing proper links and code spans is a finding (so is `[Google(https://…)`).
    id: 'D008',
    title: 'Invalid Markdown Link',
    check: (context) =>
      texts(context).flatMap(({ place, text: value }) => {
        const plain = value.replace(LINK, (_match, label: string) => label).replace(CODE_SPAN, '');
        const bare = plain.match(/\b(https?:\/\/|www\.)\S+/);
        return bare
          ? [
              {
                id: 'D008',
                place,
                rule: `"${bare[0]}" is neither a markdown link [text](url) nor in backticks`,
              },
            ]
          : [];
      }),
  },
  {
    // https://docs.zapier.com/platform/publish/integration-checks-reference#D025
    // "we require that URLs inside the app definition do not match potentially dangerous URI
    // patterns which could be used to run malicious code" (`javascript:alert('XSS');//`).
    id: 'D025',
    title: 'URLs Should Not Be Dangerous URIs',
    check: (context) =>
      staticUrls(context)
        .filter(({ url }) => DANGEROUS.test(url.trim().toLowerCase()))
        .map(({ place, url }) => ({
          id: 'D025',
          place,
          rule: `"${url.slice(0, 40)}" has a scheme that can run code (javascript:, data:, vbscript:, file:)`,
        })),
  },
];
