import { dictionary } from '@zxcvbn-ts/language-common';
import { invalidField } from '../domain/domain-error.js';

// What a new password must be: long enough, and not one of the ~50,000 most common passwords
// (zxcvbn-ts's maintained list), nor the person's own email address. Length beats composition
// rules, so there are none of those.
export const MIN_PASSWORD_LENGTH = 12;

const COMMON = new Set(dictionary['passwords-common']);

/** Throws a field error on `password` naming what is wrong with it. */
export function checkNewPassword(password: string, person: { email: string }): void {
  const fail = (message: string) => invalidField('password', message, 'This password cannot be used');
  if ([...password].length < MIN_PASSWORD_LENGTH) throw fail(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  const folded = password.toLowerCase();
  // "password2024!" is as guessable as "password": the list's words with digits and symbols added.
  const stem = folded.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (COMMON.has(folded) || COMMON.has(stem) || /^(.)\1*$/u.test(password)) {
    throw fail('This is one of the most commonly used passwords. Choose another, such as three or four unrelated words.');
  }
  const email = person.email.toLowerCase();
  if (folded.includes(email) || folded.includes(email.split('@')[0]!)) throw fail('Don’t use your email address in your password.');
}
