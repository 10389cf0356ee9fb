// Drives a running Kizuna (default: the embedded default of `./kizuna run`) with oauth4webapi, an
// independent, OpenID-certified client library, through every grant Kizuna offers. A tiny "user
// agent" follows the sign-in and consent pages like a browser (cookies, hidden CSRF fields).
//
//   npm ci && node flows.mjs [issuer]
import * as oauth from 'oauth4webapi'
import { userAgent } from './user-agent.mjs'

const issuer = new URL(process.argv[2] ?? process.env.KIZUNA_ISSUER ?? 'http://localhost:8080')
const insecure = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {}
const web = { client_id: process.env.WEB_CLIENT_ID ?? 'www-demo', secret: process.env.WEB_CLIENT_SECRET ?? 'www-demo-secret-change-me',
  redirect_uri: process.env.WEB_REDIRECT_URI ?? 'http://localhost:8081/callback' }
const api = { client_id: process.env.API_CLIENT_ID ?? 'bench-api', secret: process.env.API_CLIENT_SECRET ?? 'bench-api-secret-change-me' }
const member = { email: process.env.MEMBER_EMAIL ?? 'demo@kizuna.example', password: process.env.MEMBER_PASSWORD ?? 'kizuna-demo-password' }

const results = []
async function step (name, fn) {
  try {
    const detail = await fn()
    results.push({ name, ok: true, detail })
    console.log(`PASS ${name}${detail ? ' — ' + detail : ''}`)
  } catch (e) {
    results.push({ name, ok: false, detail: String(e?.message ?? e) })
    console.log(`FAIL ${name} — ${e?.message ?? e}${e?.cause ? ' ' + JSON.stringify(e.cause) : ''}`)
  }
}

// --- a minimal user agent (user-agent.mjs): cookie jar, manual redirects, form submission ----------------
const { browse, hiddenFields, submit, authorize: userAgentAuthorize } = userAgent(issuer, web.redirect_uri, member)

// --- the flows --------------------------------------------------------------------------------
let as
await step('OIDC Discovery 1.0 / RFC 8414 metadata', async () => {
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }))
  return `issuer ${as.issuer}`
})

const webClient = { client_id: web.client_id, id_token_signed_response_alg: 'ES256' }
const webAuth = oauth.ClientSecretBasic(web.secret)
let tokens
await step('RFC 6749 §4.1 + RFC 7636 S256 + RFC 9207 iss: authorization code grant', async () => {
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const nonce = oauth.generateRandomNonce()
  const url = new URL(as.authorization_endpoint)
  url.search = new URLSearchParams({ client_id: web.client_id, redirect_uri: web.redirect_uri, response_type: 'code', scope: 'openid profile email offline_access',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce }).toString()
  const callback = await userAgentAuthorize(url.href)
  const params = oauth.validateAuthResponse(as, webClient, callback, state)
  const response = await oauth.authorizationCodeGrantRequest(as, webClient, webAuth, params, web.redirect_uri, verifier, insecure)
  tokens = await oauth.processAuthorizationCodeResponse(as, webClient, response, { expectedNonce: nonce, requireIdToken: true })
  const claims = oauth.getValidatedIdTokenClaims(tokens)
  return `sub ${claims.sub}, scope "${tokens.scope}", refresh token ${tokens.refresh_token ? 'issued' : 'missing'}`
})

await step('OIDC Core §5.3 UserInfo (RFC 6750 bearer)', async () => {
  const claims = oauth.getValidatedIdTokenClaims(tokens)
  const info = await oauth.processUserInfoResponse(as, webClient, claims.sub, await oauth.userInfoRequest(as, webClient, tokens.access_token, insecure))
  return `email ${info.email}`
})

await step('RFC 7662 introspection of the access token', async () => {
  const r = await oauth.processIntrospectionResponse(as, webClient, await oauth.introspectionRequest(as, webClient, webAuth, tokens.access_token, insecure))
  if (!r.active) throw new Error('token not active')
  return `active, client_id ${r.client_id}`
})

let rotated
await step('RFC 6749 §6 refresh token grant with rotation', async () => {
  rotated = await oauth.processRefreshTokenResponse(as, webClient, await oauth.refreshTokenGrantRequest(as, webClient, webAuth, tokens.refresh_token, insecure))
  if (rotated.refresh_token === tokens.refresh_token) throw new Error('refresh token was not rotated')
  return 'new access and refresh token'
})

