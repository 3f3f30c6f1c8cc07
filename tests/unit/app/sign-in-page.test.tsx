// @vitest-environment happy-dom
/**
 * The sign-in page staff and reporting centres share (src/app/components/SignInPage.tsx): says
 * what is missing before asking anyone, shows the caller's answer against the email field and
 * clears the password, and stays quiet when the caller says the user is in.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SignInPage } from '../../../src/app/components/SignInPage';
import { renderApp } from './fixtures';

afterEach(cleanup);

describe('the shared sign-in page', () => {
  it('names both missing fields without calling the caller', async () => {
    const calls: string[] = [];
    await renderApp(
      '/staff',
      <SignInPage
        keys="staff.signIn"
        onSubmit={async (email) => {
          calls.push(email);
          return null;
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Enter your email address');
    expect(summary.textContent).toContain('Enter your password');
    expect(screen.getByLabelText(/Password/).getAttribute('aria-describedby')).toBe(
      'password-error',
    );
    expect(calls).toEqual([]);
  });

  it('shows the refusal against the email field and clears the password; null signs in quietly', async () => {
    const answers: Array<string | null> = ['The email address or password is not right', null];
    const seen: Array<[string, string]> = [];
    await renderApp(
      '/centre',
      <SignInPage
        keys="centre.signIn"
        idPrefix="centre-"
        before={<p>Signed out because idle</p>}
        after={<p>No signal here</p>}
        onSubmit={async (email, password) => {
          seen.push([email, password]);
          return answers.shift() ?? null;
        }}
      />,
    );
    expect(screen.getByText('Signed out because idle')).toBeTruthy();
    expect(screen.getByText('No signal here')).toBeTruthy();
    const email = screen.getByLabelText('Email address') as HTMLInputElement;
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(email.id).toBe('centre-email');
    fireEvent.change(email, { target: { value: '  worker@centre.example  ' } });
    fireEvent.change(password, { target: { value: 'a long password here' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('alert');
    expect(screen.getAllByText('The email address or password is not right')).toHaveLength(2);
    expect(password.value).toBe('');
    expect(seen).toEqual([['worker@centre.example', 'a long password here']]);

    fireEvent.change(password, { target: { value: 'the right password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(seen).toHaveLength(2));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
