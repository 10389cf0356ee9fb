// Measures what a DPoP proof (RFC 9449 §4.3: signature, claims, one-time jti in PostgreSQL) adds to a
// client-credentials token request, against a running embedded default (`./kizuna run`). Node.js only,
// no packages: proofs are ES256-signed here with node:crypto, a fresh jti each. Bounded: a fixed number
// of requests per pass at a fixed concurrency, loopback only.
//
//   node bench/dpop-token.mjs [base-url] [requests-per-pass] [concurrency]
//   defaults: http://localhost:8080 3000 16
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto'

const base = process.argv[2] ?? 'http://localhost:8080'
const requests = Number(process.argv[3] ?? 3000)
const concurrency = Number(process.argv[4] ?? 16)
const client = process.env.BENCH_CLIENT_ID ?? 'bench-api'
const secret = process.env.BENCH_CLIENT_SECRET ?? 'bench-api-secret-change-me'
const basic = 'Basic ' + Buffer.from(`${client}:${secret}`).toString('base64')
const htu = base + '/oauth2/token'

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const { kty, crv, x, y } = publicKey.export({ format: 'jwk' })
const b64 = (s) => Buffer.from(s).toString('base64url')
const header = b64(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } }))
function proof () {
  const input = header + '.' + b64(JSON.stringify({ jti: randomUUID(), htm: 'POST', htu, iat: Math.floor(Date.now() / 1000) }))
  return input + '.' + sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')
}

async function once (withProof) {
  const headers = { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }
  if (withProof) headers.dpop = proof()
  const started = performance.now()
  const res = await fetch(htu, { method: 'POST', headers, body: 'grant_type=client_credentials&scope=api%3Aread' })
  const body = await res.json()
  const ms = performance.now() - started
  const ok = res.status === 200 && body.token_type === (withProof ? 'DPoP' : 'Bearer')
  return { ms, ok }
}

async function pass (withProof, n) {
  const latencies = []
  let failures = 0
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      next++
      const r = await once(withProof)
      latencies.push(r.ms)
      if (!r.ok) failures++
    }
  }))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2)
  return { rps: (n / seconds).toFixed(1), p50: p(0.5), p90: p(0.9), p99: p(0.99), failures }
}

const proofStarted = performance.now()
for (let i = 0; i < 2000; i++) proof()
const proofMs = ((performance.now() - proofStarted) / 2000).toFixed(3)

await pass(false, Math.min(500, requests)) // warm-up, both paths
await pass(true, Math.min(500, requests))
const rows = []
for (const withProof of [false, true, false, true]) { // interleaved, so drift in the background hits both
  rows.push({ name: withProof ? 'DPoP proof (ES256), token_type DPoP, cnf.jkt' : 'no proof, token_type Bearer', ...(await pass(withProof, requests)) })
}
console.log(`proof generation on the client: ${proofMs} ms each (node:crypto ES256)`)
console.log('| what | requests/s | p50 ms | p90 ms | p99 ms | failures |')
console.log('|---|---|---|---|---|---|')
for (const r of rows) console.log(`| client_credentials, ${r.name} | ${r.rps} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.failures} |`)
