import { PasswordLinkInfo, PasswordLinkRequest, SetPasswordRequest } from '../../shared/api/auth.js';
import type { AppContext } from '../app-context.js';
import { describePasswordLink, usePasswordLink } from '../auth/password-links.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

/** The one-time set-up and reset links' two steps: who the link is for, then the new password. */
export function passwordRoutes(ctx: AppContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/auth/password-link', tag: 'auth', access: 'public',
      summary: 'Who a one-time password link is for, while it still works',
      body: PasswordLinkRequest, response: PasswordLinkInfo, errors: { 404: 'The link has expired or was used' },
      handler: async ({ body }) => describePasswordLink(ctx.db, body.token),
    }),
    defineRoute({
      method: 'post', path: '/auth/password', tag: 'auth', access: 'public',
      summary: 'Sets the password through a one-time link (at least 12 characters, not a common password); the link then stops working',
      body: SetPasswordRequest, errors: { 404: 'The link has expired or was used' },
      handler: async ({ body }) => {
        await usePasswordLink(ctx, body.token, body.password);
        return undefined;
      },
    }),
  ];
}
