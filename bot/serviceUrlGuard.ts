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

/**
 * In open mode (no app id) nothing authenticates the caller, and the bot POSTs its replies to
 * whatever `serviceUrl` the caller sent: left open, the desk could be made to send requests
 * anywhere. Only loopback addresses and the origins of `SERVICE_URL_ALLOW_LIST` are accepted.
 * Returns a reason when refused, undefined when allowed.
 */
export function refuseServiceUrl(serviceUrl: string, allowedOrigins: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return `serviceUrl "${serviceUrl}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `serviceUrl "${serviceUrl}" must be http or https`;
  if (isLoopbackHost(url.hostname) || allowedOrigins.includes(url.origin)) return undefined;
  return `serviceUrl "${url.origin}" is not allowed without app credentials: only loopback addresses or SERVICE_URL_ALLOW_LIST`;
}
