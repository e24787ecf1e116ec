import { Link, useSearchParams } from 'react-router';

const REASONS: Record<string, (value: string) => string> = {
  agency: (v) => `Your organisation’s sign-in says you work for “${v || 'no agency'}”, which SAM Room doesn’t know (or is inactive). Ask your administrator to add the agency, or your identity team to correct the claim.`,
  role: (v) => `Your organisation’s sign-in gives you the role “${v || 'none'}”, which isn’t one SAM Room knows. Ask your identity team to correct it.`,
  site: (v) => `Your organisation’s sign-in places you at the site “${v || 'none'}”, which SAM Room doesn’t have. Ask your administrator.`,
  email: () => 'Your organisation’s sign-in doesn’t match the SAM Room account with your email address. Ask your administrator.',
  disabled: () => 'Your SAM Room account has been disabled. Ask your administrator if you think this is a mistake.',
  expired: () => 'The sign-in took too long or was started in another browser. Try again.',
  failed: () => 'Your organisation’s sign-in didn’t complete. Try again; if it keeps failing, tell your administrator.',
};

/** Where a refused single sign-on lands: what went wrong and who can fix it. No account was made or changed. */
export function SignInRefusedPage() {
  const [params] = useSearchParams();
  const explain = REASONS[params.get('reason') ?? ''] ?? REASONS.failed!;
  return (
    <main className="page page--centred">
      <title>Sign-in refused — SAM Room</title>
      <div className="card signin">
        <h1 className="signin__title">You weren’t signed in</h1>
        <p role="alert" className="alert">{explain(params.get('value') ?? '')}</p>
        <Link to="/signin" className="button button--block">Back to sign in</Link>
      </div>
    </main>
  );
}
