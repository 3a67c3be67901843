import net from 'node:net';

/** Host names that always mean this machine. */
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

/** Lowest loopback port replies may go to: the well-known ports below it are the machine's own system services. */
const LOWEST_LOOPBACK_PORT = 1024;

/**
 * In open mode (no app id) nothing authenticates the caller, and the bot POSTs its replies to
 * whatever `serviceUrl` the caller sent: left open, the desk could be made to send requests
 * anywhere. Only the origins of `SERVICE_URL_ALLOW_LIST` and, for the Emulator, a loopback origin
 * are accepted, and a loopback one only as a bare origin (`http://localhost:PORT`, no path, query,
 * credentials or fragment, so the desk only ever POSTs to `/v3/conversations/…` there), on an
 * unprivileged port that is not the desk's own. Returns a reason when refused, undefined when allowed.
 */
export function refuseServiceUrl(serviceUrl: string, allowedOrigins: readonly string[], deskPort?: number): string | undefined {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return `serviceUrl "${serviceUrl.slice(0, 200)}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `serviceUrl "${url.origin}" must be http or https`;
  if (url.username || url.password) return 'serviceUrl must not carry credentials';
  if (allowedOrigins.includes(url.origin)) return undefined;
  if (!isLoopbackHost(url.hostname)) {
    return `serviceUrl "${url.origin}" is not allowed without app credentials: only loopback addresses or SERVICE_URL_ALLOW_LIST`;
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return `serviceUrl "${url.origin}" must be a bare origin on loopback (no path, query or fragment)`;
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (port < LOWEST_LOOPBACK_PORT) return `serviceUrl "${url.origin}" must use a port of ${LOWEST_LOOPBACK_PORT} or above on loopback`;
  if (deskPort !== undefined && port === deskPort) return `serviceUrl "${url.origin}" is the desk itself`;
  return undefined;
}
