/**
 * Fakes of the apps the recipes write to. Each one keeps records in memory and ENFORCES the value
 * rules its API documents, over the schemas of recipes/apps.ts; a value the real app would refuse
 * throws `Refused`, so a recipe whose field map would fail in production fails its test.
 *
 * Values arrive as Zapier sends mapped values: text, `''` for an empty mapping (not sent).
 */
import { FakeHubSpot } from './fakes/hubspot.js';
import { FakePipedrive } from './fakes/pipedrive.js';
import { FakeSalesforce } from './fakes/salesforce.js';
import { FakeSlack } from './fakes/slack.js';

export { Refused } from './fakes/common.js';
export { FakeHubSpot, FakePipedrive, FakeSalesforce, FakeSlack };

export interface Fakes {
  salesforce: FakeSalesforce;
  hubspot: FakeHubSpot;
  pipedrive: FakePipedrive;
  slack: FakeSlack;
}

export const newFakes = (): Fakes => ({
  salesforce: new FakeSalesforce(),
  hubspot: new FakeHubSpot(),
  pipedrive: new FakePipedrive(),
  slack: new FakeSlack(),
});
