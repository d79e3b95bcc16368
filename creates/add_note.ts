/**
 * Add Note to Response: POST /responses/{id}/notes with a deterministic Idempotency-Key, so a
 * replayed step never adds the note twice. The note's text is never put in an error or a log.
 */
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import type { Bundle, InferInputData, ZObject } from 'zapier-platform-core';
import { createNote } from '../client/api.js';
import type { Note } from '../client/schemas.js';
import { refsOf, replayHelp, responseIdField } from '../fields/common.js';
import { KEYS } from '../fields/keys.js';
import { idempotencyKey } from '../lib/idempotency.js';
import { inputError, optionalEmail, optionalText, requiredPathId } from '../lib/validate.js';

const inputFields = defineInputFields([
  responseIdField(
    'The response to add the note to: map the Response ID from the trigger, pick a recent response, or look one up with the search.',
  ),
  {
    key: 'body',
    label: 'Note',
    type: 'text',
    required: true,
    helpText: `The note, for your team only (the respondent never sees it), e.g. "Called the customer, refund agreed". Up to 10,000 characters. ${replayHelp('Adding the same note to the same response', 'note')}`,
  },
  {
    key: 'author_email',
    label: 'Author Email',
    type: 'string',
    required: false,
    helpText:
      'Who wrote the note, shown next to it in the platform. Leave empty to show it as from Zapier.',
  },
]);

const REF = refsOf(inputFields);

/** A replay the platform refused (409 idempotency_mismatch). */
const REPLAY_MISMATCH =
  'Add Note to Response already ran in the last 24 hours with this note. The NPS platform kept ' +
  'the first run, so no second note was added.';

const perform = async (z: ZObject, bundle: Bundle<InferInputData<typeof inputFields>>) => {
  const input = bundle.inputData as Record<string, unknown>;
  const responseId = requiredPathId(z, REF.response_id, input.response_id);
  const text =
    optionalText(z, REF.body, input.body, 10_000) ??
    inputError(z, REF.body, 'is required but was empty.');
  const authorEmail = optionalEmail(z, REF.author_email, input.author_email);
  const body: { body: string; author_email?: string } = { body: text };
  if (authorEmail !== undefined) body.author_email = authorEmail;
  const key = idempotencyKey(bundle, KEYS.creates.addNote, { response_id: responseId, ...body });
  return toNoteRecord(await createNote(z, responseId, body, key, REPLAY_MISMATCH));
};

export const toNoteRecord = (note: Note) => ({
  id: note.id,
  response_id: note.response_id,
  body: note.body,
  author_email: note.author_email ?? null,
  created_at: note.created_at,
});

export const noteSample: Note = {
  id: 'note_91a',
  response_id: 'rsp_2b9x',
  body: 'Called María: billing fixed, 2 months credited.',
  author_email: 'cs.lead@acme.com',
  created_at: '2026-11-20T10:05:00Z',
};

export default defineCreate({
  key: KEYS.creates.addNote,
  noun: 'Note',
  display: {
    label: 'Add Note to Response',
    description:
      'Adds an internal note to an NPS response, e.g. what your team did to close the loop.',
  },
  operation: {
    inputFields,
    perform,
    sample: toNoteRecord(noteSample),
    outputFields: [
      { key: 'id', label: 'Note ID', type: 'string' },
      { key: 'response_id', label: 'Response ID', type: 'string' },
      { key: 'body', label: 'Note', type: 'string' },
      { key: 'author_email', label: 'Author Email', type: 'string' },
      { key: 'created_at', label: 'Created At', type: 'datetime' },
    ],
  },
});