await step('RFC 9700 §4.14.2 reuse of a rotated refresh token is refused (invalid_grant)', async () => {
  try {
    await oauth.processRefreshTokenResponse(as, webClient, await oauth.refreshTokenGrantRequest(as, webClient, webAuth, tokens.refresh_token, insecure))
  } catch (e) {
    if (e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant') return 'invalid_grant'
    throw e
  }
  throw new Error('reuse was accepted')
})

if (as.revocation_endpoint) {
  await step('RFC 7009 revocation', async () => {
    const fresh = await userAgentToken()
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, webClient, webAuth, fresh.refresh_token, insecure))
    const r = await oauth.processIntrospectionResponse(as, webClient, await oauth.introspectionRequest(as, webClient, webAuth, fresh.access_token, insecure))
    if (r.active) throw new Error('access token still active after revoking its grant')
    return 'refresh token revoked, its access token inactive'
  })
}

const apiClient = { client_id: api.client_id }
await step('RFC 6749 §4.4 client credentials grant', async () => {
  const r = await oauth.processClientCredentialsResponse(as, apiClient, await oauth.clientCredentialsGrantRequest(as, apiClient, oauth.ClientSecretBasic(api.secret), { scope: 'api:read' }, insecure))
  return `scope "${r.scope}", expires_in ${r.expires_in}`
})

// Per-client signing algorithms (admin API), checked by the library: RFC 9068 JWT access tokens are
// validated against the JWKS with validateJwtAccessToken, the ID token with the client's registered alg.
const adminToken = process.env.ADMIN_TOKEN ?? 'kizuna-demo-admin-token'
async function adminRegister (metadata) {
  const res = await fetch(new URL('/admin/api/clients', issuer), { method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(metadata) })
  if (res.status !== 201) throw new Error(`admin registration answered ${res.status}: ${await res.text()}`)
  return res.json()
}
for (const alg of ['ES256', 'PS256', 'RS256', 'EdDSA']) {
  await step(`RFC 9068 JWT access token signed ${alg} (access_token_signing_alg), validated by the library against the JWKS`, async () => {
    const registered = await adminRegister({ client_name: `interop ${alg} API`, grant_types: ['client_credentials'], scope: 'api:read', access_token_signing_alg: alg })
    const client = { client_id: registered.client_id }
    const r = await oauth.processClientCredentialsResponse(as, client,
      await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic(registered.client_secret), { scope: 'api:read' }, insecure))
    const claims = await oauth.validateJwtAccessToken(as, new Request(new URL('/resource', issuer), { headers: { authorization: `Bearer ${r.access_token}` } }),
      as.issuer, { ...insecure, signingAlgorithms: [alg] })
    return `aud ${claims.aud}, client_id ${claims.client_id}`
  })
}
await step('OIDC DCR §2 id_token_signed_response_alg PS256 with EdDSA access tokens, validated by the library', async () => {
  const registered = await adminRegister({ client_name: 'interop PS256 site', redirect_uris: [web.redirect_uri], grant_types: ['authorization_code'],
    scope: 'openid email', id_token_signed_response_alg: 'PS256', access_token_signing_alg: 'EdDSA' })
  const client = { client_id: registered.client_id, id_token_signed_response_alg: 'PS256' }
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const nonce = oauth.generateRandomNonce()
  const url = new URL(as.authorization_endpoint)
  url.search = new URLSearchParams({ client_id: client.client_id, redirect_uri: web.redirect_uri, response_type: 'code', scope: 'openid email',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce }).toString()
  const params = oauth.validateAuthResponse(as, client, await userAgentAuthorize(url.href), state)
  const auth = oauth.ClientSecretBasic(registered.client_secret)
  const r = await oauth.processAuthorizationCodeResponse(as, client,
    await oauth.authorizationCodeGrantRequest(as, client, auth, params, web.redirect_uri, verifier, insecure), { expectedNonce: nonce, requireIdToken: true })
  const claims = await oauth.validateJwtAccessToken(as, new Request(new URL('/resource', issuer), { headers: { authorization: `Bearer ${r.access_token}` } }),
    as.issuer, { ...insecure, signingAlgorithms: ['EdDSA'] })
  return `ID token PS256 for sub ${oauth.getValidatedIdTokenClaims(r).sub}, access token EdDSA for ${claims.sub}`
})

