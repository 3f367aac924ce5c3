/**
 * The OpenAPI 3.1 description of the admin API, written from the routes' own zod schemas (z.toJSONSchema, JSON
 * Schema 2020-12 as OpenAPI 3.1 takes it). Requests are described as they are read (`io: 'input'`: a page given as
 * text), responses as they are sent.
 */
import { z } from 'zod';
import { SESSION_COOKIE } from '../console-sessions.js';
import type { ApiRoute } from './api-route.js';
import { ErrorBody } from './api-schemas.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/groups/:code` → `/groups/{code}` (and `/export/:name.csv` → `/export/{name}.csv`). */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: schemaOf(ErrorBody, 'output') } },
});

function operation(route: ApiRoute) {
  const okContent: Record<string, unknown> = route.produces
    ? { [route.produces]: { schema: { type: 'string' } } }
    : { 'application/json': { schema: schemaOf(route.response, 'output') } };
  if (route.csv) okContent['text/csv'] = { schema: { type: 'string' } };
  return {
    tags: [route.tag],
    summary: route.summary,
    description: `Role: ${route.role}.${route.csv ? ' Also as CSV with ?format=csv.' : ''}`,
    operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : {}),
    responses: {
      [route.creates ? '201' : '200']: {
        description: 'OK',
        content: okContent,
      },
      '400': errorResponse('Invalid input: `field` names the first bad one'),
      '401': errorResponse('No officer session'),
      '403': errorResponse(route.role === 'admin' ? 'Not an administrator, or a missing CSRF token' : 'Forbidden'),
      '404': errorResponse('No such record'),
      ...(route.method === 'get' ? {} : { '409': errorResponse('The record’s state refuses this change') }),
    },
    security: [{ officerSession: [] }],
  };
}

export function openApiDocument(routes: readonly ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Niryat Setu admin API',
      version: '1',
      description:
        'What the officers’ console reads and changes: groups, sellers, inquiries, broadcasts, tickets, FAQ entries ' +
        'and the numbers. Reading needs the viewer role, changing the admin role (with the CSRF token of the session).',
    },
    servers: [{ url: '/admin/api' }],
    components: {
      securitySchemes: {
        officerSession: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'From POST /login. Changes also send the session’s CSRF token (GET /session) as x-csrf-token.',
        },
      },
    },
    paths,
  };
}
