import { readFile } from 'node:fs/promises';
import type { Request, Response, Server } from 'restify';

/** How long a browser may keep a served library without asking again (the desk's version changes its content rarely). */
const CACHE_SECONDS = 60 * 60;

/**
 * Serves one file (a library from node_modules, read once) at `route`: everything the pages load
 * comes from the desk itself, no CDN.
 */
export function serveFile(server: Server, route: string, file: string, contentType: string): void {
  let content: Promise<Buffer> | undefined;
  server.get(route, async (_req: Request, res: Response) => {
    content ??= readFile(file);
    try {
      const body = await content;
      res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length, 'Cache-Control': `public, max-age=${CACHE_SECONDS}` });
      res.end(body);
    } catch {
      content = undefined;
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('this file is missing from the installation: run npm ci');
    }
  });
}

/** `/favicon.ico`: no icon, said plainly (204), so browsers do not log a 404 on every page. */
export function registerNoFavicon(server: Server): void {
  server.get('/favicon.ico', async (_req: Request, res: Response) => {
    res.writeHead(204, { 'Cache-Control': `public, max-age=${CACHE_SECONDS}` });
    res.end();
  });
}
