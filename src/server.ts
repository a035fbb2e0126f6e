import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * The bot's one HTTP server: `/healthz` here, the platform adapters mount
 * their paths (`/slack/events`, `/feishu/events`) through `routes`.
 */
export async function startHttpServer(opts: {
  port: number;
  healthy: () => Promise<boolean>;
  /** More fields of /healthz (the calendar's coverage); they never change the status, which is the database's. */
  details?: () => Record<string, unknown>;
  routes?: Record<string, Handler>;
  /** GET /metrics: the Prometheus text and its content type. */
  metrics?: { contentType: string; render(): Promise<string> };
}): Promise<HttpServer> {
  const metrics = opts.metrics;
  const routes: Record<string, Handler> = {
    ...opts.routes,
    'GET /healthz': async (_req, res) => {
      const ok = await opts.healthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', ...opts.details?.() }));
    },
    ...(metrics && {
      'GET /metrics': async (_req: IncomingMessage, res: ServerResponse) => {
        const body = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.contentType }).end(body);
      },
    }),
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes[`${req.method} ${path}`];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not found"}');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"status":"error"}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
