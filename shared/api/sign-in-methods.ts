import { z } from 'zod';

/** How people may sign in here: a local password, and/or each configured identity provider. */
export const SignInMethods = z.object({
  local: z.boolean(),
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SignInMethods = z.infer<typeof SignInMethods>;

export const OidcLoginQuery = z.object({ provider: z.string().max(40).optional() });
