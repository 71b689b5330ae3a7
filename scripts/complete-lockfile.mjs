#!/usr/bin/env node
// Completes package-lock.json after `npm install` on a package mirror that serves only this platform's
// native packages: npm then leaves other platforms' optional packages (e.g. @swc/core-darwin-arm64,
// @chdb/lib-darwin-arm64) out of the lock, and `npm ci` refuses the lock as out of sync. This adds each
// missing optional package as an entry tagged with its os/cpu, which npm ci skips on other platforms,
// exactly as it would with a lock written on an unrestricted registry. Run: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;

const OS = { darwin: 'darwin', linux: 'linux', win32: 'win32', freebsd: 'freebsd', android: 'android' };
const CPU = {
  x64: 'x64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: 'ia32',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** os / cpu / libc from a platform package name such as `core-linux-arm64-musl` or `lib-darwin-x64`. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS[p]);
  const cpu = parts.find((p) => CPU[p]) ?? (parts.includes('gnueabihf') ? 'arm' : undefined);
  const libc = parts.includes('musl') ? 'musl' : parts.includes('gnu') ? 'glibc' : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os || !cpu || !/^\d+\.\d+\.\d+/.test(version)) {
      console.warn(`skipped ${name}@${version}: not a pinned platform package`);
      continue;
    }
    packages[`node_modules/${name}`] = {
      version,
      cpu: [cpu],
      optional: true,
      os: [os],
      ...(libc ? { libc: [libc] } : {}),
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform package entr${added === 1 ? 'y' : 'ies'}`);
