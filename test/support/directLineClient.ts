import { DirectLine, ConnectionStatus, type Activity as ClientActivity } from 'botframework-directlinejs';
import { createRequire } from 'node:module';
import WebSocket from 'ws';

/** rxjs 5's Observable, as DirectLineJS itself resolves it (its ajax must return one of these). */
interface Rx5Observable {
  create(subscribe: (subscriber: { next(v: unknown): void; error(e: unknown): void; complete(): void }) => () => void): unknown;
}
const { Observable } = createRequire(createRequire(import.meta.url).resolve('botframework-directlinejs'))('rxjs/Observable') as { Observable: Rx5Observable };

/**
 * Microsoft's DirectLineJS client, as Web Chat uses it, against a desk over real HTTP and a real
 * WebSocket. In Node it needs the transport a browser has built in: XMLHttpRequest becomes
 * `fetch` (rxjs 5's ajax shape: `response`, `status`, `xhr`), the WebSocket is `ws`.
 */

interface AjaxRequest {
  url: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

function fetchAjax(request: AjaxRequest): unknown {
  return Observable.create((subscriber) => {
    const controller = new AbortController();
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    fetch(request.url, { method: request.method ?? 'GET', headers: request.headers ?? {}, ...(body !== undefined ? { body } : {}), signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        const response = text ? (JSON.parse(text) as unknown) : null;
        const xhr = { getResponseHeader: (name: string) => res.headers.get(name) };
        if (res.status >= 400) subscriber.error({ status: res.status, response, xhr });
        else {
          subscriber.next({ status: res.status, response, xhr });
          subscriber.complete();
        }
      })
      .catch((err: unknown) => subscriber.error({ status: 0, error: err }));
    return () => controller.abort();
  });
}

/** An activity as it arrives over the wire (DirectLineJS's own union is too narrow to read cards and buttons). */
export interface Activity {
  type: string;
  id?: string;
  from: { id: string; name?: string; role?: string };
  text?: string;
  value?: unknown;
  attachments?: { contentType: string; content?: unknown }[];
  suggestedActions?: { actions: { type: string; title?: string; value?: unknown }[] };
  channelData?: unknown;
}

/** A Direct Line conversation as a buyer's browser holds it: what arrived, and a way to send. */
export interface DirectLineBuyer {
  client: DirectLine;
  /** Every activity received so far (the user's own echoes included), in order. */
  received: Activity[];
  /** Sends a message as the token's user; resolves with the activity id the desk gave it. */
  say(text: string, extra?: Partial<Activity>): Promise<string>;
  /** Resolves with the first activity (from now on or already received) that `match` accepts. */
  next(match: (a: Activity) => boolean, timeoutMs?: number): Promise<Activity>;
  /** The bot's messages received so far. */
  botMessages(): Activity[];
  end(): void;
}

/** Connects DirectLineJS to a desk with a token, over its WebSocket stream or by polling. */
export function connectDirectLine(origin: string, token: string, options: { webSocket?: boolean; userId?: string; pollingInterval?: number } = {}): DirectLineBuyer {
  const client = new DirectLine({
    token,
    domain: `${origin}/v3/directline`,
    webSocket: options.webSocket ?? true,
    pollingInterval: options.pollingInterval ?? 200,
    // Undocumented but read by DirectLineJS's makeServices: the transports a browser would give it.
    ...({ WebSocket, ajax: fetchAjax } as object),
  } as ConstructorParameters<typeof DirectLine>[0]);
  const received: Activity[] = [];
  const waiters = new Set<{ match: (a: Activity) => boolean; resolve: (a: Activity) => void }>();
  const subscription = client.activity$.subscribe((incoming) => {
    const a = incoming as unknown as Activity;
    received.push(a);
    for (const w of waiters) {
      if (w.match(a)) {
        waiters.delete(w);
        w.resolve(a);
      }
    }
  });
  const from = { id: options.userId ?? 'me', role: 'user' as const };
  return {
    client,
    received,
    say: (text, extra = {}) =>
      new Promise<string>((resolve, reject) => {
        client.postActivity({ type: 'message', from, text, ...extra } as unknown as ClientActivity).subscribe({ next: resolve, error: reject });
      }),
    next: (match, timeoutMs = 15_000) => {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise<Activity>((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (waiters.delete(waiter)) reject(new Error(`no matching activity within ${timeoutMs} ms; received: ${JSON.stringify(received.map((a) => [a.type, a.from?.id, 'text' in a ? a.text : undefined]))}`));
        }, timeoutMs);
      });
    },
    botMessages: () => received.filter((a) => a.type === 'message' && a.from?.role !== 'user' && a.from?.id !== from.id),
    end: () => {
      subscription.unsubscribe();
      client.end();
    },
  };
}

export { ConnectionStatus };
