/**
 * The CRM-safe theme inputs of new_response, segment_changed, response_updated and find_response
 * (CRM Theme Values, Theme Mapping, Value for Unmapped Themes) and their reader, which checks
 * them before any request. The mapping itself is lib/crm.ts `mapThemesToCrm`.
 */
import type { ZObject } from 'zapier-platform-core';
import { findCrmValue, type CrmThemeOptions } from '../lib/crm.js';
import {
  dictEntries,
  inputError,
  isBlank,
  optionalString,
  stringList,
  type FieldRef,
} from '../lib/validate.js';
import { THEME_NAME_DROPDOWN } from './keys.js';

export const CRM_THEME_REFS = {
  crm_theme_values: { key: 'crm_theme_values', label: 'CRM Theme Values' },
  theme_mapping: { key: 'theme_mapping', label: 'Theme Mapping' },
  other_theme_value: { key: 'other_theme_value', label: 'Value for Unmapped Themes' },
} as const;

/**
 * The three inputs, in this order. `theme_mapping` is a dict: Zapier ignores `dynamic` on a dict
 * field (core schema 19.1.0 lists `dynamic` and `dict` as mutually exclusive), so only CRM Theme
 * Values offers the AI themes as a dropdown.
 */
export const crmThemeFields = () =>
  [
    {
      key: CRM_THEME_REFS.crm_theme_values.key,
      label: CRM_THEME_REFS.crm_theme_values.label,
      type: 'string',
      list: true,
      required: false,
      dynamic: THEME_NAME_DROPDOWN,
      helpText:
        'For a CRM field that only accepts its own values (a restricted Salesforce multi-select picklist, a HubSpot checkbox property): its values, spelled as in the CRM. "Themes for CRM (Mapped, A;B)" then holds only these. Pick AI themes from the list, type values, or map them: a mapped value is split at ; and at line breaks (so a picklist value like A;B gives A and B), never at commas. Leave empty to map nothing.',
    },
    {
      key: CRM_THEME_REFS.theme_mapping.key,
      label: CRM_THEME_REFS.theme_mapping.label,
      dict: true,
      required: false,
      helpText:
        'AI theme name on the left, CRM value on the right, for themes your CRM names differently, e.g. Slow onboarding → Onboarding. Each CRM value must be one of the CRM Theme Values. Case and accents are ignored.',
    },
    {
      key: CRM_THEME_REFS.other_theme_value.key,
      label: CRM_THEME_REFS.other_theme_value.label,
      type: 'string',
      required: false,
      helpText:
        'The CRM value for AI themes that match none of the CRM Theme Values, e.g. Other (it must be one of them). Leave empty to leave such themes out; "Themes Not in CRM Values" names them either way.',
    },
  ] as const;

/** `;` separates picklist values: one inside a value would split it in two. */
const refuseSemicolon = (z: ZObject, field: FieldRef, value: string): string =>
  value.includes(';')
    ? inputError(
        z,
        field,
        `must not contain ";" (it separates picklist values, so the CRM would read two values): "${value.slice(0, 64)}".`,
      )
    : value;

const readMapping = (z: ZObject, field: FieldRef, value: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [rawFrom, rawTo] of dictEntries(z, field, value, 'AI theme name → CRM value pairs')) {
    const from = rawFrom.trim();
    if (!from && isBlank(rawTo)) continue;
    if (typeof rawTo === 'object' && rawTo !== null) {
      return inputError(z, field, `has a nested value under "${from.slice(0, 64)}".`);
    }
    const to = isBlank(rawTo) ? '' : String(rawTo).trim();
    if (!from || !to) {
      return inputError(z, field, 'needs both an AI theme name and a CRM value on each line.');
    }
    out[refuseSemicolon(z, field, from)] = refuseSemicolon(z, field, to);
  }
  return out;
};

/**
 * The checked options, or undefined when CRM Theme Values is empty (no mapping). Errors name the
 * field: a `;` in any value, a mapping or unmapped value that is not one of the CRM Theme Values,
 * or a mapping/unmapped value without CRM Theme Values.
 */
export const readCrmThemeOptions = (
  z: ZObject,
  input: Record<string, unknown>,
): CrmThemeOptions | undefined => {
  const refs = CRM_THEME_REFS;
  // One mapped Salesforce/HubSpot value `A;B` is the list A, B (a picklist value never holds a ;).
  const values = stringList(z, refs.crm_theme_values, input.crm_theme_values, {
    splitPicklist: true,
  });
  const mapping = readMapping(z, refs.theme_mapping, input.theme_mapping);
  const otherText = optionalString(z, refs.other_theme_value, input.other_theme_value);
  const other =
    otherText === undefined ? undefined : refuseSemicolon(z, refs.other_theme_value, otherText);
  if (!values.length) {
    const orphan = Object.keys(mapping).length
      ? refs.theme_mapping
      : other !== undefined
        ? refs.other_theme_value
        : undefined;
    if (orphan) {
      inputError(
        z,
        orphan,
        `needs CRM Theme Values (${refs.crm_theme_values.key}): list the values your CRM field accepts.`,
      );
    }
    return undefined;
  }
  for (const [from, to] of Object.entries(mapping)) {
    if (findCrmValue(values, to) === undefined) {
      inputError(
        z,
        refs.theme_mapping,
        `maps "${from.slice(0, 64)}" to "${to.slice(0, 64)}", which is not one of the CRM Theme Values (${refs.crm_theme_values.key}).`,
      );
    }
  }
  if (other !== undefined && findCrmValue(values, other) === undefined) {
    inputError(
      z,
      refs.other_theme_value,
      `"${other.slice(0, 64)}" is not one of the CRM Theme Values (${refs.crm_theme_values.key}); add it there.`,
    );
  }
  return { values, mapping, other };
};
