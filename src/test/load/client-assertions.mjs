#!/usr/bin/env node
// private_key_jwt client assertions (RFC 7523 §2.2) made ahead of a run, so that the load generator spends no CPU
// signing on the machine it shares with the server. The client's key (ALG: RS256 or ES256) is made once in KEYS
// (a directory) and kept there.
//   KEYS=dir ALG=RS256 node client-assertions.mjs jwk      the public JWK, as a JSON string (for a settings file)
//   KEYS=dir ALG=RS256 CLIENT=id AUD=issuer COUNT=40000 node client-assertions.mjs > assertions
// Each assertion has its own jti and expires in 5 minutes, the longest Gatehouse accepts.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const alg = process.env.ALG ?? 'RS256';
const rsa = alg === 'RS256';
const file = `${process.env.KEYS}/${alg}.pem`;
if (!existsSync(file)) {
  const { privateKey } = rsa ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }));
}
const privateKey = createPrivateKey(readFileSync(file));
if (process.argv[2] === 'jwk') {
  process.stdout.write(JSON.stringify(JSON.stringify(createPublicKey(privateKey).export({ format: 'jwk' }))));
  process.exit(0);
}
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const header = b64({ alg, typ: 'JWT' });
const now = Math.floor(Date.now() / 1000);
const client = process.env.CLIENT;
const lines = [];
for (let i = 0; i < Number(process.env.COUNT ?? 10000); i++) {
  const input = `${header}.${b64({ iss: client, sub: client, aud: process.env.AUD, iat: now, exp: now + 300, jti: randomUUID() })}`;
  const signature = sign('sha256', Buffer.from(input), rsa ? privateKey : { key: privateKey, dsaEncoding: 'ieee-p1363' });
  lines.push(`${input}.${signature.toString('base64url')}`);
}
process.stdout.write(lines.join('\n') + '\n');
