/** Every recipe, in the order docs/recipes.md shows them (one file per recipe). */
import bouncedSurvey from './bounced-survey.js';
import dealLostCancel from './deal-lost-cancel.js';
import dealWonSurvey from './deal-won-survey.js';
import detractorAlert from './detractor-alert.js';
import hubspotContact from './hubspot-contact.js';
import monthlyTrend from './monthly-trend.js';
import newContactSurvey from './new-contact-survey.js';
import pipedrivePerson from './pipedrive-person.js';
import promoterReferral from './promoter-referral.js';
import salesforceContact from './salesforce-contact.js';
import type { Recipe } from './types.js';
import warehouseRow from './warehouse-row.js';
import weeklyReport from './weekly-report.js';

export const RECIPES: readonly Recipe[] = [
  detractorAlert,
  salesforceContact,
  hubspotContact,
  pipedrivePerson,
  promoterReferral,
  newContactSurvey,
  dealWonSurvey,
  dealLostCancel,
  bouncedSurvey,
  warehouseRow,
  monthlyTrend,
  weeklyReport,
];

export const recipeById = (id: string): Recipe => {
  const recipe = RECIPES.find((r) => r.id === id);
  if (!recipe) throw new Error(`no recipe ${id}`);
  return recipe;
};
