/**
 * One admin API route as data: method, path, who may call it, the schemas of its input and output, and the
 * handler. The same list mounts the routes (validation, guard, CSV) and writes the OpenAPI document, so the
 * document cannot leave a route out or describe one differently from what it checks.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { type CsvRow, sendCsv } from './csv.js';
import { invalidInput } from './api-errors.js';

export type Role = 'viewer' | 'admin';
export type Method = 'get' | 'post' | 'patch' | 'delete';

type AnyObject = z.ZodType<Record<string, unknown>>;
type Input<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

export interface ApiRoute<
  P extends AnyObject | undefined = AnyObject | undefined,
  Q extends AnyObject | undefined = AnyObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Express path under /admin/api, e.g. `/groups/:code`. */
  path: string;
  tag: string;
  summary: string;
  role: Role;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Answers 201: the route creates a record. */
  creates?: boolean;
  /** Not JSON: the media type of the handler's string (an SVG). */
  produces?: string;
  /** Lists and numbers also answer `?format=csv`: the file's name and the response as rows. */
  csv?: { name: string; rows(response: z.output<R>): CsvRow[] };
  handle(context: RouteContext<Input<P>, Input<Q>, Input<B>>): Promise<z.input<R>>;
}

/** Keeps the handler's types tied to the route's schemas. */
export function route<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(spec: ApiRoute<P, Q, B, R>): ApiRoute {
  return spec as unknown as ApiRoute;
}

function parsePart(part: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return {};
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) throw invalidInput(part, parsed.error);
  return parsed.data;
}

/** Runs a route for a request whose input is `input` (the request's own, or an export's). */
export async function runRoute(
  spec: ApiRoute,
  req: Request,
  res: Response,
  input: { params: unknown; query: unknown; body: unknown },
): Promise<void> {
  const params = parsePart('params', spec.params, input.params);
  const query = parsePart('query', spec.query, input.query);
  const body = parsePart('body', spec.body, spec.body ? input.body : undefined);
  const result = await spec.handle({ params, query, body, req, res } as never);
  // Checked on the way out too: a field no schema names (a number, a hash) never leaves.
  const output = spec.response.parse(result);
  if (spec.produces) {
    res.type(spec.produces).send(output);
  } else if (spec.csv && (query as { format?: string }).format === 'csv') {
    sendCsv(
      res,
      spec.csv.name,
      await allRows(spec, { params: input.params, query: query as Record<string, unknown> }, output, req, res),
    );
  } else {
    res.status(spec.creates ? 201 : 200).json(output);
  }
}

/** Rows a CSV export holds at most: a district's lists fit many times over; the file names the cut if reached. */
export const CSV_MAX_ROWS = 10_000;

/**
 * A paged list's CSV holds every page from the one asked for (up to CSV_MAX_ROWS rows), not just that page: an
 * officer exporting sellers wants the sellers, not the first hundred. Each further page runs the route again.
 */
async function allRows(
  spec: ApiRoute,
  input: { params: unknown; query: Record<string, unknown> },
  first: unknown,
  req: Request,
  res: Response,
): Promise<CsvRow[]> {
  const csv = spec.csv as NonNullable<ApiRoute['csv']>;
  const rows = csv.rows(first);
  const page = (first as { page?: { page: number; limit: number; total: number } }).page;
  if (!page) return rows;
  for (let next = page.page + 1; (next - 1) * page.limit < page.total && rows.length < CSV_MAX_ROWS; next += 1) {
    const query = parsePart('query', spec.query, { ...input.query, page: next });
    const params = parsePart('params', spec.params, input.params);
    const output = spec.response.parse(await spec.handle({ params, query, body: {}, req, res } as never));
    rows.push(...csv.rows(output));
  }
  return rows.slice(0, CSV_MAX_ROWS);
}

export function mountRoutes(router: Router, routes: readonly ApiRoute[], guards: Record<Role, RequestHandler>): void {
  for (const spec of routes) {
    router[spec.method](spec.path, guards[spec.role], async (req, res) => {
      await runRoute(spec, req, res, { params: req.params, query: req.query, body: req.body });
    });
  }
}
