/** Findings kept on purpose (zapier-lint/accepted.ts): accepted with a reason, or stale. */
import { review, type Accepted } from '../../zapier-lint/accepted.js';
import { lint } from '../../zapier-lint/rules.js';
import { event, passingApp, passingContext } from './fixture.js';

describe('accepted findings', () => {
  const accepted: Accepted[] = [
    { id: 'D028', place: 'app flags.cleanInputData', reason: 'kept on purpose' },
  ];

  it('keeps an accepted finding out of the failing ones, with its reason', () => {
    const app = passingApp();
    app.flags = { cleanInputData: true };
    const findings = lint({ ...passingContext(app), snapshot: null });
    expect(review(findings, accepted)).toEqual({
      failing: [],
      accepted: [expect.objectContaining({ id: 'D028', reason: 'kept on purpose' })],
      stale: [],
    });
  });

  it('fails other findings, and names an accepted entry that matches no finding any more', () => {
    const app = passingApp();
    delete event(app).operation.performList;
    const findings = lint({ ...passingContext(app), snapshot: null });
    const result = review(findings, accepted);
    expect(result.failing.map((finding) => finding.id)).toEqual(['D006']);
    expect(result.stale).toEqual(accepted);
  });
});
