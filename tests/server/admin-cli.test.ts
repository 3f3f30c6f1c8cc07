/**
 * `npm run admin`: the real command in a child process against a real SQLite file, as an
 * administrator would run it. The key is printed once and works against the API.
 */
import { describe, expect, it } from 'vitest';
import { signInRequest } from './staff-helpers';
import { adminCli } from './admin-helpers';

const { admin, openApp } = adminCli('nr-admin-');

describe('npm run admin', () => {
  it('creates, lists and disables staff and API keys', async () => {
    const made = await admin(
      [
        'create-staff',
        '--email',
        'Officer@Council.example',
        '--name',
        'Duty officer',
        '--password-stdin',
      ],
      'a long enough password\n',
    );
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain('Created staff account officer@council.example');

    const again = await admin(
      ['create-staff', '--email', 'officer@council.example', '--name', 'Twice', '--password-stdin'],
      'a long enough password\n',
    );
    expect(again.code).toBe(1);
    expect(again.err).toContain('already a staff account');
    const short = await admin(
      ['create-staff', '--email', 'b@council.example', '--name', 'B', '--password-stdin'],
      'short\n',
    );
    expect(short.err).toContain('at least 12 characters');
    const noTty = await admin(['create-staff', '--email', 'c@council.example', '--name', 'C']);
    expect(noTty.err).toContain('--password-stdin');

    const key = await admin([
      'create-api-key',
      '--name',
      'Case system',
      '--scope',
      'updates:write',
    ]);
    expect(key.code).toBe(0);
    const printed = key.out.split('\n').find((l) => l.startsWith('nrk_'))!;
    expect(printed).toMatch(/^nrk_[A-Za-z0-9_-]{43}$/);
    const badScope = await admin(['create-api-key', '--name', 'X', '--scope', 'everything']);
    expect(badScope.err).toContain('unknown scope "everything"');

    const keys = await admin(['list-api-keys']);
    expect(keys.out).toContain('Case system\tupdates:write\tactive');
    expect(keys.out).not.toContain(printed);

    const app = await openApp();
    try {
      const signedIn = await signInRequest(
        app,
        'officer@council.example',
        'a long enough password',
      );
      expect(signedIn.statusCode).toBe(200);
      const staffCookie = signedIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const me = () => app.inject({ url: '/api/staff/me', headers: { cookie: staffCookie } });
      expect((await me()).statusCode).toBe(200);
      // A password reset ends the account's sessions; the new password works.
      const reset = await admin(
        ['reset-password', '--email', 'officer@council.example', '--password-stdin'],
        'another long password\n',
      );
      expect(reset.out).toContain('New password set for officer@council.example');
      expect((await me()).statusCode).toBe(401);
      expect(
        (await signInRequest(app, 'officer@council.example', 'another long password')).statusCode,
      ).toBe(200);
      const list = await app.inject({
        url: '/open311/v2/servicerequestupdates.json',
        headers: { authorization: `Bearer ${printed}` },
      });
      expect(list.statusCode).toBe(200);

      const id = keys.out.split('\t')[0]!;
      expect((await admin(['disable-api-key', '--id', id])).code).toBe(0);
      const after = await app.inject({
        url: '/open311/v2/servicerequestupdates.json',
        headers: { authorization: `Bearer ${printed}` },
      });
      expect(after.statusCode).toBe(401);

      expect((await admin(['disable-staff', '--email', 'officer@council.example'])).code).toBe(0);
      expect((await admin(['list-staff'])).out).toMatch(
        /officer@council\.example\tDuty officer\tcase-officer\tdisabled/,
      );
      expect(
        (await signInRequest(app, 'officer@council.example', 'another long password')).statusCode,
      ).toBe(401);
    } finally {
      await app.close();
    }
    const unknown = await admin(['make-coffee']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown command "make-coffee"');
  });
});
