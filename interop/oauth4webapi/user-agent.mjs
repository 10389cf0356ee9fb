// A minimal user agent for Kizuna's pages: cookie jar, manual redirects, form submission with the hidden
// CSRF fields, and an authorization request followed through sign-in and consent to the client's redirect.
// Shared by flows.mjs and refresh-tokens.mjs; protocol work stays with oauth4webapi.

export function userAgent (issuer, redirectUri, member) {
  const jar = new Map()
  async function browse (url, init = {}) {
    const headers = new Headers(init.headers)
    const cookie = [...jar].filter(([k]) => k.startsWith(new URL(url).host + '|')).map(([k, v]) => `${k.split('|')[1]}=${v}`).join('; ')
    if (cookie) headers.set('cookie', cookie)
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';'); const i = pair.indexOf('=')
      jar.set(new URL(url).host + '|' + pair.slice(0, i).trim(), pair.slice(i + 1).trim())
    }
    return res
  }
  function hiddenFields (html) {
    const fields = {}
    for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
      const tag = m[0]
      if (/type="hidden"/i.test(tag)) fields[/name="([^"]*)"/i.exec(tag)[1]] = (/value="([^"]*)"/i.exec(tag)?.[1] ?? '').replaceAll('&amp;', '&')
    }
    return fields
  }
  async function submit (url, fields) {
    return browse(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) })
  }
  /** Follows the authorization request through sign-in and consent; returns the redirect to the client. */
  async function authorize (authorizationUrl) {
    let res = await browse(authorizationUrl)
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get('location')
      if (!location) throw new Error(`stuck at ${res.status}: ${(await res.text()).slice(0, 200)}`)
      const next = new URL(location, issuer)
      if (next.href.startsWith(redirectUri)) return next
      res = await browse(next.href)
      if (res.status === 200 && next.pathname === '/signin') {
        res = await submit(new URL('/signin', issuer).href, { ...hiddenFields(await res.text()), email: member.email, password: member.password })
      } else if (res.status === 200 && next.pathname === '/consent') {
        res = await submit(new URL('/consent', issuer).href, { ...hiddenFields(await res.text()), decision: 'approve' })
      }
    }
    throw new Error('too many redirects')
  }
  return { browse, hiddenFields, submit, authorize }
}
