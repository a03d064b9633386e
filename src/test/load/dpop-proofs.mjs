#!/usr/bin/env node
// DPoP proofs (RFC 9449 §4.2) made ahead of a run, so that the load generator spends no CPU signing on the machine
// it shares with the server: COUNT proofs for POST to HTU, one ES256 key, each with its own jti, one per line.
//   HTU=http://127.0.0.1:18280/connect/token COUNT=40000 node dpop-proofs.mjs > proofs
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } });
const iat = Math.floor(Date.now() / 1000);
const lines = [];
for (let i = 0; i < Number(process.env.COUNT ?? 10000); i++) {
  const input = `${header}.${b64({ jti: randomUUID(), htm: 'POST', htu: process.env.HTU, iat })}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  lines.push(`${input}.${signature.toString('base64url')}`);
}
process.stdout.write(lines.join('\n') + '\n');
