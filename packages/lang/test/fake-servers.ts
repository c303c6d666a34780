/**
 * Small local stand-ins for the HTTP engines we cannot run here, implementing the documented
 * requests and answers of LibreTranslate (`/languages`, `/translate`) and DeepL (`/v2/languages`,
 * `/v2/translate`). Their "translation" is a word list: enough to see what went where.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const WORDS: Readonly<Record<string, string>> = {
  hello: 'hola',
  friend: 'amigo',
  i: 'yo',
  like: 'gusto',
  cats: 'gatos',
  cat: 'gato',
  and: 'y',
  dogs: 'perros',
  the: 'el',
  house: 'casa',
  is: 'es',
  red: 'roja',
  see: 'mira',
  ask: 'pregunta',
  at: 'en',
  second: 'segunda',
  line: 'línea',
  good: 'buenos',
  morning: 'días',
  refugee: 'refugiado',
};

/**
 * Word-by-word "English → Spanish". Like a real neural engine it has no notion of entities: a
 * word inside a topic or a link is translated too (#cats → #gatos).
 */
export function fakeTranslate(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => {
    const translated = WORDS[word.toLowerCase()];
    if (translated === undefined) return word;
    return word[0] === word[0]!.toUpperCase()
      ? translated[0]!.toUpperCase() + translated.slice(1)
      : translated;
  });
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** Delays every answer by this much (to test timeouts). */
  delayMs: number;
  /** Answers every request with this status while set. */
  failWith: number | undefined;
  close(): Promise<void>;
}

type Handler = (request: RecordedRequest, url: URL) => { status: number; body: unknown };

async function startServer(handler: Handler): Promise<FakeServer> {
  const sockets = new Set<import('node:net').Socket>();
  const fake: FakeServer = {
    url: '',
    requests: [],
    delayMs: 0,
    failWith: undefined,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      raw += chunk;
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      let body: unknown = raw;
      if (request.headers['content-type']?.includes('application/json')) {
        body = JSON.parse(raw || 'null');
      }
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        headers: request.headers,
        body,
      };
      fake.requests.push(recorded);
      const answer =
        fake.failWith !== undefined
          ? { status: fake.failWith, body: { error: 'failing on purpose' } }
          : handler(recorded, url);
      setTimeout(() => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer.body));
      }, fake.delayMs);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

export interface FakeLibreTranslateOptions {
  apiKey?: string;
  languages?: { code: string; name: string; targets?: string[] }[];
}

/** LibreTranslate's API: `GET /languages`, `POST /translate` (q as an array, format text). */
export function startFakeLibreTranslate(
  options: FakeLibreTranslateOptions = {},
): Promise<FakeServer> {
  const languages = options.languages ?? [
    { code: 'en', name: 'English', targets: ['es', 'zh-Hans', 'zh-Hant'] },
    { code: 'es', name: 'Spanish', targets: ['en'] },
    { code: 'zh-Hans', name: 'Chinese', targets: ['en'] },
    { code: 'zh-Hant', name: 'Chinese (Traditional)', targets: ['en'] },
  ];
  return startServer((request, url) => {
    if (request.method === 'GET' && url.pathname === '/languages') {
      return { status: 200, body: languages };
    }
    if (request.method === 'POST' && url.pathname === '/translate') {
      const body = request.body as {
        q?: unknown;
        source?: string;
        target?: string;
        format?: string;
        api_key?: string;
      };
      if (options.apiKey !== undefined && body.api_key !== options.apiKey) {
        return { status: 403, body: { error: 'Invalid API key' } };
      }
      if (!Array.isArray(body.q) || body.format !== 'text') {
        return { status: 400, body: { error: 'Invalid request' } };
      }
      return {
        status: 200,
        body: { translatedText: (body.q as string[]).map(fakeTranslate) },
      };
    }
    return { status: 404, body: { error: 'Not found' } };
  });
}

export interface FakeDeepLOptions {
  authKey: string;
}

const DEEPL_SOURCES = ['DE', 'EN', 'ES', 'FR', 'JA', 'PT', 'ZH'];
const DEEPL_TARGETS = [
  'DE',
  'EN-GB',
  'EN-US',
  'ES',
  'FR',
  'JA',
  'PT-BR',
  'PT-PT',
  'ZH-HANS',
  'ZH-HANT',
];

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** DeepL's API: `GET /v2/languages`, `POST /v2/translate` (JSON), `DeepL-Auth-Key` auth. */
export function startFakeDeepL(options: FakeDeepLOptions): Promise<FakeServer> {
  return startServer((request, url) => {
    if (request.headers.authorization !== `DeepL-Auth-Key ${options.authKey}`) {
      return { status: 403, body: { message: 'Wrong endpoint or authentication key' } };
    }
    if (request.method === 'GET' && url.pathname === '/v2/languages') {
      const list = url.searchParams.get('type') === 'target' ? DEEPL_TARGETS : DEEPL_SOURCES;
      return { status: 200, body: list.map((language) => ({ language, name: language })) };
    }
    if (request.method === 'POST' && url.pathname === '/v2/translate') {
      const body = request.body as {
        text?: unknown;
        target_lang?: string;
        source_lang?: string;
        tag_handling?: string;
        ignore_tags?: string[];
      };
      if (!Array.isArray(body.text) || body.text.length > 50) {
        return { status: 400, body: { message: 'Invalid text' } };
      }
      if (!DEEPL_TARGETS.includes(body.target_lang ?? '')) {
        return { status: 400, body: { message: `Value for 'target_lang' not supported.` } };
      }
      const xml = body.tag_handling === 'xml';
      const ignored = new Set(body.ignore_tags ?? []);
      const translations = (body.text as string[]).map((text) => ({
        detected_source_language: body.source_lang ?? 'EN',
        text: xml
          ? text
              .split(/(<(\w+)>[\s\S]*?<\/\2>)/)
              .filter((_part, index) => index % 3 !== 2)
              .map((part, index) => {
                if (index % 2 === 1) {
                  // An ignored tag's content is kept as is; another tag's content is translated.
                  const [, tag, inner] = /^<(\w+)>([\s\S]*)<\/\w+>$/.exec(part)!;
                  if (ignored.has(tag!)) return part;
                  return `<${tag}>${escapeXml(fakeTranslate(unescapeXml(inner!)))}</${tag}>`;
                }
                return escapeXml(fakeTranslate(unescapeXml(part)));
              })
              .join('')
          : fakeTranslate(text),
      }));
      return { status: 200, body: { translations } };
    }
    return { status: 404, body: { message: 'Not found' } };
  });
}
