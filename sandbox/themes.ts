/**
 * A deterministic stand-in for the platform's AI analysis: English and Spanish keywords map a
 * comment (and the follow-up answers) to themes; each theme's sentiment comes from polarity
 * keywords, falling back to the score's segment.
 */

export interface Theme {
  id: string;
  name: string;
  sentiment: string;
}

interface ThemeRule {
  id: string;
  name: string;
  keywords: string[];
  positive: string[];
  negative: string[];
}

export const THEME_RULES: readonly ThemeRule[] = [
  {
    id: 'thm_support',
    name: 'Customer support',
    keywords: [
      'support',
      'help desk',
      'agent',
      'customer service',
      'soporte',
      'atencion al cliente',
      'ayuda',
    ],
    positive: [
      'helpful',
      'great support',
      'quick answer',
      'amables',
      'muy atentos',
      'respondieron rapido',
    ],
    negative: [
      'no answer',
      'never answered',
      'waited',
      'slow to respond',
      'nadie responde',
      'tardaron',
      'sin respuesta',
    ],
  },
  {
    id: 'thm_onboarding',
    name: 'Onboarding',
    keywords: [
      'onboarding',
      'setup',
      'set up',
      'getting started',
      'implementation',
      'puesta en marcha',
      'configuracion inicial',
      'implementacion',
    ],
    positive: ['smooth', 'easy setup', 'fast onboarding', 'sencilla', 'rapida'],
    negative: ['confusing', 'took weeks', 'complicated', 'complicada', 'semanas'],
  },
  {
    id: 'thm_pricing',
    name: 'Pricing',
    keywords: [
      'price',
      'pricing',
      'cost',
      'expensive',
      'cheap',
      'value for money',
      'precio',
      'caro',
      'coste',
      'costo',
      'factura',
    ],
    positive: ['good value', 'worth it', 'affordable', 'buen precio', 'vale la pena'],
    negative: ['expensive', 'too much', 'price increase', 'caro', 'subida', 'demasiado'],
  },
  {
    id: 'thm_ease_of_use',
    name: 'Ease of use',
    keywords: [
      'easy to use',
      'intuitive',
      'user friendly',
      'interface',
      'ui',
      'facil de usar',
      'intuitiva',
      'interfaz',
    ],
    positive: ['easy to use', 'intuitive', 'user friendly', 'facil de usar', 'intuitiva'],
    negative: ['clunky', 'hard to find', 'dificil', 'confusa'],
  },
  {
    id: 'thm_performance',
    name: 'Performance',
    keywords: [
      'slow',
      'fast',
      'speed',
      'loading',
      'performance',
      'lento',
      'lenta',
      'rapido',
      'velocidad',
      'carga',
    ],
    positive: ['fast', 'snappy', 'rapido'],
    negative: ['slow', 'loading', 'lento', 'lenta', 'tarda'],
  },
  {
    id: 'thm_reliability',
    name: 'Reliability',
    keywords: [
      'bug',
      'bugs',
      'crash',
      'crashes',
      'downtime',
      'outage',
      'error',
      'errors',
      'reliable',
      'fallo',
      'fallos',
      'caida',
      'caidas',
      'errores',
      'estable',
    ],
    positive: ['reliable', 'stable', 'never down', 'estable', 'fiable'],
    negative: [
      'bug',
      'bugs',
      'crash',
      'crashes',
      'downtime',
      'outage',
      'error',
      'errors',
      'fallo',
      'fallos',
      'caida',
      'caidas',
      'errores',
    ],
  },
  {
    id: 'thm_integrations',
    name: 'Integrations',
    keywords: [
      'integration',
      'integrations',
      'salesforce',
      'hubspot',
      'pipedrive',
      'zapier',
      'api',
      'integracion',
      'integraciones',
    ],
    positive: ['works with', 'connects', 'seamless', 'se conecta'],
    negative: ['missing integration', 'does not sync', 'no sincroniza', 'falta la integracion'],
  },
  {
    id: 'thm_reporting',
    name: 'Reporting',
    keywords: [
      'report',
      'reports',
      'reporting',
      'dashboard',
      'dashboards',
      'analytics',
      'informe',
      'informes',
      'panel',
      'metricas',
    ],
    positive: ['great reports', 'clear dashboard', 'informes claros'],
    negative: ['cannot export', 'limited reports', 'no puedo exportar', 'informes limitados'],
  },
  {
    id: 'thm_mobile_app',
    name: 'Mobile app',
    keywords: ['mobile', 'iphone', 'android', 'mobile app', 'app movil', 'movil', 'aplicacion'],
    positive: ['love the app', 'app is great', 'me encanta la app'],
    negative: ['app crashes', 'no mobile', 'la app falla'],
  },
  {
    id: 'thm_documentation',
    name: 'Documentation',
    keywords: ['documentation', 'docs', 'guide', 'tutorial', 'documentacion', 'guia', 'manual'],
    positive: ['clear docs', 'good documentation', 'buena documentacion'],
    negative: ['outdated', 'missing docs', 'desactualizada'],
  },
  {
    id: 'thm_feature_requests',
    name: 'Feature requests',
    keywords: [
      'feature',
      'features',
      'wish',
      'would love',
      'missing',
      'roadmap',
      'funcion',
      'funcionalidad',
      'echo de menos',
      'me gustaria',
      'falta',
    ],
    positive: [],
    negative: ['missing', 'lacks', 'falta', 'echo de menos'],
  },
];

/** Lower case, accents stripped, punctuation as spaces: the form keywords are matched in. */
export function normalizeText(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

function has(text: string, keyword: string): boolean {
  return text.includes(` ${normalizeText(keyword).trim()} `);
}

function segmentSentiment(score: number): string {
  if (score >= 9) return 'positive';
  if (score <= 6) return 'negative';
  return 'neutral';
}

/** Themes of a response, in rule order; `[]` when there is no text. */
export function extractThemes(texts: Array<string | null | undefined>, score: number): Theme[] {
  const text = normalizeText(texts.filter((t): t is string => !!t).join(' . '));
  if (!text.trim()) return [];
  const themes: Theme[] = [];
  for (const rule of THEME_RULES) {
    if (!rule.keywords.some((k) => has(text, k))) continue;
    const pos = rule.positive.some((k) => has(text, k));
    const neg = rule.negative.some((k) => has(text, k));
    let sentiment: string;
    if (pos && !neg) sentiment = 'positive';
    else if (neg && !pos) sentiment = 'negative';
    else sentiment = segmentSentiment(score);
    themes.push({ id: rule.id, name: rule.name, sentiment });
  }
  return themes;
}

/** `thm_<slug>` for a theme name created by hand. */
export function themeIdFor(name: string): string {
  const slug = normalizeText(name).trim().replace(/ /g, '_').slice(0, 60);
  return `thm_${slug || 'theme'}`;
}

const SPANISH_MARKERS = [
  ' el ',
  ' la ',
  ' los ',
  ' que ',
  ' muy ',
  ' pero ',
  ' es ',
  ' con ',
  ' para ',
  ' no ',
];
const ENGLISH_MARKERS = [' the ', ' and ', ' is ', ' very ', ' but ', ' with ', ' to ', ' it '];

/** A tiny language guess for recorded responses without a language: 'es', 'en' or null. */
export function guessLanguage(text: string | null): string | null {
  if (!text) return null;
  const t = normalizeText(text);
  const es = SPANISH_MARKERS.filter((m) => t.includes(m)).length;
  const en = ENGLISH_MARKERS.filter((m) => t.includes(m)).length;
  if (es === 0 && en === 0) return null;
  return es > en ? 'es' : 'en';
}
