import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { GATEWAY_METADATA, GATEWAY_OPTIONS, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { IS_PUBLIC, REQUIRED_ROLES } from '@switchboard/api-platform';
import type { Role } from '@switchboard/shared-contracts';

export interface DiscoveredRoute {
  method: string;
  /** As Express serves it, e.g. `/api/tickets/:ticketId`. */
  path: string;
  /** `Controller.method`, or null for a route Express serves outside Nest (the API docs). */
  handler: string | null;
  isPublic: boolean;
  roles: Role[] | null;
  /** Query keys the handler reads by name (`@Query('key')`). */
  queryKeys: string[];
  /** Reads the whole query string (`@Query()` with a DTO). */
  wholeQuery: boolean;
  hasBody: boolean;
}

export interface DiscoveredEvent {
  namespace: string;
  event: string;
  handler: string;
}

const normalise = (path: string) => ('/' + path.split('/').filter(Boolean).join('/')).replace(/\/$/, '') || '/';

/** Every route the running app serves (from Express's router), joined with its Nest handler's metadata. */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const handlers = new Map<string, Omit<DiscoveredRoute, 'method' | 'path'>>();
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const bases = [Reflect.getMetadata(PATH_METADATA, metatype) ?? ''].flat() as string[];
    const prototype = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(prototype)) {
      const fn = prototype[name];
      const paths = Reflect.getMetadata(PATH_METADATA, fn);
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
      const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}) as Record<string, { data?: unknown }>);
      const ofType = (type: RouteParamtypes) => args.filter(([key]) => Number(key.split(':')[0]) === type);
      const meta = {
        handler: `${metatype.name}.${name}`,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [fn, metatype]) ?? false,
        roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [fn, metatype]) ?? null,
        queryKeys: ofType(RouteParamtypes.QUERY).flatMap(([, a]) => (typeof a.data === 'string' ? [a.data] : [])),
        wholeQuery: ofType(RouteParamtypes.QUERY).some(([, a]) => typeof a.data !== 'string'),
        hasBody: ofType(RouteParamtypes.BODY).length > 0,
      };
      for (const base of bases) for (const path of [paths].flat() as string[]) handlers.set(`${method} ${normalise(`/api/${base}/${path}`)}`, meta);
    }
  }

  const router = (app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
  const routes: DiscoveredRoute[] = [];
  for (const layer of router.stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
      const path = normalise(layer.route.path);
      const meta = handlers.get(`${method.toUpperCase()} ${path}`);
      routes.push({ method: method.toUpperCase(), path, ...(meta ?? { handler: null, isPublic: false, roles: null, queryKeys: [], wholeQuery: false, hasBody: false }) });
    }
  }
  return routes;
}

/** Every gateway's namespace, and every `@SubscribeMessage` handler with its namespace. */
export function discoverSocketEvents(app: INestApplication): { namespaces: string[]; events: DiscoveredEvent[] } {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const events: DiscoveredEvent[] = [];
  const namespaces: string[] = [];
  for (const wrapper of discovery.getProviders()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype || !Reflect.getMetadata(GATEWAY_METADATA, metatype)) continue;
    const namespace = String((Reflect.getMetadata(GATEWAY_OPTIONS, metatype) as { namespace?: string } | undefined)?.namespace ?? '/');
    namespaces.push(namespace);
    const prototype = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(prototype)) {
      if (!Reflect.getMetadata(MESSAGE_MAPPING_METADATA, prototype[name])) continue;
      events.push({ namespace, event: String(Reflect.getMetadata(MESSAGE_METADATA, prototype[name])), handler: `${metatype.name}.${name}` });
    }
  }
  return { namespaces, events };
}
