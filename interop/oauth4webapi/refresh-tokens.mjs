// Mints refresh tokens for the refresh benchmark (bench/refresh.sh): one authorization code flow (PKCE S256,
// scope "openid offline_access") per token, for the demo member with the demo web client, through oauth4webapi
// and the user agent of user-agent.mjs. Each token starts its own chain of rotations.
//
//   node refresh-tokens.mjs [count] [issuer]     prints the refresh tokens, comma-separated (default 16)
import * as oauth from 'oauth4webapi'
import { userAgent } from './user-agent.mjs'

const count = Number(process.argv[2] ?? 16)
const issuer = new URL(process.argv[3] ?? process.env.KIZUNA_ISSUER ?? 'http://localhost:8080')
const insecure = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {}
const web = { client_id: process.env.WEB_CLIENT_ID ?? 'www-demo', secret: process.env.WEB_CLIENT_SECRET ?? 'www-demo-secret-change-me',
  redirect_uri: process.env.WEB_REDIRECT_URI ?? 'http://localhost:8081/callback' }
const member = { email: process.env.MEMBER_EMAIL ?? 'demo@kizuna.example', password: process.env.MEMBER_PASSWORD ?? 'kizuna-demo-password' }

const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }))
const ua = userAgent(issuer, web.redirect_uri, member)
const client = { client_id: web.client_id }
const tokens = []
for (let i = 0; i < count; i++) {
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const url = new URL(as.authorization_endpoint)
  url.search = new URLSearchParams({ client_id: web.client_id, redirect_uri: web.redirect_uri, response_type: 'code',
    scope: 'openid offline_access', code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state }).toString()
  const params = oauth.validateAuthResponse(as, client, await ua.authorize(url.href), state)
  const response = await oauth.processAuthorizationCodeResponse(as, client, await oauth.authorizationCodeGrantRequest(as, client,
    oauth.ClientSecretBasic(web.secret), params, web.redirect_uri, verifier, insecure), { expectedNonce: oauth.expectNoNonce })
  if (!response.refresh_token) throw new Error('no refresh token: is offline_access allowed for the client?')
  tokens.push(response.refresh_token)
}
console.log(tokens.join(','))
