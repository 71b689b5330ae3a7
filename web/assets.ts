/**
 * The web view's static files, all served from the package (no CDN): ECharts' browser build from
 * node_modules, and the view's own script and style sheet beside this file. Read once, on first request.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ASSET_HEADERS } from './headers.js';
import type { HostReply, HostRoute } from '../platform/http-host/index.js';

const require = createRequire(import.meta.url);
const local = (name: string): string => fileURLToPath(new URL(`./assets/${name}`, import.meta.url));

/** Each served name with its file and type. Only these names are served; nothing is looked up by path. */
const ASSETS: Readonly<Record<string, { file: () => string; type: string }>> = {
  'echarts.min.js': {
    file: () => require.resolve('echarts/dist/echarts.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'app.js': { file: () => local('app.js'), type: 'text/javascript; charset=utf-8' },
  'app.css': { file: () => local('app.css'), type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

/** The bytes of an asset (cached), or `undefined` for a name that is not an asset. */
export function assetBytes(name: string): { bytes: Buffer; type: string } | undefined {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return undefined;
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(asset.file());
    cache.set(name, bytes);
  }
  return { bytes, type: asset.type };
}

/**
 * `GET <prefix>/assets/:name`, public on purpose: these are the package's own files (the login page needs the
 * style sheet before there is a session), never data.
 */
export function assetRoute(prefix: string): HostRoute {
  return {
    method: 'GET',
    path: `${prefix}/assets/:name`,
    auth: { kind: 'public' },
    handle({ params }): HostReply {
      const asset = assetBytes(params.name ?? '');
      if (!asset) {
        return {
          status: 404,
          body: 'No such asset',
          contentType: 'text/plain; charset=utf-8',
          headers: ASSET_HEADERS,
        };
      }
      return { body: asset.bytes, contentType: asset.type, headers: ASSET_HEADERS };
    },
  };
}
