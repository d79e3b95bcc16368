/**
 * What a rule is given and what it returns: the lint context (the built definition, the inputs
 * resolved offline, the listing, the logo's header, the released surface, the installed
 * platform) and findings `{ id, place, rule }`. Every file of checks/ writes its rules against
 * these types; rules.ts assembles them.
 */
import type { AppDefinition, Field } from './definition.js';
import type { Surface } from './surface.js';

export interface Finding {
  id: string;
  place: string;
  rule: string;
}

/** listing/app.json: what `zapier-platform register` sets (docs/publishing.md, "The listing"). */
export interface Listing {
  name?: unknown;
  description?: unknown;
  category?: unknown;
  homepage?: unknown;
  support?: unknown;
  audience?: unknown;
  role?: unknown;
}

export interface PngInfo {
  width: number;
  height: number;
  /** IHDR colour type: 6 = truecolour with alpha (RGBA). */
  colorType: number;
  bitDepth: number;
}

export interface LintContext {
  app: AppDefinition;
  /**
   * Input fields per operation (`<kind> <key>`): the static ones plus those the lint could
   * resolve from dynamic-field functions offline (resolve.ts). Defaults to the static fields.
   */
  inputs?: Map<string, Field[]>;
  /** listing/app.json, when the listing is checked (M001-M006); null: no listing. */
  listing?: Listing | null;
  /** listing/logo.png's header, when the listing is checked (M004); null: no logo. */
  logo?: PngInfo | null;
  /** definition.snapshot.json: the surface of the published version (C001-C003, X005). */
  snapshot?: Surface | null;
  /**
   * Versions of the platform packages installed with the app (D027): the newest platform this
   * project knows of offline. zapier-platform-cli and -core are released together, same version.
   */
  platform?: { core?: string; cli?: string };
}

export interface Rule {
  id: string;
  /** The check's title in the ICR (own rules: ours). */
  title: string;
  check: (context: LintContext) => Finding[];
}
