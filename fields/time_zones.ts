/**
 * Common IANA time zones offered by Get NPS Score's Time Zone (any other IANA name can still be
 * typed or mapped as a custom value). Ordered west to east.
 */
export const COMMON_TIME_ZONES = [
  ['UTC', 'UTC'],
  ['America/Los_Angeles', 'Pacific Time (Los Angeles)'],
  ['America/Denver', 'Mountain Time (Denver)'],
  ['America/Chicago', 'Central Time (Chicago)'],
  ['America/Mexico_City', 'Mexico City'],
  ['America/New_York', 'Eastern Time (New York)'],
  ['America/Toronto', 'Toronto'],
  ['America/Bogota', 'Bogotá'],
  ['America/Sao_Paulo', 'São Paulo'],
  ['America/Argentina/Buenos_Aires', 'Buenos Aires'],
  ['Europe/London', 'London'],
  ['Europe/Dublin', 'Dublin'],
  ['Europe/Lisbon', 'Lisbon'],
  ['Europe/Madrid', 'Madrid'],
  ['Europe/Paris', 'Paris'],
  ['Europe/Amsterdam', 'Amsterdam'],
  ['Europe/Berlin', 'Berlin'],
  ['Europe/Rome', 'Rome'],
  ['Europe/Stockholm', 'Stockholm'],
  ['Europe/Warsaw', 'Warsaw'],
  ['Europe/Istanbul', 'Istanbul'],
  ['Africa/Johannesburg', 'Johannesburg'],
  ['Asia/Dubai', 'Dubai'],
  ['Asia/Kolkata', 'India (Kolkata)'],
  ['Asia/Singapore', 'Singapore'],
  ['Asia/Shanghai', 'China (Shanghai)'],
  ['Asia/Tokyo', 'Tokyo'],
  ['Australia/Sydney', 'Sydney'],
  ['Pacific/Auckland', 'Auckland'],
] as const;

export const TIME_ZONE_CHOICES = COMMON_TIME_ZONES.map(([value, city]) => ({
  value,
  label: value === 'UTC' ? 'UTC' : `${value} (${city})`,
  sample: value,
}));
