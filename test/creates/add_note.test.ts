import nock from 'nock';
import addNote from '../../creates/add_note.js';
import { BASE_URL } from '../helpers/app.js';
import { noteFixture } from '../fixtures/actions.js';
import { recordKeys } from './keys.js';
import { runAsZapier, type ZapierInput } from '../helpers/zapier-run.js';
import { refusedBeforeAnyRequest } from './run.js';

const ZAP = { zap: { id: '42' } };

describe('add_note', () => {
  it('POSTs /responses/{id}/notes with an Idempotency-Key and outputs the note', async () => {
    const keys: string[] = [];
    const scope = nock(BASE_URL);
    recordKeys(
      scope.post('/responses/rsp_2b9x/notes', {
        body: 'Called María: billing fixed, 2 months credited.',
        author_email: 'cs.lead@acme.com',
      }),
      keys,
    ).reply(201, noteFixture);
    const result = await runAsZapier(
      addNote,
      {
        response_id: 'rsp_2b9x',
        body: 'Called María: billing fixed, 2 months credited.',
        author_email: ' CS.Lead@acme.com',
      },
      { meta: ZAP },
    );
    expect(result).toEqual(noteFixture);
    expect(keys[0]).toMatch(/^zapier-add_note-[0-9a-f]{64}$/);
    scope.done();
  });

  it('encodes a response id in the path and leaves an empty author out', async () => {
    const scope = nock(BASE_URL)
      .post('/responses/rsp%2F1%3Fx%23y/notes', { body: 'Hi' })
      .reply(201, noteFixture);
    await runAsZapier(addNote, { response_id: 'rsp/1?x#y', body: 'Hi', author_email: '' });
    scope.done();
  });

  it('sends the same Idempotency-Key on a replay and a different one for another note', async () => {
    const keys: string[] = [];
    const scope = nock(BASE_URL);
    for (let i = 0; i < 3; i += 1)
      recordKeys(scope.post('/responses/rsp_2b9x/notes'), keys).reply(201, noteFixture);
    await runAsZapier(addNote, { response_id: 'rsp_2b9x', body: 'Refund agreed' }, { meta: ZAP });
    await runAsZapier(addNote, { response_id: 'rsp_2b9x', body: 'Refund agreed' }, { meta: ZAP });
    await runAsZapier(
      addNote,
      { response_id: 'rsp_2b9x', body: 'Refund agreed twice' },
      { meta: ZAP },
    );
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    scope.done();
  });

  it.each<[ZapierInput, RegExp]>([
    [{ response_id: '', body: 'x' }, /Response ID \(response_id\) is required/],
    [{ response_id: 'rsp_2b9x', body: '  ' }, /Note \(body\) is required/],
    [
      { response_id: 'rsp_2b9x', body: 'x', author_email: 'cs lead' },
      /Author Email \(author_email\) must be a valid email/,
    ],
    [{ response_id: 'rsp_2b9x', body: 'y'.repeat(10_001) }, /Note \(body\) is too long/],
    // The contract's email format is ASCII: the platform would answer 422.
    [
      { response_id: 'rsp_2b9x', body: 'x', author_email: 'josé@exämple.com' },
      /Author Email \(author_email\) must be a valid email/,
    ],
    // A dot segment would be folded into another URL path.
    [{ response_id: '..', body: 'x' }, /Response ID \(response_id\) is not a valid ID/],
    [{ response_id: '.', body: 'x' }, /Response ID \(response_id\) is not a valid ID/],
  ])('rejects %j before any request', async (input, message) => {
    const error = await refusedBeforeAnyRequest(addNote, input);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('yyyyyyyy');
  });
});