// RFC 9449 DPoP with the library's own proofs and nonce handling: a client registered with
// dpop_bound_access_tokens (so every token request needs a proof and a server nonce), the code bound by
// dpop_jkt (§10), UserInfo with the DPoP scheme (§7), introspection's cnf.jkt (§6.2), a DPoP refresh.
{
  let dpop
  const retryOnNonce = async (fn) => {
    try { return await fn() } catch (e) {
      if (!oauth.isDPoPNonceError(e)) throw e
      dpop.nonceRetries++
      return fn() // the handle now holds the DPoP-Nonce the server sent (§8)
    }
  }
  await step('RFC 9449 §5, §8, §10 DPoP: code bound by dpop_jkt, use_dpop_nonce then tokens with token_type DPoP', async () => {
    const registered = await adminRegister({ client_name: 'interop DPoP site', redirect_uris: [web.redirect_uri],
      grant_types: ['authorization_code', 'refresh_token'], scope: 'openid email offline_access', dpop_bound_access_tokens: true })
    const client = { client_id: registered.client_id, id_token_signed_response_alg: 'ES256' }
    const handle = oauth.DPoP(client, await oauth.generateKeyPair('ES256'))
    dpop = { client, handle, auth: oauth.ClientSecretBasic(registered.client_secret), jkt: await handle.calculateThumbprint(), nonceRetries: 0 }
    const verifier = oauth.generateRandomCodeVerifier()
    const state = oauth.generateRandomState()
    const nonce = oauth.generateRandomNonce()
    const url = new URL(as.authorization_endpoint)
    url.search = new URLSearchParams({ client_id: client.client_id, redirect_uri: web.redirect_uri, response_type: 'code', scope: 'openid email offline_access',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce, dpop_jkt: dpop.jkt }).toString()
    const params = oauth.validateAuthResponse(as, client, await userAgentAuthorize(url.href), state)
    dpop.tokens = await retryOnNonce(async () => oauth.processAuthorizationCodeResponse(as, client,
      await oauth.authorizationCodeGrantRequest(as, client, dpop.auth, params, web.redirect_uri, verifier, { ...insecure, DPoP: handle }),
      { expectedNonce: nonce, requireIdToken: true }))
    if (dpop.tokens.token_type !== 'dpop') throw new Error(`token_type ${dpop.tokens.token_type}`)
    if (!as.dpop_signing_alg_values_supported?.includes('ES256')) throw new Error('dpop_signing_alg_values_supported lacks ES256')
    return `token_type DPoP after ${dpop.nonceRetries} use_dpop_nonce answer(s), jkt ${dpop.jkt}`
  })
  if (dpop?.tokens) {
    await step('RFC 9449 §7 UserInfo with Authorization: DPoP and a proof with ath; §7.2 the same token as Bearer refused', async () => {
      const sub = oauth.getValidatedIdTokenClaims(dpop.tokens).sub
      const info = await retryOnNonce(async () => oauth.processUserInfoResponse(as, dpop.client, sub,
        await oauth.userInfoRequest(as, dpop.client, dpop.tokens.access_token, { ...insecure, DPoP: dpop.handle })))
      const bearer = await fetch(as.userinfo_endpoint, { headers: { authorization: `Bearer ${dpop.tokens.access_token}` } })
      const challenges = bearer.headers.get('www-authenticate') ?? ''
      if (bearer.status !== 401 || !/DPoP /.test(challenges)) throw new Error(`Bearer use answered ${bearer.status} ${challenges}`)
      return `email ${info.email}; as Bearer: 401 ${challenges.slice(0, 60)}…`
    })
    await step('RFC 9449 §6.2 introspection of the DPoP-bound token: token_type DPoP, cnf.jkt', async () => {
      const r = await oauth.processIntrospectionResponse(as, dpop.client,
        await oauth.introspectionRequest(as, dpop.client, dpop.auth, dpop.tokens.access_token, insecure))
      if (!r.active || r.token_type !== 'DPoP' || r.cnf?.jkt !== dpop.jkt) throw new Error(JSON.stringify(r))
      return `active, cnf.jkt ${r.cnf.jkt}`
    })
    await step('RFC 9449 §5 refresh token grant with a DPoP proof', async () => {
      const r = await retryOnNonce(async () => oauth.processRefreshTokenResponse(as, dpop.client,
        await oauth.refreshTokenGrantRequest(as, dpop.client, dpop.auth, dpop.tokens.refresh_token, { ...insecure, DPoP: dpop.handle })))
      if (r.token_type !== 'dpop') throw new Error(`token_type ${r.token_type}`)
      return 'new DPoP-bound access token'
    })
  }
}

