/**
 * The platform's documentation, linked from help texts (Zapier's check D002 asks auth fields to
 * link where the value is found). One base URL, so every link moves together.
 */
export const DOCS_BASE_URL = 'https://docs.nps-feedback.example';

/** A markdown link to a documentation page, e.g. docsLink('API keys', '/api/authentication'). */
export const docsLink = (text: string, path: string): string =>
  `[${text}](${DOCS_BASE_URL}${path})`;
