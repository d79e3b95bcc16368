/**
 * Findings kept on purpose, each with its reason. Zapier's own review treats many checks as
 * warnings that need a human decision (D026 never clears; D027, D028 and C001-C003 are advice);
 * here such a decision is written down instead of silencing a rule. An accepted finding is
 * printed but does not fail `npm run lint:zapier`; an entry that matches no finding any more
 * fails it, so this list never outlives its reasons.
 */

export interface Accepted {
  id: string;
  /** The finding's place, exactly as printed. */
  place: string;
  reason: string;
}

export const ACCEPTED: readonly Accepted[] = [
  {
    id: 'D028',
    place: 'app flags.cleanInputData',
    reason:
      'kept true on purpose (index.ts): an optional input left empty must never reach the API, where "" or [] would clear a stored value; no input has line items, the case D028 is about',
  },
  {
    id: 'D004',
    place: 'create cancel_invitation input invitation_id',
    reason:
      'the API offers no list of invitations (contract 1.3 reads one by id only), so no dropdown can be built: the user maps the Invitation ID output of Send NPS Survey, as the help says',
  },
];

export interface Review<F> {
  /** Findings that fail the lint. */
  failing: F[];
  /** Findings kept on purpose, with the reason. */
  accepted: Array<F & { reason: string }>;
  /** Entries of the accepted list that match no finding. */
  stale: Accepted[];
}

/** Splits findings into failing and accepted ones, and names accepted entries gone stale. */
export const review = <F extends { id: string; place: string }>(
  findings: readonly F[],
  accepted: readonly Accepted[] = ACCEPTED,
): Review<F> => {
  const match = (finding: F) =>
    accepted.find((entry) => entry.id === finding.id && entry.place === finding.place);
  const result: Review<F> = { failing: [], accepted: [], stale: [] };
  for (const finding of findings) {
    const entry = match(finding);
    if (entry) result.accepted.push({ ...finding, reason: entry.reason });
    else result.failing.push(finding);
  }
  result.stale = accepted.filter(
    (entry) => !findings.some((f) => f.id === entry.id && f.place === entry.place),
  );
  return result;
};