// The implicit grant (RFC 6749 §4.2) is not exercised here: oauth4webapi does not implement it (it is
// deprecated by RFC 9700 §2.1.2); server/src/test/.../ImplicitGrantIT covers it.

// RFC 7591 registration of a TV app (plain HTTP, the library has no DCR), then RFC 8628 with the library
const initialAccessToken = process.env.INITIAL_ACCESS_TOKEN ?? 'kizuna-demo-initial-access-token'
if (as.registration_endpoint && as.device_authorization_endpoint) {
  let tv
  await step('RFC 7591 dynamic registration of a public device client', async () => {
    const res = await fetch(as.registration_endpoint, { method: 'POST', headers: { authorization: `Bearer ${initialAccessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'interop TV', token_endpoint_auth_method: 'none', grant_types: ['urn:ietf:params:oauth:grant-type:device_code'], scope: 'openid' }) })
    if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${await res.text()}`)
    tv = { client_id: (await res.json()).client_id, token_endpoint_auth_method: 'none' }
    return `client_id ${tv.client_id}`
  })
  await step('RFC 8628 device authorization grant (pending, then approved on /device)', async () => {
    const device = await oauth.processDeviceAuthorizationResponse(as, tv,
      await oauth.deviceAuthorizationRequest(as, tv, oauth.None(), { scope: 'openid' }, insecure))
    try {
      await oauth.processDeviceCodeResponse(as, tv, await oauth.deviceCodeGrantRequest(as, tv, oauth.None(), device.device_code, insecure))
      throw new Error('tokens before the member decided')
    } catch (e) {
      if (!(e instanceof oauth.ResponseBodyError) || e.error !== 'authorization_pending') throw e
    }
    // the member, already signed in in this user agent, enters the code and approves
    let page = await browse(new URL('/device', issuer).href)
    page = await submit(new URL('/device', issuer).href, { ...hiddenFields(await page.text()), user_code: device.user_code })
    if (page.status >= 300 && page.status < 400) page = await browse(new URL(page.headers.get('location'), issuer).href)
    const decided = await submit(new URL('/device', issuer).href, { ...hiddenFields(await page.text()), decision: 'approve' })
    if (decided.status >= 400) throw new Error(`approval answered ${decided.status}`)
    const tokens = await oauth.processDeviceCodeResponse(as, tv, await oauth.deviceCodeGrantRequest(as, tv, oauth.None(), device.device_code, insecure))
    return `user_code ${device.user_code}, scope "${tokens.scope}"`
  })
}

// RFC 8693 token exchange: a confidential service client exchanges a member's access token (from the code
// flow above, in this user agent) for a new one on the same grant, through the library's generic grant request
await step('RFC 8693 §2.1–2.2 token exchange of a member access token (impersonation)', async () => {
  const registered = await adminRegister({ client_name: 'interop exchanging service', grant_types: ['urn:ietf:params:oauth:grant-type:token-exchange'],
    scope: 'openid' })
  const service = { client_id: registered.client_id }
  const subject = await userAgentToken()
  const r = await oauth.processGenericTokenEndpointResponse(as, service, await oauth.genericTokenEndpointRequest(as, service,
    oauth.ClientSecretBasic(registered.client_secret), 'urn:ietf:params:oauth:grant-type:token-exchange',
    { subject_token: subject.access_token, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' }, insecure))
  if (r.issued_token_type !== 'urn:ietf:params:oauth:token-type:access_token') throw new Error(`issued_token_type ${r.issued_token_type}`)
  if (!r.access_token || r.access_token === subject.access_token) throw new Error('no new access token')
  const introspected = await oauth.processIntrospectionResponse(as, apiClient,
    await oauth.introspectionRequest(as, apiClient, oauth.ClientSecretBasic(api.secret), r.access_token, insecure))
  if (!introspected.active) throw new Error('the exchanged token is not active')
  return `scope "${r.scope}", same subject ${introspected.sub === undefined ? '(sub hidden)' : introspected.sub}`
})

// RFC 7523 §2.1 JWT bearer grant: a client with a registered ES256 key signs its own assertion (sub = itself)
// and authenticates with private_key_jwt (RFC 7523 §2.2), both built with WebCrypto and the library
await step('RFC 7523 §2.1 JWT bearer grant with a private_key_jwt client (§2.2)', async () => {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey)
  const registered = await adminRegister({ client_name: 'interop JWT bearer client', token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [{ kty, crv, x, y, kid: 'interop-1', alg: 'ES256', use: 'sig' }] },
    grant_types: ['urn:ietf:params:oauth:grant-type:jwt-bearer'], scope: 'api:read' })
  const client = { client_id: registered.client_id }
  const b64 = (bytes) => Buffer.from(bytes).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const signingInput = b64(JSON.stringify({ alg: 'ES256', kid: 'interop-1', typ: 'JWT' })) + '.' +
    b64(JSON.stringify({ iss: client.client_id, sub: client.client_id, aud: as.issuer, iat: now, exp: now + 60, jti: crypto.randomUUID() }))
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new TextEncoder().encode(signingInput))
  const assertion = signingInput + '.' + b64(new Uint8Array(signature))
  const r = await oauth.processGenericTokenEndpointResponse(as, client, await oauth.genericTokenEndpointRequest(as, client,
    oauth.PrivateKeyJwt({ key: keys.privateKey, kid: 'interop-1' }), 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    { assertion, scope: 'api:read' }, insecure))
  if (r.refresh_token) throw new Error('a refresh token for a JWT bearer grant')
  return `scope "${r.scope}", token_type ${r.token_type}`
})

// OpenID Connect CIBA Core 1.0, poll mode (§7, §10.1): the library starts the request, the member approves it
// on Kizuna's demo authentication device page (/account/ciba, signed in in this user agent), the library polls
if (as.backchannel_authentication_endpoint) {
  await step('CIBA Core §7.1, §10.1 poll mode: authorization_pending, approval on the device page, then tokens', async () => {
    const registered = await adminRegister({ client_name: 'interop CIBA counter app', grant_types: ['urn:openid:params:grant-type:ciba'],
      scope: 'openid email' })
    const settings = await fetch(new URL(`/admin/api/clients/${registered.client_id}/backchannel-settings`, issuer), { method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ backchannel_token_delivery_mode: 'poll' }) })
    if (settings.status !== 200) throw new Error(`backchannel settings answered ${settings.status}: ${await settings.text()}`)
    const client = { client_id: registered.client_id }
    const clientAuth = oauth.ClientSecretBasic(registered.client_secret)
    const started = await oauth.processBackchannelAuthenticationResponse(as, client, await oauth.backchannelAuthenticationRequest(as, client,
      clientAuth, { scope: 'openid email', login_hint: member.email, binding_message: 'KZ-INTEROP' }, insecure))
    try {
      await oauth.processBackchannelAuthenticationGrantResponse(as, client,
        await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure))
      throw new Error('tokens before the member decided')
    } catch (e) {
      if (!(e instanceof oauth.ResponseBodyError) || e.error !== 'authorization_pending') throw e
    }
    const page = await (await browse(new URL('/account/ciba', issuer).href)).text()
    // the list item of this request (an earlier, unanswered one may be listed too)
    const reference = page.split('<li').filter(item => item.includes('KZ-INTEROP')).map(item => /data-request="([^"]+)"/.exec(item)?.[1]).pop()
    if (!reference) throw new Error('the request is not on the device page')
    const decided = await submit(new URL('/account/ciba', issuer).href, { ...hiddenFields(page), request: reference, decision: 'approve' })
    if (!/result=approved/.test(decided.headers.get('location') ?? '')) throw new Error(`approval answered ${decided.status} ${decided.headers.get('location')}`)
    const tokens = await oauth.processBackchannelAuthenticationGrantResponse(as, client,
      await oauth.backchannelAuthenticationGrantRequest(as, client, clientAuth, started.auth_req_id, insecure))
    const claims = oauth.getValidatedIdTokenClaims(tokens)
    return `auth_req_id expires_in ${started.expires_in}, ID token for ${claims.sub}`
  })
}

async function userAgentToken () {
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const url = new URL(as.authorization_endpoint)
  url.search = new URLSearchParams({ client_id: web.client_id, redirect_uri: web.redirect_uri, response_type: 'code', scope: 'openid',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state }).toString()
  const params = oauth.validateAuthResponse(as, webClient, await userAgentAuthorize(url.href), state)
  return oauth.processAuthorizationCodeResponse(as, webClient,
    await oauth.authorizationCodeGrantRequest(as, webClient, webAuth, params, web.redirect_uri, verifier, insecure), { expectedNonce: oauth.expectNoNonce })
}

const failed = results.filter(r => !r.ok).length
console.log(`\n${results.length - failed} passed, ${failed} failed (oauth4webapi against ${issuer.href})`)
process.exit(failed ? 1 : 0)
