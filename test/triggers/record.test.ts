/** The response record at its edges, as the triggers output it. */
import { readFile } from 'node:fs/promises';
import { LABEL_LANGUAGES, SEGMENT_LABELS } from '../../lib/crm.js';
import { responseOutputFields, toResponseRecord } from '../../records/response.js';
import { SCORE_EDGES, edge, responseWith } from '../fixtures/triggers.js';

describe('response record', () => {
  it.each(SCORE_EDGES)('score %i is a %s with the matching booleans', (score, segment) => {
    const record = toResponseRecord(edge(`score${score}`));
    expect(record).toMatchObject({
      score,
      segment,
      is_promoter: segment === 'promoter',
      is_passive: segment === 'passive',
      is_detractor: segment === 'detractor',
    });
  });

  it('score 0 is kept as 0 (not empty) and its change is computed', () => {
    const record = toResponseRecord(
      responseWith({
        score: 0,
        previous: {
          response_id: 'rsp_p',
          score: 9,
          segment: 'promoter',
          submitted_at: '2026-01-01T00:00:00Z',
        },
      }),
    );
    expect(record.score).toBe(0);
    expect(record.score_change).toBe(-9);
    expect(record.previous_score).toBe(9);
  });

  it.each(LABEL_LANGUAGES)('segment_label in %s', (language) => {
    for (const [score, segment] of SCORE_EDGES) {
      expect(toResponseRecord(edge(`score${score}`), language).segment_label).toBe(
        SEGMENT_LABELS[language][segment],
      );
    }
  });

  it('has empty previous fields when there is no previous response', () => {
    expect(toResponseRecord(edge('noPrevious'))).toMatchObject({
      previous_score: null,
      previous_segment: null,
      score_change: null,
    });
  });

  it('has empty theme fields (and an empty comment) without themes', () => {
    expect(toResponseRecord(edge('noThemes'))).toMatchObject({
      comment: '',
      themes: [],
      themes_picklist: '',
      themes_text: '',
      positive_themes: [],
      negative_themes: [],
    });
  });

  it('passes a failed analysis through, with no themes', () => {
    expect(toResponseRecord(edge('analysisFailed'))).toMatchObject({
      analysis_status: 'failed',
      themes: [],
      themes_picklist: '',
      analyzed_at: '2026-11-19T16:41:00Z',
    });
  });

  it('identifies a contact with only an account number by it, characters intact', () => {
    expect(toResponseRecord(edge('onlyAccountNumber'))).toMatchObject({
      email: null,
      customer_id: null,
      account_number: 'AC-7/ü#1',
      identity_key: 'account_number',
      identity_value: 'AC-7/ü#1',
      salesforce_contact_id: null,
      hubspot_contact_id: null,
      pipedrive_person_id: null,
      contact_name: null,
    });
  });

  it('keeps unicode and emoji; a ; inside a theme name never splits the picklist', () => {
    const record = toResponseRecord(edge('unicode'));
    expect(record.comment).toBe('¡Increíble! 🚀 Très bien — 日本語のサポートも最高 👍🏽');
    expect(record.themes).toEqual(['Café ☕ & service', 'Price; value', '🚀 Speed']);
    expect(record.themes_picklist).toBe('Café ☕ & service;Price, value;🚀 Speed');
    expect(record.themes_picklist.split(';')).toHaveLength(3);
    expect(record.themes_text).toBe('Café ☕ & service, Price; value, 🚀 Speed');
    expect(record.positive_themes).toEqual(['Café ☕ & service', '🚀 Speed']);
    expect(record.negative_themes).toEqual(['Price; value']);
  });

  it('keeps labels short and explains the picklist format in docs/crm-mapping.md', async () => {
    const field = responseOutputFields()
      .filter((f) => typeof f !== 'function')
      .find((f) => f.key === 'themes_picklist');
    expect(field?.label).toBe('Themes (Picklist Format)');
    const docs = await readFile(new URL('../../docs/crm-mapping.md', import.meta.url), 'utf8');
    // Output fields carry no help text: the doc says how a ; inside a theme name is written.
    expect(docs).toContain('Themes (Picklist Format)');
    expect(docs).toMatch(/`;` inside a theme name[^.]*`,`/);
  });

  it('labels id and response_id differently, so a user can tell them apart', () => {
    const labels = responseOutputFields().filter((f) => typeof f !== 'function');
    const id = labels.find((f) => f.key === 'id')?.label;
    expect(id).toBeDefined();
    expect(id).not.toBe(labels.find((f) => f.key === 'response_id')?.label);
  });

  it('dates submitted_date and submitted_month in UTC', () => {
    const record = toResponseRecord(responseWith({ submitted_at: '2026-12-31T23:30:00-02:00' }));
    expect(record.submitted_date).toBe('2027-01-01');
    expect(record.submitted_month).toBe('2027-01');
  });
});
