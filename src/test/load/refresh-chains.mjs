#!/usr/bin/env node
// One-time refresh tokens under load: CONNECTIONS chains, each redeeming its own token and going on with the
// successor (wrk cannot: its connections would share, and so replay, one token). Each chain starts from one
// of the refresh tokens given on stdin, one per line.
//   TOKEN_URL=… AUTH='Basic …' SECONDS=10 node refresh-chains.mjs < tokens
//   -> "requests N, errors E, p50 X ms, p99 Y ms" (wrk's format)
import { readFileSync } from 'node:fs';

const tokens = readFileSync(0, 'utf8').split('\n').filter(Boolean);
const url = process.env.TOKEN_URL;
const auth = process.env.AUTH;
const end = Date.now() + Number(process.env.SECONDS ?? 10) * 1000;
const latencies = [];
let errors = 0;

async function chain(token) {
  while (Date.now() < end && token) {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: auth },
      body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(token)}`,
    });
    const body = await response.json();
    latencies.push(performance.now() - started);
    if (response.status !== 200) {
      errors++;
      return; // the family is revoked: this chain is over
    }
    token = body.refresh_token;
  }
}

await Promise.all(tokens.map(chain));
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
console.log(`requests ${latencies.length}, errors ${errors}, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`);
