/// <reference types="node" />
/**
 * Signs someone in at the local identity provider (oidc-provider.ts) without a browser: follows
 * the authorization URL, fills the development login form and returns where the provider sent the
 * browser back — the redirect URI with `code` and `state`. What a person does by hand, for scripts
 * and API tests; browser tests fill the same form in Chromium instead.
 *
 * @example
 * const { authorizationUrl, state } = await api.post('/v1/auth/oidc/start', { … });
 * const back = await loginAtLocalProvider(authorizationUrl, 'amara.okafor@northwind.example');
 * back.searchParams.get('code');
 */
export async function loginAtLocalProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  const request = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      // oidc-provider clears a cookie by expiring it with an empty value.
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };

  // Through the provider's redirects until it shows a page (the login form) or leaves for the client.
  const follow = async (start: Response, from: string): Promise<{ res: Response; url: string }> => {
    let [res, url] = [start, from];
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('the local identity provider redirected more than 10 times');
      url = new URL(res.headers.get('location') ?? '', url).href;
      if (new URL(url).origin !== origin) return { res, url };
      res = await request(url);
    }
    return { res, url };
  };

  let { res, url } = await follow(await request(authorizationUrl), authorizationUrl);
  if (new URL(url).origin !== origin) return new URL(url);
  const page = await res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
  if (!res.ok || !action || !page.includes('name="login"')) {
    throw new Error(`the local identity provider did not show its login form (${res.status}): ${page.slice(0, 300)}`);
  }
  const submitUrl = new URL(action.replace(/&amp;/g, '&'), url).href;
  const submitted = await request(submitUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
  });
  ({ res, url } = await follow(submitted, submitUrl));
  if (new URL(url).origin === origin) {
    throw new Error(`the local identity provider did not sign ${login} in (${res.status}): ${(await res.text()).slice(0, 300)}`);
  }
  return new URL(url);
}
