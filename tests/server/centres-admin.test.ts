/**
 * `npm run admin -- create-centre / create-centre-user / list-centres / reset-centre-password /
 * disable-centre-user`: the
 * real command in a child process against a real SQLite file; the user it makes signs in.
 */
import { describe, expect, it } from 'vitest';
import { centreSignInRequest } from './centres-helpers';
import { adminCli } from './admin-helpers';

const { admin, openApp } = adminCli('nr-centre-admin-');

describe('npm run admin (reporting centres)', () => {
  it('creates a centre and a user who can sign in, lists them, and disables the user', async () => {
    const centre = await admin([
      'create-centre',
      '--code',
      'northgate-library',
      '--name',
      'Northgate Library',
    ]);
    expect(centre.err).toBe('');
    expect(centre.out).toContain('Created centre northgate-library (Northgate Library).');
    const badCode = await admin(['create-centre', '--code', 'Has Spaces', '--name', 'X']);
    expect(badCode.code).toBe(1);
    expect(badCode.err).toContain('is not a centre code');

    const user = await admin(
      [
        'create-centre-user',
        '--centre',
        'northgate-library',
        '--email',
        'Desk@Northgate.example',
        '--name',
        'Library desk',
        '--password-stdin',
      ],
      'a long enough password\n',
    );
    expect(user.err).toBe('');
    expect(user.out).toContain('Created centre user desk@northgate.example');
    const noCentre = await admin(
      [
        'create-centre-user',
        '--centre',
        'nowhere',
        '--email',
        'x@y.example',
        '--name',
        'X',
        '--password-stdin',
      ],
      'a long enough password\n',
    );
    expect(noCentre.err).toContain('no centre with the code "nowhere"');
    const missing = await admin(['create-centre-user', '--centre', 'northgate-library']);
    expect(missing.err).toContain('give --email');

    const list = await admin(['list-centres']);
    expect(list.out).toContain('northgate-library\tNorthgate Library\t1 user\tactive');
    expect(list.out).toContain('desk@northgate.example\tLibrary desk\tactive');
    expect(list.out).not.toMatch(/argon2|\$/);

    const app = await openApp();
    try {
      const ok = await centreSignInRequest(app, 'desk@northgate.example', 'a long enough password');
      expect(ok.statusCode).toBe(200);
      const cookie = `nr-centre=${ok.cookies[0]!.value}`;
      const me = () => app.inject({ url: '/api/centre/me', headers: { cookie } });
      expect((await me()).statusCode).toBe(200);

      // A reset (the tablet was lost, say) ends the user's sessions; the new password works.
      const reset = await admin(
        ['reset-centre-password', '--email', 'Desk@Northgate.example', '--password-stdin'],
        'another long password\n',
      );
      expect(reset.err).toBe('');
      expect(reset.out).toContain('New password set for desk@northgate.example');
      expect((await me()).statusCode).toBe(401);
      expect(
        (await centreSignInRequest(app, 'desk@northgate.example', 'a long enough password'))
          .statusCode,
      ).toBe(401);
      expect(
        (await centreSignInRequest(app, 'desk@northgate.example', 'another long password'))
          .statusCode,
      ).toBe(200);
      const noOne = await admin(
        ['reset-centre-password', '--email', 'nobody@northgate.example', '--password-stdin'],
        'another long password\n',
      );
      expect(noOne.err).toContain('there is no centre user nobody@northgate.example');
      expect((await admin(['disable-centre-user', '--email', 'desk@northgate.example'])).code).toBe(
        0,
      );
      const after = await centreSignInRequest(
        app,
        'desk@northgate.example',
        'another long password',
      );
      expect(after.statusCode).toBe(401);
    } finally {
      await app.close();
    }
    const help = await admin(['help']);
    expect(help.out).toContain('create-centre --code <code> --name "<name>"');
  });
});
