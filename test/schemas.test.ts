/**
 * The contract's schemas (client/schemas.ts, zod/mini since issue 19): the checks and the messages
 * a user reads when the API breaks its contract, pinned, so the lighter library keeps zod's
 * answers: the path, what was expected and the JSON type received, never the value (a payload may
 * hold a respondent's comment or a webhook secret).
 */
import type { ZObject } from 'zapier-platform-core';
import { contract, parsePayload, type Contract } from '../client/request.js';
import { sampleResponse } from '../records/response.js';
import { TARGET_URL, webhookFixture } from './fixtures/triggers.js';
import { appTester, authData, errorOf } from './helpers/app.js';

const run = <T>(fn: (z: ZObject, schemas: Contract) => T) =>
  appTester(async (z: ZObject) => fn(z, await contract()), { authData });

/** What parsePayload tells the user about `data` read as `pick`'s schema. */
const problemsWith = async (
  pick: (schemas: Contract) => Parameters<typeof parsePayload>[3],
  data: unknown,
): Promise<string> => {
  const error = await errorOf(() =>
    run((z, schemas) =>
      parsePayload(z, 'GET /things', { status: 200, content: '', data }, pick(schemas)),
    ),
  );
  const message = (JSON.parse(error.message) as { message: string }).message;
  return /does not match its API contract \((.*)\)\. Please contact/.exec(message)?.[1] ?? message;
};

const PRIVATE = 'my manager never calls back';

describe('the contract’s schemas', () => {
  it('accept the contract’s own payloads and keep fields the API adds later', async () => {
    const parsed = await run((z, s) =>
      parsePayload(
        z,
        'GET /responses/rsp_1',
        { status: 200, content: '', data: { ...sampleResponse, sentiment_v2: 0.4 } },
        s.responseSchema,
      ),
    );
    expect(parsed).toMatchObject({ id: sampleResponse.id, sentiment_v2: 0.4 });
    const webhook = webhookFixture(['response.created'], {});
    expect(await run((_z, s) => s.webhookWithSecretSchema.safeParse(webhook).success)).toBe(true);
  });

  it('name the path, the expected type and the type received, as zod does', async () => {
    expect(
      await problemsWith((s) => s.responseSchema, {
        ...sampleResponse,
        score: 2.5,
        segment: 'fan',
        comment: 42,
      }),
    ).toBe(
      'score: Invalid input: expected int, received number; ' +
        'segment: Invalid option: expected one of "promoter"|"passive"|"detractor"; ' +
        'comment: Invalid input: expected string, received number',
    );
    expect(await problemsWith((s) => s.responseSchema, { ...sampleResponse, score: 11 })).toBe(
      'score: Too big: expected number to be <=10',
    );
    const withoutSurvey: Record<string, unknown> = { ...sampleResponse };
    delete withoutSurvey.survey;
    expect(await problemsWith((s) => s.responseSchema, withoutSurvey)).toBe(
      'survey: Invalid input: expected object, received undefined',
    );
    expect(
      await problemsWith((s) => s.listOf(s.surveySchema), { data: [{}], next_cursor: 7 }),
    ).toBe(
      'data.0.id: Invalid input: expected string, received undefined; ' +
        'data.0.name: Invalid input: expected string, received undefined; ' +
        'data.0.status: Invalid input: expected string, received undefined',
    );
  });

  it('never quote the value: a comment or a secret stays out of the message', async () => {
    const comment = await problemsWith((s) => s.responseSchema, {
      ...sampleResponse,
      comment: { text: PRIVATE },
    });
    expect(comment).toBe('comment: Invalid input: expected string, received object');
    const secret = 'whsec_c2hvcnQ=';
    const webhook = { ...webhookFixture(['response.created'], {}), url: TARGET_URL, secret };
    const message = await problemsWith((s) => s.webhookWithSecretSchema, webhook);
    expect(message).toMatch(/^secret: Invalid string: must match pattern/);
    expect(message).not.toContain(secret);
  });

  it('check the z.cache entry of property types as it was stored, and nothing else', async () => {
    const stored = {
      v: 1,
      properties: [{ key: 'plan', label: 'Plan', type: 'enum', options: ['pro'], extra: true }],
    };
    const parsed = await run((_z, s) => s.cachedPropertyTypesSchema.safeParse(stored));
    expect(parsed).toEqual({
      success: true,
      data: { v: 1, properties: [{ key: 'plan', label: 'Plan', type: 'enum', options: ['pro'] }] },
    });
    const older = await run((_z, s) => s.cachedPropertyTypesSchema.safeParse({ ...stored, v: 2 }));
    expect(older.success).toBe(false);
  });
});
