import type { FastifyInstance } from 'fastify';

/**
 * A `fetch` that answers through `app.inject` (no socket), optionally as a given client address
 * (sent as `X-Forwarded-For`, which the app honours when loopback is a trusted proxy). Bodies may
 * be strings, bytes or `FormData` (multipart uploads).
 */
export function injectFetch(app: FastifyInstance, ip?: string): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    if (ip) headers['x-forwarded-for'] = ip;
    let payload: string | Buffer | undefined;
    if (typeof init.body === 'string') {
      payload = init.body;
    } else if (init.body !== undefined && init.body !== null) {
      // Let the platform encode it (multipart boundary included), then hand over the bytes.
      const encoded = new Request(url, { method: init.method ?? 'POST', body: init.body });
      payload = Buffer.from(await encoded.arrayBuffer());
      const type = encoded.headers.get('content-type');
      if (type && !headers['content-type']) headers['content-type'] = type;
    }
    const response = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: `${url.pathname}${url.search}`,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    const noBody = response.statusCode === 204 || response.statusCode === 304;
    return new Response(noBody ? null : response.rawPayload, {
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
    });
  }) as typeof fetch;
}
