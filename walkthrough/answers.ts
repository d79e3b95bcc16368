/** Step 3: a promoter, a passive and a detractor (a known customer) answer the survey. */
import { getJson, type Row, type Walk } from './context.js';
import { show, step } from './output.js';

export type Contact = Row & { nps: Row; crm_ids: Row };

export interface Answers {
  /** The demo workspace's contacts, as the platform lists them. */
  contacts: Contact[];
  /** The detractor: a known customer who was a promoter. */
  known: Contact | undefined;
}

export const customersAnswer = async (walk: Walk, surveyId: string): Promise<Answers> => {
  step(
    3,
    'Three customers answer the survey',
    'A promoter, a passive and a detractor. The detractor is a known customer who was a promoter.',
  );
  const contacts = (await getJson<{ data: Contact[] }>(walk, '/contacts?limit=100')).data;
  const known =
    contacts.find(
      (c) => c.nps.latest_segment === 'promoter' && c.email && c.crm_ids.salesforce_contact_id,
    ) ?? contacts[0];
  const answers = [
    {
      score: 10,
      comment: 'Setup took ten minutes and the reports are exactly what our board wants.',
      contact: { email: 'ana.promoter@example.com', name: 'Ana Promoter' },
      language: 'en',
    },
    {
      score: 8,
      comment: 'Buen producto, pero el precio ha subido bastante este año.',
      contact: { email: 'pablo.pasivo@example.com', name: 'Pablo Pasivo' },
      language: 'es',
    },
    {
      score: 3,
      comment:
        'Support took a week to answer and the price went up 30% at renewal. We are looking at alternatives.',
      contact: { email: String(known?.email) },
      language: 'en',
      conversation: [
        {
          question: 'What would have made the support experience better?',
          answer: 'An answer within a day, and someone who owns the problem until it is fixed.',
        },
      ],
    },
  ];
  for (const answer of answers) {
    walk.sandbox.submitResponse({ survey_id: surveyId, ...answer });
    show(
      `Score ${answer.score}`,
      `${answer.contact.email}: "${answer.comment.slice(0, 60)}${answer.comment.length > 60 ? '…' : ''}"`,
    );
  }
  return { contacts, known };
};
