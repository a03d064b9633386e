#!/usr/bin/env node
// DPoP proofs (RFC 9449 §4.2) made ahead of a run, so that the load generator spends no CPU signing on the machine
// it shares with the server: COUNT proofs for POST to HTU, one key (ALG: ES256, the default, or RS256), each with its
// own jti, one per line.
//   HTU=http://127.0.0.1:18280/connect/token COUNT=40000 ALG=ES256 node dpop-proofs.mjs > proofs
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

const alg = process.env.ALG ?? 'ES256';
const rsa = alg === 'RS256';
const { privateKey, publicKey } = rsa
  ? generateKeyPairSync('rsa', { modulusLength: 2048 })
  : generateKeyPairSync('ec', { namedCurve: 'P-256' });
const { kty, crv, x, y, n, e } = publicKey.export({ format: 'jwk' });
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ typ: 'dpop+jwt', alg, jwk: rsa ? { kty, n, e } : { kty, crv, x, y } });
const iat = Math.floor(Date.now() / 1000);
const lines = [];
for (let i = 0; i < Number(process.env.COUNT ?? 10000); i++) {
  const input = `${header}.${b64({ jti: randomUUID(), htm: 'POST', htu: process.env.HTU, iat })}`;
  const signature = sign('sha256', Buffer.from(input), rsa ? privateKey : { key: privateKey, dsaEncoding: 'ieee-p1363' });
  lines.push(`${input}.${signature.toString('base64url')}`);
}
process.stdout.write(lines.join('\n') + '\n');
