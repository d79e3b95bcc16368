/**
 * What the demo workspace says and who is in it: comment fragments that the theme extractor
 * recognises (English and Spanish, praise and complaints), openers, the AI follow-up questions,
 * people's names, companies, plans, tags and follow-up owners. seed.ts draws from them.
 */
import type { QA } from './records.js';

export type Lang = 'en' | 'es';
type Polarity = 'pos' | 'neg';

export const FRAGMENTS: Record<Lang, Record<Polarity, string[]>> = {
  en: {
    pos: [
      'Support is super helpful and always gives a quick answer.',
      'Onboarding was smooth, we were live in two days.',
      'Good value for money, definitely worth it at this price.',
      'Very easy to use and intuitive, my team needed no training.',
      'Everything is fast, pages open instantly.',
      'Rock solid and reliable, never down when we need it.',
      'The Salesforce integration is seamless and the HubSpot sync just works.',
      'Great reports and a clear dashboard for the whole team.',
      'Love the app on my iPhone.',
      'Clear docs, the guides answer most of our questions.',
    ],
    neg: [
      'I contacted support and waited a week with no answer.',
      'The onboarding was confusing and took weeks.',
      'It is too expensive after the last price increase.',
      'The interface is clunky and settings are hard to find.',
      'The product is slow and pages keep loading forever.',
      'We hit bugs every week and had an outage last month.',
      'The HubSpot integration does not sync our custom fields.',
      'Limited reports, and I cannot export to Excel.',
      'The mobile app crashes when I open a survey.',
      'The documentation is outdated in places.',
      'Missing a way to bulk edit contacts, I would love that feature.',
    ],
  },
  es: {
    pos: [
      'El equipo de soporte fue muy amable y respondieron rápido.',
      'La puesta en marcha fue sencilla y rápida.',
      'Buen precio para todo lo que ofrece, vale la pena.',
      'La herramienta es muy fácil de usar e intuitiva.',
      'Todo va rápido, sin esperas.',
      'Es estable y fiable, nunca hemos tenido problemas.',
      'La integración con Salesforce se conecta sin problemas.',
      'Informes claros y un panel muy útil.',
      'Me encanta la app móvil.',
      'Buena documentación y guías claras.',
    ],
    neg: [
      'Escribí al soporte y tardaron una semana, nadie responde.',
      'La implementación fue complicada, tardamos semanas.',
      'Es demasiado caro para un equipo pequeño.',
      'La interfaz es confusa y difícil de entender.',
      'La plataforma es muy lenta, tarda mucho en cargar.',
      'Hay muchos fallos y errores, y tuvimos una caída el mes pasado.',
      'La integración con HubSpot no sincroniza bien los campos.',
      'Los informes limitados no ayudan, no puedo exportar datos.',
      'La app móvil falla constantemente.',
      'La documentación está desactualizada.',
      'Echo de menos poder editar contactos en bloque, falta esa funcionalidad.',
    ],
  },
};

export const OPENERS: Record<Lang, Record<'promoter' | 'passive' | 'detractor', string[]>> = {
  en: {
    promoter: ['Love it!', 'Great product.', 'Really happy with Acme.', ''],
    passive: ['Pretty good overall.', 'It does the job.', ''],
    detractor: ['Disappointed.', 'Not great lately.', 'Frustrating experience.', ''],
  },
  es: {
    promoter: ['¡Me encanta!', 'Muy buen producto.', 'Muy contentos con Acme.', ''],
    passive: ['En general bien.', 'Cumple su función.', ''],
    detractor: ['Decepcionado.', 'Últimamente no va bien.', 'Experiencia frustrante.', ''],
  },
};

export const QUESTIONS: Record<Lang, Record<'promoter' | 'passive' | 'detractor', string>> = {
  en: {
    promoter: 'What do you value most about Acme?',
    passive: 'What would it take for you to give us a 9 or 10?',
    detractor: 'What would have made your experience better?',
  },
  es: {
    promoter: '¿Qué es lo que más valoras de Acme?',
    passive: '¿Qué haría falta para que nos dieras un 9 o un 10?',
    detractor: '¿Qué habría mejorado tu experiencia?',
  },
};

export const IMPACT: Record<Lang, QA> = {
  en: {
    question: 'How much does this affect your team day to day?',
    answer: 'Quite a lot, we lose a few hours every week.',
  },
  es: {
    question: '¿Cuánto afecta esto a tu equipo en el día a día?',
    answer: 'Bastante, perdemos varias horas cada semana.',
  },
};

export const FIRST_EN = [
  'Jane',
  'John',
  'Emily',
  'Michael',
  'Sarah',
  'David',
  'Olivia',
  'James',
  'Emma',
  'Robert',
  'Ava',
  'William',
  'Sophia',
  'Daniel',
  'Mia',
  'Chris',
];
export const LAST_EN = [
  'Cooper',
  'Smith',
  'Johnson',
  'Brown',
  'Taylor',
  'Miller',
  'Wilson',
  'Moore',
  'Clark',
  'Lewis',
  'Walker',
  'Hall',
  'Young',
  'King',
];
export const FIRST_ES = [
  'María',
  'José',
  'Lucía',
  'Carlos',
  'Ana',
  'Javier',
  'Carmen',
  'Diego',
  'Laura',
  'Pablo',
  'Sofía',
  'Miguel',
  'Elena',
  'Andrés',
];
export const LAST_ES = [
  'García',
  'Martínez',
  'López',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Fernández',
  'Ruiz',
  'Díaz',
  'Moreno',
  'Romero',
  'Navarro',
];
export const COMPANIES_EN = [
  'Globex',
  'Initech',
  'Umbrella Corp',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Vandelay Industries',
  'Soylent',
];
export const COMPANIES_ES = [
  'Industrias Sol',
  'Grupo Andino',
  'Logística Ibérica',
  'Café del Valle',
  'Tecnologías Norte',
  'Viajes Mar Azul',
];
export const PLANS = ['starter', 'pro', 'enterprise'];
export const TAGS = ['q-campaign', 'enterprise', 'churn-risk', 'vip', 'renewal', 'beta'];
export const OWNERS = ['csm@acme.example', 'success.lead@acme.example', 'ana.support@acme.example'];
