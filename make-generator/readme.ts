/**
 * make/README.md: the app's README, which Make shows to its users. It speaks to a Make user only:
 * what the app does, how to connect, the modules, and what to know when building a scenario (no
 * word of how the app is built). A test keeps it free of build and Zapier words.
 */

export interface ReadmeModule {
  label: string;
  description: string;
  group: string;
}

export const readme = (
  modules: readonly ReadmeModule[],
  notInMake: { inputs: readonly string[]; outputs: readonly string[] },
): string => {
  const groups = [...new Set(modules.map((m) => m.group))];
  return [
    '# NPS Feedback',
    '',
    'Bring the answers to your NPS surveys, their AI themes and your contacts into the rest of your tools: alert your team about a detractor the moment they answer, keep your CRM records up to date with each customer’s latest score and segment, send surveys from your own systems and load your response history into a warehouse.',
    '',
    '## Connect',
    '',
    'Create an API key in your NPS Feedback workspace (Settings → API keys) and pick the region of your workspace (US or EU). The connection checks the key and is named after your workspace and the key’s mode, e.g. `Acme Inc. (live)`.',
    '',
    'Give the key the scopes of the modules you use: `responses:read`, `responses:write`, `contacts:read`, `contacts:write`, `surveys:read`, `surveys:send` and, for the Watch modules, `webhooks:manage`. A module whose scope is missing says which one to add.',
    '',
    '## Modules',
    '',
    ...groups.flatMap((group) => [
      `### ${group}`,
      '',
      ...modules.filter((m) => m.group === group).map((m) => `- **${m.label}**: ${m.description}`),
      '',
    ]),
    '## Good to know',
    '',
    '- **Watch modules** start your scenario the moment something happens: adding the module creates the subscription in your workspace, and deleting its webhook removes it. A delivery that does not match the module’s settings does not start the scenario. Each run reads the response, contact or invitation again from your workspace, so the values are the current ones.',
    '- **Keep the webhook address to yourself**: anyone who has it can post to it. What the module outputs is read from your workspace with your connection, not taken from the request, except the contact details of **Watch Undelivered Surveys**, which come with the notification (its Contact ID is read from your workspace).',
    '- **Clearing a value**: an empty field is never sent, so it never erases anything. To clear a field in **Create or Update a Contact** or to unassign the owner in **Update a Response**, map the `erase` keyword to it.',
    '- **Dates** are Make dates: pick them in the date picker or map any date (`now`, date functions). Outputs such as Submitted At are dates in your time zone; Submitted Date and Submitted Month are the UTC day and month as text, for date fields and warehouse partitions.',
    '- **Search Responses** lists the newest responses first and stops at its Limit (100 unless you change it, up to 10,000). Make ends a module’s paging after its own limits, so for a large history load a month at a time with Submitted After and Submitted Before.',
    '- **Send an NPS Survey**, **Record an NPS Response** and **Add a Note to a Response** can safely run again: the same inputs within 24 hours count as one call.',
    '- **Find the Latest Response** by a Response ID that does not exist stops with an error; add an error handler (e.g. Ignore) if that can happen in your scenario.',
    '- **Try a scenario safely** with a connection whose API key is a test-mode key (`nps_test_…`): surveys it sends are never delivered, and the responses it records are marked **Test Record** and left out of **Get the NPS Score** unless you set Include Test Responses. Once the scenario does what you want, switch its modules to a connection with a live key; a live connection never sees test records.',
    '- **Numbers, yes/no and dates you map** are checked before the module runs: a Score of "ten" or 11, or a date property of "next renewal", stops the module with an error naming the field instead of writing a wrong value. A yes/no property takes true, false, yes, no, 1 or 0 (any case); a date property takes 2026-03-01 or a date and time with its time zone (map `formatDate(date; "YYYY-MM-DD")` for a date from another module).',
    '- **Cancel a Scheduled Survey** takes the Invitation ID output of **Send an NPS Survey**. Canceling one already canceled gives the same result; one already sent or not delivered stops with an error that names its status (add an error handler such as Ignore if that can happen in your scenario).',
    '- **Watch Undelivered Surveys** starts your scenario when a survey could not be delivered (the email bounced, the address is invalid, the phone is unreachable), with the contact and their CRM IDs so you can fix the record.',
    '- **Ignore Changes Made With This Connection** (Watch Updated Responses) ignores the changes made with the API key the webhook was created with. After reconnecting with a new key, create the webhook again.',
    '',
    '## CRM theme values',
    '',
    `The AI theme names can be mapped to the values of a restricted CRM picklist in other integrations of NPS Feedback. Make’s functions cannot match names ignoring case and accents for each theme, so this app leaves out ${[...notInMake.inputs, ...notInMake.outputs].map((key) => `\`${key}\``).join(', ')}. Do the mapping in your scenario instead: an **Iterator** over \`themes\`, a **Set variable** with \`switch(lower(trim(name)); "slow onboarding"; "Onboarding"; "support"; "Support"; "Other")\`, an **Array aggregator**, then \`join(distinct(map(array; "crm_value")); ";")\` into the CRM field.`,
    '',
  ].join('\n');
};
