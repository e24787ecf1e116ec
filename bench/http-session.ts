// A signed-in user of the REST API, as the app's own client is: the session cookie, and the
// `X-Requested-With: samroom` header every state-changing request needs.

export class HttpSession {
  private cookie = '';

  constructor(readonly base: string) {}

  /** The session token a y-websocket client passes as `?token=`. */
  get token(): string {
    return this.cookie.split('=')[1] ?? '';
  }

  async request(method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<Response> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': contentType }),
        ...(method !== 'GET' && { 'x-requested-with': 'samroom' }),
        ...(this.cookie && { cookie: this.cookie }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) this.cookie = c.split(';')[0] ?? '';
    return res;
  }

  /** A request that must succeed; its JSON body. */
  async json<T>(method: string, url: string, body?: unknown, contentType?: string): Promise<T> {
    const res = await this.request(method, url, body, contentType);
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A session already signed in elsewhere (the prepared database's). */
  static withToken(base: string, token: string): HttpSession {
    const session = new HttpSession(base);
    session.cookie = `samroom_session=${token}`;
    return session;
  }

  static async signIn(base: string, email: string, password: string): Promise<HttpSession> {
    const session = new HttpSession(base);
    await session.json('POST', '/api/auth/login', { email, password });
    if (!session.token) throw new Error(`no session cookie for ${email}`);
    return session;
  }
}
