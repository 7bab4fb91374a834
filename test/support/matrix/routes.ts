import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { UNPREFIXED_ROUTES } from '../../../apps/api/src/controllers/operations.controller';
import type { TestApp } from '../test-app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** `METHOD /path/{param}` for every operation of the app's live OpenAPI document. */
export async function openApiRoutes(t: TestApp): Promise<string[]> {
  const res = await t.http().get('/api/docs-json');
  if (res.status !== 200) throw new Error(`GET /api/docs-json: ${res.status}`);
  const paths = res.body.paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/**
 * `METHOD /path/{param}` for every handler of every controller Nest has mounted,
 * read from the routing metadata itself: catches an endpoint hidden from the
 * OpenAPI document (`@ApiExcludeEndpoint`), and ignores middleware mounts.
 */
export function nestRoutes(t: TestApp, globalPrefix = 'api'): string[] {
  const routes = new Set<string>();
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        for (const prefix of prefixes) {
          for (const path of ([] as string[]).concat(paths)) {
            const bare = `/${[prefix, path].join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
            // Operators' routes at the root (/health, /ready, /metrics) are not the /api contract: test/operations.e2e-spec.ts covers them.
            if (UNPREFIXED_ROUTES.includes(bare.slice(1))) continue;
            const full = `/${globalPrefix}${bare}`;
            routes.add(`${RequestMethod[method]} ${full.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
          }
        }
      }
    }
  }
  return [...routes];
}
