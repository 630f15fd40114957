// The browser tests drive Debian's Chromium (npm cannot download a browser
// here). Runs before `npm test`: installs the package when it is missing and
// we are root, and otherwise says what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0) {
    console.error(`${CHROMIUM} is missing; install Debian's chromium package (apt-get install -y chromium) and run the tests again.`);
    process.exit(1);
  }
  console.log(`${CHROMIUM} is missing: installing Debian's chromium package`);
  const run = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  run(['update']);
  run(['install', '-y', '--no-install-recommends', 'chromium']);
}
