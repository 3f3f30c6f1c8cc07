/**
 * Valid requests' fields for the demo council, as plain data with no test-runner imports, so the
 * fuzz runner (tests/fuzz) builds on the same reports the server tests file.
 */
import { randomBytes } from 'node:crypto';

export type Fields = Array<[string, string]>;

/** A complete, valid fly-tipping report inside the demo council's area. */
export function flyTipping(extra: Fields = []): Fields {
  return [
    ['service_code', 'fly-tipping'],
    ['lat', '51.8003'],
    ['long', '-0.2051'],
    ['address_string', 'Back lane behind the parade, Welwyn Garden City'],
    ['description', 'Six black bags and a mattress by the garages.'],
    ['attribute[size]', 'car_boot'],
    ['attribute[waste_types][]', 'household'],
    ['attribute[waste_types][]', 'furniture'],
    ['attribute[hazards][]', 'none'],
    ['attribute[land_type]', 'back_alley'],
    ['attribute[witnessed]', 'yes'],
    ['attribute[vehicle_registration]', 'AB12 CDE'],
    ['email', 'resident@example.com'],
    ['first_name', 'Sam'],
    ['phone', '01707 123456'],
    ...extra,
  ];
}

/** A complete, valid harassment report (Personal group). */
export function harassment(extra: Fields = []): Fields {
  return [
    ['service_code', 'harassment'],
    ['lat', '51.7634'],
    ['long', '-0.2237'],
    ['description', 'The people at number 12 shout at me whenever I leave the house.'],
    ['attribute[what_happened]', 'Shouting and threats at the front door.'],
    ['attribute[who]', 'neighbour'],
    ['attribute[impact][]', 'afraid'],
    ...riskAnswers({ happened_before: 'yes', targeted: 'yes' }),
    ['email', 'victim@example.com'],
    ...extra,
  ];
}

/** Answers to the risk questions asked of Personal and Nuisance categories ('no' unless given). */
export function riskAnswers(yes: Record<string, 'yes' | 'no' | 'prefer_not_to_say'> = {}): Fields {
  const codes = ['happened_before', 'often', 'targeted', 'health', 'vulnerable', 'unsafe_home'];
  return [
    ['attribute[risk_in_danger_now]', yes.in_danger_now ?? 'no'],
    ...codes.map((c): [string, string] => [`attribute[risk_${c}]`, yes[c] ?? 'no']),
  ];
}

export const without = (fields: Fields, name: string): Fields => fields.filter(([n]) => n !== name);
export const replacing = (fields: Fields, name: string, value: string): Fields =>
  fields.map(([n, v]) => [n, n === name ? value : v]);

export function urlEncoded(fields: Fields): string {
  return new URLSearchParams(fields).toString();
}

export function multipartBody(
  fields: Fields,
  boundary = `----nr${randomBytes(8).toString('hex')}`,
) {
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** What the centre records with a report (valid unless overridden). */
export function centreFields(overrides: Record<string, string | null> = {}): Fields {
  const base: Record<string, string> = {
    centre_consent_to_report: 'yes',
    centre_police_consent: 'no',
    centre_contact: 'direct',
    centre_not_to_share: 'Do not tell the landlord.',
    centre_reference: 'LIB-0042',
    centre_victim_support: 'yes',
  };
  const merged = { ...base, ...overrides };
  return Object.entries(merged).filter((e): e is [string, string] => e[1] !== null);
}

export const VICTIM = {
  first_name: 'Victimname',
  phone: '07700 900123',
  description: 'Shouted slurs at the victim outside the shop on three evenings.',
};

/** A hate incident filed on a victim's behalf, to be contacted directly at safe times. */
export function hateOnBehalf(extra: Fields = []): Fields {
  return [
    ['service_code', 'hate-incident'],
    ['address_string', 'Outside the parade of shops, Howardsgate'],
    ['description', VICTIM.description],
    ['attribute[strands][]', 'race'],
    ['attribute[hostility][]', 'words'],
    ['attribute[location_type]', 'street'],
    ['attribute[role]', 'on_behalf'],
    ['attribute[victim_consent]', 'yes'],
    ['attribute[police_consent]', 'no'],
    ['attribute[anonymity]', 'safe_contact'],
    ['attribute[safe_method]', 'phone_call'],
    ['attribute[safe_times]', 'Weekdays 10am to 2pm'],
    ...riskAnswers({ happened_before: 'yes', targeted: 'yes' }),
    ['first_name', VICTIM.first_name],
    ['phone', VICTIM.phone],
    ...extra,
  ];
}
