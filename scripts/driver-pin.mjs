#!/usr/bin/env node
// Prints the pinned driver repository (owner/name) and commit from driver-source.json
// as `key=value` lines for $GITHUB_OUTPUT, so the workflows check out the commit
// the site's code links point at, and the pin stays in one file.
import { readFileSync } from 'node:fs';

const pin = JSON.parse(readFileSync(new URL('../driver-source.json', import.meta.url), 'utf8'));
const url = new URL(pin.repository);
if (url.hostname !== 'github.com') {
  console.error(`driver-source.json: repository \`${pin.repository}\` is not on github.com; actions/checkout needs owner/name there`);
  process.exit(2);
}
if (!/^[0-9a-f]{40}$/.test(pin.ref)) {
  console.error(`driver-source.json: ref \`${pin.ref}\` is not a full commit id; expected 40 hex digits`);
  process.exit(2);
}
console.log(`repository=${url.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '')}`);
console.log(`ref=${pin.ref}`);
